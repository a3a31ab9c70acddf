/**
 * OpenAI Responses API: a response `{object: "response", output: [items]}`, optionally with the
 * `input` items that led to it (`{input, ...response}` or `{request, response}`), or a bare array
 * of items. Items: `message`, `reasoning` (`summary` → summary reasoning; `content` reasoning_text
 * → reasoning; `encrypted_content` alone → opaque), `function_call`, `function_call_output`, the
 * built-in `*_call` tools and `custom_tool_call(_output)`.
 */
import {
  argsString,
  assistantText,
  checkMessageCount,
  cloneData,
  clean,
  COMMON_FIELDS,
  commonFields,
  Dropped,
  flattenText,
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
  restMetadata,
  toIsoDate,
  type Draft,
  type MessageInput,
  type Obj,
  type PartInput,
  type ReaderContext,
  blocksOf,
  carriesText,
} from "./common";

export const RESPONSE_ITEM_TYPES = new Set([
  "message",
  "reasoning",
  "function_call",
  "function_call_output",
  "custom_tool_call",
  "custom_tool_call_output",
  "web_search_call",
  "file_search_call",
  "computer_call",
  "computer_call_output",
  "code_interpreter_call",
  "local_shell_call",
  "local_shell_call_output",
  "shell_call",
  "shell_call_output",
  "mcp_call",
  "mcp_list_tools",
  "mcp_approval_request",
  "mcp_approval_response",
  "image_generation_call",
  "item_reference",
  "compaction",
]);

export function isResponseItem(v: unknown): boolean {
  const t = get(v, "type");
  return typeof t === "string" && RESPONSE_ITEM_TYPES.has(t);
}

export function looksResponses(o: Obj): boolean {
  if (get(o, "object") === "response") return true;
  const out = getArr(o, "output") ?? getArr(getObj(o, "response"), "output");
  return !!out && out.length > 0 && out.every(isResponseItem);
}

