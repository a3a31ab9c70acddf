import { describe, expect, it } from "vitest";
import { readTranscripts } from "../../../lambdas/core/transcript/read";
import type { Part, Transcript } from "../../../lambdas/core/transcript/schema";
import { fixture, ok } from "./helpers";

const parts = (t: Transcript, type: Part["type"]) =>
  t.messages.flatMap((m) => m.parts).filter((p) => p.type === type);
const roles = (t: Transcript) => t.messages.map((m) => m.role).join(",");

describe("native", () => {
  const r = readTranscripts("native.jsonl", fixture("native.jsonl"));
  const [a, b] = ok(r);
  it("reads every line with its line number and keeps the lab's id", () => {
    expect(r.format).toBe("native");
    expect(r.items.map((i) => i.line)).toEqual([1, 2]);
    expect(a!.id).toBe("native-001");
    expect(b!.id).toMatch(/^h-[0-9a-f]{24}$/);
  });
  it("keeps reasoning, tool calls, inference, task and metadata", () => {
    expect(roles(a!)).toBe("system,user,assistant,tool,assistant");
    expect(parts(a!, "tool_call")).toEqual([
      { type: "tool_call", id: "call_1", name: "calculator", arguments: '{"expression":"17*23"}' },
    ]);
    expect(parts(a!, "tool_result")).toEqual([{ type: "tool_result", id: "call_1", text: "391" }]);
    expect(parts(a!, "reasoning")).toHaveLength(2);
    expect(a!.inference).toEqual({
      temperature: 0.6,
      top_p: 0.95,
      max_tokens: 4096,
      reasoning_effort: "high",
      provider: "examplelab-api",
      serving: "vllm 0.9.1",
    });
    expect(a!.task).toEqual({ id: "gsm8k-17", name: "math word problem", dataset: "gsm8k" });
    expect(a!.license).toBe("CC-BY-4.0");
    expect(a!.tags).toEqual(["math", "tool-use"]);
    expect(a!.metadata).toEqual({ run: "batch-7" });
    expect(parts(b!, "reasoning")).toEqual([
      { type: "reasoning", text: "", summary: false, opaque: true },
      { type: "reasoning", text: "Considered small primes above ten.", summary: true, opaque: false },
    ]);
  });
});

describe("openai-chat", () => {
  it("joins request and response: developer→system, reasoning_content, tool calls and results", () => {
    const r = readTranscripts("openai-chat.json", fixture("openai-chat.json"));
    const [t] = ok(r);
    expect(r.format).toBe("openai-chat");
    expect(t!.id).toBe("chatcmpl-9xYzExample01");
    expect(roles(t!)).toBe("system,user,assistant,tool,assistant");
    expect(t!.messages[2]!.parts).toEqual([
      {
        type: "reasoning",
        text: "I need the current weather in Paris before answering.",
        summary: false,
        opaque: false,
      },
      { type: "tool_call", id: "call_abc123", name: "get_weather", arguments: '{"city":"Paris"}' },
    ]);
    expect(t!.messages[3]!.parts).toEqual([
      { type: "tool_result", id: "call_abc123", text: '{"condition":"rain","temp_c":14}' },
    ]);
    expect(parts(t!, "reasoning").map((p) => p.type === "reasoning" && p.text)).toContain(
      "The tool reports rain at 14 C, so an umbrella is sensible.",
    );
    expect(t!.model).toEqual({ id: "deepseek-reasoner", provider: "deepseek" });
    expect(t!.inference).toEqual({
      temperature: 0.6,
      top_p: 0.95,
      max_tokens: 8192,
      reasoning_effort: "medium",
      provider: "deepseek",
      serving: "deepseek-api",
    });
    expect(t!.createdAt).toBe(new Date(1746100000 * 1000).toISOString());
    expect(t!.tags).toEqual(["weather"]);
    expect(t!.metadata).toMatchObject({
      system_fingerprint: "fp_example",
      finish_reason: "stop",
      usage: { total_tokens: 180 },
    });
    expect(t!.metadata).toHaveProperty("tools");
  });
  it("reads conversations with `reasoning`, and one transcript per choice", () => {
    const r = readTranscripts("openai-chat.jsonl", fixture("openai-chat.jsonl"));
    const ts = ok(r);
    expect(ts.map((t) => t.id)).toEqual(["chat-conv-1", "chatcmpl-multi-0", "chatcmpl-multi-1"]);
    expect(r.items.map((i) => i.line)).toEqual([1, 2, 2]);
    expect(parts(ts[0]!, "reasoning")).toHaveLength(2);
    expect(ts[0]!.inference).toEqual({ temperature: 0.7 });
    expect(ts[0]!.model).toEqual({ id: "qwen3-32b", provider: "qwen" });
    expect(parts(ts[1]!, "tool_call")).toEqual([
      { type: "tool_call", id: "call_x", name: "search", arguments: '{"q":"cats"}' },
    ]);
    expect(ts[1]!.model.provider).toBe("openai");
    expect(ts[2]!.metadata).toMatchObject({ finish_reason: "stop" });
  });
});

