import { registered } from '../shared/areas';
import type {
  FunctionSpec,
  OpsFunction,
  QueueFunction,
  RestFunction,
  SoapFunction,
} from '../shared/platform/functions';

export type {
  FunctionSpec,
  HttpMethod,
  OpsFunction,
  QueueFunction,
  RestFunction,
  RouteAuth,
  SoapFunction,
} from '../shared/platform/functions';

/**
 * The list of deployable functions, assembled from the areas (shared/areas.ts) and the platform's own. The CDK
 * app creates a Lambda (and its API Gateway route, SQS event source or custom resource) for each entry; the
 * local runtime dispatches HTTP requests and queue messages to the very same handler modules.
 */
export const restFunctions: RestFunction[] = [
  {
    kind: 'rest',
    name: 'Health',
    entry: 'functions/rest/health.ts',
    method: 'GET',
    path: '/health',
    auth: 'public',
  },
  ...registered.rest,
];

export const soapFunctions: SoapFunction[] = [...registered.soap];

export const queueFunctions: QueueFunction[] = [
  { kind: 'queue', name: 'ImportConsumer', entry: 'functions/queue/import-consumer.ts', queue: 'import' },
];

export const opsFunctions: OpsFunction[] = [
  { kind: 'ops', name: 'Migrate', entry: 'functions/ops/migrate.ts', purpose: 'migrate' },
];

export const allFunctions: FunctionSpec[] = [
  ...restFunctions,
  ...soapFunctions,
  ...queueFunctions,
  ...opsFunctions,
];
