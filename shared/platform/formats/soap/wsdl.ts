/**
 * The WSDL builder of every SOAP service (ARCHITECTURE §2 contract conventions): SOAP 1.1, document/literal,
 * one port, the XSD inline (never fetched), operation `<Op>` taking element `<Op>Request` and answering
 * `<Op>Response`, soapAction `<namespace>#<Op>`. The `soap:address` is a placeholder: the SOAP wrapper puts the
 * address the client reached in its place (functions/lib/soap-address.ts). An area gives its own types and
 * request/response elements; the types every service shares are here, and so is the one Fault detail
 * (`faultNamespace`), written by functions/lib/soap.ts `faultResponse`.
 */

/** Namespace of the Fault detail `<omslink:error>` of every service. */
export const faultNamespace = 'urn:omslink:fault:1';

/** The Fault contract, told to integrators in every WSDL's documentation. */
export const faultDocumentation =
  'Ошибка запроса целиком возвращается как SOAP Fault: faultcode soap:Client (HTTP 400; 413 — размер запроса, ' +
  '429 — повторите после Retry-After) — ошибка вызывающей стороны, soap:Server (HTTP 500, 503) — сбой или недоступность сервиса; ' +
  `detail содержит элемент error пространства имён ${faultNamespace}: code (AUTH-…, SOAP-…, код F012), ` +
  'message и замечания ФЛК issue; конверт не SOAP 1.1 — faultcode soap:VersionMismatch (HTTP 400). ' +
  'Операция определяется единственным элементом тела запроса в пространстве имён сервиса; SOAPAction, ' +
  'если указан, должен совпадать с ней. Неизвестный или повторённый элемент записи отклоняет запись (904).';

/** The Fault detail element (its own schema, namespace `faultNamespace`, prefix `omslink`). */
const faultSchema = `
    <xs:schema targetNamespace="${faultNamespace}" elementFormDefault="qualified">
      <xs:complexType name="Issue">
        <xs:sequence>
          <xs:element name="Code" type="xs:string"/>
          <xs:element name="Rule" type="xs:string"/>
          <xs:element name="Severity" type="xs:string"/>
          <xs:element name="Field" type="xs:string" minOccurs="0"/>
          <xs:element name="Value" type="xs:string" minOccurs="0"/>
          <xs:element name="Message" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:element name="error">
        <xs:annotation><xs:documentation>Содержимое detail каждого SOAP Fault</xs:documentation></xs:annotation>
        <xs:complexType>
          <xs:sequence>
            <xs:element name="code" type="xs:string"/>
            <xs:element name="message" type="xs:string"/>
            <xs:element name="issue" type="omslink:Issue" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
    </xs:schema>`;

/** The package header every write carries (the package id is the idempotency key). */
export const packageHeaderXsd = `
      <xs:complexType name="PackageHeader">
        <xs:sequence>
          <xs:element name="PackageId" type="xs:string"/>
          <xs:element name="SenderCode" type="xs:string"/>
          <xs:element name="CreatedAt" type="xs:dateTime"/>
        </xs:sequence>
      </xs:complexType>`;

/**
 * The person an exchanged record names (`PersonRef` of shared/person/domain/patient-ref.ts): ЕНП, or СНИЛС, or ФИО +
 * birth date, with a document where the register needs one.
 */
export const patientXsd = `
      <xs:complexType name="Patient">
        <xs:sequence>
          <xs:element name="Enp" type="xs:string" minOccurs="0"/>
          <xs:element name="Snils" type="xs:string" minOccurs="0"/>
          <xs:element name="Fam" type="xs:string" minOccurs="0"/>
          <xs:element name="Im" type="xs:string" minOccurs="0"/>
          <xs:element name="Ot" type="xs:string" minOccurs="0"/>
          <xs:element name="BirthDate" type="xs:date" minOccurs="0"/>
          <xs:element name="DocSer" type="xs:string" minOccurs="0"/>
          <xs:element name="DocNum" type="xs:string" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>`;

/** The per-record FLK protocol every write answers (`PackageProtocol`, functions/lib/soap-protocol.ts). */
export const packageProtocolXsd = `
      <xs:complexType name="RecordProtocol">
        <xs:sequence>
          <xs:element name="Ordinal" type="xs:int"/>
          <xs:element name="SourceId" type="xs:string"/>
          <xs:element name="Status" type="xs:string"/>
          <xs:element name="Id" type="xs:string" minOccurs="0"/>
          <xs:element name="Error" type="tns:FlkError" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="PackageProtocol">
        <xs:sequence>
          <xs:element name="PackageId" type="xs:string"/>
          <xs:element name="Status" type="xs:string"/>
          <xs:element name="Total" type="xs:int"/>
          <xs:element name="Accepted" type="xs:int"/>
          <xs:element name="Rejected" type="xs:int"/>
          <xs:element name="Record" type="tns:RecordProtocol" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence>
      </xs:complexType>`;

