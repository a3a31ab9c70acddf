/**
 * Demo transcripts written for this project, in several intake formats: clean prose reasoning,
 * language-mixed reasoning, terse shorthand, and transcripts with planted FAKE secrets and personal
 * data to show redaction. The fake secrets are assembled here at run time (never stored whole in
 * the repository), deterministically, so every demo run shows the same thing.
 */
import { createHash } from "node:crypto";

export interface DemoFile {
  /** Name under `incoming/<lab>/`. */
  name: string;
  lab: string;
  body: string;
}

/** Deterministic pseudo-random characters from an alphabet (not secret; just secret-shaped). */
function chars(seed: string, n: number, alphabet: string): string {
  let out = "";
  let block = 0;
  while (out.length < n) {
    const h = createHash("sha256").update(`${seed}:${block++}`).digest();
    for (const b of h) if (out.length < n) out += alphabet[b % alphabet.length];
  }
  return out;
}
const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The planted values: fake, but shaped like the real thing. Tests check none of them is ever published. */
export function plantedCanaries() {
  return {
    awsKeyId: "AK" + "IA" + chars("aws-id", 16, UPPER_DIGITS),
    awsSecret: chars("aws-secret", 40, ALNUM + "/+"),
    githubToken: "gh" + "p_" + chars("gh", 36, ALNUM),
    dbPassword: "Tr0ub4dor-" + chars("db", 10, ALNUM),
    email: "priya.raman" + "@" + "northwind-labs.io",
    phone: "+1 415 555 " + "0134",
    person: "Priya " + "Raman",
    codename: "Project " + "Bluefinch",
  };
}

/** The demo lab's policy: its confidential codename is a deny term. */
export function demoPolicy() {
  const c = plantedCanaries();
  return {
    denyTerms: [c.codename, "Bluefinch"],
    allowTerms: [],
    internalDomains: ["corp.northwind-labs.io"],
    // The demo lab consents to publication of whatever passes review.
    autoPublish: true,
  };
}

export const DEMO_LAB = "demo-lab";

function nativeClean(): DemoFile {
  return {
    name: "native/clean-arithmetic.json",
    lab: DEMO_LAB,
    body: JSON.stringify(
      {
        schema: "cotshare/transcript@1",
        id: "demo-clean-arithmetic",
        model: { id: "demo-reasoner-1", provider: "cotshare-demo" },
        inference: { temperature: 0.6, provider: "cotshare-demo", serving: "demo" },
        task: { name: "word problem" },
        publishable: true,
        messages: [
          {
            role: "user",
            parts: [
              { type: "text", text: "A train leaves at 9:40 and arrives at 13:05. How long is the trip?" },
            ],
          },
          {
            role: "assistant",
            parts: [
              {
                type: "reasoning",
                text:
                  "The train leaves at 9:40 and arrives at 13:05. From 9:40 to 12:40 is three hours. " +
                  "From 12:40 to 13:05 is another twenty-five minutes. So the trip takes three hours and " +
                  "twenty-five minutes. Let me double-check by converting to minutes: 9:40 is 580 minutes " +
                  "after midnight, 13:05 is 785 minutes. The difference is 205 minutes, which is 3 hours " +
                  "and 25 minutes. Both methods agree.",
              },
              { type: "text", text: "The trip takes 3 hours and 25 minutes." },
            ],
          },
        ],
      },
      null,
      2,
    ),
  };
}

function openaiMixed(): DemoFile {
  return {
    name: "openai/mixed-language.json",
    lab: DEMO_LAB,
    body: JSON.stringify({
      model: "demo-reasoner-2",
      temperature: 0.7,
      messages: [
        { role: "user", content: "Is 221 a prime number?" },
        {
          role: "assistant",
          reasoning_content:
            "We need to check whether 221 is prime. 先试一下小的质数: 2 不行, 3 的话 2+2+1=5 不是 3 的倍数, " +
            "5 也不行. 7 × 31 = 217, 余 4. 11 × 20 = 220, 余 1. 13 × 17 = 221! So 221 = 13 × 17, " +
            "因此它不是质数. Double-check: 13 × 17 = 13 × 10 + 13 × 7 = 130 + 91 = 221. Correct.",
          content: "No. 221 = 13 × 17, so it is not prime.",
        },
      ],
    }),
  };
}

function thinkTerse(): DemoFile {
  const rows = [
    {
      id: "demo-terse-1",
      model: "demo-reasoner-3",
      messages: [
        { role: "user", content: "Sort these numbers: 42, 7, 19, 3." },
        {
          role: "assistant",
          content: "<think>min 3. then 7. 19<42. → 3,7,19,42. chk len4 ok.</think>3, 7, 19, 42",
        },
      ],
    },
    {
      id: "demo-terse-2",
      model: "demo-reasoner-3",
      messages: [
        { role: "user", content: "What is 15% of 80?" },
        { role: "assistant", content: "<think>10%=8, 5%=4, sum 12. ans 12.</think>15% of 80 is 12." },
      ],
    },
  ];
  return {
    name: "think/terse.jsonl",
    lab: DEMO_LAB,
    body: rows.map((r) => JSON.stringify(r)).join("\n") + "\n",
  };
}

