import type { InformingProtocol } from '../../api/informing';
import { type FieldErrors, fieldErrors, personField } from '../../components/protocol-field-errors';

const formFields = new Set(['moCode', 'condition', 'date', 'age', 'sex', 'answers']);

/**
 * Places the FLK issues of a one-survey package's protocol next to the form's fields (`answers.CODE` is that
 * question's select); the rest become one sentence.
 */
export function placeSurveyIssues(protocol: InformingProtocol): FieldErrors {
  return fieldErrors(
    protocol,
    (f) => personField(f) ?? (f.startsWith('answers.') || formFields.has(f) ? f : undefined),
  );
}
