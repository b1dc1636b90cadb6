import {
  type ConsultationMessageKind,
  processConsultationPackage,
} from '../../../shared/consultation/db/process-package';
import { consultationFeed } from '../../../shared/consultation/db/soap-feeds';
import { consultationServiceWsdl } from '../../../shared/consultation/formats/consultation-service.wsdl';
import { consultationPermissions } from '../../../shared/consultation/permissions';
import { can } from '../../../shared/platform/access/permissions';
import { RejectedByChannel } from '../../../shared/platform/exchange/protocol';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { getPorts } from '../../../shared/platform/ports/ports';
import { type SoapCall, soapDb, soapHandler, soapRecords } from '../../lib/soap';
import { protocolToSoap } from '../../lib/soap-protocol';
import { soapText } from '../../lib/soap-values';
import { feedOptions } from './read-request';
import {
  conclusionFromSoap,
  consultationRequestFromSoap,
  headerFromSoap,
  type Xml,
} from './records-from-soap';
import { consultationToSoap } from './views-to-soap';

/**
 * One Send… operation: the header and the records in canonical shape go to the package service, which checks the
 * sender and its entitlement (an МО sends requests and conclusions), runs the FLK per record and stores the valid
 * ones. A refused package is a Fault with its code; a record's mistakes are in the protocol — also a record whose
 * XML does not fit its WSDL type (an unknown or repeated element …): it goes to the package service as
 * `RejectedByChannel` with its structure issues, which rejects it (counted in the package and its stored
 * protocol, nothing stored).
 */
function send(kind: ConsultationMessageKind, element: string, toRecord: (record: Xml) => unknown) {
  return async (args: Xml, call: SoapCall) => {
    const { records, issues } = soapRecords(call, args, element);
    const protocol = await processConsultationPackage(
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

/**
 * SOAP `ConsultationService` (issue 14, DOMAIN §2.8): the requesting МО's system sends consultation requests and
 * the consulting МО's its conclusions, in packages answered with the per-record FLK protocol; an МО reads the
 * consultations it asked for and those it was asked, an СМО its insured persons', the fund all, by a "changed
 * since" cursor. Row-level security scopes every read; reads of personal data are audited.
 */
export const handler = soapHandler({
  service: 'ConsultationService',
  port: 'ConsultationPort',
  wsdl: consultationServiceWsdl,
  operations: {
    SendRequests: send('request', 'Request', consultationRequestFromSoap),
    SendConclusions: send('conclusion', 'Conclusion', conclusionFromSoap),

    async GetConsultations(args, call) {
      if (!can(call.caller, consultationPermissions.read)) {
        throw Refusal.forbidden('Учётной записи не разрешено чтение телемедицинских консультаций');
      }
      const options = feedOptions(args);
      const page = await soapDb(call, (tx) => consultationFeed(tx, call.caller, options));
      return { Consultation: page.items.map(consultationToSoap), NextCursor: page.nextCursor };
    },
  },
});
