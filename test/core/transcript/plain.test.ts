/**
 * The fast path of the reader (formats/plain.ts, and `clean` / `parsedStringsClean` in
 * formats/common.ts) against the straightforward forms it replaces: zod on the candidate, and
 * `cloneData` + zod for a raw native record, on generated valid transcripts and on mutated ones.
 * The fast path may decline (undefined) but must never answer differently.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RejectionError, toRejection } from "../../../lambdas/core/errors";
import {
  clean,
  cloneData,
  parsedStringsClean,
  type Obj,
} from "../../../lambdas/core/transcript/formats/common";
import { buildDraft, buildNative } from "../../../lambdas/core/transcript/formats/plain";
import { contentId, safeId } from "../../../lambdas/core/transcript/ids";
import { readTranscripts } from "../../../lambdas/core/transcript/read";
import { SCHEMA_ID, Transcript } from "../../../lambdas/core/transcript/schema";
import { enc } from "./helpers";

/** Structure, key order, `undefined` members and -0 included (toEqual ignores the last three). */
function ser(v: unknown): string {
  if (v === undefined) return "U";
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v !== "object" || v === null) return String(v);
  if (Array.isArray(v)) return "[" + v.map(ser).join(",") + "]";
  const proto = Object.getPrototypeOf(v) === Object.prototype ? "" : "?";
  return proto + "{" + Reflect.ownKeys(v).map((k) => `${String(k)}:${ser((v as Obj)[k as string])}`) + "}";
}

const NUL = String.fromCharCode(0);
const odd = [
  NUL,
  "\ud800",
  "\udfff",
  "\udbff",
  "\udc00",
  "\ud83d\ude00",
  "é",
  "三",
  "</think>",
  "\\u0000",
  '"',
  "\\",
];
/** Strings around every bound of the schema (40, 64, 256, 1024), with cleanable characters. */
const str = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom("", "a", "text", "user", "2024-01-02", "2024-1-2", "ok.id-1", "a/b", "..", "-x"),
  fc
    .tuple(
      fc.constantFrom(39, 40, 41, 63, 64, 65, 255, 256, 257, 1023, 1024, 1025),
      fc.constantFrom(...odd, "a"),
    )
    .map(([n, c]) => "a".repeat(n - 1) + c),
  fc.array(fc.constantFrom(...odd, "a", " "), { maxLength: 6 }).map((a) => a.join("")),
);
const num = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 10, 10.5, 2 ** 53, 2 ** 53 - 1, 1e300),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const bool = fc.boolean();

const part = fc.oneof(
  fc.record({ type: fc.constant("text"), text: str }, { noNullPrototype: true }),
  fc.record(
    { type: fc.constant("reasoning"), text: str, summary: bool, opaque: bool },
    { requiredKeys: ["type", "text"], noNullPrototype: true },
  ),
  fc.record(
    { type: fc.constant("tool_call"), id: str, name: str, arguments: str },
    { noNullPrototype: true },
  ),
  fc.record(
    { type: fc.constant("tool_result"), id: str, text: str, isError: bool },
    { requiredKeys: ["type", "id", "text"], noNullPrototype: true },
  ),
);
const message = fc.record(
  {
    role: fc.constantFrom("system", "user", "assistant", "tool"),
    parts: fc.array(part, { maxLength: 4 }),
    name: str,
  },
  { requiredKeys: ["role", "parts"], noNullPrototype: true },
);
const body = {
  model: fc.record(
    { id: str, provider: str, family: str, releaseDate: str },
    { requiredKeys: ["id"], noNullPrototype: true },
  ),
  inference: fc.record(
    { temperature: num, top_p: num, max_tokens: num, reasoning_effort: str, provider: str, serving: str },
    { requiredKeys: [], noNullPrototype: true },
  ),
  task: fc.record({ id: str, name: str, dataset: str }, { requiredKeys: [], noNullPrototype: true }),
  createdAt: str,
  license: str,
  tags: fc.array(str, { maxLength: 66 }),
  publishable: bool,
  messages: fc.array(message, { minLength: 1, maxLength: 4 }),
  metadata: fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), str), fc.jsonValue({ maxDepth: 2 }), {
    maxKeys: 3,
    noNullPrototype: true,
  }),
};
/** Drafts as the readers produce them (no schema; an id or none). */
const draft = fc.record({ ...body, id: str }, { requiredKeys: ["model", "messages"], noNullPrototype: true });
/** Raw native records (schema; lab and id of any type, as content may hold them). */
const native = fc.record(
  {
    schema: fc.constant(SCHEMA_ID),
    ...body,
    lab: fc.jsonValue({ maxDepth: 1 }),
    id: fc.oneof(str, num, fc.constant(null)),
  },
  { requiredKeys: ["schema", "model", "messages"], noNullPrototype: true },
);

