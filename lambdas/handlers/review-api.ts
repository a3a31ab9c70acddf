/**
 * The review-api Lambda: HTTP API v2 / function-URL events (IAM-authorised) → the review router.
 * The caller is the IAM principal API Gateway verified; without one the router answers 401.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";
import { createReviewApi } from "../api/review";
import { depsFromEnv } from "./publish";
import { toApiRequest, toResult } from "./public-api";

/** The verified IAM principal of the request (user/role ARN), if any. */
export function iamPrincipal(event: APIGatewayProxyEventV2): string | undefined {
  const ctx = event.requestContext as { authorizer?: { iam?: { userArn?: string; callerId?: string } } };
  return ctx.authorizer?.iam?.userArn || ctx.authorizer?.iam?.callerId || undefined;
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const principal = iamPrincipal(event);
  // The principal comes from the request context, never from a header the caller controls.
  const api = createReviewApi({ ...depsFromEnv(), authorize: () => principal });
  return toResult(await api(toApiRequest(event)));
};
