import { describe, expect, it } from "vitest";
import {
  findCommandCredentials,
  SCREEN_BIRTH,
  SCREEN_CONTROLS,
  SCREEN_EMAIL,
  SCREEN_ESCAPES,
  SCREEN_FOLDERS,
  SCREEN_GROUPS,
  SCREEN_PROFILE,
  SCREEN_SPLIT_KEY,
  SCREEN_USERS,
  screenCommands,
} from "../../../lambdas/core/review/commands";
import { findCuedPii } from "../../../lambdas/core/review/cued";
import { findSplitKey, hasEmailAddress } from "../../../lambdas/core/review/formats";
import { decoded, withoutInvisible } from "../../../lambdas/core/review/readings";
import { denyMatcher, SCREEN_COMMANDS_AT, SCREEN_NUMBERS_AT } from "../../../lambdas/core/review/deny";
import {
  NUMBERS_CAPS6,
  NUMBERS_DIGITS4,
  NUMBERS_RUN6,
  numberGates,
} from "../../../lambdas/core/review/number-gates";
import { findNumberHits, groupedAccount } from "../../../lambdas/core/review/numbers";
import { hasUserFolder } from "../../../lambdas/core/review/paths";
import { findUserNames } from "../../../lambdas/core/review/users";

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

/** `n` texts of 1 to `most` pieces drawn from `parts` (a fixed pseudo-random sequence per seed). */
function pieceTexts(parts: readonly string[], n: number, seed: number, most: number): string[] {
  let s = seed;
  const rnd = (m: number) => ((s = (s * 1103515245 + 12345) & 0x7fffffff) >>> 8) % m;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let t = "";
    const len = 1 + rnd(most);
    for (let k = 0; k < len; k++) t += parts[rnd(parts.length)];
    out.push(t);
  }
  return out;
}

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
          expect(all & 7, JSON.stringify(t)).toBe(m.screen(t, min));
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

describe("number gates: read in the screen pass, never ruling out a number the patterns find", () => {
  // The patterns the gates stand before (as in `national.ts` and `numbers.ts`).
  const HINT6 = /\d(?:[ ./()\u00A0\u2000-\u200A\u202F\u205F\u3000-]?\d){5}/;
  const SEP = "(?:(?:[ .\\/\\-]|[\\u00A0\\u00AD\\u2000-\\u200F\\u202F\\u205F-\\u2064\\uFEFF]){1,2}|[_:,])";
  const NUMBER_HINT = new RegExp(`\\d\\d${SEP}\\d{4}`);
  const CF_HINT = /[A-Z]{6}[\dLMNP-V]{2}[A-EHLMPR-T]/;
  const PARTS = [
    "1",
    "23",
    "4567",
    "0",
    " ",
    ".",
    "-",
    "/",
    "(",
    ")",
    "_",
    ":",
    ",",
    "  ",
    "\u00A0",
    "\u2009",
    "\u3000",
    "\u00AD",
    "\uFEFF",
    "ABC",
    "RSSMRA",
    "85T10A",
    "x",
    "é",
    "中",
    "Ｋ",
    "\n",
  ];
  const numberTexts = (n: number, seed: number) => [
    "RSSMRA85T10A562S",
    "+33 6 12 34 56 78",
    "078-05-1120",
    "4111 1111 1111 1111",
    ...pieceTexts(PARTS, n, seed, 14),
  ];
  it("RUN6 is HINT6 exactly; DIGITS4 and CAPS6 hold wherever NUMBER_HINT and CF_HINT match; screens carries them", () => {
    const m = denyMatcher(["Nightjar"], [], 2);
    const none = denyMatcher([], [], 2);
    const seen = [0, 0, 0];
    for (const t of numberTexts(20000, 3)) {
      const g = numberGates(t);
      expect((g & NUMBERS_RUN6) !== 0, JSON.stringify(t)).toBe(HINT6.test(t));
      if (NUMBER_HINT.test(t)) expect(g & NUMBERS_DIGITS4, JSON.stringify(t)).toBe(NUMBERS_DIGITS4);
      if (/\d{9}/.test(t)) expect(g & NUMBERS_DIGITS4, JSON.stringify(t)).toBe(NUMBERS_DIGITS4);
      if (CF_HINT.test(t)) expect(g & NUMBERS_CAPS6, JSON.stringify(t)).toBe(NUMBERS_CAPS6);
      [NUMBERS_RUN6, NUMBERS_DIGITS4, NUMBERS_CAPS6].forEach((b, k) => (seen[k]! += g & b ? 1 : 0));
      for (const d of [m, none])
        expect((d.screens(t, 16) >> SCREEN_NUMBERS_AT) & 7, JSON.stringify(t)).toBe(g);
      // Given the gates, the checks answer as they do without them.
      expect(findNumberHits(t, g), JSON.stringify(t)).toEqual(findNumberHits(t));
      expect(groupedAccount(t, g), JSON.stringify(t)).toBe(groupedAccount(t));
    }
    for (const n of seen) expect(n).toBeGreaterThan(100);
  });
});

