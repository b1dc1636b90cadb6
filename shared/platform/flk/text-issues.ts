import { type FlkIssue, flkError } from './issue';

// U+0000 (PostgreSQL text cannot hold it), U+FFFD (what a decoder leaves of bytes that were not UTF-8) and
// UTF-16 halves without their pair (JSON's "\ud800": not a character at all).
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for
const unusable = /\u0000|\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text that cannot be a caller's real value, anywhere in a parsed body or query: answered as 903 at the edge,
 * never stored garbled (U+FFFD) or refused by the database. Walks objects and arrays up to `maxDepth`.
 */
export function unusableTextIssues(value: unknown, path = '', maxDepth = 64): FlkIssue[] {
  const issues: FlkIssue[] = [];
  const visit = (v: unknown, at: string, depth: number) => {
    if (issues.length >= 20 || depth > maxDepth) return;
    if (typeof v === 'string') {
      if (unusable.test(v)) {
        issues.push(
          flkError(
            'TEXT.CHARACTERS',
            '903',
            'Значение содержит недопустимые символы: передавайте текст в UTF-8 без нулевых и неполных символов',
            at || undefined,
          ),
        );
      }
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        visit(item, at ? `${at}.${i}` : String(i), depth + 1);
      });
      return;
    }
    if (v && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        if (unusable.test(key)) {
          issues.push(
            flkError('TEXT.CHARACTERS', '903', 'Имя поля содержит недопустимые символы', at || undefined),
          );
          continue;
        }
        visit(item, at ? `${at}.${key}` : key, depth + 1);
      }
    }
  };
  visit(value, path, 0);
  return issues;
}
