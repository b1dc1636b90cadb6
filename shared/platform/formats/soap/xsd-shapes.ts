import { SaxesParser, type SaxesTagNS } from 'saxes';
import { type FlkIssue, flkError } from '../../flk/issue';

/**
 * What a SOAP request may hold, read once from the service's own WSDL (wsdl.ts: SOAP 1.1, document/literal, the
 * XSD inline): every element a complex type allows, how often, and whether it holds text or elements. The SOAP
 * wrapper and the operations compare the request as read (envelope-scan.ts keeps any element it is sent) against
 * it, so an unknown `<IsAdmin>` or a repeated single element is named, never passed on silently.
 */

const xsdNamespace = 'http://www.w3.org/2001/XMLSchema';

/** One element a complex type allows. */
export interface XsdElement {
  name: string;
  /** Most occurrences (`Infinity` for `unbounded`). */
  maxOccurs: number;
  /** The elements it holds (a complex type), or null for a value (a simple type). */
  content: XsdContent | null;
}

/** The elements of a complex type, by name. */
export interface XsdContent {
  elements: ReadonlyMap<string, XsdElement>;
}

export interface XsdShapes {
  /** The service's target namespace (`urn:omslink:<service>:<major>`). */
  namespace: string;
  /** A top-level element of the service's schema (`<Op>Request`), or undefined. */
  element(name: string): XsdElement | undefined;
}

/** Rule of the structure issues of a SOAP request (F012 903/904, like the file readers' `…XML.TAG`). */
export const soapStructureRule = 'SOAP.XML.TAG';

/** Structure issues kept per checked element: a record of thousands of unknown elements says enough with these. */
const maxIssues = 100;

interface Declared {
  name: string;
  maxOccurs: number;
  /** `{namespace}local` of a named type, or null. */
  type: string | null;
  inline: Declared[] | null;
}

/**
 * Reads the schema of the WSDL's target namespace (the other inline schemas, such as the Fault detail's, are
 * not the requests'). Types are resolved by name, in any order; a type of the XSD namespace is a value.
 */
export function xsdShapes(wsdl: string): XsdShapes {
  const parser = new SaxesParser({ xmlns: true });
  const types = new Map<string, Declared[]>();
  const topLevel = new Map<string, Declared>();
  let namespace = '';
  /** Stack depth of the open schema of the target namespace (-1: outside it). */
  let schemaDepth = -1;
  /**
   * Per open element: where a child `xs:element` goes (the list of the complex type around it) and what a child
   * `xs:complexType` describes (the element declared around it); `xs:sequence`, `xs:all` … pass both through.
   */
  const stack: { list: Declared[] | null; decl: Declared | null }[] = [];
  const outside = { list: null, decl: null };

  const attr = (tag: SaxesTagNS, name: string) => tag.attributes[name]?.value;
  const qualified = (qname: string) => {
    const i = qname.indexOf(':');
    const uri = parser.resolve(i < 0 ? '' : qname.slice(0, i)) ?? '';
    return `{${uri}}${qname.slice(i + 1)}`;
  };

  parser.on('opentag', (tag) => {
    if (stack.length === 0 && tag.local === 'definitions') namespace = attr(tag, 'targetNamespace') ?? '';
    if (schemaDepth < 0) {
      const target = tag.uri === xsdNamespace && tag.local === 'schema';
      if (target && attr(tag, 'targetNamespace') === namespace) schemaDepth = stack.length;
      stack.push(outside);
      return;
    }
    const around = stack[stack.length - 1]!;
    const atTop = stack.length === schemaDepth + 1;
    const name = attr(tag, 'name');
    if (tag.uri === xsdNamespace && tag.local === 'complexType') {
      const list: Declared[] = [];
      if (atTop && name) types.set(`{${namespace}}${name}`, list);
      else if (around.decl) around.decl.inline = list;
      stack.push({ list, decl: null });
    } else if (tag.uri === xsdNamespace && tag.local === 'element' && name) {
      const max = attr(tag, 'maxOccurs');
      const type = attr(tag, 'type');
      const decl: Declared = {
        name,
        maxOccurs: max === undefined ? 1 : max === 'unbounded' ? Number.POSITIVE_INFINITY : Number(max),
        type: type ? qualified(type) : null,
        inline: null,
      };
      if (atTop) topLevel.set(name, decl);
      else around.list?.push(decl);
      stack.push({ list: null, decl });
    } else stack.push(around);
  });
  parser.on('closetag', () => {
    stack.pop();
    if (stack.length === schemaDepth) schemaDepth = -1;
  });
  parser.write(wsdl).close();

  // Named types become shared content objects (filled after creation, so a type may contain itself).
  const contents = new Map<string, { elements: Map<string, XsdElement> }>();
  const resolve = (decl: Declared): XsdElement => {
    let content: XsdContent | null = null;
    if (decl.inline) content = { elements: new Map(decl.inline.map((d) => [d.name, resolve(d)])) };
    else if (decl.type && types.has(decl.type)) {
      let named = contents.get(decl.type);
      if (!named) {
        named = { elements: new Map() };
        contents.set(decl.type, named);
        for (const d of types.get(decl.type)!) named.elements.set(d.name, resolve(d));
      }
      content = named;
    }
    return { name: decl.name, maxOccurs: decl.maxOccurs, content };
  };
  const elements = new Map([...topLevel].map(([name, decl]) => [name, resolve(decl)]));
  return { namespace, element: (name) => elements.get(name) };
}

