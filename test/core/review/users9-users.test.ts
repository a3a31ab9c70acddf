/**
 * The review's own check for account names outside paths (rt8 #5 and #7), `residual_user_name`
 * (NEEDS_HUMAN): what the redaction's `unix-user` detector should have replaced, read here with
 * other patterns. Names are built at run time.
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review/index";
import { PUBLIC_MESSAGE } from "../../../lambdas/core/review/public";
import { REASON_SEVERITY } from "../../../lambdas/core/review/reasons";
import { findUserNames } from "../../../lambdas/core/review/users";
import { body, CLEAN, text } from "./helpers";

const u = ["j", "roe"].join("");
const k = ["m", "kowalski"].join("");
const h = ["h", "xu"].join("");
const codes = (b: unknown) => review({ body: b }).reasons.map((r) => r.code);

describe("residual_user_name", () => {
  const LEAKS: [string, string][] = [
    ["prompt", `${u}@gpu-node-17:~/src/evals$ squeue`],
    ["bracket prompt", `[${u}@login01 evals]$ ls`],
    ["squeue -u", `squeue -u ${u}`],
    ["sudo -u", `sudo -u ${u} ls`],
    ["id", `uid=1001(${u}) gid=1001(${u})`],
    ["whoami", `$ whoami\n${u}\n$ ls`],
    ["env", `USER=${u}`],
    ["scp", `scp notes.md ${k}@10.1.2.3:/tmp/`],
    ["ssh", `ssh ${u}@gpu-node-17`],
    ["ls -l", `-rw-r--r-- 1 ${k} staff 1204 Nov 24 09:12 notes.md`],
    ["table", `JOBID PARTITION NAME USER ST TIME NODES\n88213 gpu sweep ${u} R 2:11:09 4`],
    ["ps", `USER PID %CPU COMMAND\n${u}+ 4242 99.0 python`],
    ["author", `Author: dkowalczyk <1+dkowalczyk@users.noreply.github.com>`],
    ["json", `{"assignee": "${k}"}`],
    ["cc", `cc: @${h} @priya.r`],
    ["users folder", `users/${k}/data.jsonl`],
    ["tag", `owner:${k}`],
    ["tag =", `owner=${h}`],
    ["ft suffix", `ft:gpt-4o-mini-2024-07-18:acme-research:${u}-probe:AbC12dEf`],
  ];
  for (const [name, t] of LEAKS)
    it(name, () => {
      expect(findUserNames(t).length).toBeGreaterThan(0);
      expect(codes(body([text(t, "tool")]))).toContain("residual_user_name");
    });

  it("in the published fields: tags, task and model ids", () => {
    const b = body([text(CLEAN)], {
      model: { id: `ft:gpt-4o-mini-2024-07-18:acme:${u}-probe:AbC12dEf` },
      task: { id: "x", dataset: `users/${k}/d.jsonl` },
      tags: [`owner:${h}`],
    });
    const rs = review({ body: b }).reasons.filter((r) => r.code === "residual_user_name");
    expect(rs.map((r) => r.path).sort()).toEqual(["model.id", "tags[0]", "task.dataset"]);
    expect(review({ body: b }).verdict).toBe("NEEDS_HUMAN");
  });

  it("is NEEDS_HUMAN, and its public sentence names no value", () => {
    expect(REASON_SEVERITY.residual_user_name).toBe("NEEDS_HUMAN");
    expect(PUBLIC_MESSAGE.residual_user_name).not.toMatch(new RegExp(u));
  });

  const KEEP = [
    CLEAN,
    "⟦USER_1⟧@gpu-node-17:~/src$ squeue -u ⟦USER_1⟧",
    "JOBID PARTITION NAME USER ST TIME NODES\n88213 gpu sweep ⟦USER_1⟧ R 2:11:09 4",
    "-rw-r--r-- 1 ⟦USER_2⟧ staff 1204 Nov 24 09:12 notes.md\n-rw-r--r-- 1 root root 1 Nov 24 09:12 x",
    "git clone git@github.com:org/repo.git",
    "ssh ubuntu@10.0.0.1 && ssh ec2-user@host && ssh root@host",
    "@decorator\ndef f(): pass",
    'import type { Node } from "@types/node";',
    "python -u train.py",
    '{"role": "user", "content": "hi"}',
    '{"assignee": "⟦USER_1⟧"}',
    "ft:gpt-4o-mini-2024-07-18:acme:⟦USER_1⟧:AbC12dEf",
    "ft:gpt-4o-mini-2024-07-18:acme::AbC12dEf",
    "owner:⟦USER_1⟧",
    "The owner: the platform team. Author: see below.",
    "sudo -u postgres psql",
    "meta-llama/Llama-3.1-8B-Instruct",
    "ftp://user:pass@example.com",
    "user:master,mode:ro",
  ];
  for (const t of KEEP)
    it(`keeps ${JSON.stringify(t.slice(0, 50))}`, () => {
      expect(findUserNames(t)).toEqual([]);
      expect(codes(body([text(t, "tool")]))).not.toContain("residual_user_name");
    });
});
