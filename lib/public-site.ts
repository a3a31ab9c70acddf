/**
 * Public site: one CloudFront distribution in front of the (private) public bucket and the public
 * read API. Both origins use origin access control; the bucket and the function URL accept
 * requests from this distribution only. HTTPS only, security headers, standard logging.
 */
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Duration, Validations } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import { ENV, LATEST_KEY, PREFIX, PUBLICATION_LOG_KEY } from "../lambdas/core/names";
import type { CotshareConfig } from "./config";
import { CotshareFunction } from "./function";
import { allow, allowDecrypt, allowObjects, allowTable } from "./grants";
import {
  API_TTL,
  CONTENT_SECURITY_POLICY,
  HSTS_MAX_AGE,
  LATEST_TTL,
  SITE_PREFIX,
} from "./public-site-defaults";

export interface PublicSiteProps {
  publicBucket: s3.Bucket;
  accessLogs: s3.IBucket;
  transcripts: dynamodb.Table;
  sets: dynamodb.Table;
  dataKey: kms.IKey;
  logRetentionDays: number;
  domain?: CotshareConfig["domain"];
  /** Folder holding the viewer; deployed only if it holds an `index.html`. */
  webDir?: string;
}

/** The viewer folder, if it is ready to deploy (the viewer may not be written yet). */
export function deployableWebDir(dir: string): string | undefined {
  return existsSync(dir) && readdirSync(dir).includes("index.html") ? dir : undefined;
}

export const DEFAULT_WEB_DIR = fileURLToPath(new URL("../web", import.meta.url));

export class PublicSite extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly publicApi: CotshareFunction;
  readonly publicApiUrl: lambda.FunctionUrl;
  readonly webDeployed: boolean;

  constructor(scope: Construct, id: string, props: PublicSiteProps) {
    super(scope, id);
    this.publicApi = new CotshareFunction(this, "PublicApi", {
      handler: "public-api",
      description: "cotshare public read API (GET only, behind CloudFront)",
      timeout: Duration.seconds(10),
      memorySize: 512,
      logRetentionDays: props.logRetentionDays,
      environment: {
        [ENV.publicBucket]: props.publicBucket.bucketName,
        [ENV.transcriptsTable]: props.transcripts.tableName,
        [ENV.setsTable]: props.sets.tableName,
      },
    });
    // Read-only: the public API can read published objects and metadata, and write nothing.
    const role = this.publicApi.role;
    allowObjects(
      role,
      props.publicBucket,
      "",
      ["s3:GetObject"],
      "Read-only access to the public bucket, whose whole content is published data.",
    );
    allow(role, ["s3:ListBucket"], [props.publicBucket.bucketArn]);
    allowTable(role, props.sets, false);
    allowTable(role, props.transcripts, false);
    allowDecrypt(role, props.dataKey);
    this.publicApiUrl = this.publicApi.fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

    const headers = new cloudfront.ResponseHeadersPolicy(this, "SecurityHeaders", {
      comment: "cotshare security headers",
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: HSTS_MAX_AGE,
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    const siteOrigin = origins.S3BucketOrigin.withOriginAccessControl(props.publicBucket, {
      originPath: `/${SITE_PREFIX.replace(/\/$/, "")}`,
    });
    const dataOrigin = origins.S3BucketOrigin.withOriginAccessControl(props.publicBucket);
    const apiOrigin = origins.FunctionUrlOrigin.withOriginAccessControl(this.publicApiUrl);

    const latestCache = new cloudfront.CachePolicy(this, "LatestCache", {
      comment: "cotshare latest.json: short-lived",
      defaultTtl: LATEST_TTL,
      maxTtl: LATEST_TTL,
      minTtl: Duration.seconds(0),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const apiCache = new cloudfront.CachePolicy(this, "ApiCache", {
      comment: "cotshare public API: short-lived, keyed on the query string",
      defaultTtl: API_TTL,
      maxTtl: API_TTL,
      minTtl: Duration.seconds(0),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const readOnly = {
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      responseHeadersPolicy: headers,
      compress: true,
    };
    const dataBehavior: cloudfront.BehaviorOptions = {
      ...readOnly,
      origin: dataOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
    };

    const certificate = props.domain
      ? acm.Certificate.fromCertificateArn(this, "Certificate", props.domain.certificateArn)
      : undefined;
    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      comment: "cotshare public site",
      defaultRootObject: "index.html",
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      // Only meaningful with a custom certificate; the default one's policy is fixed by CloudFront.
      minimumProtocolVersion: certificate ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      domainNames: props.domain ? [props.domain.name] : undefined,
      certificate,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: "cloudfront/",
      defaultBehavior: {
        ...readOnly,
        origin: siteOrigin,
        // People type addresses: redirect them. Nothing is ever served over plain HTTP.
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: {
        [`/${PREFIX.sets}*`]: dataBehavior,
        [`/${PREFIX.keys}*`]: dataBehavior,
        [`/${LATEST_KEY}`]: { ...dataBehavior, cachePolicy: latestCache },
        // The publication log grows with every set: short-lived like latest.json.
        [`/${PUBLICATION_LOG_KEY}`]: { ...dataBehavior, cachePolicy: latestCache },
        "/api/*": {
          ...readOnly,
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          cachePolicy: apiCache,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
    });
    if (!props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: "AwsSolutions-CFR4",
        reason:
          "No custom domain configured: the default *.cloudfront.net certificate is used and CloudFront fixes its TLS policy. Set `domain` in the config to enforce TLSv1.2_2021.",
      });
    }
    Validations.of(this.distribution).acknowledge({
      id: "AwsSolutions-CFR1",
      reason: "The published sets are open data for everyone: no geographic restriction by design.",
    });
    Validations.of(this.distribution).acknowledge({
      id: "AwsSolutions-CFR2",
      reason:
        "Read-only, cached static content and a GET-only API with CloudFront caching in front; a WAF web ACL (about $5/month + rules) can be attached later if abuse shows up.",
    });

    const webDir =
      props.webDir === undefined ? deployableWebDir(DEFAULT_WEB_DIR) : deployableWebDir(props.webDir);
    this.webDeployed = webDir !== undefined;
    if (webDir) {
      const deployment = new s3deploy.BucketDeployment(this, "Viewer", {
        sources: [s3deploy.Source.asset(webDir)],
        destinationBucket: props.publicBucket,
        destinationKeyPrefix: SITE_PREFIX,
        distribution: this.distribution,
        distributionPaths: ["/index.html", "/*"],
        memoryLimit: 256,
      });
      void deployment;
    }
  }
}