describe("openai-responses", () => {
  const r = readTranscripts("openai-responses.json", fixture("openai-responses.json"));
  const [a, b] = ok(r);
  it("reads several responses from one file", () => {
    expect(r.format).toBe("openai-responses");
    expect(a!.id).toBe("resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b");
    expect(b!.id).toBe("resp_second_example");
  });
  it("maps summaries, encrypted reasoning, function calls and outputs", () => {
    expect(roles(a!)).toBe("system,user,assistant,tool,assistant");
    expect(a!.messages[2]!.parts).toEqual([
      {
        type: "reasoning",
        text: "**Checking weather** I should call the weather tool for Oslo.",
        summary: true,
        opaque: false,
      },
      { type: "tool_call", id: "call_oslo", name: "get_weather", arguments: '{"city":"Oslo"}' },
    ]);
    expect(a!.messages[3]!.parts).toEqual([
      { type: "tool_result", id: "call_oslo", text: '{"condition":"snow"}' },
    ]);
    expect(a!.messages[4]!.parts).toEqual([
      { type: "reasoning", text: "", summary: false, opaque: true },
      { type: "text", text: "It is snowing in Oslo." },
    ]);
    // No encrypted blob survives anywhere.
    expect(JSON.stringify(a)).not.toContain("fake-encrypted");
    expect(a!.model).toEqual({ id: "o4-mini-2025-04-16", provider: "openai" });
    expect(a!.inference).toEqual({ temperature: 1, top_p: 1, max_tokens: 4000, reasoning_effort: "high" });
    expect(a!.createdAt).toBe(new Date(1741476542 * 1000).toISOString());
    expect(a!.metadata).toMatchObject({ status: "completed", reasoning_summary_mode: "auto" });
  });
  it("reads reasoning_text content as full reasoning and a string input as the user turn", () => {
    expect(roles(b!)).toBe("user,assistant");
    expect(b!.messages[1]!.parts[0]).toEqual({
      type: "reasoning",
      text: "A greeting is requested.",
      summary: false,
      opaque: false,
    });
    expect(b!.inference).toEqual({ reasoning_effort: "low" });
  });
  it("reads a bare array of output items as one transcript", () => {
    const items = [
      { type: "reasoning", id: "rs", summary: [], encrypted_content: "x" },
      { type: "message", role: "assistant", content: [{ type: "output_text", text: "done" }] },
    ];
    const res = readTranscripts("items.json", new TextEncoder().encode(JSON.stringify(items)));
    const [t] = ok(res);
    expect(res.format).toBe("openai-responses");
    expect(t!.model.id).toBe("unknown");
    expect(t!.messages[0]!.parts[0]).toMatchObject({ opaque: true, text: "" });
  });
});

describe("anthropic", () => {
  const r = readTranscripts("anthropic.jsonl", fixture("anthropic.jsonl"));
  const [a, b, c] = ok(r);
  it("reads request+response with thinking, redacted thinking, tool use and tool results", () => {
    expect(r.format).toBe("anthropic");
    expect(a!.id).toBe("msg_01XFDUDYJgAACzvnptvVoYEL");
    expect(roles(a!)).toBe("system,user,assistant,tool,assistant");
    expect(a!.messages[2]!.parts).toEqual([
      {
        type: "reasoning",
        text: "The user wants a stock price; I will call the tool.",
        summary: false,
        opaque: false,
      },
      { type: "tool_call", id: "toolu_01A", name: "get_stock_price", arguments: '{"ticker":"EXMPL"}' },
    ]);
    expect(a!.messages[3]!.parts).toEqual([{ type: "tool_result", id: "toolu_01A", text: "123.45 USD" }]);
    expect(a!.messages[4]!.parts).toEqual([
      { type: "reasoning", text: "The tool returned 123.45 USD.", summary: false, opaque: false },
      { type: "reasoning", text: "", summary: false, opaque: true },
      { type: "text", text: "EXMPL trades at 123.45 USD." },
    ]);
    expect(JSON.stringify(a)).not.toMatch(/fake-signature|fake-redacted/);
    expect(a!.model).toEqual({ id: "claude-sonnet-4-20250514", provider: "anthropic" });
    expect(a!.inference).toEqual({ max_tokens: 16000 });
    expect(a!.metadata).toMatchObject({
      thinking: { type: "enabled", budget_tokens: 10000 },
      stop_reason: "end_turn",
    });
  });
  it("reads a lone response message", () => {
    expect(b!.id).toBe("msg_0123example");
    expect(roles(b!)).toBe("assistant");
    expect(parts(b!, "reasoning")).toHaveLength(1);
  });
  it("moves tool results out of the user turn, keeps is_error and the user's own text", () => {
    expect(roles(c!)).toBe("system,user,assistant,tool,user,assistant");
    expect(c!.messages[3]!.parts).toEqual([
      { type: "tool_result", id: "toolu_02", text: "permission denied", isError: true },
    ]);
    expect(c!.messages[4]!.parts).toEqual([{ type: "text", text: "Try again?" }]);
    expect(c!.id).toMatch(/^h-/);
    expect(c!.inference).toEqual({ temperature: 1, max_tokens: 2048 });
  });
});

