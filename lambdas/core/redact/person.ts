/**
 * Person names. NER libraries alone reach about 0.6 recall here (compromise, measured), so names
 * are found by combining three cheap signals (see docs/redaction.md):
 * 1. a lexicon of ~39k given and family names (names-data.ts, loaded lazily), with names that are
 *    also English words ("Will", "Rose", "White") marked ambiguous;
 * 2. capitalisation: runs of capitalised words (with initials) around a lexicon name form one name;
 * 3. context cues: titles (Mr., Dr.), "my name is", "said", dialogue labels ("Anna:"), lists that
 *    hold a name ("Eklund, Michael and Hodge"), and names already found in the same string.
 * An ambiguous or unknown single word is a name only with a cue.
 * Each name carries the strength of its evidence: strong (a full name, a title, a greeting or
 * introduction) or narrative (a lone given name, "the problem says X", a sentence opener and a
 * name). Narrative names stay in a string that reasons in quantities and holds no personal-data
 * context: the characters of word problems ("Natalia sold 48 clips…") are not personal data.
 */
import { brotliDecompressSync } from "node:zlib";
import { unpack91 } from "../pack";
import { NAMES_BROTLI } from "./names-data";
import { NAMES_EXTRA } from "./names-extra";
import { dictionary } from "../legibility/dictionary";
import { clusters } from "./pii";
import { personalWord, titleCue } from "./secrets";
import { CATEGORY, isSpace, type Detector, type Span } from "./types";

let NAMES: Map<string, boolean> | undefined; // name -> ambiguous

/** The name lexicon: lower-case name → ambiguous (also an English word). Built once, at first use. */
export function nameLexicon(): Map<string, boolean> {
  return names();
}

/** The generated name list (names-data.ts), decoded: test/core/redact/names-data.test.ts checks it against its sources. */
export function namesText(): string {
  return new TextDecoder().decode(brotliDecompressSync(unpack91(NAMES_BROTLI)));
}

function names(): Map<string, boolean> {
  if (!NAMES) {
    NAMES = new Map();
    const raw = namesText();
    // Front-coded (names-data.ts): [`*`] prefix length shared with the name before (base 36), rest.
    let prev = "";
    for (const line of raw.split("\n")) {
      const word = line.charCodeAt(0) === 42; // *
      const at = word ? 1 : 0;
      const name = prev.slice(0, parseInt(line[at]!, 36)) + line.slice(at + 1);
      NAMES.set(name, word);
      prev = name;
    }
    // Names common at AI labs that the generated list lacks (never over one of its entries).
    for (const name of extraNames().keys()) if (!NAMES.has(name)) NAMES.set(name, extraNames().get(name)!);
    // Well-known places that are also names: alone, the place is meant far more often.
    for (const place of PLACES) if (NAMES.has(place)) NAMES.set(place, true);
    // Common given names that the English word list holds but text nearly never means as words.
    for (const name of CLEAR_GIVEN_NAMES.split(" ")) if (NAMES.has(name)) NAMES.set(name, false);
  }
  return NAMES;
}

/**
 * Common given names that the list marks ambiguous because an English word list holds them
 * ("james", "michael", "jane", "emma"), but that a capitalised text almost never means as a word:
 * alone they were published beside personal data ("Michael's phone is ⟦PHONE_1⟧"). Names that are
 * words in earnest stay ambiguous (Mark, Will, Bill, Frank, Grace, Rose, Ruby, Jack, Carol…).
 */
const CLEAR_GIVEN_NAMES =
  "james john michael william joseph paul eric steven alexander patrick kyle noah sean louis mary " +
  "nancy betty diane anna emma maria ann gloria doris judy isabella ava oliver jane laura donna " +
  "abigail logan alan benjamin timothy peter harry henry luke jake carl";

/**
 * Cities, states, regions and universities that the name list also holds as names ("London",
 * "Sydney", "Austin", "Houston"): marked ambiguous, so that alone they are a name only with a cue
 * ("Austin said", "Dear Sydney"), while "Sydney Sweeney" or "Austin Powers" stays a full name.
 * "Flights from Sydney to Austin" and "the distance between London and Berlin" published two
 * placeholders. Countries are stop words already. Names far more often given than meant as the
 * place are left out (Sofia, Eugene, Augusta, Adelaide, Lincoln, Jackson, Madison, Savannah).
 */
const PLACE_NAMES =
  "london sydney melbourne brisbane perth hobart darwin canberra houston dallas austin denver orlando " +
  "cleveland columbus baltimore richmond raleigh albuquerque reno sacramento oakland berkeley cambridge " +
  "liverpool leeds glasgow birmingham brighton sheffield oxford manchester bristol milan naples venice " +
  "barcelona seville porto lyon madrid rome dublin cairo lagos tunis quito santiago asuncion tijuana " +
  "kingston hartford trenton camden dayton salem florida maryland montana nevada oregon " +
  "carolina dakota maine boston phoenix berlin paris vienna geneva hamburg valencia florence lima";

/**
 * Universities and firms named after people, meant as the institution when alone (ambiguous names
 * like PLACE_NAMES). A run of them without a clear name ("a Carnegie Mellon PhD") is the
 * institution too, unless a cue says otherwise; a full name stays one ("Leland Stanford").
 */
const INSTITUTION_NAMES =
  "stanford harvard cornell columbia vanderbilt carnegie mellon purdue emory baylor villanova fordham mckinsey";

/** INSTITUTION_NAMES' words. */
const INSTITUTIONS: ReadonlySet<string> = new Set(INSTITUTION_NAMES.split(" "));
/** PLACE_NAMES' and INSTITUTION_NAMES' words. */
const PLACES: ReadonlySet<string> = new Set([...PLACE_NAMES.split(" "), ...INSTITUTIONS]);

let EXTRA: Map<string, boolean> | undefined; // name -> ambiguous

/** The names of `names-extra.ts` (added to the lexicon; given names before "Park"/"He"). */
function extraNames(): Map<string, boolean> {
  if (!EXTRA) {
    EXTRA = new Map();
    for (const w of NAMES_EXTRA.split(" ")) EXTRA.set(w.startsWith("*") ? w.slice(1) : w, w.startsWith("*"));
  }
  return EXTRA;
}

/** Capitalised words that begin sentences or titles but are never names on their own. */
const STOP = new Set(
  (
    "the a an and or but if of in on at to for from by with as is are was were be been it its this that these those " +
    "he she they we you i me my our your his her their them us there here then than so not no yes all any some each " +
    "every what when where which who whom whose why how while after before since until because although though also " +
    "just only even still yet now today tomorrow yesterday first second third next last finally therefore thus hence " +
    "however let lets let's suppose assume given note step answer question problem solution total so okay ok well " +
    // Sentence adverbs before a comma ("Later, Maria left" took "Later" as a list's neighbour).
    "later meanwhile afterwards afterward eventually instead sadly luckily fortunately unfortunately honestly " +
    "basically actually apparently clearly obviously certainly surely perhaps maybe besides otherwise anyway " +
    "anyhow nonetheless nevertheless moreover furthermore additionally consequently accordingly similarly " +
    "likewise initially originally previously recently currently earlier again anyways " +
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august " +
    "september october november december mr mrs ms dr prof sir madam dear hi hello thanks thank user assistant " +
    "system bot tool human ai model god street road avenue university college school company inc ltd corp llc " +
    "north south east west northern southern eastern western new old great big small united state states kingdom " +
    "city county republic bank group hotel hospital church museum park river lake mount island airport station " +
    "english french german spanish italian chinese japanese russian american british european african asian " +
    "christian muslim jewish catholic patient doctor nurse date time fax mobile phone desk email address " +
    "inc llc ltd corp co group sons brothers partners associates " +
    // Protocol words that open a line as a label does ("Header Authorization: Bearer …").
    "header headers authorization authentication bearer cookie request response " +
    // Terminal status words and the abbreviated days and months of `date` and `last` output
    // ("Login Succeeded", "Last login: Mon Nov 30"); Jan, Jun, Sat, Sun are names too: not here.
    "login logout logon succeeded success successful failed failure error warning " +
    "mon tue tues wed thu thur thurs fri feb mar apr aug sep sept oct nov dec " +
    // Type words after a field's name in code ("last_name: Optional[str]", "name: String").
    "optional union literal sequence iterable callable annotated nullable string varchar " +
    // Countries and regions are not redacted by design (see docs/redaction.md).
    "afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain " +
    "bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burkina " +
    "burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czech czechia " +
    "denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia " +
    "georgia germany ghana greece greenland greenlander grenada guatemala guinea guyana haiti honduras hungary iceland " +
    "india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati korea kosovo kuwait " +
    "kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi " +
    "malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco " +
    "mozambique myanmar namibia nauru nepal netherlands zealand nicaragua niger nigeria norway oman pakistan palau " +
    "palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa marino senegal " +
    "serbia seychelles sierra singapore slovakia slovenia somalia spain sri lanka sudan suriname sweden switzerland " +
    "syria taiwan tajikistan tanzania thailand togo tonga trinidad tunisia turkey turkmenistan tuvalu uganda ukraine " +
    "emirates uruguay uzbekistan vanuatu vatican venezuela vietnam yemen zambia zimbabwe europe asia africa america " +
    "antarctica oceania scandinavia iberia balkans caribbean"
  ).split(" "),
);

/**
 * Stop words that are also common given names (months, a religion, countries): kept at the head
 * of a name (`wordRun`). Other countries, days and regions stay stop words there ("France",
 * "Monday"), as do nationality words ("German Shepherd", "French Press").
 */
const GIVEN_STOPS = new Set(
  "January April June August Christian Chad Jordan Georgia India Israel Kenya Sierra".split(" "),
);

/** Family names that are also stop words: kept after a clear given name ("Jiwoo Park"). */
const STOP_SURNAMES = new Set(["Park", "He"]);
/** One of STOP_SURNAMES as a word after blanks (sticky). */
const STOP_SURNAME_AFTER = /[ \t]+(Park|He)(?![\p{L}\p{N}_@'’-])/uy;

/**
 * The end of a name in a list of names (`Ana Lima and Jo Park`) taken on over a family name also
 * spelled as a stop word right after it, which the run dropped: "⟦PERSON_2⟧ Park" would publish
 * it. "He" also starts a sentence run on without a stop, so it is taken only after a given name of
 * the added list (as in wordRun).
 */
function stopSurnameEnd(text: string, start: number, end: number): number {
  STOP_SURNAME_AFTER.lastIndex = end;
  const m = STOP_SURNAME_AFTER.exec(text);
  if (!m) return end;
  if (
    m[1] === "He" &&
    !extraNames().has(
      text
        .slice(start, end)
        .split(/[ \t]+/)
        .pop()!
        .toLowerCase(),
    )
  )
    return end;
  return STOP_SURNAME_AFTER.lastIndex;
}

/** The stop words as they start a sentence ("So", "The"), the commonest capitalised words. */
const STOP_CAPITALISED = new Set([...STOP].map((w) => w.charAt(0).toUpperCase() + w.slice(1)));

/** Titles and roles that head a name. */
const TITLES = new Set(
  "mr mrs ms mx miss dr prof professor sir dame lady lord rev father sister brother uncle aunt captain judge senator president governor mayor officer agent coach producer director author writer singer actor actress artist composer drummer guitarist".split(
    " ",
  ),
);

/** STOP_CAPITALISED words that are not TITLES ("So", "If", "The"; not "Mr"), by a hash of their code units (×31, 32 bits). */
const OPENER_BY_HASH = new Map<number, string[]>();
for (const w of STOP_CAPITALISED) {
  if (TITLES.has(w.toLowerCase())) continue;
  let h = 0;
  for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0;
  OPENER_BY_HASH.set(h, [...(OPENER_BY_HASH.get(h) ?? []), w]);
}

/** Whether `text[start, end)`, whose code units hash to `h`, is a stop word and not a title. */
function isOpener(text: string, start: number, end: number, h: number): boolean {
  const list = OPENER_BY_HASH.get(h);
  if (list === undefined) return false;
  for (const w of list) if (w.length === end - start && text.startsWith(w, start)) return true;
  return false;
}

/**
 * Where the one word after an opener stop word starts, when the rest of the run from `sp` (a
 * space or tab) is at most 8 spaces and tabs, then one ASCII word `[A-Z][a-z][A-Za-z]*` with an
 * optional possessive (`'s`, `’s`); else -1. `wordRun` judges such a run ("So Patchy's") exactly
 * as `loneWord` judges that word at its place: the stop word is dropped (it is no title, has no
 * contraction, and a stop word with a possessive is still one), no initial or particle lies
 * between, the word is one token whose possessive both strip alike, and with the stop word before
 * it on its line it is no line label (the gap is shorter than the 24 characters looked back). The
 * cue, vocative, cue-after and organisation checks are the same calls at the same places.
 */
function openerWord(text: string, sp: number, end: number): number {
  let i = sp;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i - sp > 8 || end - i < 2) return -1;
  const at = i;
  const c0 = text.charCodeAt(i);
  const c1 = text.charCodeAt(i + 1);
  if (c0 < 65 || c0 > 90 || c1 < 97 || c1 > 122) return -1;
  let e = end;
  const last = text.charCodeAt(e - 2);
  if (end - at >= 4 && text.charCodeAt(e - 1) === 115 && (last === 39 || last === 0x2019)) e -= 2;
  for (i += 2; i < e; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) return -1;
  }
  return at;
}

/** Endings of family names in many languages (-sen, -son, -ová, -ski, -ov, -ić, -ez, -ini…). */
const SURNAME_SHAPE =
  /(?:sen|son|sson|ová|ova|ov|ev|ski|ska|sky|cki|cka|ić|vić|ič|ez|es|ini|ino|elli|etti|ardo|berg|stein|mann|man|ner|ler|er|ez|ian|yan|dze|shvili|oglu|escu|ides|akis|opoulos|ko|uk|enko|chuk|nen|la|lä|ti|ssen|dottir|dóttir|sdóttir|quist|qvist|ström|strom|gren|lund|ton|ley|well|field|ford|wood|worth|ham|by|ing|ert|ald|ard|ick|ock|oe|ey|au|eau|eaux|ault|ier|ot|in|off|ff|vich|ovich|evich|ak|ek|ik|as|is|us|os|a|o|e|i|u|y)$/u;

/** Words after a capitalised run that make it an organisation, not a person. */
export const ORG_AFTER =
  /^\s*(?:,\s*)?(?:Inc|LLC|Ltd|Corp|Corporation|Company|Co|Group|GmbH|AG|SA|PLC|plc|& Sons|and Sons|Partners|Associates|Foundation|Institute|University)\b/;

