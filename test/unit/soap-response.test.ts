import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { scanEnvelope } from '../../shared/platform/formats/soap/envelope-scan';
import { soapResponse } from '../../shared/platform/formats/soap/soap-response';

const ns = 'urn:omslink:test:1';

describe('SOAP response', () => {
  it('writes the answer as qualified elements in key order, arrays repeated, null left out', () => {
    const xml = soapResponse(ns, 'GetThingsResponse', {
      Thing: [
        { Id: '1', Name: 'Больница <№1> & Co', Count: 3, Ok: true, Missing: null, Gone: undefined },
        { Id: '2', At: new Date('2026-12-05T10:00:00.000Z') },
      ],
      NextCursor: '42',
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
        `<GetThingsResponse xmlns="${ns}">` +
        '<Thing><Id>1</Id><Name>Больница &lt;№1&gt; &amp; Co</Name><Count>3</Count><Ok>true</Ok></Thing>' +
        '<Thing><Id>2</Id><At>2026-12-05T10:00:00.000Z</At></Thing><NextCursor>42</NextCursor>' +
        '</GetThingsResponse></soap:Body></soap:Envelope>',
    );
  });

  it('is well-formed XML that reads back to the same values', () => {
    const value = { Protocol: { PackageId: 'a&b', Record: [{ Status: 'accepted' }, { Status: '<x>' }] } };
    const xml = soapResponse(ns, 'SendThingsResponse', value);
    const parser = new SaxesParser({ xmlns: true });
    const names: string[] = [];
    parser.on('opentag', (t) => names.push(`${t.uri}|${t.local}`));
    parser.write(xml).close();
    expect(names).toContain(`${ns}|Record`);
    expect(scanEnvelope(xml).request).toEqual(value.Protocol ? { Protocol: value.Protocol } : {});
  });

  it('answers an empty response element for an empty answer', () => {
    expect(soapResponse(ns, 'PingResponse', null)).toContain(`<PingResponse xmlns="${ns}"></PingResponse>`);
  });
});
