/**
 * User names outside home paths (red-team pass rt8, #5 and #7): shell prompts, remote logins, a
 * command's user option, `id`/`whoami` output, `ls -l` owners, a table's USER column, commit
 * authors given as handles, person keys in JSON, @mentions after `cc`, `users/<name>/`; in the
 * published fields, `owner:x` tags, an OpenAI fine-tune's suffix and handles by the name lexicon.
 * Every one was published with PASS; each becomes `⟦USER_n⟧`, and every other mention of the name
 * in the transcript with it. Names are built at run time.
 */
import { describe, expect, it } from "vitest";
import { detect, redactTranscript } from "../../../lambdas/core/redact/index";
import { SCHEMA_ID, type Transcript } from "../../../lambdas/core/transcript/schema";

const u = ["j", "roe"].join("");
const k = ["m", "kowalski"].join("");
const h = ["h", "xu"].join("");
const users = (t: string) =>
  detect(t)
    .filter((s) => s.category === "USER")
    .map((s) => t.slice(s.start, s.end));

describe("unix-user: names in terminal output", () => {
  const CASES: [string, string, string[]][] = [
    ["prompt", `${u}@gpu-node-17:~/src/evals$ make`, [u]],
    ["root prompt", `${u}@gpu-node-17:/tmp# ls`, [u]],
    ["bracket prompt", `[${u}@login01 evals]$ ls`, [u]],
    ["zsh prompt", `${u}@mbp ~ % ls`, [u]],
    ["squeue", `squeue -u ${u}`, [u]],
    ["sacct", `sacct --user=${u} -S 2026-11-01`, [u]],
    ["sudo and pkill", `sudo -u ${u} ls && pkill -u ${k} python`, [u, k]],
    ["id", `$ id\nuid=1001(${u}) gid=1001(${u}) groups=1001(${u}),27(sudo)`, [u]],
    ["whoami", `$ whoami\n${u}\n$ ls`, [u]],
    ["env", `USER=${u}\nSHELL=/bin/bash`, [u]],
    ["scp", `scp notes.md ${k}@10.1.2.3:/tmp/`, [k]],
    ["ssh", `ssh ${u}@gpu-node-17`, [u]],
    [
      "ls -l",
      `$ ls -l\n-rw-r--r-- 1 ${k} staff 1204 Nov 24 09:12 notes.md\ndrwxr-xr-x 2 root root 4096 Nov 24 09:12 bin`,
      [k],
    ],
    [
      "squeue table",
      `JOBID PARTITION NAME USER ST TIME NODES\n88213 gpu sweep ${u} R 2:11:09 4\n88214 gpu eval ${h} PD 0:00 1`,
      [u, h],
    ],
    ["ps aux", `USER PID %CPU %MEM COMMAND\n${u} 4242 99.0 1.2 python\nroot 1 0.0 0.0 /sbin/init`, [u]],
    ["ps -ef", `UID PID PPID C STIME TTY TIME CMD\n${k} 311 1 0 09:00 ? 00:00:01 python`, [k]],
    [
      "git log",
      `commit 3f2a9b1\nAuthor: dkowalczyk <1+dkowalczyk@users.noreply.github.com>\nDate: Tue`,
      ["dkowalczyk"],
    ],
    ["trailer", `Signed-off-by: ${u} <${u}@users.noreply.github.com>`, [u]],
    ["json key", `{"assignee": "${k}", "title": "flaky test"}`, [k]],
    ["json login", `{"login": "${u}", "id": 1}`, [u]],
    ["json list", `{"reviewers": ["${h}"], "labels": ["bug"]}`, [h]],
    ["cc", `cc: @${h} @priya.r`, [h, "priya.r"]],
    ["users folder", `data at users/${k}/eval.jsonl`, [k]],
  ];
  for (const [name, text, want] of CASES)
    it(name, () => {
      expect(users(text)).toEqual(expect.arrayContaining(want));
    });
});

describe("unix-user: what stays", () => {
  const KEEP = [
    "git clone git@github.com:org/repo.git",
    "ssh ubuntu@10.0.0.1 && ssh ec2-user@host && ssh root@host",
    "@decorator\ndef f(): pass",
    'import type { Node } from "@types/node";',
    "The user: asked for hello",
    '{"user": "hello world"}',
    '{"role": "user", "content": "hi"}',
    "the -u flag turns off buffering: python -u train.py",
    "USER PID COMMAND\nroot 1 init",
    "I am the owner of this idea; the author: unknown",
    "Let x = 3 users/groups. Then the users/admin/ page.",
    "He said his id was fine.",
    "$ sudo -u postgres psql",
    "Thanks @everyone for the review",
  ];
  for (const t of KEEP) it(JSON.stringify(t), () => expect(users(t)).toEqual([]));
});

function transcript(over: Partial<Transcript>, tool = "ok"): Transcript {
  return {
    schema: SCHEMA_ID,
    id: "t1",
    model: { id: "m-1" },
    messages: [
      { role: "user", parts: [{ type: "text", text: "Please look into the issue." }] },
      { role: "tool", parts: [{ type: "tool_result", id: "call_1", text: tool }] },
    ],
    ...over,
  } as Transcript;
}

