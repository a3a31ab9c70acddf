// Provenance in the browser: the "verified" badge of a set page, computed with WebCrypto from
// the published files alone — the same checks as `cotshare verify` (docs/provenance.md):
//   files     every file in manifest.json has its size and SHA-256;
//   signature manifest.sig = {alg: "ES256", keyId, sig}: ECDSA P-256 / SHA-256, raw r||s
//             (IEEE P1363, what WebCrypto takes as is), base64url, over
//             "cotshare/manifest@1\n" + the exact bytes of manifest.json, by keys/<keyId>.pem,
//             whose SPKI's SHA-256 starts with keyId;
//   log       log.jsonl is one chain (seq, prev = SHA-256 of the line before, every entry signed by
//             a key an earlier "key" entry introduced) and its newest entry for the set records
//             this manifest's SHA-256.
// The verification functions touch no DOM, so they run in Node too (tests).
import { h } from "./dom.js";

const MANIFEST_DOMAIN = "cotshare/manifest@1\n";
const LOG_DOMAIN = "cotshare/log-entry@1\n";
const SET_ID = /^[0-9a-f]{20}$/;
const KEY_ID = /^[0-9a-f]{32}$/;
const SIG = /^[A-Za-z0-9_-]{86}$/;
const enc = new TextEncoder();

