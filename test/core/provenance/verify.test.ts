/**
 * Provenance end to end over the publishing service (memory blobs): sets published with a signer
 * verify; each kind of tampering fails with a message that names it; rotation keeps old sets
 * verifiable; takedowns stay visible in the log as categories, never as reason text.
 */
import { describe, expect, it } from "vitest";
import { LATEST_KEY, PUBLICATION_LOG_KEY } from "../../../lambdas/core/names";
import {
  LogEntry,
  SIG_FILE,
  appendToLog,
  entryMessage,
  keyPath,
  manifestMessage,
  parseLog,
  reasonCategory,
  verifyPublishedSet,
} from "../../../lambdas/core/provenance";
import { canonicalJson } from "../../../lambdas/core/publish/doc";
import { ephemeralSigner } from "../../../lambdas/adapters/signer-local";
import { ProvenanceError, recordProvenance } from "../../../lambdas/service/provenance";
import { publishSet, withdraw } from "../../../lambdas/service/publish";
import { addTranscript, buckets, world } from "../../service/fixtures";
import {
  get,
  getText,
  latestSetId,
  logLines,
  putText,
  reader,
  setLogLines,
  signWith,
  signedWorld,
  useSigner,
  type World,
} from "./helpers";

/** Two published versions: set1 (t01, t02), then set2 (t01, t02, t03). */
async function twoSets(): Promise<{ w: World; set1: string; set2: string }> {
  const w = await signedWorld();
  await addTranscript(w, "t01");
  await addTranscript(w, "t02");
  const set1 = (await publishSet(w.deps)).setId!;
  await addTranscript(w, "t03");
  const set2 = (await publishSet(w.deps)).setId!;
  expect(set2).not.toBe(set1);
  return { w, set1, set2 };
}

describe("a signed, logged publication", () => {
  it("verifies: files, signature and log chain", async () => {
    const { w, set1, set2 } = await twoSets();
    const v = await verifyPublishedSet(reader(w));
    expect(v.failures).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.setId).toBe(set2);
    expect(v.keyId).toBe(w.keyId);
    expect(v.checks.files.summary).toMatch(/^\d+ files match manifest\.json/);
    expect(v.checks.signature.summary).toContain(`key ${w.keyId}`);
    expect(v.checks.log.summary).toBe("3 entries, chain intact; set recorded at line 3");
    expect((await verifyPublishedSet(reader(w), { setId: set1 })).ok).toBe(true);
    expect((await verifyPublishedSet(reader(w), { setId: set1, trust: [w.keyId] })).ok).toBe(true);

    // The files a reader needs sit where the docs say.
    expect(getText(w, keyPath(w.keyId))).toBe(await w.signer.publicKeyPem());
    expect(JSON.parse(getText(w, `sets/${set2}/${SIG_FILE}`))).toEqual({
      alg: "ES256",
      keyId: w.keyId,
      sig: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/),
    });
    const entries = parseLog(get(w, PUBLICATION_LOG_KEY)).map((l) => l.entry!);
    expect(entries.map((e) => e.type)).toEqual(["key", "publish", "publish"]);
    expect(entries[0]).toMatchObject({ seq: 0, prev: null, keyId: w.keyId, previousKeyId: null });
    expect(entries[2]).toMatchObject({ seq: 2, setId: set2, previous: set1, withdrawn: [] });
    // Every line is canonical JSON, so `prev` is well defined.
    for (const l of logLines(w)) expect(canonicalJson(JSON.parse(l))).toBe(l);
  });

  it("does not log a set twice when its provenance is recorded again (retried publish)", async () => {
    const { w, set2 } = await twoSets();
    const before = getText(w, PUBLICATION_LOG_KEY);
    const added = await recordProvenance(
      { blobs: w.blobs, buckets, signer: w.signer },
      {
        type: "publish",
        setId: set2,
        manifestBytes: get(w, `sets/${set2}/manifest.json`),
        createdAt: "x",
        previous: null,
        withdrawn: [],
        at: "x",
      },
    );
    expect(added).toEqual([]);
    expect(getText(w, PUBLICATION_LOG_KEY)).toBe(before);
    expect((await verifyPublishedSet(reader(w))).ok).toBe(true);
  });
});

