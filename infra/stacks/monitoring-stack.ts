import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type OmsFunction, omsFunctionName } from '../constructs/oms-function';

export interface MonitoringStackProps extends StackProps {
  readonly api: RestApi;
  readonly functions: OmsFunction[];
  readonly importQueue: IQueue;
  readonly deadLetterQueue: IQueue;
}

const fiveMinutes = Duration.minutes(5);

/**
 * A Lambda metric of a function by its physical name (`omsFunctionName`): no reference to the function, so the
 * stacks that build the functions publish nothing for the alarms.
 */
function lambdaMetric(fn: OmsFunction, metricName: string, statistic: string): Metric {
  return new Metric({
    namespace: 'AWS/Lambda',
    metricName,
    dimensionsMap: { FunctionName: omsFunctionName(fn.spec) },
    period: fiveMinutes,
    statistic,
  });
}

/**
 * Alarms (to one SNS topic operators subscribe to) and a dashboard: a message in the import dead-letter queue,
 * an import waiting over an hour, any API 5xx, any function error.
 */
export class MonitoringStack extends Stack {
  readonly alarmTopic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);

    this.alarmTopic = new Topic(this, 'AlarmTopic', { displayName: 'omslink alarms', enforceSSL: true });

    this.alarmWhenAbove('ImportDeadLetters', 'A package failed five times and waits in the import DLQ', 0, {
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
    });
    this.alarmWhenAbove('ImportBacklog', 'The oldest import message has waited more than an hour', 3600, {
      metric: props.importQueue.metricApproximateAgeOfOldestMessage({
        period: fiveMinutes,
        statistic: 'Maximum',
      }),
    });
    this.alarmWhenAbove('Api5xx', 'The API answered with a 5xx error', 0, {
      metric: props.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
    });
    for (const fn of props.functions) {
      this.alarmWhenAbove(`${fn.spec.name}Errors`, `Function ${fn.spec.name} failed`, 0, {
        metric: lambdaMetric(fn, 'Errors', 'Sum'),
      });
    }

    this.addDashboard(props);
  }

  private alarmWhenAbove(
    id: string,
    description: string,
    threshold: number,
    opts: { metric: IMetric },
  ): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: description,
      metric: opts.metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    alarm.addOkAction(new SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }

  private addDashboard(props: MonitoringStackProps): void {
    const perFunction = (metric: (fn: OmsFunction) => IMetric) => props.functions.map(metric);
    new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(6),
      widgets: [
        [
          new GraphWidget({
            title: 'API requests and errors',
            left: [props.api.metricCount({ period: fiveMinutes })],
            right: [
              props.api.metricClientError({ period: fiveMinutes }),
              props.api.metricServerError({ period: fiveMinutes }),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'API latency (p95)',
            left: [props.api.metricLatency({ period: fiveMinutes, statistic: 'p95' })],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Function errors',
            left: perFunction((fn) => lambdaMetric(fn, 'Errors', 'Sum')),
            width: 12,
          }),
          new GraphWidget({
            title: 'Function duration (p95)',
            left: perFunction((fn) => lambdaMetric(fn, 'Duration', 'p95')),
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Import queue',
            left: [
              props.importQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes }),
              props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes }),
            ],
            right: [props.importQueue.metricApproximateAgeOfOldestMessage({ period: fiveMinutes })],
            width: 12,
          }),
          new GraphWidget({
            title: 'Function throttles',
            left: perFunction((fn) => lambdaMetric(fn, 'Throttles', 'Sum')),
            width: 12,
          }),
        ],
      ],
    });
  }
}
