/**
 * Fixture data for the viewer tests, shaped exactly as the public and review APIs serve it
 * (CONTRACT.md "Published transcript", "Published set", "Local runtime").
 */

const E = "\u27E6";
const C = "\u27E7";
export const ph = (cat: string, n: number): string => `${E}${cat}_${n}${C}`;

/** Text that would run if anything inserted transcript text as HTML. */
export const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;

const reasoning =
  "First I check the user's address " +
  ph("EMAIL", 1) +
  " against the records. Then the plan is clear: look up the order, compute the refund. " +
  "zq vv xx plorb qq zz vrr kkt flim flam snorp — odd tokens here and there. " +
  "Finally I answer politely and mention the " +
  ph("PERSON", 2) +
  " who filed it.";

const w = (text: string, from: string, to: string, score: number, m: number, p: number) => {
  const start = text.indexOf(from);
  const end = text.indexOf(to) + to.length;
  if (start < 0 || end < to.length) throw new Error(`fixture window not found: ${from}`);
  return { message: m, part: p, start, end, score };
};

export const WINDOWS = [
  w(reasoning, "First", "records.", 92, 2, 1),
  w(reasoning, "Then", "refund.", 74, 2, 1),
  w(reasoning, "zq", "there.", 18, 2, 1),
  w(reasoning, "Finally", "filed it.", 55, 2, 1),
];
const WORST = WINDOWS[2]!;

export const MAIN_ID = "t-alpha-001";

interface FixturePart {
  type: string;
  text?: string;
  summary?: boolean;
  opaque?: boolean;
  id?: string;
  name?: string;
  arguments?: string;
}
export interface FixtureTranscript {
  schema: string;
  id: string;
  lab: string;
  model: { id: string; provider?: string };
  messages: { role: string; name?: string; parts: FixturePart[] }[];
  legibility: { score: number; [k: string]: unknown };
  review: { verdict: string; reasons: unknown[] };
  [k: string]: unknown;
}

export function mainTranscript(): FixtureTranscript {
  return {
    schema: "cotshare/transcript@1",
    id: MAIN_ID,
    lab: "alpha-lab",
    model: { id: "alpha-1", provider: "alpha-lab" },
    createdAt: "2026-11-20T10:00:00Z",
    license: "CC-BY-4.0",
    task: { name: "refund request", dataset: "support-demo" },
    messages: [
      { role: "system", parts: [{ type: "text", text: "You are a support assistant." }] },
      {
        role: "user",
        parts: [
          { type: "text", text: `Hi, I am ${ph("PERSON", 2)}, mail me at ${ph("EMAIL", 1)}. ${HOSTILE}` },
        ],
      },
      {
        role: "assistant",
        parts: [
          {
            type: "reasoning",
            text: "Summary: the model looked up the order and decided to refund.",
            summary: true,
            opaque: false,
          },
          { type: "reasoning", text: reasoning, summary: false, opaque: false },
          { type: "reasoning", text: "", summary: false, opaque: true },
          {
            type: "tool_call",
            id: "call_1",
            name: "lookup_order",
            arguments: JSON.stringify({ email: ph("EMAIL", 1), limit: 1 }),
          },
        ],
      },
      {
        role: "tool",
        name: "lookup_order",
        parts: [{ type: "tool_result", id: "call_1", text: '{"order": 42, "status": "late"}' }],
      },
      ...Array.from({ length: 6 }, (_, i) => ({
        role: i % 2 ? "assistant" : "user",
        parts: [
          {
            type: "text",
            text: `Follow-up message number ${i + 4}. ` + "More words to make the page long. ".repeat(12),
          },
        ],
      })),
    ],
    legibility: {
      score: 61,
      basis: "reasoning",
      signals: {
        perplexity: {
          value: 41.2,
          subscore: 70,
          explanation: "How surprising the reasoning is to a reference model.",
        },
        gibberish: {
          value: 0.12,
          subscore: 45,
          explanation: "Share of tokens that are not words of any language.",
        },
        repetition: { value: 0.02, subscore: 98, explanation: "Repeated n-grams." },
      },
      worst: {
        message: WORST.message,
        part: WORST.part,
        start: WORST.start,
        end: WORST.end,
        score: WORST.score,
      },
      windows: WINDOWS,
      notes: ["Opaque reasoning in message 2 was not scored."],
    },
    review: { verdict: "PASS", reasons: [] },
    redaction: { counts: { EMAIL: 1, PERSON: 1 }, placeholders: 2 },
  };
}

