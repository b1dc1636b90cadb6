/** The byte-order mark that makes spreadsheet programs read a CSV file as UTF-8. */
export const utf8Bom = '\uFEFF';

/**
 * One `;`-separated CSV line (CRLF-terminated). Fields holding the separator, a quote, a line break, or starting
 * with a character a spreadsheet would run as a formula (`= + - @`) are quoted; formula starts get a leading
 * apostrophe so that opening an export never executes anything.
 */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(';')}\r\n`;
}

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
