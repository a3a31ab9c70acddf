import { brotliCompressSync, constants } from "node:zlib";
import { pack91 } from "../../../lambdas/core/pack";

/**
 * A generated data file of lambdas/core/redact (names-data.ts, seed-phrase-data.ts,
 * phone-metadata.ts): `text` brotli-compressed at its best and packed as text (core/pack.ts), as
 * `export const <name> = [<chunks of 100>].join("")` under the header comment lines. Each data
 * test compares what its file decodes to, not these bytes (brotli's output depends on the version
 * Node carries).
 */
export function packedDataFile(name: string, header: readonly string[], text: string): string {
  const packed = brotliCompressSync(Buffer.from(text, "utf8"), {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
    },
  });
  const chunks = pack91(packed).match(/.{1,100}/g) ?? [];
  return [
    ...header.map((l) => `// ${l}`),
    `export const ${name} = [`,
    ...chunks.map((c) => `  ${JSON.stringify(c)},`),
    '].join("");',
    "",
  ].join("\n");
}
