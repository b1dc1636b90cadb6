import type { Permission } from '../../../shared/platform/access/permissions';
import { can } from '../../../shared/platform/access/permissions';
import { RejectedByChannel } from '../../../shared/platform/exchange/protocol';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { getPorts } from '../../../shared/platform/ports/ports';
import { dueList, preventionFunnel } from '../../../shared/prevention/db/funnel-queries';
import {
  type PreventionMessageKind,
  processPreventionPackage,
} from '../../../shared/prevention/db/process-package';
import {
  dispensaryFeed,
  planEntryFeed,
  polyclinicCaseFeed,
  scheduleFeed,
} from '../../../shared/prevention/db/soap-feeds';
import { preventionServiceWsdl } from '../../../shared/prevention/formats/prevention-service.wsdl';
import { preventionPermissions } from '../../../shared/prevention/permissions';
import { type SoapCall, soapDb, soapHandler, soapRecords } from '../../lib/soap';
import { protocolToSoap } from '../../lib/soap-protocol';
import { soapText } from '../../lib/soap-values';
import {
  codeElement,
  feedOptions,
  kindElement,
  monthElement,
  pageOptions,
  yearElement,
} from './read-request';
import {
  contactFromSoap,
  dispensaryFromSoap,
  headerFromSoap,
  planEntryFromSoap,
  planVolumeFromSoap,
  polyclinicCaseFromSoap,
  scheduleSlotFromSoap,
  stepFromSoap,
  type Xml,
} from './records-from-soap';
import {
  dispensaryToSoap,
  dueEntryToSoap,
  funnelToSoap,
  planEntryToSoap,
  polyclinicCaseToSoap,
  slotToSoap,
} from './views-to-soap';

/**
 * One Send… operation: the header and the records in canonical shape go to the package service, which checks
 * the sender and its entitlement, runs the FLK per record and stores the valid ones. A refused package is a
 * Fault with its code; a record's mistakes are in the protocol — also a record whose XML does not fit its WSDL
 * type (an unknown or repeated element …): it goes to the package service as `RejectedByChannel` with its
 * structure issues, which rejects it (counted in the package and its stored protocol, nothing stored).
 */
function send(kind: PreventionMessageKind, element: string, toRecord: (record: Xml) => unknown) {
  return async (args: Xml, call: SoapCall) => {
    const { records, issues } = soapRecords(call, args, element);
    const protocol = await processPreventionPackage(
      await getPorts().sql(),
      call.caller,
      kind,
      headerFromSoap(args.Header),
      records.map((record, i) =>
        issues[i]!.length > 0
          ? new RejectedByChannel(soapText(record.SourceId) ?? null, issues[i]!)
          : toRecord(record),
      ),
    );
    return protocolToSoap(protocol);
  };
}

/** A read refused before anything is read when the account's role may not read it. */
function allow(call: SoapCall, permission: Permission, what: string): void {
  if (!can(call.caller, permission)) throw Refusal.forbidden(`Учётной записи не разрешено чтение ${what}`);
}

const planText = 'планов профилактических мероприятий и диспансерного наблюдения';

/**
 * SOAP `PreventionService` (issue 13, docs/design/prevention-exchange.md "Channels"): МО systems publish exam
 * schedules and contact phones and send plan lists, plan volumes, participation steps, dispensary observations (ДН) and
 * polyclinic cases in packages answered with the per-record FLK protocol; every system reads the schedules, and
 * the МО, the СМО (its insured persons) and ТФОМС read plan entries, ДН and polyclinic cases by a "changed
 * since" cursor, the due list of a month and the funnel. Row-level security scopes every read; reads of
 * personal data are audited.
 */
export const handler = soapHandler({
  service: 'PreventionService',
  port: 'PreventionPort',
  wsdl: preventionServiceWsdl,
  operations: {
    SendSchedule: send('schedule-slot', 'ScheduleSlot', scheduleSlotFromSoap),
    SendContacts: send('contact', 'Contact', contactFromSoap),
    SendPlanList: send('plan-entry', 'PlanEntry', planEntryFromSoap),
    SendSteps: send('step', 'Step', stepFromSoap),
    SendPlanVolumes: send('plan-volume', 'PlanVolume', planVolumeFromSoap),
    SendDispensary: send('dispensary', 'Dispensary', dispensaryFromSoap),
    SendPolyclinicCases: send('polyclinic-case', 'PolyclinicCase', polyclinicCaseFromSoap),

    async GetSchedules(args, call) {
      allow(call, preventionPermissions.readSchedule, 'графиков медосмотров');
      const options = { ...feedOptions(args), moCode: codeElement(args, 'MoCode') };
      const page = await soapDb(call, (tx) => scheduleFeed(tx, options));
      return { ScheduleSlot: page.items.map(slotToSoap), NextCursor: page.nextCursor };
    },
    async GetPlanList(args, call) {
      allow(call, preventionPermissions.readPlan, planText);
      const options = { ...feedOptions(args), year: yearElement(args, true), kind: kindElement(args, true) };
      const page = await soapDb(call, (tx) => planEntryFeed(tx, call.caller, options));
      return { PlanEntry: page.items.map(planEntryToSoap), NextCursor: page.nextCursor };
    },
    async GetDispensary(args, call) {
      allow(call, preventionPermissions.readPlan, planText);
      const options = feedOptions(args);
      const page = await soapDb(call, (tx) => dispensaryFeed(tx, call.caller, options));
      return { Dispensary: page.items.map(dispensaryToSoap), NextCursor: page.nextCursor };
    },
    async GetPolyclinicCases(args, call) {
      allow(call, preventionPermissions.readPlan, planText);
      const options = feedOptions(args);
      const page = await soapDb(call, (tx) => polyclinicCaseFeed(tx, call.caller, options));
      return { PolyclinicCase: page.items.map(polyclinicCaseToSoap), NextCursor: page.nextCursor };
    },
    async GetDueList(args, call) {
      allow(call, preventionPermissions.readPlan, planText);
      const query = { month: monthElement(args), kind: kindElement(args, true), ...pageOptions(args) };
      const page = await soapDb(call, (tx) => dueList(tx, query));
      return {
        Entry: page.items.map(dueEntryToSoap),
        Page: query.page,
        PageSize: query.pageSize,
        HasMore: page.hasMore,
      };
    },
    async GetFunnel(args, call) {
      allow(call, preventionPermissions.readPlan, planText);
      const query = {
        year: yearElement(args),
        kind: kindElement(args),
        moCode: codeElement(args, 'MoCode'),
        districtCode: codeElement(args, 'DistrictCode'),
      };
      return funnelToSoap(query, await soapDb(call, (tx) => preventionFunnel(tx, query)));
    },
  },
});