/** First characters of ORG_AFTER's words ("Inc", "& Sons", "and Sons", "plc"…). */
const ORG_FIRST = new Uint8Array(128);
for (const c of "ILCGASPpaFU&") ORG_FIRST[c.charCodeAt(0)] = 1;

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * False where ORG_AFTER cannot match the 24 characters from `end`: after ASCII spaces, an
 * optional comma and ASCII spaces, the next character is ASCII and starts none of its words (any
 * other character is left to the regex).
 */
export function mayOrgAfter(text: string, end: number): boolean {
  const hi = Math.min(text.length, end + 24);
  let i = end;
  while (i < hi && isAsciiSpace(text.charCodeAt(i))) i++;
  if (i < hi && text.charCodeAt(i) === 44) {
    i++;
    while (i < hi && isAsciiSpace(text.charCodeAt(i))) i++;
  }
  if (i >= hi) return false;
  const c = text.charCodeAt(i);
  // ("and", "plc" and "&" start one alternative each: "Natalia and Weng" is none.)
  if (c === 97) return text.startsWith("and Sons", i);
  if (c === 112) return text.startsWith("plc", i);
  if (c === 38) return text.startsWith("& Sons", i);
  return c >= 128 || ORG_FIRST[c] === 1;
}

const NAME_TOKEN = String.raw`(?:\p{Lu}\p{Ll}[\p{Ll}’'\p{Lu}]*(?:-\p{Lu}\p{Ll}+)?|\p{Lu}['’]\p{Lu}\p{Ll}+)`;
const INITIAL = String.raw`\p{Lu}\.?`;
/** Particles inside family names: "Dyan van Gijn", "Willemine ten Pas". */
const PARTICLE = "(?:van|von|de|der|den|ten|ter|da|das|di|du|del|della|dos|le|la|bin|ibn|al|el)";
const RUN_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_@/\\.-])${NAME_TOKEN}(?:[ \t]+(?:(?:${INITIAL}|${PARTICLE})[ \t]+){0,2}${NAME_TOKEN}){0,3}(?![\p{L}\p{N}_@])`,
  "uy",
);
/**
 * Upper-case letters of the Latin, Greek, Cyrillic, Armenian and Georgian blocks (a superset in
 * the mixed-case ranges): a plain class scans ten times faster than `\p{Lu}`, and the sticky run
 * pattern is then tried only where one is found.
 */
const UPPER_CLASS = String.raw`[A-Z\u00C0-\u00DE\u0100-\u024F\u0370-\u03FF\u0400-\u042F\u0531-\u0556\u10A0-\u10C5\u1E00-\u1EFF]`;
/**
 * An UPPER_CLASS code unit whose ASCII neighbours allow a name token: not after an ASCII letter,
 * digit or one of `_@/\.-` (RUN_RE's look-behind), and before the end, a lower-case ASCII letter,
 * an apostrophe or a non-ASCII code unit (a token's second character). The capitals that fail
 * ("I", "GSM8K", "x.Y") are skipped by the regex, not by a round trip to `nextRun` each.
 */
export const UPPER = new RegExp(
  String.raw`${UPPER_CLASS}(?<![A-Za-z0-9_@/\\.-].)(?![\x00-\x26\x28-\x60\x7b-\x7f])`,
  "g",
);

/** ASCII characters that end a lone word for RUN_RE: not a letter, a digit, `_@'-`, a space or a tab. */
const ENDS_LONE_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  if (!/[\p{L}\p{N}_@'\- \t]/u.test(String.fromCharCode(c))) ENDS_LONE_WORD[c] = 1;

/** PARTICLE's words. */
export const PARTICLE_WORDS: readonly string[] = PARTICLE.slice(3, -1).split("|");
/** The longest of PARTICLE_WORDS. */
const PARTICLE_MAX = Math.max(...PARTICLE_WORDS.map((w) => w.length));

/**
 * The key of a word of 1–6 letters a–z: five bits a letter (1–26), so words of different lengths
 * never share one. Exported for the test of `particleKey` against the words themselves.
 */
export function particleKey(word: string): number {
  let key = 0;
  for (let i = 0; i < word.length; i++) key = (key << 5) | (word.charCodeAt(i) - 96);
  return key;
}

/** The keys of PARTICLE_WORDS (all of a–z, at most PARTICLE_MAX letters). */
const PARTICLE_KEYS = new Set(PARTICLE_WORDS.map(particleKey));

/**
 * Whether a name token ending at `j`, where a space or a tab follows, is its run alone: after the
 * spaces and tabs comes the end of the text, a character that is no upper-case letter and does
 * not start one of PARTICLE's words followed by a space or a tab, or a capital A–Z where no
 * continuation can start (`noGroupAtCapital`). (RUN_RE's next word must be an initial, a particle
 * or a name token, each starting with a capital or a particle.)
 */
function loneBeforeGap(text: string, j: number): boolean {
  let k = j + 1;
  let d = unitAt(text, k);
  while (d === 32 || d === 9) d = unitAt(text, ++k);
  if (k >= text.length) return true;
  if (d >= 128) return !upperAt(text, k);
  if (d >= 65 && d <= 90) return noGroupAtCapital(text, k, 2);
  return !particleGap(text, k);
}

/**
 * Whether one of PARTICLE's words, then a space or a tab, stands at `k`. The lower-case word is
 * looked up by its key, made while its letters are walked (one set lookup instead of a
 * `startsWith` for each particle of its length: most words after a capitalised one are "the",
 * "we", "is"…).
 */
function particleGap(text: string, k: number): boolean {
  let d = unitAt(text, k);
  // (Most words start with a letter no particle starts with: "the" does, "sold" does not.)
  if (!(d >= 97 && d <= 122) || PARTICLE_FIRST[d - 97] !== 1) return false;
  let m = k;
  let key = 0;
  while (d >= 97 && d <= 122) {
    // A word longer than the longest particle is none (nor are its first letters: a space or a
    // tab must follow a particle).
    if (m - k === PARTICLE_MAX) return false;
    key = (key << 5) | (d - 96);
    d = unitAt(text, ++m);
  }
  return (d === 32 || d === 9) && PARTICLE_KEYS.has(key);
}

/** Whether a particle starts with the letter of code 97 + i. */
const PARTICLE_FIRST = new Uint8Array(26);
for (const w of PARTICLE_WORDS) PARTICLE_FIRST[w.charCodeAt(0) - 97] = 1;

const UPPER_AT = /\p{Lu}/uy;
const LOWER_AT = /\p{Ll}/uy;

/** Whether an upper-case letter (`\p{Lu}`) starts at `k`. */
function upperAt(text: string, k: number): boolean {
  UPPER_AT.lastIndex = k;
  return UPPER_AT.test(text);
}

/** Whether a lower-case letter (`\p{Ll}`) starts at `k`. */
function lowerAt(text: string, k: number): boolean {
  LOWER_AT.lastIndex = k;
  return LOWER_AT.test(text);
}

/**
 * Whether no continuation of a run (RUN_RE's `(?:INITIAL|PARTICLE)[ \t]+` at most `initials`
 * times, then a name token) can start at `k`, where a capital A–Z stands. A name token needs a
 * lower-case letter after its capital, or an apostrophe and a capital; an initial (`I`, `J.`)
 * needs spaces or tabs after it, then another initial, a particle or a token ("So I need", "If I",
 * "Then I have" are their opener alone).
 */
function noGroupAtCapital(text: string, k: number, initials: number): boolean {
  const c1 = unitAt(text, k + 1);
  if (c1 === 39 || c1 === 0x2019) {
    const c2 = unitAt(text, k + 2);
    if ((c2 >= 65 && c2 <= 90) || (c2 >= 128 && upperAt(text, k + 2))) return false;
  } else if ((c1 >= 97 && c1 <= 122) || (c1 >= 128 && lowerAt(text, k + 1))) return false;
  if (initials === 0) return true;
  let e = c1 === 46 ? k + 2 : k + 1;
  let d = unitAt(text, e);
  if (d !== 32 && d !== 9) return true;
  while (d === 32 || d === 9) d = unitAt(text, ++e);
  if (e >= text.length) return true;
  if (d >= 128) return !upperAt(text, e);
  if (d >= 65 && d <= 90) return noGroupAtCapital(text, e, initials - 1);
  return initials === 1 || !particleGap(text, e);
}

/**
 * The UTF-16 unit of `text` at `i`, or -1 before its start or past its end (where charCodeAt gives
 * NaN: the tests of the unit that follow are false for both). A read outside the text deoptimised
 * the scanner, and V8 then called charCodeAt out of line for every later text.
 */
function unitAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
}

/** Whether the code unit before `index` (> 0) is ASCII. */
function prevAscii(text: string, index: number): boolean {
  return text.charCodeAt(index - 1) < 128;
}

/**
 * The next run of capitalised words at or after `from`: UPPER finds a candidate, RUN_RE checks it.
 * With `fast`, a capital A–Z that starts a word of ASCII letters ("Janet", "McDonald") ended by an
 * ASCII character other than a space, a tab, `'`, `-`, a digit, `_` or `@` (or by the end of the
 * text), or by spaces before a word that cannot continue a run (`loneBeforeGap`), is that word
 * alone without asking RUN_RE: the token takes all its letters, no other word can join it, and
 * the end passes the look-ahead (the look-behind is checked as before).
 */
function nextRun(text: string, from: number, fast: boolean): number {
  UPPER.lastIndex = from;
  // `test`, not `exec`: no match array per capital (UPPER matches one code unit, and the sticky
  // RUN_RE starts where it is put and ends at its lastIndex).
  while (UPPER.test(text)) {
    const index = UPPER.lastIndex - 1;
    // (UPPER has already checked the ASCII neighbours a name token needs: a lower-case letter or
    // an apostrophe after its capital, no letter, digit or one of `_@/\.-` before it.)
    const next = unitAt(text, index + 1);
    const c0 = text.charCodeAt(index);
    if (fast) {
      // No name token starts at "×" (no letter), nor at a capital before an apostrophe that no
      // capital follows ("I'll", "I’m"): RUN_RE would fail there.
      if (c0 === 0xd7) continue;
      if (next === 39 || next === 0x2019) {
        const c2 = unitAt(text, index + 2);
        if (!(c2 >= 65 && c2 <= 90) && !(c2 >= 128)) continue;
      }
    }
    if (fast && next >= 97 && next <= 122 && c0 <= 90 && (index === 0 || prevAscii(text, index))) {
      let h = (Math.imul(c0, 31) + next) | 0;
      let j = index + 2;
      let c = unitAt(text, j);
      // (Apostrophes are in the token's letters: "Tom's", "Let's". -1 at the end of the text,
      // where `j === text.length` decides before `c` is asked.)
      while ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 0x2019) {
        h = (Math.imul(h, 31) + c) | 0;
        c = unitAt(text, ++j);
      }
      if (
        j === text.length ||
        (c < 128 && ENDS_LONE_WORD[c] === 1) ||
        ((c === 32 || c === 9) && loneBeforeGap(text, j))
      ) {
        runEnd = j;
        runHash = h;
        runLone = true;
        return index;
      }
    }
    RUN_RE.lastIndex = index;
    if (RUN_RE.test(text)) {
      runEnd = RUN_RE.lastIndex;
      runLone = false;
      return index;
    }
  }
  return -1;
}

/**
 * What `nextRun` found besides the start of the run: its end, and when it took the ASCII lone
 * word path, the hash of the word's code units (×31, 32 bits).
 */
let runEnd = 0;
let runHash = 0;
let runLone = false;
const INITIAL_IN_RUN = /\s\p{Lu}\.?\s/u;
const PARTICLE_IN_RUN = new RegExp(String.raw`\s${PARTICLE}\s`, "u");
const TOKEN_RE = new RegExp(String.raw`${NAME_TOKEN}`, "gu");

/**
 * Cues before a name that mark personal data: titles, introductions, greetings and addressing,
 * contact and signature words. A name after one of these is redacted wherever it stands.
 */
export const STRONG_CUES: ReadonlySet<string> = new Set(
  (
    "mr|mrs|ms|mx|miss|dr|prof|sir|madam|dame|lady|lord|rev|fr|name is|named|called|call me|i'm|i am|this is|dear|hi|" +
    "hello|hey|thanks|thank you|contact|cc|attn|signed|regards|author|writer|director|producer|directed by|" +
    "written by|assistant to|speak to|talk to|follow up with|name|surname|last name|first name|maiden name is|" +
    // Naming ("She named him Frank", "everyone calls me Borna") and a firm's people ("our 3
    // founders: Monjeau, Graves and Reed": the first is a name, `listNeighbours` takes the rest).
    "named him|named her|calls me|called me|founder|founders|co-founder|co-founders|cofounder|cofounders"
  ).split("|"),
);

/**
 * Cues before a name that a story also uses ("the problem says Patchy…", "as many as Kalinda",
 * "her friend Jan"): they make a word a name, but a *narrative* one, redacted only where the
 * string holds personal-data context (see `personalContext`).
 */
export const NARRATIVE_CUES: ReadonlySet<string> = new Set(
  (
    "told|asked|met|meet|shouted at|says|said|says to|said to|heard|kid|son|daughter|wife|husband|friend|brother|" +
    "sister|mother|father|colleague|boss|manager|add|change it to|given|gave|features|featuring"
  ).split("|"),
);

const CUE_PHRASES = new Set([...STRONG_CUES, ...NARRATIVE_CUES]);

/** Last words of the cue phrases of two or three words ("name is" → "is"). */
const CUE_LAST = new Set(
  [...CUE_PHRASES].filter((p) => p.includes(" ")).map((p) => p.slice(p.lastIndexOf(" ") + 1)),
);

/** The one-word cues and the last words of longer ones: their first characters and greatest length. */
const CUE_WORDS = [...[...CUE_PHRASES].filter((p) => !p.includes(" ")), ...CUE_LAST];
const CUE_FIRST = new Uint8Array(128);
for (const w of CUE_WORDS) if (w.charCodeAt(0) < 128) CUE_FIRST[w.charCodeAt(0)] = 1;
const CUE_MAX = Math.max(...CUE_WORDS.map((w) => w.length));
/** The pairs of first and last characters (ASCII, lower case) of CUE_WORDS, at `first * 128 + last`. */
const CUE_ENDS = new Uint8Array(128 * 128);
for (const w of CUE_WORDS) {
  const f = w.charCodeAt(0);
  const l = w.charCodeAt(w.length - 1);
  if (f < 128 && l < 128) CUE_ENDS[f * 128 + l] = 1;
}

/** The characters `cueBefore` strips from the end of a word: `.:,?`. */
function isCueTrail(c: number): boolean {
  return c === 46 || c === 58 || c === 44 || c === 63;
}

