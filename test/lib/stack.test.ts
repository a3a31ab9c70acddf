/* eslint-disable @typescript-eslint/no-explicit-any -- synthesised CloudFormation JSON is untyped by nature */
/**
 * Security properties of the synthesised stack. One synthesis for the whole file (beforeAll).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CfnElement, Stack, Validations } from "aws-cdk-lib";
import { Match } from "aws-cdk-lib/assertions";
import * as iam from "aws-cdk-lib/aws-iam";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  AUDIT_TABLE,
  ENV,
  IDEMPOTENCY_TABLE,
  PREFIX,
  SETS_TABLE,
  TRANSCRIPTS_TABLE,
} from "../../lambdas/core/names";
import { CONFIG_DEFAULTS } from "../../lib/config-defaults";
import { MAX_RECEIVE_COUNT } from "../../lib/intake-defaults";
import { SITE_PREFIX } from "../../lib/public-site-defaults";
import { allPolicyStatements, grants, roleStatements } from "./iam";
import { type Synthesised, synthStack, TEST_CONFIG } from "./synth";

let s: Synthesised;
const id = (c: IConstruct): string => Stack.of(c).getLogicalId((c.node.defaultChild ?? c) as CfnElement);
const resources = () => s.template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
const ofType = (type: string) => Object.entries(resources()).filter(([, r]) => r.Type === type);

beforeAll(() => {
  const web = mkdtempSync(join(tmpdir(), "cotshare-web-"));
  writeFileSync(join(web, "index.html"), "<!doctype html><title>cotshare</title>");
  const t0 = performance.now();
  s = synthStack(TEST_CONFIG, web);
  console.log(`synth (no bundling): ${Math.round(performance.now() - t0)} ms`);
});

describe("intake bucket", () => {
  it("blocks public access, is versioned, logged and encrypted with a rotating customer key", () => {
    const bucket = resources()[id(s.stack.intake.bucket)]!.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.VersioningConfiguration).toEqual({ Status: "Enabled" });
    expect(bucket.LoggingConfiguration.DestinationBucketName).toBeDefined();
    const sse = bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
    expect(sse.SSEAlgorithm).toBe("aws:kms");
    expect(sse.KMSMasterKeyID).toEqual({ "Fn::GetAtt": [id(s.stack.keys.intake), "Arn"] });
    expect(resources()[id(s.stack.keys.intake)]!.Properties.EnableKeyRotation).toBe(true);
  });

  it("expires raw objects and old versions after the configured days (default 7)", () => {
    const rules = resources()[id(s.stack.intake.bucket)]!.Properties.LifecycleConfiguration.Rules;
    const rule = rules.find((r: any) => r.ExpirationInDays !== undefined);
    expect(rule.ExpirationInDays).toBe(CONFIG_DEFAULTS.retentionDays);
    expect(rule.NoncurrentVersionExpiration.NoncurrentDays).toBe(CONFIG_DEFAULTS.retentionDays);
    expect(rule.Status).toBe("Enabled");
    expect(rule.Prefix).toBeUndefined();
  });

  it("refuses plain HTTP and grants nobody anything through its bucket policy", () => {
    const policy = ofType("AWS::S3::BucketPolicy").find(
      ([, r]) => r.Properties.Bucket.Ref === id(s.stack.intake.bucket),
    )![1].Properties.PolicyDocument.Statement as any[];
    expect(
      policy.some((st) => st.Effect === "Deny" && st.Condition?.Bool?.["aws:SecureTransport"] === "false"),
    ).toBe(true);
    expect(policy.filter((st) => st.Effect === "Allow")).toEqual([]);
  });

  it("notifies an encrypted queue (with a DLQ) for incoming/ only", () => {
    s.template.hasResourceProperties("Custom::S3BucketNotifications", {
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            Events: ["s3:ObjectCreated:*"],
            Filter: { Key: { FilterRules: [{ Name: "prefix", Value: "incoming/" }] } },
            QueueArn: { "Fn::GetAtt": [id(s.stack.intake.queue), "Arn"] },
          },
        ],
      },
    });
    const queue = resources()[id(s.stack.intake.queue)]!.Properties;
    expect(queue.KmsMasterKeyId).toBeDefined();
    expect(queue.RedrivePolicy.maxReceiveCount).toBe(MAX_RECEIVE_COUNT);
    expect(resources()[id(s.stack.intake.deadLetterQueue)]!.Properties.KmsMasterKeyId).toBeDefined();
    const ingest = resources()[id(s.stack.processing.ingest.fn)]!.Properties;
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * ingest.Timeout);
  });
});

describe("lab isolation (read from the synthesised IAM policies)", () => {
  const bucketArn = () => `<${id(s.stack.intake.bucket)}.Arn>`;
  const labRole = (lab: string) => id(s.stack.intake.labRoles.get(lab)!);

  it.each(["lab-a", "lab-b"])("%s may only PutObject under its own prefix", (lab) => {
    const { statements, managed } = roleStatements(s.template, labRole(lab));
    expect(managed).toEqual([]);
    const s3 = statements.filter((st) => st.Action.some((a) => a.startsWith("s3:")));
    expect(s3).toHaveLength(1);
    expect(s3[0]!.Effect).toBe("Allow");
    expect(s3[0]!.Action).toEqual(["s3:PutObject"]);
    expect(s3[0]!.Resource).toEqual([`${bucketArn()}/incoming/${lab}/*`]);
    const other = lab === "lab-a" ? "lab-b" : "lab-a";
    expect(statements.flatMap((st) => st.Resource).some((r) => r.includes(`/incoming/${other}/`))).toBe(
      false,
    );
  });

  it.each(["lab-a", "lab-b"])("%s can neither read nor list anything", (lab) => {
    const { statements } = roleStatements(s.template, labRole(lab));
    for (const action of [
      "s3:GetObject",
      "s3:GetObjectVersion",
      "s3:ListBucket",
      "s3:ListBucketVersions",
      "s3:DeleteObject",
    ]) {
      expect(grants(statements, action), action).toEqual([]);
    }
    expect(statements.flatMap((st) => st.Action).filter((a) => a.includes("*"))).toEqual([]);
  });

  it("uses only the intake key, only through S3 for the intake bucket", () => {
    const { statements } = roleStatements(s.template, labRole("lab-a"));
    const kms = statements.filter((st) => st.Action.some((a) => a.startsWith("kms:")));
    expect(kms).toHaveLength(1);
    expect(kms[0]!.Resource).toEqual([`<${id(s.stack.keys.intake)}.Arn>`]);
    expect(kms[0]!.Condition?.StringEquals?.["kms:ViaService"]).toBe("s3.eu-west-1.amazonaws.com");
    expect(Object.keys(kms[0]!.Condition?.StringEquals ?? {})).toContain("kms:EncryptionContext:aws:s3:arn");
    expect(
      statements.every((st) => st.Action.every((a) => a.startsWith("s3:") || a.startsWith("kms:"))),
    ).toBe(true);
  });

  it("is assumable by the lab's principal only (with its external id when given)", () => {
    const trust = (lab: string) => resources()[labRole(lab)]!.Properties.AssumeRolePolicyDocument.Statement;
    expect(JSON.stringify(trust("lab-a"))).toContain(":iam::111111111111:root");
    expect(trust("lab-b")).toEqual([
      expect.objectContaining({
        Principal: { AWS: "arn:aws:iam::222222222222:role/uploader" },
        Condition: { StringEquals: { "sts:ExternalId": "lab-b-external" } },
      }),
    ]);
  });

  it("no other policy grants a lab role anything, and no other role may write to incoming/", () => {
    const labs = [labRole("lab-a"), labRole("lab-b")];
    const writers = allPolicyStatements(s.template).filter(
      ({ statement }) =>
        grants([statement], "s3:PutObject").length > 0 &&
        statement.Resource.some((r) => r.startsWith(bucketArn()) || r === "*"),
    );
    for (const w of writers) expect(labs).toEqual(expect.arrayContaining(w.roles));
  });
});

describe("processing", () => {
  it("runs every handler on nodejs22.x arm64 with X-Ray, JSON logs and Powertools settings", () => {
    const fns = [
      s.stack.processing.ingest,
      s.stack.publishing.publish,
      s.stack.publicSite.publicApi,
      s.stack.reviewApi.review,
    ];
    for (const f of fns) {
      const p = resources()[id(f.fn)]!.Properties;
      expect(p.Runtime).toBe("nodejs22.x");
      expect(p.Architectures).toEqual(["arm64"]);
      expect(p.TracingConfig).toEqual({ Mode: "Active" });
      expect(p.LoggingConfig.LogFormat).toBe("JSON");
      expect(p.Environment.Variables.POWERTOOLS_SERVICE_NAME).toMatch(/^cotshare-/);
      expect(p.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe("cotshare");
      // No transcript content in logs or traces.
      expect(p.Environment.Variables.POWERTOOLS_LOGGER_LOG_EVENT).toBe("false");
      expect(p.Environment.Variables.POWERTOOLS_TRACER_CAPTURE_RESPONSE).toBe("false");
    }
  });

  it("gives ingest the shared environment names and a partial-batch SQS source with a concurrency cap", () => {
    const env = resources()[id(s.stack.processing.ingest.fn)]!.Properties.Environment.Variables;
    for (const name of [
      ENV.intakeBucket,
      ENV.stagingBucket,
      ENV.transcriptsTable,
      ENV.auditTable,
      ENV.idempotencyTable,
      ENV.hmacSecretArn,
    ]) {
      expect(env[name], name).toBeDefined();
    }
    s.template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: CONFIG_DEFAULTS.ingestMaxConcurrency },
      EventSourceArn: { "Fn::GetAtt": [id(s.stack.intake.queue), "Arn"] },
    });
  });

  it("gives every handler the environment names it requires (names.ts ENV)", () => {
    const needs: Array<[IConstruct, string[]]> = [
      [
        s.stack.processing.ingest.fn,
        [ENV.stagingBucket, ENV.transcriptsTable, ENV.setsTable, ENV.auditTable, ENV.largeIntakeQueueUrl],
      ],
      [
        s.stack.publishing.publish.fn,
        [
          ENV.stagingBucket,
          ENV.publicBucket,
          ENV.transcriptsTable,
          ENV.setsTable,
          ENV.auditTable,
          ENV.signingKeyId,
          ENV.distributionId,
        ],
      ],
      [s.stack.publicSite.publicApi.fn, [ENV.publicBucket, ENV.setsTable, ENV.transcriptsTable]],
      [
        s.stack.reviewApi.review.fn,
        [ENV.stagingBucket, ENV.transcriptsTable, ENV.setsTable, ENV.auditTable, ENV.publishFunctionName],
      ],
    ];
    for (const [fn, names] of needs) {
      const env = resources()[id(fn)]!.Properties.Environment.Variables;
      for (const name of names) expect(env[name], `${fn.node.path} ${name}`).toBeDefined();
    }
  });

  it("sets every name a handler's cloud wiring requires (read from its source: required(ENV.x))", () => {
    const fns: Record<string, IConstruct> = {
      ingest: s.stack.processing.ingest.fn,
      "dead-letter": s.stack.processing.deadLetter.fn,
      publish: s.stack.publishing.publish.fn,
      "public-api": s.stack.publicSite.publicApi.fn,
      "review-api": s.stack.reviewApi.review.fn,
    };
    for (const [file, fn] of Object.entries(fns)) {
      const source = readFileSync(
        join(import.meta.dirname, "..", "..", "lambdas", "handlers", `${file}.ts`),
        "utf8",
      );
      const keys = [...source.matchAll(/required\(ENV\.(\w+)\)/g)].map((m) => m[1] as keyof typeof ENV);
      expect(keys.length, file).toBeGreaterThan(0);
      const env = resources()[id(fn)]!.Properties.Environment.Variables;
      for (const k of keys) expect(env[ENV[k]], `${file} ${ENV[k]}`).toBeDefined();
    }
  });

  it("sets a retention on every function's log group, CDK's own included", () => {
    const fns = ofType("AWS::Lambda::Function");
    expect(fns.length).toBeGreaterThanOrEqual(6);
    for (const [name, fn] of fns) {
      const ref = fn.Properties.LoggingConfig?.LogGroup?.Ref;
      expect(ref, name).toBeDefined();
      expect(resources()[ref]!.Properties.RetentionInDays, name).toBe(CONFIG_DEFAULTS.logRetentionDays);
    }
  });

  it("keeps the staging bucket private and KMS-encrypted", () => {
    const p = resources()[id(s.stack.processing.stagingBucket)]!.Properties;
    expect(p.PublicAccessBlockConfiguration.RestrictPublicBuckets).toBe(true);
    expect(
      p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm,
    ).toBe("aws:kms");
  });

  it("uses `Resource: *` for X-Ray only", () => {
    const star = allPolicyStatements(s.template).filter(({ statement }) => statement.Resource.includes("*"));
    const ours = new Set(
      [
        s.stack.processing.ingest,
        s.stack.publishing.publish,
        s.stack.publicSite.publicApi,
        s.stack.reviewApi.review,
      ].map((f) => id(f.role)),
    );
    for (const { roles, statement } of star.filter(({ roles }) => roles.some((r) => ours.has(r)))) {
      expect(
        statement.Action.every((a) => a.startsWith("xray:")),
        `${roles}: ${statement.Action}`,
      ).toBe(true);
    }
  });
});

describe("metadata tables", () => {
  it("are on demand, point-in-time recoverable and KMS-encrypted", () => {
    const tables = ofType("AWS::DynamoDB::Table");
    expect(tables).toHaveLength(4);
    for (const [, t] of tables) {
      expect(t.Properties.BillingMode).toBe("PAY_PER_REQUEST");
      expect(t.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(t.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: "KMS" });
      expect(t.Properties.SSESpecification.KMSMasterKeyId).toBeDefined();
    }
  });

  it("use the key schemas and indexes of names.ts; idempotency expires on `expiration`", () => {
    const t = (c: IConstruct) => resources()[id(c)]!.Properties;
    expect(t(s.stack.metadata.transcripts).KeySchema).toEqual([
      { AttributeName: TRANSCRIPTS_TABLE.partitionKey, KeyType: "HASH" },
    ]);
    const gsis = t(s.stack.metadata.transcripts).GlobalSecondaryIndexes;
    for (const idx of Object.values(TRANSCRIPTS_TABLE.indexes)) {
      expect(gsis).toContainEqual(
        expect.objectContaining({
          IndexName: idx.name,
          KeySchema: [
            { AttributeName: idx.partitionKey, KeyType: "HASH" },
            { AttributeName: idx.sortKey, KeyType: "RANGE" },
          ],
        }),
      );
    }
    expect(t(s.stack.metadata.sets).KeySchema).toEqual([
      { AttributeName: SETS_TABLE.partitionKey, KeyType: "HASH" },
    ]);
    expect(t(s.stack.metadata.audit).KeySchema).toEqual([
      { AttributeName: AUDIT_TABLE.partitionKey, KeyType: "HASH" },
      { AttributeName: AUDIT_TABLE.sortKey, KeyType: "RANGE" },
    ]);
    expect(t(s.stack.metadata.idempotency).KeySchema).toEqual([
      { AttributeName: IDEMPOTENCY_TABLE.partitionKey, KeyType: "HASH" },
    ]);
    expect(t(s.stack.metadata.idempotency).TimeToLiveSpecification).toEqual({
      AttributeName: "expiration",
      Enabled: true,
    });
  });
});

describe("publishing", () => {
  it("has an asymmetric P-256 signing key that only the publish function may use to sign", () => {
    const key = resources()[id(s.stack.publishing.signingKey)]!.Properties;
    expect(key.KeySpec).toBe("ECC_NIST_P256");
    expect(key.KeyUsage).toBe("SIGN_VERIFY");
    const publishRole = id(s.stack.publishing.publish.role);
    const signers = allPolicyStatements(s.template).filter(
      ({ statement }) => grants([statement], "kms:Sign").length > 0,
    );
    expect(signers.flatMap((x) => x.roles)).toEqual([publishRole]);
    const deny = key.KeyPolicy.Statement.find((st: any) => st.Effect === "Deny");
    expect(deny.Action).toBe("kms:Sign");
    expect(deny.Condition.ArnNotEquals["aws:PrincipalArn"]).toEqual({ "Fn::GetAtt": [publishRole, "Arn"] });
  });

  it("runs on the configured schedule and gets the set size and key id", () => {
    s.template.hasResourceProperties("AWS::Events::Rule", {
      ScheduleExpression: CONFIG_DEFAULTS.schedule,
      Targets: [Match.objectLike({ Arn: { "Fn::GetAtt": [id(s.stack.publishing.publish.fn), "Arn"] } })],
    });
    const env = resources()[id(s.stack.publishing.publish.fn)]!.Properties.Environment.Variables;
    expect(env[ENV.setSize]).toBe(String(CONFIG_DEFAULTS.setSize));
    expect(env[ENV.signingKeyId]).toEqual({ Ref: id(s.stack.publishing.signingKey) });
  });
});

describe("publishing runs one at a time", () => {
  it("reserves one concurrent execution for the publish function, and only for it", () => {
    const fns = s.template.findResources("AWS::Lambda::Function");
    const reserved = Object.entries(fns)
      .filter(([, r]) => r.Properties.ReservedConcurrentExecutions !== undefined)
      .map(([k, r]) => [k, r.Properties.ReservedConcurrentExecutions]);
    expect(reserved).toEqual([[id(s.stack.publishing.publish.fn), 1]]);
  });

  it("leaves the publish function unreserved when serializePublishing is false", () => {
    const t = synthStack({ ...TEST_CONFIG, serializePublishing: false });
    const fns = t.template.findResources("AWS::Lambda::Function");
    expect(Object.values(fns).filter((r) => r.Properties.ReservedConcurrentExecutions !== undefined)).toEqual(
      [],
    );
  });
});

describe("review API and publishing: only the publish function signs and writes sets", () => {
  const reviewStatements = () => roleStatements(s.template, id(s.stack.reviewApi.review.role)).statements;

  it("the review function cannot sign, nor touch the public bucket or the sets table", () => {
    const st = reviewStatements();
    expect(grants(st, "kms:Sign")).toEqual([]);
    expect(grants(st, "kms:GetPublicKey")).toEqual([]);
    const publicArn = `<${id(s.stack.publishing.publicBucket)}.Arn>`;
    const setsArn = `<${id(s.stack.metadata.sets)}.Arn>`;
    for (const x of st) {
      for (const r of x.Resource) {
        expect(r.startsWith(publicArn), `${x.Action} on ${r}`).toBe(false);
        expect(r.startsWith(setsArn), `${x.Action} on ${r}`).toBe(false);
      }
    }
    const env = resources()[id(s.stack.reviewApi.review.fn)]!.Properties.Environment.Variables;
    expect(env[ENV.publicBucket]).toBeUndefined();
    expect(env[ENV.signingKeyId]).toBeUndefined();
  });

  it("the publish function reads the staged transcripts and the labs' policies in the staging bucket, and writes nothing there", () => {
    const st = roleStatements(s.template, id(s.stack.publishing.publish.role)).statements;
    const stagingArn = `<${id(s.stack.processing.stagingBucket)}.Arn>`;
    const reads = grants(st, "s3:GetObject")
      .flatMap((x) => x.Resource)
      .filter((r) => r.startsWith(stagingArn));
    expect(reads.sort()).toEqual(
      [`${stagingArn}/${PREFIX.labConfig}*`, `${stagingArn}/${PREFIX.staging}*`].sort(),
    );
    for (const action of ["s3:PutObject", "s3:DeleteObject"])
      expect(
        grants(st, action)
          .flatMap((x) => x.Resource)
          .filter((r) => r.startsWith(stagingArn)),
        action,
      ).toEqual([]);
  });

  it("ingest writes staged transcripts, reports and intake marks, and reads only lab policies and marks in the staging bucket", () => {
    const st = roleStatements(s.template, id(s.stack.processing.ingest.role)).statements;
    const stagingArn = `<${id(s.stack.processing.stagingBucket)}.Arn>`;
    const on = (action: string) =>
      grants(st, action)
        .flatMap((x) => x.Resource)
        .filter((r) => r.startsWith(stagingArn))
        .sort();
    expect(on("s3:GetObject")).toEqual(
      [`${stagingArn}/${PREFIX.labConfig}*`, `${stagingArn}/${PREFIX.intakeMarks}*`].sort(),
    );
    expect(on("s3:PutObject")).toEqual(
      [
        `${stagingArn}/${PREFIX.staging}*`,
        `${stagingArn}/${PREFIX.reports}*`,
        `${stagingArn}/${PREFIX.intakeMarks}*`,
      ].sort(),
    );
    expect(on("s3:DeleteObject")).toEqual([]);
  });

  it("the review function may invoke the publish function, and nothing else", () => {
    const invokes = grants(reviewStatements(), "lambda:InvokeFunction");
    expect(invokes.flatMap((x) => x.Resource)).toEqual([`<${id(s.stack.publishing.publish.fn)}.Arn>`]);
    const env = resources()[id(s.stack.reviewApi.review.fn)]!.Properties.Environment.Variables;
    expect(env[ENV.publishFunctionName]).toEqual({ Ref: id(s.stack.publishing.publish.fn) });
    // No other role of ours may invoke it (EventBridge does so through a resource policy).
    const invokers = allPolicyStatements(s.template).filter(
      ({ statement }) =>
        grants([statement], "lambda:InvokeFunction").length > 0 &&
        statement.Resource.some((r) => r.includes(id(s.stack.publishing.publish.fn))),
    );
    expect(invokers.flatMap((x) => x.roles)).toEqual([id(s.stack.reviewApi.review.role)]);
  });

  it("only the publish function (and the viewer deployment, under site/) may write the public bucket", () => {
    const publicArn = `<${id(s.stack.publishing.publicBucket)}.Arn>`;
    const writers = allPolicyStatements(s.template).filter(
      ({ statement }) =>
        (grants([statement], "s3:PutObject").length > 0 ||
          grants([statement], "s3:DeleteObject").length > 0) &&
        statement.Resource.some((r) => r.startsWith(publicArn)),
    );
    const publishRole = id(s.stack.publishing.publish.role);
    for (const w of writers) {
      if (w.roles.includes(publishRole)) continue;
      // CDK's BucketDeployment writes the viewer's files: its own role, not a cotshare function.
      expect(
        w.roles.every((r) => r.startsWith("CustomCDKBucketDeployment")),
        String(w.roles),
      ).toBe(true);
    }
    expect(writers.some((w) => w.roles.includes(publishRole))).toBe(true);
  });

  it("the publish function may invalidate this one distribution, and knows its id", () => {
    const distId = id(s.stack.publicSite.distribution);
    const env = resources()[id(s.stack.publishing.publish.fn)]!.Properties.Environment.Variables;
    expect(env[ENV.distributionId]).toEqual({ Ref: distId });
    const invalidators = allPolicyStatements(s.template).filter(
      ({ statement }) => grants([statement], "cloudfront:CreateInvalidation").length > 0,
    );
    const ours = invalidators.filter((x) => x.roles.includes(id(s.stack.publishing.publish.role)));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.statement.Action).toEqual(["cloudfront:CreateInvalidation"]);
    expect(ours[0]!.statement.Resource).toHaveLength(1);
    expect(ours[0]!.statement.Resource[0]).toMatch(
      new RegExp(`:cloudfront::\\d{12}:distribution/<${distId}>$`),
    );
    // The review function cannot invalidate (nor anything else of ours but the publish function).
    const cotshareRoles = [
      s.stack.processing.ingest,
      s.stack.publicSite.publicApi,
      s.stack.reviewApi.review,
    ].map((f) => id(f.role));
    for (const x of invalidators) expect(x.roles.some((r) => cotshareRoles.includes(r))).toBe(false);
  });
});

describe("public site", () => {
  it("keeps the public bucket private: only CloudFront (this distribution) may read it", () => {
    const bucketId = id(s.stack.publishing.publicBucket);
    expect(resources()[bucketId]!.Properties.PublicAccessBlockConfiguration.BlockPublicPolicy).toBe(true);
    const policy = ofType("AWS::S3::BucketPolicy").find(([, r]) => r.Properties.Bucket.Ref === bucketId)![1];
    const allows = (policy.Properties.PolicyDocument.Statement as any[]).filter(
      (st) => st.Effect === "Allow",
    );
    expect(allows.length).toBeGreaterThan(0);
    for (const st of allows) {
      expect(st.Principal).toEqual({ Service: "cloudfront.amazonaws.com" });
      expect(st.Condition.StringEquals["AWS:SourceArn"]).toBeDefined();
      expect([st.Action].flat().every((a: string) => a === "s3:GetObject" || a === "s3:ListBucket")).toBe(
        true,
      );
    }
  });

  it("serves HTTPS only, read-only methods, security headers and access logs", () => {
    const dist = ofType("AWS::CloudFront::Distribution")[0]![1].Properties.DistributionConfig;
    const behaviors = [dist.DefaultCacheBehavior, ...dist.CacheBehaviors];
    expect(behaviors.map((b: any) => b.PathPattern ?? "default")).toEqual(
      expect.arrayContaining(["default", "/api/*", "/sets/*", "/latest.json"]),
    );
    for (const b of behaviors) {
      expect(["https-only", "redirect-to-https"]).toContain(b.ViewerProtocolPolicy);
      expect(b.AllowedMethods ?? ["GET", "HEAD"]).toEqual(["GET", "HEAD"]);
      expect(b.ResponseHeadersPolicyId).toBeDefined();
    }
    expect(dist.Logging.Bucket).toBeDefined();
    for (const o of dist.Origins) expect(o.OriginAccessControlId, o.Id).toBeDefined();
    const site = dist.Origins.find((o: any) => o.OriginPath === `/${SITE_PREFIX.replace(/\/$/, "")}`);
    expect(site).toBeDefined();
    s.template.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          StrictTransportSecurity: Match.objectLike({ IncludeSubdomains: true, Override: true }),
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp("default-src 'self'"),
          }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: "DENY", Override: true },
          ReferrerPolicy: Match.objectLike({ ReferrerPolicy: "no-referrer" }),
        },
      },
    });
  });

  it("puts the read API behind CloudFront with an IAM-only function URL and grants it no writes", () => {
    const urls = ofType("AWS::Lambda::Url");
    expect(urls).toHaveLength(1);
    expect(urls[0]![1].Properties.AuthType).toBe("AWS_IAM");
    const { statements } = roleStatements(s.template, id(s.stack.publicSite.publicApi.role));
    for (const action of [
      "s3:PutObject",
      "s3:DeleteObject",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem",
    ]) {
      expect(grants(statements, action), action).toEqual([]);
    }
  });

  it("deploys the viewer to the site prefix", () => {
    s.template.hasResourceProperties("Custom::CDKBucketDeployment", {
      DestinationBucketKeyPrefix: SITE_PREFIX,
    });
    expect(s.stack.publicSite.webDeployed).toBe(true);
  });
});

describe("no unauthenticated access anywhere", () => {
  it("requires IAM on every review route, logs and throttles the stage", () => {
    const routes = ofType("AWS::ApiGatewayV2::Route");
    expect(routes.map(([, r]) => r.Properties.RouteKey)).toEqual(
      expect.arrayContaining([
        "GET /review/transcripts",
        "GET /review/transcripts/{id}",
        "POST /review/transcripts/{id}/decision",
      ]),
    );
    for (const [, r] of routes) expect(r.Properties.AuthorizationType, r.Properties.RouteKey).toBe("AWS_IAM");
    s.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: Match.anyValue() }),
    });
  });

  it("has no public function URL, no open Lambda permission and no public bucket policy", () => {
    for (const [, u] of ofType("AWS::Lambda::Url")) expect(u.Properties.AuthType).toBe("AWS_IAM");
    for (const [name, p] of ofType("AWS::Lambda::Permission")) {
      if (p.Properties.Principal === "*") throw new Error(`${name} lets anyone invoke`);
      if (p.Properties.Principal === "cloudfront.amazonaws.com")
        expect(p.Properties.SourceArn, name).toBeDefined();
    }
    for (const [, p] of ofType("AWS::S3::BucketPolicy")) {
      for (const st of p.Properties.PolicyDocument.Statement as any[]) {
        if (st.Effect === "Allow") expect(JSON.stringify(st.Principal)).not.toMatch(/"\*"|"AWS":"\*"/);
      }
    }
  });
});

describe("operations", () => {
  it("sends alarms on DLQ depth, errors and throttles to an encrypted topic with the e-mail subscribed", () => {
    const topicId = id(s.stack.operations.topic);
    expect(resources()[topicId]!.Properties.KmsMasterKeyId).toBeDefined();
    s.template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "ops@example.org",
    });
    const alarms = ofType("AWS::CloudWatch::Alarm").map(([, a]) => a.Properties);
    for (const a of alarms) expect(a.AlarmActions).toEqual([{ Ref: topicId }]);
    expect(
      alarms.some(
        (a) =>
          a.MetricName === "ApproximateNumberOfMessagesVisible" &&
          a.Dimensions[0].Value["Fn::GetAtt"][0] === id(s.stack.intake.deadLetterQueue),
      ),
    ).toBe(true);
    for (const fn of [
      s.stack.processing.ingest,
      s.stack.publishing.publish,
      s.stack.publicSite.publicApi,
      s.stack.reviewApi.review,
    ]) {
      for (const metric of ["Errors", "Throttles"]) {
        expect(
          alarms.some((a) => a.MetricName === metric && a.Dimensions[0].Value.Ref === id(fn.fn)),
          `${metric} ${fn.node.path}`,
        ).toBe(true);
      }
    }
    // CloudWatch may use the topic key (it cannot publish to a topic under the AWS-managed SNS key).
    const keyRef = resources()[topicId]!.Properties.KmsMasterKeyId["Fn::GetAtt"][0];
    const keyPolicy = JSON.stringify(resources()[keyRef]!.Properties.KeyPolicy);
    expect(keyPolicy).toContain("cloudwatch.amazonaws.com");
  });

  it("exports bucket names, one role ARN per lab, the distribution and the API URLs", () => {
    const outputs = Object.keys(s.template.toJSON().Outputs);
    expect(outputs).toEqual(
      expect.arrayContaining([
        "IntakeBucketName",
        "StagingBucketName",
        "PublicBucketName",
        "LabRoleArnLabA",
        "LabRoleArnLabB",
        "DistributionDomainName",
        "PublicApiUrl",
        "ReviewApiUrl",
      ]),
    );
  });
});

describe("cdk-nag AwsSolutions", () => {
  it("reports no unacknowledged error or warning", () => {
    const report = new AwsSolutionsChecks().validateScope(s.stack);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(", ")}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it("gives every acknowledgment a real reason", () => {
    const acks: Array<[string, string]> = [];
    for (const c of s.stack.node.findAll()) {
      for (const m of c.node.metadata) {
        if (m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [rule, reason] of Object.entries(m.data as Record<string, unknown>))
          acks.push([rule, String(reason)]);
      }
    }
    expect(acks.length).toBeGreaterThan(0);
    for (const [rule, reason] of acks) expect(reason.length, rule).toBeGreaterThan(40);
  });

  it("still catches a wildcard that nobody acknowledged (the acknowledgments are narrow)", () => {
    const role = s.stack.intake.labRoles.get("lab-a")!;
    // Validation walks the construct tree: no new synthesis needed. Another lab's prefix must be flagged.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["s3:PutObject"],
        resources: [s.stack.intake.bucket.arnForObjects("incoming/lab-b/*")],
      }),
    );
    const report = new AwsSolutionsChecks().validateScope(s.stack);
    expect(report.violations.map((v) => v.ruleName)).toContain(
      `AwsSolutions-IAM5[Resource::<${id(s.stack.intake.bucket)}.Arn>/incoming/lab-b/*]`,
    );
  });
});
