/**
 * The IPv6 gate asked at each colon (`ipv6Gate`) against its regex (IPV6_GATE), on random texts
 * of hex digits, colons and other characters.
 */
import { describe, expect, it } from "vitest";
import { IPV6_GATE, ipv6Gate } from "../../../lambdas/core/redact/pii";

describe("IPv6 gate", () => {
  it("matches the texts its regex matches", () => {
    let s = 3;
    const r = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pieces = "0|9|a|f|A|F|g|G|x|:|::| |.|12|abcd|ABCDE|fe80|é|\n".split("|");
    let matched = 0;
    for (let n = 0; n < 30000; n++) {
      let t = "";
      for (let k = 0, len = Math.floor(r() * 10); k < len; k++) t += pieces[Math.floor(r() * pieces.length)]!;
      const want = IPV6_GATE.test(t);
      if (want) matched++;
      expect(ipv6Gate(t), JSON.stringify(t)).toBe(want);
    }
    expect(matched).toBeGreaterThan(1000);
    for (const t of ["2001:db8::1", "a:b:", "a:bcdef:", "a:bcde:", ":a:", "12:30:45", "fe80::1%eth0"])
      expect(ipv6Gate(t), t).toBe(IPV6_GATE.test(t));
  });
});
