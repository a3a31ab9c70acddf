/**
 * Compressed files told by their first bytes, not their names (zip is not here: `.eval` logs are
 * zip files, read as such). A lab's gzip of JSONL is one clear rejection — decompress it first —
 * rather than one `invalid_utf8` per binary "line", the same in the cloud and in the CLI.
 */
const COMPRESSED: { name: string; magic: number[]; hint: string }[] = [
  { name: "gzip", magic: [0x1f, 0x8b], hint: "gunzip" },
  { name: "zstd", magic: [0x28, 0xb5, 0x2f, 0xfd], hint: "unzstd" },
  { name: "bzip2", magic: [0x42, 0x5a, 0x68], hint: "bunzip2" },
  { name: "xz", magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], hint: "unxz" },
  { name: "7z", magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], hint: "7z x" },
];

/** The compressed format these first bytes open, if any. */
export function compressedFormat(head: Uint8Array): { name: string; hint: string } | undefined {
  return COMPRESSED.find((c) => c.magic.length <= head.length && c.magic.every((b, i) => head[i] === b));
}

/** The rejection's detail for a compressed file. */
export function compressedDetail(c: { name: string; hint: string }): string {
  return `${c.name}-compressed file: decompress it first (${c.hint}), then give the transcripts`;
}
