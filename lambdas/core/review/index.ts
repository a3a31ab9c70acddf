/**
 * The independent redaction review: a second pass over the published form, by other means than
 * the first (it never calls the redaction detectors). It returns a verdict with machine-readable
 * reasons:
 *
 * | check | finds | verdict |
 * |---|---|---|
 * | survival | a redacted value still present: any case, separators removed, URL-encoded, JSON-escaped, base64 | BLOCK |
 * | entropy scan | secret-shaped tokens (see `secrets.ts` for what is ignored and why); not on identifiers | BLOCK |
 * | formats | identifiers: a provider's credential format (`ghp_…`, `AKIA…`); any text: an e-mail address (not at a domain reserved for documentation, `example.com`, `.test`…) | BLOCK |
 * | keyword context | `password=`, `token:`, `api_key`, `Bearer`, `user:pass@`, PEM keys; prose (`the root password is now …`, `the password for admin: …`) | BLOCK (plain word: NEEDS_HUMAN) |
 * | commands, positions | a credential given to a command (`mysql -pX`, `sshpass -p X`, `vault login X`…) or printed after the command that fetches it; one passed by position (`auth=("u", X)`, `.login(u, X)`, `<password>X</password>`, `.pgpass`) (`commands.ts`) | BLOCK |
 * | deny terms | the lab's terms, exactly — a version glued on included (`Bluefinch2026`, `Kestrel-7b`), look-alike capitals folded (`ΝIGΗTJAR`) — (BLOCK) or within a small edit distance, or as the start or end of a longer word (`nightjarxl`) (NEEDS_HUMAN) | |
 * | encoded deny terms | the lab's terms (5+ bytes) in base64 or base64url at any byte alignment, hex (any case), rot13 or reversed (`encoded.ts`) | NEEDS_HUMAN |
 * | internal hosts | the lab's `internalDomains`, matched as deny terms are (spaced, full width, look-alikes, invisible characters, encoded), and written as LDAP domain components (`ldap.ts`) | NEEDS_HUMAN |
 * | other readings | the text with `%XX` escapes, HTML references and written-out `\uXXXX` escapes decoded (deny terms, internal hosts, keywords, formats) and without invisible characters (secret shapes, formats, keywords) | as above |
 * | numbers | in a JSON text (tool-call arguments, results): a Luhn-valid card number (`residual_card`, BLOCK), a phone or SSN shape (`residual_number`, NEEDS_HUMAN); in any text, a card in its groups with any separator (dots, slashes, mixed, invisible: `residual_card`), an international (`+`, `00`) or European trunk-`0` phone number and another country's national id with a valid check character (`residual_number`, NEEDS_HUMAN; `national.ts`) | |
 * | names and addresses in Chinese, Japanese, Korean | a name after a form label or an introduction, a family name before an honorific, a 〒 postcode, a road and house number or a block number (`script-pii.ts`) | NEEDS_HUMAN (a name after 姓名：/氏名：/성명:, a postcode with an address: BLOCK) |
 * | structure | a field outside the allow-list, a malformed form (a `createdAt` that is not a UTC day), opaque reasoning with text | BLOCK |
 * | user names in paths | the folder after `/home/`, `/Users/`, `/scratch/`, `/work/`, a `users` folder, `~name/` (not `ubuntu`, `tmp`, `src`…) (`paths.ts`) | NEEDS_HUMAN |
 * | author names | a user's or system message's `name` that is not a placeholder nor role words (`fields.ts`) | NEEDS_HUMAN |
 * | person names in their places | two or three capitalised words where a person stands whatever the words: a display name before `<e-mail>`, `From:`/`To:`/`Cc:`/`Signed-off-by:`/`Co-authored-by:` lines, vCard `FN:`/`N:`, ICS `CN=`, a signature after a closing word (`people.ts`) | NEEDS_HUMAN |
 * | account names | a user name in a shell prompt, `ssh`/`scp user@host`, `-u user`, `uid=…(user)`, `whoami` output, `ls -l` owners, `Author:` handles, person keys in JSON, `owner:` tags, fine-tune suffixes (`users.ts`) | NEEDS_HUMAN |
 * | deny-term codenames | the codename of a `Project X`-style term on its own, as found (`codenames.ts`) | BLOCK |
 * | cued personal data | a date of birth, an identity document's or record's number after its label (BLOCK); an account/customer/member ID, a profile link's handle, home coordinates, a post code after a redacted address (NEEDS_HUMAN) (`cued.ts`) | |
 * | opaque reasoning | hidden reasoning nobody can review | NEEDS_HUMAN |
 * | density | more placeholders per word than `maxRedactionDensity` | NEEDS_HUMAN |
 * | legibility | redaction cost more than `maxLegibilityDrop` points | NEEDS_HUMAN |
 *
 * Every published string is scanned: message text, reasoning, tool-call arguments and results,
 * model, task and tags, and the legibility explanations. Reasons name a path, never a value.
 */
