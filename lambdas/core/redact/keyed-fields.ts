/**
 * `keyed-field`: personal values under a key that names them, in the records tools print and
 * read — JSON (`"firstName": "Zebulon"`), Python dicts and keyword arguments
 * (`'family_name': 'Vasquez-Ortega'`, `dob=…`), YAML (`postcode: LS6 2QT`), INI and `.env` lines.
 * The value's own detectors miss what has no format of its own: a given name the lexicon lacks, a
 * date that is a birth date only by its key, a post code, a street line. The key is the cue.
 *
 * Keys are read case- and separator-blind (`first_name`, `firstName`, `First-Name`, `FIRSTNAME`).
 * A bare `name` is not one of them (tools, models and files have names), nor are `city` and
 * `country`. A value must have its kind's shape: a name's words (letters, a capital first in each
 * word unless the whole value is lower case), a date for a birth date, a post code's letters and
 * digits, a street line with a letter; types, placeholders, `null`s and code (`str`, `string`,
 * `"{{first}}"`, `row["first_name"]`) are none.
 *
 * Cost: one native search for each `:` and `=`; the two letters before one are looked up in a
 * table (the ends of the keys), and only a possible key's end reads the key.
 */
import { CATEGORY, type Detector, type Span } from "./types";

/** Keys, letters only, lower case → the category of their values. */
const KEYS = new Map<string, string>();
for (const k of [
  "firstname",
  "givenname",
  "lastname",
  "familyname",
  "surname",
  "fullname",
  "middlename",
  "maidenname",
  "customername",
  "patientname",
  "contactname",
  "legalname",
])
  KEYS.set(k, CATEGORY.person);
for (const k of ["dob", "dateofbirth", "birthdate", "birthday", "birthdt"]) KEYS.set(k, CATEGORY.dob);
for (const k of [
  "postcode",
  "postalcode",
  "zip",
  "zipcode",
  "street",
  "streetaddress",
  "address",
  "homeaddress",
  "address1",
  "address2",
  "addressline1",
  "addressline2",
])
  KEYS.set(k, CATEGORY.address);

/** The last two characters of every key, folded (`a << 7 | b`): a separator after any other pair is passed at once. */
const KEY_END = new Uint8Array(1 << 14);
for (const k of KEYS.keys()) KEY_END[(k.charCodeAt(k.length - 2) << 7) | k.charCodeAt(k.length - 1)] = 1;

function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function isKeyUnit(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** Values that are types, empties, placeholders or schema words, never a person's data. */
const NOT_A_VALUE =
  /^(?:str|string|text|int|integer|number|date|datetime|bool|boolean|any|none|null|nil|undefined|true|false|n\/?a|unknown|required|optional|varchar(?:\(\d+\))?|object|list|dict|tbd|todo|redacted|\*+|-+|_+|x+|\.+)$/i;

/** A name's words: letters (any script), apostrophes, hyphens, dots of initials; one to five words. */
const NAME_VALUE = /^\p{L}[\p{L}\p{M}'’.-]*(?: \p{L}[\p{L}\p{M}'’.-]*){0,4}$/u;
/** A date: digits with separators, or a month's name with a day and a year. */
const DATE_VALUE =
  /^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:[T ]\d\d:\d\d(?::\d\d)?Z?)?|\d{8}|\d{1,2}(?:st|nd|rd|th)? \p{L}{3,9}\.? \d{4}|\p{L}{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4})$/u;
/** A post code: letters, digits, one space or hyphen; a digit in it. */
const POSTCODE_VALUE = /^(?=.*\d)[A-Za-z0-9]{2,5}(?:[ -][A-Za-z0-9]{2,5})?$/;

function shaped(category: string, key: string, v: string): boolean {
  if (v.length < 2 || v.length > 120 || NOT_A_VALUE.test(v)) return false;
  // Templates, placeholders, code.
  if (/[{}<>[\]()$⟦⟧=;|\\]/.test(v)) return false;
  if (category === CATEGORY.person) {
    if (!NAME_VALUE.test(v)) return false;
    // Each word capitalised, or the whole value in small letters (a form filled in lower case).
    const words = v.split(" ");
    return words.every((w) => /^\p{Lu}/u.test(w)) || v === v.toLowerCase();
  }
  if (category === CATEGORY.dob) return DATE_VALUE.test(v);
  if (key === "zip" || key === "zipcode" || key.startsWith("post")) return POSTCODE_VALUE.test(v);
  // A street line or an address: a letter and a digit (a house number; "Address: Sara Schwarz"
  // heads an address block with the addressee's name, which the name rules take as a person).
  return /\p{L}/u.test(v) && /\d/.test(v);
}

function spanAt(text: string, sep: number, out: Span[]): void {
  // The key before the separator (a closing quote between them: `"firstName":`, `'dob':`).
  let j = sep - 1;
  while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j--;
  const q = j >= 0 ? text.charCodeAt(j) : 0;
  if (q === 34 || q === 39) j--;
  if (j < 1 || KEY_END[(fold(text.charCodeAt(j - 1)) << 7) | fold(text.charCodeAt(j))] === 0) return;
  const end = j + 1;
  while (j >= 0 && end - j <= 24 && isKeyUnit(text.charCodeAt(j))) j--;
  if (end - j > 24) return;
  let key = "";
  for (let i = j + 1; i < end; i++) {
    const c = fold(text.charCodeAt(i));
    if (c !== 95 && c !== 45) key += String.fromCharCode(c);
  }
  const category = KEYS.get(key);
  if (category === undefined) return;
  // The value: quoted, or up to the end of the line or a field's end.
  let p = sep + 1;
  const sepChar = text.charCodeAt(sep);
  // ("==", ":=" and "::" are no field's separators; nor is ":" in a URL.)
  if (p < text.length && (text.charCodeAt(p) === 61 || (sepChar === 58 && text.charCodeAt(p) === 58))) return;
  while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  if (p >= text.length) return;
  const open = text.charCodeAt(p);
  let s: number;
  let e: number;
  if (open === 34 || open === 39) {
    s = p + 1;
    e = s;
    while (e < text.length && e - s <= 120 && text.charCodeAt(e) !== open && text.charCodeAt(e) !== 10) e++;
    if (e >= text.length || text.charCodeAt(e) !== open) return;
  } else {
    s = p;
    e = s;
    while (e < text.length && e - s <= 120) {
      const c = text.charCodeAt(e);
      if (c === 10 || c === 13 || c === 44 || c === 59 || c === 125 || c === 38 || c === 41) break;
      e++;
    }
    while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
  }
  if (e <= s || !shaped(category, key, text.slice(s, e))) return;
  out.push({ start: s, end: e, category, detector: "keyed-field" });
}

function keyedFields(text: string): Span[] {
  const out: Span[] = [];
  for (let i = text.indexOf(":"); i !== -1; i = text.indexOf(":", i + 1)) spanAt(text, i, out);
  for (let i = text.indexOf("="); i !== -1; i = text.indexOf("=", i + 1)) spanAt(text, i, out);
  return out;
}

export const KEYED_FIELD: Detector = { name: "keyed-field", category: CATEGORY.person, detect: keyedFields };
