import type { Tx } from '../../platform/db/connection';
import type { KindHandler as PlatformKindHandler } from '../../platform/exchange/package-processor';
import type { Lookups } from './lookups';

/**
 * How one hospitalisation message kind is checked and written: the platform's kind handler over this area's
 * look-ups; process-package.ts adds each kind's permission.
 */
export type KindHandler<R, F> = Omit<PlatformKindHandler<Lookups, R, F>, 'permission'>;

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
