import type postgres from 'postgres';
import type { Tx } from '../../platform/db/connection';
import type { DispensaryRecord } from '../domain/records';

/**
 * The ДН records an МО sent, as canonical records again (for the ГИС ОМС files: the export, and the import of a
 * `DN_LIST` that keeps the stored windows or a `DN_PLAN` that merges its windows into the stored observations).
 * Within the caller's scope (row-level security) and of the sender only. No audit here: the export audits what
 * it gives out; the imports hand the records back to the package processor, which audits its writes.
 */

export interface StoredObservation {
  id: string;
  personId: string;
  record: DispensaryRecord;
}

interface Row {
  id: string;
  personId: string;
  sourceId: string;
  enp: string | null;
  diagnosis: string;
  diagnosisDate: string | null;
  dateIn: string;
  dateOut: string | null;
  statusIn: 1 | 2;
  reasonIn: number | null;
  reasonOut: number | null;
  specialty: number;
  doctorSnils: string | null;
  moAssign: 0 | 1;
  visits: { from: string; to: string }[];
  lastVisit: string | null;
}

function toRecord(r: Row): DispensaryRecord {
  const record: DispensaryRecord = {
    sourceId: r.sourceId,
    patient: r.enp ? { enp: r.enp } : {},
    diagnosis: r.diagnosis,
    dateIn: r.dateIn,
    statusIn: r.statusIn,
    specialty: r.specialty,
    moAssign: r.moAssign,
    visits: r.visits,
  };
  if (r.diagnosisDate) record.diagnosisDate = r.diagnosisDate;
  if (r.dateOut) record.dateOut = r.dateOut;
  if (r.reasonIn !== null) record.reasonIn = r.reasonIn;
  if (r.reasonOut !== null) record.reasonOut = r.reasonOut;
  if (r.doctorSnils) record.doctorSnils = r.doctorSnils;
  if (r.lastVisit) record.lastVisit = r.lastVisit;
  return record;
}

type Fragment = postgres.PendingQuery<postgres.Row[]>;

async function select(tx: Tx, sender: string, where: Fragment, limit: number): Promise<StoredObservation[]> {
  const rows = await tx<Row[]>`
    select d.id::text, d.person_id::text as "personId", d.source_id as "sourceId", p.enp, d.diagnosis,
           d.diagnosis_date::text as "diagnosisDate", d.date_in::text as "dateIn", d.date_out::text as "dateOut",
           d.status_in as "statusIn", d.reason_in as "reasonIn", d.reason_out as "reasonOut", d.specialty,
           d.doctor_snils as "doctorSnils", d.mo_assign as "moAssign",
           coalesce((select json_agg(json_build_object('from', w.f, 'to', w.t) order by w.o)
                     from unnest(d.visit_from, d.visit_to) with ordinality w(f, t, o)), '[]') as visits,
           d.last_visit::text as "lastVisit"
    from prevention.dispensary d
    join person.person p on p.id = d.person_id
    where d.sender_code = ${sender} and ${where}
    order by d.id
    limit ${limit}`;
  return rows.map((r) => ({ id: r.id, personId: r.personId, record: toRecord(r) }));
}

/** The sender's observations with these source ids. */
export function observationsBySourceId(tx: Tx, sender: string, sourceIds: readonly string[]) {
  return select(tx, sender, tx`d.source_id = any(${sourceIds as string[]}::text[])`, sourceIds.length);
}

/** The sender's observations of the persons with these ЕНП (at most `limit`). */
export function observationsByEnp(tx: Tx, sender: string, enps: readonly string[], limit: number) {
  return select(
    tx,
    sender,
    tx`d.person_id in (select id from person.person where enp = any(${enps as string[]}::text[]))`,
    limit,
  );
}

/** All the sender's observations of persons with an ЕНП, oldest first (at most `limit`). */
export function observationsOfSender(tx: Tx, sender: string, limit: number) {
  return select(tx, sender, tx`p.enp is not null`, limit);
}
