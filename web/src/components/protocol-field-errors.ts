/** A refused record's FLK messages: those of the form's fields by field, the rest as one sentence. */
export interface FieldErrors {
  byField: Record<string, string>;
  unplaced: string[];
}

/** What a package protocol says of its records, as every area's protocol does. */
interface ProtocolIssues {
  records?: readonly { issues?: readonly { field?: string | null; message: string }[] }[];
}

/**
 * Places the FLK issues of a one-record package's protocol next to the form's fields. `fieldOf` turns an issue's
 * field (a record path such as `diagnosis`, `visits[1]`, `answers.THERAPIST`, or a register tag such as `ENP`)
 * into the form's field name, or undefined for a field the form does not show.
 */
export function fieldErrors(
  protocol: ProtocolIssues | undefined,
  fieldOf: (issueField: string) => string | undefined,
): FieldErrors {
  const byField: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const issue of protocol?.records?.[0]?.issues ?? []) {
    const field = issue.field ? fieldOf(issue.field) : undefined;
    if (field === undefined) {
      unplaced.push(issue.message);
      continue;
    }
    byField[field] = byField[field] ? `${byField[field]} ${issue.message}` : issue.message;
  }
  return { byField, unplaced };
}

/** The person's fields in the protocol (the identity rules name the register's tags). */
const personFields = new Set(['patient', 'enp', 'ENP', 'SNILS', 'FAM', 'IM', 'OT', 'DR']);

/** The person's field of a form that names the person by ЕНП. */
export function personField(issueField: string): string | undefined {
  return personFields.has(issueField) || issueField.startsWith('patient.') ? 'enp' : undefined;
}
