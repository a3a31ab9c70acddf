/**
 * OpenAI Chat Completions: a conversation `{model, messages, temperature, …}` (the request, often
 * with the assistant turns appended), a response `{object: "chat.completion", choices}`, or both
 * as `{request, response}`. Assistant reasoning comes from `reasoning_content` (DeepSeek, vLLM)
 * or `reasoning` (OpenRouter, newer vLLM), or from `<think>` blocks in the content.
 */
import {
  argsString,
  assistantText,
  checkMessageCount,
  clean,
  COMMON_FIELDS,
  commonFields,
  Dropped,
  flattenText,
  carriesText,
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
  rejectStrayParts,
  thinkingText,
} from "./common";

const ROLES: Record<string, MessageInput["role"]> = {
  system: "system",
  developer: "system",
  user: "user",
  assistant: "assistant",
  tool: "tool",
  function: "tool",
};

/** A chat message is OpenAI-shaped when it uses a field only Chat Completions has. */
export function chatMarkers(messages: unknown[]): boolean {
  return messages.some(
    (m) =>
      isObj(m) &&
      (get(m, "tool_calls") !== undefined ||
        get(m, "tool_call_id") !== undefined ||
        get(m, "reasoning_content") !== undefined ||
        get(m, "function_call") !== undefined ||
        (get(m, "role") === "assistant" && typeof get(m, "reasoning") === "string") ||
        get(m, "role") === "developer" ||
        get(m, "role") === "function"),
  );
}

export function looksChatResponse(o: Obj): boolean {
  return (
    get(o, "object") === "chat.completion" ||
    (Array.isArray(get(o, "choices")) && isObj(get(getArr(o, "choices")![0], "message")))
  );
}

function contentParts(
  content: unknown,
  role: MessageInput["role"],
  sink: BlockSink,
  field: string,
): PartInput[] {
  if (typeof content === "string")
    return role === "assistant"
      ? assistantText(clean(content))
      : content
        ? [{ type: "text", text: clean(content) }]
        : [];
  const parts: PartInput[] = [];
  for (const [i, block] of blocksOf(content).entries()) {
    if (typeof block === "string") {
      parts.push({ type: "text", text: clean(block) });
      continue;
    }
    const type = getStr(block, "type") ?? "unknown";
    // `text` is a string in Chat Completions; `{value, annotations}` in Assistants-style blocks.
    const text = getStr(block, "text") ?? getStr(getObj(block, "text"), "value");
    if ((type === "text" || type === "input_text" || type === "output_text") && text !== undefined) {
      if (role === "assistant") parts.push(...assistantText(text));
      else parts.push({ type: "text", text });
    } else if (type === "refusal" && getStr(block, "refusal") !== undefined) {
      parts.push({ type: "text", text: getStr(block, "refusal")! });
    } else if (type === "thinking" && role === "assistant") {
      // Mistral's reasoning models: `{type: "thinking", thinking: [{type: "text", text}]}`.
      const t = thinkingText(block, sink, `${field}.content.${i}`);
      parts.push(t ? { type: "reasoning", text: t } : { type: "reasoning", text: "", opaque: true });
    } else unreadBlock(sink, block, type, `${field}.content.${i}`);
  }
  return parts;
}

export function chatMessage(
  m: unknown,
  i: number,
  ctx: ReaderContext,
  dropped: Dropped,
  field = "messages",
): MessageInput {
  const sink: BlockSink = { ctx, dropped };
  const at = `${field}.${i}`;
  const roleRaw = getStr(m, "role");
  const role = roleRaw !== undefined && Object.hasOwn(ROLES, roleRaw) ? ROLES[roleRaw] : undefined;
  if (!role) reject(ctx, "schema", `${field}.${i}.role`, "missing or unknown role");
  rejectStrayParts(ctx, m, at);
  const name = getStr(m, "name");
  const parts: PartInput[] = [];
  if (role === "tool") {
    const id = getStr(m, "tool_call_id") ?? "";
    parts.push({ type: "tool_result", id, text: flattenText(get(m, "content"), sink, `${at}.content`) });
    return name !== undefined ? { role, parts, name } : { role, parts };
  }
  if (role === "assistant") {
    const reasoning = getStr(m, "reasoning_content") ?? getStr(m, "reasoning");
    if (reasoning) parts.push({ type: "reasoning", text: reasoning });
    else parts.push(...reasoningDetails(getArr(m, "reasoning_details"), sink, `${at}.reasoning_details`));
  }
  parts.push(...contentParts(get(m, "content"), role, sink, at));
  const refusal = getStr(m, "refusal");
  if (refusal) parts.push({ type: "text", text: refusal });
  // Audio output (gpt-4o-audio): the audio itself is dropped, its transcript is the message's text.
  const audio = getObj(m, "audio");
  if (audio) {
    const transcript = getStr(audio, "transcript");
    if (transcript)
      parts.push(
        ...(role === "assistant" ? assistantText(transcript) : [{ type: "text" as const, text: transcript }]),
      );
    if (get(audio, "data") !== undefined || get(audio, "id") !== undefined) dropped.add("audio");
  }
  if (role === "assistant") {
    for (const [j, tc] of (getArr(m, "tool_calls") ?? []).entries()) {
      const fn = getObj(tc, "function");
      // Custom tools (GPT-5, e.g. apply_patch): `{type: "custom", custom: {name, input}}`, free text.
      const custom = getObj(tc, "custom");
      if (!fn && custom) {
        parts.push({
          type: "tool_call",
          id: getStr(tc, "id") ?? "",
          name: getStr(custom, "name") ?? "",
          arguments: argsString(get(custom, "input") ?? ""),
        });
        continue;
      }
      // Inspect-style calls, `{id, function: "<name>", arguments: {…}}`.
      if (!fn && typeof get(tc, "function") === "string") {
        parts.push({
          type: "tool_call",
          id: getStr(tc, "id") ?? "",
          name: getStr(tc, "function")!,
          arguments: argsString(get(tc, "arguments")),
        });
        continue;
      }
      if (!fn && carriesText(tc))
        unreadBlock(sink, tc, getStr(tc, "type") ?? "unknown", `${at}.tool_calls.${j}`);
      parts.push({
        type: "tool_call",
        id: getStr(tc, "id") ?? "",
        name: getStr(fn, "name") ?? getStr(tc, "type") ?? "",
        arguments: argsString(get(fn, "arguments")),
      });
    }
    const fc = getObj(m, "function_call");
    if (fc)
      parts.push({
        type: "tool_call",
        id: "",
        name: getStr(fc, "name") ?? "",
        arguments: argsString(get(fc, "arguments")),
      });
  }
  return name !== undefined ? { role, parts, name } : { role, parts };
}

