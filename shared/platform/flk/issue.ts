/**
 * The one FLK issue shape (ARCHITECTURE §5), the same in REST problems, SOAP protocols and Faults, file
 * protocols and the UI: the rule that fired, its F012 code, severity, the field (a record path or a file tag
 * path), the sender's value (clipped) and a Russian message that says what to fix.
 */
export type Severity = 'error' | 'warning';

export interface FlkIssue {
  rule: string;
  code: string;
  severity: Severity;
  field?: string;
  value?: string;
  message: string;
}

/** One FLK rule as configured in `flk.rule`: its F012 code, field, severity and message (rules are data). */
export interface FlkRule {
  id: string;
  f012Code: string;
  field: string | null;
  severity: Severity | 'off';
  message: string;
}

export type FlkRuleSet = ReadonlyMap<string, FlkRule>;

/** Values in a protocol are kept short: they are the sender's, for reading, not for storage. */
export function clip(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return value.length > 100 ? `${value.slice(0, 99)}…` : value;
}

/** An error of a rule that is not configurable (format, structure, keys): always an error. */
export function flkError(
  rule: string,
  code: string,
  message: string,
  field?: string | null,
  value?: string | null,
): FlkIssue {
  const clipped = clip(value);
  return {
    rule,
    code,
    severity: 'error',
    ...(field ? { field } : {}),
    ...(clipped !== undefined ? { value: clipped } : {}),
    message,
  };
}

/** An issue of a configured rule at the rule's severity (or the one given); nothing for a rule switched off. */
export function issueOf(
  rule: FlkRule,
  field?: string | null,
  value?: string | null,
  severity?: Severity,
): FlkIssue[] {
  if (rule.severity === 'off' && !severity) return [];
  const clipped = clip(value);
  const where = field ?? rule.field;
  return [
    {
      rule: rule.id,
      code: rule.f012Code,
      severity: severity ?? (rule.severity === 'warning' ? 'warning' : 'error'),
      ...(where ? { field: where } : {}),
      ...(clipped !== undefined ? { value: clipped } : {}),
      message: rule.message,
    },
  ];
}

/** Applies a rule that fired: nothing when it is switched off, else an issue of its configured severity. */
export function fire(rules: FlkRuleSet, ruleId: string, value?: string, field?: string): FlkIssue[] {
  const rule = rules.get(ruleId);
  if (!rule) throw new Error(`Unknown FLK rule ${ruleId}`);
  return issueOf(rule, field, value);
}

export function hasErrors(issues: readonly FlkIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
