/**
 * Content a supported format holds is read, or the transcript is rejected visibly: never accepted
 * with text silently missing. Fixtures are minimal examples of each provider's documented shapes
 * (OpenAI Responses and Chat Completions, Anthropic Messages, Inspect AI, cotshare's own form).
 * Each MARK… word stands for text that must reach the canonical transcript.
 */
import { describe, expect, it } from "vitest";
import { readTranscripts, type ReadResult } from "../../../lambdas/core/transcript/read";
import type { Part, Transcript } from "../../../lambdas/core/transcript/schema";
import { json, ok } from "./helpers";

const read = (v: unknown, name = "t.json"): ReadResult => readTranscripts(name, json(v));
const one = (v: unknown): Transcript => {
  const ts = ok(read(v));
  expect(ts).toHaveLength(1);
  return ts[0]!;
};
const parts = (t: Transcript, type?: Part["type"]) =>
  t.messages.flatMap((m) => m.parts).filter((p) => type === undefined || p.type === type);
const roles = (t: Transcript) => t.messages.map((m) => m.role).join(",");
const body = (t: Transcript) => JSON.stringify(t.messages);
/** A rejection names the field and block type, never the content. */
function rejected(r: ReadResult, field: string): void {
  expect(r.items).toHaveLength(0);
  expect(r.rejections).toHaveLength(1);
  expect(r.rejections[0]!.code).toBe("schema");
  expect(r.rejections[0]!.message).toContain(`field ${field}`);
  expect(r.rejections[0]!.message).not.toMatch(/MARK/);
}

describe("openai-responses", () => {
  it("reads shell_call_output stdout and stderr as the tool result (L1)", () => {
    const t = one({
      object: "response",
      id: "resp_1",
      model: "gpt-5.1",
      output: [
        {
          type: "shell_call",
          id: "sh_1",
          call_id: "call_a",
          action: { commands: ["cat notes.txt"], timeout_ms: 1000 },
          status: "completed",
        },
        {
          type: "shell_call_output",
          call_id: "call_a",
          output: [{ stdout: "MARK1 out", stderr: "MARK2 err", outcome: { type: "exit", exit_code: 0 } }],
        },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "done" }] },
      ],
    });
    expect(roles(t)).toBe("assistant,tool,assistant");
    expect(parts(t, "tool_call")[0]).toMatchObject({ id: "call_a", name: "shell_call" });
    expect((parts(t, "tool_call")[0] as { arguments: string }).arguments).toContain("cat notes.txt");
    expect(parts(t, "tool_result")).toEqual([
      { type: "tool_result", id: "call_a", text: "MARK1 out\nMARK2 err" },
    ]);
  });

  it("reads file_search_call queries as arguments and its results with their file names (L7)", () => {
    const t = one({
      object: "response",
      id: "resp_3",
      model: "gpt-4.1",
      output: [
        {
          type: "file_search_call",
          id: "fs_1",
          status: "completed",
          queries: ["MARK4 query"],
          results: [{ file_id: "file_1", filename: "MARK6.pdf", text: "MARK5 result", score: 0.9 }],
        },
      ],
    });
    expect(JSON.parse((parts(t, "tool_call")[0] as { arguments: string }).arguments)).toEqual({
      queries: ["MARK4 query"],
    });
    expect((parts(t, "tool_result")[0] as { text: string }).text).toBe("MARK6.pdf\nMARK5 result");
  });

  it("reads an mcp_call's error, an approval request and its response", () => {
    const t = one({
      object: "response",
      id: "resp_4",
      model: "gpt-5",
      output: [
        {
          type: "mcp_approval_request",
          id: "mcpr_1",
          name: "deploy",
          arguments: '{"env":"MARK7"}',
          server_label: "ops",
        },
        { type: "mcp_approval_response", approval_request_id: "mcpr_1", approve: false, reason: "MARK8" },
        {
          type: "mcp_call",
          id: "mcp_1",
          name: "lookup",
          server_label: "ops",
          arguments: "{}",
          output: null,
          error: "MARK9 failed",
        },
      ],
    });
    expect(body(t)).toContain("MARK7");
    expect(parts(t, "tool_result")).toEqual([
      { type: "tool_result", id: "mcpr_1", text: "denied: MARK8" },
      { type: "tool_result", id: "mcp_1", text: "MARK9 failed", isError: true },
    ]);
  });

  it("keeps the text fields of a built-in tool item of another shape; its image is media", () => {
    const t = one({
      object: "response",
      id: "resp_7",
      model: "gpt-5",
      output: [
        {
          type: "image_generation_call",
          id: "ig_1",
          status: "completed",
          revised_prompt: "MARK46",
          result: "iVBORw0KGgo",
        },
      ],
    });
    expect(JSON.parse((parts(t, "tool_call")[0] as { arguments: string }).arguments)).toEqual({
      revised_prompt: "MARK46",
    });
    expect(body(t)).not.toContain("iVBOR");
    expect(t.metadata?.dropped_blocks).toEqual({ "image_generation_call.result": 1 });
  });

  it("drops and counts images; rejects a message block of an unknown type that holds text", () => {
    const t = one({
      object: "response",
      id: "resp_5",
      model: "gpt-5",
      input: [
        {
          type: "message",
          role: "user",
          content: [
            { type: "input_text", text: "look" },
            { type: "input_image", image_url: "https://example.org/a.png", detail: "auto" },
          ],
        },
      ],
      output: [{ type: "message", role: "assistant", content: [{ type: "output_text", text: "ok" }] }],
    });
    expect(t.metadata?.dropped_blocks).toEqual({ input_image: 1 });
    const r = read({
      object: "response",
      id: "resp_6",
      model: "gpt-5",
      output: [
        { type: "message", role: "assistant", content: [{ type: "output_hologram", words: "MARK10" }] },
      ],
    });
    rejected(r, "output.0.content.0");
    expect(r.rejections[0]!.message).toContain('"output_hologram"');
  });
});

