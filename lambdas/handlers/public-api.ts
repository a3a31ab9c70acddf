/**
 * The public-api Lambda handler. Being written (see the issues); until then it fails loudly instead of
 * pretending to work, so the stack can be synthesised and nothing silently succeeds.
 */
export const handler = async (): Promise<never> => {
  throw new Error("public-api handler: not implemented yet");
};
