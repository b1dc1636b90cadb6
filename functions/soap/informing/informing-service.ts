import {
  type InformingMessageKind,
  processInformingPackage,
} from '../../../shared/informing/db/process-package';
import { informingTimeliness } from '../../../shared/informing/db/request-queries';
import { requestFeed, resultFeed } from '../../../shared/informing/db/soap-feeds';
import { informingServiceWsdl } from '../../../shared/informing/formats/informing-service.wsdl';
import { informingPermissions } from '../../../shared/informing/permissions';
import { can } from '../../../shared/platform/access/permissions';
import { RejectedByChannel } from '../../../shared/platform/exchange/protocol';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { getPorts } from '../../../shared/platform/ports/ports';
import { type SoapCall, soapDb, soapHandler, soapRecords } from '../../lib/soap';
import { protocolToSoap } from '../../lib/soap-protocol';
import { soapText } from '../../lib/soap-values';
import { feedOptions, periodOptions } from './read-request';
import { headerFromSoap, requestFromSoap, resultFromSoap, type Xml } from './records-from-soap';
import { requestToSoap, resultToSoap, timelinessToSoap } from './views-to-soap';

/**
 * One Send… operation: the header and the records in canonical shape go to the package service, which checks
 * the sender and its entitlement (an МО sends requests, an СМО results), runs the FLK per record and stores the
 * valid ones. A refused package is a Fault with its code; a record's mistakes are in the protocol — also a record
 * whose XML does not fit its WSDL type (an unknown or repeated element …): it goes to the package service as
 * `RejectedByChannel` with its structure issues, which rejects it (counted in the package and its stored
 * protocol, nothing stored).
 */
function send(kind: InformingMessageKind, element: string, toRecord: (record: Xml) => unknown) {
  return async (args: Xml, call: SoapCall) => {
    const { records, issues } = soapRecords(call, args, element);
    const protocol = await processInformingPackage(
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

/** A read refused before anything is read when the account's role may not read informing. */
function allowRead(call: SoapCall): void {
  if (!can(call.caller, informingPermissions.read)) {
    throw Refusal.forbidden('Учётной записи не разрешено чтение сведений об информировании');
  }
}

/**
 * SOAP `InformingService` (issue 14, docs/design/informing-exchange.md "Channels"): МО systems send informing
 * requests and СМО systems informing results in packages answered with the per-record FLK protocol; the СМО reads
 * the requests routed to it, the МО those it sent and the results of them, the fund all, by a "changed since"
 * cursor, and the timeliness per СМО of a period. Row-level security scopes every read; reads of personal data are
 * audited.
 */
export const handler = soapHandler({
  service: 'InformingService',
  port: 'InformingPort',
  wsdl: informingServiceWsdl,
  operations: {
    SendRequests: send('request', 'Request', requestFromSoap),
    SendResults: send('result', 'Result', resultFromSoap),

    async GetRequests(args, call) {
      allowRead(call);
      const options = feedOptions(args);
      const page = await soapDb(call, (tx) => requestFeed(tx, call.caller, options));
      return { Request: page.items.map(requestToSoap), NextCursor: page.nextCursor };
    },
    async GetResults(args, call) {
      allowRead(call);
      const options = feedOptions(args);
      const page = await soapDb(call, (tx) => resultFeed(tx, call.caller, options));
      return { Result: page.items.map(resultToSoap), NextCursor: page.nextCursor };
    },
    async GetTimeliness(args, call) {
      allowRead(call);
      const period = periodOptions(args);
      const rows = await soapDb(call, (tx) => informingTimeliness(tx, period));
      return { Smo: rows.map(timelinessToSoap) };
    },
  },
});
