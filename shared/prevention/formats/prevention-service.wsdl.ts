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
 * WSDL of PreventionService (SOAP 1.1, document/literal, XSD inline, never fetched): the prevention exchange of
 * issue 13 (docs/design/prevention-exchange.md, "Channels") — exam schedules and contact phones, plan lists,
 * plan volumes, participation steps, dispensary observation (ДН) and polyclinic cases sent by МО systems; the schedules, plan
 * entries, ДН and polyclinic cases read by a "changed since" cursor; the due list of a month and the funnel.
 * Element names mirror the canonical records (shared/prevention/domain/records.ts) in PascalCase; the person is
 * named as in HospitalizationService (`Patient`: Enp, or Snils, or Fam + Im + BirthDate). Every write carries
 * the package header and answers with the per-record FLK protocol.
 */
const ns = 'urn:omslink:prevention:1';

/** Writes: operation → [record element, record type]. */
const sends = [
  ['SendSchedule', 'ScheduleSlot', 'ScheduleSlot'],
  ['SendContacts', 'Contact', 'Contact'],
  ['SendPlanList', 'PlanEntry', 'PlanEntry'],
  ['SendPlanVolumes', 'PlanVolume', 'PlanVolume'],
  ['SendSteps', 'Step', 'Step'],
  ['SendDispensary', 'Dispensary', 'Dispensary'],
  ['SendPolyclinicCases', 'PolyclinicCase', 'PolyclinicCase'],
] as const;

/** Feeds: operation → [item element, item type, extra request elements]. */
const feeds = [
  [
    'GetSchedules',
    'ScheduleSlot',
    'ScheduleSlotInfo',
    '<xs:element name="MoCode" type="xs:string" minOccurs="0"/>',
  ],
  [
    'GetPlanList',
    'PlanEntry',
    'PlanEntryInfo',
    '<xs:element name="Year" type="xs:int" minOccurs="0"/>\n            <xs:element name="Kind" type="xs:string" minOccurs="0"/>',
  ],
  ['GetDispensary', 'Dispensary', 'DispensaryInfo', ''],
  ['GetPolyclinicCases', 'PolyclinicCase', 'PolyclinicCaseInfo', ''],
] as const;

/** Most records in one package, as the package service accepts (the SOAP body is capped at 5 MB anyway). */
const maxRecordsPerPackage = 5000;

const sendElements = packageSendElements(sends, maxRecordsPerPackage);

const feedRequests = feedElements(feeds);

/** The due list (a page of a worklist, not a feed) and the funnel (counts only). */
const readElements = `
      <xs:element name="GetDueListRequest">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Month" type="xs:string"/>
            <xs:element name="Kind" type="xs:string" minOccurs="0"/>
            <xs:element name="Page" type="xs:int" minOccurs="0"/>
            <xs:element name="PageSize" type="xs:int" minOccurs="0"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetDueListResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Entry" type="tns:DueEntry" minOccurs="0" maxOccurs="unbounded"/>
            <xs:element name="Page" type="xs:int"/>
            <xs:element name="PageSize" type="xs:int"/>
            <xs:element name="HasMore" type="xs:boolean"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetFunnelRequest">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Year" type="xs:int"/>
            <xs:element name="Kind" type="xs:string"/>
            <xs:element name="MoCode" type="xs:string" minOccurs="0"/>
            <xs:element name="DistrictCode" type="xs:string" minOccurs="0"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetFunnelResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Funnel" type="tns:Funnel"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>`;

const operations = [...sends.map(([op]) => op), ...feeds.map(([op]) => op), 'GetDueList', 'GetFunnel'];

