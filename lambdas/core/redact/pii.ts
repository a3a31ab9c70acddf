/**
 * Personal data with validation, not bare patterns: e-mail (validator), payment cards (Luhn),
 * IBAN (mod 97), US SSN (issuance rules), IPv4/IPv6 (not version numbers), phone numbers
 * (structure + libphonenumber-js), user names in home-directory paths.
 */
import isEmail from "validator/lib/isEmail";
import isIP from "validator/lib/isIP";
import { brotliDecompressSync } from "node:zlib";
import { isPossiblePhoneNumber, type MetadataJson } from "libphonenumber-js/core";
import { unpack91 } from "../pack";
import { PHONE_METADATA_BROTLI } from "./phone-metadata";
import { nationalIds } from "./ids";
import { CATEGORY, inWindows, spansOf, type Detector, type Span } from "./types";

/**
 * libphonenumber-js's "min" metadata, stored compressed (phone-metadata.ts: 20 KB of the bundles
 * instead of 83) and decoded at the first international number a text holds.
 */
let PHONE_METADATA: MetadataJson | undefined;
export function phoneMetadata(): MetadataJson {
  return (PHONE_METADATA ??= JSON.parse(
    new TextDecoder().decode(brotliDecompressSync(unpack91(PHONE_METADATA_BROTLI))),
  ) as MetadataJson);
}

const EMAIL_RE = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}/g;

/**
 * An address written out for people, not for mail software: `jane [at] example [dot] org`,
 * `jane(at)mail.example.org` — the `at` (and any `dot`) in brackets or parentheses, so that the
 * words "at" and "dot" in prose never start one.
 */
const SPELLED_AT = /[[({]\s*at\s*[\])}]/i;
const SPELLED_EMAIL_RE =
  /[A-Za-z0-9._%+-]+\s*[[({]\s*at\s*[\])}]\s*[A-Za-z0-9-]+(?:(?:\s*[[({]\s*dot\s*[\])}]\s*|\.)[A-Za-z0-9-]+)*(?:\s*[[({]\s*dot\s*[\])}]\s*|\.)[A-Za-z]{2,24}(?![A-Za-z0-9-])/gi;

function spelledEmail(v: string): boolean {
  const plain = v.replace(/\s*[[({]\s*at\s*[\])}]\s*/i, "@").replace(/\s*[[({]\s*dot\s*[\])}]\s*/gi, ".");
  return isEmail(plain, { allow_utf8_local_part: false });
}

/**
 * The UTF-16 unit of `text` at `i`, or -1 before its start or past its end (where charCodeAt gives
 * NaN: every test of the unit below is false for both; a read outside the text deoptimised the
 * scanner, and V8 then called charCodeAt out of line for every later text).
 */
function unitAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
}

/**
 * Whether `text` may hold a bracketed "at" (`at]`, `at )`, `at}`, any case): a native search for
 * each closing bracket, and a look at the character (or two) before it — a two-character search
 * starting with a letter as common as "t" cost thirty times as much.
 */
function spelledAtHint(text: string): boolean {
  for (const close of CLOSING)
    for (let i = text.indexOf(close); i !== -1; i = text.indexOf(close, i + 1)) {
      const j = unitAt(text, i - 1) === 32 ? i - 2 : i - 1;
      if ((unitAt(text, j) | 0x20) === 116) return true; // t or T
    }
  return false;
}
const CLOSING = ["]", ")", "}"] as const;

/**
 * An address with blanks after its `@` (`jane @ mail.org`, `jane@ mail.org`) or broken onto a
 * new line after it (`jane@` and `mail.org` on the next line; also a written-out `\n`, as in a
 * tool call's JSON arguments). A blank before the `@` only is no address ("addresses
 * @gmail.com" names a domain). Code writes `@` between spaces too (a matrix product `A @ W.T`,
 * `x @ self.weight`, a decorator `@ property`), so the domain must end in a top-level domain
 * people use (`TLDS`), and not be followed by a call, an index, another attribute or a path
 * (`me @ github.com/jane` is a URL).
 */
