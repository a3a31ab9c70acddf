/**
 * The shared cue scan of secrets.ts runs its alternation grouped by first letter (a regex that
 * irregexp runs faster): at every place of a text, the grouped regex must match exactly what the
 * plain alternation matches, so any scan over the text finds the same cues. Checked place by
 * place on random texts of the cue words in every case, glued, overlapping and cut.
 */
import { describe, expect, it } from "vitest";
import {
  PERSONAL_WORDS_GROUPED,
  PERSONAL_WORDS_SOURCE,
  personalShape,
} from "../../../lambdas/core/redact/person";
import { CUE_SCAN_GROUPED, CUE_SCAN_SOURCE, titleCue } from "../../../lambdas/core/redact/secrets";
import { FOLDS_WITHOUT_ASCII } from "../../../lambdas/core/redact/fold";
import { nearlyAscii } from "../../../lambdas/core/redact/policy";
import { seededRandom, mixCase } from "./helpers";

const WORDS = [
  ..."pass pw pwd password passwd secret token key cred credential salt nonce otp seed sig auth authorization".split(
    " ",
  ),
  ..."identified bearer basic mrs mr miss ms dr prof name -u  --user --oauth2-bearer --password --token".split(
    " ",
  ),
  ..."Address|ADDRESS|address|lives at|located at|office is at|corner of|arrived at|meet you at|off at|sent to|is on".split(
    "|",
  ),
  ..."send it to|send a new one to|send them to|send|PSC|APO |FPO |DPO |Suite|Apt|P.O. Box|PO Box|P.O Box|PO. Box".split(
    "|",
  ),
  ..."P.|PO|-|--| |.|\r|\n|_|1|é|K|ſ|ı|İ".split("|"),
];
const FILL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-_:=\r\n\t@/";

const plain = new RegExp(CUE_SCAN_SOURCE, "iy");
const grouped = new RegExp(CUE_SCAN_GROUPED, "iy");

function matchesAt(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  return re.exec(text)?.[0] ?? null;
}

describe("grouped cue scan", () => {
  it("matches what the plain alternation matches, at every place of random texts", () => {
    expect(new RegExp(CUE_SCAN_GROUPED, "gi").flags).toBe("gi");
    const r = seededRandom(7);
    for (let n = 0; n < 4000; n++) {
      let t = "";
      const parts = 1 + Math.floor(r() * 12);
      for (let k = 0; k < parts; k++) {
        const x = r();
        if (x < 0.55) {
          const w = WORDS[Math.floor(r() * WORDS.length)]!;
          t += x < 0.3 ? w : mixCase(w, r);
        } else if (x < 0.9) t += FILL[Math.floor(r() * FILL.length)]!;
        else t += String.fromCharCode(Math.floor(r() * 0x800));
      }
      if (r() < 0.3) t = t.slice(0, Math.floor(r() * (t.length + 1)));
      for (let at = 0; at <= t.length; at++)
        expect(matchesAt(grouped, t, at), JSON.stringify([t, at])).toBe(matchesAt(plain, t, at));
    }
  });

  it("matches every alternative of the plain one in every case", () => {
    for (const w of WORDS)
      for (const v of [w, w.toLowerCase(), w.toUpperCase()])
        for (const t of [v, `x${v}y`, `${v} `])
          for (let at = 0; at <= t.length; at++)
            expect(matchesAt(grouped, t, at)).toBe(matchesAt(plain, t, at));
  });
});

describe("grouped personal-context words", () => {
  const words =
    "e-mail email phone telephone tel mobile cell cellphone fax contact address addressed street apt suite zip postcode postal iban ssn social security passport licence license driver born birth dob nationality citizen resident lives in lives at moved to dear regards sincerely signed surname username user name password login account number account no card number customer client patient employee applicant tenant member ceo cto cfo founder manager engineer director officer lawyer attorney company corp inc llc ltd university hospital bank profile linkedin twitter facebook instagram github".split(
      " ",
    );
  const pieces = [
    ...words,
    "lives",
    "account",
    "card",
    "social",
    "moved",
    "user",
    " ",
    "-",
    "_",
    "1",
    "é",
    "K",
    ".",
  ];
  const plainAt = new RegExp(PERSONAL_WORDS_SOURCE, "iy");
  const groupedAt = new RegExp(PERSONAL_WORDS_GROUPED, "iy");
  const at = (re: RegExp, t: string, i: number) => {
    re.lastIndex = i;
    return re.test(t);
  };

  it("match at the same places of random texts as the plain list", () => {
    const r = seededRandom(11);
    for (let n = 0; n < 3000; n++) {
      let t = "";
      for (let k = 0, parts = 1 + Math.floor(r() * 8); k < parts; k++) {
        const x = r();
        if (x < 0.6) {
          const w = pieces[Math.floor(r() * pieces.length)]!;
          t += x < 0.3 ? w : mixCase(w, r);
        } else if (x < 0.9) t += FILL[Math.floor(r() * FILL.length)]!;
        else t += String.fromCharCode(Math.floor(r() * 0x800));
      }
      for (let i = 0; i <= t.length; i++)
        expect(at(groupedAt, t, i), JSON.stringify([t, i])).toBe(at(plainAt, t, i));
    }
    for (const w of pieces)
      for (const v of [w, w.toUpperCase(), `x${w}`, `${w}x`, ` ${w} `])
        expect(new RegExp(PERSONAL_WORDS_GROUPED, "i").test(v)).toBe(
          new RegExp(PERSONAL_WORDS_SOURCE, "i").test(v),
        );
  });
});