describe("tampering fails with the right message", () => {
  async function failures(w: World, setId?: string, trust?: string[]): Promise<string[]> {
    const v = await verifyPublishedSet(reader(w), {
      ...(setId ? { setId } : {}),
      ...(trust ? { trust } : {}),
    });
    expect(v.ok).toBe(false);
    return v.failures;
  }

  it("a changed transcript byte", async () => {
    const { w, set2 } = await twoSets();
    const key = `sets/${set2}/transcripts/t02.json`;
    const body = new Uint8Array(get(w, key));
    const i = new TextDecoder().decode(body).indexOf("concludes");
    body[i] = "C".charCodeAt(0);
    await w.blobs.put(buckets.public, key, body);
    expect(await failures(w)).toEqual([
      "transcripts/t02.json: sha256 does not match the manifest (the file was changed)",
    ]);
  });

  it("a changed manifest", async () => {
    const { w, set2 } = await twoSets();
    const key = `sets/${set2}/manifest.json`;
    await putText(w, key, getText(w, key).replace('"license": "CC-BY-4.0"', '"license": "CC0-1.0"'));
    const f = await failures(w);
    expect(f).toContainEqual(expect.stringMatching(/^manifest\.sig: the signature does not verify/));
    expect(f).toContainEqual(
      expect.stringMatching(/^manifest\.json \(sha256 .*\) is not the version log\.jsonl line 3 records/),
    );
  });

  it("a removed file", async () => {
    const { w, set2 } = await twoSets();
    await w.blobs.delete(buckets.public, `sets/${set2}/data.parquet`);
    expect(await failures(w)).toEqual(["data.parquet: missing (listed in the manifest, not found)"]);
  });

  it("a removed or unparseable signature file", async () => {
    const { w, set2 } = await twoSets();
    await putText(w, `sets/${set2}/${SIG_FILE}`, "{}");
    expect((await failures(w))[0]).toMatch(/^manifest\.sig: not a signature file/);
    await w.blobs.delete(buckets.public, `sets/${set2}/${SIG_FILE}`);
    expect((await failures(w))[0]).toBe("manifest.sig: not found (the set is not signed)");
  });

  it("a forged signature", async () => {
    const { w, set2 } = await twoSets();
    const key = `sets/${set2}/${SIG_FILE}`;
    const sig = JSON.parse(getText(w, key)) as { sig: string };
    const raw = Buffer.from(sig.sig, "base64url");
    raw[40] = raw[40]! ^ 0x01;
    await putText(w, key, JSON.stringify({ ...sig, sig: raw.toString("base64url") }));
    expect(await failures(w)).toEqual([
      `manifest.sig: the signature does not verify with keys/${w.keyId}.pem (the manifest was changed after signing, or the signature is forged or by another key)`,
    ]);
  });

  it("a signature by another key", async () => {
    const { w, set2 } = await twoSets();
    const other = ephemeralSigner();
    const otherPem = await other.publicKeyPem();
    const { keyIdOf } = await import("../../../lambdas/core/provenance");
    const otherId = keyIdOf(otherPem)!;
    const message = manifestMessage(get(w, `sets/${set2}/manifest.json`));
    const key = `sets/${set2}/${SIG_FILE}`;

    // Signed by another key but claiming the deployment's key id.
    await putText(
      w,
      key,
      JSON.stringify({ alg: "ES256", keyId: w.keyId, sig: await signWith(other, message) }),
    );
    expect(await failures(w)).toEqual([
      expect.stringMatching(/^manifest\.sig: the signature does not verify/),
    ]);

    // Signed by another key, named honestly, its public key planted under keys/.
    await putText(
      w,
      key,
      JSON.stringify({ alg: "ES256", keyId: otherId, sig: await signWith(other, message) }),
    );
    await putText(w, keyPath(otherId), otherPem);
    expect(await failures(w)).toEqual([`manifest.sig: key ${otherId} was never introduced in log.jsonl`]);
    expect(await failures(w, undefined, [w.keyId])).toEqual([
      `manifest.sig: signed by key ${otherId}, which is not among the trusted keys`,
      `manifest.sig: key ${otherId} was never introduced in log.jsonl`,
    ]);

    // The deployment's key id, but another public key planted at its path.
    await putText(w, keyPath(w.keyId), otherPem);
    expect((await failures(w)).join("\n")).toContain(
      `keys/${w.keyId}.pem: the key there hashes to ${otherId}`,
    );
  });

  it("a rewritten log entry", async () => {
    const { w } = await twoSets();
    const lines = logLines(w);
    const e = JSON.parse(lines[1]!) as Record<string, unknown>;
    lines[1] = canonicalJson({ ...e, withdrawn: [{ id: "t09", category: "other" }] });
    await setLogLines(w, lines);
    expect(await failures(w)).toEqual([
      "log.jsonl line 2: the signature does not verify (the entry was changed or forged)",
      "log.jsonl line 3: prev is not the sha256 of line 2 (an entry was changed, removed or reordered)",
    ]);
  });

  it("a log rewritten by someone holding another key", async () => {
    // They re-sign and re-chain every entry with their own key: the chain holds, the keys do not.
    const { w } = await twoSets();
    const attacker = ephemeralSigner();
    const { keyIdOf } = await import("../../../lambdas/core/provenance");
    const attackerId = keyIdOf(await attacker.publicKeyPem())!;
    await putText(w, keyPath(attackerId), await attacker.publicKeyPem());
    let log: Uint8Array | undefined;
    for (const l of parseLog(get(w, PUBLICATION_LOG_KEY))) {
      const e = l.entry!;
      if (e.type === "key") continue;
      const { v: _v, seq: _s, prev: _p, keyId: _k, sig: _g, ...draft } = e;
      log = (await appendToLog(log, draft, attacker)).bytes;
    }
    await w.blobs.put(buckets.public, PUBLICATION_LOG_KEY, log!);
    expect(await failures(w)).toEqual([`manifest.sig: key ${w.keyId} was never introduced in log.jsonl`]);
    expect(await failures(w, undefined, [w.keyId])).toContain(
      `log.jsonl line 3: signed by key ${attackerId}, which is not among the trusted keys`,
    );
  });

  it("a truncated log", async () => {
    const { w, set1, set2 } = await twoSets();
    await setLogLines(w, logLines(w).slice(0, 2));
    expect(await failures(w)).toEqual([
      `set ${set2} is not in log.jsonl (the log was truncated or rewritten)`,
      `latest.json names set ${set2}, which is not in log.jsonl (the log was truncated or rewritten)`,
    ]);
    expect(await failures(w, set1)).toEqual([
      `latest.json names set ${set2}, which is not in log.jsonl (the log was truncated or rewritten)`,
    ]);
    await setLogLines(w, []);
    expect((await failures(w, set1))[0]).toBe("log.jsonl: empty");
    await w.blobs.delete(buckets.public, PUBLICATION_LOG_KEY);
    expect(await failures(w, set1)).toEqual(["log.jsonl: not found"]);
  });

  it("a removed log entry", async () => {
    const { w, set1 } = await twoSets();
    const lines = logLines(w);
    await setLogLines(w, [lines[0]!, lines[2]!]);
    expect(await failures(w)).toEqual([
      "log.jsonl line 2: prev is not the sha256 of line 1 (an entry was changed, removed or reordered)",
      "log.jsonl line 2: seq is 2, expected 1 (an entry was removed or reordered)",
    ]);
    expect(await failures(w, set1)).toContain(
      `set ${set1} is not in log.jsonl (the log was truncated or rewritten)`,
    );
    // The first entry removed: the log no longer starts at its beginning, and nothing introduces the key.
    await setLogLines(w, lines.slice(1));
    const f = await failures(w);
    expect(f[0]).toBe(
      "log.jsonl line 1: the first entry names a previous entry (entries before it were removed)",
    );
    expect(f).toContain(`log.jsonl line 1: signed by key ${w.keyId}, which no earlier key entry introduced`);
  });

  it("reordered log entries", async () => {
    const { w } = await twoSets();
    const [a, b, c] = logLines(w);
    await setLogLines(w, [a!, c!, b!]);
    const f = await failures(w);
    expect(f).toContain(
      "log.jsonl line 2: prev is not the sha256 of line 1 (an entry was changed, removed or reordered)",
    );
    expect(f).toContain("log.jsonl line 3: seq is 1, expected 2 (an entry was removed or reordered)");
  });

  it("a log line that is not an entry, and a set that was never signed", async () => {
    const { w } = await twoSets();
    await setLogLines(w, [...logLines(w), "{oops"]);
    expect(await failures(w)).toEqual(["log.jsonl line 4: not JSON"]);

    const u = world();
    await addTranscript(u, "t01");
    await publishSet(u.deps);
    expect((await verifyPublishedSet(reader(u))).failures).toEqual([
      "manifest.sig: not found (the set is not signed)",
      "log.jsonl: not found",
    ]);
  });

  it("a set id that is not a set, and no set at all", async () => {
    const { w } = await twoSets();
    expect(await failures(w, "0123456789abcdef0123")).toEqual([
      "sets/0123456789abcdef0123/manifest.json: not found",
    ]);
    expect(await failures(w, "../x")).toEqual(['not a set id: "../x"']);
    expect((await verifyPublishedSet(reader(world()))).failures).toEqual([
      "latest.json: not found, and no set id was given",
    ]);
  });
});

