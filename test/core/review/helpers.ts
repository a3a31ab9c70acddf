import type { PublishedBody, PublishedMessage } from "../../../lambdas/core/transcript/published";

/** A deterministic pseudo-random string (secret-shaped test data is built at run time). */
export function randomToken(alphabet: string, n: number, seed = 7): string {
  let s = seed;
  let out = "";
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out += alphabet[(s >>> 16) % alphabet.length];
  }
  return out;
}
export const B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function body(messages: PublishedMessage[], extra: Partial<PublishedBody> = {}): PublishedBody {
  return {
    schema: "cotshare/transcript@1",
    id: "t0123456789abcdef01234567",
    lab: "acme",
    model: { id: "gpt-4o-mini-2024-07-18" },
    messages,
    legibility: { score: 80, signals: {} },
    redaction: { counts: {}, placeholders: 0 },
    ...extra,
  };
}

export function text(t: string, role: PublishedMessage["role"] = "assistant"): PublishedMessage {
  return { role, parts: [{ type: "text", text: t }] };
}

export const CLEAN =
  "Let me think about the user's question. The function getElementsByTagName returns a live list, " +
  "so we iterate over it with a for loop. The model gpt-4o-mini-2024-07-18 and commit " +
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 with id " +
  "550e8400-e29b-41d4-a716-446655440000 are fine, and so is src/components/FooBarBaz.tsx.";
