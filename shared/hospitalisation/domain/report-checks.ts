import { type FlkIssue, fire } from '../../platform/flk/issue';
import {
  bedProfileIssues,
  codeIssues,
  codeNeeds,
  departmentIssues,
  departmentNeeds,
  futureIssues,
} from './common-checks';
import { freeBedsCountIssues } from './free-beds-rules';
import type { KindRules } from './kind-rules';
import type { FreeBedsRecord, PlanRecord } from './records';

/** The row a free-beds report fills: one per department × bed profile × conditions × day. */
export const freeBedsKey = (b: FreeBedsRecord) =>
  `${b.moCode}/${b.departmentCode}/${b.bedProfile}/${b.conditions}/${b.date}`;

/** T6: a hospital's bed fund and free beds for a day per department × bed profile × conditions (+ forecast). */
export const freeBedsRules: KindRules<FreeBedsRecord, null> = {
  keys: (b) => [`free-beds:${freeBedsKey(b)}`],

  needs(needs, _sender, b) {
    codeNeeds(needs, { conditions: b.conditions, bedProfile: b.bedProfile, profile: b.profile });
    needs.bedProfiles.add(b.bedProfile);
    departmentNeeds(needs, b.moCode, b.departmentCode);
  },

  check(f, sender, b) {
    const issues: FlkIssue[] = [];
    if (b.moCode !== sender.orgCode) issues.push(...fire(f.rules, 'HOSP.SENDER', b.moCode, 'moCode'));
    issues.push(
      ...codeIssues(f, b.date, { conditions: b.conditions, bedProfile: b.bedProfile, profile: b.profile }),
    );
    if (b.profile !== undefined) issues.push(...bedProfileIssues(f, b.bedProfile, b.profile));
    const department = departmentIssues(f, b.moCode, b.departmentCode, b.bedProfile, {
      mo: 'moCode',
      department: 'departmentCode',
    });
    issues.push(...department.issues);
    issues.push(...futureIssues(f, b.date, 'date'));
    issues.push(...freeBedsCountIssues(b, department.beds, f.rules));
    return { issues, facts: null, persons: [] };
  },
};

/** The row a plan line fills: one per month × hospital × profile × conditions × СМО. */
export const planKey = (p: PlanRecord) =>
  `${p.year}-${p.month}/${p.moCode}/${p.profile}/${p.conditions}/${p.smoCode}`;

const firstDayOf = (p: PlanRecord) => `${p.year}-${String(p.month).padStart(2, '0')}-01`;

/** A hospitalisation plan line: planned admissions of a hospital for a month, profile, conditions and СМО. */
export const planRules: KindRules<PlanRecord, null> = {
  keys: (p) => [`plan:${planKey(p)}`],

  needs(needs, _sender, p) {
    codeNeeds(needs, { profile: p.profile, conditions: p.conditions });
    needs.organisations.add(p.smoCode);
  },

  check(f, sender, p) {
    const issues: FlkIssue[] = [];
    if (p.moCode !== sender.orgCode) issues.push(...fire(f.rules, 'HOSP.SENDER', p.moCode, 'moCode'));
    const thisYear = Number(f.today.slice(0, 4));
    if (p.month < 1 || p.month > 12 || p.year < thisYear - 1 || p.year > thisYear + 1) {
      issues.push(...fire(f.rules, 'HOSP.PLAN.PERIOD', `${p.year}-${p.month}`, 'month'));
      return { issues, facts: null, persons: [] };
    }
    if (p.planned < 0) issues.push(...fire(f.rules, 'HOSP.BEDS.COUNTS', String(p.planned), 'planned'));
    issues.push(...codeIssues(f, firstDayOf(p), { profile: p.profile, conditions: p.conditions }));
    if (f.organisationKind(p.smoCode) !== 'SMO')
      issues.push(...fire(f.rules, 'HOSP.PLAN.SMO', p.smoCode, 'smoCode'));
    return { issues, facts: null, persons: [] };
  },
};
