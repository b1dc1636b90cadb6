import type { App, StackProps } from 'aws-cdk-lib';
import type { RestFunction } from '../../functions/manifest';
import { ApiStack } from './api-stack';
import { DataStack } from './data-stack';
import { ImportStack } from './import-stack';
import { MonitoringStack } from './monitoring-stack';
import { NetworkStack } from './network-stack';
import { ReportsStack } from './reports-stack';
import { WebStack } from './web-stack';

export interface OmslinkStacksOptions {
  /** Where functions/, shared/ and package-lock.json are read from; the repository root by default. */
  readonly projectRoot?: string;
  /** The web build to deploy (when it holds index.html); web/dist by default. */
  readonly webDistDir?: string;
  /** The REST routes of the API stack: functions/manifest.ts's by default (infra tests pass their own). */
  readonly restFunctions?: readonly RestFunction[];
}

export interface OmslinkStacks {
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly reports: ReportsStack;
  readonly importing: ImportStack;
  readonly api: ApiStack;
  readonly web: WebStack;
  readonly monitoring: MonitoringStack;
}

/** Stack names are `Omslink-<Part>`; no account or region: the app is environment-agnostic. */
export const stackNames = {
  network: 'Omslink-Network',
  data: 'Omslink-Data',
  reports: 'Omslink-Reports',
  importing: 'Omslink-Import',
  api: 'Omslink-Api',
  web: 'Omslink-Web',
  monitoring: 'Omslink-Monitoring',
} as const;

/** Builds the whole deployment (ARCHITECTURE §6) into `app`. */
export function createOmslinkStacks(app: App, options: OmslinkStacksOptions = {}): OmslinkStacks {
  const { projectRoot } = options;
  const common: StackProps = { tags: { project: 'omslink' } };

  const network = new NetworkStack(app, stackNames.network, {
    ...common,
    description: 'omslink: VPC, subnets, VPC endpoints',
  });
  const data = new DataStack(app, stackNames.data, {
    ...common,
    description: 'omslink: Aurora PostgreSQL, RDS Proxy, migrations',
    vpc: network.vpc,
    projectRoot,
  });
  const reports = new ReportsStack(app, stackNames.reports, {
    ...common,
    description: 'omslink: report exports bucket',
  });
  const importing = new ImportStack(app, stackNames.importing, {
    ...common,
    description: 'omslink: inbox bucket, import queue, consumer',
    database: data.database,
    exportsBucket: reports.exportsBucket,
    projectRoot,
  });
  const api = new ApiStack(app, stackNames.api, {
    ...common,
    description: 'omslink: REST and SOAP API, Cognito, WAF',
    database: data.database,
    importQueue: importing.importQueue,
    inboxBucket: importing.inboxBucket,
    exportsBucket: reports.exportsBucket,
    projectRoot,
    restFunctions: options.restFunctions,
  });
  const web = new WebStack(app, stackNames.web, {
    ...common,
    description: 'omslink: web app bucket and CloudFront',
    api: api.api,
    webDistDir: options.webDistDir,
  });
  const monitoring = new MonitoringStack(app, stackNames.monitoring, {
    ...common,
    description: 'omslink: alarms and dashboard',
    api: api.api,
    functions: [...data.functions, ...importing.consumers, ...api.functions],
    importQueue: importing.importQueue,
    deadLetterQueue: importing.deadLetterQueue,
  });

  return { network, data, reports, importing, api, web, monitoring };
}