describe("openai-chat", () => {
  it("reads custom tool calls (GPT-5 free-form tools, apply_patch) with their name and input (L2)", () => {
    const patch = "*** Begin Patch\nMARK11\n*** End Patch";
    const t = one({
      object: "chat.completion",
      id: "chatcmpl-1",
      model: "gpt-5",
      choices: [
        {
          index: 0,
          finish_reason: "tool_calls",
          message: {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "call_x", type: "custom", custom: { name: "apply_patch", input: patch } }],
          },
        },
      ],
    });
    expect(parts(t, "tool_call")).toEqual([
      { type: "tool_call", id: "call_x", name: "apply_patch", arguments: patch },
    ]);
  });

  it("reads an audio reply's transcript as its text, the audio dropped and counted (L5)", () => {
    const t = one({
      object: "chat.completion",
      id: "chatcmpl-2",
      model: "gpt-4o-audio-preview",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: null,
            audio: { id: "audio_1", data: "UklGR", expires_at: 1, transcript: "MARK12 spoken answer" },
          },
        },
      ],
    });
    expect(parts(t)).toEqual([{ type: "text", text: "MARK12 spoken answer" }]);
    expect(t.metadata?.dropped_blocks).toEqual({ audio: 1 });
  });

  it("reads Assistants-style text blocks and OpenRouter reasoning_details (L5)", () => {
    const t = one({
      model: "deepseek/deepseek-r1",
      messages: [
        { role: "user", content: [{ type: "text", text: { value: "MARK13 question", annotations: [] } }] },
        {
          role: "assistant",
          content: "answer",
          reasoning_details: [
            { type: "reasoning.summary", summary: "MARK14 summary", format: "openai-responses-v1" },
            { type: "reasoning.text", text: "MARK15 thought", signature: "sig" },
            { type: "reasoning.encrypted", data: "opaque-blob" },
          ],
        },
      ],
    });
    expect(parts(t, "text")[0]).toEqual({ type: "text", text: "MARK13 question" });
    expect(parts(t, "reasoning")).toEqual([
      { type: "reasoning", text: "MARK14 summary", summary: true, opaque: false },
      { type: "reasoning", text: "MARK15 thought", summary: false, opaque: false },
      { type: "reasoning", text: "", summary: false, opaque: true },
    ]);
    expect(body(t)).not.toContain("opaque-blob");
  });

  it("reads Mistral thinking chunks as reasoning, in a response and in a conversation", () => {
    const message = {
      role: "assistant",
      content: [
        { type: "thinking", thinking: [{ type: "text", text: "MARK45 thought" }] },
        { type: "text", text: "answer" },
      ],
    };
    const expected = [
      { type: "reasoning", text: "MARK45 thought", summary: false, opaque: false },
      { type: "text", text: "answer" },
    ];
    const t = one({
      id: "cmpl-1",
      object: "chat.completion",
      model: "magistral-medium-2509",
      choices: [{ index: 0, message }],
    });
    expect(parts(t)).toEqual(expected);
    const c = one({ model: "magistral-medium-2509", messages: [{ role: "user", content: "q" }, message] });
    expect(parts(c).slice(1)).toEqual(expected);
  });

  it("reads a tool message's content blocks; drops image parts; rejects an unknown text part", () => {
    const t = one({
      model: "gpt-4o",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "see" },
            { type: "image_url", image_url: { url: "https://example.org/a.png" } },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }],
        },
        {
          role: "tool",
          tool_call_id: "c1",
          content: [
            { type: "text", text: "MARK16 one" },
            { type: "text", text: "two" },
          ],
        },
      ],
    });
    expect(parts(t, "tool_result")).toEqual([{ type: "tool_result", id: "c1", text: "MARK16 one\ntwo" }]);
    expect(t.metadata?.dropped_blocks).toEqual({ image_url: 1 });
    rejected(
      read({ model: "gpt-4o", messages: [{ role: "user", content: [{ type: "quote", body: "MARK17" }] }] }),
      "messages.0.content.0",
    );
  });
});

