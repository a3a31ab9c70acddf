/**
 * Person names in Latin script, checked apart from the redaction (which replaces them with
 * `⟦PERSON_n⟧`), and only where the *position* says a person stands, whatever the words: the
 * redaction decides names by a lexicon, this check reads no lexicon at all, so a name whose words
 * the redaction's list lacks is still seen here. The positions:
 *
 * - the display name before an address in angle brackets: `Haoran Xu <⟦EMAIL_1⟧>` (`git log`
 *   `%an <%ae>`, mail headers), an address or its placeholder;
 * - a mail header or a git trailer line: `From:`, `To:`, `Cc:`, `Bcc:`, `Reply-To:`, `Author:`,
 *   `Committer:`, `Signed-off-by:`, `Co-authored-by:`, `Reviewed-by:`, `Acked-by:`, `Tested-by:`,
 *   `Reported-by:`, `Suggested-by:` — each item of its comma-separated list;
 * - vCard `FN:` and `N:` (family and given names split by `;`), iCalendar `ORGANIZER`/`ATTENDEE`
 *   with `CN=`;
 * - the line after a closing word alone on its line ("Best,", "Regards,", "Thanks,", "Cheers,").
 *
 * There, a run of two or three capitalised words (`Xxxx Yyyy`, hyphenated `Seo-yeon`, an initial
 * between) is reported as `residual_person`, NEEDS_HUMAN — not BLOCK: the same positions also hold
 * teams and services ("Release Bot <…>", "To: Platform Team") and the public authors of an open
 * project's history, which a person tells apart at a glance. A run with a word of a team, a
 * service or a role is not reported, nor a single word (a first name alone in a signature is
 * left to the redaction), nor a placeholder.
 *
 * Cost: each position is looked for only when the text holds a fixed string it needs (`<` and
 * `@` or `⟦EMAIL_`, a label with its colon, `CN=`, `N:`, a comma before a line break).
 */

export interface PersonHit {
  what: string;
}