/** GET a file of the public site as bytes; undefined when absent. */
async function fetchFile(path) {
  let res;
  try {
    res = await fetch(`/${path.split("/").map(encodeURIComponent).join("/")}`, { cache: "no-cache" });
  } catch {
    throw new Error(`${path} could not be fetched`);
  }
  if (res.status === 404 || res.status === 403) return undefined;
  if (!res.ok) throw new Error(`${path}: the server answered ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

function hex(buf) {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function sha256(bytes) {
  return hex(await crypto.subtle.digest("SHA-256", bytes));
}

function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function fromBase64(text) {
  const bin = window.atob(text);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  return fromBase64(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
}

function parseJson(bytes) {
  try {
    return JSON.parse(new window.TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

/** Canonical JSON as the log signs it: keys sorted, no whitespace, undefined members dropped. */
function canonical(v) {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return "[" + v.map((x) => (x === undefined ? "null" : canonical(x))).join(",") + "]";
  const keys = Object.keys(v)
    .filter((k) => v[k] !== undefined)
    .sort();
  return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonical(v[k])).join(",") + "}";
}

/** Public keys by id, each checked to hash to its id; a string when it cannot be used. */
function keyLoader(read) {
  const cache = new Map();
  return (keyId) => {
    if (!cache.has(keyId))
      cache.set(
        keyId,
        (async () => {
          const path = `keys/${keyId}.pem`;
          const bytes = await read(path);
          if (!bytes) return `${path} was not found`;
          const m = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/.exec(
            new window.TextDecoder().decode(bytes),
          );
          if (!m) return `${path} is not a PEM public key`;
          let der;
          try {
            der = fromBase64(m[1].replace(/\s+/g, ""));
          } catch {
            return `${path} is not a PEM public key`;
          }
          if ((await sha256(der)).slice(0, 32) !== keyId) return `${path} does not hash to its key id`;
          try {
            return await crypto.subtle.importKey("spki", der, { name: "ECDSA", namedCurve: "P-256" }, false, [
              "verify",
            ]);
          } catch {
            return `${path} is not an ECDSA P-256 key`;
          }
        })(),
      );
    return cache.get(keyId);
  };
}

async function es256(key, sig, message) {
  if (typeof sig !== "string" || !SIG.test(sig)) return false;
  try {
    return await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, fromBase64Url(sig), message);
  } catch {
    return false;
  }
}

/**
 * Verifies set `setId` from files read through `read(path) → Uint8Array | undefined` (default:
 * this site). Resolves to {ok: true, keyId} or {ok: false, reason} with the first problem found.
 */
export async function verifySetProvenance(setId, read = fetchFile) {
  const fail = (reason) => ({ ok: false, reason });
  if (!SET_ID.test(String(setId))) return fail("not a set id");
  const dir = `sets/${setId}/`;
  const manifestBytes = await read(`${dir}manifest.json`);
  if (!manifestBytes) return fail("manifest.json was not found");
  const manifest = parseJson(manifestBytes);
  if (!manifest || manifest.setId !== setId || !Array.isArray(manifest.files))
    return fail("manifest.json is not this set's manifest");

  // Signature (first: it says whether the manifest itself can be trusted).
  const sigFile = await read(`${dir}manifest.sig`);
  if (!sigFile) return fail("the set is not signed (no manifest.sig)");
  const sig = parseJson(sigFile);
  if (!sig || sig.alg !== "ES256" || !KEY_ID.test(String(sig.keyId)) || typeof sig.sig !== "string")
    return fail("manifest.sig is not an ES256 signature file");
  const keyOf = keyLoader(read);
  const key = await keyOf(sig.keyId);
  if (typeof key === "string") return fail(key);
  if (!(await es256(key, sig.sig, concat(enc.encode(MANIFEST_DOMAIN), manifestBytes))))
    return fail("the signature does not match the manifest");

  // Files.
  for (const f of manifest.files) {
    const path = String(f?.path ?? "");
    if (!path || path.startsWith("/") || path.split("/").some((s) => s === ".." || s === "."))
      return fail(`manifest.json lists an unsafe path`);
    const body = await read(dir + path);
    if (!body) return fail(`${path} is missing`);
    if (body.byteLength !== f.bytes || (await sha256(body)) !== f.sha256)
      return fail(`${path} does not match its SHA-256 in the manifest`);
  }

  // Log.
  const logBytes = await read("log.jsonl");
  if (!logBytes) return fail("log.jsonl was not found");
  const lines = new window.TextDecoder().decode(logBytes).split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (!lines.length) return fail("log.jsonl is empty");
  const introduced = new Set();
  let current = null;
  let prevHash = null;
  let newest;
  for (const [i, text] of lines.entries()) {
    const at = `log.jsonl line ${i + 1}`;
    let e;
    try {
      e = JSON.parse(text);
    } catch {
      return fail(`${at} is not JSON`);
    }
    if (!e || typeof e !== "object" || e.v !== 1) return fail(`${at} is not a log entry`);
    if (!KEY_ID.test(String(e.keyId))) return fail(`${at} is not a log entry`);
    if (e.seq !== i || e.prev !== prevHash)
      return fail(`${at} breaks the chain (an entry was changed, removed or reordered)`);
    if (e.type === "key") {
      if (e.previousKeyId !== current) return fail(`${at} names the wrong previous key`);
      introduced.add(e.keyId);
      current = e.keyId;
    } else if (!introduced.has(e.keyId)) return fail(`${at} is signed by a key the log never introduced`);
    const entryKey = await keyOf(e.keyId);
    if (typeof entryKey === "string") return fail(`${at}: ${entryKey}`);
    const { sig: entrySig, ...rest } = e;
    if (!(await es256(entryKey, entrySig, enc.encode(LOG_DOMAIN + canonical(rest)))))
      return fail(`${at} has a signature that does not verify`);
    if ((e.type === "publish" || e.type === "revise") && e.setId === setId) newest = e;
    prevHash = await sha256(enc.encode(text));
  }
  if (!newest) return fail("the set is not in the publication log");
  if (newest.manifest !== (await sha256(manifestBytes)))
    return fail("the manifest is not the version the publication log records");
  if (!introduced.has(sig.keyId)) return fail("the signing key was never introduced in the publication log");
  return { ok: true, keyId: sig.keyId, files: manifest.files.length, entries: lines.length };
}

/** The badge of a set page: "checking…", then "verified" or "not verified (reason)". */
export function provenanceBadge(setId, read) {
  const el = h(
    "p",
    { class: "provenance", role: "status", dataset: { state: "checking" } },
    "Provenance: checking the signature, files and publication log…",
  );
  verifySetProvenance(setId, read)
    .catch((err) => ({ ok: false, reason: String(err?.message ?? err) }))
    .then((r) => {
      el.dataset.state = r.ok ? "verified" : "failed";
      el.replaceChildren(
        h("strong", { class: r.ok ? "ok" : "error" }, r.ok ? "✔ verified" : "✘ not verified"),
        r.ok
          ? ` — signed by key ${r.keyId}; ${r.files} files match the manifest; recorded in the publication log (${r.entries} entries).`
          : ` (${r.reason}).`,
      );
    });
  return el;
}
