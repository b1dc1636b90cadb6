import { makeSnils } from '../person/domain/snils';
import { type DistrictKind, districtKinds, inpatientKinds } from './department-kinds';
import { femaleNames, feminineSurname, maleNames, patronymic, streets, surnames } from './names';
import { Random } from './random';

/** The demo region's identity: fictional, coded 99 so it never collides with a real territory. */
export const demoRegion = {
  code: '99',
  okato: '99000',
  name: 'Демонстрационная область',
  capital: 'г. Демоград',
  tfomsCode: '99',
} as const;

export interface DemoOrganisation {
  code: string;
  kind: 'MO' | 'SMO' | 'TFOMS';
  name: string;
  shortName: string;
  moKind: 'polyclinic' | 'hospital' | 'combined' | null;
  inn: string;
  ogrn: string;
  kpp: string;
  address: string;
  phone: string;
  dateBeg: string;
  /** Who the МО's districts serve (primary care only). */
  serves: 'adults' | 'children' | 'all' | null;
}

export interface DemoDepartment {
  moCode: string;
  code: string;
  name: string;
  kind: 'polyclinic' | 'inpatient' | 'day_hospital';
  profileV002: number;
  conditionsV006: number;
}

export interface DemoBeds {
  moCode: string;
  departmentCode: string;
  bedProfileV020: number;
  beds: number;
  bedsMale: number;
  bedsFemale: number;
  bedsChild: number;
}

export interface DemoDoctor {
  moCode: string;
  snils: string;
  fam: string;
  im: string;
  ot: string;
  specialtyV021: number;
}

export interface DemoDistrict {
  moCode: string;
  code: string;
  kind: DistrictKind;
  doctorSnils: string;
  /** A general-practice district of a rayon serves villages: a remote one, reached by mobile teams. */
  remote: boolean;
}

export interface RegionStructure {
  organisations: DemoOrganisation[];
  departments: DemoDepartment[];
  beds: DemoBeds[];
  doctors: DemoDoctor[];
  districts: DemoDistrict[];
}

const rayons = [
  'Берёзовская',
  'Заречная',
  'Краснопольская',
  'Лесная',
  'Озёрская',
  'Приволжская',
  'Сосновская',
  'Степная',
];

const hospitals: { name: string; short: string; kinds: string[] }[] = [
  {
    name: 'Областная клиническая больница № 1',
    short: 'ОКБ № 1',
    kinds: ['ther', 'surg', 'card', 'neur', 'gyn', 'trau', 'pulm', 'gast', 'urol', 'endo', 'opht'],
  },
  {
    name: 'Городская клиническая больница № 1',
    short: 'ГКБ № 1',
    kinds: ['ther', 'surg', 'card', 'neur', 'gyn'],
  },
  {
    name: 'Городская клиническая больница № 2',
    short: 'ГКБ № 2',
    kinds: ['ther', 'surg', 'trau', 'urol', 'gast'],
  },
  { name: 'Городская клиническая больница № 3', short: 'ГКБ № 3', kinds: ['ther', 'pulm', 'endo', 'neur'] },
  {
    name: 'Городская больница скорой медицинской помощи',
    short: 'ГБСМП',
    kinds: ['surg', 'trau', 'neur', 'card'],
  },
  {
    name: 'Областной клинический онкологический диспансер',
    short: 'ООД',
    kinds: ['onco', 'surg', 'gyn', 'urol'],
  },
  { name: 'Областной клинический кардиологический диспансер', short: 'ОККД', kinds: ['card', 'ther'] },
  { name: 'Областная клиническая инфекционная больница', short: 'ОКИБ', kinds: ['infe', 'ther'] },
  { name: 'Областная детская клиническая больница', short: 'ОДКБ', kinds: ['pedi', 'surg', 'neur'] },
  { name: 'Областной перинатальный центр', short: 'ОПЦ', kinds: ['gyn', 'pedi'] },
];

const smos = [
  {
    code: '99001',
    name: 'Филиал ООО «Страховая медицинская компания «Здоровье» в Демонстрационной области',
    short: 'СМК «Здоровье»',
  },
  {
    code: '99002',
    name: 'Филиал АО «Медицинская страховая компания «Северная» в Демонстрационной области',
    short: 'МСК «Северная»',
  },
  {
    code: '99003',
    name: 'ООО «Региональная страховая медицинская организация «МедГарант»',
    short: 'РСМО «МедГарант»',
  },
];

