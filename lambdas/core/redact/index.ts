/**
 * The redaction engine: secrets, personal data and lab-confidential terms, replaced in every
 * string of a transcript that will be published. See docs/redaction.md.
 */
import type { Transcript } from "../transcript/schema";
import { ALL_DETECTORS, CATEGORY_ORDER, detectSpans } from "./detect";
import { DetectedSpans, echoable, Redactor, type Echo, type Finding } from "./operator";
import { Policy } from "./policy";
import { nationalIds } from "./ids";
import { cardPrefix, clusters, luhn } from "./pii";
import { CATEGORY, type Span } from "./types";
import { FIELD_LABEL, PERSON_KEY } from "./unix-users";

export { Policy };
export type { Finding, Span };
export { neutralise } from "./operator";

export interface RedactOptions {
  policy?: Policy;
  hmacKey: string | Uint8Array;
  /** detector names to switch off (tests of the second pass) */
  disable?: string[];
}

export interface RedactionReport {
  counts: Record<string, number>;
  placeholders: number;
  findings: Finding[];
}

export interface RedactionResult {
  transcript: Transcript;
  report: RedactionReport;
  /** the raw values that were redacted, IN MEMORY ONLY, for the review's survival check; never persisted or logged */
  values: string[];
}

export const DETECTORS: readonly string[] = [...new Set(ALL_DETECTORS.map((d) => d.name))];
export const CATEGORIES: readonly string[] = CATEGORY_ORDER;

