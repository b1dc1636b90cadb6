import { describe, expect, it } from 'vitest';
import {
  contentTypeCharset,
  declareUtf8,
  decodeSoapBody,
  prologEncoding,
  soapCharset,
} from '../../functions/lib/soap-charset';
import { cp1251 } from '../helpers/cp1251';

const prolog1251 = '<?xml version="1.0" encoding="windows-1251"?>';
const doc = (prolog: string, text = 'Иванов Пётр') =>
  `${prolog}<soap:Envelope><m:Fam>${text}</m:Fam></soap:Envelope>`;

describe('SOAP request charset: Content-Type charset, then the XML declaration, default UTF-8', () => {
  it('reads the charset parameter of Content-Type (quoted, any case) and the encoding of the XML declaration', () => {
    expect(contentTypeCharset('text/xml; charset=windows-1251')).toBe('windows-1251');
    expect(contentTypeCharset('application/soap+xml;action="x";Charset="UTF-8"')).toBe('utf-8');
    expect(contentTypeCharset('text/xml')).toBeNull();
    expect(contentTypeCharset(undefined)).toBeNull();
    expect(prologEncoding(cp1251(doc(prolog1251)))).toBe('windows-1251');
    expect(prologEncoding("<?xml version='1.0' encoding='CP1251' standalone='yes'?><a/>")).toBe('cp1251');
    expect(prologEncoding('<?xml version="1.0"?><a/>')).toBeNull();
    expect(prologEncoding('<a encoding="windows-1251"/>')).toBeNull();
  });

  it('lets the Content-Type charset win over the declaration, and defaults to UTF-8', () => {
    const body = cp1251(doc(prolog1251));
    expect(soapCharset('text/xml; charset=windows-1251', body)).toEqual({
      ok: true,
      encoding: 'windows-1251',
      source: 'content-type',
    });
    expect(soapCharset('text/xml; charset=utf-8', body)).toEqual({
      ok: true,
      encoding: 'utf-8',
      source: 'content-type',
    });
    expect(soapCharset('text/xml', body)).toEqual({ ok: true, encoding: 'windows-1251', source: 'prolog' });
    expect(soapCharset('text/xml', '<?xml version="1.0"?><a/>')).toEqual({
      ok: true,
      encoding: 'utf-8',
      source: 'default',
    });
    expect(soapCharset(undefined, Buffer.from([0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x2f, 0x3e]))).toEqual({
      ok: true,
      encoding: 'utf-8',
      source: 'bom',
    });
  });

  it('refuses encodings other than UTF-8 and windows-1251, naming the declared one', () => {
    expect(soapCharset('text/xml; charset=koi8-r', '<a/>')).toEqual({
      ok: false,
      declared: 'koi8-r',
      source: 'content-type',
    });
    expect(soapCharset('text/xml', '<?xml version="1.0" encoding="ISO-8859-5"?><a/>')).toEqual({
      ok: false,
      declared: 'iso-8859-5',
      source: 'prolog',
    });
    expect(soapCharset(undefined, Buffer.from([0xff, 0xfe, 0x3c, 0x00]))).toMatchObject({ ok: false });
  });

  it('decodes windows-1251 bytes declared either way and hands on text that declares UTF-8', () => {
    for (const [contentType, prolog] of [
      ['text/xml', prolog1251],
      ['text/xml; charset=windows-1251', '<?xml version="1.0"?>'],
      ['text/xml; charset=windows-1251', prolog1251],
    ] as const) {
      const decoded = decodeSoapBody(cp1251(doc(prolog, 'Ёлкина Наталья № 5 «тест»')), contentType);
      expect(decoded, contentType).toMatchObject({ ok: true, encoding: 'windows-1251' });
      const text = decoded.ok ? decoded.text : '';
      expect(text).toContain('<m:Fam>Ёлкина Наталья № 5 «тест»</m:Fam>');
      expect(text).not.toMatch(/1251/);
    }
  });

  it('decodes UTF-8, refusing bytes that are not UTF-8 instead of reading garbage', () => {
    const utf8 = Buffer.from(doc('<?xml version="1.0" encoding="utf-8"?>'), 'utf8');
    expect(decodeSoapBody(utf8, 'text/xml; charset=utf-8')).toEqual({
      ok: true,
      encoding: 'utf-8',
      text: doc('<?xml version="1.0" encoding="utf-8"?>'),
    });
    expect(decodeSoapBody(cp1251(doc('')), 'text/xml')).toEqual({
      ok: false,
      reason: 'invalid',
      encoding: 'utf-8',
    });
    expect(decodeSoapBody('<a/>', 'text/xml; charset=utf-16')).toEqual({
      ok: false,
      reason: 'unsupported',
      declared: 'utf-16',
    });
  });

  it('takes a body that already arrived as text as it is, only its declaration rewritten', () => {
    expect(decodeSoapBody(doc(prolog1251), 'text/xml')).toEqual({
      ok: true,
      encoding: 'windows-1251',
      text: doc('<?xml version="1.0" encoding="utf-8"?>'),
    });
    expect(declareUtf8("<?xml version='1.0' encoding='cp1251'?><a/>")).toBe(
      '<?xml version=\'1.0\' encoding="utf-8"?><a/>',
    );
    expect(declareUtf8('<a encoding="windows-1251"/>')).toBe('<a encoding="windows-1251"/>');
  });
});