describe("account names and user folders: gated by the screen pass's literals", () => {
  const PARTS = [
    "alice",
    "@",
    "host",
    ":~/src$ ",
    "/home/",
    "/Users/",
    "C:\\Users\\",
    "/users/",
    "/scratch2/",
    "/work/",
    "/u/",
    "~bob/",
    "-u ",
    "squeue ",
    "USER=",
    "USER  PID\n",
    "uid=1001(",
    ")",
    "whoami\n",
    "drwxr-xr-x 2 ",
    "--",
    "Author: ",
    "Signed-off-by: ",
    '"assignee": "',
    '"',
    "cc @",
    "owner:",
    "ft:gpt-4o:org:",
    ":1",
    " ",
    "\n",
    "x",
    "1",
    "é",
    "Ｕ",
    "\u0140",
  ];
  const userTexts = (n: number, seed: number) => pieceTexts(PARTS, n, seed, 10);
  it("findUserNames and hasUserFolder answer as without the gate wherever the screen says the literals may be there", () => {
    const m = denyMatcher(["Nightjar"], [], 2);
    let users = 0;
    let folders = 0;
    for (const t of userTexts(20000, 5)) {
      const groups = (m.screens(t, 16) >> SCREEN_COMMANDS_AT) & 15;
      const names = findUserNames(t, (groups & SCREEN_USERS) !== 0);
      expect(names, JSON.stringify(t)).toEqual(findUserNames(t));
      expect(hasUserFolder(t, (groups & SCREEN_FOLDERS) !== 0), JSON.stringify(t)).toBe(hasUserFolder(t));
      users += names.length > 0 ? 1 : 0;
      folders += hasUserFolder(t) ? 1 : 0;
    }
    expect(users).toBeGreaterThan(1000);
    expect(folders).toBeGreaterThan(1000);
  });
  it("each gated reading still finds its account name or folder through the screen", () => {
    const m = denyMatcher([], [], 2);
    const gated = (t: string) => (m.screens(t, 16) >> SCREEN_COMMANDS_AT) & 15;
    for (const t of [
      "jdoe@gpu-node-3:~/src$ ls",
      "sudo -u jdoe whoami",
      "USER=jdoe",
      "USER   PID %CPU\njdoe   42  1.0",
      "uid=1001(jdoe) gid=1001(jdoe)",
      "$ whoami\njdoe\n",
      "-rw-r--r-- 1 jdoe staff 120 notes.txt",
      "Author: jdoe <x>",
      '{"assignee": "jdoe"}',
    ]) {
      expect(gated(t) & SCREEN_USERS, t).toBe(SCREEN_USERS);
      expect(findUserNames(t, (gated(t) & SCREEN_USERS) !== 0).length, t).toBeGreaterThan(0);
    }
    for (const t of ["cd /home/jdoe/x", "/Users/jdoe/", "C:\\Users\\jdoe\\x", "/scratch2/jdoe/", "ls ~jdoe/"])
      expect(hasUserFolder(t, (gated(t) & SCREEN_FOLDERS) !== 0), t).toBe(true);
  });
});