import { isSpace } from "../chars";
import type { ReviewReason, Verdict } from "../records";
import {
  denyMatcher,
  SCREEN_COMMANDS_AT,
  SCREEN_HINT,
  SCREEN_NUMBERS_AT,
  SCREEN_PIECE,
  SCREEN_RUN,
  type DenyHit,
  type DenyMatcher,
} from "./deny";
import { findFormatHits, findSplitKey, hasEmailAddress } from "./formats";
import { fieldReasons } from "./fields";
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
} from "./commands";
import { findKeywordHits, type KeywordHit } from "./keywords";
import { findNumberHits, groupedAccount } from "./numbers";
import { hasUserFolder } from "./paths";
import { findUserNames } from "./users";
import { decoded, hasControls, withoutInvisible } from "./readings";
import { reason, REASON_SEVERITY, verdictOf, type ReasonCode } from "./reasons";
import { findCuedPii } from "./cued";
import { hasLdapInternalDomain } from "./ldap";
import { findPeople } from "./people";
import { termsWithCodenames } from "./codenames";
import { encodedForms, encodedMatcher } from "./encoded";
import { findScriptPii, gluedScriptSurvivors } from "./script-pii";
import { findSecretShaped, runMinOf } from "./secrets";
import { checkedStrings } from "./shape";
import { checkStructure, opaqueReasons } from "./structure";
import { countPlaceholders, reviewStrings, strippedFlat, strippedLong, type ReviewString } from "./strings";
import { findSurvivors } from "./survival";
import { DEFAULT_THRESHOLDS, resolveThresholds, type ReviewThresholds } from "./thresholds";

export { DEFAULT_THRESHOLDS, resolveThresholds, type ReviewThresholds } from "./thresholds";
export { REASON_SEVERITY, verdictOf, type ReasonCode } from "./reasons";

/** The part of a lab's policy the review needs (structurally the redaction `Policy`). */
export interface ReviewPolicy {
  denyTerms?: readonly string[];
  allowTerms?: readonly string[];
  /**
   * The lab's internal domains (`corp.example.com`): matched like deny terms (so a host under
   * one is found with its dots spaced, in full width, with look-alike letters or invisible
   * characters, or percent-encoded), reported as `internal_host`.
   */
  internalDomains?: readonly string[];
}

export interface ReviewInput {
  /** The candidate published body (everything but `review`), as it will be written. */
  body: unknown;
  /** The raw values the first pass redacted (in memory only). */
  values?: readonly string[];
  policy?: ReviewPolicy;
  /** Legibility of the raw and of the redacted transcript, 0–100. */
  legibility?: { raw: number; redacted: number };
  thresholds?: Partial<ReviewThresholds>;
}

export interface ReviewResult {
  verdict: Verdict;
  reasons: ReviewReason[];
  /** How many reasons were found (the list stops at `maxReasons`). */
  total: number;
  density: number;
}

/** 1 for the code units `\s` matches (all of them: one load, no range test). */
const SPACE = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) SPACE[c] = isSpace(c) ? 1 : 0;

/**
 * 1 for the letters of scripts written without spaces between words (Han, Kana, Thai, Lao,
 * Khmer, Myanmar): a run of them is not one word. Hangul is written with spaces: not here.
 */
