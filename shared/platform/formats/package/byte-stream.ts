/** The bytes of a received file as they arrive (a blob stream, a request body in slices …). */
export type ByteChunks = AsyncIterable<Uint8Array>;

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Reads at least `n` bytes (or all there is) and returns them with an iterable of the whole stream (the bytes
 * read included). The head is joined once, so tiny chunks cost nothing extra.
 */
export async function peek(chunks: ByteChunks, n: number): Promise<{ head: Uint8Array; all: ByteChunks }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  while (length < n) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    parts.push(next.value);
    length += next.value.length;
  }
  const head = parts.length ? concatBytes(parts) : new Uint8Array(0);
  async function* all(): AsyncGenerator<Uint8Array> {
    if (head.length) yield head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, all: all() };
}

const zipSignature = [0x50, 0x4b, 0x03, 0x04];

/** A ZIP archive starts with a local file header. */
export function isZip(head: Uint8Array): boolean {
  return zipSignature.every((b, i) => head[i] === b);
}

/** Bytes held in memory (a request body) as a stream of slices. */
export async function* chunksOf(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
