import { SaxesParser } from 'saxes';

export interface EnvelopeScan {
  /** Local name of the first element in soap:Body (document/literal: the operation's request element). */
  bodyElement: string | null;
  username: string | null;
  password: string | null;
}

export class EnvelopeError extends Error {
  constructor(
    readonly code: 'doctype' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads what the dispatcher needs before node-soap sees a request: the operation element and the
 * WS-Security UsernameToken. Refuses DOCTYPE (no entity expansion on any channel) and malformed XML.
 */
export function scanEnvelope(xml: string): EnvelopeScan {
  const parser = new SaxesParser({ xmlns: false });
  const result: EnvelopeScan = { bodyElement: null, username: null, password: null };
  const stack: string[] = [];
  let text = '';
  let failure: EnvelopeError | undefined;
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  parser.on('doctype', () => {
    failure ??= new EnvelopeError('doctype', 'DOCTYPE is not allowed');
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
  parser.on('error', (e) => {
    failure ??= new EnvelopeError('malformed', e.message);
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    failure ??= new EnvelopeError('malformed', (error as Error).message);
  }
  if (failure) throw failure;
  return result;
}
