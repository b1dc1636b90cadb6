import {
  buildWsdl,
  feedElements,
  flkErrorXsd,
  packageHeaderXsd,
  packageProtocolXsd,
  packageSendElements,
  patientXsd,
} from '../../platform/formats/soap/wsdl';

/**
 * WSDL of ConsultationService (SOAP 1.1, document/literal, XSD inline, never fetched): the telemedicine
 * consultations of issue 14 (DOMAIN §2.8 `TelemedConsultation`, docs/design/informing-exchange.md "Areas") — the
 * requesting МО sends its requests, the consulting МО its conclusions; the consultations are read by a "changed
 * since" cursor (an МО those it asked for or was asked, an СМО its insured persons', the fund all), each with its
 * conclusion once done. Element names mirror the canonical records (shared/consultation/domain/records.ts) in
 * PascalCase; the person is named as in InformingService (`Patient`: Enp, or Snils, or Fam + Im + BirthDate).
 * Every write carries the package header and answers with the per-record FLK protocol.
 */
const ns = 'urn:omslink:consultation:1';

/** Writes: operation → [record element, record type]. */
const sends = [
  ['SendRequests', 'Request', 'ConsultationRequest'],
  ['SendConclusions', 'Conclusion', 'ConsultationConclusion'],
] as const;

/** Feeds: operation → [item element, item type, extra request elements]. */
const feeds = [['GetConsultations', 'Consultation', 'ConsultationInfo', '']] as const;

/** Most records in one package, as the package service accepts (consultationExchange.maxRecords). */
const maxRecordsPerPackage = 1000;

const sendElements = packageSendElements(sends, maxRecordsPerPackage);

const feedRequests = feedElements(feeds);

const operations = [...sends.map(([op]) => op), ...feeds.map(([op]) => op)];

/** What each write's record holds (the canonical records). */
const recordTypes = `${patientXsd}
      <xs:complexType name="ConsultationRequest">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="Patient" type="tns:Patient"/>
          <xs:element name="RequestingMoCode" type="xs:string"/>
          <xs:element name="ConsultingMoCode" type="xs:string"/>
          <xs:element name="Type" type="xs:int"/>
          <xs:element name="Urgency" type="xs:int" minOccurs="0"/>
          <xs:element name="RequestDate" type="xs:date"/>
          <xs:element name="Diagnosis" type="xs:string"/>
          <xs:element name="Specialty" type="xs:int" minOccurs="0"/>
          <xs:element name="Question" type="xs:string" minOccurs="0"/>
          <xs:element name="ReferralNumber" type="xs:string" minOccurs="0"/>
          <xs:element name="Cancelled" type="xs:boolean" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="ConsultationRef">
        <xs:sequence>
          <xs:element name="RequestingMoCode" type="xs:string"/>
          <xs:element name="SourceId" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="ConsultationConclusion">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="Request" type="tns:ConsultationRef"/>
          <xs:element name="ConsultDate" type="xs:date"/>
          <xs:element name="Diagnosis" type="xs:string" minOccurs="0"/>
          <xs:element name="Conclusion" type="xs:string"/>
          <xs:element name="Recommendations" type="xs:string" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>`;

/** What the feed answers: the stored consultation with our id, the person as the register knows them, the cursor. */
const infoTypes = `
      <xs:complexType name="PersonInfo">
        <xs:sequence>
          <xs:element name="PersonId" type="xs:string"/>
          <xs:element name="Enp" type="xs:string" minOccurs="0"/>
          <xs:element name="Fam" type="xs:string"/>
          <xs:element name="Im" type="xs:string"/>
          <xs:element name="Ot" type="xs:string" minOccurs="0"/>
          <xs:element name="BirthDate" type="xs:date"/>
          <xs:element name="Sex" type="xs:int"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="ConclusionInfo">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="ConsultDate" type="xs:date"/>
          <xs:element name="Diagnosis" type="xs:string" minOccurs="0"/>
          <xs:element name="Conclusion" type="xs:string"/>
          <xs:element name="Recommendations" type="xs:string" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="ConsultationInfo">
        <xs:sequence>
          <xs:element name="Id" type="xs:string"/>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="RequestingMoCode" type="xs:string"/>
          <xs:element name="RequestingMoName" type="xs:string" minOccurs="0"/>
          <xs:element name="ConsultingMoCode" type="xs:string"/>
          <xs:element name="ConsultingMoName" type="xs:string" minOccurs="0"/>
          <xs:element name="Patient" type="tns:PersonInfo"/>
          <xs:element name="SmoCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Type" type="xs:int"/>
          <xs:element name="Urgency" type="xs:int"/>
          <xs:element name="RequestDate" type="xs:date"/>
          <xs:element name="Diagnosis" type="xs:string"/>
          <xs:element name="Specialty" type="xs:int" minOccurs="0"/>
          <xs:element name="Question" type="xs:string" minOccurs="0"/>
          <xs:element name="ReferralNumber" type="xs:string" minOccurs="0"/>
          <xs:element name="Status" type="xs:string"/>
          <xs:element name="Conclusion" type="tns:ConclusionInfo" minOccurs="0"/>
          <xs:element name="ChangeSeq" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>`;


export const consultationServiceWsdl = buildWsdl({
  service: 'ConsultationService',
  prefix: 'Consultation',
  namespace: ns,
  documentation:
    'Телемедицинские консультации omslink: запросы на консультацию от запрашивающей МО (SendRequests; повторная передача с тем же SourceId изменяет запрос, Cancelled=true отменяет его) и заключения консультирующей МО (SendConclusions; запрос называется кодом запрашивающей МО и её SourceId); инкрементальное чтение консультаций по курсору ChangedSince (GetConsultations: МО — запрошенные ею и адресованные ей, СМО — её застрахованных лиц, ТФОМС — все) с заключением, когда консультация проведена. Type: 1 врач — врач, 2 врач — пациент; Urgency: 1 плановая, 2 неотложная, 3 экстренная; Diagnosis — код МКБ-10 на дату запроса; Specialty — код V021; Status: requested, done, cancelled.',
  operations,
  schema: `${packageHeaderXsd}${flkErrorXsd}${packageProtocolXsd}${recordTypes}${infoTypes}${sendElements}${feedRequests}`,
});
