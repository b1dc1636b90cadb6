import { SaxesParser } from 'saxes';
import { Refusal } from '../../flk/refusal';

export interface EnvelopeScan {
  /** Local name of the first element in soap:Body (document/literal: the operation's request element). */
  bodyElement: string | null;
  username: string | null;
  password: string | null;
}

const doctype = () => Refusal.request('SOAP-DTD', 'DOCTYPE в запросе запрещён');
const malformed = () => Refusal.request('SOAP-XML', 'Запрос не является корректным XML');

/**
 * Reads what the dispatcher needs before node-soap sees a request: the operation element and the
 * WS-Security UsernameToken. Refuses DOCTYPE (no entity expansion on any channel) and malformed XML with a
 * `Refusal` (codes SOAP-DTD, SOAP-XML; the detail is the Fault's Russian message).
 */
export function scanEnvelope(xml: string): EnvelopeScan {
  const parser = new SaxesParser({ xmlns: false });
  const result: EnvelopeScan = { bodyElement: null, username: null, password: null };
  const stack: string[] = [];
  let text = '';
  let failure: Refusal | undefined;
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  parser.on('doctype', () => {
    failure ??= doctype();
  });
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    if (stack.length === 2 && stack[1] === 'Body' && !result.bodyElement) result.bodyElement = name;
    stack.push(name);
    text = '';
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    const name = local(tag.name);
    if (stack.includes('UsernameToken')) {
      if (name === 'Username') result.username = text.trim();
      if (name === 'Password') result.password = text.trim();
    }
    stack.pop();
    text = '';
  });
  parser.on('error', () => {
    failure ??= malformed();
  });
  try {
    parser.write(xml).close();
  } catch {
    failure ??= malformed();
  }
  if (failure) throw failure;
  return result;
}
