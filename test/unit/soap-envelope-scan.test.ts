import { describe, expect, it } from 'vitest';
import type { Refusal } from '../../shared/platform/flk/refusal';
import { scanEnvelope, soap11Namespace } from '../../shared/platform/formats/soap/envelope-scan';

const ns = 'urn:omslink:test:1';
const wsse = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';

const envelope = (body: string, { envelopeNs = soap11Namespace, header = '' } = {}) =>
  `<?xml version="1.0"?><soap:Envelope xmlns:soap="${envelopeNs}" xmlns:m="${ns}">` +
  `${header}<soap:Body>${body}</soap:Body></soap:Envelope>`;

/** The refusal `scanEnvelope` throws, as code + message. */
function refusalOf(xml: string): { code: string; detail: string } {
  try {
    scanEnvelope(xml);
  } catch (error) {
    const refusal = error as Refusal;
    return { code: refusal.code, detail: refusal.detail };
  }
  throw new Error('not refused');
}

describe('SOAP envelope scan', () => {
  it('reads the root, the one Body element with its namespace, and the UsernameToken', () => {
    const header =
      `<soap:Header><wsse:Security xmlns:wsse="${wsse}"><wsse:UsernameToken>` +
      '<wsse:Username> soap_mo </wsse:Username><wsse:Password>secret</wsse:Password>' +
      '</wsse:UsernameToken></wsse:Security></soap:Header>';
    expect(
      scanEnvelope(
        envelope('\n  <m:GetThingsRequest><m:Limit>1</m:Limit></m:GetThingsRequest>\n', { header }),
      ),
    ).toEqual({
      root: { namespace: soap11Namespace, name: 'Envelope' },
      bodyElement: { namespace: ns, name: 'GetThingsRequest' },
      bodyElementCount: 1,
      username: 'soap_mo',
      password: 'secret',
      request: { Limit: '1' },
    });
  });

  it('reads the request element as plain values: elements by local name, repeats as arrays, text as sent', () => {
    const xsi = 'http://www.w3.org/2001/XMLSchema-instance';
    const scan = scanEnvelope(
      envelope(
        `<m:SendThingsRequest xmlns:xsi="${xsi}"><m:Header><m:PackageId> p-1 </m:PackageId></m:Header>` +
          '<m:Thing><m:Date>2026-02-31</m:Date><m:Count>12abc</m:Count><m:Note/><m:Patient><m:Enp>1</m:Enp></m:Patient></m:Thing>' +
          `<m:Thing id="7"><m:Date xsi:type="xs:date">2026-01-01</m:Date><m:Ot xsi:nil="true"/><m:Nil xsi:nil="false">x</m:Nil></m:Thing>` +
          '<m:Thing><![CDATA[<b>&]]></m:Thing><other:X xmlns:other="urn:x">1 &amp; 2</other:X></m:SendThingsRequest>',
      ),
    );
    expect(scan.request).toEqual({
      Header: { PackageId: ' p-1 ' },
      Thing: [
        { Date: '2026-02-31', Count: '12abc', Note: '', Patient: { Enp: '1' } },
        { Date: '2026-01-01', Ot: null, Nil: 'x' },
        '<b>&',
      ],
      X: '1 & 2',
    });
    expect(scanEnvelope(envelope('<m:GetThingsRequest/>')).request).toEqual({});
    expect(scanEnvelope(envelope('')).request).toBeNull();
    // Only the first body element is read (a second one is refused by the dispatcher).
    expect(scanEnvelope(envelope('<m:A><m:B>1</m:B></m:A><m:C><m:D>2</m:D></m:C>')).request).toEqual({
      B: '1',
    });
  });

  it('counts every element of the Body: none, or two operations', () => {
    expect(scanEnvelope(envelope(''))).toMatchObject({ bodyElement: null, bodyElementCount: 0 });
    expect(
      scanEnvelope(envelope('<m:SendThingsRequest><m:X>1</m:X></m:SendThingsRequest><m:GetThingsRequest/>')),
    ).toMatchObject({ bodyElement: { namespace: ns, name: 'SendThingsRequest' }, bodyElementCount: 2 });
  });

  it('resolves namespaces: a default namespace, another one, none; a Body of another namespace is no Body', () => {
    expect(scanEnvelope(envelope(`<GetThingsRequest xmlns="${ns}"/>`)).bodyElement).toEqual({
      namespace: ns,
      name: 'GetThingsRequest',
    });
    expect(scanEnvelope(envelope('<x:GetThingsRequest xmlns:x="urn:omslink:other:1"/>')).bodyElement).toEqual(
      { namespace: 'urn:omslink:other:1', name: 'GetThingsRequest' },
    );
    expect(scanEnvelope(envelope('<GetThingsRequest/>')).bodyElement).toEqual({
      namespace: '',
      name: 'GetThingsRequest',
    });
    const otherBody = `<soap:Envelope xmlns:soap="${soap11Namespace}"><b:Body xmlns:b="urn:x"><m:A xmlns:m="${ns}"/></b:Body></soap:Envelope>`;
    expect(scanEnvelope(otherBody)).toMatchObject({ bodyElement: null, bodyElementCount: 0 });
  });

  it('reports the envelope namespace as sent: SOAP 1.2, none, or not an envelope at all', () => {
    const soap12 = 'http://www.w3.org/2003/05/soap-envelope';
    expect(scanEnvelope(envelope('<m:GetThingsRequest/>', { envelopeNs: soap12 })).root).toEqual({
      namespace: soap12,
      name: 'Envelope',
    });
    expect(scanEnvelope('<Envelope><Body><GetThingsRequest/></Body></Envelope>').root).toEqual({
      namespace: '',
      name: 'Envelope',
    });
    expect(scanEnvelope(`<m:GetThingsRequest xmlns:m="${ns}"/>`)).toMatchObject({
      root: { namespace: ns, name: 'GetThingsRequest' },
      bodyElement: null,
    });
  });

  it('refuses DOCTYPE, malformed XML and an undeclared prefix', () => {
    expect(refusalOf(`<!DOCTYPE x [<!ENTITY e "y">]>${envelope('')}`).code).toBe('SOAP-DTD');
    expect(refusalOf(envelope('<m:A>').replace('</soap:Body>', '')).code).toBe('SOAP-XML');
    expect(refusalOf('hello, world').code).toBe('SOAP-XML');
    expect(
      refusalOf(
        `<soap:Envelope xmlns:soap="${soap11Namespace}"><soap:Body><q:A/></soap:Body></soap:Envelope>`,
      ),
    ).toEqual({
      code: 'SOAP-XML',
      detail: 'Запрос не является корректным XML: префикс пространства имён «q» не объявлен',
    });
  });

  it('refuses what node-soap cannot read faithfully: text beside elements, names of Object.prototype', () => {
    expect(refusalOf(envelope('<m:A>text<m:B>1</m:B></m:A>'))).toEqual({
      code: '903',
      detail: 'Элемент A содержит одновременно текст и вложенные элементы',
    });
    expect(refusalOf(envelope('<m:A><m:B>1</m:B>text</m:A>')).code).toBe('903');
    expect(refusalOf(envelope('<m:A><![CDATA[x]]><m:B/></m:A>')).code).toBe('903');
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(refusalOf(envelope(`<m:A><m:${name}>1</m:${name}></m:A>`)), name).toEqual({
        code: '904',
        detail: `Неизвестный элемент ${name}`,
      });
    }
    // Whitespace between elements is no text.
    expect(scanEnvelope(envelope('<m:A>\n  <m:B>1</m:B>\n</m:A>')).bodyElementCount).toBe(1);
  });
});
