import { type FlkIssue, type FlkRule, flkError, hasErrors, issueOf } from '../../platform/flk/issue';
import { checkEnp } from './enp';
import type { ErzPerson } from './erz-person';
import { checkSnils, formatSnils, snilsDigits } from './snils';

/**
 * FLK of an ЕРЗ extract record (docs/formats/erz-extract.md §5): the checks that need nothing but the record.
 * The checks that need the register or the whole file (ЕНП repeated in the file, СНИЛС of another person, СМО,
 * district and document type known) run set-based in the database (shared/person/db/erz-import.ts). Findings
 * are the platform's `FlkIssue`, rules the platform's `FlkRule` (as `flk.rule` holds them).
 */

/** Rules of the import whose severity the fund configures (migrations 002 and 003 hold the same rows). */
export const configurableErzRules = {
  'ID.ENP.CONTROL': {
    f012Code: '904',
    field: 'ENP',
    severity: 'error',
    message: 'Неверная контрольная цифра ЕНП',
  },
  'ID.SNILS.FORMAT': {
    f012Code: '903',
    field: 'SNILS',
    severity: 'error',
    message: 'СНИЛС должен иметь вид XXX-XXX-XXX YY',
  },
  'ID.SNILS.CONTROL': {
    f012Code: '904',
    field: 'SNILS',
    severity: 'warning',
    message: 'Неверная контрольная сумма СНИЛС',
  },
  'ERZ.BIRTH.FUTURE': {
    f012Code: '904',
    field: 'DR',
    severity: 'error',
    message: 'Дата рождения позже текущей даты',
  },
  'ERZ.DATE.ORDER': {
    f012Code: '904',
    field: 'DEND',
    severity: 'error',
    message: 'Дата окончания раньше даты начала',
  },
  'ERZ.POLICY.ENP': {
    f012Code: '904',
    field: 'NPOLIS',
    severity: 'warning',
    message: 'Номер полиса единого образца (VPOLIS=3) не совпадает с ЕНП',
  },
  'ERZ.DOC.DUPLICATE': {
    f012Code: '905',
    field: 'DOCNUM',
    severity: 'error',
    message: 'Документ с этим видом и номером указан в записи дважды',
  },
  'ERZ.DOC.TYPE': {
    f012Code: '904',
    field: 'DOCTYPE',
    severity: 'error',
    message: 'Вид документа отсутствует в справочнике F011',
  },
  'ERZ.SNILS.DUPLICATE': {
    f012Code: '905',
    field: 'SNILS',
    severity: 'error',
    message: 'СНИЛС указан в файле у нескольких застрахованных лиц',
  },
  'ERZ.SNILS.TAKEN': {
    f012Code: '905',
    field: 'SNILS',
    severity: 'error',
    message: 'СНИЛС принадлежит другому застрахованному лицу в регистре',
  },
} as const satisfies Record<string, Omit<FlkRule, 'id'>>;

export type ConfigurableErzRule = keyof typeof configurableErzRules;

/**
 * Rules that always reject: without a valid, unique ЕНП the record has no key in the register, and a policy
 * or attachment must name an СМО / district the register knows (foreign keys). ID.ENP.FORMAT lives in
 * `flk.rule` for its message, but its severity cannot lower it for the import.
 */
export const fixedErzRules = {
  'ID.ENP.FORMAT': { code: '903', message: 'ЕНП должен состоять из 16 цифр' },
  'ERZ.ENP.DUPLICATE': { code: '905', message: 'ЕНП указан в файле более одного раза' },
  'ERZ.SMO.UNKNOWN': { code: '904', message: 'СМО с этим кодом нет в реестре организаций (F002)' },
  'ERZ.DISTRICT.UNKNOWN': { code: '904', message: 'Участка с этим кодом нет у указанной МО (F003)' },
} as const;

export type ErzRuleBook = Record<ConfigurableErzRule, FlkRule>;

