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
