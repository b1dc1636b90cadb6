import { describe, expect, it } from 'vitest';
import {
  checkSoapAction,
  operationOfAction,
  requestActions,
  wsdlActions,
} from '../../functions/lib/soap-action';
import { buildWsdl } from '../../shared/platform/formats/soap/wsdl';

const ns = 'urn:omslink:test:1';
const wsdl = buildWsdl({
  service: 'TestService',
  prefix: 'Test',
  namespace: ns,
  documentation: 'Тест.',
  schema: '',
  operations: ['SendThings', 'GetThings'],
});
const actions = wsdlActions(wsdl);
const check = (requested: string[], body = 'SendThings') =>
  checkSoapAction(requested, body, 'TestService', actions);

describe('SOAP action', () => {
  it('reads the operations and actions of a WSDL binding', () => {
    expect([...actions]).toEqual([
      ['SendThings', `${ns}#SendThings`],
      ['GetThings', `${ns}#GetThings`],
    ]);
  });

  it('reads the SOAPAction header quoted or not, in any letter case, and leaves empty ones out', () => {
    expect(requestActions({ SOAPAction: `"${ns}#SendThings"` })).toEqual([`${ns}#SendThings`]);
    expect(requestActions({ soapaction: ' SendThings ' })).toEqual(['SendThings']);
    expect(requestActions({ SOAPAction: '""' })).toEqual([]);
    expect(requestActions({ SOAPAction: '' })).toEqual([]);
    expect(requestActions({})).toEqual([]);
    expect(requestActions(null)).toEqual([]);
  });

  it('reads the action parameter of an application/soap+xml Content-Type only', () => {
    expect(
      requestActions({ 'Content-Type': `application/soap+xml; charset=utf-8; action="${ns}#GetThings"` }),
    ).toEqual([`${ns}#GetThings`]);
    expect(requestActions({ 'content-type': 'application/soap+xml;action=GetThings;charset=utf-8' })).toEqual(
      ['GetThings'],
    );
    expect(requestActions({ 'content-type': 'application/soap+xml; action=""' })).toEqual([]);
    expect(requestActions({ 'content-type': 'text/xml; action="GetThings"' })).toEqual([]);
    expect(
      requestActions({
        soapaction: '"SendThings"',
        'content-type': 'application/soap+xml; action="GetThings"',
      }),
    ).toEqual(['SendThings', 'GetThings']);
  });

  it('names an operation by its WSDL action or its bare name, nothing else', () => {
    expect(operationOfAction(`${ns}#GetThings`, actions)).toBe('GetThings');
    expect(operationOfAction('GetThings', actions)).toBe('GetThings');
    expect(operationOfAction('urn:omslink:other:1#GetThings', actions)).toBeNull();
    expect(operationOfAction('getthings', actions)).toBeNull();
    expect(operationOfAction('DeleteThings', actions)).toBeNull();
  });

  it('accepts no action, the body operation’s WSDL action and its bare name', () => {
    expect(check([])).toEqual({ ok: true });
    expect(check([`${ns}#SendThings`])).toEqual({ ok: true });
    expect(check(['SendThings'])).toEqual({ ok: true });
    expect(check(['GetThings'], 'GetThings')).toEqual({ ok: true });
  });

  it('refuses an action of another operation, naming both', () => {
    const answer = check([`${ns}#GetThings`]);
    expect(answer).toMatchObject({ ok: false, code: 'SOAP-ACTION' });
    expect(answer.ok ? '' : answer.message).toMatch(/GetThings.*SendThings/);
    expect(answer.ok ? '' : answer.message).toContain(`«${ns}#SendThings»`);
    // Either source may be the wrong one
    expect(check(['SendThings', 'GetThings'])).toMatchObject({ ok: false, code: 'SOAP-ACTION' });
  });

  it('refuses an action that names no operation of the service, clipping a long one', () => {
    const answer = check(['urn:omslink:other:1#SendThings']);
    expect(answer).toMatchObject({ ok: false, code: 'SOAP-ACTION' });
    expect(answer.ok ? '' : answer.message).toMatch(/не соответствует ни одной операции сервиса TestService/);
    const long = check(['x'.repeat(5000)]);
    expect(long.ok ? 0 : long.message.length).toBeLessThan(400);
  });
});