const UNSPACED = new Uint8Array(65536);
for (const [lo, hi] of [
  [0x0e00, 0x0eff], // Thai, Lao
  [0x1000, 0x109f], // Myanmar
  [0x1780, 0x17ff], // Khmer
  [0x3040, 0x30ff], // Hiragana, Katakana
  [0x3400, 0x4dbf], // Han extension A
  [0x4e00, 0x9fff], // Han
  [0xf900, 0xfaff], // Han compatibility
  [0xff66, 0xff9f], // half-width Katakana
] as const)
  UNSPACED.fill(1, lo, hi + 1);

/**
 * The number of words: `/\S+/g` matches, without building the array of them, except that letters
 * of scripts written without spaces count as one word per two (a Chinese word is one to two
 * characters; a whole sentence read as one "word" made every placeholder in it look dense).
 */
export function countWords(s: string): number {
  let n = 0;
  let unspaced = 0;
  let afterSpace = 1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const u = UNSPACED[c]!;
    unspaced += u;
    // Such a letter separates words as a space does.
    const sp = SPACE[c]! | u;
    n += afterSpace & (sp ^ 1);
    afterSpace = sp;
  }
  return n + ((unspaced + 1) >> 1);
}
/**
 * Short strings (a scorer's explanations, model ids, tags, roles and part types) recur from body
 * to body: a text found clean (no secret-shaped token, keyword hit or deny term) is remembered
 * (`cleanMemo`), and found clean again by one lookup of its raw text. Identifiers scanned
 * without the entropy check are left out (their answer would not be the same).
 */
const MEMO_MAX_LENGTH = 256;

