import { buildWsdl, flkErrorXsd, packageHeaderXsd } from '../../platform/formats/soap/wsdl';

/**
 * WSDL of ErzService (SOAP 1.1, document/literal, XSD inline, never fetched): the regional segment of ЕРЗ —
 * the insurance-affiliation query (the ZP1 idea) for МО, СМО and ТФОМС systems, and ЕРЗ extracts sent by the
 * РС ЕРЗ system of the fund. Writes carry the package header and answer with the per-record FLK protocol.
 */
export const erzServiceWsdl = buildWsdl({
  service: 'ErzService',
  prefix: 'Erz',
  namespace: 'urn:omslink:erz:1',
  documentation: 'Региональный сегмент ЕРЗ omslink: запрос страховой принадлежности и загрузка выписок ЕРЗ.',
  operations: ['GetInsuranceAffiliation', 'SendErzExtract'],
  schema: `${packageHeaderXsd}${flkErrorXsd}
      <xs:complexType name="Document">
        <xs:sequence>
          <xs:element name="DocType" type="xs:int"/>
          <xs:element name="DocSer" type="xs:string" minOccurs="0"/>
          <xs:element name="DocNum" type="xs:string"/>
          <xs:element name="DocDate" type="xs:date" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Policy">
        <xs:sequence>
          <xs:element name="PolicyType" type="xs:int"/>
          <xs:element name="Series" type="xs:string" minOccurs="0"/>
          <xs:element name="Number" type="xs:string"/>
          <xs:element name="SmoCode" type="xs:string"/>
          <xs:element name="DateBeg" type="xs:date"/>
          <xs:element name="DateEnd" type="xs:date" minOccurs="0"/>
          <xs:element name="CloseReason" type="xs:string" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Attachment">
        <xs:sequence>
          <xs:element name="MoCode" type="xs:string"/>
          <xs:element name="DistrictCode" type="xs:string"/>
          <xs:element name="DoctorSnils" type="xs:string"/>
          <xs:element name="DateBeg" type="xs:date"/>
          <xs:element name="DateEnd" type="xs:date" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="ErzPerson">
        <xs:sequence>
          <xs:element name="RecordId" type="xs:string"/>
          <xs:element name="Enp" type="xs:string"/>
          <xs:element name="Snils" type="xs:string" minOccurs="0"/>
          <xs:element name="Fam" type="xs:string"/>
          <xs:element name="Im" type="xs:string"/>
          <xs:element name="Ot" type="xs:string" minOccurs="0"/>
          <xs:element name="Sex" type="xs:int"/>
          <xs:element name="BirthDate" type="xs:date"/>
          <xs:element name="Phone" type="xs:string" minOccurs="0"/>
          <xs:element name="Document" type="tns:Document" minOccurs="0" maxOccurs="20"/>
          <xs:element name="Policy" type="tns:Policy" minOccurs="1" maxOccurs="50"/>
          <xs:element name="Attachment" type="tns:Attachment" minOccurs="0" maxOccurs="50"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="RecordProtocol">
        <xs:sequence>
          <xs:element name="RecordId" type="xs:string"/>
          <xs:element name="Ordinal" type="xs:int"/>
          <xs:element name="Status" type="xs:string"/>
          <xs:element name="Error" type="tns:FlkError" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence>
      </xs:complexType>
      <xs:element name="GetInsuranceAffiliationRequest">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Enp" type="xs:string" minOccurs="0"/>
            <xs:element name="Snils" type="xs:string" minOccurs="0"/>
            <xs:element name="Fam" type="xs:string" minOccurs="0"/>
            <xs:element name="Im" type="xs:string" minOccurs="0"/>
            <xs:element name="Ot" type="xs:string" minOccurs="0"/>
            <xs:element name="BirthDate" type="xs:date" minOccurs="0"/>
            <xs:element name="DocSer" type="xs:string" minOccurs="0"/>
            <xs:element name="DocNum" type="xs:string" minOccurs="0"/>
            <xs:element name="OnDate" type="xs:date" minOccurs="0"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetInsuranceAffiliationResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Outcome" type="xs:string"/>
            <xs:element name="Message" type="xs:string"/>
            <xs:element name="Method" type="xs:string" minOccurs="0"/>
            <xs:element name="Person" minOccurs="0">
              <xs:complexType>
                <xs:sequence>
                  <xs:element name="Enp" type="xs:string"/>
                  <xs:element name="Fam" type="xs:string"/>
                  <xs:element name="Im" type="xs:string"/>
                  <xs:element name="Ot" type="xs:string" minOccurs="0"/>
                  <xs:element name="BirthDate" type="xs:date"/>
                  <xs:element name="Sex" type="xs:int"/>
                </xs:sequence>
              </xs:complexType>
            </xs:element>
            <xs:element name="Policy" minOccurs="0">
              <xs:complexType>
                <xs:sequence>
                  <xs:element name="PolicyType" type="xs:int"/>
                  <xs:element name="Number" type="xs:string"/>
                  <xs:element name="SmoCode" type="xs:string"/>
                  <xs:element name="SmoName" type="xs:string" minOccurs="0"/>
                  <xs:element name="DateBeg" type="xs:date"/>
                  <xs:element name="DateEnd" type="xs:date" minOccurs="0"/>
                </xs:sequence>
              </xs:complexType>
            </xs:element>
            <xs:element name="Attachment" minOccurs="0">
              <xs:complexType>
                <xs:sequence>
                  <xs:element name="MoCode" type="xs:string"/>
                  <xs:element name="MoName" type="xs:string" minOccurs="0"/>
                  <xs:element name="DistrictCode" type="xs:string" minOccurs="0"/>
                  <xs:element name="Since" type="xs:date" minOccurs="0"/>
                </xs:sequence>
              </xs:complexType>
            </xs:element>
            <xs:element name="Error" type="tns:FlkError" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="SendErzExtractRequest">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Header" type="tns:PackageHeader"/>
            <xs:element name="Person" type="tns:ErzPerson" minOccurs="1" maxOccurs="5000"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="SendErzExtractResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="PackageId" type="xs:string"/>
            <xs:element name="Status" type="xs:string"/>
            <xs:element name="Total" type="xs:int"/>
            <xs:element name="Accepted" type="xs:int"/>
            <xs:element name="Rejected" type="xs:int"/>
            <xs:element name="Created" type="xs:int"/>
            <xs:element name="Updated" type="xs:int"/>
            <xs:element name="Record" type="tns:RecordProtocol" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>`,
});
