import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AwsAdapter } from '../../shared/platform/ports/ports';

/** A fresh ports module: its choice of ports and its declared adapters are per process. */
const freshPorts = async () => {
  vi.resetModules();
  return import('../../shared/platform/ports/ports');
};

const queueAdapter = (created: string[]): AwsAdapter<'queue'> => ({
  port: 'queue',
  create: (config) => {
    created.push(config.importQueueUrl ?? '');
    return { send: async () => 'm-1', health: async () => ({ ok: true, adapter: 'sqs' }) };
  },
});

beforeEach(() => {
  vi.stubEnv('OMSLINK_MODE', 'aws');
  vi.stubEnv('IMPORT_QUEUE_URL', 'https://sqs.eu-central-1.amazonaws.com/1/import');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the AWS ports of a function', () => {
  it('creates a declared adapter at its first use, once, and fails a port the function never declared', async () => {
    // Prepare
    const ports = await freshPorts();
    const created: string[] = [];
    ports.declareAdapters([queueAdapter(created)]);

    // Act
    const aws = ports.getPorts();

    // Assess
    expect(created).toEqual([]);
    expect(await aws.queue.send({} as never)).toBe('m-1');
    expect(aws.queue).toBe(aws.queue);
    expect(created).toEqual(['https://sqs.eu-central-1.amazonaws.com/1/import']);
    expect(aws.tokens).toBeNull();
    expect(() => aws.blobs).toThrow(/declared no AWS adapter for the blobs port/);
  });

  it('uses the ports set by the local runtime or a test, whatever a function declared', async () => {
    const ports = await freshPorts();
    const created: string[] = [];
    ports.declareAdapters([queueAdapter(created)]);
    const local = { queue: { send: async () => 'local' } } as never;
    ports.setPorts(local);
    expect(ports.getPorts()).toBe(local);
    expect(created).toEqual([]);
  });
});
