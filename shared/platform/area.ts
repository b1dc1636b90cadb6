import type { ZodType } from 'zod';
import type { Permission } from './access/permissions';
import type { SectionSpec } from './access/sections';
import type { Sql, Tx } from './db/connection';
import type { RestFunction, SoapFunction } from './functions';
import type { Ports } from './ports/ports';
import type { QueueMessage } from './ports/queue';

/**
 * How an area plugs into the platform. Each area folder (shared/<area>/) exports one `Area` from its
 * `index.ts`; shared/areas.ts is the one list of them. From that list the function manifest takes the routes
 * and SOAP services, the queue consumer its jobs, `GET /api/v1/me` the permissions and sections, and the person
 * card its links to the areas' records. Adding an area touches the list and nothing else outside the area.
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
  /** Import-queue jobs, one per message kind. */
  jobs?: readonly QueueJob[];
  /** How to count this area's records about one person (the person card links to them). */
  personRecords?: readonly PersonRecordSource[];
  /** The area's demo story, sent through its own exchange after the local start-up (`npm start`). */
  demoStories?: readonly DemoStory[];
}

/**
 * A demo story of an area: generated deterministically from the demo region's seed and sent through the
 * area's exchange once per database (a run cut short completes on the next start without sending twice).
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

/** A job of the import queue: the message kind it takes, its schema and what runs it. */
export interface QueueJob {
  kind: string;
  schema: ZodType<QueueMessage>;
  /**
   * Runs one message (idempotently: the queue may deliver it again). Answers a summary for the log — counts,
   * ids, statuses, never personal data.
   */
  run(ports: Ports, message: QueueMessage, messageId: string): Promise<Record<string, unknown>>;
}

/** Defines a job with its message type inferred from the schema. */
export function queueJob<M extends QueueMessage>(job: {
  kind: M['kind'];
  schema: ZodType<M>;
  run(ports: Ports, message: M, messageId: string): Promise<Record<string, unknown>>;
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

/** Everything the areas registered, gathered once (shared/areas.ts builds it from the list). */
export function gather(areas: readonly Area[]) {
  return {
    permissions: areas.flatMap((a) => a.permissions ?? []),
    sections: areas.flatMap((a) => a.sections ?? []),
    rest: areas.flatMap((a) => a.rest ?? []),
    soap: areas.flatMap((a) => a.soap ?? []),
    jobs: new Map(areas.flatMap((a) => a.jobs ?? []).map((j) => [j.kind, j])),
    personRecords: areas.flatMap((a) => a.personRecords ?? []),
    demoStories: areas.flatMap((a) => a.demoStories ?? []),
  };
}
