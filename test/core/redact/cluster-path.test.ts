/**
 * User names in the folders of shared machines (red-team pass, session six): `/scratch/<user>/`,
 * `/data/users/<user>/`, `/nfs/homes/<user>/`, `/work/<user>/`, `~<user>/` were published, and
 * vLLM's model id (the checkpoint path) with them. The redaction replaces the folder name; the
 * review, on its own, sends a path that still holds one to a person.
 */
import { describe, expect, it } from "vitest";
import { detect, redactTranscript } from "../../../lambdas/core/redact/index";
import { review } from "../../../lambdas/core/review/index";
import { hasUserFolder } from "../../../lambdas/core/review/paths";
import { body, text } from "../review/helpers";
import { SCHEMA_ID, type Transcript } from "../../../lambdas/core/transcript/schema";

const user = ["j", "roe"].join("");
const found = (t: string) => detect(t).map((s) => `${s.category}:${t.slice(s.start, s.end)}`);

const PATHS = [
  `ls /scratch/${user}/runs`,
  `cd /data/users/${user}/ckpts/rl-v3`,
  `/nfs/homes/${user}/x`,
  `/nfs/home/${user}/x`,
  `/work/${user}/exp1`,
  `cp ~${user}/notes.txt .`,
  `cd ~${user}`,
  `cd ~${user} && ls`,
  `ls -la ~${user}`,
  `/home2/${user}/x`,
  `/gpfs/lab/users/${user}/data`,
  `/u/${user}/thesis`,
];
const KEEP = [
  "it takes ~half the time",
  "cd ~/src",
  "/scratch/tmp/x",
  "/work/main/lambdas",
  "/work/src/app.py",
  "about ~5 minutes",
  "/home/ubuntu/app",
  "a/users/b",
];

describe("user names in cluster paths", () => {
  it.each(PATHS)("redacts the folder name: %s", (t) => {
    expect(found(t)).toEqual([`USER:${user}`]);
  });

  it("a sentence's full stop after the name stays outside the placeholder", () => {
    const t = `Path: /scratch/${user}.`;
    expect(found(t)).toEqual([`USER:${user}`]);
  });

  it("leaves shared folders and prose", () => {
    for (const t of KEEP) expect(found(t), t).toEqual([]);
  });

  it("a vLLM model id (the checkpoint path) is redacted", () => {
    const t = {
      schema: SCHEMA_ID,
      id: "t1",
      model: { id: `/data/users/${user}/ckpts/rl-v3` },
      messages: [{ role: "user", parts: [{ type: "text", text: "hi" }] }],
    } as Transcript;
    const r = redactTranscript(t, { hmacKey: "k" });
    expect(r.transcript.model.id).toBe("/data/users/⟦USER_1⟧/ckpts/rl-v3");
  });
});

describe("review: user names in paths, on its own", () => {
  it.each([...PATHS, `/home/${user}/x`, `C:\\Users\\${user}\\x`])("flags %s", (t) => {
    expect(hasUserFolder(t)).toBe(true);
    const r = review({ body: body([text(t)]) });
    expect(r.reasons.map((x) => x.code)).toContain("residual_user_path");
    expect(r.verdict).toBe("NEEDS_HUMAN");
  });

  it("leaves placeholders, shared folders and prose", () => {
    for (const t of [...KEEP, "/home/⟦USER_1⟧/x", "/scratch/⟦USER_2⟧/runs", "~⟦USER_1⟧/notes"])
      expect(hasUserFolder(t), t).toBe(false);
  });
});

describe("user names in percent-encoded paths (a path in a URL's query)", () => {
  const encoded = [
    `See https://wiki.example.com/view?path=%2Fhome%2F${user}%2Fckpt`,
    `x=%2Fscratch%2F${user}%2Fruns`,
  ];
  it.each(encoded)("the redaction replaces the name: %s", (t) => {
    expect(found(t)).toEqual([`USER:${user}`]);
  });
  it.each(encoded)("the review on its own flags it: %s", (t) => {
    const r = review({ body: body([text(t)]) });
    expect(r.reasons.map((x) => x.code)).toContain("residual_user_path");
  });
});
