import { type FlkIssue, type FlkRuleSet, fire } from '../../platform/flk/issue';
import {
  checkIdentityFields,
  hasIdentifiers,
  normaliseIdentity,
  type Resolution,
  resolutionIssues,
} from './identity-input';
import type { PersonRef } from './patient-ref';

/**
 * A record's patient: its identifiers well formed (ЕНП, СНИЛС), named well enough to look up, and found by the
 * register (`resolution`, answered for the package). The person found, with the СМО of the policy on the date,
 * or null when nobody is (the record is then rejected).
 */
export function checkPatient(
  rules: FlkRuleSet,
  patient: PersonRef,
  resolution: Resolution | undefined,
): { issues: FlkIssue[]; person: { personId: string; smoCode: string | null } | null } {
  const identity = normaliseIdentity(patient);
  const issues = checkIdentityFields(identity, rules);
  if (!hasIdentifiers(identity) || !resolution) {
    return { issues: [...issues, ...fire(rules, 'ID.NOT_FOUND', undefined, 'patient')], person: null };
  }
  issues.push(...resolutionIssues(resolution, rules));
  if (resolution.outcome !== 'identified' && resolution.outcome !== 'no_policy_on_date')
    return { issues, person: null };
  const smoCode = resolution.outcome === 'identified' ? resolution.policy.smoCode : null;
  return { issues, person: { personId: resolution.personId, smoCode } };
}
