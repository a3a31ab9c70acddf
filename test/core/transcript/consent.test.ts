/**
 * A record's consent to publication (`publishable`) in every format (red-team pass, session six):
 * the Inspect reader never read it, and `"publishable": "false"` or `0` was taken as "not said",
 * so the lab's `autoPublish` default published the transcript. Now a non-boolean is a schema
 * rejection naming the field, an opt-out at any level of an Inspect log wins, and an opt-out
 * written inside `metadata` is honoured.
 */
import { describe, expect, it } from "vitest";
import { processBytes, type AcceptedOutcome } from "../../../lambdas/core/pipeline";
import { buildZip, enc, fixture, json } from "./helpers";

const opts = { lab: "acme", hmacKey: "k" };

function outcomes(name: string, bytes: Uint8Array) {
  return processBytes(name, bytes, opts);
}

function consent(name: string, bytes: Uint8Array): (boolean | undefined)[] {
  return outcomes(name, bytes).map((o) => {
    expect(o.status, o.status === "rejected" ? o.code : "").toBe("accepted");
    return (o as AcceptedOutcome).publishable;
  });
}

const chat = (extra: Record<string, unknown>) => ({
  model: "gpt-4o",
  messages: [
    { role: "user", content: "What is 2 + 2?" },
    { role: "assistant", content: "4", reasoning_content: "Two and two make four." },
  ],
  ...extra,
});

const native = (extra: Record<string, unknown>) => ({
  schema: "cotshare/transcript@1",
  id: "n1",
  model: { id: "m" },
  messages: [
    { role: "user", parts: [{ type: "text", text: "What is 2 + 2?" }] },
    { role: "assistant", parts: [{ type: "reasoning", text: "Two and two make four." }] },
  ],
  ...extra,
});

const log = JSON.parse(new TextDecoder().decode(fixture("inspect.json"))) as Record<string, unknown> & {
  eval: Record<string, unknown>;
  samples: Record<string, unknown>[];
};

function inspectLog(edit: (l: typeof log) => void): Uint8Array {
  const l = structuredClone(log);
  edit(l);
  return json(l);
}

describe("publishable must be a boolean", () => {
  for (const bad of ["false", 0, "no", null]) {
    it(`chat "publishable": ${JSON.stringify(bad)} is a schema rejection naming the field`, () => {
      const [o] = outcomes("c.json", json(chat({ publishable: bad })));
      expect(o!.status).toBe("rejected");
      if (o!.status !== "rejected") return;
      expect(o!.code).toBe("schema");
      expect(o!.message).toMatch(/publishable/);
    });
  }

  it("native likewise", () => {
    const [o] = outcomes("n.json", json(native({ publishable: "false" })));
    expect(o!.status).toBe("rejected");
  });

  it("an Inspect eval spec's publishable likewise", () => {
    const [o] = outcomes(
      "log.json",
      inspectLog((l) => (l.eval.publishable = "no")),
    );
    expect(o!.status).toBe("rejected");
    if (o!.status === "rejected") expect(o!.message).toMatch(/eval\.publishable/);
  });
});

describe("consent is read", () => {
  it("true and false in chat, and not said", () => {
    expect(consent("c.json", json(chat({ publishable: false })))).toEqual([false]);
    expect(consent("c.json", json(chat({ publishable: true })))).toEqual([true]);
    expect(consent("c.json", json(chat({})))).toEqual([undefined]);
  });

  it("an opt-out inside metadata (chat and native); a true there is not consent", () => {
    expect(consent("c.json", json(chat({ metadata: { publishable: false } })))).toEqual([false]);
    expect(consent("n.json", json(native({ metadata: { publishable: false } })))).toEqual([false]);
    expect(consent("c.json", json(chat({ metadata: { publishable: true } })))).toEqual([undefined]);
  });

  it("Inspect: at the log, the eval spec, its metadata or a sample; any opt-out wins", () => {
    expect(
      consent(
        "log.json",
        inspectLog(() => {}),
      ),
    ).toEqual([undefined, undefined]);
    expect(
      consent(
        "log.json",
        inspectLog((l) => (l.publishable = false)),
      ),
    ).toEqual([false, false]);
    expect(
      consent(
        "log.json",
        inspectLog((l) => (l.eval.publishable = true)),
      ),
    ).toEqual([true, true]);
    expect(
      consent(
        "log.json",
        inspectLog((l) => (l.eval.metadata = { publishable: false })),
      ),
    ).toEqual([false, false]);
    expect(
      consent(
        "log.json",
        inspectLog((l) => {
          l.publishable = true;
          l.samples[1]!.publishable = false;
        }),
      ),
    ).toEqual([true, false]);
    expect(
      consent(
        "log.json",
        inspectLog((l) => (l.samples[0]!.metadata = { publishable: false })),
      ),
    ).toEqual([false, undefined]);
  });

  it("Inspect .eval: the header's publishable applies to every sample entry", () => {
    const { samples, ...header } = structuredClone(log);
    const zip = buildZip([
      { name: "samples/1_epoch_1.json", data: json(samples[0]) },
      { name: "samples/two_epoch_1.json", data: json(samples[1]) },
      { name: "header.json", data: enc(JSON.stringify({ ...header, publishable: false })) },
    ]);
    expect(consent("run.eval", zip)).toEqual([false, false]);
  });
});
