import { SaxesParser } from 'saxes';

/**
 * One organisation of an FFOMS register publication: F003 `<packet><medCompany>…` (МО) or F002
 * `<packet><insCompany>…` (СМО). Leaf elements are collected by lower-cased name (every value, in document order,
 * whatever the nesting: `jurAddress/addr_j`, `insInclude/d_begin`…); every element that holds a `d_begin`
 * (an inclusion period, e.g. `insInclude`, or the record itself) gives one period.
 */
export interface DirectoryOrganisation {
  kind: 'MO' | 'SMO';
  /** 1-based position of the record in the file. */
  ordinal: number;
  fields: Record<string, string[]>;
  periods: { begin: string | null; end: string | null }[];
}

export class DirectoryFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryFileError';
  }
}

const recordKinds: Record<string, 'MO' | 'SMO'> = { medcompany: 'MO', inscompany: 'SMO' };

interface Frame {
  name: string;
  text: string;
  hasChildren: boolean;
  leaves: Map<string, string>;
}

/**
 * Streams the records of an F003/F002 publication. The encoding comes from the XML declaration (windows-1251 or
 * UTF-8; a UTF-8 byte-order mark wins); bytes are decoded incrementally and parsed with saxes, so memory holds one
 * record at a time. A DOCTYPE, another root than `packet`, or malformed XML end the read with a
 * `DirectoryFileError` (Russian message).
 */
export async function* readOrganisationDirectory(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<DirectoryOrganisation> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const out: DirectoryOrganisation[] = [];
  const stack: Frame[] = [];
  let current: DirectoryOrganisation | undefined;
  let recordDepth = -1;
  let ordinal = 0;
  let failure: Error | undefined;

  parser.on('doctype', () => {
    failure ??= new DirectoryFileError('Файл содержит DOCTYPE: такие файлы не принимаются');
  });
  parser.on('error', (e) => {
    failure ??= new DirectoryFileError(`Файл не является корректным XML: ${e.message}`);
  });
  parser.on('opentag', (tag) => {
    const name = tag.name.toLowerCase();
    if (stack.length === 0 && name !== 'packet') {
      failure ??= new DirectoryFileError(
        `Корневой элемент файла — «${tag.name}», ожидается «packet» (справочник F003 или F002)`,
      );
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.hasChildren = true;
    stack.push({ name, text: '', hasChildren: false, leaves: new Map() });
    if (!current && stack.length === 2 && recordKinds[name]) {
      ordinal++;
      current = { kind: recordKinds[name], ordinal, fields: {}, periods: [] };
      recordDepth = stack.length;
    }
  });
  parser.on('text', (t) => {
    const frame = stack[stack.length - 1];
    if (frame && current) frame.text += t;
  });
  parser.on('closetag', () => {
    const frame = stack.pop();
    if (!frame || !current) return;
    if (!frame.hasChildren) {
      const value = frame.text.trim();
      stack[stack.length - 1]?.leaves.set(frame.name, value);
      if (value !== '') {
        const values = current.fields[frame.name] ?? [];
        values.push(value);
        current.fields[frame.name] = values;
      }
    } else if (frame.leaves.has('d_begin')) {
      current.periods.push({
        begin: frame.leaves.get('d_begin') || null,
        end: frame.leaves.get('d_end') || null,
      });
    }
    if (stack.length + 1 === recordDepth) {
      out.push(current);
      current = undefined;
      recordDepth = -1;
    }
  });

  let decoder: TextDecoder | undefined;
  let head: Uint8Array = new Uint8Array(0);
  const feed = (bytes: Uint8Array | undefined) => {
    if (failure || !decoder) return;
    let text: string;
    try {
      text = bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      failure = new DirectoryFileError('Содержимое файла не соответствует кодировке UTF-8 из его заголовка');
      return;
    }
    parser.write(text);
  };
  for await (const chunk of chunks) {
    if (!decoder) {
      // Look ahead until the XML declaration is complete to learn the encoding.
      head = concat(head, chunk);
      if (head.length < 256 && !new TextDecoder('latin1').decode(head).includes('?>')) continue;
      decoder = decoderFor(head);
      feed(head);
    } else {
      feed(chunk);
    }
    if (failure) throw failure;
    yield* out.splice(0);
  }
  if (!decoder) {
    decoder = decoderFor(head);
    feed(head);
  }
  feed(undefined);
  if (!failure) parser.close();
  if (failure) throw failure;
  yield* out.splice(0);
  if (ordinal === 0) {
    throw new DirectoryFileError(
      'В файле нет записей medCompany (F003) или insCompany (F002): это не справочник организаций',
    );
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The decoder the XML declaration names; UTF-8 when it names none (XML 1.0 §4.3.3). */
function decoderFor(head: Uint8Array): TextDecoder {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return new TextDecoder('utf-8');
  const prolog = new TextDecoder('latin1').decode(head.subarray(0, 256));
  const declared = /^<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(prolog)?.[1]?.toLowerCase();
  if (!declared || declared === 'utf-8' || declared === 'utf8')
    return new TextDecoder('utf-8', { fatal: true });
  if (declared === 'windows-1251' || declared === 'cp1251') return new TextDecoder('windows-1251');
  throw new DirectoryFileError(`Кодировка «${declared}» не поддерживается: ожидается windows-1251 или UTF-8`);
}