/** Builds the region's organisations and their structure; the same seed always gives the same region. */
export function generateRegionStructure(seed: string): RegionStructure {
  const rnd = new Random(`${seed}:structure`);
  const organisations: DemoOrganisation[] = [];
  const departments: DemoDepartment[] = [];
  const beds: DemoBeds[] = [];
  const doctors: DemoDoctor[] = [];
  const districts: DemoDistrict[] = [];
  let doctorSeq = 0;

  const org = (
    code: string,
    kind: DemoOrganisation['kind'],
    name: string,
    shortName: string,
    moKind: DemoOrganisation['moKind'],
    serves: DemoOrganisation['serves'],
  ) => {
    organisations.push({
      code,
      kind,
      name,
      shortName,
      moKind,
      serves,
      inn: `99${rnd.digits(8)}`,
      ogrn: `1${rnd.digits(12)}`,
      kpp: `99${rnd.digits(2)}01001`,
      address: `${demoRegion.capital}, ${rnd.pick(streets)}, д. ${rnd.int(1, 120)}`,
      phone: `+7 (999) ${rnd.int(200, 999)}-${rnd.digits(2)}-${rnd.digits(2)}`,
      dateBeg: '2011-01-01',
    });
  };

  const doctor = (moCode: string, specialtyV021: number): DemoDoctor => {
    doctorSeq++;
    const female = rnd.chance(0.7);
    const fam = rnd.pick(surnames);
    const d: DemoDoctor = {
      moCode,
      // Doctors' СНИЛС come from a range disjoint from the insured persons' (see persons generator).
      snils: makeSnils(String(850_000_000 + ((doctorSeq * 7919) % 100_000_000))),
      fam: female ? feminineSurname(fam) : fam,
      im: female ? rnd.pick(femaleNames) : rnd.pick(maleNames),
      ot: patronymic(rnd.pick(maleNames), female),
      specialtyV021,
    };
    doctors.push(d);
    return d;
  };

  const primaryCare = (moCode: string, kinds: DistrictKind[], count: () => number) => {
    let districtNo = 0;
    for (const kind of kinds) {
      const spec = districtKinds[kind];
      departments.push({
        moCode,
        code: `P${kind === 'therapeutic' ? 1 : kind === 'pediatric' ? 2 : 3}`,
        name: spec.departmentName,
        kind: 'polyclinic',
        profileV002: spec.profileV002,
        conditionsV006: 3,
      });
      for (let i = 0, n = count(); i < n; i++) {
        districtNo++;
        districts.push({
          moCode,
          code: String(districtNo).padStart(3, '0'),
          kind,
          doctorSnils: doctor(moCode, spec.specialtyV021).snils,
          remote: kind === 'general_practice',
        });
      }
    }
  };

  const inpatient = (moCode: string, kindKeys: string[], scale: number) => {
    kindKeys.forEach((key, i) => {
      const kind = inpatientKinds.find((k) => k.key === key)!;
      const code = `S${String(i + 1).padStart(2, '0')}`;
      departments.push({
        moCode,
        code,
        name: kind.name,
        kind: 'inpatient',
        profileV002: kind.profileV002,
        conditionsV006: 1,
      });
      const total = Math.round(rnd.int(25, 60) * scale);
      const female = kind.key === 'gyn' ? total : Math.round(total * (0.45 + rnd.next() * 0.1));
      beds.push({
        moCode,
        departmentCode: code,
        bedProfileV020: kind.bedProfileV020,
        beds: total,
        bedsFemale: female,
        bedsMale: total - female,
        bedsChild: kind.children ? total : 0,
      });
      for (let d = 0, n = Math.max(2, Math.round(total / 12)); d < n; d++) doctor(moCode, kind.specialtyV021);
    });
    // A day hospital in every hospital: conditions V006 = 2.
    departments.push({
      moCode,
      code: 'D01',
      name: 'Дневной стационар',
      kind: 'day_hospital',
      profileV002: 97,
      conditionsV006: 2,
    });
  };

  org(
    demoRegion.tfomsCode,
    'TFOMS',
    'Территориальный фонд обязательного медицинского страхования Демонстрационной области',
    'ТФОМС Демонстрационной области',
    null,
    null,
  );
  for (const s of smos) org(s.code, 'SMO', s.name, s.short, null, null);

  let seq = 0;
  const nextMoCode = () => `${demoRegion.code}${String(++seq).padStart(4, '0')}`;
  for (let n = 1; n <= 12; n++) {
    const code = nextMoCode();
    org(code, 'MO', `ГБУЗ «Городская поликлиника № ${n}»`, `ГП № ${n}`, 'polyclinic', 'adults');
    primaryCare(code, ['therapeutic'], () => rnd.int(3, 7));
  }
  for (let n = 1; n <= 4; n++) {
    const code = nextMoCode();
    org(code, 'MO', `ГБУЗ «Детская городская поликлиника № ${n}»`, `ДГП № ${n}`, 'polyclinic', 'children');
    primaryCare(code, ['pediatric'], () => rnd.int(3, 6));
  }
  for (const rayon of rayons) {
    const code = nextMoCode();
    const short = `${rayon} ЦРБ`;
    org(code, 'MO', `ГБУЗ «${rayon} центральная районная больница»`, short, 'combined', 'all');
    primaryCare(code, ['therapeutic', 'pediatric', 'general_practice'], () => rnd.int(1, 3));
    inpatient(code, ['ther', 'surg', 'gyn', 'pedi'], 0.5);
  }
  for (const h of hospitals) {
    const code = nextMoCode();
    org(code, 'MO', `ГБУЗ «${h.name}»`, h.short, 'hospital', null);
    inpatient(code, h.kinds, 1);
  }
  return { organisations, departments, beds, doctors, districts };
}
