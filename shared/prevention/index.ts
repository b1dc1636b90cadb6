import { allKinds } from '../platform/access/sections';
import { defineArea } from '../platform/area';
import { preventionJournal } from './db/journal-source';
import { preventionRecordSources } from './db/person-records';
import { preventionPermissions } from './permissions';

const rest = (name: string, method: 'GET' | 'POST', path: string, entry: string) =>
  ({ kind: 'rest', name, entry: `functions/rest/prevention/${entry}`, method, path, auth: 'user' }) as const;

/**
 * Prevention and dispensary observation (issue 13, docs/design/prevention-exchange.md): exam schedules, plan lists
 * and volumes, participation steps with the funnel and due lists, ДН and polyclinic cases, over REST, SOAP
 * (PreventionService) and files, with steps and cases derived from registry imports (`work.ts`).
 */
export const preventionArea = defineArea({
  id: 'prevention',
  core: false,
  permissions: Object.values(preventionPermissions),
  sections: [
    {
      id: 'prevention',
      title: 'Медосмотры',
      path: '/prevention',
      kinds: allKinds,
      available: true,
      order: 10,
    },
    {
      id: 'schedules',
      title: 'Графики медосмотров',
      path: '/schedules',
      kinds: allKinds,
      available: true,
      order: 20,
    },
    {
      id: 'dispensary',
      title: 'Диспансерное наблюдение',
      path: '/dispensary',
      kinds: allKinds,
      available: true,
      order: 22,
    },
    {
      id: 'polyclinic-cases',
      title: 'Случаи поликлинического обслуживания',
      path: '/polyclinic-cases',
      kinds: allKinds,
      available: true,
      order: 24,
    },
  ],
  rest: [
    rest('PreventionSchedulesSend', 'POST', '/api/v1/prevention/schedules', 'schedules/send-schedule.ts'),
    rest('PreventionSchedulesList', 'GET', '/api/v1/prevention/schedules', 'schedules/list-schedule.ts'),
    rest('PreventionSchedulesGaps', 'GET', '/api/v1/prevention/schedules/gaps', 'schedules/schedule-gaps.ts'),
    rest('PreventionContactsSend', 'POST', '/api/v1/prevention/contacts', 'schedules/send-contacts.ts'),
    rest('PreventionPlansSend', 'POST', '/api/v1/prevention/plans', 'plans/send-plan.ts'),
    rest('PreventionPlansList', 'GET', '/api/v1/prevention/plans', 'plans/list-plan.ts'),
    rest('PreventionStepsSend', 'POST', '/api/v1/prevention/steps', 'steps/send-steps.ts'),
    rest('PreventionFunnel', 'GET', '/api/v1/prevention/funnel', 'steps/funnel.ts'),
    rest('PreventionDueList', 'GET', '/api/v1/prevention/due', 'steps/due-list.ts'),
    rest('PreventionPlansDraft', 'GET', '/api/v1/prevention/plans/draft', 'plans/draft-plan.ts'),
    rest('PreventionVolumesSend', 'POST', '/api/v1/prevention/volumes', 'volumes/send-volumes.ts'),
    rest('PreventionVolumesList', 'GET', '/api/v1/prevention/volumes', 'volumes/list-volumes.ts'),
    rest(
      'PreventionDispensarySend',
      'POST',
      '/api/v1/prevention/dispensary',
      'dispensary/send-dispensary.ts',
    ),
    rest('PreventionDispensaryList', 'GET', '/api/v1/prevention/dispensary', 'dispensary/list-dispensary.ts'),
    rest(
      'PreventionPolyclinicCasesSend',
      'POST',
      '/api/v1/prevention/polyclinic-cases',
      'polyclinic-cases/send-polyclinic-cases.ts',
    ),
    rest(
      'PreventionPolyclinicCasesList',
      'GET',
      '/api/v1/prevention/polyclinic-cases',
      'polyclinic-cases/list-polyclinic-cases.ts',
    ),
    rest('PreventionHome', 'GET', '/api/v1/prevention/home', 'home-figures.ts'),
    rest('PreventionFilesUpload', 'POST', '/api/v1/prevention/files', 'files/upload-prevention-file.ts'),
    rest('PreventionFilesPlanList', 'GET', '/api/v1/prevention/files/plan-list', 'files/export-plan-list.ts'),
    rest('PreventionFilesDn', 'GET', '/api/v1/prevention/files/dn', 'files/export-dn.ts'),
  ],
  soap: [
    {
      kind: 'soap',
      name: 'SoapPreventionService',
      entry: 'functions/soap/prevention/prevention-service.ts',
      service: 'PreventionService',
    },
  ],
  personRecords: preventionRecordSources,
  exchangeJournal: [preventionJournal],
});
