import { describe, expect, it } from "vitest";
import { findCommandCredentials, screenCommands } from "../../../lambdas/core/review/commands";
import { denyMatcher, SCREEN_COMMANDS_AT } from "../../../lambdas/core/review/deny";

/**
 * The review's one screen pass (`DenyMatcher.screens`) also answers which of the command
 * readings' literals a text holds: exactly what `screenCommands` answers on its own, whatever
 * the text (ASCII or not, a piece of a deny term early, late or nowhere, no terms at all).
 */
const PLAIN = ["the", "a", "cat", "sat", "on", "mat", "and", "ran", "12", "x-y", "(ok).", "\n", "\\n"];
const SPECIAL = [
  " -p",
  "'-u",
  "=-k",
  "LOGIN",
  "connect",
  "Auth",
  "sqlplus",
  ":5432:",
  ":*:",
  "pass",
  "PW",
  "token",
  "key",
  "cred",
  "secret",
  "night",
  "jar",
  "Nightjar",
  "inch",
  "password=",
];
// Units outside ASCII whose low 7 bits are letters or signs of the literals (`p`, `-`, `a`, `:`).
const OTHER = [
  "é",
  "中",
  "😀",
  "\u00A0",
  "\u0170",
  "\u01AD",
  "\u012D",
  "\u01E1",
  "\u00BA",
  "ﬁ",
  "Ｋ",
  "\u0301",
];

function texts(n: number, seed: number): string[] {
  let s = seed;
  const rnd = (m: number) => ((s = (s * 1103515245 + 12345) & 0x7fffffff) >>> 8) % m;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let t = "";
    const len = 5 + rnd(160);
    const other = [0, 0, 3, 15][rnd(4)]!;
    while (t.length < len) {
      const r = rnd(100);
      if (r < other) t += OTHER[rnd(OTHER.length)];
      else if (r < other + 5) t += SPECIAL[rnd(SPECIAL.length)];
      else t += PLAIN[rnd(PLAIN.length)] + (rnd(4) ? " " : "");
    }
    out.push(t);
  }
  return out;
}

describe("screens: the command literals in the deny screen's pass", () => {
  it("answers screenCommands exactly, with terms and without, and screen's answer as before", () => {
    const withTerms = denyMatcher(["Project Bluefinch", "Kestrel-7", "Nightjar"], [], 2);
    const without = denyMatcher([], [], 2);
    const seen = [0, 0, 0, 0];
    for (const m of [withTerms, without])
      for (const min of [16, 4])
        for (const t of texts(4000, 11)) {
          const all = m.screens(t, min);
          const want = screenCommands(t);
          seen[want]!++;
          expect((all >> SCREEN_COMMANDS_AT) & 3, JSON.stringify(t)).toBe(want);
          expect(all & ~(3 << SCREEN_COMMANDS_AT), JSON.stringify(t)).toBe(m.screen(t, min));
        }
    for (const n of seen) expect(n).toBeGreaterThan(50);
  });

  it("findCommandCredentials given the screen's answer finds what it finds alone", () => {
    const m = denyMatcher(["Nightjar"], [], 2);
    const key = "Qx7" + "rT2" + "mw9" + "Zp4";
    const cases = [
      `mysql -u app -p${key} prod`,
      `sshpass -p '${key}' ssh deploy@host`,
      `echo $DB_PASSWORD\n${key}`,
      `requests.get(url, auth=("admin", "${key}"))`,
      `日本語 mysql -p${key} Nightjar`,
      "nothing to see here",
    ];
    for (const t of cases)
      expect(findCommandCredentials(t, (m.screens(t, 16) >> SCREEN_COMMANDS_AT) & 3), t).toEqual(
        findCommandCredentials(t),
      );
    expect(findCommandCredentials(cases[0]!).length).toBeGreaterThan(0);
  });
});

describe("command readings: the quick ways out keep every hit", () => {
  const key = "Qx7" + "rT2" + "mw9" + "Zp4";
  it("a value printed after a fetching command, whatever the break before it", () => {
    for (const t of [
      `$ echo $DB_PASSWORD\n${key}`,
      `$ echo $DB_PASSWORD\r\n\r\n  '${key}'  \n$ ls`,
      `{"output": "$ printenv API_TOKEN\\n\\n${key}\\n"}`,
      `monkey business\ncat ~/.config/db_password\n\n"${key}"`,
    ])
      expect(findCommandCredentials(t).map((h) => h.what)).toContain(
        "a credential-looking value printed by the command that fetches it",
      );
    // No line is a lone credential-looking value: nothing printed is reported.
    expect(findCommandCredentials(`echo $DB_PASSWORD\nthe value is secret\nkey points`)).toEqual([]);
  });
  it("a credential passed by position to a constructor named Credential (no command literal)", () => {
    const t = `new NetworkCredential("svc", "${key}")`;
    expect(findCommandCredentials(t).map((h) => h.code)).toContain("positional_credential");
  });
});
