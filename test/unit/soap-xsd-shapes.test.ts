import { describe, expect, it } from 'vitest';
import { hospitalizationServiceWsdl } from '../../shared/hospitalisation/formats/hospitalization-service.wsdl';
import { erzServiceWsdl } from '../../shared/person/formats/erz-service.wsdl';
import { buildWsdl, packageHeaderXsd } from '../../shared/platform/formats/soap/wsdl';
import {
  requestStructureIssues,
  structureIssues,
  type XsdElement,
  xsdShapes,
} from '../../shared/platform/formats/soap/xsd-shapes';

const ns = 'urn:omslink:test:1';
const wsdl = buildWsdl({
  service: 'TestService',
  prefix: 'Test',
  namespace: ns,
  documentation: 'Тест.',
  operations: ['SendThings', 'GetThings'],
  schema: `${packageHeaderXsd}
      <xs:complexType name="Part">
        <xs:sequence>
          <xs:element name="Code" type="xs:string"/>
          <xs:element name="Sub" type="tns:Part" minOccurs="0"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Thing">
        <xs:sequence>
          <xs:element name="Id" type="xs:string"/>
          <xs:element name="Date" type="xs:date"/>
          <xs:element name="Part" type="tns:Part" minOccurs="0" maxOccurs="3"/>
          <xs:element name="Owner" minOccurs="0">
            <xs:complexType><xs:sequence><xs:element name="Name" type="xs:string"/></xs:sequence></xs:complexType>
          </xs:element>
        </xs:sequence>
      </xs:complexType>
      <xs:element name="SendThingsRequest">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Header" type="tns:PackageHeader"/>
            <xs:element name="Thing" type="tns:Thing" maxOccurs="2"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetThingsRequest">
        <xs:complexType>
          <xs:sequence><xs:element name="Limit" type="xs:int" minOccurs="0"/></xs:sequence>
        </xs:complexType>
      </xs:element>`,
});
const shapes = xsdShapes(wsdl);
const names = (e: XsdElement | undefined) => [...(e?.content?.elements.keys() ?? [])];
const send = shapes.element('SendThingsRequest')!;
const thing = send.content!.elements.get('Thing')!;

describe('XSD shapes of a WSDL', () => {
  it('reads the target namespace, the request elements and the types they use (named, inline, recursive)', () => {
    expect(shapes.namespace).toBe(ns);
    expect(names(send)).toEqual(['Header', 'Thing']);
    expect(names(send.content!.elements.get('Header'))).toEqual(['PackageId', 'SenderCode', 'CreatedAt']);
    expect(thing.maxOccurs).toBe(2);
    expect(names(thing)).toEqual(['Id', 'Date', 'Part', 'Owner']);
    expect(thing.content!.elements.get('Id')!.content).toBeNull();
    expect(names(thing.content!.elements.get('Owner'))).toEqual(['Name']);
    const part = thing.content!.elements.get('Part')!;
    expect(part.maxOccurs).toBe(3);
    expect(part.content!.elements.get('Sub')!.content).toBe(part.content);
    expect(names(shapes.element('GetThingsRequest'))).toEqual(['Limit']);
    // The Fault detail's schema is not the service's.
    expect(shapes.element('error')).toBeUndefined();
  });

  it('reads the services’ own WSDLs: the type of each Send… record, the package limit', () => {
    const hosp = xsdShapes(hospitalizationServiceWsdl);
    const record = (op: string, element: string) =>
      hosp.element(`${op}Request`)!.content!.elements.get(element)!;
    expect(names(record('SendPlannedAdmissions', 'Admission'))).toContain('ReferralNumber');
    expect(names(record('SendEmergencyAdmissions', 'Admission'))).not.toContain('ReferralNumber');
    expect(record('SendReferrals', 'Referral').maxOccurs).toBe(5000);
    expect(names(record('SendReferrals', 'Referral').content!.elements.get('Patient'))).toContain('Enp');
    const erz = xsdShapes(erzServiceWsdl);
    const person = erz.element('SendErzExtractRequest')!.content!.elements.get('Person')!;
    expect(person.maxOccurs).toBe(5000);
    expect(person.content!.elements.get('Policy')!.maxOccurs).toBe(50);
  });
});

