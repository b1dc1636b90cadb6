import { contextOfRequester } from '../../platform/access/requested-by';
import { withCaller } from '../../platform/access/scoped';
import type { Sql } from '../../platform/db/connection';
import type { RegistryImportedMessage } from '../../platform/events/registry-imported';
import type { WriteItem } from '../../platform/exchange/package-processor';
import type { ObservationWrite } from '../domain/dispensary-rules';
import { examSteps } from '../domain/exam-steps';
import type { PolyclinicCaseRecord, StepRecord } from '../domain/records';
import type { StepWrite } from '../domain/step-rules';
import { type RegistryExamRow, stepsFromRegistry } from '../domain/steps-from-registry';
import { preventionPermissions } from '../permissions';
import { openPreventionContext } from './lookups';
import { polyclinicCaseHandler } from './polyclinic-case-handler';
import { stepHandler } from './step-handler';

/**
 * The prevention job for `registry-imported`: with the uploader's rights (checked again), a D-file's examination
 * cases become participation steps and an H-file's ambulatory cases polyclinic cases, written by the kinds' own
 * write statements with source `registry` under the case's IDCASE (so a corrected case replaces its step). The
 * paid registry is not checked again; the writes are audited by the tables' triggers. Idempotent.
 */
export async function deriveFromRegistry(sql: Sql, message: RegistryImportedMessage, requestId: string) {
  const who = await contextOfRequester(sql, message.requestedBy, preventionPermissions.sendPlan);
  return withCaller(sql, { ...who, channel: 'file', requestId }, async (tx) => {
    const ctx = await openPreventionContext(tx);
    const exams = await tx<RegistryExamRow[]>`
      select idcase::text, person_id::text as "personId", smo_code as "smoCode", disp, rslt, refused,
             date_z_2::text as "dateZ2"
      from prevention.registry_exam_cases(${message.importId})`;
    const steps = stepsFromRegistry(exams);
    if (steps.length > 0) {
      const items: WriteItem<StepRecord, StepWrite>[] = steps.map((s) => ({
        record: {
          sourceId: s.sourceId,
          patient: {},
          kind: s.kind,
          step: s.step,
          date: s.date,
          method: 1,
        },
        facts: {
          personId: s.personId,
          smoCode: s.smoCode,
          year: Number(s.date.slice(0, 4)),
          rank: examSteps[s.step].rank,
          source: 'registry',
        },
        packageRef: null,
      }));
      await stepHandler.write(ctx, who, items);
    }
    const visits = await tx<
      (Omit<PolyclinicCaseRecord, 'patient' | 'doctorSnils'> & {
        personId: string;
        smoCode: string | null;
        doctorSnils: string | null;
      })[]
    >`
      select concat('reg:', idcase, ':', sl_id) as "sourceId", person_id::text as "personId",
             smo_code as "smoCode", date_1::text as "dateFrom", date_2::text as "dateTo", p_cel as purpose,
             ds1 as diagnosis, prvs::int as specialty, iddokt as "doctorSnils", 1 as visits
      from prevention.registry_polyclinic_cases(${message.importId})`;
    if (visits.length > 0) {
      const items: WriteItem<PolyclinicCaseRecord, ObservationWrite>[] = visits.map((v) => ({
        record: {
          sourceId: v.sourceId,
          patient: {},
          dateFrom: v.dateFrom,
          dateTo: v.dateTo,
          purpose: v.purpose,
          diagnosis: v.diagnosis,
          specialty: v.specialty,
          ...(v.doctorSnils ? { doctorSnils: v.doctorSnils } : {}),
          visits: 1,
        },
        facts: { personId: v.personId, smoCode: v.smoCode, source: 'registry' },
        packageRef: null,
      }));
      await polyclinicCaseHandler.write(ctx, who, items);
    }
    return { importId: message.importId, steps: steps.length, polyclinicCases: visits.length };
  });
}