/** Merged, non-overlapping, sorted spans of everything to redact in `text`. */
export function detect(text: string, opts: { policy?: Policy; disable?: string[] } = {}): Span[] {
  return detectSpans(text, opts);
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * Redacts every string inside a JSON value, keys included, and the numbers that are personal data
 * (see `sensitiveNumber`); `path` names the value, `key` is the name it stands under (an array's
 * items stand under the array's).
 */
function redactJson(r: Redactor, v: Json, path: string, key = ""): Json {
  if (typeof v === "string") {
    // Under a name that may be a cue (`dob`, `passport_number`, `home_address`…), the value is
    // read with its name before it; a value long enough to carry its own context is read alone.
    // Under a key that names a person's account (`assignee`, `login`…), read as `"key": value`.
    if (v.length <= 40 && PERSON_KEY.test(key)) return r.redactLabelled(v, `"${key}"`, path);
    return v.length <= KEYED_MAX && KEY_CUE.test(key)
      ? r.redactLabelled(v, key.replace(/[_.-]+/g, " "), path)
      : r.redact(v, path);
  }
  if (typeof v === "number") {
    const found = sensitiveNumber(v, key);
    return found ? r.redactWhole(String(v), found, "json-number", path) : v;
  }
  if (Array.isArray(v)) return v.map((x, i) => redactJson(r, x, `${path}[${i}]`, key));
  if (v && typeof v === "object") {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) {
      const before = r.findings.length;
      const safeKey = r.redact(k, "");
      // The key's findings are named by the redacted key, so a path never carries a raw value.
      for (let i = before; i < r.findings.length; i++) r.findings[i]!.path = `${path}.${safeKey}#key`;
      out[safeKey] = redactJson(r, x, `${path}.${safeKey}`, k);
    }
    return out;
  }
  return v;
}

/**
 * The names under which a JSON string is read with its name as context (see `redactJson`): those
 * holding a word that the cue-led detectors read (birth, identity documents and record numbers,
 * phones, addresses, names of people). Others are read alone, as before, at no extra cost.
 */
const KEY_CUE =
  /birth|dob|born|passport|licen[cs]e|mrn|medical|patient|member|polic|account|customer|employee|student|ssn|social|national|tax|nino|nhs|vin|plate|phone|tel|mobile|fax|address|street|zip|post|name|password|secret|token|ausweis|geburt|naissance|nacimiento|nascita|^(?:first|last|given|family)$|attendee|organi[sz]er/i;
/** A value longer than this carries its own context (a sentence, a document): read alone. */
const KEYED_MAX = 200;

/**
 * Author names that say who speaks, not who they are ("user", "assistant_v2", "eval.runner"):
 * every word of the name is one of these (or a single letter: `assistant_v2`).
 */
const ROLE_WORDS = new Set(
  (
    "user human assistant system developer customer client guest anonymous anon bot agent admin " +
    "tester test example demo sample operator moderator model ai llm participant person player " +
    "student teacher interviewer interviewee speaker narrator eval evaluator runner grader judge " +
    "planner coder critic reviewer researcher writer solver helper tool function"
  ).split(" "),
);

/** The words of a name written without spaces: split at anything but letters, and at lower→upper case. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/**
 * A message's author name (`name`). On a user's or a system message it names a participant: a
 * person's handle (`jroe`, `john.smith`, `JohnSmith`), published as a `⟦USER_n⟧` placeholder
 * whatever it looks like, unless every word of it says a role ("user", "eval_runner_2"). On an
 * assistant's or a tool's message it names an agent or a function (`get_weather`): it is also
 * read with `_ . - ~` as spaces, and what the detectors find in either reading is replaced in the
 * name as written (`Nightjar_lookup` → `⟦TERM_1⟧_lookup`); a person found there takes the whole
 * name (`search_Margaret_Thornbury`, `mr.john.smith` → `⟦PERSON_1⟧`), and `get_weather` stays. (Not capitalised or split at case changes there: "Get Weather" reads as a name.)
 */
function redactName(r: Redactor, name: string, role: string, path: string): string {
  if (role === "user" || role === "system") {
    const words = nameWords(name);
    if (words.length > 0 && words.every((w) => ROLE_WORDS.has(w) || w.length === 1))
      return r.redact(name, path);
    if (name.trim() === "") return name;
    return r.redactWhole(name, CATEGORY.user, "author-name", path);
  }
  // Separators as spaces, nothing else changed: the same length, so offsets stay as they are.
  const reading = name.replace(/[_.~-]/g, " ");
  if (reading === name) return r.redact(name, path);
  // A person in the name: the whole name is theirs (`mr.john.smith`, `dr_jane_roe` would keep
  // the surname if only the part the detector marks were replaced).
  if (r.categoriesIn(reading).includes(CATEGORY.person))
    return r.redactWhole(name, CATEGORY.person, "author-name", path);
  return r.redactReading(name, reading, path);
}

/** An ISO 8601 date or date-time. */
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

const ISO_DATE_IN = new RegExp(`(?<![\\d-])${ISO_DATE.source.slice(1, -1)}(?![\\d:])`);

/** A time with its offset from UTC (`Z`, `+01:00`, `-0500`, `+02`) at the end of an ISO value. */
const ISO_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/;

/** The dates `createdAt` may name: a transcript is neither older than 1990 nor from after 2100. */
const FIRST_DAY = Date.UTC(1990, 0, 1);
const LAST_DAY = Date.UTC(2100, 11, 31);

function utcDay(ms: number): string | undefined {
  if (Number.isNaN(ms) || ms < FIRST_DAY || ms > LAST_DAY) return undefined;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day of an ISO value: in UTC when it carries an offset, else as written. */
function isoDay(iso: string): string | undefined {
  if (iso.length > 10 && ISO_OFFSET.test(iso)) return utcDay(Date.parse(iso.replace(" ", "T")));
  // A day the calendar has ("2026-02-30" parses, as 2 March).
  const day = iso.slice(0, 10);
  return utcDay(Date.parse(day)) === day ? day : undefined;
}

/**
 * `createdAt` as it may be published: the UTC day (`YYYY-MM-DD`) and nothing finer. A time of
 * day, its fraction of a second and the writer's UTC offset narrow down who ran what and where
 * (the offset is the researcher's time zone), and the field is a free string of the file, so
 * nothing of it is published as written:
 * - an ISO 8601 value gives its day (converted to UTC when it carries an offset);
 * - epoch seconds (9–11 digits) or milliseconds (12–13) give their UTC day;
 * - an ISO date inside other words is that date ("Dr Jane Roe 2026-01-01"; `Date.parse` would
 *   read "Mar" out of "Margaret");
 * - anything else `Date.parse` reads ("Mon, 30 Nov 2026 01:20:00 GMT", "Jan 5 2026 (Margaret)")
 *   gives the UTC day of the instant it names.
 * A day outside 1990–2100 (a phone number read as epoch seconds), or no date at all, is not
 * published.
 */
export function publishedDate(v: string): string | undefined {
  const s = v.trim();
  if (ISO_DATE.test(s)) return isoDay(s);
  if (/^\d{9,13}$/.test(s)) return utcDay(s.length <= 11 ? Number(s) * 1000 : Number(s));
  const inside = ISO_DATE_IN.exec(s);
  if (inside) return isoDay(inside[0]);
  return utcDay(Date.parse(s));
}

const CARD_KEY = /card|^pan$|^cc|creditcard/;
const PHONE_KEY = /phone|^tel|mobile|^cell|fax|msisdn|whatsapp|^sms/;
const SSN_KEY = /ssn|socialsecurity|socialsec/;

/**
 * The category of a JSON number that is personal data, or undefined. Only whole non-negative
 * numbers written in plain digits are candidates (prices, coordinates, ratios are not); then:
 * - 16 digits that pass the Luhn test and start like a card network's number (cardPrefix; a
 *   timestamp in microseconds starts with 1) — a card under any key; 12–19 Luhn-valid digits
 *   under a card's key ("card_number", "pan", "cc_num");
 * - 7–15 digits under a phone's key ("phone", "tel", "mobile", "fax", "msisdn");
 * - 9 digits of an SSN's structure (area 001–899 but 666, group and serial not zero) under an
 *   SSN's key ("ssn", "social_security_number").
 * A bare number says nothing else of itself: ids, counts and timestamps of the same lengths stay
 * numbers.
 */
export function sensitiveNumber(v: number, key: string): string | undefined {
  if (!Number.isInteger(v) || v < 1_000_000 || v >= 1e19) return undefined;
  const d = String(v);
  const k = key.toLowerCase().replace(/[^a-z]/g, "");
  if (d.length >= 12 && !/^(\d)\1+$/.test(d) && luhn(d)) {
    if ((d.length === 16 && cardPrefix(d)) || CARD_KEY.test(k)) return CATEGORY.card;
  }
  if (d.length <= 15 && PHONE_KEY.test(k)) return CATEGORY.phone;
  // A French NIR (15 digits, key 97) stands for itself under any key; its check holds for about
  // one random 15-digit number in 97 from 1 or 2 (the same test as in text, `ids.ts`).
  if (d.length === 15 && nationalIds(d, clusters(d)).some((s) => s.start === 0 && s.end === 15))
    return CATEGORY.ssn;
  if (d.length === 9 && SSN_KEY.test(k)) {
    const [area, group, serial] = [d.slice(0, 3), d.slice(3, 5), d.slice(5)];
    if (area !== "666" && area < "900" && group !== "00" && serial !== "0000") return CATEGORY.ssn;
  }
  return undefined;
}

function redactArguments(r: Redactor, args: string, path: string): string {
  let parsed: Json;
  try {
    parsed = JSON.parse(args) as Json;
  } catch {
    return r.redact(args, path);
  }
  return JSON.stringify(redactJson(r, parsed, path));
}

/** Whether one of `o`'s own values is undefined (a key present without a value). */
function hasUndefined(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k) && (o as Record<string, unknown>)[k] === undefined) return true;
  return false;
}

