import type { ZodType } from 'zod';
import type { AccessContext } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import type { FlkIssue } from '../../platform/flk/issue';
import type { Lookups } from './lookups';

/** How one message kind is checked (beyond its schema) and written. */
export interface KindHandler<R, F> {
  schema: ZodType<R>;
  /** FLK against directories, organisations, the register and earlier records; `facts` feed the write. */
  check(ctx: Lookups, who: AccessContext, record: R): Promise<{ issues: FlkIssue[]; facts: F }>;
  /** Idempotent upsert keyed by (sender, sourceId); answers the stored record's id. */
  write(ctx: Lookups, who: AccessContext, record: R, facts: F, packageRef: string): Promise<string>;
}

export interface EventInput {
  entity: 'referral' | 'stay';
  entityId: string;
  event: string;
  personId: string;
  fromMoCode: string | null;
  toMoCode: string | null;
  smoCode: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the history of a referral or stay (and the СМО's event feed). No personal data in details. */
export async function recordEvent(tx: Tx, e: EventInput): Promise<void> {
  await tx`
    insert into hosp.event (entity, entity_id, event, org_code, username, channel, details, person_id,
                            from_mo_code, to_mo_code, smo_code)
    values (${e.entity}, ${e.entityId}, ${e.event}, app.org_code(), app.username(), app.channel(),
            ${e.details ? tx.json(e.details as never) : null}, ${e.personId}, ${e.fromMoCode}, ${e.toMoCode},
            ${e.smoCode})`;
}