export function review(input: ReviewInput): ReviewResult {
  // The defaults are frozen and only read here: no copy of them per call.
  const th = input.thresholds === undefined ? DEFAULT_THRESHOLDS : resolveThresholds(input.thresholds);
  const found = new Found();
  const reasons = found.list;

  // A plainly valid body (the usual case) is checked and its strings listed in one walk; any
  // other goes through the schema, then the general walk.
  let strings = checkedStrings(input.body);
  const structure: ReviewReason[] = [];
  if (strings === undefined) {
    structure.push(...checkStructure(input.body));
    strings = reviewStrings(input.body);
  } else opaqueReasons(input.body, structure);
  for (let i = 0; i < structure.length; i++) found.add(structure[i]!);
  for (const r of fieldReasons(input.body)) found.add(r);

  // With the codenames of "Project X"-style terms (`codenames.ts`).
  const denyTerms = termsWithCodenames(input.policy?.denyTerms ?? []);
  // Internal domains are matched exactly (after folding), by the same matcher (one screen pass):
  // a near miss of a 14-letter domain would be looked for around every 4-letter piece of it
  // ("ecom" in "become"). Their hits are numbered from `hostsFrom` on.
  // The terms in rot13 and reversed are matched as exact terms after the internal domains (one
  // screen pass); in base64 and hex, by one search of their patterns (`encoded.ts`).
  const domains = input.policy?.internalDomains ?? [];
  const forms = encodedForms(denyTerms);
  const deny = denyMatcher(
    denyTerms,
    input.policy?.allowTerms ?? [],
    th.denyTermMaxDistance,
    forms.length === 0 ? domains : [...domains, ...forms.map((f) => f.form)],
    // The lab's own terms at a distance; the codenames taken out of them as found.
    input.policy?.denyTerms?.length ?? 0,
  );
  const ids: HitIds = {
    hostsFrom: denyTerms.length,
    formsFrom: denyTerms.length + domains.length,
    formTerm: forms.map((f) => f.term),
  };
  const encoded = encodedMatcher(denyTerms);
  const memo = cleanMemo(deny, th);
  const values = input.values ?? [];

  // Per string: 0 when remembered clean, 1 when it may be remembered once found clean, 2 when it
  // is never remembered, 3 for an identifier. Identifiers (the transcript's and tool calls') are
  // random by design: not entropy-scanned (and not remembered), but checked for the formats of
  // credentials and e-mail addresses (`formats.ts`), and by every other screen like any text.
  const kind: number[] = [];
  for (let si = 0; si < strings.length; si++) {
    const s = strings[si]!;
    if (s.idKey && s.idPath) kind.push(3);
    else if (s.text.length > MEMO_MAX_LENGTH) kind.push(2);
    // The lookup reads the text flat: hashing a concatenated ("cons") string as it is costs
    // about twice what flattening it first (one native search for `⟦`) does.
    else kind.push(s.text.includes("\u27E6") || !memo.has(s.text) ? 1 : 0);
  }

  // Placeholder-stripped and flat (see `strippedFlat`); survival reads every string, the
  // screens below only the strings not remembered clean.
  const stripped: (string | undefined)[] = new Array<string | undefined>(strings.length);
  if (values.length > 0) {
    // A text remembered clean holds no `⟦` (and the lookup read it flat): it is its own
    // stripped form.
    for (let si = 0; si < strings.length; si++) {
      const k = kind[si]!;
      const t = strings[si]!.text;
      stripped[si] = k === 0 ? t : k === 2 ? strippedLong(t) : strippedFlat(t);
    }
    for (const hit of findSurvivors(strings, values, th, stripped as string[])) {
      found.add(reason("survival", `a redacted value survives (${hit.form} form)`, hit.path));
    }
    // Values in Chinese, Japanese or Korean, glued to the letters around them (`script-pii.ts`).
    for (const path of gluedScriptSurvivors(strings, stripped as string[], values))
      found.add(reason("survival", "a redacted value survives (glued to letters of its script)", path));
  }

  const runMin = runMinOf(th.secretMinSegmentLength);
  let placeholders = 0;
  let words = 0;
  for (let si = 0; si < strings.length; si++) {
    const s = strings[si]!;
    if (s.message) placeholders += countPlaceholders(s.text);
    const k = kind[si]!;
    if (k === 0) continue;
    const text = (stripped[si] ??= k === 2 ? strippedLong(s.text) : strippedFlat(s.text));
    const scanEntropy = k !== 3;
    let hits = 0;
    // One pass rules out most texts for the deny terms and the secret scan at once.
    const screened = deny.screens(text, runMin);
    // Which groups of literals the pass found (`commands.ts`): a reading whose group is absent has
    // nothing to look at. The readings of the text as published (`s.text`) take the answer only
    // when no placeholder was taken out of it (each is longer than the blank standing for it).
    const literals = (screened >> SCREEN_COMMANDS_AT) & SCREEN_GROUPS;
    const published = text.length !== s.text.length ? SCREEN_GROUPS : literals;
    // What an identifier may not hold whatever its randomness: a credential in a provider's
    // format, an e-mail address (the checks below apply to it as to any text).
    if (!scanEntropy)
      for (const h of findFormatHits(text)) {
        hits++;
        found.add(reason(h.code, `${h.what} in an identifier`, s.path));
      }
    else if (hasEmailAddress(text, (literals & SCREEN_EMAIL) !== 0)) {
      // The first pass replaces every e-mail address: one still here slipped past it.
      hits++;
      found.add(reason("residual_email", "an e-mail address", s.path));
    }
    if (scanEntropy && screened & SCREEN_RUN)
      for (const h of findSecretShaped(text, th)) {
        hits++;
        found.add(
          reason(
            "residual_secret",
            `a secret-shaped token (${h.length} characters, ${h.entropy.toFixed(1)} bits/character)`,
            s.path,
          ),
        );
      }
    // The screen read the placeholder-stripped text: a literal inside a placeholder (`⟦SECRET_1⟧`)
    // is followed by a letter, a digit or `_`, never by the `=`, `:` or space a hit needs, so
    // every hit's literal lies outside the placeholders, where stripping leaves the text as is.
    if (scanEntropy && hasUserFolder(text, (literals & SCREEN_FOLDERS) !== 0)) {
      hits++;
      found.add(reason("residual_user_path", "a person's user name in a path", s.path));
    }
    // Account names in prompts, commands, tables, commits, keys and fields (`users.ts`).
    if (scanEntropy)
      for (const w of findUserNames(s.text, (published & SCREEN_USERS) !== 0)) {
        hits++;
        found.add(reason("residual_user_name", w, s.path));
      }
    if (screened & SCREEN_HINT) hits += addKeywordHits(findKeywordHits(s.text), s, found, "");
    // Credentials with no keyword beside them: command flags, printed secrets, positional (`commands.ts`;
    // on the placeholder-stripped flat text: a placeholder reads as a blank, never as a value). The
    // screen pass above found which of its literals the text holds.
    if (scanEntropy) hits += addHits(findCommandCredentials(text, literals & 3), s, found);
    if (screened & SCREEN_PIECE) hits += addDenyHits(deny.find(text, true), ids, s, found, "");
    // The lab's terms in base64 or hex.
    for (const t of encoded.find(text)) {
      hits++;
      found.add(
        reason("deny_term_encoded", `deny term #${t + 1} of the lab's policy in base64 or hex`, s.path),
      );
    }
    hits += otherReadings(
      text,
      s,
      scanEntropy,
      th,
      deny,
      ids,
      found,
      (screened >> SCREEN_NUMBERS_AT) & 7,
      literals,
    );
    // Names and addresses in Chinese, Japanese and Korean (`script-pii.ts`; one code point test
    // when the text holds none).
    for (const h of findScriptPii(text)) {
      hits++;
      found.add(reason(h.strong ? "residual_script_pii_strong" : "residual_script_pii", h.what, s.path));
    }
    // Full names where a person stands: before `<e-mail>`, header lines, signatures (`people.ts`).
    for (const h of findPeople(s.text)) {
      hits++;
      found.add(reason("residual_person", h.what, s.path));
    }
    // The lab's internal domains as LDAP domain components (`ldap.ts`).
    if (hasLdapInternalDomain(text, input.policy?.internalDomains ?? [])) {
      hits++;
      found.add(reason("internal_host", "an internal domain written as LDAP domain components", s.path));
    }
    // Profile links, dates of birth, cued identifiers, home coordinates, post codes (`cued.ts`).
    for (const h of findCuedPii(
      s.text,
      (published & SCREEN_PROFILE) !== 0,
      (published & SCREEN_BIRTH) !== 0,
    )) {
      hits++;
      found.add(reason(h.code, h.what, s.path));
    }
    if (k === 1 && hits === 0) remember(memo, s.text);
  }

  // Without placeholders the density is 0 whatever the word count, and only a negative threshold
  // would report it: the words are counted only when they can change the result.
  if (placeholders > 0 || th.maxRedactionDensity < 0) {
    for (const s of strings) if (s.message) words += countWords(s.text);
  }
  const density = words === 0 ? 0 : placeholders / words;
  if (density > th.maxRedactionDensity) {
    found.add(
      reason(
        "redaction_density",
        `${placeholders} placeholders in ${words} words (${(density * 100).toFixed(1)}% > ${(th.maxRedactionDensity * 100).toFixed(1)}%)`,
      ),
    );
  }
  if (input.legibility) {
    const drop = input.legibility.raw - input.legibility.redacted;
    if (drop > th.maxLegibilityDrop) {
      found.add(
        reason(
          "legibility_drop",
          `legibility fell ${drop.toFixed(1)} points with redaction (> ${th.maxLegibilityDrop})`,
        ),
      );
    }
  }

  const verdict = verdictOf(reasons);
  // Keep the most severe reasons when the list must be cut.
  // (The list is this call's own: with one reason or none it is returned as it is.)
  const total = reasons.length;
  if (total <= 1) return { verdict, reasons, total, density };
  const ordered = [...reasons].sort(bySeverity);
  return { verdict, reasons: ordered.slice(0, Math.max(1, th.maxReasons)), total, density };
}

