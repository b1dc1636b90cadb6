import { buildWsdl, packageHeaderXsd } from '../../platform/formats/soap/wsdl';

/**
 * What `SendRegistry` can carry. The binding limit is AWS Lambda's, not API Gateway's 10 MB: a synchronous
 * invocation takes at most 6 MB (6,291,456 bytes) of event, and API Gateway hands a SOAP request to the
 * function base64-encoded inside that event (text/xml is a binary media type, infra/binary-media-types.ts), so
 * a request of more than ~4.5 MB never reaches any function. The request cap is 4.4 MB (its base64 is
 * 6,151,646 bytes, leaving ~137 KB for the event's headers and request context); the package inside it, base64
 * again, is capped at 3 MB decoded (4 MB of base64, room left for the envelope and line-wrapped base64).
 * Packages larger than that go through REST (`POST /api/v1/registries/uploads`, any size).
 */
export const registrySoapLimits = {
  /** The whole SOAP request of any RegistryService operation, in bytes (4.4 MB). */
  requestBytes: Math.floor(4.4 * 1024 * 1024),
  /** The package (ZIP) of `SendRegistry`, decoded from base64, in bytes (3 MB). */
  packageBytes: 3 * 1024 * 1024,
} as const;

/** Largest FLK_P (or its ZIP) inlined in the `GetRegistryProtocol` answer, keeping it under Lambda's 6 MB. */
export const maxInlineProtocolBytes = 3 * 1024 * 1024;

/** Findings listed as elements in the `GetRegistryProtocol` answer (the V-file holds them all). */
export const maxProtocolFindings = 1000;

/** The 413 Fault's message: the request cap, what it means for a package, where larger ones go. */
export const registryOversizeMessage =
  'Запрос превышает допустимый размер 4,4 МБ: пакет реестра в SendRegistry — не более 3 МБ до кодирования base64; ' +
  'пакет большего размера передайте через REST (POST /api/v1/registries/uploads)';

/**
 * WSDL of RegistryService (SOAP 1.1, document/literal, XSD inline, never fetched): registry-invoice packages
 * (реестры счетов, docs/design/registry-exchange.md) sent inline by МО systems and imported asynchronously by
 * the queue consumer — `SendRegistry` answers with the registered import, `GetRegistryStatus` follows it,
 * `GetRegistryProtocol` returns its FLK protocol (FLK_P, the V-file) once it is finished.
 */
