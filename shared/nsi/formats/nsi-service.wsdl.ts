/** WSDL of NsiService (SOAP 1.1, document/literal, XSD inline). Embedded as text: nothing is ever fetched. */
export const nsiServiceWsdl = `<?xml version="1.0" encoding="UTF-8"?>
<definitions name="NsiService"
  targetNamespace="urn:omslink:nsi:1"
  xmlns="http://schemas.xmlsoap.org/wsdl/"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tns="urn:omslink:nsi:1">
  <documentation>Справочники (НСИ) omslink: перечень справочников и записи, действующие на дату.</documentation>
  <types>
    <xs:schema targetNamespace="urn:omslink:nsi:1" elementFormDefault="qualified">
      <xs:complexType name="Directory">
        <xs:sequence>
          <xs:element name="Code" type="xs:string"/>
          <xs:element name="Title" type="xs:string"/>
          <xs:element name="Version" type="xs:string" minOccurs="0"/>
          <xs:element name="PublishedAt" type="xs:date" minOccurs="0"/>
          <xs:element name="RecordCount" type="xs:int"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Record">
        <xs:sequence>
          <xs:element name="Code" type="xs:string"/>
          <xs:element name="Name" type="xs:string"/>
          <xs:element name="DateBeg" type="xs:date"/>
          <xs:element name="DateEnd" type="xs:date" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:element name="GetDirectoriesRequest">
        <xs:complexType><xs:sequence/></xs:complexType>
      </xs:element>
      <xs:element name="GetDirectoriesResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Directory" type="tns:Directory" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetDirectoryRecordsRequest">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="DirectoryCode" type="xs:string"/>
            <xs:element name="ValidOn" type="xs:date" minOccurs="0"/>
            <xs:element name="Query" type="xs:string" minOccurs="0"/>
            <xs:element name="Page" type="xs:int" minOccurs="0"/>
            <xs:element name="PageSize" type="xs:int" minOccurs="0"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetDirectoryRecordsResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Total" type="xs:int"/>
            <xs:element name="Page" type="xs:int"/>
            <xs:element name="PageSize" type="xs:int"/>
            <xs:element name="Record" type="tns:Record" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
    </xs:schema>
  </types>
  <message name="GetDirectoriesInput"><part name="parameters" element="tns:GetDirectoriesRequest"/></message>
  <message name="GetDirectoriesOutput"><part name="parameters" element="tns:GetDirectoriesResponse"/></message>
  <message name="GetDirectoryRecordsInput"><part name="parameters" element="tns:GetDirectoryRecordsRequest"/></message>
  <message name="GetDirectoryRecordsOutput"><part name="parameters" element="tns:GetDirectoryRecordsResponse"/></message>
  <portType name="NsiPortType">
    <operation name="GetDirectories">
      <input message="tns:GetDirectoriesInput"/>
      <output message="tns:GetDirectoriesOutput"/>
    </operation>
    <operation name="GetDirectoryRecords">
      <input message="tns:GetDirectoryRecordsInput"/>
      <output message="tns:GetDirectoryRecordsOutput"/>
    </operation>
  </portType>
  <binding name="NsiBinding" type="tns:NsiPortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="GetDirectories">
      <soap:operation soapAction="urn:omslink:nsi:1#GetDirectories"/>
      <input><soap:body use="literal"/></input>
      <output><soap:body use="literal"/></output>
    </operation>
    <operation name="GetDirectoryRecords">
      <soap:operation soapAction="urn:omslink:nsi:1#GetDirectoryRecords"/>
      <input><soap:body use="literal"/></input>
      <output><soap:body use="literal"/></output>
    </operation>
  </binding>
  <service name="NsiService">
    <port name="NsiPort" binding="tns:NsiBinding">
      <soap:address location="http://localhost:3000/soap/NsiService"/>
    </port>
  </service>
</definitions>
`;