/** One FLK issue of a protocol (shared/platform/flk/issue.ts). */
export const flkErrorXsd = `
      <xs:complexType name="FlkError">
        <xs:sequence>
          <xs:element name="Code" type="xs:string"/>
          <xs:element name="Rule" type="xs:string"/>
          <xs:element name="Severity" type="xs:string"/>
          <xs:element name="Field" type="xs:string" minOccurs="0"/>
          <xs:element name="Value" type="xs:string" minOccurs="0"/>
          <xs:element name="Message" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>`;

/**
 * The request and response elements of package writes: `[operation, record element, record type]` each — the
 * package header and up to `maxRecords` records in, the per-record FLK protocol (`tns:PackageProtocol`) out.
 */
export function packageSendElements(
  sends: readonly (readonly [string, string, string])[],
  maxRecords: number,
): string {
  return sends
    .map(
      ([op, element, type]) => `
      <xs:element name="${op}Request">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Header" type="tns:PackageHeader"/>
            <xs:element name="${element}" type="tns:${type}" minOccurs="1" maxOccurs="${maxRecords}"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="${op}Response">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Protocol" type="tns:PackageProtocol"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>`,
    )
    .join('');
}

/**
 * The request and response elements of "changed since" feeds: `[operation, item element, item type, extra request
 * elements]` each — a cursor and a limit (and the extras) in, the items and the next cursor out.
 */
export function feedElements(gets: readonly (readonly [string, string, string, string])[]): string {
  return gets
    .map(
      ([op, element, type, extra]) => `
      <xs:element name="${op}Request">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="ChangedSince" type="xs:string" minOccurs="0"/>
            <xs:element name="Limit" type="xs:int" minOccurs="0"/>${extra ? `\n            ${extra}` : ''}
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="${op}Response">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="${element}" type="tns:${type}" minOccurs="0" maxOccurs="unbounded"/>
            <xs:element name="NextCursor" type="xs:string"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>`,
    )
    .join('');
}

export interface WsdlSpec {
  /** The service name, served at /soap/<service>. */
  service: string;
  /** Prefix of the port type, binding and port names: `<prefix>PortType`, `<prefix>Binding`, `<prefix>Port`. */
  prefix: string;
  /** Target namespace, `urn:omslink:<service>:<major>`. */
  namespace: string;
  /** A Russian sentence for integrators. */
  documentation: string;
  /** The service's XSD: complex types and the `<Op>Request` / `<Op>Response` elements. */
  schema: string;
  operations: readonly string[];
}

export function buildWsdl(spec: WsdlSpec): string {
  const ns = spec.namespace;
  const each = (render: (op: string) => string) => spec.operations.map(render).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions name="${spec.service}"
  targetNamespace="${ns}"
  xmlns="http://schemas.xmlsoap.org/wsdl/"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tns="${ns}"
  xmlns:omslink="${faultNamespace}">
  <documentation>${spec.documentation} ${faultDocumentation}</documentation>
  <types>
    <xs:schema targetNamespace="${ns}" elementFormDefault="qualified">${spec.schema}
    </xs:schema>${faultSchema}
  </types>${each(
    (op) => `
  <message name="${op}Input"><part name="parameters" element="tns:${op}Request"/></message>
  <message name="${op}Output"><part name="parameters" element="tns:${op}Response"/></message>`,
  )}
  <portType name="${spec.prefix}PortType">${each(
    (op) => `
    <operation name="${op}">
      <input message="tns:${op}Input"/>
      <output message="tns:${op}Output"/>
    </operation>`,
  )}
  </portType>
  <binding name="${spec.prefix}Binding" type="tns:${spec.prefix}PortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>${each(
      (op) => `
    <operation name="${op}">
      <soap:operation soapAction="${ns}#${op}"/>
      <input><soap:body use="literal"/></input>
      <output><soap:body use="literal"/></output>
    </operation>`,
    )}
  </binding>
  <service name="${spec.service}">
    <port name="${spec.prefix}Port" binding="tns:${spec.prefix}Binding">
      <soap:address location="http://localhost:3000/soap/${spec.service}"/>
    </port>
  </service>
</definitions>
`;
}