/** Folds items into messages: assistant-side items in a row share one assistant message. */
function itemsToMessages(
  items: unknown[],
  ctx: ReaderContext,
  dropped: Dropped,
  extra: Obj,
  field = "output",
  /** Messages read so far (the input's, before the output's): appended to, and returned. */
  messages: MessageInput[] = [],
): MessageInput[] {
  const sink: BlockSink = { ctx, dropped };
  const assistant = (): PartInput[] => {
    const last = messages[messages.length - 1];
    if (last && last.role === "assistant") return last.parts;
    const m: MessageInput = { role: "assistant", parts: [] };
    messages.push(m);
    return m.parts;
  };
  const tool = (p: PartInput, name?: string) => {
    messages.push(name !== undefined ? { role: "tool", parts: [p], name } : { role: "tool", parts: [p] });
  };
  for (const [n, item] of items.entries()) {
    const at = `${field}.${n}`;
    if (!isObj(item)) {
      dropped.add(typeof item);
      continue;
    }
    const type = getStr(item, "type") ?? (getStr(item, "role") !== undefined ? "message" : "unknown");
    switch (type) {
      case "message": {
        const roleRaw = getStr(item, "role") ?? "assistant";
        const role: MessageInput["role"] =
          roleRaw === "developer" || roleRaw === "system"
            ? "system"
            : roleRaw === "user"
              ? "user"
              : "assistant";
        const parts: PartInput[] = [];
        const content = get(item, "content");
        if (typeof content === "string")
          parts.push(
            ...(role === "assistant"
              ? assistantText(clean(content))
              : [{ type: "text" as const, text: clean(content) }]),
          );
        else
          for (const [j, block] of blocksOf(content).entries()) {
            const bt = getStr(block, "type") ?? "unknown";
            const text = getStr(block, "text");
            if ((bt === "output_text" || bt === "input_text" || bt === "text") && text !== undefined)
              parts.push(...(role === "assistant" ? assistantText(text) : [{ type: "text" as const, text }]));
            else if (bt === "refusal" && getStr(block, "refusal") !== undefined)
              parts.push({ type: "text", text: getStr(block, "refusal")! });
            else unreadBlock(sink, block, bt, `${at}.content.${j}`);
          }
        if (role === "assistant") assistant().push(...parts);
        else messages.push({ role, parts });
        break;
      }
      case "reasoning": {
        const parts = assistant();
        const full = (getArr(item, "content") ?? [])
          .map((c) => getStr(c, "text"))
          .filter((t): t is string => !!t);
        const summary = (getArr(item, "summary") ?? [])
          .map((c) => getStr(c, "text"))
          .filter((t): t is string => !!t);
        for (const t of full) parts.push({ type: "reasoning", text: t });
        for (const t of summary) parts.push({ type: "reasoning", text: t, summary: true });
        // Encrypted (or absent) reasoning with no readable text: keep that it happened, not what.
        if (full.length === 0 && summary.length === 0)
          parts.push({ type: "reasoning", text: "", opaque: true });
        break;
      }
      case "function_call":
        assistant().push({
          type: "tool_call",
          id: getStr(item, "call_id") ?? getStr(item, "id") ?? "",
          name: getStr(item, "name") ?? "",
          arguments: argsString(get(item, "arguments")),
        });
        break;
      case "custom_tool_call":
        assistant().push({
          type: "tool_call",
          id: getStr(item, "call_id") ?? getStr(item, "id") ?? "",
          name: getStr(item, "name") ?? "",
          arguments: argsString(get(item, "input")),
        });
        break;
      case "function_call_output":
      case "custom_tool_call_output":
      case "computer_call_output":
      case "local_shell_call_output":
      case "shell_call_output":
        tool({
          type: "tool_result",
          id: getStr(item, "call_id") ?? "",
          text: flattenText(get(item, "output"), sink, `${at}.output`),
        });
        break;
      case "mcp_list_tools":
        // The tools an MCP server offers: definitions, kept in metadata as a request's `tools` are.
        extra.mcp_list_tools = [
          ...(Array.isArray(extra.mcp_list_tools) ? extra.mcp_list_tools : []),
          cloneData(item),
        ];
        break;
      case "mcp_approval_request":
        assistant().push({
          type: "tool_call",
          id: getStr(item, "id") ?? "",
          name: getStr(item, "name") ?? type,
          arguments: argsString(get(item, "arguments")),
        });
        break;
      case "mcp_approval_response": {
        const approve = get(item, "approve");
        const reason = getStr(item, "reason");
        tool(
          {
            type: "tool_result",
            id: getStr(item, "approval_request_id") ?? "",
            text: [approve === true ? "approved" : approve === false ? "denied" : "", reason ?? ""]
              .filter(Boolean)
              .join(": "),
          },
          type,
        );
        break;
      }
      default:
        if (type.endsWith("_call")) {
          // Built-in tools: the call's action is its arguments; outputs, if any, follow as results.
          const id = getStr(item, "call_id") ?? getStr(item, "id") ?? "";
          const args =
            get(item, "action") ??
            get(item, "arguments") ??
            get(item, "input") ??
            get(item, "code") ??
            get(item, "query") ??
            // file_search_call: the queries the model ran.
            (get(item, "queries") !== undefined ? { queries: get(item, "queries") } : undefined) ??
            otherFields(item);
          // image_generation_call: the image itself (base64) is media.
          if (typeof get(item, "result") === "string") dropped.add(`${type}.result`);
          assistant().push({
            type: "tool_call",
            id,
            name: getStr(item, "name") ?? type,
            arguments: argsString(args ?? {}),
          });
          const key = ["output", "outputs", "results"].find(
            (k) => get(item, k) !== undefined && get(item, k) !== null,
          );
          const error = getStr(item, "error");
          if (key !== undefined || error)
            tool(
              {
                type: "tool_result",
                id,
                text: [
                  key !== undefined ? flattenText(get(item, key), sink, `${at}.${key}`) : "",
                  error ?? "",
                ]
                  .filter(Boolean)
                  .join("\n"),
                ...(error ? { isError: true } : {}),
              },
              type,
            );
        } else unreadBlock(sink, item, type, at);
    }
  }
  checkMessageCount(ctx, messages.length, "output");
  return messages;
}

