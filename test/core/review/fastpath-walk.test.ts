import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collectStrings, reviewStrings } from "../../../lambdas/core/review/strings";

/** The walk lists own enumerable string keys (what `Object.keys` lists), in that order. */
const viaKeys = (v: unknown) =>
  collectStrings(v)
    .filter((s) => s.path !== "schema")
    .map((s) => [s.path, s.text]);
const viaWalk = (v: unknown) => reviewStrings(v).map((s) => [s.path, s.text]);

describe("reviewStrings: own enumerable keys only, as Object.keys lists them", () => {
  it("agrees on objects that are not plain data", () => {
    const proto = { inherited: "from the prototype", id: "proto id" };
    const child = Object.create(proto) as Record<string, unknown>;
    child.own = "own text";
    child["2"] = "an index-like key";
    child.b = "b";
    const hidden = { shown: "shown" };
    Object.defineProperty(hidden, "hidden", { value: "not enumerable", enumerable: false });
    const shadow = Object.create({ s: "inherited s" }) as Record<string, unknown>;
    Object.defineProperty(shadow, "s", { value: "own hidden s", enumerable: false });
    const bare = Object.create(null) as Record<string, unknown>;
    bare.z = "z";
    bare.a = "a";
    const sym = { [Symbol("k")]: "symbol keyed", plain: "plain" };
    class Thing {
      field = "a field";
      get getter() {
        return "not own";
      }
    }
    const values: unknown[] = [
      child,
      hidden,
      shadow,
      bare,
      sym,
      new Thing(),
      new String("ab"),
      new Date(0),
      { nested: child, list: [child, hidden, "x"], id: "top id", messages: [shadow, bare] },
      { messages: [{ parts: [{ id: "c1", extra: child }] }] },
      child,
    ];
    for (const v of values) {
      expect(viaWalk(v)).toEqual(viaKeys(v));
      expect(viaWalk({ wrap: v, x: [v] })).toEqual(viaKeys({ wrap: v, x: [v] }));
    }
  });
});

describe("idPath: the identifier paths, answered from where a string sits", () => {
  const ID_PATH = /^id$|\.parts\[\d+\]\.id$/;
  const key = fc.constantFrom("id", "parts", "messages", "x", "a b", "parts.id", "0", "");
  const tree = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      fc.string({ maxLength: 3 }),
      fc.array(tie("node"), { maxLength: 3 }),
      fc.dictionary(key, tie("node"), { maxKeys: 4 }),
    ),
  })).node;
  it("equals the path pattern on any tree", () => {
    let ids = 0;
    fc.assert(
      fc.property(tree, (v) => {
        for (const s of [...reviewStrings(v), ...reviewStrings({ messages: [v], id: "i", parts: [v] })]) {
          const want = ID_PATH.test(s.path);
          if (want) ids++;
          expect(s.idPath).toBe(want);
        }
      }),
      { numRuns: 3000 },
    );
    expect(ids).toBeGreaterThan(100);
  });
});
