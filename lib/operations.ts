/**
 * Operations: an encrypted SNS topic (with the alarm e-mail subscribed) and alarms on dead letters,
 * function errors and throttles. CloudWatch alarms cannot publish to a topic encrypted with the
 * AWS-managed SNS key, so the topic has its own key that CloudWatch may use.
 *
 * Dead letters: the dead-letter function drains the DLQ within seconds (recording each object as
 * rejected `dead_letter`), so the queue's depth no longer says that an object was dead-lettered.
 * That is now the dead-letter function's invocations (every one is a DLQ batch). The consumer
 * failing is watched three ways: messages it cannot record (its failure metric, in three
 * consecutive periods: not one transient DynamoDB error), messages nobody consumes (DLQ depth for
 * three consecutive periods: the event source disabled or throttled), and its errors and throttles.
 * Not the DLQ's ApproximateAgeOfOldestMessage: SQS leaves a message received more than three times
 * out of it, which is exactly a message the consumer keeps failing.
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
import { METRICS_NAMESPACE } from "./function-defaults";
import { MAX_RECEIVE_COUNT } from "./intake-defaults";

/**
 * The dead-letter handler's metric of messages it could not record (`DEAD_LETTER_FAILURE_METRIC` in
 * lambdas/handlers/dead-letter.ts, not imported: the CDK app does not load handler modules; a test
 * keeps them equal) and its Powertools service, the metric's `service` dimension.
 */
export const DEAD_LETTER_FAILURE_METRIC = "DeadLetterRecordFailures";
export const DEAD_LETTER_SERVICE = "cotshare-dead-letter";

export interface OperationsProps {
  alarmEmail: string;
  deadLetterQueue: sqs.IQueue;
  /** The function the DLQ feeds (also listed in `functions`, for its errors and throttles). */
  deadLetterFunction: lambda.IFunction;
  functions: Record<string, lambda.IFunction>;
  /** The queues ingest reads (the intake queue and the large intake queue), by alarm name. */
  ingestQueues: Record<string, sqs.IQueue>;
}

const PERIOD = Duration.minutes(5);
/** Periods in a row that mean the dead-letter consumer is stuck rather than retrying once. */
export const STUCK_PERIODS = 3;
/**
 * Age of an ingest queue's oldest message that means its consumer is stuck (an event source
 * disabled, ingest throttled or failing every object) rather than busy or retrying: longer than
 * five receives at the 60-minute visibility timeout take, and a day's burst of large objects at two
 * at a time; far shorter than SQS's 4-day retention, after which a message would vanish unseen.
 */
export const QUEUE_AGE_ALARM = Duration.hours(6);

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

    const add = (
      id: string,
      metric: cloudwatch.IMetric,
      description: string,
      periods = 1,
      threshold = 1,
    ): void => {
      const alarm = new cloudwatch.Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: periods,
        datapointsToAlarm: periods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(notify);
      this.alarms.push(alarm);
    };

    add(
      "DeadLettered",
      props.deadLetterFunction.metricInvocations({ period: PERIOD, statistic: "Sum" }),
      `An intake object failed ingest ${MAX_RECEIVE_COUNT} times and is now recorded as rejected with code dead_letter (review API: GET /review/transcripts?lab=<lab>&status=rejected). The dead-letter function's log names its key; the ingest log says why it failed. Fix the cause, then re-upload the object.`,
    );
    add(
      "DeadLetterRecordFailures",
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: DEAD_LETTER_FAILURE_METRIC,
        dimensionsMap: { service: DEAD_LETTER_SERVICE },
        period: PERIOD,
        statistic: "Sum",
      }),
      `The dead-letter function has failed to record DLQ messages for ${STUCK_PERIODS * PERIOD.toMinutes()} minutes: see its log (message ids and error codes); the messages stay in the DLQ until recorded.`,
      STUCK_PERIODS,
    );
    add(
      "DeadLettersWaiting",
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: PERIOD,
        statistic: "Maximum",
      }),
      `Messages have waited in the DLQ for ${STUCK_PERIODS * PERIOD.toMinutes()} minutes without being consumed: check the dead-letter function's event source mapping and throttles.`,
      STUCK_PERIODS,
    );
    for (const [name, queue] of Object.entries(props.ingestQueues))
      add(
        `${name}QueueStale`,
        queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: "Maximum" }),
        `A message has waited in the ${name} queue for ${QUEUE_AGE_ALARM.toHours()} hours: check the ingest function's event source mappings, throttles and log (keys and error codes). SQS drops messages after the queue's retention period, without a dead letter.`,
        1,
        QUEUE_AGE_ALARM.toSeconds(),
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
