import {
  buildWsdl,
  feedElements,
  flkErrorXsd,
  packageHeaderXsd,
  packageProtocolXsd,
  packageSendElements,
} from '../../platform/formats/soap/wsdl';

/**
 * WSDL of HospitalizationService (SOAP 1.1, document/literal, XSD inline, never fetched): the hospitalisation
 * exchange of issue 4 — referrals, cancellations, planned and emergency admissions, movements, discharges, free
 * beds and hospitalisation plans sent by МО systems, and incremental reads for receivers by a "changed since"
 * cursor. Element names mirror the canonical records (shared/hospitalisation/domain/records.ts) in PascalCase.
 * Every write carries the package header and answers with the per-record FLK protocol.
 */
const ns = 'urn:omslink:hospitalization:1';

/** Writes: operation → [record element, record type]. */
const sends = [
  ['SendReferrals', 'Referral', 'Referral'],
  ['SendCancellations', 'Cancellation', 'Cancellation'],
  ['SendPlannedAdmissions', 'Admission', 'PlannedAdmission'],
  ['SendEmergencyAdmissions', 'Admission', 'EmergencyAdmission'],
  ['SendDischarges', 'Discharge', 'Discharge'],
  ['SendMovements', 'Movement', 'Movement'],
  ['SendFreeBeds', 'FreeBeds', 'FreeBeds'],
  ['SendHospitalisationPlan', 'PlanLine', 'PlanLine'],
] as const;

/**
 * Reads: operation → [item element, item type, extra request elements]. `Sent=true` turns an МО's feed round:
 * referrals it sent (instead of those addressed to it), its own stays as a hospital (instead of its referrals').
 */
const gets = [
  ['GetReferrals', 'Referral', 'ReferralInfo', '<xs:element name="Sent" type="xs:boolean" minOccurs="0"/>'],
  ['GetAdmissions', 'Admission', 'AdmissionInfo', '<xs:element name="Sent" type="xs:boolean" minOccurs="0"/>'],
  ['GetInsuredEvents', 'Event', 'InsuredEvent', ''],
  ['GetFreeBeds', 'FreeBeds', 'FreeBedsInfo', ''],
] as const;

/** Most records in one package, as the package service accepts (the SOAP body is capped at 5 MB anyway). */
const maxRecordsPerPackage = 5000;

const sendElements = packageSendElements(sends, maxRecordsPerPackage);

const getElements = feedElements(gets);

const operations = [...sends.map(([op]) => op), ...gets.map(([op]) => op)];

