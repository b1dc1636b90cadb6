import type { AccessContext } from '../../platform/access/scoped';
import type { KindHandler, WriteItem } from '../../platform/exchange/package-processor';
import { type ContactRecord, ContactRecord as ContactSchema, ScheduleSlotRecord } from '../domain/records';
import { checkContact, checkSlot } from '../domain/schedule-rules';
import { loadScheduleFacts, type PreventionContext } from './lookups';

type Handler<R> = Omit<KindHandler<PreventionContext, R, null>, 'permission'>;

/** Each item's stored id, by its source id (RETURNING promises no order). */
function idsBySource(
  items: readonly { record: { sourceId: string } }[],
  stored: { id: string; sourceId: string }[],
) {
  const ids = new Map(stored.map((r) => [r.sourceId, r.id]));
  return { ids: items.map(({ record }) => ids.get(record.sourceId) ?? null) };
}

/** Rows as one JSON parameter for `json_to_recordset` (one statement text whatever the number of rows). */
const jsonRows = (rows: readonly Record<string, unknown>[]): string => JSON.stringify(rows);

/**
 * Slots of an МО's exam schedule (D§2.4.2): checked against today and the МО's departments, upserted in one
 * statement by sender and source id (a slot sent again with the same id changes it; `cancelled` withdraws it).
 */
export const scheduleSlotHandler: Handler<ScheduleSlotRecord> = {
  schema: ScheduleSlotRecord,
  keys: (slot) => [`slot:${slot.sourceId}`],
  async check(ctx, who, slots) {
    const facts = await loadScheduleFacts(ctx, who.orgCode);
    return slots.map((slot) => ({ issues: checkSlot(facts, who.orgCode, slot), facts: null }));
  },
  async write(ctx, who, items) {
    const rows = items.map(({ record: s, packageRef }: WriteItem<ScheduleSlotRecord, null>, ord) => ({
      ord,
      package_ref: packageRef,
      source_id: s.sourceId,
      mo_code: s.moCode,
      kind: s.kind,
      department_code: s.departmentCode ?? null,
      slot_date: s.date,
      time_from: s.timeFrom,
      time_to: s.timeTo,
      method: s.method,
      address: s.address ?? null,
      capacity: s.capacity ?? null,
      comment: s.comment ?? null,
      cancelled: s.cancelled,
    }));
    const stored = await ctx.tx<{ id: string; sourceId: string }[]>`
      insert into prevention.schedule_slot (sender_code, source_id, package_ref, mo_code, kind, department_code,
                                            slot_date, time_from, time_to, method, address, capacity, comment,
                                            cancelled)
      select ${who.orgCode}, source_id, package_ref, mo_code, kind, department_code, slot_date, time_from, time_to,
             method, address, capacity, comment, cancelled
      from json_to_recordset(${jsonRows(rows)}::text::json) as t(
        ord int, package_ref bigint, source_id text, mo_code text, kind text, department_code text, slot_date date,
        time_from time, time_to time, method smallint, address text, capacity integer, comment text,
        cancelled boolean)
      order by ord
      on conflict (sender_code, source_id) do update
        set package_ref = excluded.package_ref, kind = excluded.kind, department_code = excluded.department_code,
            slot_date = excluded.slot_date, time_from = excluded.time_from, time_to = excluded.time_to,
            method = excluded.method, address = excluded.address, capacity = excluded.capacity,
            comment = excluded.comment, cancelled = excluded.cancelled, updated_at = now(),
            change_seq = nextval('prevention.change_seq')
      returning id::text, source_id as "sourceId"`;
    return idsBySource(items, stored);
  },
};

/** Contact phones of an МО for informing (`CevContact`), upserted by sender and source id. */
export const contactHandler: Handler<ContactRecord> = {
  schema: ContactSchema,
  keys: (contact) => [`contact:${contact.sourceId}`],
  async check(ctx, who, contacts) {
    const facts = await loadScheduleFacts(ctx, who.orgCode);
    return contacts.map((contact) => ({ issues: checkContact(facts, who.orgCode, contact), facts: null }));
  },
  async write(ctx, who: AccessContext, items) {
    const rows = items.map(({ record: c, packageRef }, ord) => ({
      ord,
      package_ref: packageRef,
      source_id: c.sourceId,
      mo_code: c.moCode,
      phone: c.phone,
      comment: c.comment ?? null,
    }));
    const stored = await ctx.tx<{ id: string; sourceId: string }[]>`
      insert into prevention.contact (sender_code, source_id, package_ref, mo_code, phone, comment)
      select ${who.orgCode}, source_id, package_ref, mo_code, phone, comment
      from json_to_recordset(${jsonRows(rows)}::text::json) as t(
        ord int, package_ref bigint, source_id text, mo_code text, phone text, comment text)
      order by ord
      on conflict (sender_code, source_id) do update
        set package_ref = excluded.package_ref, phone = excluded.phone, comment = excluded.comment,
            received_at = now(), change_seq = nextval('prevention.change_seq')
      returning id::text, source_id as "sourceId"`;
    return idsBySource(items, stored);
  },
};
