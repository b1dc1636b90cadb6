import { type EventView, type FeedName, readFeedPage } from '../../../shared/hospitalisation/db/feeds';
import { type HospMessageKind, processPackage } from '../../../shared/hospitalisation/db/process-package';
import type { AdmissionView, FreeBedsView, ReferralView } from '../../../shared/hospitalisation/db/views';
import { hospitalizationServiceWsdl } from '../../../shared/hospitalisation/formats/hospitalization-service.wsdl';
import { hospitalisationPermissions } from '../../../shared/hospitalisation/permissions';
import { can } from '../../../shared/platform/access/permissions';
import type { AccessContext } from '../../../shared/platform/access/scoped';
import { RejectedByChannel } from '../../../shared/platform/exchange/protocol';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { getPorts } from '../../../shared/platform/ports/ports';
import { type SoapCall, soapHandler, soapRecords } from '../../lib/soap';
import { protocolToSoap } from '../../lib/soap-protocol';
import { soapText } from '../../lib/soap-values';
import { feedOptions } from './feed-request';
import {
  admissionFromSoap,
  cancellationFromSoap,
  dischargeFromSoap,
  freeBedsFromSoap,
  headerFromSoap,
  movementFromSoap,
  planLineFromSoap,
  referralFromSoap,
  type Xml,
} from './records-from-soap';
import { admissionToSoap, eventToSoap, freeBedsToSoap, referralToSoap } from './views-to-soap';

/**
 * One Send… operation: the header and the records in canonical shape go to the package service, which checks
 * the sender and its entitlement, runs the FLK per record and stores the valid ones. A refused package is a
 * Fault with its code; a record's mistakes are in the protocol — also a record whose XML does not fit its
 * WSDL type (an unknown or repeated element …): it goes to the package service as `RejectedByChannel` with
 * its structure issues, which rejects it (counted in the package and its stored protocol, nothing stored).
 */
function send(kind: HospMessageKind, element: string, toRecord: (record: Xml) => unknown) {
  return async (args: Xml, call: SoapCall) => {
    const { records, issues } = soapRecords(call, args, element);
    const protocol = await processPackage(
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

/** One page of a feed in the caller's scope; a cursor that is not one of ours is a Fault for the request. */
async function feed<T>(
  call: SoapCall,
  feedName: FeedName,
  args: Xml,
  withSent: boolean,
): Promise<{ items: T[]; next: string }> {
  const who: AccessContext = call.caller;
  if (!can(who, hospitalisationPermissions.read)) {
    throw Refusal.forbidden('Учётной записи не разрешено чтение сведений о госпитализации');
  }
  const options = feedOptions(args, withSent);
  const page = await readFeedPage(await getPorts().sql(), who, feedName, options);
  return { items: page.items as T[], next: page.nextCursor };
}

/**
 * SOAP `HospitalizationService` (issue 4): МО systems send referrals, cancellations, admissions, movements,
 * discharges, free beds and plans in packages answered with the per-record FLK protocol (an СМО may send
 * cancellations); receivers read referrals addressed to them, admissions of their referrals, their insured
 * persons' events (СМО) and the region's free beds by a "changed since" cursor. Row-level security scopes
 * every read, and every read is audited by the feed.
 */
export const handler = soapHandler({
  service: 'HospitalizationService',
  port: 'HospitalizationPort',
  wsdl: hospitalizationServiceWsdl,
  operations: {
    SendReferrals: send('referral', 'Referral', referralFromSoap),
    SendCancellations: send('cancellation', 'Cancellation', cancellationFromSoap),
    SendPlannedAdmissions: send('admission', 'Admission', admissionFromSoap('planned')),
    SendEmergencyAdmissions: send('admission', 'Admission', admissionFromSoap('emergency')),
    SendDischarges: send('discharge', 'Discharge', dischargeFromSoap),
    SendMovements: send('movement', 'Movement', movementFromSoap),
    SendFreeBeds: send('free-beds', 'FreeBeds', freeBedsFromSoap),
    SendHospitalisationPlan: send('plan', 'PlanLine', planLineFromSoap),

    async GetReferrals(args, call) {
      const page = await feed<ReferralView>(call, 'referrals', args, true);
      return { Referral: page.items.map(referralToSoap), NextCursor: page.next };
    },
    async GetAdmissions(args, call) {
      const page = await feed<AdmissionView>(call, 'admissions', args, true);
      return { Admission: page.items.map(admissionToSoap), NextCursor: page.next };
    },
    async GetInsuredEvents(args, call) {
      if (call.caller.orgKind === 'MO') {
        throw Refusal.forbidden('События застрахованных лиц доступны СМО и ТФОМС');
      }
      const page = await feed<EventView>(call, 'events', args, false);
      return { Event: page.items.map(eventToSoap), NextCursor: page.next };
    },
    async GetFreeBeds(args, call) {
      const page = await feed<FreeBedsView>(call, 'free-beds', args, false);
      return { FreeBeds: page.items.map(freeBedsToSoap), NextCursor: page.next };
    },
  },
});
