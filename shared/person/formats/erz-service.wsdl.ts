/**
 * WSDL of ErzService (SOAP 1.1, document/literal, XSD inline, never fetched): the regional segment of ЕРЗ —
 * the insurance-affiliation query (the ZP1 idea) for МО, СМО and ТФОМС systems, and ЕРЗ extracts sent by the
 * РС ЕРЗ system of the fund. Writes carry the package header and answer with the per-record FLK protocol.
 */
export const erzServiceWsdl = `<?xml version="1.0" encoding="UTF-8"?>
<definitions name="ErzService"
  targetNamespace="urn:omslink:erz:1"
  xmlns="http://schemas.xmlsoap.org/wsdl/"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tns="urn:omslink:erz:1">
  <documentation>Региональный сегмент ЕРЗ omslink: запрос страховой принадлежности и загрузка выписок ЕРЗ.</documentation>
  <types>
    <xs:schema targetNamespace="urn:omslink:erz:1" elementFormDefault="qualified">
      <xs:complexType name="PackageHeader">
        <xs:sequence>
          <xs:element name="PackageId" type="xs:string"/>
          <xs:element name="SenderCode" type="xs:string"/>
          <xs:element name="CreatedAt" type="xs:dateTime"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="FlkError">
        <xs:sequence>
          <xs:element name="Code" type="xs:string"/>
          <xs:element name="Rule" type="xs:string" minOccurs="0"/>
          <xs:element name="Severity" type="xs:string"/>
          <xs:element name="Field" type="xs:string" minOccurs="0"/>
          <xs:element name="Value" type="xs:string" minOccurs="0"/>
          <xs:element name="Message" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
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
      </xs:element>
    </xs:schema>
  </types>
  <message name="GetInsuranceAffiliationInput"><part name="parameters" element="tns:GetInsuranceAffiliationRequest"/></message>
  <message name="GetInsuranceAffiliationOutput"><part name="parameters" element="tns:GetInsuranceAffiliationResponse"/></message>
  <message name="SendErzExtractInput"><part name="parameters" element="tns:SendErzExtractRequest"/></message>
  <message name="SendErzExtractOutput"><part name="parameters" element="tns:SendErzExtractResponse"/></message>
  <portType name="ErzPortType">
    <operation name="GetInsuranceAffiliation">
      <input message="tns:GetInsuranceAffiliationInput"/>
      <output message="tns:GetInsuranceAffiliationOutput"/>
    </operation>
    <operation name="SendErzExtract">
      <input message="tns:SendErzExtractInput"/>
      <output message="tns:SendErzExtractOutput"/>
    </operation>
  </portType>
  <binding name="ErzBinding" type="tns:ErzPortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="GetInsuranceAffiliation">
      <soap:operation soapAction="urn:omslink:erz:1#GetInsuranceAffiliation"/>
      <input><soap:body use="literal"/></input>
      <output><soap:body use="literal"/></output>
    </operation>
    <operation name="SendErzExtract">
      <soap:operation soapAction="urn:omslink:erz:1#SendErzExtract"/>
      <input><soap:body use="literal"/></input>
      <output><soap:body use="literal"/></output>
    </operation>
  </binding>
  <service name="ErzService">
    <port name="ErzPort" binding="tns:ErzBinding">
      <soap:address location="http://localhost:3000/soap/ErzService"/>
    </port>
  </service>
</definitions>
`;