describe('structure issues of a record', () => {
  const ok = { Id: 't1', Date: '2026-01-01', Part: [{ Code: 'a' }], Owner: { Name: 'x' } };

  it('finds none in a record that fits (missing elements are the schema’s, not structure)', () => {
    expect(structureIssues(thing, ok)).toEqual([]);
    expect(structureIssues(thing, { Id: 't1' })).toEqual([]);
    expect(structureIssues(thing, null)).toEqual([]);
  });

  it('names an unknown element with its path, on any level', () => {
    expect(structureIssues(thing, { ...ok, IsAdmin: 'true' })).toEqual([
      {
        rule: 'SOAP.XML.TAG',
        code: '904',
        severity: 'error',
        field: 'IsAdmin',
        value: 'true',
        message: 'Неизвестный элемент IsAdmin в Thing',
      },
    ]);
    expect(
      structureIssues(thing, {
        ...ok,
        Part: [{ Code: 'a' }, { Code: 'b', Sub: { Code: 'c', X: { Y: '1' } } }],
      }),
    ).toEqual([
      expect.objectContaining({
        code: '904',
        field: 'Part[2].Sub.X',
        message: 'Неизвестный элемент X в Sub',
      }),
    ]);
    expect(structureIssues(thing, { ...ok, Owner: { Name: 'x', Role: 'admin' } })).toEqual([
      expect.objectContaining({ field: 'Owner.Role', message: 'Неизвестный элемент Role в Owner' }),
    ]);
  });

  it('names a single element repeated and more elements than maxOccurs', () => {
    expect(structureIssues(thing, { ...ok, Date: ['2026-01-01', '2026-01-02'] })).toEqual([
      expect.objectContaining({
        code: '904',
        field: 'Date',
        message: 'Элемент Date указан в Thing более одного раза',
      }),
    ]);
    expect(
      structureIssues(thing, { ...ok, Part: [{ Code: 'a' }, { Code: 'b' }, { Code: 'c' }, { Code: 'd' }] }),
    ).toEqual([
      expect.objectContaining({
        code: '904',
        field: 'Part',
        value: '4',
        message: 'Элементов Part в Thing не может быть больше 3',
      }),
    ]);
  });

  it('names elements inside a value and text where elements belong', () => {
    expect(structureIssues(thing, { ...ok, Id: { X: '1' } })).toEqual([
      expect.objectContaining({
        code: '903',
        field: 'Id',
        message: 'Элемент Id не может содержать вложенных элементов',
      }),
    ]);
    expect(structureIssues(thing, { ...ok, Owner: 'x' })).toEqual([
      expect.objectContaining({
        code: '903',
        field: 'Owner',
        value: 'x',
        message: 'Элемент Owner должен содержать вложенные элементы, а не текст',
      }),
    ]);
    expect(structureIssues(thing, 'text')).toEqual([
      expect.objectContaining({
        code: '903',
        message: 'Элемент Thing должен содержать вложенные элементы, а не текст',
      }),
    ]);
  });

  it('keeps at most 100 issues of one record', () => {
    const junk = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`X${i}`, '1']));
    expect(structureIssues(thing, { ...ok, ...junk })).toHaveLength(100);
  });
});

describe('structure issues of a request', () => {
  const header = { PackageId: 'p', SenderCode: '990001', CreatedAt: '2026-01-01T00:00:00Z' };

  it('leaves the records to be judged one by one, but refuses more of them than the package allows', () => {
    expect(requestStructureIssues(send, { Header: header, Thing: [{ IsAdmin: '1' }, { Id: 'x' }] })).toEqual(
      [],
    );
    expect(requestStructureIssues(send, { Header: header, Thing: [{}, {}, {}] })).toEqual([
      {
        rule: 'SOAP.XML.TAG',
        code: '904',
        severity: 'error',
        field: 'Thing',
        value: '3',
        message: 'В пакете больше 2 записей: разделите его',
      },
    ]);
  });

  it('refuses an unknown or repeated element of the request itself, and inside its header', () => {
    expect(requestStructureIssues(send, { Header: [header, header], Thing: [{}] })).toEqual([
      expect.objectContaining({
        field: 'Header',
        message: 'Элемент Header указан в SendThingsRequest более одного раза',
      }),
    ]);
    expect(requestStructureIssues(send, { Header: { ...header, Admin: '1' }, Junk: '1' })).toEqual([
      expect.objectContaining({ field: 'Header.Admin', message: 'Неизвестный элемент Admin в Header' }),
      expect.objectContaining({ field: 'Junk', message: 'Неизвестный элемент Junk в SendThingsRequest' }),
    ]);
    const get = shapes.element('GetThingsRequest')!;
    expect(requestStructureIssues(get, { Limit: ['1', '2'] })).toEqual([
      expect.objectContaining({
        field: 'Limit',
        message: 'Элемент Limit указан в GetThingsRequest более одного раза',
      }),
    ]);
    expect(requestStructureIssues(get, {})).toEqual([]);
  });
});
