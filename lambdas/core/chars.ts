/**
 * Character classes by UTF-16 code unit, shared by the passes that scan text without regular
 * expressions (a definition of the language's classes, not a rule of any pass).
 */

/** JavaScript's `\s` (what `/\S+/g` splits on), by code unit. */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