/** What each write's record holds (canonical records, docs/design/prevention-exchange.md "Message kinds"). */
const recordTypes = `${patientXsd}
      <xs:complexType name="ScheduleSlot">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="MoCode" type="xs:string"/>
          <xs:element name="Kind" type="xs:string"/>
          <xs:element name="DepartmentCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="TimeFrom" type="xs:string"/>
          <xs:element name="TimeTo" type="xs:string"/>
          <xs:element name="Method" type="xs:int"/>
          <xs:element name="Address" type="xs:string" minOccurs="0"/>
          <xs:element name="Capacity" type="xs:int" minOccurs="0"/>
          <xs:element name="Comment" type="xs:string" minOccurs="0"/>
          <xs:element name="Cancelled" type="xs:boolean" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Contact">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="MoCode" type="xs:string"/>
          <xs:element name="Phone" type="xs:string"/>
          <xs:element name="Comment" type="xs:string" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="PlanEntry">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="Patient" type="tns:Patient"/>
          <xs:element name="Year" type="xs:int"/>
          <xs:element name="Kind" type="xs:string"/>
          <xs:element name="Month" type="xs:int" minOccurs="0" maxOccurs="12"/>
          <xs:element name="Quarter" type="xs:int" minOccurs="0"/>
          <xs:element name="DistrictCode" type="xs:string" minOccurs="0"/>
          <xs:element name="DoctorSnils" type="xs:string" minOccurs="0"/>
          <xs:element name="Category" type="xs:int" minOccurs="0"/>
          <xs:element name="Phone" type="xs:string" minOccurs="0"/>
          <xs:element name="Comment" type="xs:string" minOccurs="0"/>
          <xs:element name="Withdrawn" type="xs:boolean" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="PlanVolume">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="Year" type="xs:int"/>
          <xs:element name="Month" type="xs:int"/>
          <xs:element name="Kind" type="xs:string"/>
          <xs:element name="Quantity" type="xs:int"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Step">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="Patient" type="tns:Patient"/>
          <xs:element name="Kind" type="xs:string"/>
          <xs:element name="Step" type="xs:int"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="Method" type="xs:int" minOccurs="0"/>
          <xs:element name="PreviousDate" type="xs:date" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Visit">
        <xs:sequence>
          <xs:element name="From" type="xs:date"/>
          <xs:element name="To" type="xs:date"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Dispensary">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="Patient" type="tns:Patient"/>
          <xs:element name="Diagnosis" type="xs:string"/>
          <xs:element name="DiagnosisDate" type="xs:date" minOccurs="0"/>
          <xs:element name="DateIn" type="xs:date"/>
          <xs:element name="DateOut" type="xs:date" minOccurs="0"/>
          <xs:element name="StatusIn" type="xs:int"/>
          <xs:element name="ReasonIn" type="xs:int" minOccurs="0"/>
          <xs:element name="ReasonOut" type="xs:int" minOccurs="0"/>
          <xs:element name="Specialty" type="xs:int"/>
          <xs:element name="DoctorSnils" type="xs:string" minOccurs="0"/>
          <xs:element name="MoAssign" type="xs:int" minOccurs="0"/>
          <xs:element name="Visit" type="tns:Visit" minOccurs="0" maxOccurs="52"/>
          <xs:element name="LastVisit" type="xs:date" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="PolyclinicCase">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="Patient" type="tns:Patient"/>
          <xs:element name="DateFrom" type="xs:date"/>
          <xs:element name="DateTo" type="xs:date"/>
          <xs:element name="Purpose" type="xs:string"/>
          <xs:element name="Diagnosis" type="xs:string"/>
          <xs:element name="Specialty" type="xs:int"/>
          <xs:element name="DoctorSnils" type="xs:string" minOccurs="0"/>
          <xs:element name="Visits" type="xs:int" minOccurs="0"/>
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
      <xs:complexType name="ScheduleSlotInfo">
        <xs:sequence>
          <xs:element name="Id" type="xs:string"/>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="MoCode" type="xs:string"/>
          <xs:element name="MoName" type="xs:string" minOccurs="0"/>
          <xs:element name="Kind" type="xs:string"/>
          <xs:element name="DepartmentCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="TimeFrom" type="xs:string"/>
          <xs:element name="TimeTo" type="xs:string"/>
          <xs:element name="Method" type="xs:int"/>
          <xs:element name="Address" type="xs:string" minOccurs="0"/>
          <xs:element name="Capacity" type="xs:int" minOccurs="0"/>
          <xs:element name="Comment" type="xs:string" minOccurs="0"/>
          <xs:element name="Cancelled" type="xs:boolean"/>
          <xs:element name="Evening" type="xs:boolean"/>
          <xs:element name="Saturday" type="xs:boolean"/>
          <xs:element name="Phone" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
          <xs:element name="ChangeSeq" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="PlanEntryInfo">
        <xs:sequence>
          <xs:element name="Id" type="xs:string"/>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="MoCode" type="xs:string"/>
          <xs:element name="Patient" type="tns:PersonInfo"/>
          <xs:element name="SmoCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Year" type="xs:int"/>
          <xs:element name="Kind" type="xs:string"/>
          <xs:element name="Month" type="xs:int" minOccurs="0" maxOccurs="12"/>
          <xs:element name="Quarter" type="xs:int" minOccurs="0"/>
          <xs:element name="DistrictCode" type="xs:string" minOccurs="0"/>
          <xs:element name="DoctorSnils" type="xs:string" minOccurs="0"/>
          <xs:element name="Category" type="xs:int"/>
          <xs:element name="Withdrawn" type="xs:boolean"/>
          <xs:element name="FurthestStep" type="xs:int" minOccurs="0"/>
          <xs:element name="FurthestStepDate" type="xs:date" minOccurs="0"/>
          <xs:element name="ChangeSeq" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="DispensaryInfo">
        <xs:sequence>
          <xs:element name="Id" type="xs:string"/>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="MoCode" type="xs:string"/>
          <xs:element name="Patient" type="tns:PersonInfo"/>
          <xs:element name="SmoCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Diagnosis" type="xs:string"/>
          <xs:element name="DiagnosisDate" type="xs:date" minOccurs="0"/>
          <xs:element name="DateIn" type="xs:date"/>
          <xs:element name="DateOut" type="xs:date" minOccurs="0"/>
          <xs:element name="StatusIn" type="xs:int"/>
          <xs:element name="ReasonIn" type="xs:int" minOccurs="0"/>
          <xs:element name="ReasonOut" type="xs:int" minOccurs="0"/>
          <xs:element name="Specialty" type="xs:int"/>
          <xs:element name="DoctorSnils" type="xs:string" minOccurs="0"/>
          <xs:element name="MoAssign" type="xs:int"/>
          <xs:element name="Visit" type="tns:Visit" minOccurs="0" maxOccurs="52"/>
          <xs:element name="LastVisit" type="xs:date" minOccurs="0"/>
          <xs:element name="OverdueFrom" type="xs:date" minOccurs="0"/>
          <xs:element name="ChangeSeq" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="PolyclinicCaseInfo">
        <xs:sequence>
          <xs:element name="Id" type="xs:string"/>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="MoCode" type="xs:string"/>
          <xs:element name="Patient" type="tns:PersonInfo"/>
          <xs:element name="SmoCode" type="xs:string" minOccurs="0"/>
          <xs:element name="DateFrom" type="xs:date"/>
          <xs:element name="DateTo" type="xs:date"/>
          <xs:element name="Purpose" type="xs:string"/>
          <xs:element name="Diagnosis" type="xs:string"/>
          <xs:element name="Specialty" type="xs:int"/>
          <xs:element name="DoctorSnils" type="xs:string" minOccurs="0"/>
          <xs:element name="Visits" type="xs:int"/>
          <xs:element name="Source" type="xs:string"/>
          <xs:element name="ChangeSeq" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="DueEntry">
        <xs:sequence>
          <xs:element name="Id" type="xs:string"/>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="MoCode" type="xs:string"/>
          <xs:element name="PersonId" type="xs:string"/>
          <xs:element name="Fio" type="xs:string"/>
          <xs:element name="BirthDate" type="xs:date"/>
          <xs:element name="Enp" type="xs:string" minOccurs="0"/>
          <xs:element name="SmoCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Year" type="xs:int"/>
          <xs:element name="Kind" type="xs:string"/>
          <xs:element name="Month" type="xs:int" minOccurs="0" maxOccurs="12"/>
          <xs:element name="Quarter" type="xs:int" minOccurs="0"/>
          <xs:element name="DistrictCode" type="xs:string" minOccurs="0"/>
          <xs:element name="DoctorSnils" type="xs:string" minOccurs="0"/>
          <xs:element name="Category" type="xs:int"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Funnel">
        <xs:sequence>
          <xs:element name="Year" type="xs:int"/>
          <xs:element name="Kind" type="xs:string"/>
          <xs:element name="MoCode" type="xs:string" minOccurs="0"/>
          <xs:element name="DistrictCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Planned" type="xs:int"/>
          <xs:element name="Started" type="xs:int"/>
          <xs:element name="FinishedStage1" type="xs:int"/>
          <xs:element name="SentToStage2" type="xs:int"/>
          <xs:element name="FinishedStage2" type="xs:int"/>
          <xs:element name="Refused" type="xs:int"/>
        </xs:sequence>
      </xs:complexType>`;


export const preventionServiceWsdl = buildWsdl({
  service: 'PreventionService',
  prefix: 'Prevention',
  namespace: ns,
  documentation:
    'Профилактические мероприятия и диспансерное наблюдение omslink: графики медосмотров и контактные телефоны МО, планы-списки, плановые объёмы, шаги участия, диспансерное наблюдение, случаи поликлинического обслуживания; инкрементальное чтение по курсору ChangedSince, список подлежащих на месяц (GetDueList, месяц ГГГГ-ММ) и воронка (GetFunnel). Виды мероприятий Kind: PMO, DVN, UDVN, DN.',
  operations,
  schema: `${packageHeaderXsd}${flkErrorXsd}${packageProtocolXsd}${recordTypes}${infoTypes}${sendElements}${feedRequests}${readElements}`,
});
