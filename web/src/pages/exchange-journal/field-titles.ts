/**
 * Russian names of the fields a protocol names (the canonical records' fields, the package header, the file
 * header); the field's own id stays on hover. A field not listed is shown by its id (a file's tag path, say).
 */
const fieldTitles: Record<string, string> = {
  sourceId: 'Идентификатор записи',
  number: 'Номер направления',
  date: 'Дата',
  form: 'Форма помощи',
  fromMoCode: 'Направившая МО',
  fromDepartmentCode: 'Отделение направившей МО',
  toMoCode: 'Стационар',
  toDepartmentCode: 'Отделение стационара',
  conditions: 'Условия оказания помощи',
  profile: 'Профиль помощи',
  bedProfile: 'Профиль койки',
  diagnosis: 'Диагноз',
  doctorSnils: 'СНИЛС врача',
  plannedDate: 'Плановая дата госпитализации',
  kind: 'Вид направления',
  vmp: 'Талон ВМП',
  patient: 'Пациент',
  'patient.enp': 'ЕНП пациента',
  'patient.snils': 'СНИЛС пациента',
  'patient.fam': 'Фамилия пациента',
  'patient.im': 'Имя пациента',
  'patient.ot': 'Отчество пациента',
  'patient.sex': 'Пол пациента',
  'patient.birthDate': 'Дата рождения пациента',
  'patient.phone': 'Телефон пациента',
  referralNumber: 'Номер направления',
  referralDate: 'Дата направления',
  reason: 'Причина аннулирования',
  comment: 'Комментарий',
  moCode: 'МО',
  departmentCode: 'Отделение',
  caseNumber: 'Номер медицинской карты',
  time: 'Время',
  outcome: 'Исход госпитализации',
  admissionSourceId: 'Идентификатор госпитализации',
  occupiedAtStart: 'Занято на начало дня',
  admitted: 'Поступило',
  discharged: 'Выбыло',
  plannedToday: 'Запланировано на сегодня',
  freeTotal: 'Свободно всего',
  freeMale: 'Свободно мужских',
  freeFemale: 'Свободно женских',
  freeAdult: 'Свободно взрослых',
  freeChild: 'Свободно детских',
  forecast: 'Прогноз свободных мест',
  year: 'Год',
  month: 'Месяц',
  smoCode: 'СМО',
  planned: 'Плановый объём',
  packageId: 'Идентификатор пакета',
  senderCode: 'Отправитель',
  'ZGLV.FILENAME': 'Имя файла в заголовке',
};

/** The field's Russian name, looked up without array positions (`forecast[2].free` → «Прогноз …»). */
export function fieldTitle(field: string): string {
  const plain = field.replace(/\[\d+\]/g, '');
  if (fieldTitles[plain]) return fieldTitles[plain];
  const head = plain.split('.')[0] ?? plain;
  return fieldTitles[head] ?? field;
}
