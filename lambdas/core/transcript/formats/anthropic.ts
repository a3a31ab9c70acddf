/**
 * Anthropic Messages: a response `{type: "message", role: "assistant", content: [blocks]}`, a
 * conversation `{model, system, messages, max_tokens, thinking, …}` (the request, often with the
 * assistant turns appended), or both as `{request, response}`. Blocks: `text`, `thinking`
 * (reasoning; its `signature` is dropped), `redacted_thinking` (opaque reasoning), `tool_use`,
 * `tool_result` (moved from the user turn into a tool message), server tools and their results.
 */
import {
  argsString,
  assistantText,
  checkMessageCount,
  cloneData,
  COMMON_FIELDS,
  commonFields,
  Dropped,
  flattenText,
  blockText,
  isErrorBlock,
  unreadBlock,
  type BlockSink,
  get,
  getArr,
  getNum,
  getObj,
  getStr,
  inference,
  isObj,
  mergeMetadata,
  model,
  reject,
  restMetadata,
  type Draft,
  type MessageInput,
  type Obj,
  type PartInput,
  type ReaderContext,
  blocksOf,
  thinkingText,
} from "./common";

const ANTHROPIC_BLOCKS = new Set([
  "thinking",
  "redacted_thinking",
  "tool_use",
  "tool_result",
  "server_tool_use",
  "web_search_tool_result",
  "web_fetch_tool_result",
  "code_execution_tool_result",
  "bash_code_execution_tool_result",
  "text_editor_code_execution_tool_result",
  "tool_search_tool_result",
  "mcp_tool_use",
  "mcp_tool_result",
  "search_result",
  "document",
]);

export function looksAnthropicResponse(o: Obj): boolean {
  return get(o, "type") === "message" && get(o, "role") === "assistant" && Array.isArray(get(o, "content"));
}

/** A conversation is Anthropic-shaped when a block type or a top-level field only it has appears. */
export function anthropicMarkers(o: Obj, messages: unknown[]): boolean {
  if (
    get(o, "system") !== undefined ||
    get(o, "anthropic_version") !== undefined ||
    isObj(get(o, "thinking"))
  )
    return true;
  return messages.some((m) =>
    (getArr(m, "content") ?? []).some((b) => {
      const t = get(b, "type");
      return typeof t === "string" && ANTHROPIC_BLOCKS.has(t);
    }),
  );
}

/** Result blocks of server tools (run by Anthropic within the assistant turn) and client tools. */
const RESULT_BLOCKS = new Set([
  "tool_result",
  "mcp_tool_result",
  "web_search_tool_result",
  "web_fetch_tool_result",
  "code_execution_tool_result",
  "bash_code_execution_tool_result",
  "text_editor_code_execution_tool_result",
  "tool_search_tool_result",
]);

/** Blocks that call a tool. */
const CALL_BLOCKS = new Set(["tool_use", "server_tool_use", "mcp_tool_use"]);

/** Whether a block type is one this reader maps (for readers of logs that embed Anthropic blocks). */
export function isAnthropicBlock(type: string): boolean {
  return RESULT_BLOCKS.has(type) || CALL_BLOCKS.has(type) || ANTHROPIC_BLOCKS.has(type);
}

/** A tool result block as a canonical tool_result part (`*_error` content marks an error). */
export function resultPart(b: unknown, sink: BlockSink, field: string): PartInput {
  const isError = get(b, "is_error");
  const content = get(b, "content");
  const error =
    isErrorBlock(content) || (Array.isArray(content) && content.length > 0 && content.every(isErrorBlock));
  return {
    type: "tool_result",
    id: getStr(b, "tool_use_id") ?? "",
    text: flattenText(content, sink, `${field}.content`),
    ...(typeof isError === "boolean" ? { isError } : error ? { isError: true } : {}),
  };
}

/** A tool call block (`tool_use`, `server_tool_use`, `mcp_tool_use`) as a canonical tool_call part. */
export function callPart(b: unknown): PartInput {
  return {
    type: "tool_call",
    id: getStr(b, "id") ?? "",
    name: getStr(b, "name") ?? "",
    arguments: argsString(get(b, "input")),
  };
}

/**
 * One turn's blocks as messages. In a user turn, tool results answer the previous assistant turn
 * and come first, as one tool message, before the user's own text. In an assistant turn, server
 * tool results (web search, web fetch, code execution, …) stand where they were: the assistant
 * message is split around each run of results, which becomes a tool message.
 */
