/**
 * Inspect AI eval logs: `EvalLog` JSON `{version, eval, plan, results, samples: [EvalSample]}`,
 * and the `.eval` zip archive (`header.json` = the log without samples, `samples/<id>_epoch_<n>.json`
 * = one EvalSample each; `_journal/start.json` holds the eval spec while a run is in progress).
 * One transcript per sample. Messages are Inspect `ChatMessage`s: content a string or a list of
 * `text` / `reasoning` (`reasoning`, `summary`, `redacted`) / media blocks; assistant `tool_calls`
 * with `arguments` as an object; `tool` messages with `tool_call_id`, `function` and `error`.
 */
import {
  argsString,
  assistantText,
  checkMessageCount,
  clean,
  combineConsent,
  consentOf,
  cloneData,
  Dropped,
  dropUndefined,
  flattenText,
  unreadBlock,
  type BlockSink,
  get,
  getArr,
  getNum,
  getObj,
  getStr,
  guessProvider,
  inference,
  isObj,
  mergeMetadata,
  reject,
  toIsoDate,
  type Draft,
  type MessageInput,
  type Obj,
  type PartInput,
  type ReaderContext,
  blocksOf,
} from "./common";
import { blocksToMessages, isAnthropicBlock } from "./anthropic";

export function looksInspectLog(o: Obj): boolean {
  const ev = getObj(o, "eval");
  return (
    !!ev &&
    (typeof get(ev, "task") === "string" || typeof get(ev, "model") === "string") &&
    (Array.isArray(get(o, "samples")) || get(o, "version") !== undefined)
  );
}

/** A lone EvalSample (e.g. one line of an exported samples JSONL). */
export function looksInspectSample(o: Obj): boolean {
  return Array.isArray(get(o, "messages")) && get(o, "epoch") !== undefined && get(o, "input") !== undefined;
}

/** Inspect model names are `<api provider>/<model>`, e.g. `openai/gpt-4o`, `openrouter/deepseek/deepseek-r1`. */
const LAB_APIS: Record<string, string> = {
  openai: "openai",
  anthropic: "anthropic",
  google: "google",
  mistral: "mistral",
  grok: "xai",
  deepseek: "deepseek",
};

function splitModel(name: string | undefined): { id?: string; provider?: string; api?: string } {
  if (!name) return {};
  const slash = name.indexOf("/");
  if (slash < 0) return { id: name, provider: guessProvider(name) };
  const api = name.slice(0, slash);
  const id = name.slice(slash + 1);
  return {
    id,
    api,
    provider: Object.hasOwn(LAB_APIS, api) ? LAB_APIS[api] : guessProvider(id.split("/").pop()),
  };
}

/**
 * One Inspect ChatMessage as canonical messages: usually one; an assistant message holding
 * server-side tool use (`tool_use` content: web search, MCP, code execution, with its `result`)
 * is split around it, the result becoming a tool message, as Anthropic server tools are read.
 */
