/**
 * Byte formats of provenance: base64url, PEM ↔ SPKI DER, and ECDSA signature encodings.
 *
 * `manifest.sig` and log entries carry P-256 signatures as raw `r || s` (IEEE P1363, 64 bytes,
 * base64url): the JOSE "ES256" form, and what WebCrypto's `verify` takes as is. KMS and
 * OpenSSL produce and expect DER (`SEQUENCE { INTEGER r, INTEGER s }`): convert at that edge.
 */

export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

/** Strict: only the base64url alphabet, no padding; undefined otherwise. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(text, "base64url"));
}

/** SPKI DER → `-----BEGIN PUBLIC KEY-----` PEM, 64 columns, trailing newline. */
export function spkiToPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString("base64");
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join("\n")}\n-----END PUBLIC KEY-----\n`;
}

/** PEM public key → SPKI DER; undefined when it is not one PEM `PUBLIC KEY` block. */
export function pemToSpki(pem: string): Uint8Array | undefined {
  const m = /^\s*-----BEGIN PUBLIC KEY-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END PUBLIC KEY-----\s*$/.exec(pem);
  if (!m) return undefined;
  const der = Buffer.from(m[1]!.replace(/\s+/g, ""), "base64");
  return der.length > 0 ? new Uint8Array(der) : undefined;
}

const P256_BYTES = 32;

/** DER ECDSA signature → raw r||s (64 bytes for P-256). Throws on malformed input. */
export function derToP1363(der: Uint8Array, size = P256_BYTES): Uint8Array {
  let i = 0;
  const byte = () => {
    if (i >= der.length) throw new Error("DER signature: truncated");
    return der[i++]!;
  };
  const length = () => {
    const first = byte();
    if (first < 0x80) return first;
    const n = first & 0x7f;
    if (n === 0 || n > 2) throw new Error("DER signature: bad length");
    let len = 0;
    for (let k = 0; k < n; k++) len = (len << 8) | byte();
    return len;
  };
  if (byte() !== 0x30) throw new Error("DER signature: not a SEQUENCE");
  const seqLen = length();
  if (seqLen !== der.length - i) throw new Error("DER signature: bad SEQUENCE length");
  const out = new Uint8Array(size * 2);
  for (let part = 0; part < 2; part++) {
    if (byte() !== 0x02) throw new Error("DER signature: not an INTEGER");
    const len = length();
    if (len === 0 || i + len > der.length) throw new Error("DER signature: bad INTEGER length");
    let int = der.subarray(i, i + len);
    i += len;
    while (int.length > 1 && int[0] === 0) int = int.subarray(1);
    if (int.length > size) throw new Error("DER signature: INTEGER too large");
    out.set(int, part * size + (size - int.length));
  }
  if (i !== der.length) throw new Error("DER signature: trailing bytes");
  return out;
}

/** Raw r||s → DER ECDSA signature (for OpenSSL users; see docs/provenance.md). */
export function p1363ToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new Error("P1363 signature: odd length");
  const half = raw.length / 2;
  const int = (bytes: Uint8Array): number[] => {
    let b = Array.from(bytes);
    while (b.length > 1 && b[0] === 0) b = b.slice(1);
    if (b[0]! & 0x80) b = [0, ...b];
    return [0x02, b.length, ...b];
  };
  const body = [...int(raw.subarray(0, half)), ...int(raw.subarray(half))];
  const len = body.length < 0x80 ? [body.length] : [0x81, body.length];
  return new Uint8Array([0x30, ...len, ...body]);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
