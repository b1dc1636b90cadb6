import { makeEnp } from '../person/domain/enp';
import { makeSnils } from '../person/domain/snils';
import { femaleNames, feminineSurname, maleNames, patronymic, surnames } from './names';
import { Random } from './random';
import type { DemoDistrict, DemoOrganisation, RegionStructure } from './region-structure';

/** Person data is dated relative to this fixed day, so a seed gives the same persons whatever today is. */
export const demoEpoch = '2026-01-01';

export type PersonRow = [
  id: number,
  enp: string,
  snils: string | null,
  fam: string,
  im: string,
  ot: string | null,
  sex: 1 | 2,
  birthDate: string,
  docType: number,
  docSer: string,
  docNum: string,
  phone: string | null,
];
export type PolicyRow = [
  id: number,
  personId: number,
  policyType: number,
  number: string,
  smoCode: string,
  dateBeg: string,
  dateEnd: string | null,
];
export type AttachmentRow = [
  id: number,
  personId: number,
  moCode: string,
  districtCode: string,
  doctorSnils: string,
  dateBeg: string,
  dateEnd: string | null,
];

export interface GeneratedPerson {
  person: PersonRow;
  policies: PolicyRow[];
  attachments: AttachmentRow[];
}

const ageBuckets: [number, number][] = [
  [0, 6],
  [7, 17],
  [18, 39],
  [40, 64],
  [65, 95],
];
const ageWeights = [8, 12, 30, 33, 17];
const smoWeights = [45, 35, 20];

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

/**
 * Generates the insured persons with policy and attachment histories, one by one (streamed into COPY).
 * ЕНП and СНИЛС carry valid control digits; both are unique by construction.
 */
export function* generatePersons(
  seed: string,
  count: number,
  region: RegionStructure,
): Generator<GeneratedPerson> {
  const rnd = new Random(`${seed}:persons`);
  const smos = region.organisations.filter((o) => o.kind === 'SMO');
  const adultMos = primaryCareMos(region, 'adult');
  const childMos = primaryCareMos(region, 'child');
  let policyId = 0;
  let attachmentId = 0;

  for (let id = 1; id <= count; id++) {
    const sex: 1 | 2 = rnd.chance(0.47) ? 1 : 2;
    const [minAge, maxAge] = rnd.weighted(ageBuckets, ageWeights);
    const age = rnd.int(minAge, maxAge);
    const birthDate = addDays(demoEpoch, -(age * 365 + rnd.int(0, 364) + Math.floor(age / 4)));
    const female = sex === 2;
    const fam = rnd.pick(surnames);
    const enp = makeEnp(`99${rnd.digits(6)}${String(id).padStart(7, '0')}`);
    const snils = rnd.chance(0.96) ? makeSnils(String(200_000_000 + ((id * 7919) % 600_000_000))) : null;
    const adult = age >= 14;
    const person: PersonRow = [
      id,
      enp,
      snils,
      female ? feminineSurname(fam) : fam,
      female ? rnd.pick(femaleNames) : rnd.pick(maleNames),
      rnd.chance(0.99) ? patronymic(rnd.pick(maleNames), female) : null,
      sex,
      birthDate,
      adult ? 14 : 3,
      adult ? `99${String(rnd.int(0, 25)).padStart(2, '0')}` : `${rnd.pick(['I', 'II', 'III'])}-ДМ`,
      rnd.digits(6),
      rnd.chance(0.75) ? `+79${rnd.digits(9)}` : null,
    ];

    // Policies: everyone holds a current policy (F008 = 3, number = ЕНП); some changed СМО before.
    const policies: PolicyRow[] = [];
    const currentSmo = rnd.weighted(smos, smoWeights).code;
    let currentSince = later(birthDate, addDays('2011-05-01', rnd.int(0, 5300)));
    if (currentSince >= demoEpoch) currentSince = later(birthDate, addDays(demoEpoch, -rnd.int(30, 300)));
    if (rnd.chance(0.15) && currentSince > addDays(birthDate, 400)) {
      const previousSmo = rnd.pick(smos.filter((s) => s.code !== currentSmo)).code;
      const previousSince = later(birthDate, addDays(currentSince, -rnd.int(365, 2500)));
      policies.push([++policyId, id, 3, enp, previousSmo, previousSince, addDays(currentSince, -1)]);
    }
    policies.push([++policyId, id, 3, enp, currentSmo, currentSince, null]);

    // Attachment to a primary-care district: adults to therapeutic/general practice, children to pediatric.
    const attachments: AttachmentRow[] = [];
    const pool = age >= 18 ? adultMos : childMos;
    const current = pickDistrict(rnd, pool);
    let attachedSince = later(birthDate, addDays(demoEpoch, -rnd.int(30, 3650)));
    if (rnd.chance(0.1) && attachedSince > addDays(birthDate, 400)) {
      const previous = pickDistrict(rnd, pool);
      if (previous.moCode !== current.moCode) {
        const previousSince = later(birthDate, addDays(attachedSince, -rnd.int(365, 3000)));
        attachments.push([
          ++attachmentId,
          id,
          previous.moCode,
          previous.code,
          previous.doctorSnils,
          previousSince,
          addDays(attachedSince, -1),
        ]);
      } else attachedSince = later(birthDate, attachedSince);
    }
    attachments.push([
      ++attachmentId,
      id,
      current.moCode,
      current.code,
      current.doctorSnils,
      attachedSince,
      null,
    ]);
    yield { person, policies, attachments };
  }
}

interface DistrictPool {
  districts: DemoDistrict[];
  weights: number[];
}

function primaryCareMos(region: RegionStructure, who: 'adult' | 'child'): DistrictPool {
  const serving = new Set(
    region.organisations
      .filter(
        (o: DemoOrganisation) => o.serves === 'all' || o.serves === (who === 'adult' ? 'adults' : 'children'),
      )
      .map((o) => o.code),
  );
  const kinds = who === 'adult' ? ['therapeutic', 'general_practice'] : ['pediatric', 'general_practice'];
  const districts = region.districts.filter((d) => serving.has(d.moCode) && kinds.includes(d.kind));
  return { districts, weights: districts.map((d) => (d.kind === 'general_practice' ? 0.5 : 1)) };
}

function pickDistrict(rnd: Random, pool: DistrictPool): DemoDistrict {
  return rnd.weighted(pool.districts, pool.weights);
}
