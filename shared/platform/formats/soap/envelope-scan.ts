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
  /**
   * The value of the (first) body element — the operation's request — as the operations read it: an element of
   * elements is an object keyed by local name (an element occurring more than once: an array), an element of
   * text is its text as sent (`''` when empty), `xsi:nil="true"` is null; attributes are not part of the
   * contract and are left out. Null when the Body holds no element.
   */
  request: Record<string, unknown> | null;
}

const xsiNamespace = 'http://www.w3.org/2001/XMLSchema-instance';

/** An element being read inside the request element: its children so far, its text, whether it is nil. */
interface OpenValue {
  children: Record<string, unknown> | null;
  text: string;
  nil: boolean;
}

/** `xsi:nil="true"` (or `1`) among an element's attributes. */
function isNil(attributes: Record<string, { uri: string; local: string; value: string }>): boolean {
  for (const a of Object.values(attributes)) {
    if (a.local === 'nil' && a.uri === xsiNamespace) return /^\s*(?:true|1)\s*$/.test(a.value);
  }
  return false;
}

function put(into: Record<string, unknown>, name: string, value: unknown): void {
  if (!Object.hasOwn(into, name)) into[name] = value;
  else {
    const held = into[name];
    if (Array.isArray(held)) held.push(value);
    else into[name] = [held, value];
  }
}

const doctype = () => Refusal.request('SOAP-DTD', 'DOCTYPE в запросе запрещён');
const malformed = () => Refusal.request('SOAP-XML', 'Запрос не является корректным XML');
const unboundPrefix = (prefix: string) =>
  Refusal.request(
    'SOAP-XML',
    `Запрос не является корректным XML: префикс пространства имён «${prefix.slice(0, 32)}» не объявлен`,
  );
/** Requests are read into plain objects keyed by element name: a name of Object.prototype is no element of ours. */
const prototypeNames: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
const reservedName = (name: string) =>
  Refusal.request('904', `Неизвестный элемент ${name.slice(0, 64)}`, name.slice(0, 64));
/** The contract has no mixed content: text beside child elements would be lost. */
const mixedContent = (name: string) =>
  Refusal.request(
    '903',
    `Элемент ${name.slice(0, 64)} содержит одновременно текст и вложенные элементы`,
    name.slice(0, 64),
  );

/**
 * Reads a SOAP request in one pass, namespace-aware: the root and the elements of the `Body` (the operation
 * element, its namespace, how many there are), the WS-Security UsernameToken and the request element's value
 * (`request`). Refuses with a `Refusal` (the detail is the Fault's Russian message): DOCTYPE (SOAP-DTD: no
 * entity expansion on any channel), malformed XML or an undeclared prefix (SOAP-XML), an element named like an
 * Object.prototype member (904: values are plain objects keyed by element name) and text beside child elements
 * (903: the contract has no mixed content).
 */
export function scanEnvelope(xml: string): EnvelopeScan {
  const parser = new SaxesParser({ xmlns: true });
  const result: EnvelopeScan = {
    root: null,
    bodyElement: null,
    bodyElementCount: 0,
    username: null,
    password: null,
    request: null,
  };
  /** Values of the open elements from the request element down (empty outside it). */
  const values: OpenValue[] = [];
  /** Stack depth of the request element (-1: not inside it). */
  let requestDepth = -1;
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
    const value = values[values.length - 1];
    if (value) value.text += t;
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
      if (!result.bodyElement) {
        result.bodyElement = name;
        requestDepth = stack.length;
      }
    }
    if (requestDepth >= 0) {
      const holder = values[values.length - 1];
      if (holder) holder.children ??= {};
      values.push({
        children: null,
        text: '',
        nil: isNil(tag.attributes),
      });
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
    if (requestDepth >= 0) {
      const open = values.pop()!;
      const value = open.nil ? null : (open.children ?? open.text);
      const holder = values[values.length - 1];
      if (holder) put(holder.children!, tag.local, value);
      else {
        result.request = open.children ?? {};
        requestDepth = -1;
      }
    }
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
