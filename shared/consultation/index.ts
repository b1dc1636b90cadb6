import { allKinds } from '../platform/access/sections';
import { defineArea } from '../platform/area';
import { consultationJournal } from './db/journal-source';
import { consultationRecordSources } from './db/queries';
import { consultationPermissions } from './permissions';

const rest = (name: string, method: 'GET' | 'POST', path: string, entry: string) =>
  ({
    kind: 'rest',
    name,
    entry: `functions/rest/consultation/${entry}`,
    method,
    path,
    auth: 'user',
  }) as const;

/**
 * Telemedicine consultations (issue 14, DOMAIN §2.8): an МО asks another for a consultation, doctor–doctor or
 * doctor–patient; the consulting МО answers with its conclusion; both, the person's СМО and the fund read them, and
 * the person card links to them.
 */
export const consultationArea = defineArea({
  id: 'consultation',
  core: false,
  permissions: Object.values(consultationPermissions),
  sections: [
    {
      id: 'consultations',
      title: 'Телемедицинские консультации',
      path: '/consultations',
      kinds: allKinds,
      available: true,
      order: 75,
      permission: consultationPermissions.read,
    },
  ],
  rest: [
    rest('ConsultationsSend', 'POST', '/api/v1/consultations', 'send-requests.ts'),
    rest('ConsultationsList', 'GET', '/api/v1/consultations', 'list-consultations.ts'),
    rest('ConsultationConclusionsSend', 'POST', '/api/v1/consultations/conclusions', 'send-conclusions.ts'),
  ],
  soap: [
    {
      kind: 'soap',
      name: 'SoapConsultationService',
      entry: 'functions/soap/consultation/consultation-service.ts',
      service: 'ConsultationService',
    },
  ],
  personRecords: consultationRecordSources,
  exchangeJournal: [consultationJournal],
});
