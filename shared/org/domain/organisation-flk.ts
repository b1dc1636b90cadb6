import { checkSnils, formatSnils, snilsDigits } from '../../person/domain/snils';
import { type FlkIssue, flkError } from '../../platform/flk/issue';
import type {
  BedInput,
  DepartmentFields,
  DistrictFields,
  DoctorCreate,
  OrganisationFields,
} from './organisation-input';

/**
 * FLK of the organisation directory (F012 codes: 902 missing, 903 format, 904 wrong value or not in the
 * directory, 905 duplicate key). These rules need nothing but the record; the НСИ checks get the codes valid on
 * the date from the database (`nsiReferences` → `nsiErrors`), the duplicate and doctor-of-this-МО checks run
 * in the database layer with the same messages.
 */
interface OrgFinding {
  code: '902' | '903' | '904' | '905';
  field: string;
  value?: string;
  message: string;
}

const orgRules = {
  '902': 'ORG.REQUIRED',
  '903': 'ORG.FORMAT',
  '904': 'ORG.VALUE',
  '905': 'ORG.DUPLICATE',
} as const;

/** The directory's checks are fixed rules (not configurable in `flk.rule`): one rule id per F012 code. */
export function orgIssue(finding: OrgFinding): FlkIssue {
  return flkError(orgRules[finding.code], finding.code, finding.message, finding.field, finding.value);
}

const codeFormats = {
  MO: { pattern: /^\d{6}$/, message: 'Код МО (F003) должен состоять из 6 цифр' },
  SMO: { pattern: /^\d{5}$/, message: 'Код СМО (F002) должен состоять из 5 цифр' },
} as const;

/** The organisation code format of its kind: МО 6 digits (F003 mcod), СМО 5 digits (F002 smocod). */
export function checkOrganisationCode(kind: 'MO' | 'SMO', code: string): FlkIssue[] {
  const format = codeFormats[kind];
  return format.pattern.test(code)
    ? []
    : [orgIssue({ code: '903', field: 'code', value: code, message: format.message })];
}

const requisites = [
  { field: 'inn', pattern: /^(\d{10}|\d{12})$/, message: 'ИНН должен состоять из 10 или 12 цифр' },
  { field: 'ogrn', pattern: /^(\d{13}|\d{15})$/, message: 'ОГРН должен состоять из 13 или 15 цифр' },
  { field: 'kpp', pattern: /^\d{4}[\dA-Z]{2}\d{3}$/, message: 'КПП должен состоять из 9 знаков' },
  { field: 'okato', pattern: /^\d{2,11}$/, message: 'Код ОКАТО должен состоять из цифр' },
] as const;

/** Requisites and dates of an organisation; `kind` says whether the МО kind is required (МО) or not allowed. */
export function checkOrganisation(kind: 'MO' | 'SMO' | 'TFOMS', input: OrganisationFields): FlkIssue[] {
  const errors: FlkIssue[] = [];
  for (const rule of requisites) {
    const value = input[rule.field];
    if (value && !rule.pattern.test(value)) {
      errors.push(orgIssue({ code: '903', field: rule.field, value, message: rule.message }));
    }
  }
  if (kind === 'MO' && !input.moKind) {
    errors.push(
      orgIssue({
        code: '902',
        field: 'moKind',
        message: 'Для МО укажите вид: поликлиника, стационар или оба',
      }),
    );
  }
  if (kind !== 'MO' && input.moKind) {
    errors.push(
      orgIssue({
        code: '904',
        field: 'moKind',
        value: input.moKind,
        message: 'Вид МО указывается только для медицинских организаций',
      }),
    );
  }
  if (input.dateEnd && input.dateEnd < input.dateBeg) {
    errors.push(
      orgIssue({
        code: '904',
        field: 'dateEnd',
        value: input.dateEnd,
        message: 'Дата исключения из реестра раньше даты включения',
      }),
    );
  }
  return errors;
}

/** Bed counts of one V020 profile: male + female ≤ total, children ≤ total. */
export function checkBeds(beds: readonly BedInput[], field = 'beds'): FlkIssue[] {
  const errors: FlkIssue[] = [];
  const seen = new Set<number>();
  beds.forEach((bed, i) => {
    const at = `${field}.${i}`;
    if (seen.has(bed.bedProfileV020)) {
      errors.push(
        orgIssue({
          code: '905',
          field: `${at}.bedProfileV020`,
          value: String(bed.bedProfileV020),
          message: 'Профиль койки (V020) указан в отделении дважды',
        }),
      );
    }
    seen.add(bed.bedProfileV020);
    if (bed.bedsMale + bed.bedsFemale > bed.beds) {
      errors.push(
        orgIssue({
          code: '904',
          field: `${at}.bedsMale`,
          value: `${bed.bedsMale}+${bed.bedsFemale}`,
          message: 'Мужских и женских коек вместе больше, чем коек профиля',
        }),
      );
    }
    if (bed.bedsChild > bed.beds) {
      errors.push(
        orgIssue({
          code: '904',
          field: `${at}.bedsChild`,
          value: String(bed.bedsChild),
          message: 'Детских коек больше, чем коек профиля',
        }),
      );
    }
  });
  return errors;
}

