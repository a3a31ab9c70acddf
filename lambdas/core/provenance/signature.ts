/**
 * Manifest signatures: what is signed, the `manifest.sig` file, key ids, and verification.
 *
 * Signed message = `cotshare/manifest@1\n` followed by the exact bytes of `manifest.json`
 * (the domain prefix keeps a manifest signature from ever passing as a log-entry signature).
 * Algorithm ES256: ECDSA P-256 over SHA-256 of that message; signature as raw r||s, base64url.
 * Key id = the first 32 hex digits of sha256(SPKI DER of the public key); the key is published
 * at `keys/<keyId>.pem`, so a verifier recomputes the id from the key it fetched.
 */
import { createPublicKey, verify as nodeVerify } from "node:crypto";
import * as z from "zod";
import { PREFIX } from "../names";
import { sha256Hex } from "../publish/doc";
import { concatBytes, fromBase64Url, pemToSpki, utf8 } from "./encoding";

export const SIG_FILE = "manifest.sig";
export const SIG_ALG = "ES256";
export const MANIFEST_DOMAIN = "cotshare/manifest@1\n";
export const KEY_ID = /^[0-9a-f]{32}$/;

/**
 * The signing port. Implementations: KMS in the cloud (`adapters/signer-kms.ts`), a key pair
 * under the data folder locally (`adapters/signer-local.ts`), generated keys in tests.
 */
export interface Signer {
  /** The public key, SPKI PEM. */
  publicKeyPem(): Promise<string>;
  /** ECDSA P-256 / SHA-256 signature of `message`, raw r||s (64 bytes). */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** `manifest.sig`: `{alg: "ES256", keyId, sig}` with `sig` the base64url r||s signature. */
export const ManifestSig = z
  .object({
    alg: z.literal(SIG_ALG),
    keyId: z.string().regex(KEY_ID),
    sig: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
  })
  .strict();
export type ManifestSig = z.infer<typeof ManifestSig>;

/** Key id of a public key given as SPKI DER or PEM; undefined for a PEM that does not parse. */
export function keyIdOf(key: Uint8Array | string): string | undefined {
  const der = typeof key === "string" ? pemToSpki(key) : key;
  return der ? sha256Hex(der).slice(0, 32) : undefined;
}

/** Bucket key of a published public key. */
export function keyPath(keyId: string): string {
  return `${PREFIX.keys}${keyId}.pem`;
}

export function manifestMessage(manifestBytes: Uint8Array): Uint8Array {
  return concatBytes(utf8(MANIFEST_DOMAIN), manifestBytes);
}

export interface SignerIdentity {
  keyId: string;
  pem: string;
}

/** The signer's key id and PEM, checked to be a P-256 public key. */
export async function identify(signer: Signer): Promise<SignerIdentity> {
  const pem = await signer.publicKeyPem();
  const keyId = keyIdOf(pem);
  if (!keyId) throw new Error("signer: the public key is not a PEM SPKI key");
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1")
    throw new Error("signer: the public key is not ECDSA P-256");
  return { keyId, pem };
}

/** `manifest.sig` bytes for these manifest bytes. */
export async function signManifest(
  signer: Signer,
  manifestBytes: Uint8Array,
  id?: SignerIdentity,
): Promise<{ sig: ManifestSig; bytes: Uint8Array }> {
  const { keyId } = id ?? (await identify(signer));
  const raw = await signer.sign(manifestMessage(manifestBytes));
  if (raw.length !== 64)
    throw new Error(`signer: expected a 64-byte r||s signature, got ${raw.length} bytes`);
  const sig: ManifestSig = { alg: SIG_ALG, keyId, sig: Buffer.from(raw).toString("base64url") };
  return { sig, bytes: utf8(JSON.stringify(sig, null, 2) + "\n") };
}

/** True when `sig` (base64url r||s) is a valid ES256 signature of `message` by `pem`. */
export function verifyEs256(pem: string, message: Uint8Array, sig: string): boolean {
  const raw = fromBase64Url(sig);
  if (!raw || raw.length !== 64) return false;
  try {
    return nodeVerify("sha256", message, { key: pem, dsaEncoding: "ieee-p1363" }, raw);
  } catch {
    return false;
  }
}
