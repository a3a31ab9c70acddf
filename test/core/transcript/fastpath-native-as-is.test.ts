/**
 * `nativeAsIs` (formats/plain.ts): a raw native record it takes as it stands must be exactly what
 * `buildNative` would have built from it (same keys, same order, same values), on generated
 * records in the build's order and in other orders, valid or just past a bound.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsedStringsClean, type Obj } from "../../../lambdas/core/transcript/formats/common";
import { buildNative, nativeAsIs } from "../../../lambdas/core/transcript/formats/plain";
import { SCHEMA_ID } from "../../../lambdas/core/transcript/schema";

/** Structure, key order and -0 included. */
function ser(v: unknown): string {
  if (v === undefined) return "U";
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v !== "object" || v === null) return String(v);
  if (Array.isArray(v)) return "[" + v.map(ser).join(",") + "]";
  return "{" + Reflect.ownKeys(v).map((k) => `${String(k)}:${ser((v as Obj)[k as string])}`) + "}";
}

const rare = <T, U>(ok: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: ok, weight: 80 }, { arbitrary: odd, weight: 1 });
const str = (max: number) =>
  rare(
    fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("ok", "2024-01-02", "x".repeat(max))),
    fc.constantFrom("x".repeat(max + 1), "", "\u0000", "\\u0000", "\ud800", "😀".repeat(max), 1, null),
  );
const num = rare(fc.constantFrom(0, -0, 0.5, 1), fc.constantFrom(10, 11, -1, 1.5, 2 ** 53));
const flag = rare(fc.boolean(), fc.constantFrom("true", 0, null));
const part = fc.oneof(
  fc.record({ type: fc.constant("text"), text: str(10) }),
  fc.record(
    { type: fc.constant("reasoning"), text: str(10), summary: flag, opaque: flag },
    { requiredKeys: ["type", "text"] },
  ),
  fc.record({ type: fc.constant("tool_call"), id: str(256), name: str(256), arguments: str(10) }),
  fc.record(
    { type: fc.constant("tool_result"), id: str(256), text: str(10), isError: flag },
    { requiredKeys: ["type", "id", "text"] },
  ),
  fc.constantFrom({ type: "image" }, null, "text"),
);
const message = fc.record(
  {
    role: rare(fc.constantFrom("system", "user", "assistant", "tool"), fc.constant("bot")),
    parts: fc.array(part, { maxLength: 3 }),
    name: str(256),
  },
  { requiredKeys: ["role", "parts"] },
);
const record = fc.record(
  {
    schema: rare(fc.constant(SCHEMA_ID), fc.constant("other")),
    id: rare(fc.constantFrom("t-1", "abc.def_2"), fc.constantFrom("bad id", "..", 5, "")),
    lab: rare(fc.constant(undefined), fc.constant("lab")),
    model: fc.record(
      { id: str(256), provider: str(1024), family: str(1024), releaseDate: str(1024) },
      { requiredKeys: ["id"] },
    ),
    inference: fc.record(
      {
        temperature: num,
        top_p: num,
        max_tokens: num,
        reasoning_effort: str(1024),
        provider: str(8),
        serving: str(8),
      },
      { requiredKeys: [] },
    ),
    task: fc.record({ id: str(1024), name: str(8), dataset: str(8) }, { requiredKeys: [] }),
    createdAt: str(64),
    license: str(1024),
    tags: rare(fc.array(str(1024), { maxLength: 3 }), fc.constant(new Array<string>(65).fill("t"))),
    publishable: flag,
    messages: rare(fc.array(message, { minLength: 1, maxLength: 3 }), fc.constant([])),
    metadata: rare(fc.constant(undefined), fc.constant({ a: 1 })),
  },
  { requiredKeys: ["schema", "id", "model", "messages"] },
);
/** One order of every key that agrees with the order the build writes each object's keys in. */
const ORDER = [
  "type",
  "schema",
  "id",
  "text",
  "summary",
  "opaque",
  "isError",
  "lab",
  "model",
  "temperature",
  "top_p",
  "max_tokens",
  "reasoning_effort",
  "provider",
  "serving",
  "family",
  "releaseDate",
  "inference",
  "task",
  "createdAt",
  "license",
  "tags",
  "publishable",
  "role",
  "parts",
  "name",
  "dataset",
  "arguments",
  "messages",
  "metadata",
];
const rank = (k: string) => ORDER.indexOf(k);
/** Keys in the build's order (objects and their sub-objects), now and then in another one. */
function shuffled(v: unknown, seed: number): unknown {
  if (Array.isArray(v)) return v.map((x, i) => shuffled(x, seed + i));
  if (typeof v !== "object" || v === null) return v;
  const keys = Object.keys(v).sort((a, b) => rank(a) - rank(b));
  if (seed % 5 === 0 && keys.length > 1) keys.push(keys.shift()!);
  const out: Obj = {};
  for (const k of keys) out[k] = shuffled((v as Obj)[k], seed * 7 + 1);
  return out;
}

describe("nativeAsIs: a record taken as it stands is what buildNative builds", () => {
  it("agrees with buildNative on generated records", () => {
    let taken = 0;
    let built = 0;
    fc.assert(
      fc.property(record, fc.nat(), (r, seed) => {
        const text = JSON.stringify(shuffled(r, seed));
        const o = JSON.parse(text) as Obj;
        const clean = parsedStringsClean(text, true);
        const b = buildNative(o, clean);
        if (b !== undefined && !b.pending) built++;
        if (!nativeAsIs(o, clean)) return;
        taken++;
        expect(b).toBeDefined();
        expect(b!.pending).toBe(false);
        expect(ser(o)).toBe(ser(b!.transcript));
      }),
      { numRuns: 4000 },
    );
    // Both sides reached: records taken as they stand, and valid ones it leaves to the build.
    expect(taken).toBeGreaterThan(30);
    expect(built).toBeGreaterThan(taken);
  });

  it("leaves to the build what needs cleaning, dropping, copying or defaults", () => {
    const base = {
      schema: SCHEMA_ID,
      id: "t-1",
      model: { id: "m" },
      messages: [
        { role: "assistant", parts: [{ type: "reasoning", text: "r", summary: false, opaque: false }] },
      ],
    };
    expect(nativeAsIs(structuredClone(base), true)).toBe(true);
    expect(nativeAsIs(structuredClone(base), false)).toBe(false);
    expect(nativeAsIs({ ...structuredClone(base), lab: "x" }, true)).toBe(false);
    expect(nativeAsIs({ ...structuredClone(base), metadata: {} }, true)).toBe(false);
    const { id, ...noId } = structuredClone(base);
    expect(nativeAsIs({ id, ...noId }, true)).toBe(false); // id before schema
    const { schema, ...rest } = structuredClone(base);
    expect(nativeAsIs({ ...rest, schema } as Obj, true)).toBe(false);
    const noFlag = structuredClone(base) as Obj & typeof base;
    delete (noFlag.messages[0]!.parts[0] as Obj).opaque;
    expect(nativeAsIs(noFlag, true)).toBe(false);
    expect(nativeAsIs({ ...structuredClone(base), id: "a b" }, true)).toBe(false);
  });
});
