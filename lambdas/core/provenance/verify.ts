/**
 * Verifying a published set, offline, over a "read file" port (a folder, an HTTP site, a bucket):
 * 1. files — every file listed in `manifest.json` is present with its size and sha256;
 * 2. signature — `manifest.sig` is a valid ES256 signature of the manifest's exact bytes by the
 *    key at `keys/<keyId>.pem`, whose own hash is that key id (and, with `trust`, a pinned key);
 * 3. log — `log.jsonl` is one unbroken chain (each `prev` is the sha256 of the line before, `seq`
 *    counts lines, every entry is signed by a key an earlier `key` entry introduced), the set's
 *    newest entry records this very manifest, and `latest.json` names a set the log knows.
 * Every failure is reported in words that say what is wrong and where, never file content.
 */
import { LATEST_KEY, PUBLICATION_LOG_KEY } from "../names";
import { sha256Hex } from "../publish/doc";
import { MANIFEST_FILE, Manifest, SET_ID } from "../publish/manifest";
import { setKey, verifySet } from "../publish/build";
import { entryMessage, lineHash, parseLog, type LogLine, type PublishEntry, type ReviseEntry } from "./log";
import { KEY_ID, ManifestSig, SIG_FILE, keyIdOf, keyPath, manifestMessage, verifyEs256 } from "./signature";

/** Reads a file by its key in the public bucket (`sets/<setId>/…`, `keys/…`, `log.jsonl`). */
export type ReadFile = (path: string) => Promise<Uint8Array | undefined>;

export interface VerifyOptions {
  /** The set to verify; default the one `latest.json` names. */
  setId?: string;
  /** Key ids the reader trusts (e.g. from the deployment's README); empty: any key the log introduced. */
  trust?: readonly string[];
}

export interface Check {
  ok: boolean;
  /** One line: what was checked (when ok) or the first problem. */
  summary: string;
  problems: string[];
}

export interface Verdict {
  ok: boolean;
  setId?: string;
  keyId?: string;
  checks: { files: Check; signature: Check; log: Check };
  /** Every problem, in check order. */
  failures: string[];
}

const MAX_PROBLEMS = 20;
const dec = new TextDecoder();

