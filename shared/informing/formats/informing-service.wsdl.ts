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
 * WSDL of InformingService (SOAP 1.1, document/literal, XSD inline, never fetched): the informing exchange of
 * issue 14 (docs/design/informing-exchange.md, "Channels") — informing requests sent by МО systems, informing
 * results sent by СМО systems; the requests and results read by a "changed since" cursor (the СМО its routed
 * requests and its results, the МО its sent requests and their results, the fund all) and the timeliness per СМО.
 * Element names mirror the canonical records (shared/informing/domain/records.ts) in PascalCase; the person is
 * named as in PreventionService (`Patient`: Enp, or Snils, or Fam + Im + BirthDate). Every write carries the
 * package header and answers with the per-record FLK protocol.
 */
const ns = 'urn:omslink:informing:1';

/** Writes: operation → [record element, record type]. */
const sends = [
  ['SendRequests', 'Request', 'InformingRequest'],
  ['SendResults', 'Result', 'InformingResult'],
] as const;

/** Feeds: operation → [item element, item type, extra request elements]. */
const feeds = [
  ['GetRequests', 'Request', 'RequestInfo', ''],
  ['GetResults', 'Result', 'ResultInfo', ''],
] as const;

/** Most records in one package, as the package service accepts (the SOAP body is capped at 5 MB anyway). */
const maxRecordsPerPackage = 5000;

const sendElements = packageSendElements(sends, maxRecordsPerPackage);

const feedRequests = feedElements(feeds);

/** The timeliness of a period per СМО (counts only). */
const readElements = `
      <xs:element name="GetTimelinessRequest">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="From" type="xs:date"/>
            <xs:element name="To" type="xs:date"/>
            <xs:element name="Reason" type="xs:string" minOccurs="0"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetTimelinessResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Smo" type="tns:SmoTimeliness" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>`;

const operations = [...sends.map(([op]) => op), ...feeds.map(([op]) => op), 'GetTimeliness'];

/** What each write's record holds (canonical records, docs/design/informing-exchange.md "Message kinds"). */
const recordTypes = `${patientXsd}
      <xs:complexType name="InformingRequest">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="Patient" type="tns:Patient"/>
          <xs:element name="Reason" type="xs:string"/>
          <xs:element name="Primary" type="xs:int" minOccurs="0"/>
          <xs:element name="WindowFrom" type="xs:date" minOccurs="0"/>
          <xs:element name="WindowTo" type="xs:date" minOccurs="0"/>
          <xs:element name="Deadline" type="xs:date"/>
          <xs:element name="MoCode" type="xs:string" minOccurs="0"/>
          <xs:element name="DistrictCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Comment" type="xs:string" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="RequestRef">
        <xs:sequence>
          <xs:element name="SenderCode" type="xs:string"/>
          <xs:element name="SourceId" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="InformingResult">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="RequestId" type="xs:string" minOccurs="0"/>
          <xs:element name="Request" type="tns:RequestRef" minOccurs="0"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="Method" type="xs:int"/>
          <xs:element name="Step" type="xs:int"/>
          <xs:element name="Outcome" type="xs:int"/>
          <xs:element name="Operator" type="xs:string" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>`;

/** What the reads answer: the stored records with our id, the person as the register knows them, the cursor. */
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
      <xs:complexType name="RequestInfo">
        <xs:sequence>
          <xs:element name="Id" type="xs:string"/>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="SenderCode" type="xs:string"/>
          <xs:element name="Patient" type="tns:PersonInfo"/>
          <xs:element name="SmoCode" type="xs:string"/>
          <xs:element name="Reason" type="xs:string"/>
          <xs:element name="Primary" type="xs:int"/>
          <xs:element name="RequestDate" type="xs:date"/>
          <xs:element name="WindowFrom" type="xs:date" minOccurs="0"/>
          <xs:element name="WindowTo" type="xs:date" minOccurs="0"/>
          <xs:element name="Deadline" type="xs:date"/>
          <xs:element name="MoCode" type="xs:string" minOccurs="0"/>
          <xs:element name="DistrictCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Comment" type="xs:string" minOccurs="0"/>
          <xs:element name="Status" type="xs:string"/>
          <xs:element name="ClosedOn" type="xs:date" minOccurs="0"/>
          <xs:element name="Attempts" type="xs:int"/>
          <xs:element name="Overdue" type="xs:boolean"/>
          <xs:element name="Generated" type="xs:boolean"/>
          <xs:element name="ChangeSeq" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="ResultInfo">
        <xs:sequence>
          <xs:element name="Id" type="xs:string"/>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="SmoCode" type="xs:string"/>
          <xs:element name="RequestId" type="xs:string"/>
          <xs:element name="Request" type="tns:RequestRef"/>
          <xs:element name="Patient" type="tns:PersonInfo"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="Method" type="xs:int"/>
          <xs:element name="Step" type="xs:int"/>
          <xs:element name="Outcome" type="xs:int"/>
          <xs:element name="Operator" type="xs:string" minOccurs="0"/>
          <xs:element name="ChangeSeq" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="SmoTimeliness">
        <xs:sequence>
          <xs:element name="SmoCode" type="xs:string"/>
          <xs:element name="SmoName" type="xs:string"/>
          <xs:element name="Requests" type="xs:int"/>
          <xs:element name="Closed" type="xs:int"/>
          <xs:element name="InformedOnTime" type="xs:int"/>
          <xs:element name="InformedLate" type="xs:int"/>
          <xs:element name="Overdue" type="xs:int"/>
          <xs:element name="OnTimeShare" type="xs:decimal" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>`;


export const informingServiceWsdl = buildWsdl({
  service: 'InformingService',
  prefix: 'Informing',
  namespace: ns,
  documentation:
    'Информирование застрахованных лиц omslink: заявки на информирование от МО (SendRequests) и результаты информирования от СМО (SendResults); инкрементальное чтение по курсору ChangedSince заявок (GetRequests: СМО — направленные ей, МО — отправленные ею, ТФОМС — все) и результатов (GetResults: СМО — свои, МО — по своим заявкам, ТФОМС — все); своевременность информирования по СМО за период (GetTimeliness). Причины Reason: PMO, DVN1, DVN2, UDVN, DN, HOSP_PLANNED, ONCO, OTHER; Primary: 1 первичное, 2 повторное; способ Method 1–7 (SMS, e-mail, телефон, почта, прочее, ЕПГУ, мессенджер); шаг Step 1–4; результат Outcome 1–5 (1, 2 и 5 закрывают заявку). Результат называет заявку её идентификатором RequestId или отправителем и идентификатором отправителя (Request).',
  operations,
  schema: `${packageHeaderXsd}${flkErrorXsd}${packageProtocolXsd}${recordTypes}${infoTypes}${sendElements}${feedRequests}${readElements}`,
});