/**
 * Redacts every published string of a transcript. A value redacted in one string (a name with
 * context in the prompt) may stand in another without the context that found it (the same name
 * in the reasoning): when any redacted value is still in the output, the transcript is redacted
 * again with those values as "echoes", so each of their word-bounded mentions gets the same
 * placeholder. Only such transcripts pay for the second pass.
 */
export function redactTranscript(t: Transcript, opts: RedactOptions): RedactionResult {
  const detected = new DetectedSpans();
  const [first, r] = redactOnce(t, opts, [], detected);
  if (!first.values.length) return first;
  const blob = JSON.stringify(first.transcript).toLowerCase();
  const echoes = r
    .redactedValues()
    .filter((e) => echoable(e.value) && blob.includes(JSON.stringify(e.value.toLowerCase()).slice(1, -1)));
  if (!echoes.length) return first;
  // Longer values first, so that a full name wins over a part of it at the same place.
  echoes.sort((a, b) => b.value.length - a.value.length);
  return redactOnce(t, opts, echoes, detected)[0];
}

function redactOnce(
  t: Transcript,
  opts: RedactOptions,
  echoes: readonly Echo[],
  detected: DetectedSpans,
): [RedactionResult, Redactor] {
  const r = new Redactor(opts.hmacKey, { policy: opts.policy, disable: opts.disable }, echoes, detected);
  const out: Transcript = { ...t };
  // Optional fields are set only when present (adding them as undefined and deleting them after
  // turned the objects into slow dictionaries for every later reader); the keys keep their order.
  // Model, task and tags are read with a label before them (`model: <id>`), where the user-name
  // rules of published fields apply (unix-users.ts: `ft:` suffixes, `owner:x`, handles).
  const model = { ...t.model, id: r.redactLabelled(t.model.id, FIELD_LABEL.model, "model.id") };
  for (const k of ["provider", "family"] as const) {
    const v = t.model[k];
    if (v !== undefined) model[k] = r.redact(v, `model.${k}`);
  }
  out.model = model;
  if (t.inference) {
    const inference = { ...t.inference };
    for (const k of ["reasoning_effort", "provider", "serving"] as const) {
      const v = t.inference[k];
      if (v !== undefined) inference[k] = r.redact(v, `inference.${k}`);
    }
    if (hasUndefined(inference)) {
      for (const k of Object.keys(inference) as (keyof typeof inference)[]) {
        if (inference[k] === undefined) delete inference[k];
      }
    }
    out.inference = inference;
  }
  if (t.task) {
    out.task = { ...t.task };
    for (const k of ["id", "name", "dataset"] as const) {
      const label = k === "dataset" ? FIELD_LABEL.dataset : FIELD_LABEL.task;
      if (t.task[k] !== undefined) out.task[k] = r.redactLabelled(t.task[k], label, `task.${k}`);
    }
  }
  if (t.license !== undefined) out.license = r.redact(t.license, "license");
  // A date by intent, but a free string of the file that is published: exact formats only.
  if (t.createdAt !== undefined) {
    const when = publishedDate(t.createdAt);
    if (when !== undefined) out.createdAt = when;
    else delete out.createdAt;
  }
  if (t.tags) out.tags = t.tags.map((tag, i) => r.redactLabelled(tag, FIELD_LABEL.tag, `tags[${i}]`));
  for (const k of ["provider", "family"] as const) if (model[k] === undefined && k in model) delete model[k];
  out.messages = t.messages.map((m, i) => {
    const base = `messages[${i}]`;
    const msg = {
      ...m,
      parts: m.parts.map((p, j) => {
        const path = `${base}.parts[${j}]`;
        switch (p.type) {
          case "text":
            return { ...p, text: r.redact(p.text, `${path}.text`) };
          case "reasoning":
            return { ...p, text: r.redact(p.text, `${path}.text`) };
          case "tool_call":
            return {
              ...p,
              id: r.redact(p.id, `${path}.id`, true),
              name: r.redact(p.name, `${path}.name`),
              arguments: redactArguments(r, p.arguments, `${path}.arguments`),
            };
          case "tool_result":
            return { ...p, id: r.redact(p.id, `${path}.id`, true), text: r.redact(p.text, `${path}.text`) };
        }
      }),
    };
    if (m.name !== undefined) msg.name = redactName(r, m.name, m.role, `${base}.name`);
    return msg;
  });
  if (t.metadata) {
    out.metadata = redactJson(r, t.metadata as { [k: string]: Json }, "metadata") as Record<string, unknown>;
  }
  const counts: Record<string, number> = {};
  for (const f of r.findings) counts[f.category] = (counts[f.category] ?? 0) + 1;
  const result: RedactionResult = {
    transcript: out,
    report: { counts, placeholders: r.placeholders, findings: r.findings },
    values: [...r.values.values()],
  };
  return [result, r];
}
