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
