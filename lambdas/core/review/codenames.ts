/**
 * The review's reading of a lab's deny terms, written apart from the redaction's: a term made of a
 * word saying what kind of thing it names and a codename ("Project Bluefinch", "Nightjar model",
 * "Operation Kestrel") is also screened for the codename alone, which the lab's people write on
 * its own ("the Bluefinch team", `bluefinch-eval`). Other terms are screened as written.
 */

/** Words that say what kind of thing a term names, after its codename ("Nightjar model"). */
const KIND_AFTER = new Set(["project", "model", "team", "program", "programme", "initiative"]);
/** And before it ("Project Bluefinch"). */
const KIND_BEFORE = new Set([
  "project",
  "operation",
  "codename",
  "code-name",
  "program",
  "programme",
  "initiative",
]);

/** Letters and digits a codename needs to be screened on its own. */
const MIN_LETTERS = 4;

/** The codename of one term, if it has a kind word around it. */
function codenameOf(term: string): string | undefined {
  const words = term.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return undefined;
  const lower = words.map((w) => w.toLowerCase());
  let a = 0;
  let b = words.length;
  if (lower[0] === "code" && lower[1] === "name") a = 2;
  else if (KIND_BEFORE.has(lower[0]!)) a = 1;
  if (b - a >= 2 && KIND_AFTER.has(lower[b - 1]!)) b--;
  if (a === 0 && b === words.length) return undefined;
  if (lower.slice(a, b).every((w) => KIND_AFTER.has(w) || KIND_BEFORE.has(w))) return undefined;
  const codename = words.slice(a, b).join(" ");
  return codename.replace(/[^\p{L}\p{N}]/gu, "").length >= MIN_LETTERS ? codename : undefined;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The last list expanded per input list (the same list object comes with every string of a body). */
const LAST = new WeakMap<readonly string[], { copy: string[]; out: readonly string[] }>();

/**
 * `terms` followed by the codenames found in them (not already listed). The same array is
 * returned for the same terms, so the deny matcher built over it is found again.
 */
export function termsWithCodenames(terms: readonly string[]): readonly string[] {
  const last = LAST.get(terms);
  if (last && sameList(last.copy, terms)) return last.out;
  const out = [...terms];
  const seen = new Set(terms.map((t) => t.trim().toLowerCase()));
  for (const term of terms) {
    const codename = codenameOf(term);
    if (codename === undefined || seen.has(codename.toLowerCase())) continue;
    seen.add(codename.toLowerCase());
    out.push(codename);
  }
  const result = out.length === terms.length ? terms : out;
  LAST.set(terms, { copy: [...terms], out: result });
  return result;
}
