/**
 * Framework-free HTTP request/response shapes for the public and review APIs, so the same routing
 * code runs behind API Gateway / Lambda function URLs in the cloud and behind the local server.
 */
export interface ApiRequest {
  method: string;
  /** Path without the query string, e.g. `/api/sets/abc`. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body?: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type ApiHandler = (req: ApiRequest) => Promise<ApiResponse>;

export function json(status: number, value: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(value),
  };
}

/** Errors as `{error: {code, message}}` with a stable code. */
export function apiError(status: number, code: string, message: string): ApiResponse {
  return json(status, { error: { code, message } }, { "cache-control": "no-store" });
}
