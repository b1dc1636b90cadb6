import type { GeneratedPerson } from '../../demo/persons';
import { Random } from '../../demo/random';
import type { RegionStructure } from '../../demo/region-structure';
import { addDays } from '../domain/dates';
import type {
  AdmissionRecord,
  CancellationRecord,
  DischargeRecord,
  FreeBedsRecord,
  PlanRecord,
  ReferralRecord,
} from '../domain/records';
import { diagnosisFitsSex, diagnosisSex, type Sex, type SexRules } from '../domain/sex-specific';

/** A plausible diagnosis (МКБ-10) for each profile of care of the demo hospitals (V002). */
const diagnosisByProfile: Record<number, readonly string[]> = {
  97: ['I11.9', 'J44.1', 'E11.9'],
  112: ['K80.2', 'K40.9', 'K35.8'],
  29: ['I20.8', 'I25.1', 'I48.9'],
  53: ['I63.9', 'G40.9', 'M51.1'],
  60: ['C50.4', 'C18.7', 'C34.1'],
  136: ['N80.0', 'D25.9', 'N83.2'],
  100: ['S72.0', 'S82.1', 'M16.1'],
  75: ['J18.9', 'J44.1', 'J45.9'],
  11: ['K29.7', 'K25.9', 'K57.3'],
  108: ['N20.0', 'N40', 'N30.0'],
  122: ['E11.9', 'E05.0', 'E10.9'],
  28: ['A09.9', 'B17.1', 'A08.4'],
  65: ['H25.9', 'H40.1', 'H35.3'],
  68: ['J06.9', 'J18.9', 'K52.9'],
};

export interface SentBy<T> {
  senderCode: string;
  records: T[];
}

export interface HospitalFlows {
  referrals: SentBy<ReferralRecord>[];
  cancellations: SentBy<CancellationRecord>[];
  admissions: SentBy<AdmissionRecord>[];
  discharges: SentBy<DischargeRecord>[];
  freeBeds: SentBy<FreeBedsRecord>[];
  plans: SentBy<PlanRecord>[];
}

interface Target {
  moCode: string;
  departmentCode: string;
  profile: number;
  conditions: number;
  bedProfile: number;
  beds: number;
  /** The only sex this target admits (a sex-specific bed profile, or diagnoses all for one sex), or null. */
  sex: Sex | null;
}

interface Patient {
  enp: string;
  smo: string;
  sex: Sex;
}

/** Patients of an МО (or of the region), also by sex, to pick one a target admits. */
class Patients {
  readonly all: Patient[] = [];
  private readonly bySex: Record<Sex, Patient[]> = { 1: [], 2: [] };

  add(p: Patient): void {
    this.all.push(p);
    this.bySex[p.sex].push(p);
  }

  /** Patients the target admits. */
  for(target: Target): Patient[] {
    return target.sex ? this.bySex[target.sex] : this.all;
  }
}

/**
 * The demo region's hospitalisation story over the `days` days up to `today` (issue 4 item 8): referrals from the
 * polyclinics to the hospitals, most admitted and discharged, some cancelled with a reason by the referring МО,
 * the hospital or the СМО, some overdue or expired; emergency admissions; a week of free-beds reports with a
 * forecast; this year's plans. Deterministic for a seed and a day. Records are grouped by sender, ready to be sent
 * as packages through the same service every channel uses. Patients fit their diagnosis and bed profile by sex
 * (`sexRules`: the reference data the exchange's FLK judges by), so every record passes it.
 */