/**
 * OpenRouter `reasoning_details` (when no `reasoning` string stands beside them):
 * `reasoning.text` → reasoning, `reasoning.summary` → summary reasoning, `reasoning.encrypted` →
 * opaque reasoning.
 */
function reasoningDetails(details: unknown[] | undefined, sink: BlockSink, field: string): PartInput[] {
  const parts: PartInput[] = [];
  for (const [i, d] of (details ?? []).entries()) {
    const type = getStr(d, "type") ?? "unknown";
    if (type === "reasoning.text" && getStr(d, "text"))
      parts.push({ type: "reasoning", text: getStr(d, "text")! });
    else if (type === "reasoning.summary" && getStr(d, "summary"))
      parts.push({ type: "reasoning", text: getStr(d, "summary")!, summary: true });
    else if (type === "reasoning.encrypted") parts.push({ type: "reasoning", text: "", opaque: true });
    else if (type === "reasoning.text" || type === "reasoning.summary") continue;
    else unreadBlock(sink, d, type, `${field}.${i}`);
  }
  return parts;
}

const REQUEST_FIELDS = [
  "model",
  "messages",
  "temperature",
  "top_p",
  "max_tokens",
  "max_completion_tokens",
  "reasoning_effort",
  "id",
  "stream",
];
const RESPONSE_FIELDS = ["id", "object", "created", "model", "choices"];

export function readOpenAIChat(o: Obj, ctx: ReaderContext): Draft[] {
  const request = getObj(o, "request") ?? (getArr(o, "messages") ? o : undefined);
  const response = getObj(o, "response") ?? (looksChatResponse(o) ? o : undefined);
  const dropped = new Dropped();
  const reqMessages = getArr(request, "messages") ?? [];
  checkMessageCount(ctx, reqMessages.length, "messages");
  const base: MessageInput[] = reqMessages.map((m, i) => chatMessage(m, i, ctx, dropped));
  const choices = getArr(response, "choices") ?? [];
  const common = commonFields(o, ctx);
  const modelId = getStr(response, "model") ?? getStr(request, "model");
  const inf = inference({
    temperature: getNum(request, "temperature"),
    top_p: getNum(request, "top_p"),
    max_tokens: getNum(request, "max_completion_tokens") ?? getNum(request, "max_tokens"),
    reasoning_effort: getStr(request, "reasoning_effort"),
    provider: common.provider,
    serving: common.serving,
  });
  const requestMeta = request && request !== o ? restMetadata(request, REQUEST_FIELDS) : undefined;
  const responseMeta = response
    ? restMetadata(response, [...RESPONSE_FIELDS, ...(response === o ? REQUEST_FIELDS : [])])
    : undefined;
  const topMeta = restMetadata(o, [
    ...COMMON_FIELDS,
    ...REQUEST_FIELDS,
    ...RESPONSE_FIELDS,
    "request",
    "response",
  ]);
  const createdAt =
    common.createdAt ??
    (typeof get(response, "created") === "number"
      ? new Date(getNum(response, "created")! * 1000).toISOString()
      : undefined);
  const ownId = getStr(response, "id") ?? getStr(o, "id");

  const one = (messages: MessageInput[], id: string | undefined, extra?: Obj): Draft => ({
    ...(id !== undefined ? { id } : {}),
    model: model(modelId),
    ...(inf ? { inference: inf } : {}),
    ...(common.task ? { task: common.task } : {}),
    ...(createdAt ? { createdAt } : {}),
    ...(common.license ? { license: common.license } : {}),
    ...(common.tags ? { tags: common.tags } : {}),
    ...(common.publishable !== undefined ? { publishable: common.publishable } : {}),
    messages,
    metadata: mergeMetadata(topMeta, requestMeta, responseMeta, common.metadata, dropped.metadata(), extra),
  });

  if (choices.length === 0) {
    if (base.length === 0) reject(ctx, "schema", "messages", "no messages and no choices");
    return [one(base, ownId)];
  }
  // One transcript per choice (n > 1 gives several completions of the same prompt).
  return choices.map((c, i) => {
    const msg = getObj(c, "message");
    if (!msg) reject(ctx, "schema", `choices.${i}.message`, "missing message");
    const messages = [...base, chatMessage({ role: "assistant", ...msg }, i, ctx, dropped, "choices")];
    checkMessageCount(ctx, messages.length, "messages");
    const finish = getStr(c, "finish_reason");
    const id = ownId !== undefined && choices.length > 1 ? `${ownId}-${getNum(c, "index") ?? i}` : ownId;
    return one(messages, id, finish ? { finish_reason: finish } : undefined);
  });
}
