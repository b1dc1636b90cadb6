import type { ErzImportResult } from '../../../shared/person/db/erz-import';
import type { FlkIssue } from '../../../shared/platform/flk/issue';
import { soapDate, soapInt, soapList, soapText } from '../../lib/soap-values';

type Xml = Record<string, unknown>;

const orNull = <T>(v: T | undefined) => (v === undefined ? null : v);

/**
 * A SOAP `ErzPerson` element in the canonical `ErzPerson` shape (shared/domain/erz/erz-person.ts). Nothing is
 * validated here: the import's FLK checks every record and answers per record, so one bad person never turns
 * the package into a Fault.
 */
export function erzPersonFromSoap(p: Xml, ordinal: number): unknown {
  return {
    recordId: soapText(p.RecordId) ?? String(ordinal),
    enp: soapText(p.Enp) ?? '',
    snils: orNull(soapText(p.Snils)),
    fam: soapText(p.Fam) ?? '',
    im: soapText(p.Im) ?? '',
    ot: orNull(soapText(p.Ot)),
    sex: soapInt(p.Sex),
    birthDate: soapDate(p.BirthDate),
    phone: orNull(soapText(p.Phone)),
    documents: soapList(p.Document as Xml | Xml[]).map((d) => ({
      docType: soapInt(d.DocType),
      docSer: orNull(soapText(d.DocSer)),
      docNum: soapText(d.DocNum) ?? '',
      docDate: orNull(soapDate(d.DocDate)),
    })),
    policies: soapList(p.Policy as Xml | Xml[]).map((x) => ({
      policyType: soapInt(x.PolicyType),
      series: orNull(soapText(x.Series)),
      number: soapText(x.Number) ?? '',
      smoCode: soapText(x.SmoCode) ?? '',
      dateBeg: soapDate(x.DateBeg),
      dateEnd: orNull(soapDate(x.DateEnd)),
      closeReason: orNull(soapText(x.CloseReason)),
    })),
    attachments: soapList(p.Attachment as Xml | Xml[]).map((a) => ({
      moCode: soapText(a.MoCode) ?? '',
      districtCode: soapText(a.DistrictCode) ?? '',
      doctorSnils: soapText(a.DoctorSnils) ?? '',
      dateBeg: soapDate(a.DateBeg),
      dateEnd: orNull(soapDate(a.DateEnd)),
    })),
  };
}

/**
 * The import's result with the structure issues of the persons whose XML did not fit the WSDL's `ErzPerson`
 * (`soapRecords`): the import rejected them as `null` (one format finding on the record as a whole); the sender
 * learns what to fix instead, with the person's RecordId. Accepted records keep their outcome.
 */
export function withStructureFindings(
  result: ErzImportResult,
  persons: readonly Xml[],
  issues: readonly (readonly FlkIssue[])[],
): ErzImportResult {
  return {
    ...result,
    protocol: result.protocol.map((r) => {
      const own = issues[r.ordinal - 1];
      if (!own?.length || r.status !== 'rejected') return r;
      const sent = persons[r.ordinal - 1]?.RecordId;
      return {
        ...r,
        recordId: r.recordId ?? (typeof sent === 'string' ? (soapText(sent)?.slice(0, 64) ?? null) : null),
        findings: [...own],
      };
    }),
  };
}