export function generateHospitalFlows(
  seed: string,
  region: RegionStructure,
  persons: readonly GeneratedPerson[],
  today: string,
  sexRules: SexRules,
  days = 90,
): HospitalFlows {
  const rnd = new Random(`${seed}:hospital-flows:${today}`);
  const hospitals = new Set(
    region.organisations.filter((o) => o.kind === 'MO' && o.moKind !== 'polyclinic').map((o) => o.code),
  );
  const referring = region.organisations.filter((o) => o.kind === 'MO' && o.moKind !== 'hospital');
  const targets: Target[] = region.departments
    .filter((d) => d.kind === 'inpatient' && hospitals.has(d.moCode))
    .flatMap((d) =>
      region.beds
        .filter((b) => b.moCode === d.moCode && b.departmentCode === d.code && b.beds > 0)
        .map((b) => ({
          moCode: d.moCode,
          departmentCode: d.code,
          profile: d.profileV002,
          conditions: d.conditionsV006,
          bedProfile: b.bedProfileV020,
          beds: b.beds,
          sex: targetSex(b.bedProfileV020, d.profileV002, sexRules),
        })),
    )
    .filter((t) => diagnosisByProfile[t.profile]);
  const settled = addDays(today, -days - 60);
  const patientsOf = new Map<string, Patients>();
  const anyPatients = new Patients();
  for (const p of persons) {
    const policy = p.policies.find((x) => x[6] === null && x[5] <= settled);
    const attachment = p.attachments.find((x) => x[6] === null);
    if (!policy || !attachment) continue;
    const patient: Patient = { enp: p.person[1], smo: policy[4], sex: p.person[6] };
    const list = patientsOf.get(attachment[2]) ?? new Patients();
    list.add(patient);
    patientsOf.set(attachment[2], list);
    anyPatients.add(patient);
  }
  /** A diagnosis of the target's profile that fits the patient's sex. */
  const diagnosisFor = (t: Target, patient: Patient) =>
    rnd.pick(diagnosisByProfile[t.profile]!.filter((d) => diagnosisFitsSex(d, patient.sex, sexRules)));
  const doctorsOf = new Map<string, string[]>();
  for (const d of region.doctors) doctorsOf.set(d.moCode, [...(doctorsOf.get(d.moCode) ?? []), d.snils]);

  const flows = new Map<string, Map<string, unknown[]>>();
  const add = (kind: keyof HospitalFlows, sender: string, record: unknown) => {
    const byKind = flows.get(kind) ?? new Map<string, unknown[]>();
    byKind.set(sender, [...(byKind.get(sender) ?? []), record]);
    flows.set(kind, byKind);
  };
  let serial = 0;
  const caseNumber = (mo: string) => `${mo.slice(-3)}-${String(++serial).padStart(6, '0')}`;

  for (let day = days - 1; day >= 0; day--) {
    const date = addDays(today, -day);
    for (const mo of referring) {
      const patientsHere = patientsOf.get(mo.code);
      const doctors = doctorsOf.get(mo.code);
      if (!patientsHere?.all.length || !doctors?.length || targets.length === 0) continue;
      for (let k = rnd.weighted([0, 1, 2], [45, 45, 10]); k > 0; k--) {
        const t = rnd.pick(targets);
        const patients = patientsHere.for(t);
        if (patients.length === 0) continue;
        const patient = rnd.pick(patients);
        const number = `${mo.code.slice(-4)}${date.slice(0, 4)}${String(++serial).padStart(6, '0')}`;
        const plannedDate = addDays(date, rnd.int(3, 20));
        const referral: ReferralRecord = {
          sourceId: `demo-ref-${number}`,
          number,
          date,
          form: 3,
          fromMoCode: mo.code,
          toMoCode: t.moCode,
          toDepartmentCode: t.departmentCode,
          conditions: t.conditions,
          profile: t.profile,
          bedProfile: t.bedProfile,
          diagnosis: diagnosisFor(t, patient),
          doctorSnils: rnd.pick(doctors),
          plannedDate,
          kind: 'plain',
          patient: { enp: patient.enp },
        };
        add('referrals', mo.code, referral);
        if (plannedDate >= today) continue;
        const fate = rnd.next();
        if (fate < 0.12) {
          const by = rnd.int(1, 3);
          const sender = by === 1 ? patient.smo : by === 2 ? t.moCode : mo.code;
          add('cancellations', sender, {
            sourceId: `demo-cancel-${number}`,
            referralNumber: number,
            referralDate: date,
            reason:
              by === 1 ? rnd.pick([3, 7, 9]) : by === 2 ? rnd.pick([1, 2, 4, 5, 6, 7]) : rnd.pick([3, 8, 9]),
            date: addDays(date, rnd.int(1, Math.max(1, Math.min(10, daysBetween(date, today))))),
          } satisfies CancellationRecord);
        } else if (fate < 0.87) {
          const admitted = minDate(addDays(plannedDate, rnd.int(0, 2)), today);
          const sourceId = `demo-stay-${number}`;
          add('admissions', t.moCode, {
            sourceId,
            kind: 'planned',
            referralNumber: number,
            referralDate: date,
            form: 3,
            moCode: t.moCode,
            departmentCode: t.departmentCode,
            conditions: t.conditions,
            profile: t.profile,
            bedProfile: t.bedProfile,
            date: admitted,
            time: `${String(rnd.int(8, 16)).padStart(2, '0')}:${String(rnd.int(0, 59)).padStart(2, '0')}`,
            caseNumber: caseNumber(t.moCode),
            diagnosis: referral.diagnosis,
            patient: { enp: patient.enp },
          } satisfies AdmissionRecord);
          const out = addDays(admitted, rnd.int(4, 14));
          if (out <= today) {
            add('discharges', t.moCode, {
              sourceId: `${sourceId}-out`,
              admissionSourceId: sourceId,
              date: out,
              outcome: rnd.weighted([1, 2, 3, 4], [85, 10, 1, 4]),
            } satisfies DischargeRecord);
          }
        }
        // the rest stay issued: overdue, and expired once their 30 days pass
      }
    }
    for (const hospital of hospitals) {
      const local = targets.filter((t) => t.moCode === hospital);
      if (local.length === 0 || anyPatients.all.length === 0) continue;
      for (let k = rnd.weighted([0, 1], [60, 40]); k > 0; k--) {
        const t = rnd.pick(local);
        const patients = anyPatients.for(t);
        if (patients.length === 0) continue;
        const patient = rnd.pick(patients);
        const sourceId = `demo-emergency-${++serial}`;
        add('admissions', hospital, {
          sourceId,
          kind: 'emergency',
          form: rnd.chance(0.7) ? 1 : 2,
          moCode: hospital,
          departmentCode: t.departmentCode,
          conditions: t.conditions,
          profile: t.profile,
          bedProfile: t.bedProfile,
          date,
          time: `${String(rnd.int(0, 23)).padStart(2, '0')}:${String(rnd.int(0, 59)).padStart(2, '0')}`,
          caseNumber: caseNumber(hospital),
          diagnosis: diagnosisFor(t, patient),
          patient: { enp: patient.enp },
        } satisfies AdmissionRecord);
        const out = addDays(date, rnd.int(3, 12));
        if (out <= today) {
          add('discharges', hospital, {
            sourceId: `${sourceId}-out`,
            admissionSourceId: sourceId,
            date: out,
            outcome: rnd.weighted([1, 2, 3, 4], [80, 12, 3, 5]),
          } satisfies DischargeRecord);
        }
      }
    }
  }

  for (let day = 6; day >= 0; day--) {
    const date = addDays(today, -day);
    for (const t of targets) {
      const occupied = Math.round(t.beds * (0.6 + rnd.next() * 0.38));
      const free = t.beds - occupied;
      const male = Math.min(free, Math.round(free * rnd.next()));
      add('freeBeds', t.moCode, {
        sourceId: `demo-beds-${t.moCode}-${t.departmentCode}-${t.bedProfile}-${date}`,
        date,
        moCode: t.moCode,
        departmentCode: t.departmentCode,
        conditions: t.conditions,
        bedProfile: t.bedProfile,
        profile: t.profile,
        occupiedAtStart: occupied,
        admitted: rnd.int(0, 4),
        discharged: rnd.int(0, 4),
        plannedToday: rnd.int(0, 3),
        freeTotal: free,
        freeMale: male,
        freeFemale: free - male,
        freeAdult: t.profile === 68 ? 0 : free,
        freeChild: t.profile === 68 ? free : 0,
        forecast: [1, 2, 3].map((n) => ({
          date: addDays(date, n),
          free: Math.min(t.beds, Math.max(0, free + rnd.int(-2, 3))),
        })),
      } satisfies FreeBedsRecord);
    }
  }

  const year = Number(today.slice(0, 4));
  const smos = region.organisations.filter((o) => o.kind === 'SMO');
  const profilesOf = new Map<string, Set<string>>();
  for (const t of targets)
    profilesOf.set(t.moCode, (profilesOf.get(t.moCode) ?? new Set()).add(`${t.profile}/${t.conditions}`));
  for (const [mo, profiles] of profilesOf) {
    for (const key of profiles) {
      const [profile, conditions] = key.split('/').map(Number) as [number, number];
      for (let month = 1; month <= Number(today.slice(5, 7)); month++) {
        for (const smo of smos) {
          add('plans', mo, {
            sourceId: `demo-plan-${year}-${month}-${mo}-${key}-${smo.code}`,
            year,
            month,
            moCode: mo,
            profile,
            conditions,
            smoCode: smo.code,
            planned: rnd.int(2, 8),
          } satisfies PlanRecord);
        }
      }
    }
  }

  const grouped = <T>(kind: keyof HospitalFlows): SentBy<T>[] =>
    [...(flows.get(kind) ?? new Map()).entries()].map(([senderCode, records]) => ({
      senderCode,
      records: records as T[],
    }));
  return {
    referrals: grouped('referrals'),
    cancellations: grouped('cancellations'),
    admissions: grouped('admissions'),
    discharges: grouped('discharges'),
    freeBeds: grouped('freeBeds'),
    plans: grouped('plans'),
  };
}

/**
 * The only sex a target admits: that of a sex-specific bed profile, else the one sex all the profile's demo
 * diagnoses are for (none: both).
 */
function targetSex(bedProfile: number, profile: number, rules: SexRules): Sex | null {
  const byBed = rules.bedProfiles.get(bedProfile);
  if (byBed) return byBed;
  const sexes = new Set((diagnosisByProfile[profile] ?? []).map((d) => diagnosisSex(d, rules.diagnoses)));
  const [only] = sexes;
  return sexes.size === 1 && only ? only : null;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
