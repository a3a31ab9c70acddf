/**
 * The local signer: an ECDSA P-256 key pair kept under the data folder (`<data>/signing-key.pem`,
 * PKCS#8, mode 0600), created on first start. Rotation: `rotateLocalSigningKey` moves the old key
 * aside (`signing-key.<keyId>.retired.pem`) and creates a new one; the next publication announces
 * it in `log.jsonl`, and the old public key stays published under `keys/`.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { keyIdOf, type Signer } from "../core/provenance";

export const LOCAL_SIGNING_KEY_FILE = "signing-key.pem";

/** A signer over a node:crypto P-256 private key. */
export class KeyObjectSigner implements Signer {
  private readonly pem: string;
  constructor(private readonly key: KeyObject) {
    if (
      key.type !== "private" ||
      key.asymmetricKeyType !== "ec" ||
      key.asymmetricKeyDetails?.namedCurve !== "prime256v1"
    )
      throw new Error("signing key: an ECDSA P-256 private key is required");
    this.pem = createPublicKey(key).export({ type: "spki", format: "pem" }).toString();
  }
  async publicKeyPem(): Promise<string> {
    return this.pem;
  }
  async sign(message: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(sign("sha256", message, { key: this.key, dsaEncoding: "ieee-p1363" }));
  }
}

/** A fresh key held in memory only (tests, throw-away runs). */
export function ephemeralSigner(): KeyObjectSigner {
  return new KeyObjectSigner(generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey);
}

function newKeyPem(): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

/** The signer of `<path>` (default file name under a data folder: `signing-key.pem`), created if absent. */
export async function localSigner(path: string): Promise<KeyObjectSigner> {
  let pem: string;
  try {
    pem = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    await mkdir(dirname(path), { recursive: true });
    pem = newKeyPem();
    // `wx`: if two processes race, one loses and reads the winner's key.
    try {
      await writeFile(path, pem, { flag: "wx", mode: 0o600 });
      await chmod(path, 0o600);
    } catch (w) {
      if ((w as NodeJS.ErrnoException).code !== "EEXIST") throw w;
      pem = await readFile(path, "utf8");
    }
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error(`${path}: not a PEM private key`);
  }
  return new KeyObjectSigner(key);
}

/** Retires the key at `path` (kept beside it, never deleted) and creates a new one. Returns both key ids. */
export async function rotateLocalSigningKey(path: string): Promise<{ old?: string; current: string }> {
  let old: string | undefined;
  try {
    const previous = await localSigner(path);
    old = keyIdOf(await previous.publicKeyPem());
    await rename(path, join(dirname(path), `signing-key.${old}.retired.pem`));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const next = await localSigner(path);
  return { ...(old ? { old } : {}), current: keyIdOf(await next.publicKeyPem())! };
}