function check(problems: string[], okSummary: string): Check {
  const shown =
    problems.length > MAX_PROBLEMS
      ? [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more problems`]
      : problems;
  return { ok: problems.length === 0, summary: shown[0] ?? okSummary, problems: shown };
}

function skipped(why: string): Check {
  return { ok: false, summary: why, problems: [why] };
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(dec.decode(bytes));
  } catch {
    return undefined;
  }
}

/** Public keys by id, each checked to hash to its id. */
function keyCache(read: ReadFile) {
  const cache = new Map<string, Promise<{ pem?: string; problem?: string }>>();
  return (keyId: string) => {
    let p = cache.get(keyId);
    if (!p) {
      p = (async () => {
        const bytes = await read(keyPath(keyId));
        if (!bytes) return { problem: `${keyPath(keyId)}: not found` };
        const pem = dec.decode(bytes);
        const actual = keyIdOf(pem);
        if (!actual) return { problem: `${keyPath(keyId)}: not a PEM public key` };
        if (actual !== keyId)
          return { problem: `${keyPath(keyId)}: the key there hashes to ${actual}, not to its key id` };
        return { pem };
      })();
      cache.set(keyId, p);
    }
    return p;
  };
}

export async function verifyPublishedSet(read: ReadFile, opts: VerifyOptions = {}): Promise<Verdict> {
  const failed = (setId: string | undefined, why: string): Verdict => {
    const c = skipped(why);
    return {
      ok: false,
      ...(setId ? { setId } : {}),
      checks: { files: c, signature: c, log: c },
      failures: [why],
    };
  };

  let setId = opts.setId;
  const latestBytes = await read(LATEST_KEY);
  const latest = latestBytes ? (parseJson(latestBytes) as { setId?: unknown } | undefined) : undefined;
  if (!setId) {
    if (!latestBytes) return failed(undefined, `${LATEST_KEY}: not found, and no set id was given`);
    if (typeof latest?.setId !== "string") return failed(undefined, `${LATEST_KEY}: does not name a set`);
    setId = latest.setId;
  }
  if (!SET_ID.test(setId)) return failed(undefined, `not a set id: ${JSON.stringify(setId.slice(0, 40))}`);

  const manifestBytes = await read(setKey(setId, MANIFEST_FILE));
  if (!manifestBytes) return failed(setId, `${setKey(setId, MANIFEST_FILE)}: not found`);
  const manifestSha = sha256Hex(manifestBytes);

  // 1. Files.
  let files: Check;
  const parsed = Manifest.safeParse(parseJson(manifestBytes));
  if (!parsed.success) files = skipped(`${MANIFEST_FILE}: not a valid set manifest`);
  else if (parsed.data.setId !== setId)
    files = skipped(`${MANIFEST_FILE}: names set ${parsed.data.setId}, but sits in sets/${setId}/`);
  else {
    const m = parsed.data;
    const bodies = new Map<string, Uint8Array | undefined>();
    for (const f of m.files) bodies.set(f.path, await read(setKey(setId, f.path)));
    const problems = verifySet(m, (p) => bodies.get(p)).map((p) =>
      p
        .replace(/: missing$/, ": missing (listed in the manifest, not found)")
        .replace(/: sha256 mismatch$/, ": sha256 does not match the manifest (the file was changed)"),
    );
    files = check(problems, `${m.files.length} files match ${MANIFEST_FILE} (size and sha256)`);
  }

  // 2. Signature.
  const keyOf = keyCache(read);
  let signature: Check;
  let keyId: string | undefined;
  const sigBytes = await read(setKey(setId, SIG_FILE));
  const sig = sigBytes ? ManifestSig.safeParse(parseJson(sigBytes)) : undefined;
  if (!sigBytes) signature = skipped(`${SIG_FILE}: not found (the set is not signed)`);
  else if (!sig?.success)
    signature = skipped(`${SIG_FILE}: not a signature file ({alg: "ES256", keyId, sig})`);
  else {
    keyId = sig.data.keyId;
    const key = await keyOf(keyId);
    const problems: string[] = [];
    if (!key.pem) problems.push(key.problem!);
    else if (!verifyEs256(key.pem, manifestMessage(manifestBytes), sig.data.sig))
      problems.push(
        `${SIG_FILE}: the signature does not verify with ${keyPath(keyId)} (the manifest was changed after signing, or the signature is forged or by another key)`,
      );
    if (opts.trust?.length && !opts.trust.includes(keyId))
      problems.push(`${SIG_FILE}: signed by key ${keyId}, which is not among the trusted keys`);
    signature = check(problems, `ES256 signature by key ${keyId} verifies (${keyPath(keyId)})`);
  }

  // 3. Log.
  let log: Check;
  const logBytes = await read(PUBLICATION_LOG_KEY);
  if (!logBytes) log = skipped(`${PUBLICATION_LOG_KEY}: not found`);
  else {
    const lines = parseLog(logBytes);
    const { problems, introduced } = await checkChain(lines, keyOf);
    const forSet = lines.filter(
      (l): l is LogLine & { entry: PublishEntry | ReviseEntry } =>
        !!l.entry && l.entry.type !== "key" && l.entry.setId === setId,
    );
    const newest = forSet.at(-1);
    if (!newest)
      problems.push(`set ${setId} is not in ${PUBLICATION_LOG_KEY} (the log was truncated or rewritten)`);
    else {
      if (newest.entry.manifest !== manifestSha)
        problems.push(
          `${MANIFEST_FILE} (sha256 ${manifestSha.slice(0, 12)}…) is not the version ${PUBLICATION_LOG_KEY} line ${newest.line} records for this set`,
        );
      const pub = forSet.find((l) => l.entry.type === "publish")?.entry as PublishEntry | undefined;
      if (!pub) problems.push(`${PUBLICATION_LOG_KEY} never records the publication of set ${setId}`);
      else if (parsed.success && pub.previous !== parsed.data.previous)
        problems.push(`${MANIFEST_FILE}: previous set differs from the one ${PUBLICATION_LOG_KEY} records`);
      if (opts.trust?.length && !opts.trust.includes(newest.entry.keyId))
        problems.push(
          `${PUBLICATION_LOG_KEY} line ${newest.line}: signed by key ${newest.entry.keyId}, which is not among the trusted keys`,
        );
    }
    if (keyId && KEY_ID.test(keyId) && !introduced.has(keyId))
      problems.push(`${SIG_FILE}: key ${keyId} was never introduced in ${PUBLICATION_LOG_KEY}`);
    const latestId = typeof latest?.setId === "string" ? latest.setId : undefined;
    if (latestId && !lines.some((l) => l.entry && l.entry.type !== "key" && l.entry.setId === latestId))
      problems.push(
        `${LATEST_KEY} names set ${latestId}, which is not in ${PUBLICATION_LOG_KEY} (the log was truncated or rewritten)`,
      );
    log = check(
      problems,
      `${lines.length} entries, chain intact; set recorded at line ${newest?.line ?? "?"}`,
    );
  }

  const checks = { files, signature, log };
  const failures = [...files.problems, ...signature.problems, ...log.problems];
  return { ok: failures.length === 0, setId, ...(keyId ? { keyId } : {}), checks, failures };
}

/** Chain, order and signatures of every line; the keys that `key` entries introduced. */
async function checkChain(
  lines: readonly LogLine[],
  keyOf: (keyId: string) => Promise<{ pem?: string; problem?: string }>,
): Promise<{ problems: string[]; introduced: Set<string> }> {
  const problems: string[] = [];
  const introduced = new Set<string>();
  if (lines.length === 0) problems.push(`${PUBLICATION_LOG_KEY}: empty`);
  let current: string | null = null;
  for (const [i, l] of lines.entries()) {
    const at = `${PUBLICATION_LOG_KEY} line ${l.line}`;
    if (!l.entry) {
      problems.push(`${at}: ${l.error}`);
      continue;
    }
    const e = l.entry;
    const expectedPrev = i === 0 ? null : lineHash(lines[i - 1]!.text);
    if (e.prev !== expectedPrev)
      problems.push(
        i === 0
          ? `${at}: the first entry names a previous entry (entries before it were removed)`
          : `${at}: prev is not the sha256 of line ${l.line - 1} (an entry was changed, removed or reordered)`,
      );
    if (e.seq !== i)
      problems.push(`${at}: seq is ${e.seq}, expected ${i} (an entry was removed or reordered)`);
    if (e.type === "key") {
      if (e.previousKeyId !== current)
        problems.push(
          `${at}: key entry names previous key ${e.previousKeyId}, but the key in use was ${current}`,
        );
      introduced.add(e.keyId);
      current = e.keyId;
    } else if (!introduced.has(e.keyId)) {
      problems.push(`${at}: signed by key ${e.keyId}, which no earlier key entry introduced`);
    }
    const key = await keyOf(e.keyId);
    if (!key.pem) problems.push(`${at}: ${key.problem}`);
    else if (!verifyEs256(key.pem, entryMessage(e), e.sig))
      problems.push(`${at}: the signature does not verify (the entry was changed or forged)`);
  }
  return { problems, introduced };
}