/** No cue, a narrative cue, a personal-data cue. */
const enum Cue {
  None = 0,
  Narrative = 1,
  Strong = 2,
}

function cueKind(phrase: string): Cue {
  return STRONG_CUES.has(phrase) ? Cue.Strong : NARRATIVE_CUES.has(phrase) ? Cue.Narrative : Cue.None;
}

/**
 * Which cue (if any) the words just before `pos` (within 24 characters) give. Looked up in a set
 * by the last one to three words, found by scanning back (no regex, no split): most capitalised
 * words follow a word that ends no cue phrase, and are rejected after one set lookup.
 */
function cueBefore(text: string, pos: number, fast: boolean): Cue {
  const lo = Math.max(0, pos - 24);
  let e = pos;
  while (e > lo && isSpace(text.charCodeAt(e - 1))) e--;
  if (e === lo) return Cue.None;
  let s = e;
  while (s > lo && !isSpace(text.charCodeAt(s - 1))) s--;
  // Most words before a capital end no cue phrase: rejected by their first character, their
  // length or their first and last characters ("clips." is none: no cue word starts with "c" and
  // ends with "s"), when the first is ASCII and not "e" (the start of "ex-"), before any slicing
  // or lookup.
  const c0 = text.charCodeAt(s);
  if (c0 < 128) {
    const l0 = c0 >= 65 && c0 <= 90 ? c0 + 32 : c0;
    if (l0 !== 101) {
      if (CUE_FIRST[l0] !== 1) return Cue.None;
      let k = e;
      while (k > s && isCueTrail(text.charCodeAt(k - 1))) k--;
      // (Lower-casing never shortens a word.)
      if (k - s > CUE_MAX || k === s) return Cue.None;
      // (Lower-casing maps an ASCII last character to its lower case, whatever comes before it.)
      const cl = text.charCodeAt(k - 1);
      if (cl < 128 && CUE_ENDS[l0 * 128 + (cl >= 65 && cl <= 90 ? cl + 32 : cl)] !== 1) return Cue.None;
    }
  }
  let w1: string;
  if (fast) {
    // The word's own facts, kept per word as written.
    const f = cueWordAt(text, s, e);
    if (f.kind !== Cue.None || !f.last) return f.kind;
    w1 = f.w1;
  } else {
    const c = cueWord(text.slice(s, e));
    if (c.kind !== Cue.None || !c.last) return c.kind;
    w1 = c.w1;
  }
  const w2 = wordBefore(text, lo, s);
  if (w2 === undefined) return Cue.None;
  const c2 = cueKind(`${w2[0]} ${w1}`);
  if (c2 !== Cue.None) return c2;
  const w3 = wordBefore(text, lo, w2[1]);
  return w3 === undefined ? Cue.None : cueKind(`${w3[0]} ${w2[0]} ${w1}`);
}

/**
 * What a word before a capital says by itself: lower-cased without a trailing `.:,?` (`w1`), the
 * cue it is ("ex-…" a strong one), and, when it is none, whether it ends a longer cue phrase.
 */
interface CueWord {
  /** the word as written */
  word: string;
  w1: string;
  kind: Cue;
  last: boolean;
}

function cueWord(word: string): CueWord {
  const raw1 = word.toLowerCase();
  let k = raw1.length;
  while (k > 0 && ".:,?".includes(raw1[k - 1]!)) k--;
  const w1 = raw1.slice(0, k);
  const kind = w1.startsWith("ex-") ? Cue.Strong : cueKind(w1);
  return { word, w1, kind, last: kind === Cue.None && CUE_LAST.has(w1) };
}

/**
 * Facts of words by a hash of their code units (×31, 32 bits), in an open-addressing table: the
 * hashes, lengths and places of the words' code units in typed arrays probed linearly, the code
 * units themselves in one pool, each word's facts beside them. A hit is checked code unit by code
 * unit against the pool (compact, so mostly in cache even after other stages ran), and words that
 * share a hash each keep their own slot; the facts are read only on a hit. Cheaper than a `Map` of
 * numbers (~40 ns a lookup on the hot path). Bounded: emptied once half full at its largest size.
 */
export class WordMemo<T extends { word: string }> {
  hashes = new Int32Array(256);
  /** the word's length, 0 for an empty slot (words are never empty) */
  lengths = new Int32Array(256);
  offsets = new Int32Array(256);
  facts: (T | undefined)[] = new Array<T | undefined>(256).fill(undefined);
  pool = new Uint16Array(2048);
  poolSize = 0;
  size = 0;
  constructor(readonly maxSlots: number) {}

  /** The facts of `text[start, end)`, whose code units hash to `h`, if known. */
  get(text: string, start: number, end: number, h: number): T | undefined {
    const { hashes, lengths } = this;
    const mask = hashes.length - 1;
    const len = end - start;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const n = lengths[i]!;
      if (n === 0) return undefined;
      if (hashes[i] === h && n === len && this.same(text, start, this.offsets[i]!, n)) return this.facts[i];
    }
  }

  private same(text: string, start: number, at: number, n: number): boolean {
    const pool = this.pool;
    for (let k = 0; k < n; k++) if (pool[at + k] !== text.charCodeAt(start + k)) return false;
    return true;
  }

  /** Keeps `f`, the facts of a word (not yet known) that hashes to `h`. */
  add(h: number, f: T): void {
    if ((this.size + 1) * 2 > this.hashes.length) {
      const { hashes, lengths, offsets, facts } = this;
      const grow = hashes.length < this.maxSlots;
      const slots = grow ? hashes.length * 2 : hashes.length;
      this.hashes = new Int32Array(slots);
      this.lengths = new Int32Array(slots);
      this.offsets = new Int32Array(slots);
      this.facts = new Array<T | undefined>(slots).fill(undefined);
      this.size = 0;
      // Grown: the known words move over (their code units stay in the pool); at the bound: emptied.
      if (grow) {
        for (let i = 0; i < hashes.length; i++)
          if (lengths[i]! > 0) this.put(hashes[i]!, lengths[i]!, offsets[i]!, facts[i]!);
      } else this.poolSize = 0;
    }
    const w = f.word;
    if (this.poolSize + w.length > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.poolSize + w.length));
      pool.set(this.pool.subarray(0, this.poolSize));
      this.pool = pool;
    }
    const at = this.poolSize;
    for (let k = 0; k < w.length; k++) this.pool[at + k] = w.charCodeAt(k);
    this.poolSize += w.length;
    this.put(h, w.length, at, f);
  }

  private put(h: number, n: number, at: number, f: T): void {
    const mask = this.hashes.length - 1;
    let i = h & mask;
    while (this.lengths[i] !== 0) i = (i + 1) & mask;
    this.hashes[i] = h;
    this.lengths[i] = n;
    this.offsets[i] = at;
    this.facts[i] = f;
    this.size++;
  }
}

/** Slots of each word memo at most (a power of two; half of them filled at most). */
const MEMO_SLOTS = 1 << 16;

/** CueWords by a hash of their code units (×31, 32 bits), as FACTS; bounded. */
const CUE_WORDS_SEEN = new WordMemo<CueWord>(MEMO_SLOTS);

/** The cue before `pos` as `personSpans` reads it (for the tests of its shortcuts). */
export function cueAt(text: string, pos: number): number {
  return cueBefore(text, pos, true);
}