function inspectMessages(
  m: unknown,
  i: number,
  ctx: ReaderContext,
  dropped: Dropped,
  field = "messages",
): MessageInput[] {
  const at = `${field}.${i}`;
  const sink: BlockSink = { ctx, dropped };
  const role = getStr(m, "role");
  if (role !== "system" && role !== "user" && role !== "assistant" && role !== "tool") {
    reject(ctx, "schema", `${at}.role`, "missing or unknown role");
  }
  const content = get(m, "content");
  if (role === "tool") {
    const err = getObj(m, "error");
    const fn = getStr(m, "function");
    const part: PartInput = {
      type: "tool_result",
      id: getStr(m, "tool_call_id") ?? "",
      text: flattenText(content, sink, `${at}.content`) || (getStr(err, "message") ?? ""),
      ...(err ? { isError: true } : {}),
    };
    return [fn !== undefined ? { role, parts: [part], name: fn } : { role, parts: [part] }];
  }
  const out: MessageInput[] = [];
  let parts: PartInput[] = [];
  const flush = () => {
    if (parts.length) out.push({ role, parts });
    parts = [];
  };
  const toolMessage = (p: PartInput[]) => {
    if (!p.length) return;
    flush();
    const last = out[out.length - 1];
    if (last && last.role === "tool") last.parts.push(...p);
    else out.push({ role: "tool", parts: p });
  };
  if (typeof content === "string")
    parts.push(
      ...(role === "assistant"
        ? assistantText(clean(content))
        : content
          ? [{ type: "text" as const, text: clean(content) }]
          : []),
    );
  else
    for (const [j, b] of blocksOf(content).entries()) {
      const bat = `${at}.content.${j}`;
      const type = getStr(b, "type") ?? "unknown";
      if (type === "text") {
        const t = getStr(b, "text") ?? "";
        parts.push(...(role === "assistant" ? assistantText(t) : [{ type: "text" as const, text: t }]));
      } else if (type === "reasoning") {
        const redacted = get(b, "redacted") === true;
        const text = getStr(b, "reasoning") ?? "";
        const summary = getStr(b, "summary");
        if (redacted || !text) parts.push({ type: "reasoning", text: "", opaque: true });
        else parts.push({ type: "reasoning", text });
        if (summary) parts.push({ type: "reasoning", text: summary, summary: true });
      } else if (type === "tool_use") {
        // Server-side tool use (ContentToolUse): the call, then its result (or error).
        const id = getStr(b, "id") ?? "";
        const name = getStr(b, "name") ?? getStr(b, "tool_type") ?? "";
        parts.push({ type: "tool_call", id, name, arguments: argsString(get(b, "arguments")) });
        const result = flattenText(get(b, "result"), sink, `${bat}.result`);
        const error = getStr(b, "error");
        toolMessage([
          {
            type: "tool_result",
            id,
            text: [result, error ?? ""].filter(Boolean).join("\n"),
            ...(error ? { isError: true } : {}),
          },
        ]);
      } else if (type === "data") {
        // Provider payload (ContentData): Inspect keeps Anthropic blocks it has no type for
        // (server tool use, web search results) here; those are read as the Anthropic reader does.
        const data = get(b, "data");
        const dt = getStr(data, "type");
        if (dt !== undefined && isAnthropicBlock(dt)) {
          for (const msg of blocksToMessages("assistant", [data], sink, `${bat}.data`)) {
            if (msg.role === "tool") toolMessage(msg.parts);
            else parts.push(...msg.parts);
          }
        } else unreadBlock(sink, data, dt ?? "data", `${bat}.data`);
      } else if (type === "image" || type === "audio" || type === "video" || type === "document") {
        // Media, as a URL, a path or base64 data: not text.
        dropped.add(type);
      } else unreadBlock(sink, b, type, bat);
    }
  for (const tc of getArr(m, "tool_calls") ?? []) {
    parts.push({
      type: "tool_call",
      id: getStr(tc, "id") ?? "",
      name: getStr(tc, "function") ?? "",
      arguments: argsString(get(tc, "arguments")),
    });
  }
  flush();
  if (out.length === 0) out.push({ role, parts: [] });
  return out;
}