const LOOSE_EMAIL_RE =
  /[A-Za-z0-9._%+'-]+(?:[ \t]*@[ \t]+|[ \t]*@[ \t]*(?:\r?\n|\\r\\n|\\n)[ \t]*)([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.([A-Za-z]{2,24}))(?![A-Za-z0-9_([/-]|\.[A-Za-z0-9_])/g;

/** Common top-level domains (generic, and the country codes most used for mail). */
export const TLDS: ReadonlySet<string> = new Set(
  (
    "com net org edu gov mil int info biz name pro mobi io ai co app dev tech me xyz email mail cloud online " +
    "site live page blog shop uk us ca au nz ie de at ch fr be nl lu es pt it gr pl cz sk hu ro bg hr si " +
    "se no dk fi is ee lv lt ru ua by tr il ae sa in pk cn hk tw jp kr sg my th vn id ph br ar cl mx za ng ke eg eu"
  ).split(" "),
);

function looseEmail(v: string, m: RegExpExecArray): boolean {
  if (!TLDS.has((m[2] ?? "").toLowerCase())) return false;
  const plain = v.replace(/\s+|\\[rn]/g, "");
  return isEmail(plain, { allow_utf8_local_part: false });
}

/**
 * Where an `@` has a blank or a line break (real or written out) after it: the anchors
 * of LOOSE_EMAIL_RE (native searches from `@` to `@`).
 */
function looseAnchors(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf("@"); i !== -1; i = text.indexOf("@", i + 1)) {
    const a = unitAt(text, i + 1);
    if (a === 32 || a === 9 || a === 10 || a === 13 || (a === 92 && /^\\[rn]/.test(text.slice(i + 1, i + 3))))
      out.push(i);
  }
  return out;
}

export const EMAIL: Detector = {
  name: "email",
  category: CATEGORY.email,
  detect: (text) => {
    const out = text.includes("@")
      ? spansOf(
          EMAIL_RE,
          text,
          CATEGORY.email,
          "email",
          (v, m) =>
            isEmail(v, { allow_utf8_local_part: false }) &&
            !urlPassword(text, m.index, v) &&
            // `q@k.transpose(-2, -1)`: a matrix product and a method call in code, not an address.
            unitAt(text, m.index + v.length) !== 40,
        )
      : [];
    // A few native searches before any regex: most texts hold no bracketed "at".
    if (spelledAtHint(text) && SPELLED_AT.test(text))
      for (const s of spansOf(SPELLED_EMAIL_RE, text, CATEGORY.email, "email", spelledEmail)) out.push(s);
    // An `@` with a blank or a line break next to it (a native search per `@`).
    const anchors = out.length > 0 || text.includes("@") ? looseAnchors(text) : [];
    if (anchors.length > 0)
      for (const s of inWindows(text, anchors, 80, 120, looseEmails))
        if (!out.some((o) => o.start < s.end && s.start < o.end)) out.push(s);
    return out;
  },
};

function looseEmails(w: string): Span[] {
  return spansOf(LOOSE_EMAIL_RE, w, CATEGORY.email, "email", looseEmail);
}

/**
 * After `scheme://user:` the "local part" is a URL's password and the "domain" its host: the
 * password is `url-password`'s (which takes 4 characters or more; a shorter one stays an e-mail
 * here, as before, so that it is still redacted with the host).
 */