/** A department: its bed stock, and beds only where patients stay (inpatient, day hospital). */
export function checkDepartment(input: DepartmentFields, code?: string): FlkIssue[] {
  const errors: FlkIssue[] = [];
  if (code !== undefined && !/^[\p{L}\d._-]{1,20}$/u.test(code)) {
    errors.push(
      orgIssue({
        code: '903',
        field: 'code',
        value: code,
        message: 'Код отделения: буквы, цифры, точка, дефис или подчёркивание, не длиннее 20 знаков',
      }),
    );
  }
  if (input.kind === 'polyclinic' && input.beds.length > 0) {
    errors.push(
      orgIssue({
        code: '904',
        field: 'beds',
        message: 'У поликлинического отделения нет коечного фонда',
      }),
    );
  }
  return [...errors, ...checkBeds(input.beds)];
}

/** A doctor's СНИЛС (format and control sum, DOMAIN §4.2); answers the canonical `XXX-XXX-XXX YY` form. */
export function checkDoctorSnils(
  value: string,
  field = 'snils',
): { snils: string | null; errors: FlkIssue[] } {
  const problem = checkSnils(value);
  if (problem === 'format' || problem === 'zero') {
    return {
      snils: null,
      errors: [orgIssue({ code: '903', field, value, message: 'СНИЛС должен иметь вид XXX-XXX-XXX YY' })],
    };
  }
  if (problem === 'control') {
    return {
      snils: null,
      errors: [orgIssue({ code: '904', field, value, message: 'Неверная контрольная сумма СНИЛС' })],
    };
  }
  return { snils: formatSnils(snilsDigits(value)!), errors: [] };
}

export function checkDoctor(input: DoctorCreate): { snils: string | null; errors: FlkIssue[] } {
  return checkDoctorSnils(input.snils);
}

/** A district: code format, its doctor's СНИЛС (whether the doctor works in the МО is checked in the database). */
export function checkDistrict(
  input: DistrictFields,
  code?: string,
): { doctorSnils: string | null; errors: FlkIssue[] } {
  const errors: FlkIssue[] = [];
  if (code !== undefined && !/^[\p{L}\d._-]{1,20}$/u.test(code)) {
    errors.push(
      orgIssue({
        code: '903',
        field: 'code',
        value: code,
        message: 'Номер участка: буквы, цифры, точка, дефис или подчёркивание, не длиннее 20 знаков',
      }),
    );
  }
  const doctor = checkDoctorSnils(input.doctorSnils, 'doctorSnils');
  return { doctorSnils: doctor.snils, errors: [...errors, ...doctor.errors] };
}

export function doctorNotInMo(snils: string): FlkIssue {
  return orgIssue({
    code: '904',
    field: 'doctorSnils',
    value: snils,
    message: 'Врач с этим СНИЛС не работает в этой МО: сначала добавьте его в список врачей',
  });
}

/** The directories the organisation records refer to. */
export type OrgNsiDirectory = 'V002' | 'V006' | 'V020' | 'V021';

export interface NsiReference {
  directory: OrgNsiDirectory;
  code: string;
  field: string;
}

const nsiMessages: Record<OrgNsiDirectory, string> = {
  V002: 'Профиль медицинской помощи отсутствует в справочнике V002 на дату',
  V006: 'Условия оказания медицинской помощи отсутствуют в справочнике V006 на дату',
  V020: 'Профиль койки отсутствует в справочнике V020 на дату',
  V021: 'Медицинская специальность отсутствует в справочнике V021 на дату',
};

export function departmentNsiReferences(input: DepartmentFields): NsiReference[] {
  return [
    { directory: 'V002', code: String(input.profileV002), field: 'profileV002' },
    { directory: 'V006', code: String(input.conditionsV006), field: 'conditionsV006' },
    ...input.beds.map((bed, i) => ({
      directory: 'V020' as const,
      code: String(bed.bedProfileV020),
      field: `beds.${i}.bedProfileV020`,
    })),
  ];
}

export function doctorNsiReferences(input: { specialtyV021: number }): NsiReference[] {
  return [{ directory: 'V021', code: String(input.specialtyV021), field: 'specialtyV021' }];
}

/** 904 for every reference whose code the directory does not hold on the date (`known`: `V020:71` keys). */
export function nsiErrors(
  refs: readonly NsiReference[],
  known: ReadonlySet<string>,
  date: string,
): FlkIssue[] {
  return refs
    .filter((ref) => !known.has(nsiKey(ref.directory, ref.code)))
    .map((ref) =>
      orgIssue({
        code: '904',
        field: ref.field,
        value: ref.code,
        message: `${nsiMessages[ref.directory]} ${formatRuDate(date)}`,
      }),
    );
}

export function nsiKey(directory: string, code: string): string {
  return `${directory}:${code}`;
}

function formatRuDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

export const duplicateMessages = {
  organisation: 'Организация с этим кодом уже есть в реестре',
  department: 'Отделение с этим кодом уже есть в этой МО',
  doctor: 'Врач с этим СНИЛС уже есть в этой МО',
  district: 'Участок с этим номером уже есть в этой МО',
} as const;

export function duplicate(entity: keyof typeof duplicateMessages, field: string, value: string): FlkIssue {
  return orgIssue({ code: '905', field, value, message: duplicateMessages[entity] });
}
