/**
 * The СМО representatives who record the demo's informing results: invented names, a handful per СМО of the demo
 * region (shared/demo/region-structure.ts), as the `operator` of a result.
 */
const representatives: Record<string, readonly string[]> = {
  '99001': [
    'Белова Ирина Сергеевна',
    'Журавлёва Ольга Николаевна',
    'Комаров Денис Андреевич',
    'Лебедева Наталья Викторовна',
    'Сорокина Татьяна Павловна',
    'Тихонова Анна Игоревна',
  ],
  '99002': [
    'Гусева Елена Александровна',
    'Данилов Артём Сергеевич',
    'Киселёва Марина Юрьевна',
    'Орлова Светлана Михайловна',
    'Фомина Юлия Олеговна',
  ],
  '99003': [
    'Абрамова Людмила Геннадьевна',
    'Воронин Павел Дмитриевич',
    'Мельникова Ксения Владимировна',
    'Яковлева Вера Анатольевна',
  ],
};

const fallback = ['Страховой представитель'];

/** The representatives of an СМО (a generic one for an СМО the list does not name). */
export function representativesOf(smoCode: string): readonly string[] {
  return representatives[smoCode] ?? fallback;
}