describe("e-mail addresses, profile links and dates of birth: gated by the screen pass's literals", () => {
  const PARTS = [
    "jane",
    "@",
    " @ ",
    "corp",
    ".com",
    ".io",
    " [at] ",
    "(AT)",
    "{ at }",
    " [dot] ",
    "linkedin.com/in/",
    "x.com/",
    "bsky.app/profile/",
    "threads.net/@",
    "jdoe",
    "/",
    "Date of birth: ",
    "DOB ",
    "born ",
    "née le ",
    "nato il ",
    "12/03/1984",
    "3 March 1984",
    "1984",
    " ",
    "\n",
    "x",
    "é",
    "\uFF20",
    "＠",
  ];
  const texts = (n: number, seed: number) => pieceTexts(PARTS, n, seed, 9);
  it("hasEmailAddress and findCuedPii answer as without the gates", () => {
    const m = denyMatcher(["Nightjar"], [], 2);
    const seen = { email: 0, profile: 0, birth: 0 };
    for (const t of texts(20000, 7)) {
      const groups = (m.screens(t, 16) >> SCREEN_COMMANDS_AT) & SCREEN_GROUPS;
      const email = hasEmailAddress(t, (groups & SCREEN_EMAIL) !== 0);
      expect(email, JSON.stringify(t)).toBe(hasEmailAddress(t));
      const cued = findCuedPii(t, (groups & SCREEN_PROFILE) !== 0, (groups & SCREEN_BIRTH) !== 0);
      expect(cued, JSON.stringify(t)).toEqual(findCuedPii(t));
      if (email) seen.email++;
      if (cued.some((h) => h.code === "residual_profile_link")) seen.profile++;
      if (cued.some((h) => h.code === "residual_birth_date")) seen.birth++;
    }
    expect(seen.email).toBeGreaterThan(500);
    expect(seen.profile).toBeGreaterThan(500);
    expect(seen.birth).toBeGreaterThan(200);
  });
});

describe("other readings: gated by the screen pass's literals", () => {
  const aws = "AKIA" + "IOSF" + "ODNN" + "7EXA" + "MPLE";
  const asia = "ASIA" + aws.slice(4);
  const PARTS = [
    "x",
    " ",
    "\n",
    "\x1b[1m",
    "\x1b",
    "\x7f",
    "\b",
    "%2F",
    "%40",
    "%",
    "&#64;",
    "&commat;",
    "&",
    "\\u0040",
    "\\x40",
    "\\U",
    "AKIA",
    aws.slice(0, 8) + " " + aws.slice(8),
    asia.slice(0, 8) + " " + asia.slice(8),
    "ASIA ",
    "sk_live_",
    "rk_test_",
    "4eC39HqLyjWDarjtT1zdp7dc",
    "Night",
    "jar",
    "\u200B",
    "\u00AD",
    "é",
    "ě",
    "ÿ",
    "Ĉ",
  ];
  const texts = (n: number, seed: number) => pieceTexts(PARTS, n, seed, 9);
  it("withoutInvisible, decoded and findSplitKey answer as without the gates", () => {
    const m = denyMatcher(["Nightjar"], [], 2);
    const seen = { visible: 0, decoded: 0, split: 0 };
    for (const t of texts(20000, 13)) {
      const groups = (m.screens(t, 16) >> SCREEN_COMMANDS_AT) & SCREEN_GROUPS;
      const visible = withoutInvisible(t, (groups & SCREEN_CONTROLS) !== 0);
      expect(visible, JSON.stringify(t)).toBe(withoutInvisible(t));
      const plain = decoded(t, (groups & SCREEN_ESCAPES) !== 0);
      expect(plain, JSON.stringify(t)).toBe(decoded(t));
      const split = findSplitKey(t, (groups & SCREEN_SPLIT_KEY) !== 0);
      expect(split, JSON.stringify(t)).toBe(findSplitKey(t));
      if (visible !== undefined) seen.visible++;
      if (plain !== undefined) seen.decoded++;
      if (split !== undefined) seen.split++;
    }
    expect(seen.visible).toBeGreaterThan(1000);
    expect(seen.decoded).toBeGreaterThan(1000);
    expect(seen.split).toBeGreaterThan(100);
  });
});
