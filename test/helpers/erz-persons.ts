import fc from 'fast-check';
import type { GeneratedPerson } from '../../shared/demo/persons';
import { Random } from '../../shared/demo/random';
import type { DemoDistrict, RegionStructure } from '../../shared/demo/region-structure';
import { makeEnp } from '../../shared/person/domain/enp';
import type { ErzPerson } from '../../shared/person/domain/erz-person';
import { makeSnils } from '../../shared/person/domain/snils';

/** The demo region's codes an extract may use. */
export interface ErzRegionCodes {
  smo: string[];
  districts: DemoDistrict[];
}

export function erzRegionCodes(region: RegionStructure): ErzRegionCodes {
  return {
    smo: region.organisations.filter((o) => o.kind === 'SMO').map((o) => o.code),
    districts: region.districts,
  };
}

/**
 * A new person (not in the demo register) numbered `n` ≥ 1: ЕНП `998…` and СНИЛС from 800,000,000 up never meet
 * the demo generator's ones (СНИЛС 200–800 M). Deterministic in `n`; 1–2 documents, 1–3 policies (the last
 * open, number = ЕНП), 1–2 attachments.
 */
export function newErzPerson(n: number, codes: ErzRegionCodes, seed = 'erz'): ErzPerson {
  const rnd = new Random(`${seed}:${n}`);
  const enp = makeEnp(`998${String(n).padStart(12, '0')}`);
  const female = rnd.chance(0.5);
  const year = rnd.int(1940, 2020);
  const birthDate = `${year}-${pad(rnd.int(1, 12))}-${pad(rnd.int(1, 28))}`;
  const documents: ErzPerson['documents'] = [
    {
      docType: 14,
      docSer: `99 ${pad(rnd.int(0, 25))}`,
      docNum: String(rnd.int(100_000, 999_999)),
      docDate: `${Math.max(year + 14, 2000)}-${pad(rnd.int(1, 12))}-${pad(rnd.int(1, 28))}`,
    },
  ];
  if (rnd.chance(0.4)) {
    documents.push({ docType: 3, docSer: 'I-ДМ', docNum: String(rnd.int(100_000, 999_999)), docDate: null });
  }
  const policyCount = rnd.int(1, 3);
  const policies: ErzPerson['policies'] = [];
  let begin = Math.max(year, 2011);
  for (let i = 0; i < policyCount; i++) {
    const last = i === policyCount - 1;
    const end = last ? null : Math.min(begin + rnd.int(1, 3), 2025);
    policies.push({
      policyType: 3,
      series: null,
      number: enp,
      smoCode: rnd.pick(codes.smo),
      dateBeg: `${begin}-${pad(rnd.int(1, 12))}-01`,
      dateEnd: end === null ? null : `${end}-12-31`,
      closeReason: end === null ? null : 'Смена СМО',
    });
    if (end !== null) begin = end + 1;
  }
  const attachments: ErzPerson['attachments'] = [];
  const attachmentCount = rnd.int(1, 2);
  for (let i = 0; i < attachmentCount; i++) {
    const district = rnd.pick(codes.districts);
    const last = i === attachmentCount - 1;
    attachments.push({
      moCode: district.moCode,
      districtCode: district.code,
      doctorSnils: district.doctorSnils,
      dateBeg: last ? '2024-01-01' : '2020-01-01',
      dateEnd: last ? null : '2023-12-31',
    });
  }
  return {
    recordId: `N${n}`,
    enp,
    snils: makeSnils(String(800_000_000 + n)),
    fam: female ? 'Смирнова' : 'Смирнов',
    im: female ? 'Анна' : 'Иван',
    ot: female ? 'Петровна' : 'Петрович',
    sex: female ? 2 : 1,
    birthDate,
    phone: rnd.chance(0.7) ? `+79${String(rnd.int(0, 999_999_999)).padStart(9, '0')}` : null,
    documents,
    policies,
    attachments,
  };
}

/** A demo-register person as the ЕРЗ would send it back (same ЕНП), with their histories from the generator. */
export function erzPersonFromDemo(g: GeneratedPerson, region: RegionStructure): ErzPerson {
  const [, enp, snils, fam, im, ot, sex, birthDate, docType, docSer, docNum, phone] = g.person;
  const doctor = (moCode: string, code: string) =>
    region.districts.find((d) => d.moCode === moCode && d.code === code)?.doctorSnils ?? '';
  return {
    recordId: `D${g.person[0]}`,
    enp,
    snils,
    fam,
    im,
    ot,
    sex,
    birthDate,
    phone,
    documents: [{ docType, docSer, docNum, docDate: null }],
    policies: g.policies.map(([, , policyType, number, smoCode, dateBeg, dateEnd]) => ({
      policyType,
      series: null,
      number,
      smoCode,
      dateBeg,
      dateEnd,
      closeReason: null,
    })),
    attachments: g.attachments.map(([, , moCode, districtCode, doctorSnils, dateBeg, dateEnd]) => ({
      moCode,
      districtCode,
      doctorSnils: doctorSnils || doctor(moCode, districtCode),
      dateBeg,
      dateEnd,
    })),
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

// ---------------------------------------------------------------------------------------------------------
// fast-check arbitraries of valid persons (any text the format can carry, trimmed as the reader reads it)

const textUnit = fc.oneof(
  fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЁЯ'.split('')),
  fc.constantFrom(...'AZaz09 -.,\'"&<>№«»€'.split('')),
  fc.constantFrom('ü', 'ß', 'Ł', '中', '😀', '\t', '\n', '\r'),
);

function text(maxLength: number) {
  return fc
    .string({ unit: textUnit, minLength: 1, maxLength })
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length <= maxLength);
}

const optionalText = (maxLength: number) => fc.option(text(maxLength), { nil: null });
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

export const erzPersonArbitrary: fc.Arbitrary<ErzPerson> = fc.record({
  recordId: text(64),
  enp: digits(15).map(makeEnp),
  snils: fc.option(digits(9).map(makeSnils), { nil: null }),
  fam: text(40),
  im: text(40),
  ot: optionalText(40),
  sex: fc.constantFrom(1 as const, 2 as const),
  birthDate: isoDate,
  phone: optionalText(40),
  documents: fc.array(
    fc.record({
      docType: fc.integer({ min: 1, max: 99 }),
      docSer: optionalText(20),
      docNum: text(30),
      docDate: fc.option(isoDate, { nil: null }),
    }),
    { maxLength: 3 },
  ),
  policies: fc.array(
    fc.record({
      policyType: fc.integer({ min: 1, max: 5 }),
      series: optionalText(10),
      number: text(20),
      smoCode: digits(5),
      dateBeg: isoDate,
      dateEnd: fc.option(isoDate, { nil: null }),
      closeReason: optionalText(100),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  attachments: fc.array(
    fc.record({
      moCode: digits(6),
      districtCode: text(20),
      doctorSnils: digits(9).map(makeSnils),
      dateBeg: isoDate,
      dateEnd: fc.option(isoDate, { nil: null }),
    }),
    { maxLength: 3 },
  ),
});
