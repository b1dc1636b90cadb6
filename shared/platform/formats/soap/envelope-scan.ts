import { SaxesParser } from 'saxes';
import { Refusal } from '../../flk/refusal';

/** Namespace of the SOAP 1.1 envelope, the one version the services speak (wsdl.ts). */
export const soap11Namespace = 'http://schemas.xmlsoap.org/soap/envelope/';

/** An element's namespace (`''` for none) and local name. */
export interface XmlName {
  namespace: string;
  name: string;
}

export interface EnvelopeScan {
  /** The root element (a SOAP 1.1 request: `Envelope` in `soap11Namespace`). */
  root: XmlName | null;
  /**
   * The first element in the envelope's `Body` (document/literal: the operation's request element); the
   * `Body` counts only as a child of the root in the root's namespace.
   */
  bodyElement: XmlName | null;
  /** How many elements the `Body` holds directly (exactly one for a request); `Body`s added up. */
  bodyElementCount: number;
  username: string | null;
  password: string | null;
}

const doctype = () => Refusal.request('SOAP-DTD', 'DOCTYPE в запросе запрещён');
const malformed = () => Refusal.request('SOAP-XML', 'Запрос не является корректным XML');
const unboundPrefix = (prefix: string) =>
  Refusal.request(
    'SOAP-XML',
    `Запрос не является корректным XML: префикс пространства имён «${prefix.slice(0, 32)}» не объявлен`,
  );
/** node-soap reads elements into plain objects: a name of Object.prototype breaks it (a 500, not the caller's). */
const prototypeNames: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
const reservedName = (name: string) =>
  Refusal.request('904', `Неизвестный элемент ${name.slice(0, 64)}`, name.slice(0, 64));
/** node-soap loses or breaks on text beside child elements (it keeps one or the other, or fails). */
const mixedContent = (name: string) =>
  Refusal.request(
    '903',
    `Элемент ${name.slice(0, 64)} содержит одновременно текст и вложенные элементы`,
    name.slice(0, 64),
  );

/**
 * Reads what the dispatcher needs before node-soap sees a request, namespace-aware: the root and the elements of
 * the `Body` (the operation element, its namespace, how many there are) and the WS-Security UsernameToken.
 * Refuses with a `Refusal` (the detail is the Fault's Russian message): DOCTYPE (SOAP-DTD: no entity expansion
 * on any channel), malformed XML or an undeclared prefix (SOAP-XML), and what node-soap cannot read faithfully —
 * an element named like an Object.prototype member (904), text beside child elements (903).
 */
export function scanEnvelope(xml: string): EnvelopeScan {
  const parser = new SaxesParser({ xmlns: true });
  const result: EnvelopeScan = {
    root: null,
    bodyElement: null,
    bodyElementCount: 0,
    username: null,
    password: null,
  };
  /** Open elements: local name, whether it is the envelope's Body, whether it holds elements / text. */
  const stack: { name: string; body: boolean; elements: boolean; text: boolean }[] = [];
  let text = '';
  let inToken = 0;
  let failure: Refusal | undefined;
  const fail = (refusal: Refusal) => {
    failure ??= refusal;
  };
  const addText = (t: string) => {
    text += t;
    const open = stack[stack.length - 1];
    if (open && t.trim() !== '') {
      open.text = true;
      if (open.elements) fail(mixedContent(open.name));
    }
  };
  parser.on('doctype', () => fail(doctype()));
  parser.on('opentag', (tag) => {
    const parent = stack[stack.length - 1];
    if (prototypeNames.has(tag.local)) fail(reservedName(tag.local));
    if (parent) {
      parent.elements = true;
      if (parent.text) fail(mixedContent(parent.name));
    }
    const name: XmlName = { namespace: tag.uri, name: tag.local };
    if (stack.length === 0) result.root = name;
    if (parent?.body) {
      result.bodyElementCount++;
      result.bodyElement ??= name;
    }
    const body = stack.length === 1 && tag.local === 'Body' && tag.uri === result.root?.namespace;
    if (tag.local === 'UsernameToken') inToken++;
    stack.push({ name: tag.local, body, elements: false, text: false });
    text = '';
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', (tag) => {
    if (inToken > 0) {
      if (tag.local === 'Username') result.username = text.trim();
      if (tag.local === 'Password') result.password = text.trim();
    }
    if (tag.local === 'UsernameToken') inToken--;
    stack.pop();
    text = '';
  });
  parser.on('error', (error) => {
    const prefix = /unbound namespace prefix: "([^"]*)"/.exec(error.message)?.[1];
    fail(prefix === undefined ? malformed() : unboundPrefix(prefix));
  });
  try {
    parser.write(xml).close();
  } catch {
    fail(malformed());
  }
  if (failure) throw failure;
  return result;
}
