/**
 * The deployment configuration: which labs may write, when to publish, how long to keep raw input,
 * where alarms go. Validated at synth time; every error names the source and the field.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { CotshareError } from "../lambdas/core/errors";
import { LAB_ID_PATTERN } from "../lambdas/core/names";
import { CONFIG_CONTEXT_KEY, CONFIG_DEFAULTS, CONFIG_FILE, CONFIG_FILE_CONTEXT_KEY } from "./config-defaults";

/** Retention periods CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** A 12-digit account id, or the ARN of an account root, an IAM role or an IAM user. */
const PRINCIPAL_PATTERN =
  /^(\d{12}|arn:aws(-cn|-us-gov)?:iam::\d{12}:(root|role\/[\w+=,.@\-/]+|user\/[\w+=,.@\-/]+))$/;

const labSchema = z
  .object({
    id: z
      .string()
      .regex(LAB_ID_PATTERN, "a lab id is 2–40 characters of a-z, 0-9 and '-', starting alphanumeric"),
    principal: z
      .string()
      .regex(PRINCIPAL_PATTERN, "expected a 12-digit AWS account id or an IAM root/role/user ARN"),
    /** Optional sts:ExternalId the lab must present when it assumes its role. */
    externalId: z
      .string()
      .regex(/^[\w+=,.@:/-]{2,1224}$/, "2–1224 characters of letters, digits and +=,.@:/-_")
      .optional(),
  })
  .strict();

export const configSchema = z
  .object({
    labs: z.array(labSchema).min(1, "at least one lab is needed"),
    alarmEmail: z.email("expected an e-mail address for alarms"),
    schedule: z
      .string()
      .regex(
        /^(cron\(.+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/,
        "expected cron(...) or rate(...)",
      )
      .default(CONFIG_DEFAULTS.schedule),
    setSize: z.number().int().min(1).max(10_000).default(CONFIG_DEFAULTS.setSize),
    retentionDays: z.number().int().min(1).max(365).default(CONFIG_DEFAULTS.retentionDays),
    logRetentionDays: z
      .number()
      .int()
      .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
        message: `CloudWatch Logs accepts ${LOG_RETENTION_DAYS.join(", ")}`,
      })
      .default(CONFIG_DEFAULTS.logRetentionDays),
    accessLogRetentionDays: z.number().int().min(1).max(3650).default(CONFIG_DEFAULTS.accessLogRetentionDays),
    /** Bump to create a fresh signing key (the old one is kept so old signatures stay checkable). */
    signingKeyGeneration: z.number().int().min(1).max(1000).default(1),
    ingestMaxConcurrency: z.number().int().min(2).max(1000).default(CONFIG_DEFAULTS.ingestMaxConcurrency),
    /** Reserve one concurrent execution for the publish function (see CONFIG_DEFAULTS). */
    serializePublishing: z.boolean().default(CONFIG_DEFAULTS.serializePublishing),
    /** Optional custom domain for the public site (the ACM certificate must live in us-east-1). */
    domain: z
      .object({
        name: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, "expected a lower-case host name"),
        certificateArn: z
          .string()
          .regex(
            /^arn:aws:acm:us-east-1:\d{12}:certificate\/[\w-]+$/,
            "expected an ACM certificate ARN in us-east-1",
          ),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.labs.forEach((lab, i) => {
      if (seen.has(lab.id)) {
        ctx.addIssue({ code: "custom", path: ["labs", i, "id"], message: `duplicate lab id "${lab.id}"` });
      }
      seen.add(lab.id);
    });
  });

export type CotshareConfig = z.output<typeof configSchema>;
export type CotshareConfigInput = z.input<typeof configSchema>;
export type LabConfig = CotshareConfig["labs"][number];

/** A configuration that cannot be deployed. `issues` are `field: problem` lines. */
export class ConfigError extends CotshareError {
  readonly issues: string[];
  constructor(source: string, issues: string[]) {
    super("config", `invalid cotshare configuration (${source}):\n  ${issues.join("\n  ")}`);
    this.issues = issues;
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
    "",
  );
}

/** Validate a raw value (parsed JSON or context) into a full configuration, or throw ConfigError. */
export function parseConfig(raw: unknown, source: string): CotshareConfig {
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new ConfigError(
    source,
    result.error.issues.map((i) => `${fieldPath(i.path) || "(root)"}: ${i.message}`),
  );
}

/** Anything with `tryGetContext`: a construct's node, or a plain stub in tests. */
export interface ContextSource {
  tryGetContext(key: string): unknown;
}

/**
 * Find and validate the configuration: the `cotshare` context value (object or JSON string) wins;
 * otherwise the file named by `cotshareConfig` context, otherwise `cotshare.config.json` in `cwd`.
 */
export function loadConfig(context: ContextSource, cwd: string = process.cwd()): CotshareConfig {
  const inline = context.tryGetContext(CONFIG_CONTEXT_KEY);
  if (inline !== undefined) {
    const source = `context "${CONFIG_CONTEXT_KEY}"`;
    return parseConfig(typeof inline === "string" ? parseJson(inline, source) : inline, source);
  }
  const named = context.tryGetContext(CONFIG_FILE_CONTEXT_KEY);
  const file = resolve(cwd, typeof named === "string" ? named : CONFIG_FILE);
  if (!existsSync(file)) {
    throw new ConfigError(file, [
      `file not found: copy cotshare.config.example.json to ${CONFIG_FILE} and edit it, ` +
        `or pass -c ${CONFIG_FILE_CONTEXT_KEY}=<file> or -c ${CONFIG_CONTEXT_KEY}='<json>'`,
    ]);
  }
  return parseConfig(parseJson(readFileSync(file, "utf8"), file), file);
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError(source, [`(root): not valid JSON (${(e as Error).message})`]);
  }
}