describe("anthropic", () => {
  it("reads server tool results in the assistant turn, in order, as tool messages (L3)", () => {
    const t = one({
      model: "claude-sonnet-4-5",
      messages: [
        { role: "user", content: "run" },
        {
          role: "assistant",
          content: [
            {
              type: "server_tool_use",
              id: "srvtoolu_1",
              name: "bash_code_execution",
              input: { command: "cat x" },
            },
            {
              type: "bash_code_execution_tool_result",
              tool_use_id: "srvtoolu_1",
              content: {
                type: "bash_code_execution_result",
                stdout: "MARK18",
                stderr: "",
                return_code: 0,
                content: [{ type: "bash_code_execution_output", file_id: "file_1" }],
              },
            },
            {
              type: "server_tool_use",
              id: "srvtoolu_2",
              name: "code_execution",
              input: { code: "print(1)" },
            },
            {
              type: "code_execution_tool_result",
              tool_use_id: "srvtoolu_2",
              content: {
                type: "code_execution_result",
                stdout: "MARK19",
                stderr: "MARK20",
                return_code: 1,
                content: [],
              },
            },
            {
              type: "server_tool_use",
              id: "srvtoolu_3",
              name: "web_fetch",
              input: { url: "https://example.org" },
            },
            {
              type: "web_fetch_tool_result",
              tool_use_id: "srvtoolu_3",
              content: {
                type: "web_fetch_result",
                url: "https://example.org",
                content: {
                  type: "document",
                  source: { type: "text", media_type: "text/plain", data: "MARK21" },
                  title: "MARK22",
                },
              },
            },
            { type: "server_tool_use", id: "srvtoolu_4", name: "web_search", input: { query: "q" } },
            {
              type: "web_search_tool_result",
              tool_use_id: "srvtoolu_4",
              content: [
                {
                  type: "web_search_result",
                  url: "https://example.org/r",
                  title: "MARK23",
                  encrypted_content: "enc",
                  page_age: null,
                },
              ],
            },
            {
              type: "server_tool_use",
              id: "srvtoolu_5",
              name: "str_replace_based_edit_tool",
              input: { command: "view", path: "a" },
            },
            {
              type: "text_editor_code_execution_tool_result",
              tool_use_id: "srvtoolu_5",
              content: {
                type: "text_editor_code_execution_view_result",
                file_type: "text",
                content: "MARK24",
                num_lines: 1,
                start_line: 1,
                total_lines: 1,
              },
            },
            {
              type: "server_tool_use",
              id: "srvtoolu_6",
              name: "web_fetch",
              input: { url: "https://example.org/x" },
            },
            {
              type: "web_fetch_tool_result",
              tool_use_id: "srvtoolu_6",
              content: { type: "web_fetch_tool_result_error", error_code: "url_not_accessible" },
            },
            { type: "text", text: "done" },
          ],
        },
      ],
    });
    expect(roles(t)).toBe(
      "user,assistant,tool,assistant,tool,assistant,tool,assistant,tool,assistant,tool,assistant,tool,assistant",
    );
    expect(parts(t, "tool_result")).toEqual([
      { type: "tool_result", id: "srvtoolu_1", text: "MARK18" },
      { type: "tool_result", id: "srvtoolu_2", text: "MARK19\nMARK20" },
      { type: "tool_result", id: "srvtoolu_3", text: "https://example.org\nMARK22\nMARK21" },
      { type: "tool_result", id: "srvtoolu_4", text: "MARK23\nhttps://example.org/r" },
      { type: "tool_result", id: "srvtoolu_5", text: "MARK24" },
      { type: "tool_result", id: "srvtoolu_6", text: "url_not_accessible", isError: true },
    ]);
    expect(body(t)).not.toContain('"enc"');
    expect(t.metadata?.dropped_blocks).toEqual({ bash_code_execution_output: 1 });
  });

  it("reads search_result and document blocks inside a tool_result and in a user turn (L4)", () => {
    const t = one({
      model: "claude-sonnet-4-5",
      messages: [
        { role: "user", content: "q" },
        { role: "assistant", content: [{ type: "tool_use", id: "tu1", name: "search", input: { q: "x" } }] },
        {
          role: "user",
          content: [
            {
              type: "tool_result",
              tool_use_id: "tu1",
              content: [
                {
                  type: "search_result",
                  source: "https://example.org/kb",
                  title: "MARK25",
                  content: [{ type: "text", text: "MARK26" }],
                },
                { type: "document", source: { type: "text", media_type: "text/plain", data: "MARK27" } },
              ],
            },
            {
              type: "document",
              title: "MARK28",
              source: { type: "content", content: [{ type: "text", text: "MARK29" }] },
            },
            { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0" } },
            { type: "text", text: "summarise" },
          ],
        },
      ],
    });
    expect(roles(t)).toBe("user,assistant,tool,user");
    expect(parts(t, "tool_result")).toEqual([
      { type: "tool_result", id: "tu1", text: "MARK25\nhttps://example.org/kb\nMARK26\nMARK27" },
    ]);
    expect(t.messages[3]!.parts).toEqual([
      { type: "text", text: "MARK28\nMARK29" },
      { type: "text", text: "summarise" },
    ]);
    expect(t.metadata?.dropped_blocks).toEqual({ "document:base64": 1 });
  });

  it("a conversation whose only Anthropic marker is a document block is read as Anthropic", () => {
    const r = read({
      model: "claude-x",
      messages: [
        {
          role: "user",
          content: [
            {
              type: "document",
              title: "MARK43",
              source: { type: "text", media_type: "text/plain", data: "MARK44" },
            },
            { type: "text", text: "summarise" },
          ],
        },
      ],
    });
    const [t] = ok(r);
    expect(r.format).toBe("anthropic");
    expect(parts(t!)).toEqual([
      { type: "text", text: "MARK43\nMARK44" },
      { type: "text", text: "summarise" },
    ]);
  });

  it("reads tool references (tool search) in a client tool_result and a server one", () => {
    const t = one({
      model: "claude-x",
      messages: [
        { role: "user", content: "find" },
        {
          role: "assistant",
          content: [
            { type: "server_tool_use", id: "s1", name: "tool_search_tool_regex", input: { pattern: "w" } },
            {
              type: "tool_search_tool_result",
              tool_use_id: "s1",
              content: {
                type: "tool_search_tool_search_result",
                tool_references: [{ type: "tool_reference", tool_name: "MARK47" }],
              },
            },
            { type: "tool_use", id: "t1", name: "my_search", input: {} },
          ],
        },
        {
          role: "user",
          content: [
            {
              type: "tool_result",
              tool_use_id: "t1",
              content: [{ type: "tool_reference", tool_name: "MARK48" }],
            },
          ],
        },
      ],
    });
    expect(parts(t, "tool_result")).toEqual([
      { type: "tool_result", id: "s1", text: "MARK47" },
      { type: "tool_result", id: "t1", text: "MARK48" },
    ]);
  });

  it("rejects a block of an unknown type that holds text, and a tool_result holding one", () => {
    rejected(
      read({
        model: "claude-x",
        messages: [{ role: "assistant", content: [{ type: "hologram", words: "MARK30" }] }],
      }),
      "messages.0.content.0",
    );
    rejected(
      read({
        model: "claude-x",
        messages: [
          {
            role: "user",
            content: [
              { type: "tool_result", tool_use_id: "t", content: [{ type: "table", rows: ["MARK31"] }] },
            ],
          },
        ],
      }),
      "messages.0.content.0.content.0",
    );
  });
});

describe("inspect", () => {
  const log = (content: unknown[]) => ({
    version: 2,
    status: "success",
    eval: { eval_id: "e1", task: "t", model: "anthropic/claude-x", created: "2025-11-01T00:00:00Z" },
    samples: [
      {
        id: 1,
        epoch: 1,
        input: "q",
        messages: [
          { role: "user", content: "q" },
          { role: "assistant", content },
        ],
      },
    ],
  });

  it("reads server-side tool use (ContentToolUse): the call, then its result and error (L6)", () => {
    const t = one(
      log([
        {
          type: "tool_use",
          tool_type: "web_search",
          id: "ws1",
          name: "web_search",
          arguments: '{"q":"MARK32"}',
          result: "MARK33",
        },
        {
          type: "tool_use",
          tool_type: "mcp_call",
          id: "m1",
          name: "lookup",
          context: "ops",
          arguments: "{}",
          result: "",
          error: "MARK34",
        },
        { type: "text", text: "ok" },
      ]),
    );
    expect(roles(t)).toBe("user,assistant,tool,assistant,tool,assistant");
    expect(parts(t, "tool_call")).toEqual([
      { type: "tool_call", id: "ws1", name: "web_search", arguments: '{"q":"MARK32"}' },
      { type: "tool_call", id: "m1", name: "lookup", arguments: "{}" },
    ]);
    expect(parts(t, "tool_result")).toEqual([
      { type: "tool_result", id: "ws1", text: "MARK33" },
      { type: "tool_result", id: "m1", text: "MARK34", isError: true },
    ]);
  });

  it("reads Anthropic blocks Inspect keeps as data, drops media, rejects other data holding text (L6)", () => {
    const t = one(
      log([
        {
          type: "data",
          data: { type: "server_tool_use", id: "s1", name: "web_search", input: { query: "MARK35" } },
        },
        {
          type: "data",
          data: {
            type: "web_search_tool_result",
            tool_use_id: "s1",
            content: [
              {
                type: "web_search_result",
                url: "https://example.org",
                title: "MARK36",
                encrypted_content: "x",
              },
            ],
          },
        },
        { type: "image", image: "data:image/png;base64,iVBOR", detail: "auto" },
        {
          type: "document",
          document: "data:application/pdf;base64,JVBER",
          filename: "a.pdf",
          mime_type: "application/pdf",
        },
        { type: "text", text: "ok" },
      ]),
    );
    expect(roles(t)).toBe("user,assistant,tool,assistant");
    expect(body(t)).toContain("MARK35");
    expect(parts(t, "tool_result")).toEqual([
      { type: "tool_result", id: "s1", text: "MARK36\nhttps://example.org" },
    ]);
    expect(t.metadata?.dropped_blocks).toEqual({ image: 1, document: 1 });
    rejected(read(log([{ type: "data", data: { note: "MARK37" } }])), "samples.0.messages.1.content.0.data");
  });
});

describe("native without its schema field", () => {
  const record = {
    id: "n-1",
    model: { id: "m" },
    messages: [
      { role: "user", parts: [{ type: "text", text: "MARK38" }] },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", text: "MARK39" },
          { type: "text", text: "a" },
        ],
      },
    ],
  };

  it("is read as native, every part kept", () => {
    const r = read(record);
    const [t] = ok(r);
    expect(r.format).toBe("native");
    expect(t!.id).toBe("n-1");
    expect(t!.schema).toBe("cotshare/transcript@1");
    expect(parts(t!).map((p) => p.type)).toEqual(["text", "reasoning", "text"]);
    expect(body(t!)).toContain("MARK39");
  });

  it("one part of a type the schema has not: rejected naming the parts field, not read as chat", () => {
    const r = read({
      ...record,
      messages: [...record.messages, { role: "user", parts: [{ type: "image", url: "MARK40" }] }],
    });
    rejected(r, "messages.0.parts");
    expect(r.rejections[0]!.message).toContain("cotshare/transcript@1");
  });

  it("a lone content block object (not in an array) is read, not dropped", () => {
    const t = one({
      model: "claude-x",
      messages: [{ role: "user", content: { type: "text", text: "MARK41" } }],
    });
    expect(parts(t)).toEqual([{ type: "text", text: "MARK41" }]);
    const c = one({
      model: "gpt-4o",
      messages: [{ role: "user", content: { type: "text", text: "MARK42" } }],
    });
    expect(parts(c)).toEqual([{ type: "text", text: "MARK42" }]);
  });

  it("another cotshare schema is rejected naming the schema field", () => {
    const r = read({ schema: "cotshare/transcript@2", ...record });
    rejected(r, "schema");
  });
});
