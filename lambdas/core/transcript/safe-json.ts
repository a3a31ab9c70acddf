/**
 * JSON decoding that a hostile input cannot turn against us: strict UTF-8, a nesting-depth
 * pre-scan (so nothing downstream can recurse deep enough to overflow the stack), and error
 * messages that carry a position, never a snippet of the input (V8's own messages quote it).
 */

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Strict UTF-8 decoding; undefined for invalid UTF-8 (including encoded surrogates). A BOM is dropped. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** UTF-8 length of a string without allocating its encoding. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * At most `max` `{` and `[` in the whole text, strings included: then no level can open deeper
 * than `max`. Two indexOf sweeps, cheaper than the scan below, and enough for most texts (a
 * transcript opens a dozen levels, not 64).
 */
function fewOpenings(text: string, max: number): boolean {
  let n = 0;
  for (let i = text.indexOf("{"); i >= 0; i = text.indexOf("{", i + 1)) if (++n > max) return false;
  for (let i = text.indexOf("["); i >= 0; i = text.indexOf("[", i + 1)) if (++n > max) return false;
  return true;
}

/**
 * Position of the first `{`/`[` (outside strings) that opens a level deeper than `maxDepth`, or
 * -1. One linear pass; it does not validate the JSON, JSON.parse does that afterwards. Inside a
 * string (most of a transcript) it jumps from quote to quote with `indexOf`: a quote ends the
 * string unless an odd number of backslashes stands right before it.
 */
export function depthExceededAt(text: string, maxDepth: number): number {
  if (fewOpenings(text, maxDepth)) return -1;
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // In a string from i + 1: find its closing quote.
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) return -1; // unterminated: JSON.parse reports it
        let b = q - 1;
        while (b >= from && text.charCodeAt(b) === 0x5c /* \ */) b--;
        if ((q - 1 - b) % 2 === 0) {
          i = q;
          break;
        }
        from = q + 1;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return -1;
}

export type JsonResult =
  { ok: true; value: unknown } | { ok: false; code: "invalid_json" | "too_deep"; detail: string };

/**
 * Parses JSON text after the depth pre-scan. JSON.parse defines `__proto__` as an own data
 * property (it never sets a prototype), so parsing alone cannot pollute; readers copy free-form
 * data through `cloneData`, which drops such keys.
 */
export function parseJson(text: string, maxDepth: number): JsonResult {
  const at = depthExceededAt(text, maxDepth);
  if (at >= 0)
    return { ok: false, code: "too_deep", detail: `JSON nesting deeper than ${maxDepth} at position ${at}` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : "";
    const m = /position (\d+)/.exec(message);
    // V8 names no position when the text stops early (a truncated file): it is the end.
    const where = m
      ? ` at position ${m[1]}`
      : text.trim() === ""
        ? " (no JSON value)"
        : /end of JSON input/i.test(message)
          ? ` at position ${text.length} (the text ends before the JSON value does)`
          : "";
    return { ok: false, code: "invalid_json", detail: `not valid JSON${where}` };
  }
}
