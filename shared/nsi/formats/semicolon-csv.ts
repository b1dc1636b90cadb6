/**
 * Streams rows of a `;`-separated, `"`-quoted CSV (the Минздрав НСИ export format). Handles `""` escapes and
 * quoted separators/newlines; yields each row as an array of fields.
 */
export async function* readSemicolonCsv(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8');
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  const rows: string[][] = [];

  const consume = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else if (i + 1 === text.length) {
            // A quote at the end of a chunk: decide on the next chunk.
            quoted = false;
            afterQuote = true;
          } else {
            quoted = false;
          }
        } else field += ch;
        continue;
      }
      if (afterQuote) {
        afterQuote = false;
        if (ch === '"') {
          field += '"';
          quoted = true;
          continue;
        }
      }
      if (ch === '"') quoted = true;
      else if (ch === ';') {
        row.push(field);
        field = '';
      } else if (ch === '\n') {
        row.push(field.endsWith('\r') ? field.slice(0, -1) : field);
        rows.push(row);
        row = [];
        field = '';
      } else field += ch;
    }
  };

  for await (const chunk of chunks) {
    consume(decoder.decode(chunk, { stream: true }));
    yield* rows.splice(0);
  }
  consume(decoder.decode());
  if (field !== '' || row.length > 0) {
    row.push(field.endsWith('\r') ? field.slice(0, -1) : field);
    rows.push(row);
  }
  yield* rows.splice(0);
}
