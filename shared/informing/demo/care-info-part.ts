import { Random } from '../../demo/random';
import type { RegionStructure } from '../../demo/region-structure';
import type { Sql } from '../../platform/db/connection';
import type { RequestRecord } from '../domain/records';
import { addDays, sendInforming, systemOf } from './demo-support';

interface Concluded {
  sourceId: string;
  requestingMoCode: string;
  consultingMoCode: string;
  consultDate: string;
  recommendations: string;
  enp: string;
}

const ruDate = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/**
 * The methods discussed at consultations: for most consultations concluded in the last month, the МО that
 * asked (its system account) sends an informing request of reason CARE_INFO with the consultant's
 * recommendations, for the СМО to tell the person. The consultation area's table is read by SQL (areas do not
 * import each other). Answers how many requests were accepted.
 */
export async function sendCareInfo(
  sql: Sql,
  region: RegionStructure,
  seed: string,
  today: string,
): Promise<number> {
  const concluded = await sql<Concluded[]>`
    select c.source_id as "sourceId", c.requesting_mo_code as "requestingMoCode",
           c.consulting_mo_code as "consultingMoCode", c.consult_date::text as "consultDate",
           c.recommendations, p.enp
    from consultation.consultation c
    join person.person p on p.id = c.person_id
    where c.status = 'done' and c.recommendations is not null and c.consult_date >= ${addDays(today, -30)}::date
      and c.source_id like 'demo-%'
    order by c.requesting_mo_code, c.source_id`;
  const byMo = new Map<string, RequestRecord[]>();
  for (const c of concluded) {
    const rnd = new Random(`${seed}/care-info/${c.requestingMoCode}/${c.sourceId}`);
    if (!rnd.chance(0.75)) continue;
    const centre = region.organisations.find((o) => o.code === c.consultingMoCode);
    const list = byMo.get(c.requestingMoCode) ?? [];
    list.push({
      sourceId: `demo-care-${c.sourceId}`,
      patient: { enp: c.enp.trim() },
      reason: 'CARE_INFO',
      primary: 1,
      deadline: addDays(today, rnd.int(3, 10)),
      comment: `По итогам телемедицинской консультации ${centre?.shortName ?? c.consultingMoCode} от ${ruDate(c.consultDate)}`,
      details: { methods: c.recommendations },
    });
    byMo.set(c.requestingMoCode, list);
  }
  let accepted = 0;
  for (const [moCode, records] of byMo) {
    accepted += await sendInforming(
      sql,
      systemOf('mo_system', moCode),
      'request',
      `demo-care-info-${moCode}-${today}`,
      records,
    );
  }
  return accepted;
}