/** Reasons for hits that carry their code and words (`commands.ts`). */
function addHits(hs: readonly { code: ReasonCode; what: string }[], s: ReviewString, found: Found): number {
  for (const h of hs) found.add(reason(h.code, h.what, s.path));
  return hs.length;
}

/** Reasons for keyword hits; `how` says in which reading of the text they were found. */
function addKeywordHits(hs: readonly KeywordHit[], s: ReviewString, found: Found, how: string): number {
  for (const h of hs) {
    const what: Record<typeof h.code, string> = {
      keyword_secret: `a credential-looking value after "${h.keyword}"`,
      keyword_context: `a value after "${h.keyword}"`,
      bearer_token: `a credential after "${h.keyword}"`,
      url_credentials: "a password in a URL",
      private_key: "a private key block",
    };
    found.add(reason(h.code, what[h.code] + how, s.path));
  }
  return hs.length;
}

/**
 * Which term a deny-matcher hit is of: the deny terms, then from `hostsFrom` the internal
 * domains, then from `formsFrom` the deny terms in rot13 or reversed (of term `formTerm[j]`).
 */
interface HitIds {
  hostsFrom: number;
  formsFrom: number;
  formTerm: readonly number[];
}

/** Reasons for deny-term hits (see `HitIds`; `addKeywordHits` for `how`). */
function addDenyHits(
  hs: readonly DenyHit[],
  ids: HitIds,
  s: ReviewString,
  found: Found,
  how: string,
): number {
  const { hostsFrom, formsFrom } = ids;
  let hits = 0;
  for (const h of hs) {
    if (h.term >= formsFrom) {
      // A form as the start or end of a longer word is no reason of its own.
      if (h.distance !== 0) continue;
      hits++;
      const t = ids.formTerm[h.term - formsFrom]!;
      found.add(
        reason(
          "deny_term_encoded",
          `deny term #${t + 1} of the lab's policy in rot13 or reversed${how}`,
          s.path,
        ),
      );
      continue;
    }
    hits++;
    const host = h.term >= hostsFrom;
    const code: ReasonCode = host ? "internal_host" : h.distance === 0 ? "deny_term" : "deny_term_near";
    const term = host ? `internal domain #${h.term - hostsFrom + 1}` : `deny term #${h.term + 1}`;
    const what =
      h.distance === 0
        ? `${term} of the lab's policy`
        : h.glued
          ? `${term} of the lab's policy as the start or end of a longer word`
          : `near ${term} of the lab's policy (distance ${h.distance})`;
    found.add(reason(code, what + how, s.path));
  }
  return hits;
}