/** One word of a name: a capital, then small letters (a hyphenated or apostrophed part allowed). */
const WORD = /^\p{Lu}\p{Ll}+(?:[-'’]\p{L}\p{Ll}*)*$/u;
/** An initial between names ("J." of "Anna J. Berg"). */
const INITIAL = /^\p{Lu}\.?$/u;

/** Words that make a run a team, a service, a role or a sentence, not a person (written for this check). */
const NOT_A_PERSON = new Set(
  `the a an and or of for to from in on at by with this that our your my his her their we you it is
  team squad crew group bot robot service services support help helpdesk desk admin administrator
  administrators notifications notification alerts noreply no-reply mailer daemon postmaster system
  github gitlab bitbucket dependabot renovate jenkins actions action ci build release releases
  security sales billing info office staff everyone all members maintainers owners reviewers list
  committee board department engineering research infra infrastructure platform ops devops project
  account accounts customer customers user users undisclosed recipients lead leads manager hub cloud
  docker slack jira google microsoft amazon aws azure openai anthropic corp inc llc ltd co company
  product products marketing legal finance operations community foundation labs lab studio systems
  solutions technologies analytics data science safety trust policy comms communications
  partnerships recruiting talent editorial newsroom`
    .split(/\s+/)
    .filter(Boolean),
);

/** Whether the words (as written, quotes and brackets already off) make a person's full name. */
function personRun(words: readonly string[]): boolean {
  if (words.length < 2 || words.length > 4) return false;
  let names = 0;
  for (const w of words) {
    if (INITIAL.test(w)) continue;
    if (!WORD.test(w) || NOT_A_PERSON.has(w.toLowerCase())) return false;
    names++;
  }
  return names >= 2 && names <= 3;
}

/** One word of a name in capitals (`JIWOO`, `O'BRIEN`, `SEO-YEON`). */
const UPPER_WORD = /^(?:\p{Lu}{2,}|\p{Lu}['’](?=\p{Lu}))(?:\p{Lu}*)(?:[-'’]\p{Lu}+)*$/u;

/**
 * Two or three words in capitals, none a team's, a service's or a role's: a name in a header's
 * list or a signature written in capitals (`From: JIWOO PARK`, `Regards,\nJIWOO PARK`). Read in
 * those positions only, where a run of capitals is rarely anything else (`To: ALL STAFF`, `From:
 * GITHUB ACTIONS`, `Thanks,\nACME CORP` are not reported).
 */
function upperRun(words: readonly string[]): boolean {
  if (words.length < 2 || words.length > 3) return false;
  for (const w of words) if (!UPPER_WORD.test(w) || NOT_A_PERSON.has(w.toLowerCase())) return false;
  return true;
}

/** The words of `s` split on blanks, with surrounding quotes, brackets and trailing commas taken off. */
function wordsOf(s: string): string[] {
  return s
    .split(/[ \t]+/)
    .map((w) => w.replace(/^["'“‘(]+|["'”’),;.]+$/gu, ""))
    .filter(Boolean);
}

/** Header and trailer labels whose value is a list of people (as written, case matters). */
const LIST_LABELS = [
  "From",
  "To",
  "Cc",
  "CC",
  "Bcc",
  "Reply-To",
  "Sender",
  "Author",
  "Committer",
  "Signed-off-by",
  "Co-authored-by",
  "Reviewed-by",
  "Acked-by",
  "Tested-by",
  "Reported-by",
  "Suggested-by",
  "FN",
];
const LABEL_SET = new Set(LIST_LABELS);
/** Closing words of a letter or a message before a signature line (lower case, no punctuation). */
const CLOSINGS = new Set([
  "best",
  "regards",
  "thanks",
  "cheers",
  "sincerely",
  "yours",
  "thank you",
  "many thanks",
  "kind regards",
  "best regards",
  "warm regards",
  "all the best",
  "take care",
  "best wishes",
  "yours sincerely",
  "yours truly",
]);

/** An address or its placeholder inside angle brackets, at the start of `s`. */
const ANGLE_ADDRESS = /^<(?:[^\s<>@]+@[^\s<>]+|⟦EMAIL_\d+⟧)>/u;

/** Display names before `<address>`: the words just before each such bracket, on its line. */
function displayNames(text: string, out: PersonHit[]): void {
  for (let i = text.indexOf("<"); i >= 0; i = text.indexOf("<", i + 1)) {
    if (!ANGLE_ADDRESS.test(text.slice(i, i + 320))) continue;
    // Back over the line (or the list item) before the bracket.
    let lo = i;
    while (lo > 0 && !"\n,;:>".includes(text[lo - 1]!) && i - lo < 120) lo--;
    const words = wordsOf(text.slice(lo, i));
    // The last two to four words: "3f2a9b1 Haoran Xu" has a hash before the name.
    for (let k = Math.min(4, words.length); k >= 2; k--) {
      if (personRun(words.slice(words.length - k))) {
        out.push({ what: "a person's name before an e-mail address" });
        return;
      }
    }
  }
}

/** First characters (code units) of the lines this check reads: labels, `N:`, ORGANIZER/ATTENDEE, closing words. */
const FIRST = new Uint8Array(128);
for (const ch of "FTCBRSANOKWYM") FIRST[ch.charCodeAt(0)] = 1;

/** Header lines, vCard and iCalendar names, signatures: one walk over the line breaks. */
function lineNames(text: string, out: PersonHit[]): void {
  let afterClosing = false;
  const n = text.length;
  for (let s = 0; s < n;) {
    let e = text.indexOf("\n", s);
    if (e < 0) e = n;
    let i = s;
    let c = text.charCodeAt(i);
    // At the line's end, c is its line feed (or, at the text's end, a line feed as if there were one).
    while ((c === 32 || c === 9 || c === 62) && i < e) c = ++i < n ? text.charCodeAt(i) : 10;
    const wasClosing = afterClosing;
    afterClosing = false;
    const first = c < 128 && FIRST[c] === 1;
    // Only a line that can hold a position is sliced: a colon in its first 16 characters, an
    // invitation line, the line after a closing word; a closing word's line is short and ends
    // with a comma or `!`.
    let labelled = false;
    let colon = -1;
    if (first)
      for (let k = i + 1; k < e && k < i + 16; k++)
        if (text.charCodeAt(k) === 58) {
          labelled = true;
          colon = k;
          break;
        }
    const ics =
      first && (c === 79 || c === 65) && (text.startsWith("ORGANIZER", i) || text.startsWith("ATTENDEE", i));
    // A labelled line alone (no invitation, no closing before it) holds a position only under a
    // list label or as a vCard `N:` line (what `lineName` asks of it): its first colon is `colon`,
    // so the label is read without slicing the line.
    if (ics || wasClosing || (labelled && (LABEL_SET.has(text.slice(i, colon)) || text.startsWith("N:", i))))
      lineName(text.slice(i, e).replace(/\r$/, ""), wasClosing, out);
    // (Only a line with a first letter ends in a character of its own: nothing before it is read.)
    if (first && e - i <= 24) {
      let last = text.charCodeAt(e - 1);
      if (last === 13) last = text.charCodeAt(e - 2);
      if (last === 44 || last === 33) {
        const t = text.slice(i, e).trim();
        if (t.endsWith(",") || t.endsWith("!"))
          afterClosing = CLOSINGS.has(t.slice(0, -1).trim().toLowerCase());
      }
    }
    s = e + 1;
  }
}

/** One line (without its indent): a header list, a vCard `N:`, an invitation's `CN=`, a signature. */
function lineName(bare: string, wasClosing: boolean, out: PersonHit[]): void {
  const colon = bare.indexOf(":");
  if (colon > 0 && colon < 16 && LABEL_SET.has(bare.slice(0, colon))) {
    for (const item of bare.slice(colon + 1).split(/[,;]/)) {
      // An item's address in brackets is not part of its name.
      const words = wordsOf(item.replace(/<[^>]*>|\([^)]*\)/g, " "));
      if (personRun(words) || upperRun(words)) {
        out.push({ what: `a person's name in a "${bare.slice(0, colon)}:" line` });
        return;
      }
    }
    return;
  }
  if (bare.startsWith("N:")) {
    const parts = bare
      .slice(2)
      .split(";")
      .filter((p) => p.trim() !== "");
    if (parts.length >= 2 && personRun(parts.slice(0, 2).reverse().flatMap(wordsOf)))
      out.push({ what: "a person's name in a vCard" });
    return;
  }
  if (bare.startsWith("ORGANIZER") || bare.startsWith("ATTENDEE")) {
    const at = bare.indexOf("CN=");
    if (at > 0) {
      const v = bare.slice(at + 3);
      const end = v.startsWith('"') ? v.indexOf('"', 1) + 1 : v.search(/[;:]|$/);
      if (personRun(wordsOf(v.slice(0, end > 0 ? end : v.length))))
        out.push({ what: "a person's name in a calendar invitation" });
    }
    return;
  }
  if (wasClosing) {
    const words = wordsOf(bare);
    // (In capitals too: `Regards,\nXYLIA BRANDOLINI`, as in a header's list.)
    if (personRun(words) || upperRun(words)) out.push({ what: "a person's name in a signature" });
  }
}

/** Person names in structural positions of one published text (see above); one hit per position kind is enough. */
export function findPeople(text: string): PersonHit[] {
  const out: PersonHit[] = [];
  if (text.includes("<") && (text.includes("@") || text.includes("⟦EMAIL_"))) displayNames(text, out);
  lineNames(text, out);
  return out;
}