/** Fields of a built-in tool item that are not its arguments (ids, status, outputs, media). */
const CALL_ITEM_FIELDS = new Set([
  "type",
  "id",
  "call_id",
  "status",
  "name",
  "server_label",
  "output",
  "outputs",
  "results",
  "result",
  "error",
]);

/**
 * A built-in tool item of a shape not listed here: its other fields holding text (a
 * `revised_prompt`, say) are its arguments, so none of it is lost; undefined when none does.
 */
function otherFields(item: Obj): Obj | undefined {
  const out: Obj = {};
  for (const [k, v] of Object.entries(item)) if (!CALL_ITEM_FIELDS.has(k) && carriesText(v)) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

const RESPONSE_FIELDS = [
  "id",
  "object",
  "created_at",
  "model",
  "output",
  "input",
  "instructions",
  "temperature",
  "top_p",
  "max_output_tokens",
  "reasoning",
];

export function readOpenAIResponses(o: Obj | unknown[], ctx: ReaderContext): Draft[] {
  const dropped = new Dropped();
  const extraMeta: Obj = {};
  if (Array.isArray(o)) {
    checkMessageCount(ctx, o.length, "items");
    return [
      {
        model: model(undefined),
        messages: itemsToMessages(o, ctx, dropped, extraMeta, "items"),
        metadata: mergeMetadata(extraMeta, dropped.metadata()),
      },
    ];
  }
  const response = getObj(o, "response") ?? o;
  const request = getObj(o, "request") ?? o;
  const input = get(request, "input") ?? get(response, "input");
  const output = getArr(response, "output") ?? [];
  const inputItems =
    typeof input === "string"
      ? [{ type: "message", role: "user", content: input }]
      : Array.isArray(input)
        ? input
        : [];
  checkMessageCount(ctx, inputItems.length + output.length, "output");
  const instructions = getStr(response, "instructions") ?? getStr(request, "instructions");
  const messages: MessageInput[] = [];
  if (instructions) messages.push({ role: "system", parts: [{ type: "text", text: instructions }] });
  itemsToMessages(inputItems, ctx, dropped, extraMeta, "input", messages);
  itemsToMessages(output, ctx, dropped, extraMeta, "output", messages);
  const common = commonFields(o, ctx);
  const reasoning = getObj(response, "reasoning") ?? getObj(request, "reasoning");
  const inf = inference({
    temperature: getNum(response, "temperature") ?? getNum(request, "temperature"),
    top_p: getNum(response, "top_p") ?? getNum(request, "top_p"),
    max_tokens: getNum(response, "max_output_tokens") ?? getNum(request, "max_output_tokens"),
    reasoning_effort: getStr(reasoning, "effort"),
    provider: common.provider,
    serving: common.serving,
  });
  const modelId = getStr(response, "model") ?? getStr(request, "model");
  const id = getStr(response, "id") ?? getStr(o, "id");
  const createdAt = common.createdAt ?? toIsoDate(get(response, "created_at"));
  return [
    {
      ...(id !== undefined ? { id } : {}),
      model: model(modelId),
      ...(inf ? { inference: inf } : {}),
      ...(common.task ? { task: common.task } : {}),
      ...(createdAt ? { createdAt } : {}),
      ...(common.license ? { license: common.license } : {}),
      ...(common.tags ? { tags: common.tags } : {}),
      ...(common.publishable !== undefined ? { publishable: common.publishable } : {}),
      messages,
      metadata: mergeMetadata(
        restMetadata(o, [...COMMON_FIELDS, ...RESPONSE_FIELDS, "request", "response"]),
        request !== o ? restMetadata(request, RESPONSE_FIELDS) : undefined,
        response !== o ? restMetadata(response, RESPONSE_FIELDS) : undefined,
        get(reasoning, "summary") !== undefined
          ? { reasoning_summary_mode: cloneData(get(reasoning, "summary")) }
          : undefined,
        common.metadata,
        extraMeta,
        dropped.metadata(),
      ),
    },
  ];
}