describe("key rotation", () => {
  it("keeps old sets verifiable and records the rotation in the log", async () => {
    const w = await signedWorld();
    const oldKey = w.keyId;
    await addTranscript(w, "t01");
    const set1 = (await publishSet(w.deps)).setId!;
    await useSigner(w, ephemeralSigner());
    await addTranscript(w, "t02");
    const set2 = (await publishSet(w.deps)).setId!;

    const entries = parseLog(get(w, PUBLICATION_LOG_KEY)).map((l) => l.entry!);
    expect(entries.map((e) => `${e.type}:${e.keyId === oldKey ? "old" : "new"}`)).toEqual([
      "key:old",
      "publish:old",
      "key:new",
      "publish:new",
    ]);
    expect(entries[2]).toMatchObject({ type: "key", previousKeyId: oldKey });

    const v1 = await verifyPublishedSet(reader(w), { setId: set1 });
    const v2 = await verifyPublishedSet(reader(w), { setId: set2 });
    expect([v1.ok, v1.keyId, v2.ok, v2.keyId]).toEqual([true, oldKey, true, w.keyId]);
    expect((await verifyPublishedSet(reader(w), { setId: set1, trust: [oldKey, w.keyId] })).ok).toBe(true);
    expect((await verifyPublishedSet(reader(w), { setId: set1, trust: [w.keyId] })).failures).toContain(
      `manifest.sig: signed by key ${oldKey}, which is not among the trusted keys`,
    );
    // Both public keys stay published.
    expect(getText(w, keyPath(oldKey))).toContain("BEGIN PUBLIC KEY");
    expect(getText(w, keyPath(w.keyId))).toContain("BEGIN PUBLIC KEY");

    // A takedown after the rotation re-signs the old set with the new key: it still verifies.
    await withdraw(w.deps, "t01", "lab_request: the lab asked", "reviewer:a");
    const again = await verifyPublishedSet(reader(w), { setId: set1 });
    expect(again.failures).toEqual([]);
    expect(again.keyId).toBe(w.keyId);
  });
});

