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
} from "./common";

const ANTHROPIC_BLOCKS = new Set([
  "thinking",
  "redacted_thinking",
  "tool_use",
  "tool_result",
  "server_tool_use",
  "web_search_tool_result",
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

function blocksToMessages(role: "user" | "assistant", content: unknown, dropped: Dropped): MessageInput[] {
  if (typeof content === "string") {
    return [
      { role, parts: role === "assistant" ? assistantText(content) : [{ type: "text", text: content }] },
    ];
  }
  const parts: PartInput[] = [];
  const results: PartInput[] = [];
  for (const b of Array.isArray(content) ? content : []) {
    const type = getStr(b, "type") ?? "unknown";
    switch (type) {
      case "text": {
        const t = getStr(b, "text") ?? "";
        parts.push(...(role === "assistant" ? assistantText(t) : [{ type: "text" as const, text: t }]));
        break;
      }
      case "thinking": {
        // A thinking block whose text is withheld (only a signature) is opaque, like redacted_thinking.
        const t = getStr(b, "thinking") ?? "";
        parts.push(t ? { type: "reasoning", text: t } : { type: "reasoning", text: "", opaque: true });
        break;
      }
      case "redacted_thinking":
        parts.push({ type: "reasoning", text: "", opaque: true });
        break;
      case "tool_use":
      case "server_tool_use":
      case "mcp_tool_use":
        parts.push({
          type: "tool_call",
          id: getStr(b, "id") ?? "",
          name: getStr(b, "name") ?? "",
          arguments: argsString(get(b, "input")),
        });
        break;
      case "tool_result":
      case "web_search_tool_result":
      case "mcp_tool_result": {
        const isError = get(b, "is_error");
        results.push({
          type: "tool_result",
          id: getStr(b, "tool_use_id") ?? "",
          text: flattenText(get(b, "content")),
          ...(typeof isError === "boolean" ? { isError } : {}),
        });
        break;
      }
      default:
        dropped.add(type);
    }
  }
  const out: MessageInput[] = [];
  // Tool results answer the previous assistant turn, so they come before the user's own text.
  if (results.length) out.push({ role: "tool", parts: results });
  if (parts.length || !results.length) out.push({ role, parts });
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
  const raw = getArr(request, "messages") ?? [];
  checkMessageCount(ctx, raw.length + 2, "messages");
  const messages: MessageInput[] = [];
  const system = get(request, "system");
  if (system !== undefined) {
    const text = flattenText(system);
    if (text) messages.push({ role: "system", parts: [{ type: "text", text }] });
  }
  raw.forEach((m, i) => {
    const role = getStr(m, "role");
    if (role !== "user" && role !== "assistant")
      reject(ctx, "schema", `messages.${i}.role`, "missing or unknown role");
    messages.push(...blocksToMessages(role, get(m, "content"), dropped));
  });
  if (response) messages.push(...blocksToMessages("assistant", get(response, "content"), dropped));
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
