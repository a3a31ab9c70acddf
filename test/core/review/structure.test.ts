import { describe, expect, it } from "vitest";
import { checkStructure } from "../../../lambdas/core/review/structure";
import { PublishedBody } from "../../../lambdas/core/transcript/published";
import { body, text } from "./helpers";

const pathOf = (segments: readonly PropertyKey[]) =>
  segments.reduce<string>(
    (out, s) => (typeof s === "number" ? `${out}[${s}]` : out ? `${out}.${String(s)}` : String(s)),
    "",
  );

/** What the structure check reported when it read `safeParse`'s error. */
function viaSafeParse(candidate: unknown): string[] {
  const parsed = PublishedBody.safeParse(candidate);
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((i) =>
    i.code === "unrecognized_keys"
      ? i.keys.map((k) => `unlisted_field ${pathOf([...i.path, k])}`)
      : [`malformed (${i.code}) ${pathOf(i.path)}`],
  );
}
const seen = (candidate: unknown) =>
  checkStructure(candidate)
    .filter((r) => r.code === "unlisted_field" || r.code === "malformed")
    .map((r) =>
      r.code === "malformed"
        ? `malformed ${/\([a-z_]+\)/.exec(r.message)![0]} ${r.path}`
        : `${r.code} ${r.path}`,
    );

describe("structure: the schema's issues", () => {
  const good = body([text("hi")]);
  const cases: [string, unknown][] = [
    ["valid", good],
    ["null", null],
    ["a string", "x"],
    ["an array", [good]],
    ["an extra field", { ...good, metadata: { a: 1 } }],
    ["a nested extra field", { ...good, model: { ...good.model, owner: "x" } }],
    ["a wrong type", { ...good, lab: 7 }],
    ["no messages", { ...good, messages: [] }],
    ["a bad part", { ...good, messages: [{ role: "assistant", parts: [{ type: "image", url: "x" }] }] }],
    [
      "missing blocks",
      { schema: good.schema, id: "x", lab: "l", model: good.model, messages: good.messages },
    ],
  ];
  it.each(cases)("as safeParse reports them: %s", (_name, candidate) => {
    expect(seen(candidate)).toEqual(viaSafeParse(candidate));
  });
});
