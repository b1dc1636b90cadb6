import { SaxesParser } from 'saxes';
import { Refusal } from '../../flk/refusal';
import { type PackageRules, packageRefusal } from './package-refusal';

/**
 * Streaming element reader over saxes: text in, the caller's items out, in document order, as the text
 * arrives — memory holds the open elements and the items of the current chunk, whatever the file size. A
 * DOCTYPE (no entity expansion on any channel), malformed or truncated XML, nesting deeper than `maxDepth`
 * and text runs longer than `maxTextChars` (which would otherwise grow one string without bound) are refused
 * (F012 901, a `Refusal`).
 */

export interface XmlLimits {
  maxDepth: number;
  /** Characters between two tags (a value, or a run of anything that is no markup). */
  maxTextChars: number;
}

export const xmlLimits: XmlLimits = { maxDepth: 64, maxTextChars: 8 * 1024 ** 2 };

/** What the reader calls; a handler may throw a `Refusal` to end the read. */
export interface XmlHandler {
  /** `depth` 0 is the root; `path` holds the open elements, this one last. */
  open(
    name: string,
    attributes: Readonly<Record<string, string>>,
    depth: number,
    path: readonly string[],
  ): void;
  /** `text` is the text since the last tag: an element's value when it has no children. */
  close(name: string, text: string, depth: number, path: readonly string[]): void;
  /** After the root closed, before the last items are given out. */
  end?(): void;
}

export interface XmlSink<T> {
  emit(item: T): void;
  /** Ends the read with this refusal (the first one wins) once the current chunk is parsed. */
  fail(refusal: Refusal): void;
}

export interface XmlReadOptions {
  rules: PackageRules;
  limits?: Partial<XmlLimits>;
}

/** Pieces of text given to saxes at once: the text cap is checked between them. */
const piece = 64 * 1024;

export async function* readXmlElements<T>(
  text: AsyncIterable<string>,
  handler: (sink: XmlSink<T>) => XmlHandler,
  options: XmlReadOptions,
): AsyncGenerator<T> {
  const { maxDepth, maxTextChars } = { ...xmlLimits, ...options.limits };
  const xmlRule = options.rules.xml;
  const out: T[] = [];
  let failure: Refusal | undefined;
  const sink: XmlSink<T> = {
    emit: (item) => out.push(item),
    fail: (refusal) => {
      failure ??= refusal;
    },
  };
  const on = handler(sink);
  const parser = new SaxesParser({ xmlns: false, position: false });
  const path: string[] = [];
  let value = '';
  let sinceTag = 0;
  let rootClosed = false;

  parser.on('doctype', () =>
    sink.fail(packageRefusal(xmlRule, '901', 'Объявление DOCTYPE в файле не допускается')),
  );
  parser.on('error', (error) =>
    sink.fail(
      packageRefusal(xmlRule, '901', 'Файл не является корректным XML-документом', null, error.message),
    ),
  );
  parser.on('text', (t) => {
    value += t;
  });
  parser.on('cdata', (t) => {
    value += t;
  });
  parser.on('opentag', (tag) => {
    sinceTag = 0;
    value = '';
    if (failure) return;
    const depth = path.length;
    if (depth >= maxDepth) {
      sink.fail(packageRefusal(xmlRule, '901', `Вложенность элементов глубже ${maxDepth} уровней`, tag.name));
      return;
    }
    path.push(tag.name);
    on.open(tag.name, tag.attributes as Record<string, string>, depth, path);
  });
  parser.on('closetag', (tag) => {
    sinceTag = 0;
    const text = value;
    value = '';
    const depth = path.length - 1;
    if (failure || depth < 0) return;
    on.close(tag.name, text, depth, path);
    path.pop();
    if (depth === 0) rootClosed = true;
  });

  const write = (chunk: string) => {
    for (let at = 0; at < chunk.length && !failure; at += piece) {
      const part = at === 0 && chunk.length <= piece ? chunk : chunk.slice(at, at + piece);
      sinceTag += part.length;
      if (sinceTag > maxTextChars) {
        sink.fail(
          packageRefusal(
            xmlRule,
            '901',
            `Текст без разметки длиннее ${maxTextChars} символов: файл не принимается`,
          ),
        );
        return;
      }
      try {
        parser.write(part);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        sink.fail(error);
      }
    }
  };

  for await (const chunk of text) {
    write(chunk);
    if (failure) throw failure;
    if (out.length) yield* out.splice(0);
  }
  try {
    parser.close();
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    sink.fail(error);
  }
  if (failure) throw failure;
  if (!rootClosed) {
    throw packageRefusal(xmlRule, '901', 'Файл не является корректным XML-документом: он обрезан');
  }
  on.end?.();
  if (failure) throw failure;
  yield* out.splice(0);
}