const DECODED = " (with its escapes decoded)";
const VISIBLE = " (with its invisible characters removed)";

/**
 * The checks a disguise would slip past, on the text's other readings (`readings.ts`): without
 * invisible characters (secret shapes, providers' formats, e-mail, keywords: a zero-width space
 * inside `AKIA…` cuts it in two), with `%XX` escapes, HTML references and written-out escapes
 * decoded (deny terms, internal domains, keywords, formats: `%2Fnightjar%2F`,
 * `Project%20Bluefinch`, `local%40domain.com`, `local&#64;domain.com`); card numbers in their
 * groups, and personal numbers written as JSON numbers (`numbers.ts`; `gates`: what the screen
 * pass found of their gates, `number-gates.ts`; `literals`: which groups of literals it found,
 * `commands.ts`). Returns the number of hits.
 */
function otherReadings(
  text: string,
  s: ReviewString,
  scanEntropy: boolean,
  th: ReviewThresholds,
  deny: DenyMatcher,
  ids: HitIds,
  found: Found,
  gates: number,
  literals: number,
): number {
  let hits = 0;
  const visible = withoutInvisible(text, (literals & SCREEN_CONTROLS) !== 0);
  if (visible !== undefined) {
    if (scanEntropy)
      for (const h of findSecretShaped(visible, th)) {
        hits++;
        found.add(
          reason(
            "residual_secret",
            `a secret-shaped token (${h.length} characters, ${h.entropy.toFixed(1)} bits/character)${VISIBLE}`,
            s.path,
          ),
        );
      }
    for (const h of findFormatHits(visible)) {
      hits++;
      found.add(reason(h.code, h.what + VISIBLE, s.path));
    }
    hits += addKeywordHits(findKeywordHits(visible), s, found, VISIBLE);
    // Deny terms fold invisible characters away already, but not a terminal's colour codes.
    if (hasControls(text)) hits += addDenyHits(deny.find(visible), ids, s, found, VISIBLE);
  }
  // (The screen's literals are the text's, not the visible reading's.)
  const plain = visible === undefined ? decoded(text, (literals & SCREEN_ESCAPES) !== 0) : decoded(visible);
  if (plain !== undefined) {
    hits += addDenyHits(deny.find(plain), ids, s, found, DECODED);
    if (scanEntropy && hasUserFolder(plain)) {
      hits++;
      found.add(reason("residual_user_path", "a person's user name in a path" + DECODED, s.path));
    }
    hits += addKeywordHits(findKeywordHits(plain), s, found, DECODED);
    for (const h of findFormatHits(plain)) {
      hits++;
      found.add(reason(h.code, h.what + DECODED, s.path));
    }
  }
  if (scanEntropy) {
    // A provider's key in pieces (`AKIA ABCD …` in groups, wrapped, `sk_live_` with a blank):
    // identifiers get the same check through `findFormatHits`.
    const split = findSplitKey(text, (literals & SCREEN_SPLIT_KEY) !== 0);
    if (split !== undefined) {
      hits++;
      found.add(reason("residual_secret", `a credential in a known format, in pieces (${split})`, s.path));
    }
    const account = groupedAccount(text, gates);
    if (account !== undefined) {
      hits++;
      found.add(
        reason(
          "residual_card",
          account === "iban"
            ? "a bank account number (IBAN, in its groups)"
            : "a payment card number (in its groups)",
          s.path,
        ),
      );
    }
  }
  for (const h of findNumberHits(text, gates)) {
    hits++;
    const how = h.grouped ? "in its groups" : "a JSON number";
    if (h.kind === "card") found.add(reason("residual_card", `a payment card number (${how})`, s.path));
    else
      found.add(
        reason(
          "residual_number",
          h.what ?? `a ${h.kind === "phone" ? "phone number" : "social security number"} (${how})`,
          s.path,
        ),
      );
  }
  return hits;
}

