import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import type { FlkIssue } from '../../platform/flk/issue';
import { hasErrors } from '../../platform/flk/issue';
import { loadFlkRules } from '../../platform/flk/rule-repository';
import {
  checkIdentityFields,
  type IdentityInput,
  normaliseIdentity,
  type Resolution,
  resolutionTitles,
} from '../domain/identity-input';
import { resolveIdentity } from './identity-resolution';
import { type AffiliationRow, insuranceAffiliation } from './person-repository';

export interface AffiliationAnswer {
  outcome: Resolution['outcome'] | 'invalid';
  message: string;
  method?: string;
  issues: FlkIssue[];
  person?: Pick<AffiliationRow, 'enp' | 'fam' | 'im' | 'ot' | 'birthDate' | 'sex'>;
  policy?: {
    policyType: number;
    number: string;
    smoCode: string;
    smoName: string | null;
    dateBeg: string;
    dateEnd: string | null;
  };
  attachment?: { moCode: string; moName: string | null; districtCode: string | null; since: string | null };
}

/**
 * The insurance-affiliation query (the ЕРЗ ZP1 idea) for REST and SOAP: checks the identifiers (FLK, severity
 * from `flk.rule`), resolves the person (ЕНП → СНИЛС → ФИО + birth date [+ document]), and answers the policy
 * valid on the date with its СМО and the attachment. Every query is audited with the person found (or none).
 */
export async function queryAffiliation(tx: Tx, raw: IdentityInput): Promise<AffiliationAnswer> {
  const input = normaliseIdentity(raw);
  const rules = await loadFlkRules(tx);
  const issues = checkIdentityFields(input, rules);
  if (hasErrors(issues)) {
    await audit(tx, 'query', 'person.affiliation', {}, { outcome: 'invalid' });
    return { outcome: 'invalid', message: 'Запрос не прошёл форматно-логический контроль', issues };
  }
  const resolution = await resolveIdentity(tx, input, { requireDocument: false });
  const personId = 'personId' in resolution ? resolution.personId : undefined;
  await audit(
    tx,
    'query',
    'person.affiliation',
    { persons: personId ? [personId] : [] },
    {
      outcome: resolution.outcome,
      ...('method' in resolution ? { method: resolution.method } : {}),
    },
  );
  const answer: AffiliationAnswer = {
    outcome: resolution.outcome,
    message: resolutionTitles[resolution.outcome],
    issues,
    ...('method' in resolution ? { method: resolution.method } : {}),
  };
  if (!personId) return answer;
  const row = await insuranceAffiliation(tx, personId, input.onDate);
  if (!row) return answer;
  answer.person = {
    enp: row.enp,
    fam: row.fam,
    im: row.im,
    ot: row.ot,
    birthDate: row.birthDate,
    sex: row.sex,
  };
  if (row.smoCode && row.policyType !== null && row.policyNumber && row.policyDateBeg) {
    answer.policy = {
      policyType: row.policyType,
      number: row.policyNumber,
      smoCode: row.smoCode,
      smoName: row.smoName,
      dateBeg: row.policyDateBeg,
      dateEnd: row.policyDateEnd,
    };
  }
  if (row.moCode) {
    answer.attachment = {
      moCode: row.moCode,
      moName: row.moName,
      districtCode: row.districtCode,
      since: row.attachedSince,
    };
  }
  return answer;
}