/** Where issues of one checked element go, with the path of the element inside what is checked. */
interface Sink {
  issues: FlkIssue[];
  push(issue: FlkIssue): void;
}

const sink = (): Sink => {
  const issues: FlkIssue[] = [];
  return { issues, push: (issue) => issues.length < maxIssues && issues.push(issue) };
};

const textValue = (value: unknown) =>
  value !== null && typeof value !== 'object' && String(value).trim() !== '' ? String(value) : undefined;

function checkValue(decl: XsdElement, value: unknown, path: string, out: Sink): void {
  if (value === undefined || value === null) return;
  if (decl.content) {
    if (typeof value !== 'object') {
      if (textValue(value) !== undefined) {
        out.push(
          flkError(
            soapStructureRule,
            '903',
            `Элемент ${decl.name} должен содержать вложенные элементы, а не текст`,
            path,
            textValue(value),
          ),
        );
      }
      return;
    }
    checkContent(decl.content, value as Record<string, unknown>, decl.name, path, out);
  } else if (typeof value === 'object') {
    out.push(
      flkError(soapStructureRule, '903', `Элемент ${decl.name} не может содержать вложенных элементов`, path),
    );
  }
}

function checkContent(
  content: XsdContent,
  value: Record<string, unknown>,
  owner: string,
  prefix: string,
  out: Sink,
  skip?: (decl: XsdElement) => boolean,
): void {
  for (const [name, v] of Object.entries(value)) {
    const at = prefix ? `${prefix}.${name}` : name;
    if (name === '$value') {
      out.push(
        flkError(
          soapStructureRule,
          '903',
          `Элемент ${owner} должен содержать только вложенные элементы, без текста между ними`,
          prefix || owner,
        ),
      );
      continue;
    }
    const decl = content.elements.get(name);
    if (!decl) {
      out.push(
        flkError(soapStructureRule, '904', `Неизвестный элемент ${name} в ${owner}`, at, textValue(v)),
      );
      continue;
    }
    if (skip?.(decl)) continue;
    const items = Array.isArray(v) ? v : [v];
    if (decl.maxOccurs === 1 && items.length > 1) {
      out.push(flkError(soapStructureRule, '904', `Элемент ${name} указан в ${owner} более одного раза`, at));
      continue;
    }
    if (items.length > decl.maxOccurs) {
      out.push(
        flkError(
          soapStructureRule,
          '904',
          `Элементов ${name} в ${owner} не может быть больше ${decl.maxOccurs}`,
          at,
          String(items.length),
        ),
      );
      continue;
    }
    items.forEach((item, i) => {
      checkValue(decl, item, decl.maxOccurs > 1 ? `${at}[${i + 1}]` : at, out);
    });
  }
}

/**
 * Structure issues of one element's value as the request holds it (envelope-scan.ts)
 * against its declaration: an unknown element, a single element repeated, more elements than `maxOccurs`,
 * elements inside a value or text where elements belong. Fields are paths inside the element (`IsAdmin`,
 * `Patient.Foo`, `Policy[2].Bar`). Missing elements are not structure: the record's schema names them.
 */
export function structureIssues(decl: XsdElement, value: unknown): FlkIssue[] {
  const out = sink();
  checkValue(decl, value, '', out);
  return out.issues;
}

/** The package limit: a request with more records than the WSDL allows is refused as a whole. */
export function tooManyRecordsMessage(max: number): string {
  return `В пакете больше ${max} записей: разделите его`;
}

/**
 * Structure issues of a request element's value, except inside its records — the elements it may hold more
 * than once (`Referral`, `Person` …), which are judged one by one (`structureIssues`), so that one bad record
 * does not refuse the package. More records than `maxOccurs` is an issue of the request (the package limit).
 */
export function requestStructureIssues(request: XsdElement, value: unknown): FlkIssue[] {
  const out = sink();
  if (value === undefined || value === null || !request.content) return out.issues;
  if (typeof value !== 'object') {
    checkValue(request, value, '', out);
    return out.issues;
  }
  const args = value as Record<string, unknown>;
  checkContent(request.content, args, request.name, '', out, (decl) => {
    if (decl.maxOccurs <= 1) return false;
    const v = args[decl.name];
    const count = Array.isArray(v) ? v.length : 1;
    if (count > decl.maxOccurs) {
      out.push(
        flkError(soapStructureRule, '904', tooManyRecordsMessage(decl.maxOccurs), decl.name, String(count)),
      );
    }
    return true;
  });
  return out.issues;
}