describe("nearly-ASCII test of policy matching", () => {
  it("equals the long class over the whole text, on random texts of every kind of code unit", () => {
    const whole = new RegExp(`[^\\t-~${FOLDS_WITHOUT_ASCII}]`);
    const r = seededRandom(5);
    const pool = [
      "a",
      "Z",
      " ",
      "\t",
      "\n",
      "~",
      "\u007f",
      "×",
      "’",
      "—",
      "…",
      "中",
      "é",
      "₱",
      "\ud83d\ude00",
      "\u00a0",
      "\u0000",
    ];
    for (let n = 0; n < 5000; n++) {
      let t = "";
      for (let k = 0, len = Math.floor(r() * 12); k < len; k++)
        t +=
          r() < 0.7 ? pool[Math.floor(r() * pool.length)]! : String.fromCharCode(Math.floor(r() * 0x10000));
      expect(nearlyAscii(t), JSON.stringify(t)).toBe(!whole.test(t));
    }
  });
});

describe("title gate of lower-case names", () => {
  it("is a title or 'name' at a word start before '.' or a space, on random texts", () => {
    const re = /\b(?:mrs|mr|miss|ms|dr|prof|name)[.\s]/i;
    const bits = [
      ..."mr mrs ms miss dr prof name my is drive rename hundred Mr. DR. pass key token".split(" "),
    ];
    const seps = [" ", ".", "\n", "\u00a0", "\u2028", "_", "-", "x", "1", ",", "é", ""];
    const r = seededRandom(21);
    for (let n = 0; n < 5000; n++) {
      let t = "";
      for (let k = 0, len = 1 + Math.floor(r() * 8); k < len; k++) {
        const w = bits[Math.floor(r() * bits.length)]!;
        t += (r() < 0.5 ? w : mixCase(w, r)) + seps[Math.floor(r() * seps.length)]!;
      }
      expect(titleCue(t), JSON.stringify(t)).toBe(re.test(t));
    }
    expect(titleCue("drive to the hundred acre wood, rename it")).toBe(false);
    expect(titleCue("ask dr. smith")).toBe(true);
    expect(titleCue("dr")).toBe(false);
  });
});

describe("shapes of personal data, asked one by one behind cheap gates", () => {
  /** The single alternation the shapes were asked as before. */
  const ALL = new RegExp(
    [
      String.raw`https?://|www\.`,
      String.raw`(?<![\d)+=*/×-]\s*)\+\d{1,3}[\s.-]\(?\d{1,4}\)?[\s.-]?\d{2,}`,
      String.raw`\(\d{2,4}\)\s*\d{3}|\b\d{3}[-. ]\d{3}[-. ]\d{4}\b`,
      String.raw`\b\d{3}-\d{2}-\d{4}\b|\b\d{4}[- ]\d{4}[- ]\d{4}`,
      String.raw`\b[A-Z]{2}\d{2}[ ]?[A-Z0-9]{4}[ ]?\d{4}`,
      String.raw`\b\d{1,5}\s+(?:\p{Lu}\p{Ll}+\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct)\b`,
    ].join("|"),
    "u",
  );
  const pieces = [
    ..."0|1|12|123|555|1234|4567|2024|+|+1|(|)|(212)|-|.| |  |\t|\n|x|#|=|*|/|×|GB|DE|82|WEST|AB12|Main|Elm|St|Street|Ave|Dr|Way|Court|http|https://|www.|ww|:|a|Z|é".split(
      "|",
    ),
  ];

  it("match the texts the single alternation matches", () => {
    const r = seededRandom(29);
    for (let n = 0; n < 10000; n++) {
      let t = "";
      for (let k = 0, len = 1 + Math.floor(r() * 14); k < len; k++)
        t +=
          r() < 0.93
            ? pieces[Math.floor(r() * pieces.length)]!
            : String.fromCharCode(Math.floor(r() * 0x800));
      expect(personalShape(t), JSON.stringify(t)).toBe(ALL.test(t));
    }
    for (const t of [
      "call 555-123-4567",
      "ssn 078-05-1120",
      "4111 1111 1111 1111",
      "+1 (555) 123",
      "(212) 555",
      "GB82 WEST 1234",
      "12 Main Street",
      "see https://x",
      "www.x",
    ])
      expect(personalShape(t), t).toBe(true);
  });
});
