import { isoDateProblem } from '../../platform/flk/edge-types';

export interface SearchWords {
  enp?: string;
  snils?: string;
  policy?: string;
  birthDate?: string;
  fam?: string;
  im?: string;
}

/**
 * What the free text of a person search names, each part recognised by its shape: a 16-digit ЕНП, a СНИЛС, a
 * birth date (ДД.ММ.ГГГГ or ГГГГ-ММ-ДД), another number (a policy of an older type: series and number), and words
 * — the beginning of the surname, then of the name («Иванов Ив 01.02.1980»).
 */
export function parseSearchText(q: string | undefined): SearchWords {
  const text = q?.trim() ?? '';
  if (/^\d{3}[ -]?\d{3}[ -]?\d{3}[ -]?\d{2}$/.test(text) && !/^\d{16}$/.test(text)) {
    return { snils: normaliseSnils(text) };
  }
  const found: SearchWords = {};
  const names: string[] = [];
  const numbers: string[] = [];
  for (const token of text.split(/\s+/).filter(Boolean)) {
    const ru = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(token);
    if (ru) found.birthDate = `${ru[3]}-${ru[2]}-${ru[1]}`;
    else if (/^\d{4}-\d{2}-\d{2}$/.test(token)) found.birthDate = token;
    else if (/^\d{16}$/.test(token)) found.enp = token;
    else if (/\d/.test(token)) numbers.push(token);
    else names.push(token);
  }
  if (found.birthDate && isoDateProblem(found.birthDate)) delete found.birthDate;
  if (numbers.length > 0) found.policy = numbers.join(' ').slice(0, 30);
  if (names[0]) found.fam = names[0];
  if (names[1]) found.im = names[1];
  return found;
}

/** СНИЛС in registry form `XXX-XXX-XXX YY` from any spacing of its 11 digits. */
export function normaliseSnils(value: string): string {
  const d = value.replace(/\D/g, '');
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9, 11)}`;
}
