/**
 * Operations: an encrypted SNS topic (with the alarm e-mail subscribed) and alarms on DLQ depth,
 * function errors and throttles. CloudWatch alarms cannot publish to a topic encrypted with the
 * AWS-managed SNS key, so the topic has its own key that CloudWatch may use.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subs from "aws-cdk-lib/aws-sns-subscriptions";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

export interface OperationsProps {
  alarmEmail: string;
  deadLetterQueue: sqs.IQueue;
  functions: Record<string, lambda.IFunction>;
}

const PERIOD = Duration.minutes(5);

export class Operations extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const key = new kms.Key(this, "TopicKey", {
      description: "cotshare alarm topic",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "CloudWatchAlarmsPublish",
        principals: [new iam.ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        resources: ["*"],
      }),
    );
    this.topic = new sns.Topic(this, "Alarms", {
      displayName: "cotshare alarms",
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addSubscription(new subs.EmailSubscription(props.alarmEmail));
    const notify = new actions.SnsAction(this.topic);

    const add = (id: string, metric: cloudwatch.IMetric, description: string): void => {
      const alarm = new cloudwatch.Alarm(this, id, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(notify);
      this.alarms.push(alarm);
    };

    add(
      "DeadLetters",
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: PERIOD,
        statistic: "Maximum",
      }),
      "Intake objects failed ingest 5 times and sit in the DLQ: inspect, fix, redrive.",
    );
    for (const [name, fn] of Object.entries(props.functions)) {
      add(`${name}Errors`, fn.metricErrors({ period: PERIOD, statistic: "Sum" }), `${name} function errors`);
      add(
        `${name}Throttles`,
        fn.metricThrottles({ period: PERIOD, statistic: "Sum" }),
        `${name} function throttled`,
      );
    }
  }
}