describe("inspect (.json)", () => {
  const r = readTranscripts("inspect.json", fixture("inspect.json"));
  const [a, b] = ok(r);
  it("gives one transcript per sample with the eval id, sample id and epoch", () => {
    expect(r.format).toBe("inspect");
    expect(a!.id).toBe("Yk3vQ8example-1-e1");
    expect(b!.id).toBe("Yk3vQ8example-two-e1");
  });
  it("maps reasoning (redacted → opaque, summary), tool calls, tool errors and <think>", () => {
    expect(roles(a!)).toBe("system,user,assistant,tool,assistant");
    expect(a!.messages[2]!.parts).toEqual([
      { type: "reasoning", text: "I will call add(2, 3).", summary: false, opaque: false },
      { type: "text", text: "Calling the tool." },
      { type: "tool_call", id: "call_add_1", name: "add", arguments: '{"x":2,"y":3}' },
    ]);
    expect(a!.messages[3]).toEqual({
      role: "tool",
      name: "add",
      parts: [{ type: "tool_result", id: "call_add_1", text: "5" }],
    });
    expect(a!.messages[4]!.parts.slice(0, 2)).toEqual([
      { type: "reasoning", text: "", summary: false, opaque: true },
      { type: "reasoning", text: "Checked the tool result.", summary: true, opaque: false },
    ]);
    expect(b!.messages[2]!.parts).toEqual([
      { type: "tool_result", id: "call_div", text: "division by zero", isError: true },
    ]);
    expect(b!.messages[3]!.parts).toEqual([
      { type: "reasoning", text: "The tool failed as expected.", summary: false, opaque: false },
      { type: "text", text: "It cannot be done." },
    ]);
  });
  it("maps model, generate config, task, created and tags; the rest goes to metadata", () => {
    expect(a!.model).toEqual({ id: "o3-mini", provider: "openai" });
    expect(a!.inference).toEqual({
      temperature: 0.2,
      max_tokens: 2048,
      reasoning_effort: "medium",
      provider: "openai",
    });
    expect(a!.task).toEqual({ id: "Tsk9example", name: "arith_tools", dataset: "arith-mini" });
    expect(a!.createdAt).toBe("2025-06-01T10:00:00+00:00");
    expect(a!.tags).toEqual(["arith", "agent"]);
    expect(a!.metadata).toMatchObject({
      inspect: {
        eval: { run_id: "RunExample42" },
        sample: { id: 1, epoch: 1, target: "5", metadata: { difficulty: "easy" } },
        status: "success",
      },
    });
  });
});

describe("think-jsonl", () => {
  const r = readTranscripts("think.jsonl", fixture("think.jsonl"));
  const ts = ok(r);
  it("splits <think> blocks into reasoning, multi-turn, unclosed tags included", () => {
    expect(r.format).toBe("think-jsonl");
    expect(ts).toHaveLength(3);
    expect(ts[0]!.messages[1]!.parts).toEqual([
      { type: "reasoning", text: "91 = 7 * 13, so it is not prime.", summary: false, opaque: false },
      { type: "text", text: "No, 91 = 7 × 13." },
    ]);
    expect(ts[0]!.model).toEqual({ id: "deepseek-r1-distill-qwen-7b", provider: "deepseek" });
    expect(parts(ts[1]!, "reasoning")).toHaveLength(2);
    expect(ts[1]!.model.id).toBe("unknown");
    expect(ts[2]!.messages[1]!.parts).toEqual([
      { type: "reasoning", text: "Trivial.", summary: false, opaque: false },
    ]);
  });
  it("gives the same content-hash id for the same input", () => {
    const again = ok(readTranscripts("other-name.jsonl", fixture("think.jsonl")));
    expect(again.map((t) => t.id)).toEqual(ts.map((t) => t.id));
    expect(new Set(ts.map((t) => t.id)).size).toBe(3);
  });
});
