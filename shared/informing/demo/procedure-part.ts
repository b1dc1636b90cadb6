import { Random } from '../../demo/random';
import type { RegionStructure } from '../../demo/region-structure';
import type { Sql } from '../../platform/db/connection';
import type { RequestRecord } from '../domain/records';
import { addDays, maxDate, sendInforming, systemOf } from './demo-support';

/** Operations by the referral's profile of care (V002): what the hospital tells the person to expect. */
const operations: Record<number, string> = {
  112: 'хирургия',
  136: 'акушерство и гинекология',
  100: 'травматология и ортопедия',
  108: 'урология',
  60: 'онкология',
  65: 'офтальмология',
};

interface PlannedReferral {
  number: string;
  toMoCode: string;
  toDepartmentCode: string | null;
  profile: number;
  plannedDate: string;
  enp: string;
}

/**
 * Upcoming operations: for a sample of the issued planned referrals to surgical profiles whose date is still ahead,
 * the hospital (its system account) sends an informing request of reason PROCEDURE — what, when and where — with
 * the deadline a few days before the date. The hospitalisation area's referrals are read by SQL (areas do not
 * import each other). Answers how many requests were accepted.
 */
export async function sendProcedures(
  sql: Sql,
  region: RegionStructure,
  seed: string,
  today: string,
): Promise<number> {
  const referrals = await sql<PlannedReferral[]>`
    select r.number, r.to_mo_code as "toMoCode", r.to_department_code as "toDepartmentCode",
           r.profile_v002 as profile, r.planned_date::text as "plannedDate", p.enp
    from hosp.referral r
    join person.person p on p.id = r.person_id
    where r.status = 'issued' and r.form_v014 = 3 and r.planned_date >= ${addDays(today, 2)}::date
      and r.profile_v002 = any(${Object.keys(operations).map(Number)}::int[])
    order by r.number`;
  const byHospital = new Map<string, RequestRecord[]>();
  for (const ref of referrals) {
    const rnd = new Random(`${seed}/procedure/${ref.number}`);
    if (!rnd.chance(0.6)) continue;
    const hospital = region.organisations.find((o) => o.code === ref.toMoCode);
    const department = region.departments.find(
      (d) => d.moCode === ref.toMoCode && d.code === ref.toDepartmentCode,
    );
    if (!hospital) continue;
    const list = byHospital.get(ref.toMoCode) ?? [];
    list.push({
      sourceId: `demo-procedure-${ref.number}`,
      patient: { enp: ref.enp.trim() },
      reason: 'PROCEDURE',
      primary: 1,
      windowFrom: ref.plannedDate,
      windowTo: ref.plannedDate,
      deadline: maxDate(today, addDays(ref.plannedDate, -rnd.int(2, 4))),
      comment: `Направление на госпитализацию № ${ref.number}`,
      details: {
        procedure: `Плановое оперативное лечение по профилю «${operations[ref.profile]}»`,
        date: ref.plannedDate,
        place: department ? `${hospital.name}, ${department.name.toLowerCase()}` : hospital.name,
      },
    });
    byHospital.set(ref.toMoCode, list);
  }
  let accepted = 0;
  for (const [moCode, records] of byHospital) {
    accepted += await sendInforming(
      sql,
      systemOf('mo_system', moCode),
      'request',
      `demo-procedures-${moCode}-${today}`,
      records,
    );
  }
  return accepted;
}