/** The rule book from `flk.rule` rows; a rule missing there keeps its default. */
export function erzRuleBook(rows: readonly FlkRule[]): ErzRuleBook {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const book = {} as ErzRuleBook;
  for (const [id, rule] of Object.entries(configurableErzRules) as [
    ConfigurableErzRule,
    (typeof configurableErzRules)[ConfigurableErzRule],
  ][]) {
    const row = byId.get(id);
    book[id] = row ? { ...row, id } : { id, ...rule };
  }
  return book;
}

export function fixedFinding(id: keyof typeof fixedErzRules, field: string, value: string | null): FlkIssue {
  const rule = fixedErzRules[id];
  return flkError(id, rule.code, rule.message, field, value);
}

export interface ErzRecordCheck {
  findings: FlkIssue[];
  rejected: boolean;
  /** The СНИЛС to store: canonical `XXX-XXX-XXX YY`, or null when absent or not storable. */
  snils: string | null;
  /** Documents to store (a repeated document dropped when its rule is not an error). */
  documents: ErzPerson['documents'];
}

/**
 * Checks one record against the rules that need nothing else: ЕНП format (always rejects) and control digit,
 * СНИЛС format and control sum, birth date not in the future, date order of policies and attachments, the
 * number of a unified policy equal to the ЕНП, documents not repeated. `today` is `YYYY-MM-DD`.
 */
export function checkErzRecord(person: ErzPerson, rules: ErzRuleBook, today: string): ErzRecordCheck {
  const findings: FlkIssue[] = [];
  const add = (rule: FlkRule, field: string, value: string | null) => {
    findings.push(...issueOf(rule, field, value));
  };

  const enpProblem = checkEnp(person.enp);
  if (enpProblem === 'format') findings.push(fixedFinding('ID.ENP.FORMAT', 'ENP', person.enp));
  else if (enpProblem === 'control') add(rules['ID.ENP.CONTROL'], 'ENP', person.enp);

  let snils: string | null = null;
  if (person.snils !== null) {
    const problem = checkSnils(person.snils);
    const digits = snilsDigits(person.snils);
    if (problem === 'format') add(rules['ID.SNILS.FORMAT'], 'SNILS', person.snils);
    else if (problem === 'control' || problem === 'zero')
      add(rules['ID.SNILS.CONTROL'], 'SNILS', person.snils);
    // A malformed or all-zero СНИЛС cannot be stored; a wrong control sum can (the rule said keep it).
    if (digits && problem !== 'zero') snils = formatSnils(digits);
  }

  if (person.birthDate > today) add(rules['ERZ.BIRTH.FUTURE'], 'DR', person.birthDate);

  person.policies.forEach((policy, i) => {
    if (policy.dateEnd !== null && policy.dateEnd < policy.dateBeg) {
      add(rules['ERZ.DATE.ORDER'], `POLIS[${i + 1}].DEND`, policy.dateEnd);
    }
    if (policy.policyType === 3 && policy.number !== person.enp) {
      add(rules['ERZ.POLICY.ENP'], `POLIS[${i + 1}].NPOLIS`, policy.number);
    }
  });
  person.attachments.forEach((attachment, i) => {
    if (attachment.dateEnd !== null && attachment.dateEnd < attachment.dateBeg) {
      add(rules['ERZ.DATE.ORDER'], `PRIK[${i + 1}].DEND`, attachment.dateEnd);
    }
  });

  const seen = new Set<string>();
  const documents: ErzPerson['documents'] = [];
  person.documents.forEach((doc, i) => {
    const key = `${doc.docType}\n${doc.docNum}`;
    if (seen.has(key)) add(rules['ERZ.DOC.DUPLICATE'], `DOC[${i + 1}].DOCNUM`, doc.docNum);
    else {
      seen.add(key);
      documents.push(doc);
    }
  });

  return { findings, rejected: hasErrors(findings), snils, documents };
}

/** Today as `YYYY-MM-DD` in Moscow time (ЕРЗ dates are Russian calendar dates). */
export function todayInRussia(now = new Date()): string {
  return new Date(now.getTime() + 3 * 3600_000).toISOString().slice(0, 10);
}