function simpleTranscript(
  id: string,
  lab: string,
  model: string,
  score: number,
  words: string,
): FixtureTranscript {
  return {
    schema: "cotshare/transcript@1",
    id,
    lab,
    model: { id: model },
    messages: [
      { role: "user", parts: [{ type: "text", text: "Question?" }] },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", text: words, summary: false, opaque: false },
          { type: "text", text: "Answer." },
        ],
      },
    ],
    legibility: {
      score,
      basis: "reasoning",
      signals: {},
      worst: { message: 1, part: 0, start: 0, end: words.length, score },
      windows: [{ message: 1, part: 0, start: 0, end: words.length, score }],
    },
    review: { verdict: "PASS", reasons: [] },
    redaction: { counts: {}, placeholders: 0 },
  };
}

/** No reasoning: the scorer scored the assistant's text (basis "text"), so windows point at a text part. */
export const TEXT_ONLY_ID = "t-gamma-001";
export const TEXT_ONLY_ANSWER = "The answer is 42. Qx vrr zzk plm. Thanks for asking.";
function textOnlyTranscript(): FixtureTranscript {
  const a = TEXT_ONLY_ANSWER;
  const wins = [
    w(a, "The", "42.", 90, 1, 0),
    w(a, "Qx", "plm.", 22, 1, 0),
    w(a, "Thanks", "asking.", 88, 1, 0),
  ];
  return {
    schema: "cotshare/transcript@1",
    id: TEXT_ONLY_ID,
    lab: "gamma-lab",
    model: { id: "gamma-mini" },
    messages: [
      { role: "user", parts: [{ type: "text", text: "What is the answer?" }] },
      { role: "assistant", parts: [{ type: "text", text: a }] },
    ],
    legibility: { score: 40, basis: "text", signals: {}, worst: wins[1], windows: wins, notes: [] },
    review: { verdict: "PASS", reasons: [] },
    redaction: { counts: {}, placeholders: 0 },
  };
}

/** Withdrawn after publication: the API answers 410. */
export const WITHDRAWN_ID = "t-gone-001";

export const SET_NEW = "set-20261128-bbbb";
export const SET_MID = "set-20261120-aaaa";
export const SET_OLD = "set-20261101-0000";

export const TRANSCRIPTS: Record<string, FixtureTranscript> = {
  [MAIN_ID]: mainTranscript(),
  "t-alpha-002": simpleTranscript(
    "t-alpha-002",
    "alpha-lab",
    "alpha-1",
    88,
    "A clear plan about prime numbers.",
  ),
  "t-beta-001": simpleTranscript(
    "t-beta-001",
    "beta-lab",
    "beta-large",
    35,
    "Compute the prime factors quickly.",
  ),
  "t-beta-002": simpleTranscript("t-beta-002", "beta-lab", "beta-small", 72, "Sort the list, then merge."),
  "t-beta-003": simpleTranscript("t-beta-003", "beta-lab", "beta-large", 95, "Check the prime sieve bounds."),
  [TEXT_ONLY_ID]: textOnlyTranscript(),
};

function entry(id: string) {
  const t = TRANSCRIPTS[id]!;
  return {
    id,
    lab: t.lab,
    model: t.model.id,
    legibility: t.legibility.score,
    verdict: t.review.verdict,
    path: `transcripts/${id}.json`,
  };
}