describe("unix-user: published fields", () => {
  const redact = (t: Transcript) => redactTranscript(t, { hmacKey: "k" }).transcript;

  it("an owner in a tag, with = or :", () => {
    expect(redact(transcript({ tags: [`owner:${k}`, `owner=${h}`, "math"] })).tags).toEqual([
      "owner:⟦USER_1⟧",
      "owner=⟦USER_2⟧",
      "math",
    ]);
  });
  it("the suffix of an OpenAI fine-tune, whole", () => {
    const id = `ft:gpt-4o-mini-2024-07-18:acme-research:${u}-probe:AbC12dEf`;
    expect(redact(transcript({ model: { id } })).model.id).toBe(
      "ft:gpt-4o-mini-2024-07-18:acme-research:⟦USER_1⟧:AbC12dEf",
    );
  });
  it("a handle by the name lexicon in a task id or a model namespace", () => {
    const t = redact(
      transcript({
        model: { id: "maria-garcia/llama-3-8b-sft" },
        task: { id: `${k}/scratch-eval-12`, name: "x" },
      }),
    );
    expect(t.model.id).toBe("⟦USER_1⟧/llama-3-8b-sft");
    expect(t.task!.id).toBe("⟦USER_2⟧/scratch-eval-12");
  });
  it("names the added lexicon holds, with a family name that is also a word or of two letters", () => {
    const given = ["ji", "woo"].join("");
    const t = redact(
      transcript({
        model: { id: `${given}-park/llama-3-8b-sft` },
        task: { id: "x", name: "haoran_xu_debug_run" },
      }),
    );
    expect(t.model.id).toBe("⟦USER_1⟧/llama-3-8b-sft");
    expect(t.task!.name).toBe("⟦USER_2⟧_debug_run");
  });
  it("a name next to a word of model and task names is no handle", () => {
    for (const name of ["harris_test", "max_eval", "hendrycks_math", "llama-base"])
      expect(redact(transcript({ task: { id: "x", name } })).task!.name).toBe(name);
  });
  it("a dataset under users/ without its leading slash", () => {
    expect(redact(transcript({ task: { id: "x", dataset: `users/${k}/data.jsonl` } })).task!.dataset).toBe(
      "users/⟦USER_1⟧/data.jsonl",
    );
  });
  it("organisations' and benchmarks' ids stay", () => {
    for (const id of [
      "meta-llama/Llama-3.1-8B-Instruct",
      "allenai/OLMo-2-1124-7B",
      "mistralai/Mistral-7B-Instruct-v0.3",
      "NousResearch/Hermes-3-Llama-3.1-8B",
      "deepseek-ai/DeepSeek-R1",
      "claude-3-5-sonnet-20241022",
      "gpt-4o",
    ])
      expect(redact(transcript({ model: { id } })).model.id).toBe(id);
    for (const id of ["gsm8k", "hendrycks_math", "inspect_evals/gpqa_diamond", "mmlu/abstract_algebra"])
      expect(redact(transcript({ task: { id, name: id } })).task).toEqual({ id, name: id });
    expect(redact(transcript({ tags: ["math", "team-a", "lr=3e-4"] })).tags).toEqual([
      "math",
      "team-a",
      "lr=3e-4",
    ]);
  });
  it("a name found in a field is echoed everywhere else in the transcript", () => {
    const t = redact(transcript({ tags: [`owner:${k}`] }, `${k} ran the sweep; see ${k}'s notes`));
    const r = t.messages[1]!.parts[0] as { text: string };
    expect(r.text).toBe("⟦USER_1⟧ ran the sweep; see ⟦USER_1⟧'s notes");
  });
  it("a name found in terminal output is echoed in the reasoning", () => {
    const t = redact(
      transcript({
        messages: [
          { role: "tool", parts: [{ type: "tool_result", id: "c", text: `${u}@gpu-node-17:~$ ls` }] },
          {
            role: "assistant",
            parts: [{ type: "reasoning", text: `The jobs belong to ${u}.`, summary: false, opaque: false }],
          },
        ],
      }),
    );
    expect(JSON.stringify(t.messages)).not.toContain(u);
  });
  it("person keys in tool-call arguments", () => {
    const t = redact(
      transcript({
        messages: [
          {
            role: "assistant",
            parts: [
              {
                type: "tool_call",
                id: "c",
                name: "jira_update",
                arguments: JSON.stringify({ assignee: k, reviewer: h, username: u, status: "open" }),
              },
            ],
          },
        ],
      }),
    );
    const p = t.messages[0]!.parts[0] as { arguments: string };
    expect(JSON.parse(p.arguments)).toEqual({
      assignee: "⟦USER_1⟧",
      reviewer: "⟦USER_2⟧",
      username: "⟦USER_3⟧",
      status: "open",
    });
  });
});
