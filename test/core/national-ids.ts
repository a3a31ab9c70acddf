/**
 * National identity numbers with valid check characters, built at run time from their parts (so
 * that no such number stands in the repository's text), for the redaction's and the review's
 * tests. Written from the published algorithms, apart from both implementations.
 */

/** A Chinese resident identity number: region (6 digits), birth date (8), sequence (3), check. */
export function cnId(region: string, birth: string, seq: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const body = region + birth + seq;
  const sum = [...body].reduce((a, ch, i) => a + Number(ch) * w[i]!, 0);
  return body + "10X98765432"[sum % 11]!;
}

/** A Spanish DNI (8 digits) or NIE (X/Y/Z and 7 digits) with its letter. */
export function dni(number: string): string {
  const n = Number(number.replace(/^X/, "0").replace(/^Y/, "1").replace(/^Z/, "2"));
  return number + "TRWAGMYFPDXBNJZSQVHLCKE"[n % 23]!;
}

/** An Italian codice fiscale: the first 15 characters and their check letter. */
export function codiceFiscale(first15: string): string {
  const odd: Record<string, number> = {};
  const oddValues = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
  ];
  "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("").forEach((ch, i) => (odd[ch] = oddValues[i]!));
  "0123456789".split("").forEach((ch, i) => (odd[ch] = oddValues[i]!));
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = first15[i]!;
    // Positions 1, 3, 5… (1-based) take the odd table; the others their plain value.
    if (i % 2 === 0) sum += odd[ch]!;
    else sum += /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
  }
  return first15 + String.fromCharCode(65 + (sum % 26));
}

/** A French NIR: the 13 first characters (`2A`/`2B` allowed) and the two-digit key. */
export function nir(first13: string): string {
  const n = BigInt(first13.replace("2A", "19").replace("2B", "18"));
  const key = 97n - (n % 97n);
  return first13 + String(key).padStart(2, "0");
}

/** A German Steuer-ID: ten digits and the ISO 7064 mod 11,10 check digit. */
export function steuerId(first10: string): string {
  let p = 10;
  for (const ch of first10) {
    let s = (Number(ch) + p) % 10;
    if (s === 0) s = 10;
    p = (2 * s) % 11;
  }
  const c = 11 - p;
  return first10 + String(c === 10 ? 0 : c);
}

/** `s` cut into groups of the given sizes, joined by `sep` (the rest as a last group). */
export function grouped(s: string, sizes: number[], sep = " "): string {
  const out: string[] = [];
  let at = 0;
  for (const k of sizes) out.push(s.slice(at, (at += k)));
  if (at < s.length) out.push(s.slice(at));
  return out.join(sep);
}
