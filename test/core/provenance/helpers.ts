import { sign } from "node:crypto";
import { LATEST_KEY, PUBLICATION_LOG_KEY } from "../../../lambdas/core/names";
import { keyIdOf, type ReadFile } from "../../../lambdas/core/provenance";
import { ephemeralSigner, type KeyObjectSigner } from "../../../lambdas/adapters/signer-local";
import { buckets, world } from "../../service/fixtures";

export type World = ReturnType<typeof world> & { signer: KeyObjectSigner; keyId: string };

/** A publishing world whose sets are signed and logged. */
export async function signedWorld(signer = ephemeralSigner()): Promise<World> {
  const w = world();
  w.deps.signer = signer;
  return { ...w, signer, keyId: keyIdOf(await signer.publicKeyPem())! };
}

export async function useSigner(w: World, signer: KeyObjectSigner): Promise<void> {
  w.signer = signer;
  w.deps.signer = signer;
  w.keyId = keyIdOf(await signer.publicKeyPem())!;
}

export function reader(w: ReturnType<typeof world>): ReadFile {
  return async (p) => w.blobs.get(buckets.public, p);
}

const dec = new TextDecoder();
const enc = new TextEncoder();

export function get(w: ReturnType<typeof world>, key: string): Uint8Array {
  const b = w.blobs.objects.get(`${buckets.public}\u0000${key}`)?.body;
  if (!b) throw new Error(`no ${key}`);
  return b;
}
export function getText(w: ReturnType<typeof world>, key: string): string {
  return dec.decode(get(w, key));
}
export async function putText(w: ReturnType<typeof world>, key: string, text: string): Promise<void> {
  await w.blobs.put(buckets.public, key, enc.encode(text));
}
export function logLines(w: ReturnType<typeof world>): string[] {
  return getText(w, PUBLICATION_LOG_KEY).split("\n").filter(Boolean);
}
export async function setLogLines(w: ReturnType<typeof world>, lines: string[]): Promise<void> {
  await putText(w, PUBLICATION_LOG_KEY, lines.map((l) => l + "\n").join(""));
}
export function latestSetId(w: ReturnType<typeof world>): string {
  return (JSON.parse(getText(w, LATEST_KEY)) as { setId: string }).setId;
}

/** A raw r||s ES256 signature by `signer`'s key over `message` (as an attacker holding it would make). */
export async function signWith(signer: KeyObjectSigner, message: Uint8Array): Promise<string> {
  return Buffer.from(await signer.sign(message)).toString("base64url");
}

export { sign };