/** The eval spec (`log.eval`) fields every sample of a log shares. */
export function readInspectSample(
  sample: Obj,
  evalSpec: Obj | undefined,
  ctx: ReaderContext,
  logMeta?: Obj,
  /** The log's top level (a `.json` log, or a `.eval`'s `header.json`): its `publishable`. */
  log?: Obj,
): Draft {
  const raw = getArr(sample, "messages") ?? [];
  checkMessageCount(ctx, raw.length, "messages");
  const dropped = new Dropped();
  let messages = raw.flatMap((m, i) => inspectMessages(m, i, ctx, dropped));
  if (messages.length === 0) {
    // Some logs keep only input + output: rebuild the conversation from them.
    const input = get(sample, "input");
    messages =
      typeof input === "string"
        ? [{ role: "user", parts: [{ type: "text", text: clean(input) }] }]
        : (Array.isArray(input) ? input : []).flatMap((m, i) => inspectMessages(m, i, ctx, dropped, "input"));
    const out = getObj(getArr(getObj(sample, "output"), "choices")?.[0] as Obj | undefined, "message");
    if (out) messages.push(...inspectMessages(out, 0, ctx, dropped, "output.choices"));
  }
  const evalId = getStr(evalSpec, "eval_id") ?? getStr(evalSpec, "run_id");
  const sampleId = getStr(sample, "id");
  const epoch = getNum(sample, "epoch");
  const id =
    evalId !== undefined && sampleId !== undefined
      ? `${evalId}-${sampleId}${epoch !== undefined ? `-e${epoch}` : ""}`
      : getStr(sample, "uuid");
  const m = splitModel(getStr(evalSpec, "model") ?? getStr(getObj(sample, "output"), "model"));
  const cfg = getObj(evalSpec, "model_generate_config");
  const inf = inference({
    temperature: getNum(cfg, "temperature"),
    top_p: getNum(cfg, "top_p"),
    max_tokens: getNum(cfg, "max_tokens"),
    reasoning_effort: getStr(cfg, "reasoning_effort"),
    provider: m.api,
  });
  const dataset = getObj(evalSpec, "dataset");
  const task = dropUndefined({
    id: getStr(evalSpec, "task_id"),
    name: getStr(evalSpec, "task"),
    dataset: getStr(dataset, "name"),
  });
  const tags = (getArr(evalSpec, "tags") ?? []).filter((t): t is string => typeof t === "string").map(clean);
  const createdAt = toIsoDate(get(evalSpec, "created"));
  // Consent at any level of the log: the log, its eval spec, the sample (and `metadata` of each).
  const publishable = combineConsent(
    consentOf(ctx, log),
    consentOf(ctx, evalSpec, "eval.publishable"),
    consentOf(ctx, sample),
  );
  const sampleMeta: Obj = {};
  for (const k of [
    "id",
    "epoch",
    "uuid",
    "target",
    "scores",
    "metadata",
    "error",
    "total_time",
    "working_time",
  ]) {
    if (get(sample, k) !== undefined) sampleMeta[k] = cloneData(get(sample, k));
  }
  const evalMeta: Obj = {};
  for (const k of [
    "eval_id",
    "run_id",
    "task_version",
    "task_file",
    "task_args",
    "model_args",
    "model_base_url",
    "revision",
    "packages",
    "metadata",
    "config",
  ]) {
    if (get(evalSpec, k) !== undefined) evalMeta[k] = cloneData(get(evalSpec, k));
  }
  if (cfg) evalMeta.model_generate_config = cloneData(cfg);
  return {
    ...(id !== undefined ? { id } : {}),
    model: dropUndefined({ id: m.id ?? "unknown", provider: m.provider }),
    ...(inf ? { inference: inf } : {}),
    ...(Object.keys(task).length ? { task } : {}),
    ...(createdAt ? { createdAt } : {}),
    ...(tags.length ? { tags } : {}),
    ...(publishable !== undefined ? { publishable } : {}),
    messages,
    metadata: mergeMetadata(
      { inspect: { eval: evalMeta, sample: sampleMeta, ...(logMeta ?? {}) } },
      dropped.metadata(),
    ),
  };
}

export function readInspectLog(o: Obj, ctx: ReaderContext): Draft[] {
  const evalSpec = getObj(o, "eval");
  const samples = getArr(o, "samples") ?? [];
  if (samples.length === 0) reject(ctx, "empty", "samples", "eval log holds no samples");
  return samples.map((s, i) => {
    if (!isObj(s)) reject(ctx, "schema", `samples.${i}`, "sample is not an object");
    return readInspectSample(s, evalSpec, ctx, logMeta(o), o);
  });
}

export function logMeta(o: Obj): Obj | undefined {
  const out: Obj = {};
  for (const k of ["version", "status"]) if (get(o, k) !== undefined) out[k] = cloneData(get(o, k));
  return Object.keys(out).length ? out : undefined;
}