/**
 * Raw texts found clean by the screens and scans above, per deny matcher and for the thresholds
 * those scans read (a change of them starts afresh): at most `MEMO_MAX` at a time. What is
 * remembered is a pure fact of the text (its screens and scans depend on nothing else), and only
 * clean answers are kept: a text with a hit is scanned again, so its reasons name their path.
 */
interface CleanMemo {
  texts: Set<string>;
  minLength: number;
  minSegmentLength: number;
  minEntropy: number;
  maxMeanPiece: number;
}
const MEMO_MAX = 4096;
const MEMOS = new WeakMap<object, CleanMemo>();

function cleanMemo(deny: object, th: ReviewThresholds): Set<string> {
  let m = MEMOS.get(deny);
  if (
    m === undefined ||
    m.minLength !== th.secretMinLength ||
    m.minSegmentLength !== th.secretMinSegmentLength ||
    m.minEntropy !== th.secretMinEntropy ||
    m.maxMeanPiece !== th.secretMaxMeanPiece
  ) {
    m = {
      texts: new Set(),
      minLength: th.secretMinLength,
      minSegmentLength: th.secretMinSegmentLength,
      minEntropy: th.secretMinEntropy,
      maxMeanPiece: th.secretMaxMeanPiece,
    };
    MEMOS.set(deny, m);
  }
  return m.texts;
}

function remember(memo: Set<string>, text: string): void {
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.add(text);
}

/** 0 for a reason that blocks, else 1 (what `verdictOf([r]) === "BLOCK"` says, without the array). */
function severityRank(r: ReviewReason): number {
  return (REASON_SEVERITY as Record<string, Verdict | undefined>)[r.code] === "BLOCK" ? 0 : 1;
}

function bySeverity(a: ReviewReason, b: ReviewReason): number {
  return severityRank(a) - severityRank(b);
}

/** The reasons found, each (code, path) once, in the order found (the set only once one is). */
class Found {
  readonly list: ReviewReason[] = [];
  #seen: Set<string> | undefined;
  add(r: ReviewReason): void {
    const key = `${r.code}|${r.path ?? ""}`;
    const seen = (this.#seen ??= new Set<string>());
    if (seen.has(key)) return;
    seen.add(key);
    this.list.push(r);
  }
}