export const hospitalizationServiceWsdl = buildWsdl({
  service: 'HospitalizationService',
  prefix: 'Hospitalization',
  namespace: ns,
  documentation:
    'Информационное сопровождение госпитализации omslink: направления, аннулирования, плановые и экстренные госпитализации, переводы, выписки, свободные койки, планы госпитализации; инкрементальное чтение по курсору ChangedSince.',
  operations,
  schema: `${packageHeaderXsd}${flkErrorXsd}${packageProtocolXsd}
      <xs:complexType name="Patient">
        <xs:sequence>
          <xs:element name="Enp" type="xs:string" minOccurs="0"/>
          <xs:element name="Snils" type="xs:string" minOccurs="0"/>
          <xs:element name="Fam" type="xs:string" minOccurs="0"/>
          <xs:element name="Im" type="xs:string" minOccurs="0"/>
          <xs:element name="Ot" type="xs:string" minOccurs="0"/>
          <xs:element name="Sex" type="xs:int" minOccurs="0"/>
          <xs:element name="BirthDate" type="xs:date" minOccurs="0"/>
          <xs:element name="DocSer" type="xs:string" minOccurs="0"/>
          <xs:element name="DocNum" type="xs:string" minOccurs="0"/>
          <xs:element name="Phone" type="xs:string" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="VmpTalon">
        <xs:sequence>
          <xs:element name="TalonNumber" type="xs:string"/>
          <xs:element name="TalonDate" type="xs:date"/>
          <xs:element name="VmpKind" type="xs:string" minOccurs="0"/>
          <xs:element name="VmpMethod" type="xs:int" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Referral">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="Number" type="xs:string"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="Form" type="xs:int"/>
          <xs:element name="FromMoCode" type="xs:string"/>
          <xs:element name="FromDepartmentCode" type="xs:string" minOccurs="0"/>
          <xs:element name="ToMoCode" type="xs:string"/>
          <xs:element name="ToDepartmentCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Conditions" type="xs:int"/>
          <xs:element name="Profile" type="xs:int"/>
          <xs:element name="BedProfile" type="xs:int"/>
          <xs:element name="Diagnosis" type="xs:string"/>
          <xs:element name="DoctorSnils" type="xs:string"/>
          <xs:element name="PlannedDate" type="xs:date"/>
          <xs:element name="Kind" type="xs:string" minOccurs="0"/>
          <xs:element name="Vmp" type="tns:VmpTalon" minOccurs="0"/>
          <xs:element name="Patient" type="tns:Patient"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Cancellation">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="ReferralNumber" type="xs:string"/>
          <xs:element name="ReferralDate" type="xs:date"/>
          <xs:element name="Reason" type="xs:int"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="Comment" type="xs:string" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="PlannedAdmission">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="ReferralNumber" type="xs:string"/>
          <xs:element name="ReferralDate" type="xs:date"/>
          <xs:element name="Form" type="xs:int"/>
          <xs:element name="MoCode" type="xs:string"/>
          <xs:element name="DepartmentCode" type="xs:string"/>
          <xs:element name="Conditions" type="xs:int"/>
          <xs:element name="Profile" type="xs:int"/>
          <xs:element name="BedProfile" type="xs:int"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="Time" type="xs:string" minOccurs="0"/>
          <xs:element name="CaseNumber" type="xs:string"/>
          <xs:element name="Diagnosis" type="xs:string"/>
          <xs:element name="Patient" type="tns:Patient"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="EmergencyAdmission">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="Form" type="xs:int"/>
          <xs:element name="MoCode" type="xs:string"/>
          <xs:element name="DepartmentCode" type="xs:string"/>
          <xs:element name="Conditions" type="xs:int"/>
          <xs:element name="Profile" type="xs:int"/>
          <xs:element name="BedProfile" type="xs:int"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="Time" type="xs:string" minOccurs="0"/>
          <xs:element name="CaseNumber" type="xs:string"/>
          <xs:element name="Diagnosis" type="xs:string"/>
          <xs:element name="Patient" type="tns:Patient"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Movement">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="AdmissionSourceId" type="xs:string"/>
          <xs:element name="DepartmentCode" type="xs:string"/>
          <xs:element name="Profile" type="xs:int"/>
          <xs:element name="BedProfile" type="xs:int"/>
          <xs:element name="Date" type="xs:date"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Discharge">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="AdmissionSourceId" type="xs:string"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="Outcome" type="xs:int"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="ForecastDay">
        <xs:sequence>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="Free" type="xs:int"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="FreeBeds">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="MoCode" type="xs:string"/>
          <xs:element name="DepartmentCode" type="xs:string"/>
          <xs:element name="Conditions" type="xs:int"/>
          <xs:element name="BedProfile" type="xs:int"/>
          <xs:element name="Profile" type="xs:int" minOccurs="0"/>
          <xs:element name="OccupiedAtStart" type="xs:int"/>
          <xs:element name="Admitted" type="xs:int"/>
          <xs:element name="Discharged" type="xs:int"/>
          <xs:element name="PlannedToday" type="xs:int"/>
          <xs:element name="FreeTotal" type="xs:int"/>
          <xs:element name="FreeMale" type="xs:int"/>
          <xs:element name="FreeFemale" type="xs:int"/>
          <xs:element name="FreeAdult" type="xs:int"/>
          <xs:element name="FreeChild" type="xs:int"/>
          <xs:element name="Forecast" type="tns:ForecastDay" minOccurs="0" maxOccurs="10"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="PlanLine">
        <xs:sequence>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="Year" type="xs:int"/>
          <xs:element name="Month" type="xs:int"/>
          <xs:element name="MoCode" type="xs:string"/>
          <xs:element name="Profile" type="xs:int"/>
          <xs:element name="Conditions" type="xs:int"/>
          <xs:element name="SmoCode" type="xs:string"/>
          <xs:element name="Planned" type="xs:int"/>
        </xs:sequence>
      </xs:complexType>
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
      <xs:complexType name="CancellationInfo">
        <xs:sequence>
          <xs:element name="Source" type="xs:int"/>
          <xs:element name="SourceName" type="xs:string" minOccurs="0"/>
          <xs:element name="OrgCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Reason" type="xs:int"/>
          <xs:element name="ReasonName" type="xs:string" minOccurs="0"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="Comment" type="xs:string" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="ReferralAdmissionInfo">
        <xs:sequence>
          <xs:element name="Id" type="xs:string"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="DepartmentCode" type="xs:string" minOccurs="0"/>
          <xs:element name="CaseNumber" type="xs:string" minOccurs="0"/>
          <xs:element name="DischargeDate" type="xs:date" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="ReferralInfo">
        <xs:sequence>
          <xs:element name="Id" type="xs:string"/>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="SenderCode" type="xs:string"/>
          <xs:element name="Number" type="xs:string"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="Form" type="xs:int"/>
          <xs:element name="FromMoCode" type="xs:string"/>
          <xs:element name="FromMoName" type="xs:string" minOccurs="0"/>
          <xs:element name="FromDepartmentCode" type="xs:string" minOccurs="0"/>
          <xs:element name="ToMoCode" type="xs:string"/>
          <xs:element name="ToMoName" type="xs:string" minOccurs="0"/>
          <xs:element name="ToDepartmentCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Conditions" type="xs:int"/>
          <xs:element name="Profile" type="xs:int"/>
          <xs:element name="ProfileName" type="xs:string" minOccurs="0"/>
          <xs:element name="BedProfile" type="xs:int"/>
          <xs:element name="BedProfileName" type="xs:string" minOccurs="0"/>
          <xs:element name="Diagnosis" type="xs:string"/>
          <xs:element name="DiagnosisName" type="xs:string" minOccurs="0"/>
          <xs:element name="DoctorSnils" type="xs:string"/>
          <xs:element name="PlannedDate" type="xs:date"/>
          <xs:element name="ValidUntil" type="xs:date" minOccurs="0"/>
          <xs:element name="Kind" type="xs:string"/>
          <xs:element name="Vmp" type="tns:VmpTalon" minOccurs="0"/>
          <xs:element name="Status" type="xs:string"/>
          <xs:element name="Overdue" type="xs:boolean"/>
          <xs:element name="Patient" type="tns:PersonInfo" minOccurs="0"/>
          <xs:element name="SmoCode" type="xs:string" minOccurs="0"/>
          <xs:element name="SmoName" type="xs:string" minOccurs="0"/>
          <xs:element name="Cancellation" type="tns:CancellationInfo" minOccurs="0"/>
          <xs:element name="Admission" type="tns:ReferralAdmissionInfo" minOccurs="0"/>
          <xs:element name="ChangeSeq" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="DischargeInfo">
        <xs:sequence>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="Outcome" type="xs:int"/>
          <xs:element name="OutcomeName" type="xs:string" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="MovementInfo">
        <xs:sequence>
          <xs:element name="DepartmentCode" type="xs:string"/>
          <xs:element name="Profile" type="xs:int"/>
          <xs:element name="BedProfile" type="xs:int"/>
          <xs:element name="Date" type="xs:date"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="AdmissionInfo">
        <xs:sequence>
          <xs:element name="Id" type="xs:string"/>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="Kind" type="xs:string"/>
          <xs:element name="ReferralId" type="xs:string" minOccurs="0"/>
          <xs:element name="ReferralNumber" type="xs:string" minOccurs="0"/>
          <xs:element name="MatchStatus" type="xs:string"/>
          <xs:element name="MoCode" type="xs:string"/>
          <xs:element name="MoName" type="xs:string" minOccurs="0"/>
          <xs:element name="DepartmentCode" type="xs:string"/>
          <xs:element name="DepartmentName" type="xs:string" minOccurs="0"/>
          <xs:element name="Form" type="xs:int"/>
          <xs:element name="Conditions" type="xs:int"/>
          <xs:element name="Profile" type="xs:int"/>
          <xs:element name="ProfileName" type="xs:string" minOccurs="0"/>
          <xs:element name="BedProfile" type="xs:int"/>
          <xs:element name="BedProfileName" type="xs:string" minOccurs="0"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="Time" type="xs:string" minOccurs="0"/>
          <xs:element name="CaseNumber" type="xs:string"/>
          <xs:element name="Diagnosis" type="xs:string"/>
          <xs:element name="DiagnosisName" type="xs:string" minOccurs="0"/>
          <xs:element name="Patient" type="tns:PersonInfo" minOccurs="0"/>
          <xs:element name="SmoCode" type="xs:string" minOccurs="0"/>
          <xs:element name="SmoName" type="xs:string" minOccurs="0"/>
          <xs:element name="ReferringMoCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Discharge" type="tns:DischargeInfo" minOccurs="0"/>
          <xs:element name="Movement" type="tns:MovementInfo" minOccurs="0" maxOccurs="unbounded"/>
          <xs:element name="ChangeSeq" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="FreeBedsInfo">
        <xs:sequence>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="MoCode" type="xs:string"/>
          <xs:element name="MoName" type="xs:string" minOccurs="0"/>
          <xs:element name="DepartmentCode" type="xs:string"/>
          <xs:element name="DepartmentName" type="xs:string" minOccurs="0"/>
          <xs:element name="Conditions" type="xs:int"/>
          <xs:element name="BedProfile" type="xs:int"/>
          <xs:element name="BedProfileName" type="xs:string" minOccurs="0"/>
          <xs:element name="Profile" type="xs:int" minOccurs="0"/>
          <xs:element name="ProfileName" type="xs:string" minOccurs="0"/>
          <xs:element name="OccupiedAtStart" type="xs:int"/>
          <xs:element name="Admitted" type="xs:int"/>
          <xs:element name="Discharged" type="xs:int"/>
          <xs:element name="PlannedToday" type="xs:int"/>
          <xs:element name="FreeTotal" type="xs:int"/>
          <xs:element name="FreeMale" type="xs:int"/>
          <xs:element name="FreeFemale" type="xs:int"/>
          <xs:element name="FreeAdult" type="xs:int"/>
          <xs:element name="FreeChild" type="xs:int"/>
          <xs:element name="Forecast" type="tns:ForecastDay" minOccurs="0" maxOccurs="10"/>
          <xs:element name="ReceivedAt" type="xs:dateTime" minOccurs="0"/>
          <xs:element name="ChangeSeq" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="EventDetail">
        <xs:sequence>
          <xs:element name="Name" type="xs:string"/>
          <xs:element name="Value" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="InsuredEvent">
        <xs:sequence>
          <xs:element name="Id" type="xs:string"/>
          <xs:element name="At" type="xs:dateTime"/>
          <xs:element name="Entity" type="xs:string"/>
          <xs:element name="EntityId" type="xs:string"/>
          <xs:element name="Event" type="xs:string"/>
          <xs:element name="OrgCode" type="xs:string" minOccurs="0"/>
          <xs:element name="Detail" type="tns:EventDetail" minOccurs="0" maxOccurs="unbounded"/>
          <xs:element name="Patient" type="tns:PersonInfo" minOccurs="0"/>
          <xs:element name="ChangeSeq" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>${sendElements}${getElements}`,
});
