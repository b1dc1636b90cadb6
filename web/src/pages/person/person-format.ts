/** «Иванов Иван Иванович». */
export function fullName(p: { fam: string; im: string; ot: string | null }): string {
  return [p.fam, p.im, p.ot].filter(Boolean).join(' ');
}

export function sexTitle(sex: number): string {
  return sex === 1 ? 'мужской' : sex === 2 ? 'женский' : '—';
}

export const personsRootPath = '/persons';

export function personPath(id: string): string {
  return `${personsRootPath}/${encodeURIComponent(id)}`;
}