function manifest(setId: string, createdAt: string, previous: string | null, ids: string[]) {
  return {
    setId,
    createdAt,
    previous,
    license: "CC-BY-4.0",
    scorer: "legibility@1",
    selection: { maxSize: 50, perLab: 25 },
    files: [
      { path: "data.jsonl", sha256: "a".repeat(64), bytes: 2048 },
      { path: "data.parquet", sha256: "b".repeat(64), bytes: 4096 },
      { path: "README.md", sha256: "c".repeat(64), bytes: 900 },
      ...ids.map((id) => ({ path: `transcripts/${id}.json`, sha256: "d".repeat(64), bytes: 1200 })),
    ],
    transcripts: ids.map(entry),
    withdrawn: setId === SET_NEW ? ["t-gone-001"] : [],
  };
}

export type Manifest = ReturnType<typeof manifest>;
export const MANIFESTS: Record<string, Manifest> = {
  [SET_NEW]: manifest(
    SET_NEW,
    "2026-11-28T12:00:00Z",
    SET_MID,
    Object.keys(TRANSCRIPTS).filter((id) => id !== TEXT_ONLY_ID),
  ),
  [SET_MID]: manifest(SET_MID, "2026-11-20T12:00:00Z", SET_OLD, [MAIN_ID, "t-beta-001"]),
  [SET_OLD]: manifest(SET_OLD, "2026-11-01T12:00:00Z", null, ["t-alpha-002", TEXT_ONLY_ID]),
};

/** Newest first. */
export const SET_ORDER = [SET_NEW, SET_MID, SET_OLD];

// Review API fixtures.
export const REVIEW_TOKEN = ["review", "fixture", "token"].join("-");
/** A value the review page must never show (the API should not send it; the page must not show it if it does). */
export const RAW_VALUE = ["never", "shown", "raw", "value"].join("-");

export const REVIEW_ITEMS = [
  {
    id: "r-001",
    lab: "alpha-lab",
    source: "incoming/alpha-lab/a.jsonl",
    status: "accepted",
    verdict: "NEEDS_HUMAN",
    legibility: 58,
    receivedAt: "2026-11-27T09:00:00Z",
  },
  {
    id: "r-002",
    lab: "beta-lab",
    source: "incoming/beta-lab/b.json",
    status: "accepted",
    verdict: "NEEDS_HUMAN",
    legibility: 80,
    receivedAt: "2026-11-27T10:00:00Z",
  },
  {
    id: "r-003",
    lab: "beta-lab",
    source: "incoming/beta-lab/c.json",
    status: "accepted",
    verdict: "PASS",
    legibility: 91,
    receivedAt: "2026-11-27T11:00:00Z",
  },
];

export function reviewDetail(id: string) {
  const item = REVIEW_ITEMS.find((r) => r.id === id);
  if (!item) return undefined;
  const t = mainTranscript();
  return {
    record: {
      ...item,
      updatedAt: item.receivedAt,
      reasons: [
        {
          code: "residual_secret",
          message: "A secret-shaped string remains after redaction.",
          path: "messages[1].parts[0].text",
        },
      ],
      redactions: { EMAIL: 1, PERSON: 1 },
    },
    transcript: { ...t, id },
    // The review API's shape: {items, byCategory, byDetector}, plus the audit trail.
    findings: {
      items: [
        {
          category: "EMAIL",
          detector: "regex-email",
          path: "messages[1].parts[0].text",
          placeholder: ph("EMAIL", 1),
          value: RAW_VALUE,
        },
        {
          category: "EMAIL",
          detector: "regex-email",
          path: "messages[2].parts[3].arguments",
          placeholder: ph("EMAIL", 1),
        },
        {
          category: "PERSON",
          detector: "names",
          path: "messages[1].parts[0].text",
          placeholder: ph("PERSON", 2),
          raw: RAW_VALUE,
        },
        {
          category: "PERSON",
          detector: "deny-terms",
          path: "messages[2].parts[1].text",
          placeholder: ph("PERSON", 2),
        },
      ],
      byCategory: { EMAIL: 2, PERSON: 2 },
      byDetector: { "regex-email": 2, names: 1, "deny-terms": 1 },
    },
    audit: [
      { subject: id, at: item.receivedAt, actor: "pipeline", action: "received", to: "received" },
      {
        subject: id,
        at: item.receivedAt,
        actor: "pipeline",
        action: "accepted",
        from: "received",
        to: "accepted",
        reason: "NEEDS_HUMAN",
      },
    ],
  };
}
