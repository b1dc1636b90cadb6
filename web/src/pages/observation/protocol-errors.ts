export { type FieldErrors, fieldErrors, personField } from '../../components/protocol-field-errors';

/** The index of a visit window an issue names (`visits[2]`, `visits.2.from`), if it names one. */
export function visitIndex(issueField: string): number | undefined {
  const match = /^visits(?:\[(\d+)\]|\.(\d+))/.exec(issueField);
  return match ? Number(match[1] ?? match[2]) : undefined;
}
