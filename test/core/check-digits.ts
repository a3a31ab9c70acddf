/**
 * Test values with valid check digits, built at run time (so no card or account number stands in
 * the repository's text): a Luhn-complete card number and an IBAN with its mod-97 check digits.
 */

/** `digits` followed by the one digit that makes it pass the Luhn test. */
export function luhnComplete(digits: string): string {
  for (let d = 0; d <= 9; d++) {
    const s = digits + d;
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      let v = s.charCodeAt(s.length - 1 - i) - 48;
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error("unreachable");
}

/** An IBAN for `country` and `bban`, with its check digits computed (mod 97). */
export function iban(country: string, bban: string): string {
  let rem = 0;
  for (const ch of bban + country + "00") {
    const v = ch >= "A" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const c of v) rem = (rem * 10 + (c.charCodeAt(0) - 48)) % 97;
  }
  return country + String(98 - rem).padStart(2, "0") + bban;
}
