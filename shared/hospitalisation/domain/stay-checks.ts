import { type FlkIssue, fire } from '../../platform/flk/issue';
import {
  bedProfileIssues,
  codeIssues,
  codeNeeds,
  departmentIssues,
  futureIssues,
  orderIssues,
  sexIssues,
} from './common-checks';
import { type KindRules, personsOf } from './kind-rules';
import type { StayFacts } from './package-facts';
import { type DischargeRecord, dischargeOutcomes, type MovementRecord } from './records';

/** T5: the patient left the hospital (date, outcome); the referral, if any, becomes discharged. */
export const dischargeRules: KindRules<DischargeRecord, StayFacts | null> = {
  keys: (d) => [`stay:${d.admissionSourceId}`],

  needs(needs, _sender, d) {
    needs.ownStays.add(d.admissionSourceId);
  },

  check(f, _sender, d) {
    const issues: FlkIssue[] = [];
    if (!dischargeOutcomes[d.outcome])
      issues.push(...fire(f.rules, 'HOSP.OUTCOME', String(d.outcome), 'outcome'));
    issues.push(...futureIssues(f, d.date, 'date'));
    const stay = f.ownStay(d.admissionSourceId);
    if (!stay) {
      issues.push(...fire(f.rules, 'HOSP.STAY.UNKNOWN', d.admissionSourceId, 'admissionSourceId'));
      return { issues, facts: null, persons: [] };
    }
    issues.push(...orderIssues(f, stay.admittedOn, d.date, 'date'));
    return { issues, facts: stay, persons: personsOf(stay.personId) };
  },
};

/** A move between departments of the same hospital: the stay's current department and profiles follow it. */
export const movementRules: KindRules<MovementRecord, StayFacts | null> = {
  keys: (m) => [`stay:${m.admissionSourceId}`, `source:${m.sourceId}`],

  needs(needs, sender, m) {
    codeNeeds(needs, { profile: m.profile, bedProfile: m.bedProfile });
    needs.bedProfiles.add(m.bedProfile);
    needs.ownStays.add(m.admissionSourceId);
    // An own stay is at the sender's hospital.
    needs.organisations.add(sender.orgCode);
    needs.department(sender.orgCode, m.departmentCode);
  },

  check(f, _sender, m) {
    const issues: FlkIssue[] = [];
    issues.push(...codeIssues(f, m.date, { profile: m.profile, bedProfile: m.bedProfile }));
    issues.push(...bedProfileIssues(f, m.bedProfile, m.profile));
    issues.push(...futureIssues(f, m.date, 'date'));
    const stay = f.ownStay(m.admissionSourceId);
    if (!stay) {
      issues.push(...fire(f.rules, 'HOSP.STAY.UNKNOWN', m.admissionSourceId, 'admissionSourceId'));
      return { issues, facts: null, persons: [] };
    }
    issues.push(
      ...departmentIssues(f, stay.moCode, m.departmentCode, m.bedProfile, {
        mo: 'moCode',
        department: 'departmentCode',
      }).issues,
    );
    issues.push(...sexIssues(f, stay.sex, { bedProfile: m.bedProfile }));
    issues.push(...orderIssues(f, stay.admittedOn, m.date, 'date'));
    if (stay.dischargedOn && m.date > stay.dischargedOn) {
      issues.push(...fire(f.rules, 'HOSP.STAY.DISCHARGED', stay.dischargedOn, 'date'));
    }
    return { issues, facts: stay, persons: personsOf(stay.personId) };
  },
};
