/**
 * Test helpers that read IAM out of a synthesised template: which statements apply to a role,
 * rendered with cdk-nag's flattening (`<LogicalId.Arn>/prefix/*`) so they compare as strings.
 */
import type { Template } from "aws-cdk-lib/assertions";
import { flattenCfnReference } from "cdk-nag/lib/utils/flatten-cfn-reference";

export interface Statement {
  Effect: string;
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, unknown>>;
  Principal?: unknown;
  Sid?: string;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

const arr = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function normalise(raw: Record<string, unknown>): Statement {
  return {
    ...(raw as object),
    Effect: String(raw.Effect),
    Action: arr(raw.Action).map(String),
    Resource: arr(raw.Resource).map((r) => flattenCfnReference(r)),
  } as Statement;
}

function statementsOf(doc: unknown): Statement[] {
  const d = doc as { Statement?: Record<string, unknown>[] } | undefined;
  return (d?.Statement ?? []).map(normalise);
}

/** All identity-policy statements that apply to a role: inline, attached policies, managed policies. */
export function roleStatements(
  template: Template,
  roleId: string,
): { statements: Statement[]; managed: unknown[] } {
  const all = template.toJSON().Resources as Resources;
  const role = all[roleId];
  if (!role || role.Type !== "AWS::IAM::Role") throw new Error(`no role ${roleId}`);
  const statements: Statement[] = [];
  for (const p of arr(role.Properties?.Policies))
    statements.push(...statementsOf((p as { PolicyDocument: unknown }).PolicyDocument));
  const managed = arr(role.Properties?.ManagedPolicyArns);
  for (const r of Object.values(all)) {
    if (r.Type !== "AWS::IAM::Policy" && r.Type !== "AWS::IAM::ManagedPolicy") continue;
    const roles = arr(r.Properties?.Roles).map((x) => JSON.stringify(x));
    if (roles.includes(JSON.stringify({ Ref: roleId })))
      statements.push(...statementsOf(r.Properties?.PolicyDocument));
  }
  return { statements, managed };
}

/** Every identity-policy statement in the template, with the roles it is attached to. */
export function allPolicyStatements(template: Template): Array<{ roles: string[]; statement: Statement }> {
  const all = template.toJSON().Resources as Resources;
  const out: Array<{ roles: string[]; statement: Statement }> = [];
  for (const [id, r] of Object.entries(all)) {
    if (r.Type === "AWS::IAM::Policy" || r.Type === "AWS::IAM::ManagedPolicy") {
      const roles = arr(r.Properties?.Roles).map((x) => (x as { Ref: string }).Ref);
      for (const s of statementsOf(r.Properties?.PolicyDocument)) out.push({ roles, statement: s });
    }
    if (r.Type === "AWS::IAM::Role") {
      for (const p of arr(r.Properties?.Policies))
        for (const s of statementsOf((p as { PolicyDocument: unknown }).PolicyDocument))
          out.push({ roles: [id], statement: s });
    }
  }
  return out;
}

/** Does an IAM action pattern (with `*`) cover a concrete action? */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i");
  return re.test(action);
}

export function grants(statements: Statement[], action: string): Statement[] {
  return statements.filter((s) => s.Effect === "Allow" && s.Action.some((a) => actionMatches(a, action)));
}

export function logicalIdOf(
  template: Template,
  type: string,
  predicate: (props: Record<string, unknown>) => boolean,
): string {
  const all = template.toJSON().Resources as Resources;
  const hits = Object.entries(all).filter(([, r]) => r.Type === type && predicate(r.Properties ?? {}));
  if (hits.length !== 1) throw new Error(`expected one ${type}, found ${hits.length}`);
  return hits[0]![0];
}
