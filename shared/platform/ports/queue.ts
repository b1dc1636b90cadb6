import type { QueueMessage } from '../queue-message';

export { inboxFile, QueueMessage, RequestedBy } from '../queue-message';

export interface QueueHealth {
  ok: boolean;
  adapter: 'sqs' | 'pg-boss';
  /** Messages waiting (approximate in SQS). */
  waiting?: number;
  /** Messages in the dead-letter queue. */
  deadLetters?: number;
  error?: string;
}

export interface QueuePort {
  /** Sends a message to the import queue; returns the message id. */
  send(message: QueueMessage): Promise<string>;
  health(): Promise<QueueHealth>;
}
