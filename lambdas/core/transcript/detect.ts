/**
 * Format detection, per parsed JSON value (a whole file, an array item or a JSONL line). Each
 * format is recognised by fields only it has; a plain `{messages}` conversation with no marker is
 * read as OpenAI Chat (the lingua franca), or as `think-jsonl` when assistant text holds `<think>`.
 */
import { anthropicMarkers, looksAnthropicResponse } from "./formats/anthropic";
import { get, getArr, getObj, isObj, type Obj } from "./formats/common";
import { looksInspectLog, looksInspectSample } from "./formats/inspect";
import { looksNative } from "./formats/native";
import { chatMarkers, looksChatResponse } from "./formats/openai-chat";
import { isResponseItem, looksResponses } from "./formats/openai-responses";

export type FormatName =
  "native" | "openai-chat" | "openai-responses" | "anthropic" | "inspect" | "think-jsonl";

export const FORMAT_NAMES: readonly FormatName[] = [
  "native",
  "openai-chat",
  "openai-responses",
  "anthropic",
  "inspect",
  "think-jsonl",
];

function hasThink(messages: unknown[]): boolean {
  return messages.some((m) => {
    if (get(m, "role") !== "assistant") return false;
    const c = get(m, "content");
    return typeof c === "string" && (c.includes("<think>") || c.includes("</think>"));
  });
}

function detectConversation(o: Obj, messages: unknown[]): FormatName | undefined {
  if (!messages.every((m) => isObj(m) && typeof get(m, "role") === "string")) return undefined;
  if (anthropicMarkers(o, messages)) return "anthropic";
  if (chatMarkers(messages)) return "openai-chat";
  if (hasThink(messages)) return "think-jsonl";
  return messages.length ? "openai-chat" : undefined;
}

/** The format of one parsed record, or undefined when none matches. */
export function detectRecord(v: unknown): FormatName | undefined {
  if (Array.isArray(v)) return v.length > 0 && v.every(isResponseItem) ? "openai-responses" : undefined;
  if (!isObj(v)) return undefined;
  if (looksNative(v)) return "native";
  if (looksInspectLog(v) || looksInspectSample(v)) return "inspect";
  if (looksResponses(v)) return "openai-responses";
  const response = getObj(v, "response");
  if (looksAnthropicResponse(v) || (response && looksAnthropicResponse(response))) return "anthropic";
  if (looksChatResponse(v) || (response && looksChatResponse(response))) return "openai-chat";
  const request = getObj(v, "request") ?? v;
  const input = getArr(request, "input");
  if (input && input.length > 0 && input.some(isResponseItem)) return "openai-responses";
  const messages = getArr(request, "messages");
  if (messages) return detectConversation(request === v ? v : request, messages);
  return undefined;
}
