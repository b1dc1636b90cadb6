/** One FLK rule as configured in `flk.rule` (ARCHITECTURE §5): its F012 code, field, severity and message. */
export interface FlkRule {
  id: string;
  f012Code: string;
  field: string | null;
  severity: 'error' | 'warning' | 'off';
  message: string;
}

/** One finding of the FLK, the same in REST problems, SOAP protocols and file protocols. */
export interface FlkIssue {
  rule: string;
  code: string;
  severity: 'error' | 'warning';
  field?: string;
  value?: string;
  message: string;
}

export type FlkRuleSet = ReadonlyMap<string, FlkRule>;

/** Applies a rule that fired: nothing when it is switched off, else an issue of its configured severity. */
export function fire(rules: FlkRuleSet, ruleId: string, value?: string, field?: string): FlkIssue[] {
  const rule = rules.get(ruleId);
  if (!rule) throw new Error(`Unknown FLK rule ${ruleId}`);
  if (rule.severity === 'off') return [];
  return [
    {
      rule: rule.id,
      code: rule.f012Code,
      severity: rule.severity,
      ...((field ?? rule.field) ? { field: field ?? rule.field ?? undefined } : {}),
      ...(value !== undefined ? { value } : {}),
      message: rule.message,
    },
  ];
}

export function hasErrors(issues: readonly FlkIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