export const registryServiceWsdl = buildWsdl({
  service: 'RegistryService',
  prefix: 'Registry',
  namespace: 'urn:omslink:registry:1',
  documentation:
    'Приём реестров счетов omslink: SendRegistry принимает ZIP-пакет реестра (основной файл и L-файл) в base64 ' +
    'и ставит его в очередь на загрузку (статус queued; тот же пакет повторно — duplicate); GetRegistryStatus ' +
    'сообщает статус загрузки (queued, processing, done, rejected, failed, duplicate), ход чтения, итоги и ' +
    'протокол ФЛК по группам ошибок; GetRegistryProtocol возвращает протокол ФЛК (FLK_P, V-файл, windows-1251). ' +
    'Размер запроса — не более 4,4 МБ, пакета — не более 3 МБ до кодирования base64 (предел вызова функции ' +
    'AWS Lambda — 6 МБ события, в котором запрос передаётся в base64); пакеты большего размера передаются через ' +
    'REST: POST /api/v1/registries/uploads.',
  operations: ['SendRegistry', 'GetRegistryStatus', 'GetRegistryProtocol'],
  schema: `${packageHeaderXsd}
      <xs:complexType name="RegistryCounts">
        <xs:sequence>
          <xs:element name="Cases" type="xs:int"/>
          <xs:element name="Accepted" type="xs:int"/>
          <xs:element name="Rejected" type="xs:int"/>
          <xs:element name="Persons" type="xs:int"/>
          <xs:element name="Services" type="xs:int"/>
          <xs:element name="Onco" type="xs:int"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="RegistryProgress">
        <xs:sequence>
          <xs:element name="BytesTotal" type="xs:long" minOccurs="0"/>
          <xs:element name="BytesRead" type="xs:long"/>
          <xs:element name="CasesRead" type="xs:int"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="ProtocolGroup">
        <xs:annotation><xs:documentation>Замечания ФЛК одного кода, правила и поля, с их числом</xs:documentation></xs:annotation>
        <xs:sequence>
          <xs:element name="Code" type="xs:string"/>
          <xs:element name="Rule" type="xs:string"/>
          <xs:element name="BasEl" type="xs:string" minOccurs="0"/>
          <xs:element name="Field" type="xs:string" minOccurs="0"/>
          <xs:element name="Severity" type="xs:string"/>
          <xs:element name="Message" type="xs:string"/>
          <xs:element name="Count" type="xs:int"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="RegistryFinding">
        <xs:annotation><xs:documentation>Замечание ФЛК (строка PR протокола FLK_P): код F012, правило, поле и ссылки на запись</xs:documentation></xs:annotation>
        <xs:sequence>
          <xs:element name="Code" type="xs:string"/>
          <xs:element name="Rule" type="xs:string"/>
          <xs:element name="Severity" type="xs:string"/>
          <xs:element name="Field" type="xs:string" minOccurs="0"/>
          <xs:element name="Value" type="xs:string" minOccurs="0"/>
          <xs:element name="Message" type="xs:string"/>
          <xs:element name="File" type="xs:string"/>
          <xs:element name="BasEl" type="xs:string" minOccurs="0"/>
          <xs:element name="N_ZAP" type="xs:string" minOccurs="0"/>
          <xs:element name="IDCASE" type="xs:string" minOccurs="0"/>
          <xs:element name="SL_ID" type="xs:string" minOccurs="0"/>
          <xs:element name="IDSERV" type="xs:string" minOccurs="0"/>
          <xs:element name="ID_PAC" type="xs:string" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:element name="SendRegistryRequest">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Header" type="tns:PackageHeader"/>
            <xs:element name="FileName" type="xs:string">
              <xs:annotation><xs:documentation>Имя ZIP-пакета (оканчивается на .zip, без путей), например HM640001T64_230101.zip</xs:documentation></xs:annotation>
            </xs:element>
            <xs:element name="Package" type="xs:base64Binary">
              <xs:annotation><xs:documentation>ZIP-пакет реестра в base64, не более 3 МБ до кодирования</xs:documentation></xs:annotation>
            </xs:element>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="SendRegistryResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="ImportId" type="xs:long"/>
            <xs:element name="Status" type="xs:string">
              <xs:annotation><xs:documentation>queued — поставлен в очередь; duplicate — тот же пакет уже загружается или загружен (DuplicateOf)</xs:documentation></xs:annotation>
            </xs:element>
            <xs:element name="DuplicateOf" type="xs:long" minOccurs="0"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetRegistryStatusRequest">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="ImportId" type="xs:long"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetRegistryStatusResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="ImportId" type="xs:long"/>
            <xs:element name="Status" type="xs:string"/>
            <xs:element name="FileName" type="xs:string"/>
            <xs:element name="PackageName" type="xs:string" minOccurs="0"/>
            <xs:element name="ReceivedAt" type="xs:dateTime"/>
            <xs:element name="FinishedAt" type="xs:dateTime" minOccurs="0"/>
            <xs:element name="DuplicateOf" type="xs:long" minOccurs="0"/>
            <xs:element name="Counts" type="tns:RegistryCounts" minOccurs="0"/>
            <xs:element name="Progress" type="tns:RegistryProgress" minOccurs="0"/>
            <xs:element name="Error" type="xs:string" minOccurs="0"/>
            <xs:element name="Group" type="tns:ProtocolGroup" minOccurs="0" maxOccurs="unbounded"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetRegistryProtocolRequest">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="ImportId" type="xs:long"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetRegistryProtocolResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="ImportId" type="xs:long"/>
            <xs:element name="Status" type="xs:string">
              <xs:annotation><xs:documentation>Протокол окончательный при статусе done, rejected или failed</xs:documentation></xs:annotation>
            </xs:element>
            <xs:element name="FileName" type="xs:string">
              <xs:annotation><xs:documentation>Имя V-файла протокола, например VT64M640001_230101.XML</xs:documentation></xs:annotation>
            </xs:element>
            <xs:element name="FindingsTotal" type="xs:int"/>
            <xs:element name="Protocol" type="xs:base64Binary" minOccurs="0">
              <xs:annotation><xs:documentation>FLK_P в windows-1251, если он не больше 3 МБ</xs:documentation></xs:annotation>
            </xs:element>
            <xs:element name="ProtocolZip" type="xs:base64Binary" minOccurs="0">
              <xs:annotation><xs:documentation>Вместо Protocol, если FLK_P больше 3 МБ: ZIP-архив с V-файлом</xs:documentation></xs:annotation>
            </xs:element>
            <xs:element name="Note" type="xs:string" minOccurs="0"/>
            <xs:element name="Error" type="tns:RegistryFinding" minOccurs="0" maxOccurs="${maxProtocolFindings}">
              <xs:annotation><xs:documentation>Первые ${maxProtocolFindings} замечаний в порядке файла (все — в V-файле)</xs:documentation></xs:annotation>
            </xs:element>
          </xs:sequence>
        </xs:complexType>
      </xs:element>`,
});