const URL_USER_BEFORE = /:\/\/[^\s:/@'"<>]{0,64}:$/;

function urlPassword(text: string, at: number, value: string): boolean {
  return (
    value.indexOf("@") >= 4 &&
    unitAt(text, at - 1) === 58 &&
    URL_USER_BEFORE.test(text.slice(Math.max(0, at - 90), at))
  );
}

export function luhn(digits: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

/** 12–19 digits, optionally in groups separated by one space or dash (not after a `+`: a phone). */
const CARD_RE = /(?<![\d.,+-])\d(?:[ -]?\d){11,18}(?![\d]|[.,]\d)/g;

/**
 * Runs of digits and phone/card separators, with their digit counts, found once per string and
 * shared by the card, SSN and phone detectors: each looks only inside runs with enough digits
 * (a card has 12, an SSN 9, a phone 7), so the many short numbers of arithmetic cost one scan.
 */
/**
 * A cluster: an optional `+` or `(`, then digits and separators (typographic spaces too: a
 * no-break or narrow space between groups), ending in a digit, as long as it
 * runs. Only clusters of 7+ digits are wanted, so the pattern asks for seven: a shorter cluster
 * fails inside the regex engine, and no match starting within it can reach further than it does
 * (`+` is not a separator), so the clusters found are the 7+ digit ones of a scan for all of them.
 */
const DIGIT_CLUSTER = /[+(]?\d(?:[ \t.()x#\u00A0\u2000-\u200A\u202F\u205F\u3000-]*\d){6,}/g;
export interface Cluster {
  start: number;
  end: number;
  digits: number;
}
let clusterText = "";
let clusterList: Cluster[] = [];

/** The clusters of 7+ digits in `text` (exported for tests). */
export function clusters(text: string): Cluster[] {
  if (text === clusterText) return clusterList;
  const out: Cluster[] = [];
  DIGIT_CLUSTER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIGIT_CLUSTER.exec(text)) !== null) {
    let digits = 0;
    for (let i = 0; i < m[0].length; i++) {
      const c = m[0].charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
    }
    if (digits >= 7) out.push({ start: m.index, end: m.index + m[0].length, digits });
  }
  clusterText = text;
  clusterList = out;
  return out;
}

/** `spansOf` limited to matches that start inside clusters with at least `minDigits` digits. */
function spansInClusters(
  re: RegExp,
  text: string,
  minDigits: number,
  category: string,
  detector: string,
  accept: (value: string, m: RegExpExecArray) => boolean,
): Span[] {
  const out: Span[] = [];
  for (const c of clusters(text)) {
    if (c.digits < minDigits) continue;
    re.lastIndex = c.start;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null && m.index < c.end) {
      if (accept(m[0], m)) out.push({ start: m.index, end: m.index + m[0].length, category, detector });
    }
  }
  return out;
}

/**
 * 16 digits in four groups of four, with any of space, dash, dot or slash between the groups
 * (mixed too: "dddd-dddd dddd-dddd", "dddd.dddd.dddd.dddd", "dddd/dddd/dddd/dddd").
 */
const CARD_GROUPED_RE = /(?<![\d.,/-])\d{4}[ ./-]\d{4}[ ./-]\d{4}[ ./-]\d{4}(?![\d]|[.,/-]\d)/g;

/**
 * Whether 16 digits start like a card of a network that issues 16-digit numbers (Visa 4,
 * Mastercard 51–55 and 2221–2720, Discover and UnionPay 6, JCB 35, Diners 36/38): the grouped
 * forms with other separators than one space or dash are cards only then, so that a run of years
 * ("2023/2024/2025/2026") is not taken for one by the Luhn test alone.
 */
export function cardPrefix(d: string): boolean {
  const c = d.charCodeAt(0);
  if (c === 52 || c === 54) return true; // 4, 6
  const two = d.slice(0, 2);
  if (two >= "51" && two <= "55") return true;
  if (two === "35" || two === "36" || two === "38") return true;
  const four = d.slice(0, 4);
  return four >= "2221" && four <= "2720";
}

function groupedCard(v: string): boolean {
  const d = v.replace(/[ ./-]/g, "");
  return d.length === 16 && !/^(\d)\1+$/.test(d) && cardPrefix(d) && luhn(d);
}

/** Whether a slash stands between two groups of four digits somewhere in `text` (clusters stop at slashes). */
function slashGroups(text: string): boolean {
  for (let i = text.indexOf("/", 4); i !== -1 && i + 4 < text.length; i = text.indexOf("/", i + 1)) {
    let ok = true;
    for (let k = 1; k <= 4 && ok; k++) {
      const a = text.charCodeAt(i - k);
      const b = text.charCodeAt(i + k);
      ok = a >= 48 && a <= 57 && b >= 48 && b <= 57;
    }
    if (ok) return true;
  }
  return false;
}

export const CARD: Detector = {
  name: "card",
  category: CATEGORY.card,
  detect: (text) => {
    const out = spansInClusters(CARD_RE, text, 12, CATEGORY.card, "card", (v) => {
      const d = v.replace(/[ -]/g, "");
      if (d.length < 12 || d.length > 19 || /^(\d)\1+$/.test(d)) return false;
      // Grouped numbers must use one kind of separator (a phone like 555-123 4567 is not a card).
      if (/ /.test(v) && /-/.test(v)) return false;
      if (!/^[1-9]/.test(d)) return false; // no card network starts with 0
      return luhn(d);
    });
    const grouped = slashGroups(text)
      ? spansOf(CARD_GROUPED_RE, text, CATEGORY.card, "card", groupedCard)
      : spansInClusters(CARD_GROUPED_RE, text, 16, CATEGORY.card, "card", groupedCard);
    for (const s of grouped) if (!out.some((o) => o.start === s.start && o.end === s.end)) out.push(s);
    for (const s of oddGroups(text).cards) out.push(s);
    return out;
  },
};

/**
 * Numbers grouped by the separators digit clusters do not hold — underscores, colons, commas
 * (`4532_0151_1283_0366`, `123:45:6789`, `DE89,3704,…`). Found from the separators themselves
 * (native searches), each group's shape checked before a sticky pattern is tried, once per
 * string for the three detectors:
 * - a card: four groups of four, one kind of separator and no blank after it (a list of four
 *   numbers in prose, "4500, 5200, …", is no card; nor is one with commas right inside brackets,
 *   `[5432,6379,8080,9200]`), an issuer's prefix and the Luhn check — a thousands-grouped number
 *   has groups of three, a time of two;
 * - an SSN: 3-2-4 with the same separator twice; with commas (a list of numbers) only after a
 *   cue ("SSN", "social security");
 * - an IBAN: a country code and check digits, then groups of four (the last shorter), mod 97.
 */
const ODD_SEPARATORS = ["_", ":", ","] as const;
const CARD_ODD_RE = /(?<![\d.,:_/-])\d{4}([_:,])\d{4}\1\d{4}\1\d{4}(?!\d|[.,:_/-][\d:])/y;
const SSN_ODD_RE = /(?<![\d.,:_/-])(\d{3})([_:,])(\d{2})\2(\d{4})(?!\d|[.,:_/-]\d)/y;
const IBAN_ODD_RE =
  /(?<![A-Za-z0-9])[A-Z]{2}\d{2}([_:,])[A-Z0-9]{4}(?:\1[A-Z0-9]{4}){1,6}(?:\1[A-Z0-9]{1,3})?(?![A-Za-z0-9]|[_:,][A-Z0-9])/y;
const SSN_CUE = /ssn|social|security/i;

interface OddGroups {
  cards: Span[];
  ssns: Span[];
  ibans: Span[];
}
const NO_ODD: OddGroups = { cards: [], ssns: [], ibans: [] };
let oddText = "";
let oddMemo: OddGroups = NO_ODD;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isUpperOrDigit(c: number): boolean {
  return isDigit(c) || isUpper(c);
}

/** Whether a match stands right inside brackets (`[5432,6379,8080,9200]`: a list, not a card). */
function bracketed(text: string, m: RegExpExecArray): boolean {
  const before = unitAt(text, m.index - 1);
  const after = unitAt(text, m.index + m[0].length);
  return before === 91 || before === 40 || before === 123 || after === 93 || after === 41 || after === 125;
}

function stickyAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** The cards, SSNs and IBANs of `text` grouped by other separators (see above; exported for tests). */
export function oddGroups(text: string): OddGroups {
  if (text === oddText) return oddMemo;
  let out = NO_ODD;
  for (const sep of ODD_SEPARATORS) {
    for (let i = text.indexOf(sep, 3); i !== -1; i = text.indexOf(sep, i + 1)) {
      // Every shape ends its first group with a digit, and its next group starts with one (a
      // capital may start an IBAN's): most separators fail these two tests.
      if (!isDigit(unitAt(text, i - 1)) || !isUpperOrDigit(unitAt(text, i + 1))) continue;
      const digits = !isDigit(unitAt(text, i - 2))
        ? 1
        : !isDigit(unitAt(text, i - 3))
          ? 2
          : !isDigit(unitAt(text, i - 4))
            ? 3
            : !isDigit(unitAt(text, i - 5))
              ? 4
              : 5;
      let kind: keyof OddGroups;
      let m: RegExpExecArray | null;
      if (digits === 4 && isDigit(unitAt(text, i + 1))) {
        // The first group of a card: four digits and nothing of a number before them.
        kind = "cards";
        m = stickyAt(CARD_ODD_RE, text, i - 4);
        if (m && (!groupedCard(m[0].replace(/[_:,]/g, "-")) || (sep === "," && bracketed(text, m)))) m = null;
      } else if (digits === 3 && isDigit(unitAt(text, i + 1))) {
        kind = "ssns";
        m = stickyAt(SSN_ODD_RE, text, i - 3);
        if (m && !ssnParts(m[1]!, m[3]!, m[4]!)) m = null;
        // With commas, a list of numbers unless a cue says SSN.
        if (m && sep === "," && !SSN_CUE.test(text.slice(Math.max(0, i - 43), i - 3))) m = null;
      } else if (digits === 2 && isUpper(unitAt(text, i - 3)) && isUpper(unitAt(text, i - 4))) {
        // An IBAN's country code and check digits (`DE89`).
        kind = "ibans";
        m = stickyAt(IBAN_ODD_RE, text, i - 4);
        if (m && !ibanValid(m[0].replace(/[_:,]/g, ""))) m = null;
      } else continue;
      if (m === null) continue;
      if (out === NO_ODD) out = { cards: [], ssns: [], ibans: [] };
      const list = out[kind];
      const last = list[list.length - 1];
      if (!last || last.start !== m.index) {
        const category = kind === "cards" ? CATEGORY.card : kind === "ssns" ? CATEGORY.ssn : CATEGORY.iban;
        const detector = kind === "cards" ? "card" : kind === "ssns" ? "ssn" : "iban";
        list.push({ start: m.index, end: m.index + m[0].length, category, detector });
      }
    }
  }
  oddText = text;
  oddMemo = out;
  return out;
}

export function ibanValid(raw: string): boolean {
  const s = raw.replace(/ /g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const v = ch >= "A" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const c of v) rem = (rem * 10 + (c.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

const IBAN_RE = /\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?\b/g;

export const IBAN: Detector = {
  name: "iban",
  category: CATEGORY.iban,
  detect: (text) => {
    const out = spansOf(IBAN_RE, text, CATEGORY.iban, "iban", ibanValid);
    for (const s of oddGroups(text).ibans) out.push(s);
    return out;
  },
};

/** US SSN: area 001–899 except 666, group 01–99, serial 0001–9999. */
/** (Dots too, `123.45.6789`, the same separator twice, not inside a longer dotted number.) */
const SSN_RE = /(?<![\d-])(\d{3})([-. ])(\d{2})\2(\d{4})(?![\d-])/g;

/** Whether an SSN's three parts may have been issued. */
function ssnParts(area: string, group: string, serial: string): boolean {
  if (area === "000" || area === "666" || area >= "900") return false;
  return group !== "00" && serial !== "0000";
}

export const SSN: Detector = {
  name: "ssn",
  category: CATEGORY.ssn,
  detect: (text) => {
    const out = spansInClusters(SSN_RE, text, 9, CATEGORY.ssn, "ssn", (_v, m) => {
      if (!ssnParts(m[1] ?? "", m[3] ?? "", m[4] ?? "")) return false;
      if (m[2] === ".") {
        // `1.123.45.6789`, `123.45.6789.2`: parts of a longer dotted number.
        const end = m.index + m[0].length;
        if (unitAt(text, m.index - 1) === 46 && isDigit(unitAt(text, m.index - 2))) return false;
        return !(unitAt(text, end) === 46 && isDigit(unitAt(text, end + 1)));
      }
      // A space-separated triple is only an SSN with a cue nearby.
      if (m[2] === " ") return SSN_CUE.test(text.slice(Math.max(0, m.index - 40), m.index));
      return true;
    });
    for (const s of oddGroups(text).ssns) out.push(s);
    // Other countries' national ids with a check digit (`ids.ts`), in the same category.
    for (const s of nationalIds(text, clusters(text))) out.push(s);
    return out;
  },
};

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4_RE = new RegExp(String.raw`(?<![\w.])${OCTET}(?:\.${OCTET}){3}(?![\w]|\.\d)`, "g");
const VERSION_CUE =
  /(?:\bv|version|ver\.?|release|rel\.?|python|node|java|go|ruby|php|rust|gcc|clang|llvm|npm|pip|cuda|torch|tensorflow|vllm|api|sdk|build|\bv?\d+\.)\s*$/i;
const IP_CUE =
  /\b(?:ip|ips|ipv4|host|server|address|addr|ping|connect|from|to|via|gateway|dns|proxy|client|inet|src|dst|peer|origin)\b|:\/\//i;
const IPV6_RE = /(?<![\w:.])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::|(?::?[0-9A-Fa-f]{1,4}){1,7})(?:%\w+)?(?![\w:])/g;

const IPV4_GATE = /\d\.\d{1,3}\.\d{1,3}\.\d/;
export const IPV6_GATE = /[0-9A-Fa-f]:[0-9A-Fa-f]{0,4}:/;

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * Whether IPV6_GATE matches `text`, asked at each colon (found by native `indexOf`, where the
 * regex tried every hex digit): a hex digit before it, then at most 4 hex digits and a colon.
 * Tested against the regex.
 */
export function ipv6Gate(text: string): boolean {
  // (Nothing is read past the end: a read there deoptimised this to calls of charCodeAt.)
  const n = text.length;
  for (let i = text.indexOf(":"); i >= 0; i = text.indexOf(":", i + 1)) {
    if (i === 0 || !isHex(text.charCodeAt(i - 1))) continue;
    const last = Math.min(i + 5, n);
    let j = i + 1;
    while (j < last && isHex(text.charCodeAt(j))) j++;
    if (j < n && text.charCodeAt(j) === 58) return true;
  }
  return false;
}

export const IP: Detector = {
  name: "ip",
  category: CATEGORY.ip,
  detect: (text) => {
    const out: Span[] = [];
    if (IPV4_GATE.test(text)) {
      out.push(
        ...spansOf(IPV4_RE, text, CATEGORY.ip, "ip", (v, m) => {
          const before = text.slice(Math.max(0, m.index - 24), m.index);
          if (VERSION_CUE.test(before)) return false;
          // Four one-digit parts (1.2.3.4) are a version or a section number unless a cue says IP.
          if (/^\d\.\d\.\d\.\d$/.test(v)) return IP_CUE.test(before);
          return true;
        }),
      );
    }
    if (ipv6Gate(text)) {
      out.push(
        ...spansOf(IPV6_RE, text, CATEGORY.ip, "ip", (v) => {
          const groups = v.split(":").filter(Boolean);
          if (groups.length < 3 && !v.includes("::")) return false;
          if (groups.length < 2) return false;
          // Times (12:30:45) and ratios are decimal: an address has a letter or a 3+ digit group.
          if (!groups.some((g) => /[a-f]/i.test(g) || g.length >= 3)) return false;
          return isIP(v.replace(/%\w+$/, ""), 6);
        }),
      );
    }
    return out;
  },
};

/**
 * Phone numbers. A candidate is a run of digit groups with phone-like separators; it is accepted
 * when it has a phone's shape (international prefix, area code in parentheses, extension, or
 * 2–5 groups of 2–4 digits) and is not a date, a time, a version or arithmetic. Candidates with a
 * `+` are checked with libphonenumber-js (possible length for the country they name).
 */
const PHONE_RE =
  /(?<![\w.+/-])(?:\+\d{1,3}[ .-]?)?(?:\(0\)[ ]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,12}(?:[ .-]\d{1,8}){0,5}(?:\s?(?:x|ext\.?|#)\s?\d{1,5})?(?![\w]|[.,/-]\d)/g;
const TWO_DIGITS = /\d{2}/;
const PHONE_CUE =
  /\b(?:phone|tel|telephone|mobile|cell|fax|call|calling|contact|number|reach|dial|whatsapp|sms|text me|t[ée]l[ée]phone|t[ée]l|portable|num[ée]ro|telefon|telefono|tel[ée]fono|handy|mobil|rufnummer|nummer|m[óo]vil|cellulare|bellen|gsm)\b/i;
const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;
/** An ISO date and the hour of a time after it ("2026-11-30 01" of "2026-11-30 01:20:00"). */
const DATE_PREFIX = /^(?:19|20)\d{2}([-./])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])\1\d/;
const DATE_TIME = /^(?:19|20)\d{2}([-./])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01]) \d{1,2}$/;

function phoneShape(v: string, before: string, after: string): boolean {
  const context = before + " " + after;
  const digits = v.replace(/\D/g, "");
  const core = v.replace(/\s?(?:x|ext\.?|#)\s?\d{1,5}$/, "");
  const coreDigits = core.replace(/\D/g, "").length;
  if (coreDigits < 7 || coreDigits > 15) return false;
  if (DATE_LIKE.test(core) || DATE_TIME.test(v)) return false;
  // An ISO date with a number after it (`2024-11-30-0042`): an order, a build, a file's name.
  if (DATE_PREFIX.test(core) && !PHONE_CUE.test(context)) return false;
  if (v.startsWith("+")) {
    try {
      return isPossiblePhoneNumber(core.replace(/\(0\)/, ""), phoneMetadata());
    } catch {
      return false;
    }
  }
  const groups = core.split(/[ .()-]+/).filter(Boolean);
  const hasParen = core.includes("(");
  const cue = PHONE_CUE.test(context);
  if (groups.length === 1) {
    // A bare digit run is a phone only with a cue or with a US number's shape (10 digits).
    return cue || (digits.length === 10 && /^[2-9]\d{2}[2-9]/.test(digits));
  }
  if (groups.some((g) => g.length > 8)) return false;
  const onlySpaces = !/[.()-]/.test(core);
  // "12 15 18 21"; but five pairs from a trunk 0 are a French number ("06 12 34 56 78"), with
  // any separator, unless they count up by one step ("01.02.03.04.05": a list, a version).
  if (onlySpaces && groups.every((g) => g.length <= 2) && !cue && !frenchPairs(groups, before, after))
    return false;
  if (!cue && groups.length === 5 && groups.every((g) => g.length === 2) && steps(groups)) return false;
  const usShape = /^\d{3}[.-]\d{3}[.-]\d{4}$/.test(core);
  if (/\./.test(core) && groups.length <= 3 && !cue && !usShape) return false; // versions, decimals
  // Arithmetic nearby ("2400-1800 = 600", "200-40-80-30") means subtraction, not a phone.
  if (!cue && !hasParen && /[=+*×÷]/.test(context.replace(/\+\d/g, ""))) return false;
  if (groups.length === 2 && !hasParen && !cue) {
    const [a, b] = [groups[0]!, groups[1]!];
    if (/-/.test(core) && !(a.length === 3 && b.length === 4) && !a.startsWith("0")) return false;
    // "467 3395", "0341 8387176", "99 668472": a trunk or area code and a subscriber number.
    const ok =
      (a.length >= 3 && b.length >= 4) ||
      (a.startsWith("0") && a.length + b.length >= 9) ||
      (b.length >= 6 && a.length >= 2);
    if (!ok) return false;
  }
  return true;
}

/**
 * Five pairs of digits, the first a French area or mobile prefix (`01`–`09`), as France writes
 * its numbers ("06 12 34 56 78"): not a list of numbers counting up or down by one step
 * ("01 02 03 04 05", "05 10 15 20 25"), nor the same pair five times.
 */
function frenchPairs(groups: string[], before: string, after: string): boolean {
  if (groups.length !== 5 || !groups.every((g) => g.length === 2)) return false;
  // Not inside a run of hex pairs (a dump: "06 12 34 56 78 9a 0b").
  if (HEX_PAIR_AFTER.test(after) || HEX_PAIR_BEFORE.test(before)) return false;
  return groups[0]![0] === "0" && groups[0] !== "00" && !steps(groups);
}
const HEX_PAIR_AFTER = /^[ \t](?:\d[0-9A-Fa-f]|[0-9A-Fa-f]\d)(?![0-9A-Za-z])/;
const HEX_PAIR_BEFORE = /(?<![0-9A-Za-z])(?:\d[0-9A-Fa-f]|[0-9A-Fa-f]\d)[ \t]$/;

/** Whether numbers go up or down by one step (or stay the same): a list, not a phone number. */
function steps(groups: string[]): boolean {
  const step = +groups[1]! - +groups[0]!;
  return groups.every((g, i) => i === 0 || +g - +groups[i - 1]! === step);
}

/**
 * A German-style number with a slash after the area code (`030/12345678`, `0151 / 2345678`,
 * `089/123456-78`), or a spaced dash (`06 - 12345678`, Dutch): a trunk 0, an area code of 1–4
 * more digits, a subscriber number; 9 to 12 digits in all, and no second slash after it (a date,
 * `01/12/2024`, has one and fewer digits).
 */
const SLASH_PHONE_RE =
  /(?<![\w./+-])0[1-9]\d{0,3}(?: ?\/ ?| - )\d{2,8}(?:[ -]\d{1,6}){0,2}(?![\w/]|[.,-]\d)/g;

function slashPhone(v: string, m: RegExpExecArray, text: string): boolean {
  const n = v.replace(/\D/g, "").length;
  if (n < 9 || n > 12) return false;
  // A spaced dash in a formula is a minus (`x = 05 - 46808486`), as a slash is a division.
  const around =
    text.slice(Math.max(0, m.index - 24), m.index) + text.slice(m.index + v.length, m.index + v.length + 12);
  return !ARITHMETIC_SIGN.test(around) || PHONE_CUE.test(around);
}
const ARITHMETIC_SIGN = /[=+*×÷]/;

const POSTCODE_MARK = /〒\s?$/;

/**
 * No-break, narrow no-break, thin and other typographic spaces: French writes its numbers'
 * groups with them (`06 12 34 56 78` with U+202F), and so do word processors. The phone
 * detector reads them as blanks in the windows it examines, at the same offsets (each is one
 * code unit); digit clusters take them as separators.
 */
const TYPO_SPACE = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/;
const TYPO_SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;

/** `text` with its typographic spaces as ASCII blanks (the same string when it has none). */
function blanked(text: string): string {
  return TYPO_SPACE.test(text) ? text.replace(TYPO_SPACES, " ") : text;
}

export const PHONE: Detector = {
  name: "phone",
  category: CATEGORY.phone,
  detect: (text) => {
    if (!TWO_DIGITS.test(text)) return [];
    // Only runs of digits and separators with 7+ digits are looked at closely.
    const anchors: number[] = [];
    for (const c of clusters(text)) anchors.push(c.start, c.end - 1);
    let typographic = false;
    const out = inWindows(text, anchors, 40, 40, (raw) => {
      const w = blanked(raw);
      typographic ||= w !== raw;
      return spansOf(
        PHONE_RE,
        w,
        CATEGORY.phone,
        "phone",
        (v, mm) =>
          // A Japanese postcode (〒100-0001) is the head of an address, not a phone number.
          !POSTCODE_MARK.test(w.slice(Math.max(0, mm.index - 2), mm.index)) &&
          phoneShape(
            v,
            w.slice(Math.max(0, mm.index - 32), mm.index),
            w.slice(mm.index + v.length, mm.index + v.length + 12),
          ),
      );
    });
    // Clusters stop at a slash or a spaced dash: `030/12345678` is a cluster of 8 digits after one of 3.
    if (anchors.length > 0 && (text.includes("/") || text.includes(" - ")))
      for (const s of spansOf(SLASH_PHONE_RE, text, CATEGORY.phone, "phone", (v, m) =>
        slashPhone(v, m, text),
      ))
        out.push(s);
    return typographic ? out.filter((s) => !typographicThousands(text, s)) : out;
  },
};

/** A number grouped by thousands (`12 345 678`, `1 234 567`). */
const THOUSANDS = /^[1-9]\d{0,2}(?: \d{3})+$/;

/**
 * Whether a phone-shaped span is a number grouped by thousands with typographic spaces
 * (`67 000 000` with U+202F, as French and other European typography writes amounts), with no
 * cue before it: blanks read from those spaces must not make amounts phone numbers.
 */
function typographicThousands(text: string, s: Span): boolean {
  const v = text.slice(s.start, s.end);
  if (!TYPO_SPACE.test(v) || !THOUSANDS.test(blanked(v))) return false;
  return !PHONE_CUE.test(text.slice(Math.max(0, s.start - 32), s.start));
}

/** `/home/<user>/`, `/Users/<user>/`, `C:\Users\<user>\`, `~user/`: the user name only. */
const HOME_RE =
  /(?:\/home\/|\/Users\/|\/export\/home\/|[A-Za-z]:\\{1,2}(?:Users|Documents and Settings)\\{1,2})([^\s/\\:*?"<>|'`]{1,64})/dg;
const NOT_A_USER = new Set([
  "shared",
  "public",
  "default",
  "all users",
  "default user",
  "runner",
  "user",
  "username",
  "<user>",
  "$user",
  "${user}",
  "%username%",
  "ubuntu",
  "ec2-user",
]);

/**
 * A user's folder on a shared machine, where `HOME_RE` does not look: a cluster's per-user
 * scratch and work folders (`/scratch/<user>/`, `/work/<user>/`, `/homes/<user>/`, `/home2/…`,
 * `/nfs/home/…`), a `users` folder anywhere (`/data/users/<user>/`, `/gpfs/lab/users/<user>/`),
 * `/u/<user>/`, and `~<user>/` (a user's home by name; `~/` names no one). vLLM publishes the
 * checkpoint path as the model id, so these reach `model.id` too. The folder name only; the
 * names of shared folders (`/scratch/tmp/`, `/work/projects/`) stay.
 */
const CLUSTER_RE =
  /(?:\/(?:scratch\d?|work|homes|home\d|u|nfs\/homes?)\/|\/users\/)([a-z][a-z0-9._-]{0,30}[a-z0-9_-])(?=\/|$|\s|[."'`),;:\]])/dgm;
/**
 * `~<user>` before a slash or at the end of a line (`cd ~jroe`), or as the argument of a shell
 * command that takes a path (`cd ~jroe && ls`, `ls -la ~jroe`); not "~half the time".
 */
const TILDE_USER_RE =
  /(?<![\w~/.-])~([a-z][a-z0-9._-]{1,31})(?=\/|$)|(?<=(?:^|[\s;|&(`$])(?:cd|ls|cp|mv|cat|rsync|scp|chown|chmod|du|find|tree|less|tar)\s+(?:-[\w-]+\s+)*)~([a-z][a-z0-9._-]{1,31})(?=[\s;|&)`]|$)/dgm;
const SHARED_FOLDER = new Set([
  ...NOT_A_USER,
  "tmp",
  "temp",
  "shared",
  "share",
  "data",
  "datasets",
  "dataset",
  "projects",
  "project",
  "common",
  "group",
  "groups",
  "software",
  "apps",
  "app",
  "opt",
  "local",
  "bin",
  "lib",
  "src",
  "code",
  "repo",
  "repos",
  "main",
  "work",
  "scratch",
  "cache",
  "logs",
  "models",
  "checkpoints",
  "ckpts",
  "outputs",
  "output",
  "runs",
  "jobs",
  "users",
  "home",
  "root",
  "admin",
  "guest",
  "nobody",
  "workspace",
  "build",
  "dist",
  "test",
  "tests",
]);

const notShared = (v: string) => !SHARED_FOLDER.has(v.toLowerCase());

export const CLUSTER_PATH: Detector = {
  name: "cluster-path",
  category: CATEGORY.user,
  detect: (text) =>
    (text.includes("/") || text.includes("~")) &&
    (text.includes("scratch") ||
      text.includes("work/") ||
      text.includes("home") ||
      text.includes("users/") ||
      text.includes("/u/") ||
      text.includes("~"))
      ? [
          ...spansOf(CLUSTER_RE, text, CATEGORY.user, "cluster-path", notShared, 1),
          ...(text.includes("~")
            ? [
                ...spansOf(TILDE_USER_RE, text, CATEGORY.user, "cluster-path", notShared, 1),
                ...spansOf(TILDE_USER_RE, text, CATEGORY.user, "cluster-path", notShared, 2),
              ]
            : []),
        ]
      : [],
};

export const HOME_PATH: Detector = {
  name: "home-path",
  category: CATEGORY.user,
  detect: (text) =>
    // (Every path HOME_RE matches holds a slash or a backslash, rarer than the letters of "home".)
    (text.includes("/") || text.includes("\\")) &&
    (text.includes("home") || text.includes("Users") || text.includes("Documents and Settings"))
      ? spansOf(HOME_RE, text, CATEGORY.user, "home-path", (v) => !NOT_A_USER.has(v.toLowerCase()), 1)
      : [],
};
