/**
 * Per-lab configuration the ingest pipeline needs: the lab's redaction policy (confidential: read
 * from the staging bucket at `labPolicyKey(labId)`, never logged) and the lab's finding-hash key,
 * HMAC-SHA256(master, labId). The master key comes from Secrets Manager in the cloud
 * (`ENV.hmacSecretArn`) and from `<data>/hmac-key` locally.
 */
import { createHmac, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { parseLabPolicy, type LabPolicy } from "../core/lab-policy";
import { labPolicyKey } from "../core/names";
import { CotshareError } from "../core/errors";
import type { BlobStore } from "../ports";

export { LabPolicy, parseLabPolicy } from "../core/lab-policy";

/** What ingest asks about a lab. */
export interface LabConfig {
  /** The lab's policy; undefined when the lab has none. */
  policy(labId: string): Promise<LabPolicy | undefined>;
  /** The lab's finding-hash key: HMAC-SHA256(master, labId). */
  hmacKey(labId: string): Promise<Uint8Array>;
  /** Stores (replaces) the lab's policy. */
  putPolicy(labId: string, policy: LabPolicy): Promise<void>;
}

/** Where the master key comes from; called once, then cached. */
export type MasterKeySource = () => Promise<Uint8Array>;

/** The secret's value as bytes: SecretString as UTF-8, or SecretBinary. */
export function secretsManagerMaster(
  secretArn: string,
  client = new SecretsManagerClient({}),
): MasterKeySource {
  return async () => {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (out.SecretString) return new TextEncoder().encode(out.SecretString);
    if (out.SecretBinary) return out.SecretBinary;
    throw new CotshareError("hmac_secret_empty", "the HMAC master secret has no value");
  };
}

/** `<data>/hmac-key` (hex text); created with 32 random bytes and mode 0600 on first use. */
export function fileMaster(path: string): MasterKeySource {
  return async () => {
    let text: string;
    try {
      text = (await readFile(path, "utf8")).trim();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      text = randomBytes(32).toString("hex");
      await mkdir(dirname(path), { recursive: true });
      // `wx`: if two processes race, one loses and re-reads the winner's key.
      try {
        await writeFile(path, `${text}\n`, { flag: "wx", mode: 0o600 });
        await chmod(path, 0o600);
      } catch (w) {
        if ((w as NodeJS.ErrnoException).code !== "EEXIST") throw w;
        text = (await readFile(path, "utf8")).trim();
      }
    }
    if (text.length < 32) throw new CotshareError("hmac_secret_short", `${path}: HMAC master key too short`);
    return new TextEncoder().encode(text);
  };
}

export function deriveLabKey(master: Uint8Array, labId: string): Uint8Array {
  return new Uint8Array(createHmac("sha256", master).update(labId, "utf8").digest());
}

/**
 * LabConfig over the staging bucket; policies cached for `cacheMs` (default 60 s). A runtime that
 * sees the bucket's writes (the local one) caches them indefinitely and calls `invalidate` when a
 * policy object changes, so a policy PUT takes effect at once without a read per object.
 */
export class BlobLabConfig implements LabConfig {
  private master?: Promise<Uint8Array>;
  private readonly cache = new Map<string, { at: number; policy: LabPolicy | undefined }>();
  private readonly cacheMs: number;
  /** Bumped by every invalidation: a read that started before one is not cached. */
  private generation = 0;

  constructor(
    private readonly opts: {
      blobs: BlobStore;
      bucket: string;
      master: MasterKeySource;
      /** How long a policy read is reused (`Infinity`: until `invalidate`). */
      cacheMs?: number;
      now?: () => number;
    },
  ) {
    this.cacheMs = opts.cacheMs ?? 60_000;
  }

  private now() {
    return this.opts.now?.() ?? Date.now();
  }

  async policy(labId: string): Promise<LabPolicy | undefined> {
    const hit = this.cache.get(labId);
    if (hit && this.now() - hit.at < this.cacheMs) return hit.policy;
    const generation = this.generation;
    const key = labPolicyKey(labId);
    const bytes = await this.opts.blobs.get(this.opts.bucket, key);
    let policy: LabPolicy | undefined;
    if (bytes) {
      let raw: unknown;
      try {
        raw = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        throw new CotshareError("invalid_policy", `${key}: policy is not valid JSON`);
      }
      policy = parseLabPolicy(raw, key);
    }
    // A policy written while this read was in flight may not be in what was read: not cached.
    if (generation === this.generation) this.cache.set(labId, { at: this.now(), policy });
    return policy;
  }

  /** Forgets the cached policy of `labId` (every lab when undefined): the next read fetches it. */
  invalidate(labId?: string): void {
    this.generation++;
    if (labId === undefined) this.cache.clear();
    else this.cache.delete(labId);
  }

  async hmacKey(labId: string): Promise<Uint8Array> {
    this.master ??= this.opts.master().catch((e) => {
      this.master = undefined; // a failed fetch is retried on the next call
      throw e;
    });
    return deriveLabKey(await this.master, labId);
  }

  async putPolicy(labId: string, policy: LabPolicy): Promise<void> {
    const valid = parseLabPolicy(policy, labPolicyKey(labId));
    await this.opts.blobs.put(
      this.opts.bucket,
      labPolicyKey(labId),
      JSON.stringify(valid),
      "application/json",
    );
    this.invalidate(labId);
  }
}
