import { buildWsdl } from '../../platform/formats/soap/wsdl';

/** WSDL of NsiService (SOAP 1.1, document/literal, XSD inline). Embedded as text: nothing is ever fetched. */

export const nsiServiceWsdl = buildWsdl({
  service: 'NsiService',
  prefix: 'Nsi',
  namespace: 'urn:omslink:nsi:1',
  documentation: 'Справочники (НСИ) omslink: перечень справочников и записи, действующие на дату.',
  operations: ['GetDirectories', 'GetDirectoryRecords'],
  schema: `
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
      </xs:element>`,
});
