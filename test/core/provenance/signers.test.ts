/**
 * The byte formats and both signers: DER ↔ raw r||s, PEM ↔ SPKI, the KMS adapter (against a mocked
 * KMS that signs with a real key, as KMS does: DER over the digest it is given) and the local key
 * file (created once with mode 0600, reused, rotated with the old key kept).
 */
import { createHash, generateKeyPairSync, sign, verify } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetPublicKeyCommand, KMSClient, SignCommand } from "@aws-sdk/client-kms";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, describe, expect, it } from "vitest";
import { ENV } from "../../../lambdas/core/names";
import {
  derToP1363,
  identify,
  keyIdOf,
  manifestMessage,
  p1363ToDer,
  pemToSpki,
  signManifest,
  spkiToPem,
  verifyEs256,
} from "../../../lambdas/core/provenance";
import { KmsSigner, kmsSignerFromEnv } from "../../../lambdas/adapters/signer-kms";
import {
  KeyObjectSigner,
  LOCAL_SIGNING_KEY_FILE,
  ephemeralSigner,
  localSigner,
  rotateLocalSigningKey,
} from "../../../lambdas/adapters/signer-local";

const enc = new TextEncoder();

describe("signature encodings", () => {
  it("converts node's DER signatures to r||s and back, for every length of r and s", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const lengths = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const msg = enc.encode(`message ${i}`);
      const der = new Uint8Array(sign("sha256", msg, privateKey));
      lengths.add(der.length);
      const raw = derToP1363(der);
      expect(raw.length).toBe(64);
      expect(verify("sha256", msg, { key: publicKey, dsaEncoding: "ieee-p1363" }, raw)).toBe(true);
      expect(Buffer.from(p1363ToDer(raw))).toEqual(Buffer.from(der));
    }
    // Short and long INTEGERs both occurred (leading zero stripped, sign byte added).
    expect(lengths.size).toBeGreaterThan(1);
  });

  it("rejects malformed DER", () => {
    expect(() => derToP1363(new Uint8Array([0x31, 0x00]))).toThrow(/not a SEQUENCE/);
    expect(() => derToP1363(new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01]))).toThrow();
    expect(() =>
      derToP1363(new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00])),
    ).toThrow();
  });

  it("PEM and SPKI round-trip; key ids are sha256 of the SPKI DER", () => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const der = new Uint8Array(publicKey.export({ type: "spki", format: "der" }));
    const pem = spkiToPem(der);
    expect(pem).toBe(publicKey.export({ type: "spki", format: "pem" }).toString());
    expect(Buffer.from(pemToSpki(pem)!)).toEqual(Buffer.from(der));
    expect(keyIdOf(pem)).toBe(createHash("sha256").update(der).digest("hex").slice(0, 32));
    expect(pemToSpki("not a key")).toBeUndefined();
  });

  it("refuses a signer whose key is not P-256", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    const fake = {
      publicKeyPem: async () => rsa.export({ type: "spki", format: "pem" }).toString(),
      sign: async () => new Uint8Array(64),
    };
    await expect(identify(fake)).rejects.toThrow(/not ECDSA P-256/);
    expect(() => new KeyObjectSigner(generateKeyPairSync("ed25519").privateKey)).toThrow(/P-256/);
  });
});

describe("KmsSigner", () => {
  const kms = mockClient(KMSClient);
  afterAll(() => kms.restore());

  it("signs the digest with ECDSA_SHA_256 and returns r||s that verifies", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const spki = new Uint8Array(publicKey.export({ type: "spki", format: "der" }));
    const manifest = enc.encode('{"setId":"x"}\n');
    const message = manifestMessage(manifest);
    kms.reset();
    kms.on(GetPublicKeyCommand).resolves({
      PublicKey: spki,
      KeySpec: "ECC_NIST_P256",
      KeyUsage: "SIGN_VERIFY",
      SigningAlgorithms: ["ECDSA_SHA_256"],
    });
    kms.on(SignCommand).callsFake((input: { Message: Uint8Array; MessageType: string }) => {
      // KMS signs the digest it is given; the test checks it is the message's digest, then signs
      // the message the same way (ECDSA over SHA-256), in DER as KMS returns it.
      expect(input.MessageType).toBe("DIGEST");
      expect(Buffer.from(input.Message)).toEqual(createHash("sha256").update(message).digest());
      return { Signature: new Uint8Array(sign("sha256", message, privateKey)), KeyId: "k" };
    });

    const signer = kmsSignerFromEnv(
      { [ENV.signingKeyId]: "alias/test" },
      new KMSClient({ region: "us-east-1" }),
    )!;
    expect(signer).toBeInstanceOf(KmsSigner);
    const { sig } = await signManifest(signer, manifest);
    expect(sig.keyId).toBe(keyIdOf(spki));
    expect(verifyEs256(await signer.publicKeyPem(), message, sig.sig)).toBe(true);
    expect(kms.commandCalls(SignCommand)[0]!.args[0].input).toMatchObject({
      KeyId: "alias/test",
      SigningAlgorithm: "ECDSA_SHA_256",
    });
    // The public key is fetched once.
    await signer.publicKeyPem();
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
  });

  it("refuses a key that is not an ECC_NIST_P256 signing key, and needs the env", async () => {
    kms.reset();
    kms
      .on(GetPublicKeyCommand)
      .resolves({ KeySpec: "RSA_2048", KeyUsage: "SIGN_VERIFY", PublicKey: new Uint8Array(1) });
    const signer = new KmsSigner(new KMSClient({ region: "us-east-1" }), "k");
    await expect(signer.publicKeyPem()).rejects.toThrow(/expected an ECC_NIST_P256 SIGN_VERIFY key/);
    expect(kmsSignerFromEnv({})).toBeUndefined();
  });
});

describe("local signing key", () => {
  const dir = mkdtempSync(join(tmpdir(), "cotshare-signer-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is created on first use with mode 0600, then reused", async () => {
    const path = join(dir, LOCAL_SIGNING_KEY_FILE);
    const a = await localSigner(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const b = await localSigner(path);
    expect(await b.publicKeyPem()).toBe(await a.publicKeyPem());
    const m = enc.encode("hello");
    const raw = await b.sign(m);
    expect(verifyEs256(await a.publicKeyPem(), m, Buffer.from(raw).toString("base64url"))).toBe(true);
  });

  it("rotates: a new key, the old one kept beside it", async () => {
    const path = join(dir, LOCAL_SIGNING_KEY_FILE);
    const before = keyIdOf(await (await localSigner(path)).publicKeyPem());
    const r = await rotateLocalSigningKey(path);
    expect(r.old).toBe(before);
    expect(r.current).not.toBe(before);
    expect(keyIdOf(await (await localSigner(path)).publicKeyPem())).toBe(r.current);
    expect(readdirSync(dir)).toContain(`signing-key.${before}.retired.pem`);
    expect(keyIdOf(await ephemeralSigner().publicKeyPem())).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("the publish Lambda's dependencies", () => {
  it("sign with the KMS key the stack names (ENV.signingKeyId)", async () => {
    const env = {
      [ENV.transcriptsTable]: "t",
      [ENV.setsTable]: "s",
      [ENV.auditTable]: "a",
      [ENV.stagingBucket]: "staging",
      [ENV.publicBucket]: "public",
      [ENV.signingKeyId]: "1234abcd-12ab-34cd-56ef-1234567890ab",
      AWS_REGION: "us-east-1",
    };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      const { depsFromEnv } = await import("../../../lambdas/handlers/publish");
      expect(depsFromEnv().signer).toBeInstanceOf(KmsSigner);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