/** Every place in a JSON-like value where a mutation can land. */
function slots(
  v: unknown,
  out: [Obj | unknown[], string | number][] = [],
): [Obj | unknown[], string | number][] {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([v, i]);
      slots(x, out);
    });
  } else if (typeof v === "object" && v !== null) {
    for (const k of Object.keys(v)) {
      out.push([v as Obj, k]);
      slots((v as Obj)[k], out);
    }
  }
  return out;
}
const anyValue = fc.oneof(
  str,
  num,
  bool,
  fc.constantFrom(null, undefined, [], {}, { type: "text", text: "t" }, ["x"], "__proto__"),
  fc.jsonValue({ maxDepth: 2 }),
);
const op = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("set", "delete", "add", "append"),
  key: fc.constantFrom(
    "type",
    "text",
    "id",
    "role",
    "parts",
    "extra",
    "__proto__",
    "summary",
    "isError",
    "lab",
    "name",
  ),
  value: anyValue,
});
/** A generated value, possibly mutated (replaced, deleted, extra or `__proto__` keys, appended odd characters). */
function mutated<T>(gen: fc.Arbitrary<T>) {
  return fc.tuple(gen, fc.array(op, { maxLength: 3 })).map(([v, ops]) => {
    const c = structuredClone(v) as unknown;
    for (const op of ops) {
      // A fresh copy of the value: `constantFrom` hands out the same object every time, and
      // setting it into itself (or into a copy that holds it) made a cycle.
      const o = { ...op, value: structuredClone(op.value) };
      const ss = slots(c);
      if (!ss.length) break;
      const [parent, key] = ss[o.at % ss.length]!;
      const p = parent as Obj;
      if (o.kind === "set") p[key] = o.value;
      else if (o.kind === "delete") {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete p[key];
      } else if (o.kind === "add" && !Array.isArray(parent))
        Object.defineProperty(parent, o.key, {
          value: o.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else if (typeof p[key] === "string")
        p[key] = (p[key] as string) + (typeof o.value === "string" ? o.value : NUL);
    }
    return c as Obj;
  });
}

/** What `finalize` does with a draft, the zod way. */
function zodDraft(d: Obj, id: string): Transcript | undefined {
  const { id: _own, ...rest } = d;
  if (rest.metadata === undefined) delete rest.metadata;
  const r = Transcript.safeParse({ schema: SCHEMA_ID, id, ...rest });
  return r.success ? r.data : undefined;
}

describe("buildDraft mirrors the schema", () => {
  it("builds exactly what zod makes of every valid generated draft", () => {
    fc.assert(
      fc.property(draft, (d) => {
        const id = typeof d.id === "string" ? safeId(d.id) : "pending";
        const z = zodDraft(d, id);
        const b = buildDraft(d, id);
        if (z === undefined) expect(b).toBeUndefined();
        // Valid drafts of plain data always take the fast path.
        else expect(b !== undefined && ser(b)).toBe(ser(z));
      }),
      { numRuns: 1500 },
    );
  });
  it("never accepts what zod rejects, nor builds anything else, on mutated drafts", () => {
    fc.assert(
      fc.property(mutated(draft), (d) => {
        const id = typeof d.id === "string" ? safeId(d.id) : "pending";
        const b = buildDraft(d, id);
        if (b !== undefined) expect(ser(b)).toBe(ser(zodDraft(d, id)));
      }),
      { numRuns: 3000 },
    );
  });
  it("declines what is not plain data", () => {
    const ok = { model: { id: "m" }, messages: [{ role: "user", parts: [{ type: "text", text: "hi" }] }] };
    expect(buildDraft(ok, "t")).toBeDefined();
    expect(buildDraft(Object.assign(Object.create(null), ok), "t")).toBeUndefined();
    expect(buildDraft({ ...ok, schema: SCHEMA_ID }, "t")).toBeUndefined();
    expect(buildDraft(JSON.parse('{"__proto__":{}}') as Obj, "t")).toBeUndefined();
    expect(
      buildDraft({ ...ok, messages: [{ role: "user", parts: [new (class P {})()] }] }, "t"),
    ).toBeUndefined();
  });
});

/**
 * Reference for one native record: what the reader did before the fast path — `cloneData`, drop
 * `schema`, `lab` and a non-string `id`, then zod — as the read result of a one-record file.
 */
function referenceRead(o: Obj, source: string) {
  const copy = cloneData(o) as Obj;
  delete copy.schema;
  delete copy.lab;
  if (typeof copy.id !== "string") delete copy.id;
  const { id: ownId, ...rest } = copy;
  if (rest.metadata === undefined) delete rest.metadata;
  const r = Transcript.safeParse({
    schema: SCHEMA_ID,
    id: ownId !== undefined ? safeId(ownId as string) : "pending",
    ...rest,
  });
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const why = `${issue.code}${"expected" in issue && typeof issue.expected === "string" ? ` (expected ${issue.expected})` : ""}`;
    const field = issue.path.map(String).join(".") || undefined;
    const detail = `does not fit the canonical schema: ${why}`;
    return { items: [], rejections: [toRejection(new RejectionError("schema", { source, field, detail }))] };
  }
  const t = r.data;
  if (ownId === undefined) {
    const { id: _p, ...b } = t;
    t.id = contentId(b);
  }
  return { format: "native", items: [{ transcript: t, format: "native" }], rejections: [] };
}

describe("native records: fast path against cloneData + zod", () => {
  const cases = fc.oneof(native, mutated(native));
  it("readTranscripts gives the reference items, or the same rejection code and message", () => {
    fc.assert(
      fc.property(cases, (o) => {
        const text = JSON.stringify(o);
        const parsed = JSON.parse(text) as Obj;
        if (parsed.schema !== SCHEMA_ID || !Array.isArray(parsed.messages)) return; // another path
        expect(ser(readTranscripts("n.json", enc(text)))).toBe(ser(referenceRead(parsed, "n.json")));
      }),
      { numRuns: 3000 },
    );
  });
  it("buildNative with or without the clean-strings hint builds the same, and valid records take it", () => {
    fc.assert(
      fc.property(native, (o) => {
        const text = JSON.stringify(o);
        const parsed = JSON.parse(text) as Obj;
        const slow = buildNative(parsed);
        if (parsedStringsClean(text)) expect(ser(buildNative(parsed, true))).toBe(ser(slow));
        const ref = referenceRead(parsed, "n.json");
        if (slow === undefined) expect(ref.items.length).toBe(0);
        else {
          if (slow.pending) slow.transcript.id = ref.items[0]?.transcript.id ?? "";
          expect(ser(slow.transcript)).toBe(ser(ref.items[0]?.transcript));
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe("cleaning", () => {
  const LONE = /\p{Cs}/gu;
  const reference = (s: string) => s.replace(LONE, "\uFFFD").replaceAll(NUL, "");
  const units = fc
    .array(
      fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0x61)),
      {
        maxLength: 12,
      },
    )
    .map((a) => String.fromCharCode(...a));
  it("clean equals the regular-expression form on any UTF-16", () => {
    fc.assert(
      fc.property(units, (s) => {
        expect(clean(s)).toBe(reference(s));
      }),
      { numRuns: 5000 },
    );
  });
  it("parsedStringsClean: when it says so, clean changes no parsed string or key", () => {
    const allClean = (v: unknown): boolean =>
      typeof v === "string"
        ? clean(v) === v
        : Array.isArray(v)
          ? v.every(allClean)
          : typeof v === "object" && v !== null
            ? Object.entries(v).every(([k, x]) => clean(k) === k && allClean(x))
            : true;
    // Texts as JSON.stringify writes them, with escapes in either case, and with raw surrogates.
    const texts = fc
      .tuple(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(units, units), fc.nat(3))
      .map(([v, d, how]) => {
        const t = JSON.stringify([v, d]);
        if (how === 1)
          return t.replace(
            /[^\x20-\x7e]/g,
            (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase(),
          );
        if (how === 2)
          return t.replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
        return t;
      });
    fc.assert(
      fc.property(texts, (t) => {
        let v: unknown;
        try {
          v = JSON.parse(t);
        } catch {
          return;
        }
        if (parsedStringsClean(t)) expect(allClean(v)).toBe(true);
        // Text decoded from strict UTF-8 is well formed: the hint skips that check, nothing else.
        const decoded = new TextDecoder().decode(new TextEncoder().encode(t));
        expect(parsedStringsClean(decoded, true)).toBe(parsedStringsClean(decoded));
      }),
      { numRuns: 3000 },
    );
    expect(parsedStringsClean('{"a":"b\\u00e9"}')).toBe(true);
    expect(parsedStringsClean('{"a":"b\\u0000"}')).toBe(false);
    expect(parsedStringsClean('{"a":"\\uDFFF"}')).toBe(false);
    expect(parsedStringsClean('{"a":"\\udA00"}')).toBe(false);
    expect(parsedStringsClean('{"a":"\ud800"}')).toBe(false);
  });
});
