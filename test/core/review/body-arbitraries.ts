/** Generated published bodies (valid or just past a bound) and small edits of them, for the shape tests. */
import fc from "fast-check";

const str = (max: number, min = 0) =>
  fc.string({ minLength: min, maxLength: max, unit: "grapheme-composite" });
/** Mostly valid, now and then just past a bound (one odd value in a body makes it invalid). */
const rare = <T, U>(ok: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: ok, weight: 30 }, { arbitrary: odd, weight: 1 });
const bounded = (max: number, min = 0) =>
  rare(
    fc.oneof(str(8, Math.max(min, 0)), fc.constant("x".repeat(max))),
    fc.constantFrom("x".repeat(max + 1), ...(min > 0 ? [""] : [])),
  );
const num = rare(
  fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(0.5, 1, 10, 100)),
  fc.oneof(fc.double(), fc.constantFrom(-1, -0, 100.5, 1e300, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity)),
);

const part = fc.oneof(
  fc.record({ type: fc.constant("text"), text: str(20) }),
  fc.record({ type: fc.constant("reasoning"), text: str(20), summary: fc.boolean(), opaque: fc.boolean() }),
  fc.record({ type: fc.constant("tool_call"), id: str(8), name: str(8), arguments: str(20) }),
  fc.record(
    { type: fc.constant("tool_result"), id: str(8), text: str(20), isError: fc.boolean() },
    { requiredKeys: ["type", "id", "text"] },
  ),
);
const message = fc.record(
  {
    role: rare(fc.constantFrom("system", "user", "assistant", "tool"), fc.constant("bot")),
    name: bounded(256),
    parts: fc.array(part, { maxLength: 4 }),
  },
  { requiredKeys: ["role", "parts"] },
);
const signal = fc.record(
  { value: fc.oneof(num, str(6), fc.boolean(), fc.constant(null)), subscore: num, explanation: str(10) },
  { requiredKeys: ["value", "subscore"] },
);
const worst = fc.record({ message: num, part: num, start: num, end: num, score: num });
export const body = fc.record(
  {
    schema: rare(fc.constant("cotshare/transcript@1"), fc.constant("cotshare/transcript@2")),
    id: bounded(256, 1),
    lab: bounded(40, 1),
    model: fc.record(
      {
        id: bounded(256, 1),
        provider: bounded(1024),
        family: str(8),
        releaseDate: rare(fc.constant("2024-07-18"), fc.constantFrom("2024-7-18", "x")),
      },
      { requiredKeys: ["id"] },
    ),
    inference: fc.record(
      {
        temperature: num,
        top_p: num,
        max_tokens: num,
        reasoning_effort: bounded(1024),
        provider: str(8),
        serving: str(8),
      },
      { requiredKeys: [] },
    ),
    task: fc.record({ id: str(8), name: bounded(1024), dataset: str(8) }, { requiredKeys: [] }),
    createdAt: bounded(64),
    license: bounded(1024),
    tags: rare(
      fc.array(bounded(1024), { maxLength: 3 }),
      fc.array(fc.constant("t"), { minLength: 64, maxLength: 65 }),
    ),
    messages: rare(fc.array(message, { minLength: 1, maxLength: 4 }), fc.constant([])),
    legibility: fc.record(
      {
        scorer: str(8),
        score: num,
        basis: rare(fc.constantFrom("reasoning", "summary", "text", "none"), fc.constant("other")),
        signals: fc.dictionary(fc.string({ maxLength: 6 }), signal, { maxKeys: 4 }),
        worst,
      },
      { requiredKeys: ["score", "signals"] },
    ),
    redaction: fc.record({
      counts: fc.dictionary(fc.string({ maxLength: 6 }), num, { maxKeys: 4 }),
      placeholders: num,
    }),
  },
  { requiredKeys: ["schema", "id", "lab", "model", "messages", "legibility", "redaction"] },
);

/** Small edits that make a body unusual or malformed, at any depth. */
export function mutate(v: unknown, path: number[], edit: number): unknown {
  if (v === null || typeof v !== "object") {
    return [undefined, null, 1, "s", [], {}, -0, true][edit % 8];
  }
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  const copy: Record<string | number, unknown> = (Array.isArray(v) ? [...v] : { ...v }) as Record<
    string | number,
    unknown
  >;
  if (path.length === 0 || keys.length === 0) {
    switch (edit % 6) {
      case 0:
        copy.extra = 1;
        return copy;
      case 1:
        if (keys.length) delete copy[keys[0]!];
        return copy;
      case 2:
        return Object.assign(Object.create({ inherited: 1 }), copy);
      case 3:
        Object.defineProperty(copy, "__proto__", {
          value: {},
          enumerable: true,
          configurable: true,
          writable: true,
        });
        return copy;
      case 4:
        (copy as Record<symbol, unknown>)[Symbol("s")] = 1;
        return copy;
      default:
        if (keys.length) copy[keys[0]!] = undefined;
        return copy;
    }
  }
  const k = keys[path[0]! % keys.length]!;
  copy[k] = mutate(copy[k], path.slice(1), edit);
  return copy;
}
