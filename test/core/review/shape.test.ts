import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainlyValidBody } from "../../../lambdas/core/review/shape";
import { checkStructure } from "../../../lambdas/core/review/structure";
import { PublishedBody } from "../../../lambdas/core/transcript/published";
import { body, mutate } from "./body-arbitraries";

describe("plainlyValidBody: says valid only when the schema does", () => {
  it("agrees with zod on generated bodies (valid or not)", () => {
    let fast = 0;
    let valid = 0;
    fc.assert(
      fc.property(body, (b) => {
        // Unusual objects (null prototype, -0, NaN) may go to zod: never the other way round.
        if (plainlyValidBody(b)) expect(PublishedBody.safeParse(b).success).toBe(true);
        // As written (JSON), a body is plain data: the check then agrees with zod exactly.
        const json: unknown = JSON.parse(JSON.stringify(b));
        const ok = PublishedBody.safeParse(json).success;
        const f = plainlyValidBody(json);
        if (f) fast++;
        if (ok) valid++;
        expect(f).toBe(ok);
      }),
      { numRuns: 3000 },
    );
    // The generator must reach both sides for the property to mean anything.
    expect(valid).toBeGreaterThan(100);
    expect(fast).toBe(valid);
    expect(valid).toBeLessThan(2900);
  });

  it("never says valid for a body zod rejects, after any small edit", () => {
    fc.assert(
      fc.property(body, fc.array(fc.nat(), { maxLength: 6 }), fc.nat(), (b, path, edit) => {
        const m = mutate(b, path, edit);
        if (plainlyValidBody(m)) expect(PublishedBody.safeParse(m).success).toBe(true);
        expect(structureReasons(m)).toEqual(viaZod(m));
      }),
      { numRuns: 3000 },
    );
  });

  it("says not valid for what it is not sure of", () => {
    expect(plainlyValidBody(null)).toBe(false);
    expect(plainlyValidBody([])).toBe(false);
    expect(
      plainlyValidBody(
        new Proxy(
          {},
          {
            getPrototypeOf: () => {
              throw new Error("x");
            },
          },
        ),
      ),
    ).toBe(false);
  });
});

const pathOf = (segments: readonly PropertyKey[]) =>
  segments.reduce<string>(
    (out, s) => (typeof s === "number" ? `${out}[${s}]` : out ? `${out}.${String(s)}` : String(s)),
    "",
  );
/** The structure reasons zod's own issues give. */
function viaZod(m: unknown): string[] {
  const parsed = PublishedBody.safeParse(m);
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((i) =>
    i.code === "unrecognized_keys"
      ? i.keys.map((k) => `unlisted_field ${pathOf([...i.path, k])}`)
      : [`malformed ${pathOf(i.path)}`],
  );
}
const structureReasons = (m: unknown) =>
  checkStructure(m)
    .filter((r) => r.code === "unlisted_field" || r.code === "malformed")
    .map((r) => `${r.code} ${r.path}`);
