/**
 * The cloud signer: an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY) created by the stack,
 * named by `ENV.signingKeyId`. The message is hashed here and KMS signs the digest
 * (`MessageType: DIGEST`, `ECDSA_SHA_256`), so manifests of any size can be signed. KMS returns
 * a DER signature; the provenance format is raw r||s, converted here. The private key never
 * leaves KMS.
 */
import { createHash } from "node:crypto";
import { GetPublicKeyCommand, KMSClient, SignCommand } from "@aws-sdk/client-kms";
import { derToP1363, spkiToPem, type Signer } from "../core/provenance";
import { ENV } from "../core/names";

/** The part of the KMS client this adapter uses (a real `KMSClient`, or a mock in tests). */
export interface KmsLike {
  send(command: GetPublicKeyCommand | SignCommand): Promise<unknown>;
}

export class KmsSigner implements Signer {
  private pem?: Promise<string>;
  constructor(
    private readonly kms: KmsLike,
    private readonly keyId: string,
  ) {}

  publicKeyPem(): Promise<string> {
    this.pem ??= (async () => {
      const out = (await this.kms.send(new GetPublicKeyCommand({ KeyId: this.keyId }))) as {
        PublicKey?: Uint8Array;
        KeySpec?: string;
        KeyUsage?: string;
        SigningAlgorithms?: string[];
      };
      if (out.KeySpec !== "ECC_NIST_P256" || out.KeyUsage !== "SIGN_VERIFY")
        throw new Error(
          `KMS key ${this.keyId}: expected an ECC_NIST_P256 SIGN_VERIFY key, got ${out.KeySpec}/${out.KeyUsage}`,
        );
      if (!out.PublicKey) throw new Error(`KMS key ${this.keyId}: no public key returned`);
      return spkiToPem(out.PublicKey);
    })();
    this.pem.catch(() => (this.pem = undefined));
    return this.pem;
  }

  async sign(message: Uint8Array): Promise<Uint8Array> {
    const digest = createHash("sha256").update(message).digest();
    const out = (await this.kms.send(
      new SignCommand({
        KeyId: this.keyId,
        Message: digest,
        MessageType: "DIGEST",
        SigningAlgorithm: "ECDSA_SHA_256",
      }),
    )) as { Signature?: Uint8Array };
    if (!out.Signature) throw new Error(`KMS key ${this.keyId}: no signature returned`);
    return derToP1363(out.Signature);
  }
}

/** The KMS signer the stack configures (`ENV.signingKeyId`); undefined when it is not set. */
export function kmsSignerFromEnv(
  env: Record<string, string | undefined> = process.env,
  kms: KmsLike = new KMSClient({}),
): KmsSigner | undefined {
  const keyId = env[ENV.signingKeyId];
  return keyId ? new KmsSigner(kms, keyId) : undefined;
}
