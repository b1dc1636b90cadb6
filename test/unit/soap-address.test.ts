import { describe, expect, it } from 'vitest';
import { publicBaseUrl, soapAddress, validHost, withSoapAddress } from '../../functions/lib/soap-address';

const wsdl =
  '<wsdl:service name="ErzService"><wsdl:port name="ErzPort" binding="tns:ErzBinding">' +
  '<soap:address location="http://localhost:3000/soap/ErzService"/></wsdl:port></wsdl:service>';

describe('WSDL soap:address', () => {
  it('is the configured public base URL when one is set', () => {
    expect(soapAddress('ErzService', { headers: { host: 'x:1' } }, 'https://omslink.example/')).toBe(
      'https://omslink.example/soap/ErzService',
    );
    expect(soapAddress('ErzService', { headers: {} }, 'https://omslink.example/oms')).toBe(
      'https://omslink.example/oms/soap/ErzService',
    );
    expect(publicBaseUrl('ftp://omslink.example')).toBeUndefined();
    expect(publicBaseUrl('not a url')).toBeUndefined();
  });

  it('is the address the client reached: Host, or X-Forwarded-Proto + X-Forwarded-Host', () => {
    expect(soapAddress('ErzService', { headers: { host: '127.0.0.1:41234' } })).toBe(
      'http://127.0.0.1:41234/soap/ErzService',
    );
    expect(
      soapAddress('ErzService', {
        headers: {
          Host: '127.0.0.1:41234',
          'X-Forwarded-Proto': 'https',
          'X-Forwarded-Host': 'omslink.example',
        },
      }),
    ).toBe('https://omslink.example/soap/ErzService');
    expect(
      soapAddress('ErzService', { headers: { 'x-forwarded-host': 'a.example, b.example', host: 'c' } }),
    ).toBe('http://a.example/soap/ErzService');
  });

  it('keeps the API Gateway stage in the path (execute-api host)', () => {
    expect(
      soapAddress('ErzService', {
        headers: { Host: 'abc123.execute-api.eu-central-1.amazonaws.com', 'X-Forwarded-Proto': 'https' },
        path: '/prod/soap/ErzService',
      }),
    ).toBe('https://abc123.execute-api.eu-central-1.amazonaws.com/prod/soap/ErzService');
    expect(soapAddress('ErzService', { headers: { host: 'h' }, path: '/x/<b>/soap/ErzService' })).toBe(
      'http://h/soap/ErzService',
    );
  });

  it('ignores a Host or protocol that is not host[:port] or http(s): no markup can be injected', () => {
    expect(validHost('omslink.example:8443')).toBe('omslink.example:8443');
    expect(validHost('[::1]:3000')).toBe('[::1]:3000');
    for (const bad of ['a"/><x', 'a b', 'a/b', 'a:port', 'user@host', ''])
      expect(validHost(bad), bad).toBeUndefined();
    expect(soapAddress('ErzService', { headers: { host: 'evil"><x/>' } })).toBeNull();
    expect(
      soapAddress('ErzService', {
        headers: { host: 'h', 'x-forwarded-host': '"><x/>', 'x-forwarded-proto': 'javascript' },
      }),
    ).toBe('http://h/soap/ErzService');
  });

  it('replaces the placeholder location in the WSDL text', () => {
    expect(withSoapAddress(wsdl, 'https://omslink.example/soap/ErzService')).toBe(
      wsdl.replace('http://localhost:3000', 'https://omslink.example'),
    );
  });
});