function anthropicSecrets(): DemoFile {
  const c = plantedCanaries();
  return {
    name: "anthropic/debugging-with-secrets.json",
    lab: DEMO_LAB,
    body: JSON.stringify({
      model: "demo-reasoner-4",
      system: "You are a careful coding assistant.",
      max_tokens: 2048,
      messages: [
        {
          role: "user",
          content:
            `Our deploy for ${c.codename} fails. Config has aws_access_key_id = ${c.awsKeyId} and ` +
            `aws_secret_access_key = ${c.awsSecret}. Ping ${c.person} (${c.email}, ${c.phone}) if stuck.`,
        },
        {
          role: "assistant",
          content: [
            {
              type: "thinking",
              thinking:
                `The user pasted credentials: the key id ${c.awsKeyId} should never be in a config file. ` +
                `I should tell them to rotate it. First, let me look at the connection string the deploy uses.`,
              signature: "demo-signature",
            },
            {
              type: "tool_use",
              id: "toolu_demo_1",
              name: "read_file",
              input: { path: "deploy/.env" },
            },
          ],
        },
        {
          role: "user",
          content: [
            {
              type: "tool_result",
              tool_use_id: "toolu_demo_1",
              content:
                `DATABASE_URL=postgres://admin:${c.dbPassword}@db.corp.northwind-labs.io:5432/app\n` +
                `GITHUB_TOKEN=${c.githubToken}`,
            },
          ],
        },
        {
          role: "assistant",
          content: [
            {
              type: "thinking",
              thinking:
                "The database host is internal and the password is inline. The GitHub token is also there. " +
                "The failure is likely the database being unreachable from the build runner, not the key. " +
                `I will advise rotating all three secrets and mention that ${c.person} owns the runner.`,
              signature: "demo-signature-2",
            },
            {
              type: "text",
              text:
                "The deploy cannot reach the internal database from the build runner. Separately: rotate the " +
                "AWS key, the database password and the GitHub token now — they were pasted in plain text.",
            },
          ],
        },
      ],
    }),
  };
}

function responsesSummary(): DemoFile {
  return {
    name: "openai/responses-summary.json",
    lab: DEMO_LAB,
    body: JSON.stringify({
      object: "response",
      model: "demo-reasoner-5",
      output: [
        {
          type: "reasoning",
          id: "rs_demo",
          summary: [
            {
              type: "summary_text",
              text:
                "I looked up the weather for Lisbon with the tool, then compared the forecast high with the " +
                "user's threshold of 25 degrees before answering.",
            },
          ],
        },
        { type: "function_call", call_id: "call_demo", name: "get_weather", arguments: '{"city":"Lisbon"}' },
        { type: "function_call_output", call_id: "call_demo", output: '{"high_c": 27, "sky": "clear"}' },
        {
          type: "message",
          role: "assistant",
          content: [
            { type: "output_text", text: "Yes — Lisbon should reach 27 °C tomorrow, above your 25 °C." },
          ],
        },
      ],
    }),
  };
}

function nativeTokenSoup(): DemoFile {
  return {
    name: "native/token-soup.json",
    lab: DEMO_LAB,
    body: JSON.stringify({
      schema: "cotshare/transcript@1",
      id: "demo-token-soup",
      model: { id: "demo-reasoner-6", provider: "cotshare-demo" },
      inference: { temperature: 1.8, serving: "demo (misconfigured sampler)" },
      publishable: true,
      messages: [
        { role: "user", parts: [{ type: "text", text: "Name a prime between 20 and 30." }] },
        {
          role: "assistant",
          parts: [
            {
              type: "reasoning",
              // A sampler run too hot: the reasoning starts sound, then decays into tokens that
              // are not words (the benchmark's "token soup"), which the scorer puts far below 50.
              text:
                "We need a prime between 20 and 30. 21 is 3 times 7, so quangle draperied " +
                "spankmajors ∴ unkinged wadt 素数 coadjutor brandies zz;; saccate phiall 23 " +
                "craalingobol нет dacquoise ✓✓ anglists waxlike ok ok ,, also 29 vérifier bromid " +
                "tussal ans∴ 23 // done done",
            },
            { type: "text", text: "23 is a prime between 20 and 30." },
          ],
        },
      ],
    }),
  };
}

/** Every demo file, in upload order. */
export function demoFiles(): DemoFile[] {
  return [
    nativeClean(),
    openaiMixed(),
    thinkTerse(),
    anthropicSecrets(),
    responsesSummary(),
    nativeTokenSoup(),
  ];
}
