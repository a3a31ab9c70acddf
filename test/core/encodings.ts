/** A text in the encodings a deny term may be hidden in (test helpers, built at run time). */
export const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
export const b64url = (s: string) => Buffer.from(s, "utf8").toString("base64url");
export const hex = (s: string) => Buffer.from(s, "utf8").toString("hex");
export const rot13 = (s: string) =>
  s.replace(/[a-z]/gi, (c) => {
    const base = c <= "Z" ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
export const reversed = (s: string) => [...s].reverse().join("");

/** A term in each encoding and alignment the checks read (the term at byte offset 0, 1, 2 of a base64 group). */
export const ENCODINGS: [string, (s: string) => string][] = [
  ["base64 offset 0", (s) => b64(`${s} ships in May`)],
  ["base64 offset 1", (s) => b64(`a ${s} run`)],
  ["base64 offset 2", (s) => b64(`my ${s}`)],
  ["base64 alone", (s) => b64(s)],
  ["base64url offset 1", (s) => b64url(`?${s}>>>?`)],
  ["hex", (s) => hex(`the ${s} eval`)],
  ["HEX upper case", (s) => hex(s).toUpperCase()],
  ["rot13", (s) => rot13(s)],
  ["reversed", (s) => reversed(s)],
];
