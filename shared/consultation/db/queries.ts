import { audit } from '../../platform/access/scoped';
import type { PersonRecordSource } from '../../platform/area';
import type { Tx } from '../../platform/db/connection';

export interface ConsultationView {
  id: string;
  sourceId: string;
  personId: string;
  fio: string;
  birthDate: string;
  enp: string;
  requestingMoCode: string;
  requestingMoName: string | null;
  consultingMoCode: string;
  consultingMoName: string | null;
  type: number;
  urgency: number;
  requestDate: string;
  diagnosis: string;
  diagnosisName: string | null;
  question: string | null;
  referralNumber: string | null;
  status: 'requested' | 'done' | 'cancelled';
  consultDate: string | null;
  conclusionDiagnosis: string | null;
  conclusion: string | null;
  recommendations: string | null;
}

export interface ConsultationQuery {
  /** `incoming`: asked of the caller; `outgoing`: asked by it; none: every one in scope. */
  direction?: 'incoming' | 'outgoing' | undefined;
  status?: 'requested' | 'done' | 'cancelled' | undefined;
  personId?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * A page of consultations in the caller's scope (both МО, the person's СМО, the fund), newest request first, with
 * the names of the МО, the person and the diagnosis. Audited.
 */
export async function listConsultations(
  tx: Tx,
  q: ConsultationQuery,
): Promise<{ items: ConsultationView[]; hasMore: boolean }> {
  const [side] = await tx<{ code: string }[]>`select coalesce(app.org_code(), '') as code`;
  const direction =
    q.direction === 'incoming'
      ? tx`c.consulting_mo_code = ${side!.code}`
      : q.direction === 'outgoing'
        ? tx`c.requesting_mo_code = ${side!.code}`
        : tx`true`;
  const rows = await tx<ConsultationView[]>`
    select c.id::text, c.source_id as "sourceId", c.person_id::text as "personId",
           concat_ws(' ', p.fam, p.im, p.ot) as fio, p.birth_date::text as "birthDate", coalesce(p.enp, '') as enp,
           c.requesting_mo_code as "requestingMoCode", ro.short_name as "requestingMoName",
           c.consulting_mo_code as "consultingMoCode", co.short_name as "consultingMoName", c.type, c.urgency,
           c.request_date::text as "requestDate", c.diagnosis, d.name as "diagnosisName", c.question,
           c.referral_number as "referralNumber", c.status, c.consult_date::text as "consultDate",
           c.conclusion_diagnosis as "conclusionDiagnosis", c.conclusion, c.recommendations
    from (select * from consultation.consultation c
          where ${direction}
            and (${q.status ?? null}::text is null or c.status = ${q.status ?? null})
            and (${q.personId ?? null}::bigint is null or c.person_id = ${q.personId ?? null}::bigint)
          order by c.request_date desc, c.id desc
          limit ${q.pageSize + 1} offset ${(q.page - 1) * q.pageSize}) c
    join person.person p on p.id = c.person_id
    left join org.organisation ro on ro.code = c.requesting_mo_code
    left join org.organisation co on co.code = c.consulting_mo_code
    left join lateral nsi.record_name_on('MKB10', c.diagnosis, c.request_date) d on true
    order by c.request_date desc, c.id desc`;
  const items = rows.slice(0, q.pageSize);
  if (items.length > 0) {
    await audit(tx, 'read', 'consultation.consultation', {
      records: items.map((i) => i.id),
      persons: items.map((i) => i.personId),
    });
  }
  return { items, hasMore: rows.length > q.pageSize };
}

/** A person's consultations, counted within the caller's scope (the person card links to them). */
export const consultationRecordSources: PersonRecordSource[] = [
  {
    sectionId: 'consultations',
    count: async (tx, personId) =>
      (
        await tx<{ n: number }[]>`
          select count(*)::int as n from consultation.consultation where person_id = ${personId}`
      )[0]!.n,
  },
];
