import type { Resolution } from '../../person/domain/identity-input';
import { checkPatient } from '../../person/domain/patient-check';
import { type FlkIssue, type FlkRuleSet, fire } from '../../platform/flk/issue';
import type { ConclusionRecord, ConsultationRequestRecord } from './records';

export interface RequestFacts {
  rules: FlkRuleSet;
  today: string;
  resolutions: ReadonlyMap<string, Resolution>;
  /** МО codes of the region (the consulting МО must be one). */
  medicalOrganisations: ReadonlySet<string>;
  /** МКБ-10 codes valid on their request's date, as `code/date`. */
  validDiagnoses: ReadonlySet<string>;
}

export interface RequestWrite {
  personId: string;
  smoCode: string | null;
}

/**
 * A consultation request: from the sender itself, to another МО of the region, not dated ahead, a diagnosis of
 * МКБ-10 on the request's date, and a person the register knows.
 */
export function checkConsultationRequest(f: RequestFacts, sender: string, r: ConsultationRequestRecord) {
  const issues: FlkIssue[] = [];
  if (r.requestingMoCode !== sender)
    issues.push(...fire(f.rules, 'CONS.SENDER', r.requestingMoCode, 'requestingMoCode'));
  if (r.consultingMoCode === r.requestingMoCode || !f.medicalOrganisations.has(r.consultingMoCode)) {
    issues.push(...fire(f.rules, 'CONS.CONSULTING_MO', r.consultingMoCode, 'consultingMoCode'));
  }
  if (r.requestDate > f.today) issues.push(...fire(f.rules, 'CONS.DATE', r.requestDate, 'requestDate'));
  if (!f.validDiagnoses.has(`${r.diagnosis}/${r.requestDate}`)) {
    issues.push(...fire(f.rules, 'CONS.DIAGNOSIS', r.diagnosis, 'diagnosis'));
  }
  const patient = checkPatient(f.rules, r.patient, f.resolutions.get(r.sourceId));
  issues.push(...patient.issues.filter((i) => i.rule !== 'ID.NOT_INSURED'));
  if (!patient.person) return { issues, facts: null, persons: [] };
  return { issues, facts: patient.person as RequestWrite, persons: [patient.person.personId] };
}

/** A request as a conclusion's check sees it (only those addressed to the caller are visible). */
export interface KnownConsultation {
  id: string;
  requestDate: string;
  status: 'requested' | 'done' | 'cancelled';
  personId: string;
  conclusionSourceId: string | null;
}

export interface ConclusionFacts {
  rules: FlkRuleSet;
  today: string;
  /** By `<requesting МО>/<source id>`, the requests addressed to the caller. */
  consultations: ReadonlyMap<string, KnownConsultation>;
}

export const consultationKey = (c: ConclusionRecord) => `${c.request.requestingMoCode}/${c.request.sourceId}`;

/** A conclusion: of a request addressed to the caller and not cancelled, dated between the request and today. */
export function checkConclusion(f: ConclusionFacts, c: ConclusionRecord) {
  const known = f.consultations.get(consultationKey(c));
  if (!known)
    return { issues: fire(f.rules, 'CONS.UNKNOWN', c.request.sourceId, 'request'), facts: null, persons: [] };
  const issues: FlkIssue[] = [];
  if (known.status === 'cancelled')
    issues.push(...fire(f.rules, 'CONS.CANCELLED', c.request.sourceId, 'request'));
  if (c.consultDate > f.today) issues.push(...fire(f.rules, 'CONS.DATE', c.consultDate, 'consultDate'));
  if (c.consultDate < known.requestDate)
    issues.push(...fire(f.rules, 'CONS.ORDER', c.consultDate, 'consultDate'));
  return { issues, facts: known, persons: [known.personId] };
}
