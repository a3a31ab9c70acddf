/**
 * The review API's publishing in the cloud: a synchronous (RequestResponse) invoke of the publish
 * function, the only function that may sign (`kms:Sign`) and write the public bucket. The payloads
 * are the ones the publish handler accepts: `{action: "publish", actor}` and
 * `{action: "withdraw", id, reason, actor}`; the answer is the handler's result.
 *
 * A failed invoke comes back as `{errorType, errorMessage}` (the Lambda runtime keeps the error's
 * name and message only), so the typed errors the review router maps to 404 / 409 are rebuilt here
 * from the error's class and its message, which our own code writes (lifecycle, service/publish).
 * A throttled invoke (the function is busy with another run) is `publish_busy`.
 */
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CotshareError } from "../core/errors";
import { LifecycleError, type LifecycleErrorCode } from "../core/lifecycle";
import { ENV } from "../core/names";
import type { PublishNow, WithdrawNow } from "../api/review";

/** The part of the Lambda client this adapter uses (a real `LambdaClient`, or a mock in tests). */
export interface LambdaLike {
  send(command: InvokeCommand): Promise<unknown>;
}

export interface RemotePublisher {
  publish: PublishNow;
  withdraw: WithdrawNow;
}

const dec = new TextDecoder();
const enc = new TextEncoder();

/** Lifecycle codes by the words of their messages (core/lifecycle, service/publish `moveStatus`). */
const LIFECYCLE_MESSAGES: Array<[RegExp, LifecycleErrorCode]> = [
  [/cannot go from /, "invalid_transition"],
  [/does not exist$/, "not_found"],
  [/(is no longer |changed status meanwhile)/, "conflict"],
  [/needs a reason$/, "missing_reason"],
  [/needs an actor$/, "missing_actor"],
  [/the review blocked it/, "blocked_verdict"],
];

/** The error a failed invoke stands for: typed when the review router knows it, generic otherwise. */
export function errorFromInvoke(payload: string): Error {
  let e: { errorType?: unknown; errorMessage?: unknown } = {};
  try {
    e = JSON.parse(payload) as typeof e;
  } catch {
    // not JSON: a runtime failure
  }
  const type = typeof e.errorType === "string" ? e.errorType : "Unknown";
  const message = typeof e.errorMessage === "string" ? e.errorMessage.slice(0, 500) : "";
  if (type === "NotFoundError") return new CotshareError("not_found", message || "not found");
  if (type === "LifecycleError") {
    const code = LIFECYCLE_MESSAGES.find(([re]) => re.test(message))?.[1] ?? "conflict";
    return new LifecycleError(code, message);
  }
  // Anything else (takedown_incomplete, a timeout, an SDK error) is the publish function's failure:
  // named by its type only; its own logs and the Errors alarm carry the rest.
  return new CotshareError("publish_failed", `the publish function failed (${type})`);
}

/** Publish and withdraw by invoking the publish function `functionName`. */
export function invokePublisher(lambda: LambdaLike, functionName: string): RemotePublisher {
  async function call(payload: Record<string, string>): Promise<unknown> {
    let out: { FunctionError?: string; Payload?: Uint8Array };
    try {
      out = (await lambda.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: "RequestResponse",
          Payload: enc.encode(JSON.stringify(payload)),
        }),
      )) as typeof out;
    } catch (e) {
      // The publish function runs one invocation at a time (reserved concurrency 1): a second one
      // is throttled, and the SDK's own retries did not outlast the first.
      if ((e as { name?: unknown })?.name === "TooManyRequestsException")
        throw new CotshareError(
          "publish_busy",
          "another publication or takedown is running; try again when it has finished",
        );
      throw e;
    }
    const text = out.Payload ? dec.decode(out.Payload) : "";
    if (out.FunctionError) throw errorFromInvoke(text);
    return text ? (JSON.parse(text) as unknown) : null;
  }
  return {
    publish: (actor) => call({ action: "publish", actor }),
    withdraw: (id, reason, actor) => call({ action: "withdraw", id, reason, actor }),
  };
}

/**
 * The publisher the stack configures (`ENV.publishFunctionName`). Without it, publishing from the
 * review API fails with `publish_unconfigured` — never falls back to writing sets in-process.
 */
export function publisherFromEnv(
  env: Record<string, string | undefined> = process.env,
  lambda: () => LambdaLike = () => new LambdaClient({}),
): RemotePublisher {
  const name = env[ENV.publishFunctionName];
  if (name) return invokePublisher(lambda(), name);
  const refuse = async (): Promise<never> => {
    throw new CotshareError("publish_unconfigured", `${ENV.publishFunctionName} is not set`);
  };
  return { publish: refuse, withdraw: refuse };
}
