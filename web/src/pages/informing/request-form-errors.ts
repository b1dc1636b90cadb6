import type { InformingProtocol } from '../../api/informing';
import { type FieldErrors, fieldErrors, personField } from '../../components/protocol-field-errors';

const formFields = new Set(['reason', 'windowFrom', 'windowTo', 'deadline', 'comment']);

/**
 * Places the FLK issues of a one-request package's protocol next to the form's fields; the rest become one
 * sentence.
 */
export function placeIssues(protocol: InformingProtocol): FieldErrors {
  return fieldErrors(protocol, (f) => personField(f) ?? (formFields.has(f) ? f : undefined));
}
