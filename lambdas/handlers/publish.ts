/**
 * The publish Lambda handler. Being written (see the issues); until then it fails loudly instead of
 * pretending to work, so the stack can be synthesised and nothing silently succeeds.
 */
export const handler = async (): Promise<never> => {
  throw new Error("publish handler: not implemented yet");
};