/** The CueWord of `text[s, e)`, looked up without slicing the text. */
function cueWordAt(text: string, s: number, e: number): CueWord {
  let h = 0;
  for (let i = s; i < e; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  const got = CUE_WORDS_SEEN.get(text, s, e, h);
  if (got !== undefined) return got;
  const f = cueWord(text.slice(s, e));
  CUE_WORDS_SEEN.add(h, f);
  return f;
}

/** The lower-cased word ending before `end` (after spaces) within `[lo, end)`, and its start. */
function wordBefore(text: string, lo: number, end: number): [string, number] | undefined {
  let e = end;
  while (e > lo && isSpace(text.charCodeAt(e - 1))) e--;
  if (e === lo) return undefined;
  let s = e;
  while (s > lo && !isSpace(text.charCodeAt(s - 1))) s--;
  return [text.slice(s, e).toLowerCase(), s];
}

/** Whether, after optional spaces from `pos`, the next character is one of `chars`. */
function nextIs(text: string, pos: number, chars: string, limit = 24): boolean {
  const hi = Math.min(text.length, pos + limit);
  let i = pos;
  while (i < hi && isSpace(text.charCodeAt(i))) i++;
  return i < hi && hasCode(chars, text.charCodeAt(i));
}

/** Whether `chars` holds the code unit `c` (compared as numbers: no string made of `c`). */
function hasCode(chars: string, c: number): boolean {
  for (let k = 0; k < chars.length; k++) if (chars.charCodeAt(k) === c) return true;
  return false;
}

/** Whether, before `pos` and optional spaces, the previous character is one of `chars`. */
function prevIs(text: string, pos: number, chars: string, limit = 24): boolean {
  const lo = Math.max(0, pos - limit);
  let i = pos;
  while (i > lo && isSpace(text.charCodeAt(i - 1))) i--;
  return i > lo && hasCode(chars, text.charCodeAt(i - 1));
}

/** Cues after a name: speech verbs and the like. */
export const CUE_AFTER =
  /^(?:\s*:|\s+(?:said|says|told|asked|replied|wrote|writes|shouted|began|begins|was born|lives|works|joined|thinks|thought)\b|,\s*(?:who|aged?)\b)/i;

/** First letters of the words of CUE_AFTER, lower-cased. */
const CUE_AFTER_FIRST = new Uint8Array(128);
for (const c of "stawrbjl") CUE_AFTER_FIRST[c.charCodeAt(0)] = 1;
/** First two letters of the words of CUE_AFTER after spaces, lower-cased, at `first * 128 + second`. */
const CUE_AFTER_PAIR = new Uint8Array(128 * 128);
for (const w of "said says told asked replied wrote writes shouted began begins was lives works joined thinks thought".split(
  " ",
))
  CUE_AFTER_PAIR[w.charCodeAt(0) * 128 + w.charCodeAt(1)] = 1;

/**
 * A person's relative or a person's thing after a possessive (sticky, at the apostrophe):
 * "Franciska's kid", "Maite Lemmens's killers", "Matej's address". (Not "family", "child" nor
 * "creator": "Qwen's family of models", "Bash's child process".)
 */
const PERSON_THING_AFTER =
  /['’]s[ \t]+(?:kids?|sons?|daughters?|wife|husband|ex-wife|ex-husband|mother|father|mom|mum|dad|parents|sisters?|brothers?|siblings?|boyfriend|girlfriend|fianc[eé]e?|widow|widower|grand(?:mother|father|ma|pa|son|daughter)|aunt|uncle|cousin|niece|nephew|killers?|murderers?|murder|funeral|grave|birthday|wedding|address|phone|e-?mail|surname|maiden)(?![\p{L}\p{N}_-])/iuy;

/** Endings of adjectives the dictionary may not hold ("the Victorian novel", "a Kafkaesque memoir"). */
const ADJECTIVE_END = /(?:ian|ean|esque|ic|ish|ese)$/;

/** A person's work after the name (sticky, at the blank): "the Petersson novel", "a Hedvig Arvidsson concert". */
const PERSON_WORK_AFTER = /[ \t](?:novels?|concerts?|biography|memoirs?)(?![\p{L}\p{N}_-])/uy;

/**
 * Whether PERSON_THING_AFTER or PERSON_WORK_AFTER follows `end` (an apostrophe, or a blank and
 * the first letter of one of the works, first: most words are asked no more).
 */
function possessiveCue(text: string, end: number): boolean {
  const c = end < text.length ? text.charCodeAt(end) : 0;
  if (c === 32 || c === 9) {
    // ("no", "co", "bi", "me": the first two letters of the works.)
    const d = end + 2 < text.length ? text.charCodeAt(end + 1) : 0;
    const d2 = d === 0 ? 0 : text.charCodeAt(end + 2);
    if (!(((d === 110 || d === 99) && d2 === 111) || (d === 98 && d2 === 105) || (d === 109 && d2 === 101)))
      return false;
    PERSON_WORK_AFTER.lastIndex = end;
    return PERSON_WORK_AFTER.test(text);
  }
  if (c !== 39 && c !== 0x2019) return false;
  PERSON_THING_AFTER.lastIndex = end;
  return PERSON_THING_AFTER.test(text);
}

/**
 * False where CUE_AFTER cannot match the 24 characters from `end`: neither a comma, a colon nor
 * spaces then a colon or one of its words' first letters follow (looked at in ASCII only;
 * anything else is left to the regex).
 */
export function mayCueAfter(text: string, end: number): boolean {
  const hi = Math.min(text.length, end + 24);
  if (end >= hi) return false;
  let i = end;
  let c = text.charCodeAt(i);
  if (c === 44 || c === 58 || c >= 128) return true;
  while (c === 32 || (c >= 9 && c <= 13)) {
    if (++i >= hi) return false;
    c = text.charCodeAt(i);
  }
  if (i === end) return false;
  if (c >= 128 || c === 58) return true;
  if (CUE_AFTER_FIRST[c | 0x20] !== 1) return false;
  // The word's second letter, in either case ("Natalia sold": no such word starts with "so"; the
  // regex's `i` folds ASCII letters only).
  if (i + 1 >= hi) return false;
  const c2 = text.charCodeAt(i + 1);
  if (!((c2 >= 65 && c2 <= 90) || (c2 >= 97 && c2 <= 122))) return false;
  return CUE_AFTER_PAIR[(c | 0x20) * 128 + (c2 | 0x20)] === 1;
}

/**
 * Whether a lone given name from the lexicon ("Janet") is a name without any other cue. On: names
 * are what person recall on personal-data text needs. Such a name is *narrative* evidence,
 * though: it is redacted only where the string holds personal-data context (`personalContext`),
 * so the characters of a word problem ("Natalia sold 48 clips…") stay.
 */
const SINGLE_NAMES = true;

function isUnknownCap(tok: string): boolean {
  return !STOP.has(tok.toLowerCase());
}

/**
 * Lower-case names after a strong cue ("mr. elliott", "my name is lempi", "her maiden name is
 * nyberg"; after "her/his name is" only a clear name or a word the dictionary does not hold: "his
 * name is unknown" stays).
 */
const LOWER_CUE_RE =
  /\b(?:mr|mrs|ms|miss|dr|prof)\.?\s+([a-z][a-z'’-]{2,})|\bmy name is\s+([a-z][a-z'’-]{2,})|\b(?:her|his|maiden) name is\s+([a-z][a-z'’-]{2,})/dgi;

/** Contractions after an apostrophe ("I'll", "We're"): such a word is never a name. */
const CONTRACTION = new Set(["ll", "re", "ve", "d", "m", "t"]);

/** What follows the last apostrophe of a word ("s" for "Jan's"), if it has one. */
function apostropheTail(w: string): string | undefined {
  // Only the endings matter ("'s", "'ll"): look at the last three characters before searching.
  const n = w.length;
  if (n < 2) return undefined;
  const a = w.charCodeAt(n - 2);
  const b = n >= 3 ? w.charCodeAt(n - 3) : 0;
  if (a !== 39 && a !== 0x2019 && b !== 39 && b !== 0x2019) return undefined;
  const i = Math.max(w.lastIndexOf("'"), w.lastIndexOf("’"));
  return i < 0 ? undefined : w.slice(i + 1);
}

/** Whether only spaces, tabs and `>` lie between the start of the line (or of 24 characters back) and `pos`. */
function atLineStart(text: string, pos: number): boolean {
  const lo = Math.max(0, pos - 24);
  let i = pos;
  for (; i > lo; i--) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9 && c !== 62) return false;
  }
  return true;
}

/** Whether only spaces and tabs lie between `pos` and the end of the line (or 24 characters on). */
function atLineEnd(text: string, pos: number): boolean {
  const hi = Math.min(text.length, pos + 24);
  for (let i = pos; i < hi; i++) {
    const c = text.charCodeAt(i);
    // A carriage return ends the line too (Windows' CR LF, or a lone CR).
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** A name found in one string; `strong` when its evidence marks personal data on its own. */
interface Found {
  start: number;
  end: number;
  strong: boolean;
}

/** A capitalised run that was not judged a name (yet): a later mention or a list may make it one. */
interface Pending {
  start: number;
  end: number;
  toks: string[];
  /** whether another run judged lies within 8 characters of it (see `judged`) */
  near: boolean;
}

/** What the scan of one string has found so far. */
interface Scan {
  text: string;
  lex: Map<string, boolean>;
  out: Found[];
  /** names found, lower-cased → whether any mention of it was strong */
  known: Map<string, boolean>;
  pending: Pending[];
  /** the end of the last run judged (pushed to `out` or `pending`, in text order) */
  lastEnd: number;
  /** the last run judged when it is pending */
  lastPending: Pending | undefined;
  /** whether two runs judged lie within 8 characters of each other */
  close: boolean;
  /** whether a run judged starts before the end of the one judged before it */
  overlap: boolean;
  /** whether the shortcuts are on (off for `personSpansPlain`) */
  fast: boolean;
  /** how many lone words the scan met right before a colon ("Ubul:", a speaker's label or not) */
  labels: number;
}

/**
 * Notes a run judged at `[start, end)` (`p` when it is pending), after every run judged before
 * it: the runs judged come in text order, so a run is near another (within 8 characters, what
 * the gap of a list can span) when it is near the one judged before or after it.
 */
function judged(sc: Scan, start: number, end: number, p: Pending | undefined): void {
  const gap = start - sc.lastEnd;
  if (gap <= 8) {
    sc.close = true;
    if (gap < 0) sc.overlap = true;
    if (p !== undefined) p.near = true;
    if (sc.lastPending !== undefined) sc.lastPending.near = true;
  }
  sc.lastEnd = end;
  sc.lastPending = p;
}

function remember(known: Map<string, boolean>, w: string, strong: boolean): void {
  if (strong || !known.has(w)) known.set(w, strong || known.get(w) === true);
}

/**
 * The context-free facts of a lone capitalised word as written ("So", "Janet's", "We'll"): whether
 * it is skipped (a stop word, a contraction, a stop word with a possessive), else its lower-cased
 * form without a possessive and that form's lexicon entry.
 */
interface WordFacts {
  /** the word as written */
  word: string;
  skip: boolean;
  bare: string;
  entry: boolean | undefined;
}

/** The facts `loneWord` derives from the word alone, computed as it did for each occurrence. */
function wordFacts(run: string, lex: Map<string, boolean>): WordFacts {
  const w = run.toLowerCase();
  if (STOP.has(w)) return { word: run, skip: true, bare: w, entry: undefined };
  const tail = apostropheTail(w);
  if (tail !== undefined && CONTRACTION.has(tail))
    return { word: run, skip: true, bare: w, entry: undefined };
  // A closing quote is no part of the word ("last_name = 'Raghunathan'").
  let bare = tail === "s" ? w.slice(0, -2) : w;
  const q = bare.charCodeAt(bare.length - 1);
  if (q === 39 || q === 0x2019) bare = bare.slice(0, -1);
  if (STOP.has(bare)) return { word: run, skip: true, bare, entry: undefined };
  return { word: run, skip: false, bare, entry: lex.get(bare) };
}

/**
 * WordFacts of the lone words seen, by a hash of their code units (×31, 32 bits) (looked up without slicing
 * the text; a hit is checked code unit by code unit). The vocabulary of capitalised words is
 * Zipfian ("So", "Now", "Janet" recur), so most lookups hit. Bounded: emptied when full.
 */
const FACTS = new WordMemo<WordFacts>(MEMO_SLOTS);

/** The facts of `text[start, end)`, whose code units hash to `h` (×31, 32 bits). */
function factsAt(text: string, start: number, end: number, h: number, lex: Map<string, boolean>): WordFacts {
  const got = FACTS.get(text, start, end, h);
  if (got !== undefined) return got;
  const f = wordFacts(text.slice(start, end), lex);
  FACTS.add(h, f);
  return f;
}

/**
 * A lone capitalised word, the commonest run in prose: a stop word ("The", "So") is skipped, a
 * clear given name ("Janet") is taken without looking for cues, as narrative evidence unless a
 * personal-data cue precedes it. The word's own facts come from `factsAt`; only its context is
 * looked at here. (Kept apart from `wordRun`, so the hot path is a small function that the JIT
 * compiles quickly.)
 */
function loneWord(sc: Scan, index: number, f: WordFacts): void {
  const { text, out, known, pending } = sc;
  const bare = f.bare;
  const end = index + bare.length;
  if (end < text.length && text.charCodeAt(end) === 58) sc.labels++;
  const e = f.entry;
  const cue = cueBefore(text, index, sc.fast);
  const vocative = prevIs(text, index, ",") && nextIs(text, end, "!?");
  let isName =
    cue !== Cue.None ||
    vocative ||
    (e === false && SINGLE_NAMES) ||
    (mayCueAfter(text, end) &&
      CUE_AFTER.test(text.slice(end, end + 24)) &&
      !nextIs(text, end, ":") &&
      !(e === true && placeAfterPreposition(text, index, bare))) ||
    (e === false && atLineStart(text, index) && nextIs(text, end, ":"));
  if (!isName && e === true && contactedBefore(text, index, bare)) isName = true;
  // "Franciska's kid", "Matej's address", "the Petersson novel" (a word the dictionary holds, or
  // an adjective's ending, needs the lexicon too).
  if (
    !isName &&
    possessiveCue(text, end) &&
    (e !== undefined || (!dictionary().isWord(bare) && !ADJECTIVE_END.test(bare)))
  )
    isName = true;
  // "Warrane, can I please speak to…": a word addressed at a sentence's start (see `addressed`).
  let called = false;
  if (
    !isName &&
    e === undefined &&
    end < text.length &&
    text.charCodeAt(end) === 44 &&
    addressed(text, index, end, bare)
  )
    isName = called = true;
  if (isName && mayOrgAfter(text, end) && ORG_AFTER.test(text.slice(end, end + 24))) isName = false;
  if (isName) {
    const strong = cue === Cue.Strong || vocative || called;
    judged(sc, index, end, undefined);
    out.push({ start: index, end, strong });
    remember(known, bare, strong);
  } else {
    const p: Pending = { start: index, end, toks: [bare], near: false };
    judged(sc, index, end, p);
    pending.push(p);
  }
}

/** A request made of the one addressed, after the comma (sticky): ", can I", ", could you", ", please". */
const REQUEST_AFTER = /,[ \t]+(?:(?:can|could|would|will|may)[ \t]+(?:i|you|we)|please)(?![\p{L}\p{N}_])/iuy;

/**
 * Whether the word at `[index, end)` (lower-cased `bare`), followed by a comma, is someone
 * addressed: at a line's or a sentence's start, before a request (REQUEST_AFTER), and no word
 * of the English dictionary ("Okay, can you…", "Alternatively, could we…" stay). The lexicon's
 * names are judged elsewhere; this is for the words it does not hold.
 */
function addressed(text: string, index: number, end: number, bare: string): boolean {
  REQUEST_AFTER.lastIndex = end;
  if (!REQUEST_AFTER.test(text)) return false;
  if (!(atLineStart(text, index) || prevIs(text, index, ".!?"))) return false;
  // A name's shape: a capital, then small letters ("ChatGPT, can you…", "GPT4, could you…" are
  // assistants and products, which a user addresses as often as a person).
  if (!ADDRESSED_SHAPE.test(text.slice(index, end))) return false;
  return !dictionary().isWord(bare) && !LABEL_ABBREVIATIONS.has(bare);
}
const ADDRESSED_SHAPE = /^\p{Lu}[\p{Ll}\p{M}'’-]+$/u;

/** Prepositions of place before a word: "from Stanford", "at Harvard". */
const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(["from", "at", "in", "near", "via"]);

/**
 * Whether the word at `index` (lower-cased `bare`) is an institution of INSTITUTIONS right after a
 * preposition of place: a speech verb after it ("Dr. Chen from Stanford replied") has the person
 * before as its subject, not the university. (Not the cities of PLACE_NAMES: "an email from Austin
 * said" is from a person as often as "a guy from Boston said" is about a city.)
 */
function placeAfterPreposition(text: string, index: number, bare: string): boolean {
  if (!INSTITUTIONS.has(bare)) return false;
  const w = wordBefore(text, Math.max(0, index - 24), index);
  return w !== undefined && PLACE_PREPOSITIONS.has(w[0]);
}

/**
 * Words right before a given name that take a person (with the cues of `cueBefore`): after one,
 * "Park" ends the name ("I emailed Jo Park"), not a park ("I walked to Hyde Park").
 */
const PERSON_VERBS: ReadonlySet<string> = new Set(
  (
    "emailed e-mailed mailed messaged texted pinged phoned rang called met meet told asked thanked " +
    "invited contacted cc'd dm'd dmed hired introduced"
  ).split(" "),
);

/** Verbs before "with" that take a person after it ("met with Jo Park"; not "a flat with Forest Park views"). */
const WITH_VERBS: ReadonlySet<string> = new Set(
  "met meet meeting spoke speak speaking talked talk talking chatted chat worked work working synced sync call called".split(
    " ",
  ),
);

/**
 * Verbs of contacting someone, all ending in "d": before an ambiguous name of the lexicon, the
 * person is meant ("I emailed Jo", "pinged Will"), as after "told" or "asked" (a narrative cue).
 */
const CONTACT_VERBS: ReadonlySet<string> = new Set(
  "emailed e-mailed messaged texted pinged phoned cc'd dm'd".split(" "),
);

/**
 * Whether one of CONTACT_VERBS stands right before `pos` (one blank between), where the word at
 * `pos` (lower-cased `bare`) is no team's, service's or place's ("I emailed Sales", "pinged
 * Oxford" stay).
 */
function contactedBefore(text: string, pos: number, bare: string): boolean {
  // (Every such verb ends in "d" before one blank: most words before a capital fail here.)
  if (pos < 3 || text.charCodeAt(pos - 2) !== 100 || !isSpace(text.charCodeAt(pos - 1))) return false;
  const w = wordBefore(text, Math.max(0, pos - 24), pos);
  return w !== undefined && CONTACT_VERBS.has(w[0]) && !NOT_PERSON.has(bare) && !PLACES.has(bare);
}

/** Whether a cue or one of PERSON_VERBS stands right before `pos`. */
function personCueBefore(text: string, pos: number, fast: boolean): boolean {
  if (cueBefore(text, pos, fast) !== Cue.None) return true;
  const lo = Math.max(0, pos - 24);
  const w = wordBefore(text, lo, pos);
  if (w === undefined) return false;
  if (w[0] !== "with") return PERSON_VERBS.has(w[0]);
  const v = wordBefore(text, lo, w[1]);
  return v !== undefined && WITH_VERBS.has(v[0]);
}

/** Sentence openers before a name ("Perhaps Katelyn", "Use Jan"): the run starts a sentence. */
const SENTENCE_LEAD = /(?:^|[.!?:;"“(*]\s*|\n\s*)$/;

const CONTRACTED = /['’](?:ll|re|ve|d|m|t)$/i;
const POSSESSIVE = /['’]s$/;
const POSSESSIVE_AT = /^['’]s$/;
const NON_ASCII_CHAR = /[^\p{ASCII}]/u;

/** A run of several capitalised words (with initials, particles): a full name or not. */
function wordRun(sc: Scan, index: number, run: string): void {
  const { text, lex, out, known, pending } = sc;
  // Split the run into tokens with offsets; drop stop words at its edges.
  const toks: { t: string; s: number; e: number }[] = [];
  TOKEN_RE.lastIndex = 0;
  let t: RegExpExecArray | null;
  while ((t = TOKEN_RE.exec(run)) !== null)
    toks.push({ t: t[0], s: index + t.index, e: index + t.index + t[0].length });
  if (toks.some((x) => CONTRACTED.test(x.t))) return;
  // A title at the head of the run ("Producer Liviana Palerma") is a cue, not part of the name.
  let titled = false;
  while (toks.length > 1 && TITLES.has(toks[0]!.t.toLowerCase())) {
    toks.shift();
    titled = true;
  }
  const hasInitial = INITIAL_IN_RUN.test(run) || PARTICLE_IN_RUN.test(run);
  // Possessives stay outside the span ("⟦PERSON_1⟧'s"), so "Jan" and "Jan's" share a placeholder.
  for (const x of toks) {
    if (POSSESSIVE.test(x.t)) {
      x.t = x.t.slice(0, -2);
      x.e -= 2;
    }
  }
  // A stop word that is also a given name heads a name before a name of the lexicon ("Chad
  // Smith", "June Carter", "Christian Bale": dropping it published the whole name, or the given
  // name beside a placeholder). Before a word outside the lexicon it is dropped here and taken back
  // below if the rest is a name ("Israel Adesanya").
  let givenHead: number | undefined;
  while (toks.length && STOP.has(toks[0]!.t.toLowerCase())) {
    const head = toks[0]!;
    if (GIVEN_STOPS.has(head.t) && toks.length >= 2) {
      // Every word after it a name of the lexicon, not a place's ("India Pale Ale" is a beer,
      // "Sierra Nevada" a range).
      let names = true;
      for (let k = 1; k < toks.length && names; k++) {
        const w = toks[k]!.t.toLowerCase();
        names = lex.has(w) && !STOP.has(w) && !PLACES.has(w);
      }
      if (names) break;
      givenHead = head.s;
    } else givenHead = undefined;
    toks.shift();
  }
  while (
    toks.length &&
    STOP.has(toks[toks.length - 1]!.t.toLowerCase()) &&
    // A family name that is also a stop word after a given name of the added list ("Jiwoo Park",
    // "Amit He"; "Hyde Park" stays a park).
    !(toks.length === 2 && STOP_SURNAMES.has(toks[1]!.t) && extraNames().has(toks[0]!.t.toLowerCase())) &&
    // "Park" after a given name of the lexicon, after a word that takes a person ("I emailed Jo
    // Park", "Attn: Jo Park"): "He" after a name starts a sentence too often to be taken so.
    !(
      toks.length === 2 &&
      toks[1]!.t === "Park" &&
      lex.has(toks[0]!.t.toLowerCase()) &&
      !STOP.has(toks[0]!.t.toLowerCase()) &&
      personCueBefore(text, toks[0]!.s, sc.fast)
    )
  )
    toks.pop();
  if (!toks.length) return;
  // "Per" before a clear given name and a possessive or a comma is the preposition ("Per Sarah's
  // message", "Per Sarah, …"), not the given name Per ("Per Gessle said").
  if (
    toks.length === 2 &&
    toks[0]!.t === "Per" &&
    lex.get(toks[1]!.t.toLowerCase()) === false &&
    (POSSESSIVE_AT.test(text.slice(toks[1]!.e, toks[1]!.e + 2)) || unitAt(text, toks[1]!.e) === 44)
  )
    toks.shift();
  // A sentence's first word before a name ("Ask Margaret Thornton") is not part of it: a word
  // outside the lexicon, in ASCII, before a clear name. With two words ("Perhaps Katelyn",
  // "Weronika Martinsen") the capital of the first says nothing: still a name, but not a strong one.
  let openerPair = false;
  if (
    toks.length >= 2 &&
    !hasInitial &&
    lex.get(toks[0]!.t.toLowerCase()) === undefined &&
    !NON_ASCII_CHAR.test(toks[0]!.t)
  ) {
    const lead = text.slice(Math.max(0, toks[0]!.s - 3), toks[0]!.s);
    if (SENTENCE_LEAD.test(lead)) {
      const rest = toks.slice(1).map((x) => lex.get(x.t.toLowerCase()));
      if (toks.length > 2 && rest.includes(false)) toks.shift();
      else if (toks.length === 2 && rest[0] !== undefined) openerPair = true;
    }
  }
  const start = toks[0]!.s;
  const end = toks[toks.length - 1]!.e;
  const lowers = toks.map((x) => x.t.toLowerCase().replace(POSSESSIVE, ""));
  const clear = lowers.filter((w) => lex.get(w) === false).length;
  const amb = lowers.filter((w) => lex.get(w) === true).length;
  const colonAfter = nextIs(text, end, ":");
  const lineStart = atLineStart(text, start);
  const label = lineStart && colonAfter;
  const vocative = prevIs(text, start, ",") && nextIs(text, end, "!?");
  // (Before a given name that is also a stop word, the cue stands before it: "Dear Jordan Houston".)
  const before = titled ? Cue.Strong : cueBefore(text, givenHead ?? start, sc.fast);
  // (The 24 characters after the run are asked of CUE_AFTER and ORG_AFTER only past their gates.)
  // (A person's thing or work after one word that the dictionary holds, or an adjective's
  // ending, needs the lexicon too, as in `loneWord`: "Patchy's phone" is no cue.)
  const cueAfter =
    (mayCueAfter(text, end) && CUE_AFTER.test(text.slice(end, end + 24)) && !colonAfter) ||
    (possessiveCue(text, end) &&
      (toks.length >= 2 ||
        lex.has(lowers[0]!) ||
        (!dictionary().isWord(lowers[0]!) && !ADJECTIVE_END.test(lowers[0]!))));
  const cue = before !== Cue.None || vocative || cueAfter;
  // A line that holds only the run (a signature, the head of an address block).
  const ownLine = lineStart && atLineEnd(text, end);
  const foreign = toks.some((x) => NON_ASCII_CHAR.test(x.t));
  let isName: boolean;
  // A full name (two or more words) is personal data on its own; one word needs a strong cue.
  let strong = (toks.length >= 2 && (!openerPair || ownLine)) || before === Cue.Strong || vocative;
  if (toks.length >= 2) {
    // (A job title's words are not name-like: "Senior Engineer", "Principal Scientist".)
    const nameLike = lowers.filter(
      (w) => lex.get(w) === undefined && SURNAME_SHAPE.test(w) && !ROLE_WORDS.has(w),
    ).length;
    // Institutions named after people, alone or with places ("a Carnegie Mellon PhD"), need a cue.
    const institution =
      clear === 0 &&
      lowers.some((w) => INSTITUTIONS.has(w)) &&
      lowers.every((w) => lex.get(w) !== true || PLACES.has(w));
    isName =
      clear >= 1 ||
      (amb >= 1 && amb + nameLike >= 2 && !institution) ||
      foreign ||
      hasInitial ||
      ((cue || label || ownLine) &&
        toks.every((x) => isUnknownCap(x.t)) &&
        // A job title ("Senior Engineer" under a signature, after "Hello") is no name.
        !lowers.some((w) => ROLE_WORDS.has(w)));
  } else if (clear === 1) {
    isName = SINGLE_NAMES || cue || label;
    strong ||= label && ownLine;
  } else if (amb === 1) {
    // (A university after "from", "at", "in" is no subject of the speech verb after it.)
    isName =
      (cue && !(before === Cue.None && !vocative && placeAfterPreposition(text, start, lowers[0]!))) ||
      contactedBefore(text, start, lowers[0]!);
  } else {
    isName = cue && isUnknownCap(toks[0]!.t);
  }
  // After a given name that is also a stop word (a country, a month, a religion), one word that
  // neither the name lexicon nor the English dictionary holds is a family name ("Israel
  // Adesanya"); a word is a thing of the place ("Georgia Tech", "Chad Basin", "Kenya Airways").
  const surnameAfterGiven =
    givenHead !== undefined &&
    toks.length === 1 &&
    clear + amb === 0 &&
    lowers[0]!.length >= 4 &&
    !foreign &&
    !ROLE_WORDS.has(lowers[0]!) &&
    !dictionary().isWord(lowers[0]!);
  if (surnameAfterGiven) isName = true;
  // A place whose name starts with a saint's or a fort's word ("San Francisco", "Los Angeles",
  // "Fort Worth"): its second word is often a given name of the lexicon. A strong cue or a comma's
  // vocative still make it a name. ("St" is left out: "17 St Omers" is a street, whose words a
  // person span covered.)
  if (
    isName &&
    toks.length <= 3 &&
    toks.length >= 2 &&
    PLACE_HEADS_TITLE.has(toks[0]!.t) &&
    before !== Cue.Strong &&
    !vocative
  )
    isName = false;
  if (isName && mayOrgAfter(text, end) && ORG_AFTER.test(text.slice(end, end + 24))) isName = false;
  // Otherwise, after such a given name, words that are a name only by ambiguous names and shapes,
  // or by a speech verb after several unknown words, are a thing of that place too ("an India Pale
  // Ale", "the Israel Defense Forces said").
  if (
    isName &&
    givenHead !== undefined &&
    !(
      clear >= 1 ||
      before !== Cue.None ||
      vocative ||
      (cueAfter && toks.length === 1) ||
      foreign ||
      hasInitial ||
      label ||
      ownLine ||
      surnameAfterGiven
    )
  )
    isName = false;
  if (isName && givenHead !== undefined && text.charCodeAt(start - 1) === 32) {
    judged(sc, givenHead, end, undefined);
    out.push({ start: givenHead, end, strong: true });
    for (const w of lowers) if (!STOP.has(w)) remember(known, w, true);
  } else if (isName) {
    judged(sc, start, end, undefined);
    out.push({ start, end, strong });
    for (const w of lowers) if (!STOP.has(w)) remember(known, w, strong);
  } else {
    const p: Pending = { start, end, toks: lowers, near: false };
    judged(sc, start, end, p);
    pending.push(p);
  }
}

const AT_CONTEXT = /[\p{L}\p{N}._%+-]@[\p{L}\p{N}-]+\.\p{L}|(?:^|[^\w/])@\w{2,}/u; // e-mail, handle
/** The shapes of personal data, one pattern each (flag `u`); personalContext asks whether any matches. */
const LINK_SHAPE = /https?:\/\/|www\./u; // a link (profile, page)
const INTL_PHONE_SHAPE = /(?<![\d)+=*/×-]\s*)\+\d{1,3}[\s.-]\(?\d{1,4}\)?[\s.-]?\d{2,}/u; // international phone number
const AREA_CODE_SHAPE = /\(\d{2,4}\)\s*\d{3}/u; // phone with an area code in parentheses
/** US phone, SSN, card: 9+ digits joined by separators that digit clusters (pii.ts) take in. */
const DIGIT_GROUP_SHAPE = /\b\d{3}[-. ]\d{3}[-. ]\d{4}\b|\b\d{3}-\d{2}-\d{4}\b|\b\d{4}[- ]\d{4}[- ]\d{4}/u;
const IBAN_SHAPE = /\b[A-Z]{2}\d{2}[ ]?[A-Z0-9]{4}[ ]?\d{4}/u;
const STREET_SHAPE =
  /\b\d{1,5}\s+(?:\p{Lu}\p{Ll}+\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct)\b/u;

/**
 * Substrings of the street words STREET_SHAPE ends with ("St" of "Street", "Ave" of "Avenue",
 * "Dr" of "Drive"): a text it matches holds one of them. Native `includes` finds them faster than
 * the shape's scan of every number in arithmetic.
 */
const STREET_WORD_PARTS = ["St", "Ave", "Rd", "Road", "Blvd", "Lane", "Ln", "Dr", "Way", "Court", "Ct"];

/** Whether `text` holds one of STREET_WORD_PARTS: false where STREET_SHAPE cannot match. */
export function mayHoldStreet(text: string): boolean {
  for (const w of STREET_WORD_PARTS) if (text.includes(w)) return true;
  return false;
}

/**
 * Whether one of the shapes matches `text` (what one alternation of them all answered): each
 * shape is asked only where a cheap necessary condition holds — a link needs "://" or "www.",
 * an international number "+", an area code "(", and the digit groups a cluster of 7+ digits
 * (they are made of digits and cluster separators only, so their text lies in a cluster, which
 * the card, SSN and phone detectors have already found for the same text). Tested against the
 * single alternation.
 */
export function personalShape(text: string): boolean {
  return (
    ((text.includes("://") || text.includes("www.")) && LINK_SHAPE.test(text)) ||
    (text.includes("+") && INTL_PHONE_SHAPE.test(text)) ||
    (text.includes("(") && AREA_CODE_SHAPE.test(text)) ||
    IBAN_SHAPE.test(text) ||
    (mayHoldStreet(text) && STREET_SHAPE.test(text)) ||
    (clusters(text).length > 0 && DIGIT_GROUP_SHAPE.test(text))
  );
}

/**
 * The words that introduce personal data, greet or sign, or name a person's role or organisation
 * (PERSONAL_WORDS_SOURCE) are looked for by secrets.ts's shared cue scan, which reads the text
 * once for every rule (`personalWord`).
 */
export { PERSONAL_WORDS_GROUPED, PERSONAL_WORDS_SOURCE } from "./secrets";

/**
 * Whether `text` holds personal-data context: contact details, identifiers or the words that
 * introduce them (e-mail, phone, address, card number, born, passport…), a greeting or signature,
 * a person's role or organisation. Where a string holds none of these and no strong name, its
 * narrative names (lone given names, names after "says"/"than"-style cues) are the characters of
 * a story or a word problem, and stay.
 */
export function personalContext(text: string): boolean {
  return (text.includes("@") && AT_CONTEXT.test(text)) || personalShape(text) || personalWord(text);
}

/** Numbers in figures or words, fractions and multiples: what a text that reasons in quantities is made of. */
const QUANTITY =
  /\d+(?:[.,]\d+)*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|half|twice|thrice|double|triple|dozen|quarter|third|percent|total|sum|average|per|each|how many|how much|number of|divided?|dividing|multipl(?:y|ied|ying)|equally|costs?|price)\b/gi;
/** Arithmetic between numbers ("430+320", "48 / 2"). */
const ARITHMETIC = /\d\s*[-+*/×÷=^]\s*\d/;
/** The wording of a quantity problem ("how many", "twice as many", "in total", "$12", "%"). */
const PROBLEM_WORDS =
  /\b(?:how (?:many|much|long|old|far|fast|tall|often|big)|total|altogether|in all|remaining|left over|per|each|average|percent|twice|thrice|half|times as|as many|as much|more than|less than|fewer than)\b|%|\$\d/i;

/**
 * Whether `text` reasons in quantities: at least two numbers (in figures or words, or arithmetic
 * words), and arithmetic or the wording of a quantity problem. "Sarah said Q3 revenue was 5M" is
 * not ("Sarah" stays redacted); "Natalia sold 48 clips, and half as many in May" is.
 */
export function quantitative(text: string): boolean {
  let n = 0;
  QUANTITY.lastIndex = 0;
  // (`test` moves lastIndex as `exec` does, without a match array.)
  while (n < 2 && QUANTITY.test(text)) n++;
  // (Problem words first: most such texts hold them, and the scan stops at the first.)
  return n >= 2 && (PROBLEM_WORDS.test(text) || ARITHMETIC.test(text));
}

export function personSpans(text: string): Span[] {
  return scanPersons(text, true);
}

/**
 * `personSpans` without its shortcuts: every run checked by RUN_RE, each lone word's facts and
 * each cue word's computed afresh (no `factsAt` or `cueWordAt` memo), every run of several words
 * judged by `wordRun`, and the list gaps of `listNeighbours` asked of every pending run. The reference the shortcuts are
 * tested against (test/core/redact/speed4-person.test.ts).
 */
export function personSpansPlain(text: string): Span[] {
  return scanPersons(text, false);
}

const HAS_UPPER = /\p{Lu}/u;

function scanPersons(text: string, fast: boolean): Span[] {
  if (!HAS_UPPER.test(text)) {
    const lower = lowerCue(text);
    speakerNames(text, names(), lower, false);
    return lower.map(toSpan);
  }
  const sc: Scan = {
    text,
    lex: names(),
    out: [],
    known: new Map(),
    pending: [],
    lastEnd: -Infinity,
    lastPending: undefined,
    close: false,
    overlap: false,
    fast,
    labels: 0,
  };
  const { out, known, pending } = sc;
  for (let index = nextRun(text, 0, fast); index >= 0; index = nextRun(text, runEnd, fast)) {
    const m = { index, end: runEnd };
    // A run without a space or a tab is one word; its facts (a stop word like "So", a name in
    // the lexicon) are looked up by a hash of its code units, before any string is made of it.
    let sp = m.end;
    let h = runHash;
    if (!runLone) {
      h = 0;
      for (let i = m.index; i < m.end; i++) {
        const c = text.charCodeAt(i);
        if (c === 32 || c === 9) {
          sp = i;
          break;
        }
        h = (Math.imul(h, 31) + c) | 0;
      }
    }
    if (sp === m.end) {
      const f = fast
        ? factsAt(text, m.index, m.end, h, sc.lex)
        : wordFacts(text.slice(m.index, m.end), sc.lex);
      if (!f.skip) loneWord(sc, m.index, f);
      continue;
    }
    // "So Patchy", "If Ann": a sentence-opening stop word, then one plain word. `wordRun` drops
    // the stop word and judges the word as `loneWord` would (see `openerWord`).
    // (Not when the stop word is also a given name: "Chad Smith" is a name; `wordRun` decides.)
    const at =
      fast && isOpener(text, m.index, sp, h) && !GIVEN_STOPS.has(text.slice(m.index, sp))
        ? openerWord(text, sp, m.end)
        : -1;
    if (at < 0) {
      wordRun(sc, m.index, text.slice(m.index, m.end));
      continue;
    }
    let hw = 0;
    for (let i = at; i < m.end; i++) hw = (Math.imul(hw, 31) + text.charCodeAt(i)) | 0;
    const f = factsAt(text, at, m.end, hw, sc.lex);
    if (!f.skip) loneWord(sc, at, f);
  }
  // Names found once make their other mentions names ("Faina D. Yefremova … early Yefremova"),
  // as strong as the strongest mention, and so do their neighbours in a list ("Eklund, Michael
  // and Hodge").
  for (const p of known.size ? pending : []) {
    let hit = false;
    let strong = false;
    for (const w of p.toks) {
      const k = known.get(w);
      if (k === undefined) continue;
      hit = true;
      strong ||= k;
    }
    if (hit) out.push({ start: p.start, end: p.end, strong });
  }
  // (Where no two runs judged are that near, no list joins them.)
  if (sc.close || !fast) listNeighbours(text, out, pending, fast, sc.overlap);
  // A name found at the first part of a hyphenated given name takes the rest ("Seo-yeon Park").
  for (const f of out) if (unitAt(text, f.end) === 45) extendHyphenated(text, f, sc.lex);
  const lower = lowerCue(text);
  const placed = structuralNames(text, sc.lex);
  // (Three ASCII capitals in a row first: one quick search, false for most prose.)
  if (UPPER_THREE.test(text) && UPPER_PAIR_GATE.test(text)) upperRecipients(text, sc.lex, placed);
  let all = lower.length ? out.concat(lower) : out;
  // (A dialogue's speakers are looked for where the scan met two lone words right before a colon:
  // a speaker in cased text is such a word, and most text with colons has fewer.)
  if (sc.labels >= 2) speakerNames(text, sc.lex, all, true);
  // (A pair of people with a role after it holds "were ": searched without the blank before it,
  // whose search stops at every blank of the text, ten times as slow.)
  if (text.includes("were ")) pairsWithRole(text, sc.lex, all);
  if (placed.length) {
    // (A name the scan found at the same place is made strong, not listed twice.)
    const fresh = placed.filter((p) => {
      const same = all.find((f) => f.start === p.start && f.end === p.end);
      if (same) same.strong = true;
      return !same;
    });
    all = all.concat(fresh);
  }
  // Narrative names are kept unless the string is about a person's data (a strong name, contact
  // details, identifiers): "Natalia sold 48 clips" stays, "Natalia's phone is …" does not.
  let weak = false;
  let strong = false;
  for (const f of all) {
    if (f.strong) strong = true;
    else weak = true;
  }
  if (weak && !strong && quantitative(text) && !personalContext(text))
    return all.filter((f) => f.strong).map(toSpan);
  return all.map(toSpan);
}

/** What people are, after " were " (sticky): "precision engineers", "the founders", "siblings". */
const ROLE_AFTER_WERE =
  /(?:\p{Ll}+[ \t]+)?(?:engineers|founders|co-founders|cofounders|producers|directors|writers|authors|songwriters|composers|musicians|singers|actors|actresses|scientists|researchers|colleagues|friends|siblings|brothers|sisters|cousins|twins|classmates|roommates|neighbou?rs|lovers|spouses|married|engaged|divorced)(?![\p{L}\p{N}_-])/uy;
/** Two capitalised words joined by "and" right before " were ". */
const PAIR_BEFORE_WERE =
  /(?<![\p{L}\p{N}_@.'’-])(\p{Lu}[\p{Ll}\p{M}]+)[ \t]+and[ \t]+(\p{Lu}[\p{Ll}\p{M}]+)$/du;

/**
 * Two people named before what they were ("Usamov and Bowers were precision engineers", "Park and
 * Mann were the founders"), added to `out` (narrative names) where none there overlaps them: each
 * word neither a stop word (but a family name spelled as one: "Park"), a team's or a role's word,
 * nor a word of the English dictionary that the lexicon does not hold ("Python and Rust were
 * friends", "Sales and Support were colleagues" stay).
 */
function pairsWithRole(text: string, lex: Map<string, boolean>, out: Found[]): void {
  for (let k = text.indexOf("were "); k >= 0; k = text.indexOf("were ", k + 5)) {
    if (k === 0 || text.charCodeAt(k - 1) !== 32) continue;
    const w = k - 1;
    ROLE_AFTER_WERE.lastIndex = w + 6;
    if (!ROLE_AFTER_WERE.test(text)) continue;
    const lo = Math.max(0, w - 60);
    const m = PAIR_BEFORE_WERE.exec(text.slice(lo, w));
    if (m === null) continue;
    let ok = true;
    for (const g of [1, 2]) {
      const word = m[g]!;
      const v = word.toLowerCase();
      const e = lex.get(v);
      if (
        (STOP.has(v) && !STOP_SURNAMES.has(word)) ||
        NOT_PERSON.has(v) ||
        ROLE_WORDS.has(v) ||
        (e === undefined && dictionary().isWord(v))
      )
        ok = false;
    }
    if (!ok) continue;
    for (const g of [1, 2]) {
      const [s0, e0] = m.indices![g]!;
      const f: Found = { start: lo + s0, end: lo + e0, strong: false };
      if (!out.some((o) => o.start < f.end && f.start < o.end)) out.push(f);
    }
  }
}

/**
 * Abbreviations that open a line as a label ("Ans:", "Thm:", "Todo:") and that the dictionary
 * does not hold: never a speaker.
 */
const LABEL_ABBREVIATIONS: ReadonlySet<string> = new Set(
  "ans sol ref refs def thm pf eg ie ex calc todo todos recap req res resp eta nb ps re fyi cf vs etc misc tldr prereq prereqs".split(
    " ",
  ),
);
/** A letter or a combining mark (sticky). */
const LETTER_AT = /[\p{L}\p{M}]/uy;
/** A speaker's label as written: one word in title case or in lower case. */
const SPEAKER_SHAPE = /^(?:\p{Lu}[\p{Ll}\p{M}]+|[\p{Ll}\p{M}]+)$/u;

function letterAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  LETTER_AT.lastIndex = k;
  return LETTER_AT.test(text);
}

/**
 * The speakers of a dialogue, added to `out` (narrative names) where none there overlaps them: a
 * word alone before a colon at a line's start, with the line's words after it ("Ubul: What a
 * wife.\nNicole: Remember…", `Vsevolod: "Who are you?"\nHeather:"I'm…"`). Two such labels at least
 * must be name-like (in title case where the text has capitals; neither a stop word, a role's or a team's word, an abbreviation, nor a word
 * of the English dictionary that the name lexicon does not hold: "Note:", "Answer:", "User:" stay),
 * and one of them a clear given name of the lexicon, or two of them followed by a quote. Looked
 * for at the text's colons (a native search for each), so text without any costs one search.
 */
function speakerNames(text: string, lex: Map<string, boolean>, out: Found[], cased: boolean): void {
  let c = text.indexOf(":");
  if (c < 0 || text.indexOf("\n") < 0) return;
  let found: Found[] | undefined;
  let clear = 0;
  let quoted = 0;
  const n = text.length;
  for (; c >= 0; c = text.indexOf(":", c + 1)) {
    const lo = Math.max(0, c - 24);
    let s = c;
    while (s > lo && letterAt(text, s - 1)) s--;
    if (c - s < 3 || !atLineStart(text, s)) continue;
    // An utterance follows on the same line: blanks, then no line break.
    let i = c + 1;
    while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const q = i < n ? text.charCodeAt(i) : 10;
    if (q === 10 || q === 13 || (i === c + 1 && q !== 34 && q !== 0x201c)) continue;
    const word = text.slice(s, c);
    // (In text with capitals, a speaker is written with one: "pwd:" is a label.)
    if (!SPEAKER_SHAPE.test(word) || (cased && !upperAt(text, s))) continue;
    const w = word.toLowerCase();
    const e = lex.get(w);
    if (
      STOP.has(w) ||
      ROLE_WORDS.has(w) ||
      NOT_PERSON.has(w) ||
      LABEL_ABBREVIATIONS.has(w) ||
      (e === undefined && dictionary().isWord(w))
    )
      continue;
    if (e === false) clear++;
    if (q === 34 || q === 0x201c) quoted++;
    (found ??= []).push({ start: s, end: c, strong: false });
  }
  if (found === undefined || found.length < 2 || (clear === 0 && quoted < 2)) return;
  for (const f of found) if (!out.some((o) => o.start < f.end && f.start < o.end)) out.push(f);
}

function toSpan(f: Found): Span {
  return { start: f.start, end: f.end, category: CATEGORY.person, detector: "person" };
}

/** "patricia desrosiers": a clear given name followed by a name-shaped word, all lower case. */
export const LOWER_PAIR_RE =
  /(?<![\p{L}\p{N}_@.-])(\p{Ll}{3,})[ \t]+(?:\p{Ll}\.?[ \t]+)?(\p{Ll}[\p{Ll}'’-]{1,})(?![\p{L}\p{N}_@])/gu;

/**
 * What introduces a person right before a lower-case pair (`my manager jane doe`, `cc: haoran xu`,
 * `email from ana lima`): after it, a family name the lexicon marks ambiguous or of two letters
 * ("doe", "xu", "li") completes a clear given name.
 */
const LOWER_PAIR_CUE_WORDS = String.raw`(?:\b(?:my|our|your|his|her|their)[ \t]+(?:manager|boss|colleague|coworker|co-worker|friend|wife|husband|partner|sister|brother|mom|mum|dad|mother|father|son|daughter|teacher|doctor|client|neighbou?r|landlord|roommate|advisor|supervisor|teammate|lead|tutor|therapist|lawyer|cousin|aunt|uncle)|(?:^|\n)[ \t]*(?:from|to|cc|bcc|attn|author|reviewer|assignee|owner)[ \t]*:|\b(?:email(?:ed)?|e-mail(?:ed)?|mail(?:ed)?|message(?:d)?|texted|called|ask(?:ed)?|cc(?:'d)?|ping(?:ed)?)(?:[ \t]+(?:from|to|with))?)`;
const LOWER_PAIR_CUE = new RegExp(`${LOWER_PAIR_CUE_WORDS}[ \t]+$`);

function lowerPairs(text: string, out: Found[]): void {
  const lex = names();
  LOWER_PAIR_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LOWER_PAIR_RE.exec(text)) !== null) {
    const w1 = m[1]!;
    const e1 = lex.get(w1);
    // (Most first words are no given name: the second is not looked at. An ambiguous one, "jane",
    // "mark", counts only after a cue, and a modal verb never.)
    const cued =
      e1 !== undefined &&
      !MODALS.has(w1) &&
      LOWER_PAIR_CUE.test(text.slice(Math.max(0, m.index - 32), m.index));
    if (e1 !== false && !cued) {
      LOWER_PAIR_RE.lastIndex = m.index + w1.length; // let w2 start the next pair
      continue;
    }
    const w2 = m[2]!;
    const w2s = w2.replace(/['’]s$/, "");
    const e2 = lex.get(w2s);
    if (
      !STOP.has(w2s) &&
      ((e1 === false &&
        w2s.length >= 3 &&
        (e2 === false || (e2 === undefined && SURNAME_SHAPE.test(w2s) && w2s.length >= 5))) ||
        (cued && e2 !== undefined && !MODALS.has(w2s) && !(e2 && LOWER_VERBS.has(w2s))))
    ) {
      out.push({ start: m.index, end: m.index + m[0].length - (w2.length - w2s.length), strong: true });
    } else {
      LOWER_PAIR_RE.lastIndex = m.index + w1.length; // let w2 start the next pair
    }
  }
}

/** Where LOWER_PAIR_CUE could match: its words anywhere (the pairs after them are then read). */
const LOWER_PAIR_CUE_ANYWHERE = new RegExp(LOWER_PAIR_CUE_WORDS);

/** Modal verbs the name list also holds ("will"): never a name in lower-case text. */
const MODALS = new Set(["will", "may", "can", "shall", "might", "must"]);
/** Verbs the name list holds as ambiguous names ("said"): after a given name, the verb is meant. */
const LOWER_VERBS = new Set(
  "said says told asked wrote called sent went got made took gave saw had wants wanted needs needed knows knew left came mentioned replied noted added thinks thought agreed".split(
    " ",
  ),
);

/** Text whose sentences start with capitals is normally cased: lower-case names are not looked for. */
const CASED = /(?:^|[.!?]\s+)\p{Lu}/u;

/**
 * False where no pair of LOWER_PAIR_RE can start with a clear given name: its first word is a
 * whole run of lower-case letters after no letter, digit or one of `_@.-` (its look-behind), and
 * no such run of ASCII lower-case letters in `text` is a clear name of the lexicon (a lower-case
 * letter outside ASCII answers true: left to the pattern). Most words of lower-case prose are no
 * names, and "tep" of "Step" is no word.
 */
export function mayHoldLowerPair(text: string, lex: Map<string, boolean>): boolean {
  const n = text.length;
  let s = -1;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    if (c >= 97 && c <= 122) {
      if (s < 0) s = i;
      continue;
    }
    if (s >= 0) {
      if (i - s >= 3 && (s === 0 || !blocksLowerPair(text.charCodeAt(s - 1)))) {
        if (lex.get(text.slice(s, i)) === false) return true;
      }
      s = -1;
    }
    if (c >= 128 && lowerAt(text, i)) return true;
  }
  return false;
}

/** Whether an ASCII code unit before a run of lower-case letters fails LOWER_PAIR_RE's look-behind. */
function blocksLowerPair(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 64 ||
    c === 46 ||
    c === 45
  );
}

function lowerCue(text: string): Found[] {
  const out: Found[] = [];
  if (!CASED.test(text)) {
    const lex = names();
    const clear = mayHoldLowerPair(text, lex);
    if (clear || LOWER_PAIR_CUE_ANYWHERE.test(text)) lowerPairs(text, out);
    // (A list of names holds two clear names at least: none, no list.)
    if (clear && text.includes(",")) lowerLists(text, lex, out);
    // (A naming phrase holds "call" or "named". In cased text the name after it has a capital,
    // and the phrase is a cue of the scan.)
    if (text.includes("call") || text.includes("named")) lowerNaming(text, out);
    // (An introduction holds "i'm", "i am", "this is" or "it's".)
    if (text.includes("i'm") || text.includes("i’m") || text.includes("i am") || text.includes(" is "))
      lowerIntro(text, out);
  }
  // (Any match of LOWER_CUE_RE has a title or "name" at the start of a word.)
  if (!titleCue(text)) return out;
  LOWER_CUE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LOWER_CUE_RE.exec(text)) !== null) {
    const g = m.indices?.[1] ?? m.indices?.[2] ?? m.indices?.[3];
    const v = m[1] ?? m[2] ?? m[3] ?? "";
    if (!g || STOP.has(v.toLowerCase())) continue;
    if (m[3] !== undefined) {
      const w = v.toLowerCase();
      if (names().get(w) !== false && (dictionary().isWord(w) || CONTRACTED.test(w))) continue;
    }
    // "miss" in lower case is the verb ("didn't miss anyone"), not the title.
    if (m[0].startsWith("miss") && m[0][4] !== ".") continue;
    let end = g[1];
    // "my name is borna jerković": a lower-case family name after a lower-case given name, when the
    // lexicon holds it as a clear name or the dictionary does not hold it ("…is borna but", "…is
    // sam and", "…is jo corner" stay one word).
    if (m[2] !== undefined && lowerAt(text, g[0])) {
      const n = NEXT_LOWER.exec(text.slice(end, end + 40));
      const w = n?.[1];
      if (w !== undefined && !STOP.has(w) && !MODALS.has(w) && !LOWER_VERBS.has(w)) {
        const e = names().get(w);
        if (e === false || (!dictionary().isWord(w) && !CONTRACTED.test(w))) end += n![0].length;
      }
    }
    out.push({ start: g[0], end, strong: true });
  }
  return out;
}

/** A lower-case word after blanks, as a whole word. */
const NEXT_LOWER = /^[ \t]+(\p{Ll}[\p{Ll}\p{M}'’-]{1,})(?![\p{L}\p{N}_@])/u;

/**
 * A lower-case word after a phrase that names someone ("sometimes people call me višeslav",
 * "everyone calls me borna", "she named him timmie"; LOWER_CUE_RE's "my name is"): a clear given
 * name of the lexicon, or a word that neither the English dictionary nor the stop words hold ("call
 * me back", "calls me crazy", "named her after…" stay).
 */
const LOWER_NAMING_RE =
  /(?<![\p{L}\p{N}_])(?:call(?:s|ed)?[ \t]+me|named[ \t]+(?:him|her))[ \t]+(\p{Ll}[\p{Ll}\p{M}'’-]{2,})(?![\p{L}\p{N}_@])/dgu;

function lowerNaming(text: string, out: Found[]): void {
  const lex = names();
  LOWER_NAMING_RE.lastIndex = 0;
  for (let m = LOWER_NAMING_RE.exec(text); m !== null; m = LOWER_NAMING_RE.exec(text)) {
    const w = m[1]!;
    const e = lex.get(w);
    if (STOP.has(w) || MODALS.has(w)) continue;
    if (e === false || (!dictionary().isWord(w) && !CONTRACTED.test(w))) {
      const [s, end] = m.indices![1]!;
      if (!out.some((f) => f.start < end && s < f.end)) out.push({ start: s, end, strong: true });
    }
  }
}

/**
 * A clear given name after a lower-case introduction ("hi, i'm carlos", "i am priya, a nurse",
 * "this is dana from accounts", "hey it's mike again"): only a name the lexicon holds as a name
 * and not as an English word ("i'm sure", "i'm mark", "this is will" stay).
 */
const LOWER_INTRO_RE =
  /(?<![\p{L}\p{N}_])(?:i['’]m|i[ \t]+am|this[ \t]+is|it['’]s)[ \t]+(\p{Ll}[\p{Ll}\p{M}-]{2,})(?![\p{L}\p{N}_@-])/dgu;

function lowerIntro(text: string, out: Found[]): void {
  const lex = names();
  LOWER_INTRO_RE.lastIndex = 0;
  for (let m = LOWER_INTRO_RE.exec(text); m !== null; m = LOWER_INTRO_RE.exec(text)) {
    const w = m[1]!;
    if (lex.get(w) !== false || STOP.has(w) || MODALS.has(w)) continue;
    const [s, end] = m.indices![1]!;
    if (!out.some((f) => f.start < end && s < f.end)) out.push({ start: s, end, strong: true });
  }
}

/**
 * A list of four or more lower-case words ("they had 6: silvana, adam, christopher, kristina, chad
 * and caleb"), at least two and at least half of them clear given names of the lexicon: its items
 * are names, but for words the dictionary holds and the lexicon does not ("anna, maria and
 * bread") and stop words (but the given names among them: "chad").
 */
const LOWER_LIST_RE =
  /(?<![\p{L}\p{N}_@.'’-])\p{Ll}[\p{Ll}\p{M}'’-]+(?:(?:,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)\p{Ll}[\p{Ll}\p{M}'’-]+){2,}(?![\p{L}\p{N}_@])/gu;
/** One item of a LOWER_LIST_RE match. */
const LOWER_ITEM_RE = /\p{Ll}[\p{Ll}\p{M}'’-]+/gu;
/** GIVEN_STOPS in lower case. */
const GIVEN_STOPS_LOWER: ReadonlySet<string> = new Set([...GIVEN_STOPS].map((w) => w.toLowerCase()));

function lowerLists(text: string, lex: Map<string, boolean>, out: Found[]): void {
  LOWER_LIST_RE.lastIndex = 0;
  for (let m = LOWER_LIST_RE.exec(text); m !== null; m = LOWER_LIST_RE.exec(text)) {
    const items: [string, number][] = [];
    LOWER_ITEM_RE.lastIndex = 0;
    for (let w = LOWER_ITEM_RE.exec(m[0]); w !== null; w = LOWER_ITEM_RE.exec(m[0])) {
      // (The list's own "and", "or" are no items.)
      if (w[0] !== "and" && w[0] !== "or") items.push([w[0], m.index + w.index]);
    }
    let clear = 0;
    for (const [w] of items) if (lex.get(w) === false && !STOP.has(w)) clear++;
    // (Three surnames are a firm's name as often: "hubbard, fox and gillespie".)
    if (items.length < 4 || clear < 2 || clear * 2 < items.length) continue;
    for (const [w, s] of items) {
      const e = lex.get(w);
      if (MODALS.has(w) || (STOP.has(w) && !(GIVEN_STOPS_LOWER.has(w) && e !== undefined))) continue;
      if (e === undefined && dictionary().isWord(w)) continue;
      const end = s + w.length;
      if (!out.some((f) => f.start < end && s < f.end)) out.push({ start: s, end, strong: true });
    }
  }
}

/** The separators of a list ("A, B and C"), after an item and before one. */
const GAP_AFTER = /^(?:,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)/;
const GAP_BEFORE = /(?:,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)$/;

function isGapEdge(c: number): boolean {
  return c === 44 || c === 32 || c === 9;
}

/**
 * The indices (ascending) of the pending runs that lie within 8 characters of another run judged
 * (found or pending, as `judged` noted): only these can be joined to a found name by the gap of a
 * list (at most 8 characters), since every name `listNeighbours` can find is one of these runs.
 * (The runs judged are disjoint, and a found copy of a pending run is the same run; where a run
 * overlaps the one before it, all pending runs are returned.)
 */
function closePending(pending: Pending[], overlap: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < pending.length; i++) if (overlap || pending[i]!.near) out.push(i);
  return out;
}

/** Whether `at` holds a key in `[lo, hi]`. */
function anyWithin(at: Map<number, boolean>, lo: number, hi: number): boolean {
  for (let k = lo; k <= hi; k++) if (at.has(k)) return true;
  return false;
}

/**
 * In "A, B and C" lists, capitalised items beside a found name are names too, as strong as that
 * neighbour (linear time).
 */
function listNeighbours(
  text: string,
  found: Found[],
  pending: Pending[],
  fast: boolean,
  overlap: boolean,
): void {
  if (!found.length || !pending.length) return;
  const cand = fast ? closePending(pending, overlap) : pending.map((_, i) => i);
  if (!cand.length) return;
  const starts = new Map(found.map((f) => [f.start, f.strong]));
  const ends = new Map(found.map((f) => [f.end, f.strong]));
  let changed = true;
  const done = new Set<number>();
  while (changed) {
    changed = false;
    for (const i of cand) {
      const p = pending[i]!;
      if (done.has(i) || p.toks.length > 2 || starts.has(p.start)) continue;
      // A gap starts and ends with a comma, a space or a tab, and is at most 8 characters long
      // (the text looked at): its pattern is asked only where a found name starts or ends that
      // near.
      const a =
        isGapEdge(unitAt(text, p.end)) && (!fast || anyWithin(starts, p.end + 1, p.end + 8))
          ? GAP_AFTER.exec(text.slice(p.end, p.end + 8))
          : null;
      const b =
        p.start > 0 &&
        isGapEdge(text.charCodeAt(p.start - 1)) &&
        (!fast || anyWithin(ends, p.start - 8, p.start - 1))
          ? GAP_BEFORE.exec(text.slice(Math.max(0, p.start - 8), p.start))
          : null;
      const next = a ? starts.get(p.end + a[0].length) : undefined;
      const prev = b ? ends.get(p.start - b[0].length) : undefined;
      if (next !== undefined || prev !== undefined) {
        const strong = next === true || prev === true;
        found.push({ start: p.start, end: stopSurnameEnd(text, p.start, p.end), strong });
        starts.set(p.start, strong);
        ends.set(p.end, strong);
        done.add(i);
        changed = true;
      }
    }
  }
}

export const PERSON: Detector = { name: "person", category: CATEGORY.person, detect: personSpans };

// ------------------------------------------------------------------ structural positions

/**
 * Places where whatever stands is a person's name, whatever its words (rt8: names outside the
 * lexicon were published in `git log` lines and trailers): the display name before `<e-mail>`
 * (or its placeholder), mail and git header lines (`From:`, `To:`, `Cc:`, `Reply-To:`,
 * `Author:`, `Signed-off-by:`, `Co-authored-by:`…), vCard `FN:`/`N:`, iCalendar
 * `ORGANIZER;CN=`/`ATTENDEE;CN=`, name fields read as `<key>: <value>` (`firstName: Tom`), and a
 * signature line after "Best,"/"Regards,"/"Thanks,". Each is asked only where a fixed string it
 * needs is in the text, so ordinary reasoning costs a few native searches.
 */
const S_TOKEN = String.raw`\p{Lu}\p{Ll}[\p{L}\p{M}]*(?:['’]\p{Lu}?\p{Ll}+)?(?:-\p{L}[\p{Ll}\p{M}]+)*`;
const S_NAME = String.raw`${S_TOKEN}(?:[ \t]+(?:\p{Lu}\.|${PARTICLE}|${S_TOKEN})){0,3}`;
const S_TOKEN_RE = new RegExp(`${S_TOKEN}|\\p{Lu}\\.`, "gu");

/** Words of job titles: a line of unknown capitalised words holding one is a title, not a name. */
const ROLE_WORDS = new Set(
  (
    "engineer engineers manager director scientist researcher lead head officer analyst designer developer " +
    "intern president founder cofounder co-founder ceo cto cfo coo vp senior junior principal staff chief " +
    "architect consultant specialist coordinator associate assistant editor writer student professor lecturer " +
    "fellow advisor counsel attorney partner administrator technician recruiter"
  ).split(" "),
);

/** Words that make a name-shaped run a team, a service or a role, not a person. */
const NOT_PERSON = new Set(
  (
    "team teams support bot bots noreply reply service services admin admins administrator notifications " +
    "notification github gitlab bitbucket dependabot renovate jenkins ci cd build builds release releases " +
    "security info sales help desk helpdesk ops devops infra engineering staff everyone all list lists " +
    "group members owners maintainers committee board office hr billing accounts mailer daemon postmaster " +
    "robot automation pipeline project undisclosed recipients leads platform research product products " +
    "marketing legal finance operations customer customers success community foundation labs lab studio " +
    "systems solutions technologies analytics data science safety trust policy comms communications " +
    "partnerships recruiting talent editorial newsroom"
  ).split(" "),
);

/** Display name before an address in angle brackets: `Haoran Xu <hxu@…>`, `"Jiwoo Park" <⟦EMAIL_2⟧>`. */
const DISPLAY_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_@.-])"?(${S_NAME})"?[ \t]*<(?:[^\s<>@]+@[^\s<>]+|⟦EMAIL_\d+⟧)>`,
  "gdu",
);
/**
 * A header or trailer label at a line's start (sticky, tried at line starts only); the rest of the
 * line is a list of people. `N` is vCard's structured name (`N:Family;Given;;;`).
 */
const HEADER_AT =
  /(?:From|To|Cc|CC|Bcc|BCC|Reply-To|Sender|Author|Committer|Signed-off-by|Co-authored-by|Reviewed-by|Acked-by|Tested-by|Reported-by|Suggested-by|Organizer|Attendees?|Assignee|Reporter|FN|N|(?:first|last|given|family|display|full)[ _]?[Nn]ame|[Ss]urname|first|last|given|family|author|owner|assignee|attendees?|organizer|reviewer|reporter)[ \t]*:[ \t]*/y;
/** HEADER_AT's labels of name fields, where one word is a name. */
const NAME_LABEL = /^(?:N|FN|first|last|given|family|[Ss]urname|\w*[Nn]ame)[ \t]*:/;
/** First characters of HEADER_AT's labels and of ICS_AT's and SIGN_OFF_AT's words. */
const LINE_FIRST = new Uint8Array(128);
for (const c of "FTCBRSAONfldgsaorKWYMT") LINE_FIRST[c.charCodeAt(0)] = 1;
/** iCalendar `ORGANIZER;CN=Name:mailto:…`, `ATTENDEE;…;CN="Name";…` (sticky, at a line's start). */
const ICS_AT = /(?:ORGANIZER|ATTENDEE)[^\n]*?;CN=("?)([^";:\n]+)\1/dy;
/** A closing word alone on its line before a signature: `Best,` (sticky, at a line's start). */
const SIGN_OFF_AT =
  /(?:Best|Best regards|Kind regards|Warm regards|Regards|Thanks|Thank you|Many thanks|Cheers|Sincerely|Yours|Yours sincerely|Yours truly|All the best|Take care)[ \t]*[,!.—-]?[ \t]*\r?\n[ \t]*/y;

/**
 * The name at the start of `text[from, to)` (a header item, a display name, a field value):
 * spaces, quotes and brackets skipped, then a name-shaped run of one to four words. A run of one
 * word is taken only when `single` is set (a signature, a vCard part, a name field) or the word
 * is in the lexicon; no word may be a stop word or a team's, a service's or a role's.
 */
function nameAt(
  text: string,
  from: number,
  to: number,
  single: boolean,
  lex: Map<string, boolean>,
  out: Found[],
): void {
  let i = from;
  while (i < to && " \t\"'(“‘".includes(text[i]!)) i++;
  S_TOKEN_RE.lastIndex = i;
  const toks: [number, number][] = [];
  let m: RegExpExecArray | null;
  let at = i;
  while ((m = S_TOKEN_RE.exec(text)) !== null && m.index === at && m.index < to) {
    const end = Math.min(m.index + m[0].length, to);
    toks.push([m.index, end]);
    at = end;
    while (at < to && (text[at] === " " || text[at] === "\t")) at++;
    // A particle between words ("Dyan van Gijn").
    const p = /^(?:van|von|de|der|den|ten|ter|da|das|di|du|del|della|dos|le|la|bin|ibn|al|el)[ \t]+/.exec(
      text.slice(at, to),
    );
    if (p && toks.length < 4) at += p[0].length;
    S_TOKEN_RE.lastIndex = at;
    if (toks.length === 4) break;
  }
  if (!toks.length) {
    upperNameAt(text, i, to, lex, out, single);
    return;
  }
  // The run ends where its last word ends; what follows must not continue a word.
  const words = toks.map(([s, e]) => text.slice(s, e).toLowerCase());
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (NOT_PERSON.has(w)) return;
    // A family name also spelled as an English word after a given name the lexicon holds
    // (`To: Jo Park, Li Wei`, `Min He`) is a name, not the word.
    if (
      STOP.has(w) &&
      !(k > 0 && STOP_SURNAMES.has(text.slice(toks[k]![0], toks[k]![1])) && lex.has(words[0]!))
    )
      return;
  }
  const real = words.filter((w) => !w.endsWith("."));
  if (!real.length) return;
  if (toks.length === 1 && !single && lex.get(words[0]!) === undefined) return;
  out.push({ start: toks[0]![0], end: toks[toks.length - 1]![1], strong: true });
}

/** Two to four words in capitals (`JIWOO PARK`, `MARIA DE LA CRUZ`), sticky. */
const UPPER_RUN_AT =
  /(?:\p{Lu}{2,}|\p{Lu}['’]\p{Lu}+)(?:['’-]\p{Lu}+)*(?:[ \t]+(?:\p{Lu}{2,}|\p{Lu}['’]\p{Lu}+)(?:['’-]\p{Lu}+)*){1,3}(?![\p{L}\p{N}_])/uy;

/**
 * A name written in capitals at `from` (a header item: `From: JIWOO PARK`): the capitals say
 * nothing here, so the lexicon decides — every word a name of it (`JOHN SMITH`: names that are
 * also English words count, in a header's list), none a stop word or a team's (`ACME CORP`, `ALL
 * STAFF`, `NEW YORK OFFICE` stay). Where any name-shaped words are a name (`single`: a signature,
 * a name field), so are any words in capitals (`Regards,\nXYLIA BRANDOLINI`), but for stop words
 * and a team's.
 */
function upperNameAt(
  text: string,
  from: number,
  to: number,
  lex: Map<string, boolean>,
  out: Found[],
  single = false,
): void {
  UPPER_RUN_AT.lastIndex = from;
  if (!UPPER_RUN_AT.test(text) || UPPER_RUN_AT.lastIndex > to) return;
  const end = UPPER_RUN_AT.lastIndex;
  for (const w of text
    .slice(from, end)
    .toLowerCase()
    .split(/[ \t]+/)) {
    const known = lex.get(w);
    if (
      (known === undefined && !single) ||
      NOT_PERSON.has(w) ||
      (STOP.has(w) && !STOP_SURNAMES.has(w[0]!.toUpperCase() + w.slice(1)))
    )
      return;
  }
  out.push({ start: from, end, strong: true });
}

/**
 * Three ASCII capitals in a row: a name in capitals has a word of three letters or more ("JOHN
 * SMITH", "ANA LI"; "JO LI" is missed). A class repeated, searched faster than UPPER_PAIR_GATE.
 */
const UPPER_THREE = /[A-Z]{3}/;
/** Two ASCII capitals, blanks, two ASCII capitals: where a name in capitals may start (a gate). */
const UPPER_PAIR_GATE = /[A-Z]{2}[ \t]+[A-Z]{2}/;
/** UPPER_RUN_AT anywhere, after no letter, digit or `_`. */
const UPPER_RUN_G = new RegExp(String.raw`(?<![\p{L}\p{N}_])${UPPER_RUN_AT.source}`, "gu");
/** First words of place names that the lexicon holds as names (`SANTA CLARA`, `LOS ANGELES`). */
const PLACE_HEADS: ReadonlySet<string> = new Set(
  "san santa santo sao são los las el la st saint fort port rio".split(" "),
);
/** Words of PLACE_HEADS that head a place in title case (`San Diego`; not `El`, `La`: `La Toya`; not `St`). */
const PLACE_HEADS_TITLE: ReadonlySet<string> = new Set(
  "San Santa Santo Sao São Los Las Saint Fort Port".split(" "),
);
/** ORG_AFTER in any letter case (`LTD`, `INC`). */
const ORG_AFTER_ANY_CASE = new RegExp(ORG_AFTER.source, "i");
/** One word of an UPPER_RUN_AT run. */
const UPPER_WORD_G = /[^ \t]+/g;
/**
 * What names a recipient right before a name in capitals: a verb of sending and "to" ("Ship it
 * to", "deliver to", "SEND TO:", "addressed to"), or a recipient's label ("ATTN:", "c/o").
 */
const RECIPIENT_BEFORE =
  /(?:\b(?:ship|send|sent|deliver|mail|post|forward|address|return)(?:s|ed|ped|ing|ping)?(?:[ \t]+(?:it|this|that|them|these|those|one|both|(?:the|a|an)[ \t]+\w+))?[ \t]+to|\b(?:attn|attention|recipient|addressee|consignee|c\/o|care[ \t]+of))[ \t]*:?[ \t]*$/i;
/** A street address right after a name: a comma or a line break, a number, words, a street word. */
const STREET_AFTER =
  /[ \t]*(?:,|\r?\n)[ \t]*\d{1,5}[ \t]+(?:\p{L}+[ \t]+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct)\b/iuy;

/**
 * Names in capitals where a recipient is named (`Ship it to JOHN SMITH`, `ATTN: MARIA GONZALEZ`)
 * or before a street address (`JOHN SMITH, 12 Baker St`), added to `out` (strong). The capitals
 * say nothing, so the lexicon decides as in a header (`upperNameAt`), and more strictly, since the
 * place is prose: two or more words in a row, each a name of it and none a stop word (but a family
 * name spelled as one, `PARK`) or a team's, one of them a clear name (`JOHN`, `GONZALEZ`).
 */
function upperRecipients(text: string, lex: Map<string, boolean>, out: Found[]): void {
  UPPER_RUN_G.lastIndex = 0;
  for (let m = UPPER_RUN_G.exec(text); m !== null; m = UPPER_RUN_G.exec(text)) {
    // The run's words, and the stretches of names among them ("SHIP TO JOHN SMITH").
    const words: [string, number, number][] = [];
    UPPER_WORD_G.lastIndex = 0;
    for (let w = UPPER_WORD_G.exec(m[0]); w !== null; w = UPPER_WORD_G.exec(m[0]))
      words.push([w[0].toLowerCase(), m.index + w.index, m.index + w.index + w[0].length]);
    let k = 0;
    while (k < words.length) {
      let j = k;
      let clear = 0;
      for (; j < words.length; j++) {
        const w = words[j]![0];
        const e = lex.get(w);
        if (e === undefined || NOT_PERSON.has(w)) break;
        if (STOP.has(w) && !(j > k && STOP_SURNAMES.has(w[0]!.toUpperCase() + w.slice(1)))) break;
        if (e === false) clear++;
      }
      if (j - k >= 2 && clear >= 1 && !PLACE_HEADS.has(words[k]![0])) {
        const start = words[k]![1];
        const end = words[j - 1]![2];
        // A firm named after a person (`PAUL SMITH LTD`).
        if (ORG_AFTER_ANY_CASE.test(text.slice(end, end + 24))) {
          k = j;
          continue;
        }
        STREET_AFTER.lastIndex = end;
        if (
          ((j === words.length && STREET_AFTER.test(text)) ||
            RECIPIENT_BEFORE.test(text.slice(Math.max(0, start - 40), start))) &&
          // (A header's name in capitals is read there already.)
          !out.some((f) => f.start < end && start < f.end)
        )
          out.push({ start, end, strong: true });
      }
      k = Math.max(j, k + 1);
    }
  }
}

/** The items of `text[from, to)` split at `sep` (a code unit), each read by `nameAt`. */
function items(
  text: string,
  from: number,
  to: number,
  sep: number,
  single: boolean,
  lex: Map<string, boolean>,
  out: Found[],
): void {
  let s = from;
  for (let i = from; i <= to; i++) {
    // (`to` itself is not read: it may be the end of the text.)
    const c = i < to ? text.charCodeAt(i) : sep;
    if (c === sep || (sep === 44 && c === 59)) {
      nameAt(text, s, i, single, lex, out);
      s = i + 1;
    }
  }
}

/** Names in the structural positions of `text` (see above), all strong. */
export function structuralNames(text: string, lex: Map<string, boolean>): Found[] {
  const out: Found[] = [];
  if (text.includes("<") && (text.includes("@") || text.includes("⟦EMAIL_"))) {
    DISPLAY_RE.lastIndex = 0;
    for (let m = DISPLAY_RE.exec(text); m !== null; m = DISPLAY_RE.exec(text)) {
      const [s, e] = m.indices![1]!;
      nameAt(text, s, e, false, lex, out);
    }
  }
  // One walk over the lines (a native search for each line break): a line is read only when its
  // first character can start a position and a colon lies within its first 24 characters (a
  // label), it starts an invitation's property, or it is at most 24 characters long and ends
  // with a comma or `!` (a closing word).
  const n = text.length;
  // The first colon at or after the place last asked (n when none): one native search for each
  // colon, not a look at the first characters of every line.
  let colonAt = -1;
  for (let ls = 0; ls < n;) {
    let nl = text.indexOf("\n", ls);
    if (nl < 0) nl = n;
    let i = ls;
    let c = text.charCodeAt(i);
    // (A line of blanks that ends the text ends as one before a line break does: the end is not read.)
    while ((c === 32 || c === 9 || c === 62) && i < nl) c = ++i < n ? text.charCodeAt(i) : 10;
    if (c < 128 && LINE_FIRST[c] === 1) {
      let eol = nl;
      if (text.charCodeAt(eol - 1) === 13) eol--;
      if (colonAt < i + 1) {
        colonAt = text.indexOf(":", i + 1);
        if (colonAt < 0) colonAt = n;
      }
      const colon = colonAt < eol && colonAt < i + 24;
      HEADER_AT.lastIndex = i;
      if (colon && HEADER_AT.test(text)) {
        // vCard `N:` parts are split by `;`; a header's list by `,` or `;`.
        const vcard = c === 78 && text.charCodeAt(i + 1) === 58;
        // One word is a name under a name field's label (`N:`, `FN:`, `last:`, `firstName:`); under
        // a header's (`From: Wikipedia`) only when the lexicon has it.
        const single = NAME_LABEL.test(text.slice(i, HEADER_AT.lastIndex));
        items(text, HEADER_AT.lastIndex, eol, vcard ? 59 : 44, single, lex, out);
      } else if (
        (c === 79 || c === 65) &&
        (text.startsWith("ORGANIZER", i) || text.startsWith("ATTENDEE", i))
      ) {
        ICS_AT.lastIndex = i;
        const m = ICS_AT.exec(text);
        if (m) nameAt(text, m.indices![2]![0], m.indices![2]![1], true, lex, out);
      } else if (
        eol - i <= 24 &&
        eol < n &&
        (text.charCodeAt(eol - 1) === 44 || text.charCodeAt(eol - 1) === 33)
      ) {
        SIGN_OFF_AT.lastIndex = i;
        if (SIGN_OFF_AT.test(text) && SIGN_OFF_AT.lastIndex > nl) {
          // The signature: the next line, when it holds only a name.
          const s = SIGN_OFF_AT.lastIndex;
          let e = text.indexOf("\n", s);
          if (e < 0) e = n;
          if (text.charCodeAt(e - 1) === 13) e--;
          const before = out.length;
          nameAt(text, s, e, true, lex, out);
          if (out.length > before && !atLineEnd(text, out[out.length - 1]!.end)) out.pop();
        }
      }
    }
    ls = nl + 1;
  }
  return out;
}

/**
 * A given name written with a hyphen and a lower-case second part (`Seo-yeon`, `Ji-woo`): a name
 * found at its first part takes the rest, and a capitalised word right after it that the lexicon
 * holds or that is a family name also spelled as an English word (`Park`, `He`).
 */
const HYPHEN_TAIL = /^-\p{Ll}{2,8}(?![\p{L}\p{N}_-])/u;
const NEXT_WORD = /^[ \t]+(\p{Lu}\p{Ll}+)(?![\p{L}\p{N}_@-])/u;

function extendHyphenated(text: string, f: Found, lex: Map<string, boolean>): void {
  if (text.charCodeAt(f.end) !== 45) return;
  const h = HYPHEN_TAIL.exec(text.slice(f.end, f.end + 12));
  if (!h) return;
  f.end += h[0].length;
  f.strong = true;
  const n = NEXT_WORD.exec(text.slice(f.end, f.end + 40));
  if (n && (lex.has(n[1]!.toLowerCase()) || STOP_SURNAMES.has(n[1]!))) f.end += n[0].length;
}
