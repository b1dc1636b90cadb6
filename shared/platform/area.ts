import type { ZodType } from 'zod';
import type { Permission } from './access/permissions';
import type { SectionSpec } from './access/sections';
import type { Sql, Tx } from './db/connection';
import type { JournalSource } from './exchange/journal-source';
import type { RestFunction, SoapFunction } from './functions';
import type { Ports } from './ports/ports';
import type { QueueMessage } from './ports/queue';

/**
 * How an area plugs into the platform. Each area folder (shared/<area>/) exports one `Area` from its
 * `index.ts`; shared/areas.ts is the one list of them. From that list the function manifest takes the routes
 * and SOAP services, `GET /api/v1/me` the permissions and sections, and the person card its links to the areas'
 * records. What runs in the background is apart: the queue jobs are the area's `AreaWork` (its `work.ts`, listed
 * in shared/area-work.ts), and its demo story is listed in shared/area-demos.ts. The registration stays light, so
 * a function reading it (`/me`, sign-in, the person card) does not bundle every area's file readers and package
 * processors.
 */
export interface Area {
  /** The folder name: shared/<id>, functions/rest/<id>, web/src/pages/<id>. */
  id: string;
  /**
   * Core areas (nsi, org, person, demo) hold what every area builds on; any area may import them. An area
   * that is not core is imported by nobody but shared/areas.ts (checked by `npm run lint`).
   */
  core: boolean;
  permissions?: readonly Permission[];
  /** Navigation entries of the web UI. */
  sections?: readonly SectionSpec[];
  rest?: readonly RestFunction[];
  soap?: readonly SoapFunction[];
  /** How to count this area's records about one person (the person card links to them). */
  personRecords?: readonly PersonRecordSource[];
  /** The packages this area receives, for the exchange journal (shared/platform/exchange/journal.ts). */
  exchangeJournal?: readonly JournalSource[];
}

/**
 * An area's background work (shared/<area>/work.ts), listed in shared/area-work.ts: the queue consumer's jobs.
 */
export interface AreaWork {
  /** The area's id (its folder). */
  id: string;
  /** Import-queue jobs, one per message kind. */
  jobs?: readonly QueueJob[];
}

/**
 * A demo story of an area (shared/<area>/demo/demo-story.ts, listed in shared/area-demos.ts): generated
 * deterministically from the demo region's seed and sent through the area's exchange after the local start-up
 * (`npm start`), once per database (a run cut short completes on the next start without sending twice).
 */
export interface DemoStory {
  /** What the start-up banner says while it runs, e.g. "demo hospitalisation story". */
  title: string;
  run(sql: Sql, options: { seed: string; persons: number; signal?: AbortSignal }): Promise<DemoStoryResult>;
}

export interface DemoStoryResult {
  status: 'generated' | 'present' | 'interrupted';
  /** One line for the log when generated (counts, no personal data). */
  summary: string;
  ms: number;
}

/** What a queue job may use: the database and the blob store (the consumer declares S3 and nothing else). */
export type JobPorts = Pick<Ports, 'config' | 'sql' | 'blobs'>;

/**
 * What a job answers: a summary for the log — counts, ids, statuses, never personal data — and the messages other
 * areas' jobs take next (`followUps`, e.g. the registry's `registry-imported`). The consumer runs those at once,
 * in the same delivery: if one fails the delivery fails and comes again, and the first job, idempotent, answers
 * its follow-ups again. So an area tells others what happened without importing them, and without a second
 * trip through the queue (no queue port in the consumer, in AWS or locally).
 */
export type JobResult = Record<string, unknown> & { followUps?: readonly QueueMessage[] };

/** A job of the import queue: the message kind it takes, its schema and what runs it. */
export interface QueueJob {
  kind: string;
  schema: ZodType<QueueMessage>;
  /** Runs one message (idempotently: the queue may deliver it again). */
  run(ports: JobPorts, message: QueueMessage, messageId: string): Promise<JobResult>;
}

/** Defines a job with its message type inferred from the schema. */
export function queueJob<M extends QueueMessage>(job: {
  kind: M['kind'];
  schema: ZodType<M>;
  run(ports: JobPorts, message: M, messageId: string): Promise<JobResult>;
}): QueueJob {
  return job as unknown as QueueJob;
}

/**
 * A section's records about one person. The count runs in the caller's scoped transaction, so row-level
 * security limits it to what the caller may see.
 */
export interface PersonRecordSource {
  sectionId: string;
  count(tx: Tx, personId: string): Promise<number>;
}

export function defineArea(area: Area): Area {
  return area;
}

export function defineAreaWork(work: AreaWork): AreaWork {
  return work;
}

/** Everything the areas registered, gathered once (shared/areas.ts builds it from the list). */
export function gather(areas: readonly Area[]) {
  return {
    permissions: areas.flatMap((a) => a.permissions ?? []),
    sections: areas.flatMap((a) => a.sections ?? []),
    rest: areas.flatMap((a) => a.rest ?? []),
    soap: areas.flatMap((a) => a.soap ?? []),
    personRecords: areas.flatMap((a) => a.personRecords ?? []),
    exchangeJournal: areas.flatMap((a) => a.exchangeJournal ?? []),
  };
}

/** The areas' jobs by message kind (shared/area-work.ts builds them from its list). */
export function gatherWork(work: readonly AreaWork[]) {
  return {
    jobs: new Map(work.flatMap((w) => w.jobs ?? []).map((j) => [j.kind, j])),
  };
}