export function blocksToMessages(
  role: "user" | "assistant",
  content: unknown,
  sink: BlockSink,
  field: string,
): MessageInput[] {
  if (typeof content === "string") {
    return [
      { role, parts: role === "assistant" ? assistantText(content) : [{ type: "text", text: content }] },
    ];
  }
  const out: MessageInput[] = [];
  let parts: PartInput[] = [];
  const results: PartInput[] = [];
  const flush = () => {
    if (parts.length) out.push({ role, parts });
    parts = [];
  };
  for (const [i, b] of blocksOf(content).entries()) {
    const at = (): string => `${field}.${i}`;
    const type = getStr(b, "type") ?? "unknown";
    if (RESULT_BLOCKS.has(type)) {
      if (role === "user") results.push(resultPart(b, sink, at()));
      else {
        flush();
        const last = out[out.length - 1];
        if (last && last.role === "tool") last.parts.push(resultPart(b, sink, at()));
        else out.push({ role: "tool", parts: [resultPart(b, sink, at())] });
      }
      continue;
    }
    if (CALL_BLOCKS.has(type)) {
      parts.push(callPart(b));
      continue;
    }
    switch (type) {
      case "text": {
        const t = getStr(b, "text") ?? "";
        parts.push(...(role === "assistant" ? assistantText(t) : [{ type: "text" as const, text: t }]));
        break;
      }
      case "thinking": {
        // A thinking block whose text is withheld (only a signature) is opaque, like redacted_thinking.
        const t = thinkingText(b, sink, at());
        parts.push(t ? { type: "reasoning", text: t } : { type: "reasoning", text: "", opaque: true });
        break;
      }
      case "redacted_thinking":
        parts.push({ type: "reasoning", text: "", opaque: true });
        break;
      case "document":
      case "search_result": {
        // Text the user supplied (a text or content document, a search result): read as text.
        const t = blockText(b, sink, at()).join("\n");
        if (t) parts.push({ type: "text", text: t });
        break;
      }
      default:
        unreadBlock(sink, b, type, at());
    }
  }
  if (results.length) out.unshift({ role: "tool", parts: results });
  flush();
  if (out.length === 0) out.push({ role, parts: [] });
  return out;
}

const REQUEST_FIELDS = [
  "model",
  "system",
  "messages",
  "max_tokens",
  "temperature",
  "top_p",
  "thinking",
  "id",
  "stream",
  "tools",
  "tool_choice",
];
const RESPONSE_FIELDS = ["id", "type", "role", "model", "content"];

export function readAnthropic(o: Obj, ctx: ReaderContext): Draft[] {
  const request = getObj(o, "request") ?? (getArr(o, "messages") ? o : undefined);
  const response = getObj(o, "response") ?? (looksAnthropicResponse(o) ? o : undefined);
  const dropped = new Dropped();
  const sink: BlockSink = { ctx, dropped };
  const raw = getArr(request, "messages") ?? [];
  checkMessageCount(ctx, raw.length + 2, "messages");
  const messages: MessageInput[] = [];
  const system = get(request, "system");
  if (system !== undefined) {
    const text = flattenText(system, sink, "system");
    if (text) messages.push({ role: "system", parts: [{ type: "text", text }] });
  }
  raw.forEach((m, i) => {
    const role = getStr(m, "role");
    if (role !== "user" && role !== "assistant")
      reject(ctx, "schema", `messages.${i}.role`, "missing or unknown role");
    messages.push(...blocksToMessages(role, get(m, "content"), sink, `messages.${i}.content`));
  });
  if (response)
    messages.push(
      ...blocksToMessages(
        "assistant",
        get(response, "content"),
        sink,
        response === o ? "content" : "response.content",
      ),
    );
  if (messages.length === 0) reject(ctx, "schema", "messages", "no messages and no content");
  checkMessageCount(ctx, messages.length, "messages");
  const common = commonFields(o, ctx);
  const thinking = getObj(request, "thinking");
  const inf = inference({
    temperature: getNum(request, "temperature"),
    top_p: getNum(request, "top_p"),
    max_tokens: getNum(request, "max_tokens"),
    provider: common.provider,
    serving: common.serving,
  });
  const modelId = getStr(response, "model") ?? getStr(request, "model");
  const id = getStr(response, "id") ?? getStr(o, "id");
  return [
    {
      ...(id !== undefined ? { id } : {}),
      model: model(modelId),
      ...(inf ? { inference: inf } : {}),
      ...(common.task ? { task: common.task } : {}),
      ...(common.createdAt ? { createdAt: common.createdAt } : {}),
      ...(common.license ? { license: common.license } : {}),
      ...(common.tags ? { tags: common.tags } : {}),
      ...(common.publishable !== undefined ? { publishable: common.publishable } : {}),
      messages,
      metadata: mergeMetadata(
        restMetadata(o, [...COMMON_FIELDS, ...REQUEST_FIELDS, ...RESPONSE_FIELDS, "request", "response"]),
        thinking ? { thinking: cloneData(thinking) } : undefined,
        response && response !== o ? restMetadata(response, RESPONSE_FIELDS) : undefined,
        request && request !== o ? restMetadata(request, REQUEST_FIELDS) : undefined,
        common.metadata,
        dropped.metadata(),
      ),
    },
  ];
}
