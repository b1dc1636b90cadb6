import type { AwsCallOptions, AwsHttpRequest, AwsTransport } from '../../shared/platform/aws/aws-json-call';

/** An AWS refusal as the service answers it (its error type in `__type`), e.g. `awsError('NotAuthorizedException')`. */
export function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name });
}

export interface FakeAwsCall {
  operation: string;
  input: Record<string, unknown>;
  request: AwsHttpRequest;
}

type Answer = (input: Record<string, unknown>) => unknown;

interface Rule {
  operation: string | null;
  match: Record<string, unknown> | undefined;
  answer: Answer;
}

/** Does `value` hold everything `partial` names (deeply)? */
function matches(value: unknown, partial: unknown): boolean {
  if (partial === null || typeof partial !== 'object') return Object.is(value, partial);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(partial).every(([key, expected]) =>
    matches((value as Record<string, unknown>)[key], expected),
  );
}

/**
 * A stand-in for AWS JSON-protocol services (shared/platform/aws/aws-json-call.ts): answers operations by rules
 * (`on(operation, partialInput).resolves(output)`, `.rejects(awsError(…))`, `.callsFake(fn)`), the last rule
 * that matches winning, and records every call. Pass `options` where the adapter takes its call options.
 */
export function fakeAws() {
  const rules: Rule[] = [];
  const recorded: FakeAwsCall[] = [];

  const transport: AwsTransport = async (request) => {
    const operation = request.headers['x-amz-target']!.split('.').pop()!;
    const input = JSON.parse(request.body) as Record<string, unknown>;
    recorded.push({ operation, input, request });
    const rule = [...rules]
      .reverse()
      .find(
        (r) =>
          (r.operation === null || r.operation === operation) &&
          (r.match === undefined || matches(input, r.match)),
      );
    let output: unknown = {};
    try {
      output = rule ? await rule.answer(input) : {};
    } catch (error) {
      const { name, message } = error as Error;
      return { status: 400, body: JSON.stringify({ __type: name, message }) };
    }
    return { status: 200, body: JSON.stringify(output ?? {}) };
  };

  const ruleFor = (operation: string | null, match?: Record<string, unknown>) => ({
    resolves(output: unknown) {
      rules.push({ operation, match, answer: () => output });
      return fake;
    },
    rejects(error: Error) {
      rules.push({
        operation,
        match,
        answer: () => {
          throw error;
        },
      });
      return fake;
    },
    callsFake(answer: Answer) {
      rules.push({ operation, match, answer });
      return fake;
    },
  });

  const fake = {
    /** Call options for an adapter: fake credentials and region, this transport, no pause between retries. */
    options: {
      env: { AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' },
      transport,
      backoffMs: 0,
    } satisfies AwsCallOptions,
    on: (operation: string, match?: Record<string, unknown>) => ruleFor(operation, match),
    onAnyOperation: () => ruleFor(null),
    /** The inputs of the calls of `operation` (every call without one). */
    calls: (operation?: string) =>
      recorded.filter((c) => !operation || c.operation === operation).map((c) => c.input),
    /** The calls as sent, with their HTTP requests. */
    requests: () => [...recorded],
    reset() {
      rules.length = 0;
      recorded.length = 0;
    },
  };
  return fake;
}
