import type { InformingProtocol } from '../../api/informing';

/** The person's fields in the protocol (the identity rules name the register's tags). */
const personFields = new Set(['patient', 'enp', 'ENP', 'SNILS', 'FAM', 'IM', 'OT', 'DR']);
const formFields = new Set(['moCode', 'condition', 'date', 'age', 'sex', 'answers']);

/**
 * The form's field of an FLK issue of a survey record (`answers.CODE` is that question's select), or undefined for
 * one the form does not show.
 */
function fieldOf(issueField: string): string | undefined {
  if (personFields.has(issueField) || issueField.startsWith('patient.')) return 'enp';
  if (issueField.startsWith('answers.')) return issueField;
  return formFields.has(issueField) ? issueField : undefined;
}

/**
 * Places the FLK issues of a one-survey package's protocol next to the form's fields; the rest become one
 * sentence.
 */
export function placeSurveyIssues(protocol: InformingProtocol): {
  byField: Record<string, string>;
  unplaced: string[];
} {
  const byField: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const issue of protocol.records[0]?.issues ?? []) {
    const field = issue.field ? fieldOf(issue.field) : undefined;
    if (field === undefined) unplaced.push(issue.message);
    else byField[field] = byField[field] ? `${byField[field]} ${issue.message}` : issue.message;
  }
  return { byField, unplaced };
}