describe("takedowns in the log", () => {
  it("records new versions and revisions with the withdrawal's category, never its text", async () => {
    const { w, set1, set2 } = await twoSets();
    const r = await withdraw(w.deps, "t02", "leak: a customer's phone number survived", "reviewer:a");
    expect([...r.revised].sort()).toEqual([set1, set2].sort());
    const entries = parseLog(get(w, PUBLICATION_LOG_KEY)).map((l) => l.entry!);
    const leak = [{ id: "t02", category: "leak" }];
    expect(entries[3]).toMatchObject({ type: "publish", setId: r.setId, previous: set2, withdrawn: leak });
    expect(
      entries
        .slice(4)
        .map((e) => (e.type === "key" ? "" : `${e.type}:${e.setId}`))
        .sort(),
    ).toEqual([`revise:${set1}`, `revise:${set2}`].sort());
    for (const e of entries.slice(4)) expect(e).toMatchObject({ withdrawn: leak });
    expect(getText(w, PUBLICATION_LOG_KEY)).not.toContain("phone");
    for (const setId of [set1, set2, r.setId!]) {
      const v = await verifyPublishedSet(reader(w), { setId });
      expect([setId, v.failures]).toEqual([setId, []]);
    }
    expect(latestSetId(w)).toBe(r.setId);
  });

  it("reason categories: an explicit prefix or `other`", () => {
    expect(reasonCategory("legal: court order")).toBe("legal");
    expect(reasonCategory("  Consent : withdrawn")).toBe("consent");
    expect(reasonCategory("secret: key")).toBe("other");
    expect(reasonCategory("the lab asked")).toBe("other");
    expect(reasonCategory(undefined)).toBe("other");
  });

  it("refuses to extend a damaged log", async () => {
    const { w } = await twoSets();
    await setLogLines(w, [...logLines(w), "garbage"]);
    await addTranscript(w, "t04");
    await expect(publishSet(w.deps)).rejects.toThrow(/log.jsonl line 4: not JSON; refusing to append/);
  });

  it("refuses to start a new log over published sets when log.jsonl reads as missing or empty (log_missing)", async () => {
    for (const damage of ["deleted", "emptied"] as const) {
      const { w, set2 } = await twoSets();
      if (damage === "deleted") await w.blobs.delete(buckets.public, PUBLICATION_LOG_KEY);
      else await putText(w, PUBLICATION_LOG_KEY, "");
      const latestBefore = getText(w, LATEST_KEY);
      await addTranscript(w, "t04");
      const publishing = publishSet(w.deps);
      await expect(publishing, damage).rejects.toBeInstanceOf(ProvenanceError);
      await expect(publishing, damage).rejects.toMatchObject({ code: "log_missing" });
      // Nothing was rewritten: no new log, and readers still get the set they had.
      expect(w.blobs.objects.has(`${buckets.public}\u0000${PUBLICATION_LOG_KEY}`), damage).toBe(
        damage === "emptied",
      );
      if (damage === "emptied") expect(getText(w, PUBLICATION_LOG_KEY)).toBe("");
      expect(getText(w, LATEST_KEY)).toBe(latestBefore);
      expect(latestSetId(w)).toBe(set2);
      // A takedown's revisions refuse the same way.
      await expect(withdraw(w.deps, "t01", "lab request", "reviewer:a")).rejects.toMatchObject({
        code: "log_missing",
      });
    }
    // The very first publication still starts the log.
    const w = await signedWorld();
    await addTranscript(w, "t01");
    expect((await publishSet(w.deps)).published).toBe(true);
    expect(parseLog(get(w, PUBLICATION_LOG_KEY)).map((l) => l.entry?.type)).toEqual(["key", "publish"]);
  });

  it("a run whose log.jsonl changed after it read it stops (log_conflict) and leaves the other run's entries", async () => {
    const { w, set2 } = await twoSets();
    await addTranscript(w, "t04");
    // A takedown that runs to the end while the publication is between reading log.jsonl and
    // writing it back: the publication's compare-and-swap must fail, not drop the takedown's entry.
    const blobs = w.blobs;
    let interleaved = false;
    const racing = Object.create(blobs) as typeof blobs;
    racing.putIfUnchanged = async (...args: Parameters<typeof blobs.putIfUnchanged>) => {
      if (args[1] === PUBLICATION_LOG_KEY && !interleaved) {
        interleaved = true;
        await withdraw(w.deps, "t01", "lab request", "reviewer:a");
      }
      return blobs.putIfUnchanged(...args);
    };
    const publishing = publishSet({ ...w.deps, blobs: racing });
    await expect(publishing).rejects.toBeInstanceOf(ProvenanceError);
    await expect(publishing).rejects.toMatchObject({ code: "log_conflict" });
    expect(interleaved).toBe(true);
    // The log holds the takedown's entries (a new version without t01, the revisions of set1 and
    // set2 — and of the publication's own set, recorded before its log entry, which held t01 too)
    // and no publication of t04; latest.json is the takedown's version, which verifies.
    const entries = parseLog(get(w, PUBLICATION_LOG_KEY)).map((l) => l.entry!);
    const types = entries.map((e) => e.type);
    expect(types.filter((t) => t === "publish")).toHaveLength(3);
    const revised = entries.filter((e) => e.type === "revise").map((e) => (e as { setId: string }).setId);
    const published = entries.filter((e) => e.type === "publish").map((e) => (e as { setId: string }).setId);
    expect(revised).toEqual(expect.arrayContaining(published.slice(0, 2)));
    expect(revised.length).toBeLessThanOrEqual(3);
    const latest = latestSetId(w);
    expect(latest).not.toBe(set2);
    const v = await verifyPublishedSet(reader(w));
    expect(v.failures).toEqual([]);
    expect(v.setId).toBe(latest);
    // Run again, alone, the publication goes through.
    const again = await publishSet(w.deps);
    expect(again.published).toBe(true);
    expect((await verifyPublishedSet(reader(w))).ok).toBe(true);
  });

  it("entry signatures cover every member but `sig`", async () => {
    const { w } = await twoSets();
    const e = LogEntry.parse(JSON.parse(logLines(w)[1]!));
    const text = new TextDecoder().decode(entryMessage(e));
    expect(text.startsWith("cotshare/log-entry@1\n{")).toBe(true);
    expect(text).not.toContain('"sig"');
  });
});
