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
