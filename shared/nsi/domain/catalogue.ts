/**
 * The reference directories omslink loads, with their Russian titles and how a record's code and name are
 * read from the publication. FFOMS publications name their fields differently in every directory; where the
 * defaults (code = first field, name = first field named like `*NAME*`/`NAM*`/`N_*`) do not fit, the entry says so.
 */
export interface DirectorySpec {
  code: string;
  title: string;
  source: 'ffoms' | 'minzdrav';
  /** File name under shared/db/nsi-data/<source>/. */
  file: string;
  /** Element that holds one record (FFOMS: `zap`). */
  recordElement?: string;
  codeField?: string;
  nameField?: string;
  /** Name built from fields when the directory has no name field: `{FIELD}` placeholders. */
  nameTemplate?: string;
  parentField?: string;
  /** Fields that carry the validity dates (FFOMS: DATEBEG/DATEEND). */
  dateBegField?: string;
  dateEndField?: string;
}

const f = (code: string, title: string, extra: Partial<DirectorySpec> = {}): DirectorySpec => ({
  code,
  title,
  source: 'ffoms',
  file: `${code}.xml`,
  ...extra,
});

export const directoryCatalogue: readonly DirectorySpec[] = [
  {
    code: 'MKB10',
    title: 'Международная классификация болезней 10-го пересмотра (МКБ-10)',
    source: 'minzdrav',
    file: 'mkb10_1.2.643.5.1.13.13.11.1005_v2.27.csv',
  },
  {
    code: 'MKBO',
    title: 'Международная классификация болезней — онкология (МКБ-О), морфология',
    source: 'minzdrav',
    file: 'mkbo_1.2.643.5.1.13.13.11.1486_v2.7.csv',
  },
  f('F001', 'Территориальные фонды ОМС', {
    recordElement: 'TFOMS',
    codeField: 'tf_kod',
    nameField: 'name_tfp',
    dateBegField: 'd_begin',
    dateEndField: 'd_end',
  }),
  f('F002', 'Единый реестр страховых медицинских организаций', {
    recordElement: 'insCompany',
    codeField: 'smocod',
    nameField: 'nam_smok',
    dateBegField: 'd_begin',
    dateEndField: 'd_end',
  }),
  f('F005', 'Статусы оплаты медицинской помощи'),
  f('F006', 'Виды контроля'),
  f('F008', 'Типы документов, подтверждающих факт страхования по ОМС'),
  f('F009', 'Статус застрахованного лица'),
  f('F010', 'Субъекты Российской Федерации', { nameField: 'SUBNAME' }),
  f('F011', 'Виды документов, удостоверяющих личность'),
  f('F014', 'Классификатор причин отказа в оплате медицинской помощи', {
    codeField: 'Kod',
    nameField: 'Naim',
  }),
  f('F015', 'Федеральные округа'),
  f('N001', 'Противопоказания и отказы'),
  f('N002', 'Стадии опухолевого процесса', { nameTemplate: '{DS_St}: стадия {KOD_St}' }),
  f('N003', 'Стадии опухолевого процесса по T', { nameTemplate: '{DS_T}: {KOD_T} — {T_NAME}' }),
  f('N004', 'Стадии опухолевого процесса по N', { nameTemplate: '{DS_N}: {KOD_N} — {N_NAME}' }),
  f('N005', 'Стадии опухолевого процесса по M', { nameTemplate: '{DS_M}: {KOD_M} — {M_NAME}' }),
  f('N006', 'Справочник соответствия стадий TNM', {
    nameTemplate: '{DS_gr}: стадия {ID_St}, T {ID_T}, N {ID_N}, M {ID_M}',
  }),
  f('N007', 'Гистология'),
  f('N008', 'Результаты гистологических исследований', { nameField: 'R_M_NAME' }),
  f('N009', 'Соответствие гистологии диагнозу', { nameTemplate: '{DS_Mrf}: гистология {ID_Mrf}' }),
  f('N010', 'Маркёры', { nameTemplate: '{KOD_Igh} — {Igh_NAME}' }),
  f('N011', 'Значения маркёров', { nameTemplate: '{KOD_R_I} — {R_I_NAME}' }),
  f('N012', 'Соответствие маркёров диагнозу', { nameTemplate: '{DS_Igh}: маркёр {ID_Igh}' }),
  f('N013', 'Типы лечения'),
  f('N014', 'Типы хирургического лечения'),
  f('N015', 'Линии лекарственной терапии'),
  f('N016', 'Циклы лекарственной терапии'),
  f('N017', 'Типы лучевой терапии'),
  f('N018', 'Поводы обращения'),
  f('N019', 'Цели консилиума'),
  f('N020', 'Лекарственные препараты', { nameField: 'MNN' }),
  f('N021', 'Соответствие лекарственного препарата схеме', { nameTemplate: '{CODE_SH}: препарат {ID_LEKP}' }),
  f('Q015', 'Перечень технологических правил ФЛК', { nameTemplate: '{ID_EL} {COMMENT}' }),
  f('Q016', 'Перечень проверок МЭК', { nameTemplate: '{ID_EL} {DESC_TEST}' }),
  f('Q017', 'Категории проверок ФЛК и МЭК'),
  f('V002', 'Классификатор профилей оказанной медицинской помощи'),
  f('V005', 'Пол застрахованного'),
  f('V006', 'Условия оказания медицинской помощи'),
  f('V008', 'Виды медицинской помощи'),
  f('V009', 'Результаты обращения за медицинской помощью'),
  f('V010', 'Способы оплаты медицинской помощи'),
  f('V012', 'Исходы заболевания'),
  f('V014', 'Формы оказания медицинской помощи'),
  f('V016', 'Типы диспансеризации'),
  f('V017', 'Результаты диспансеризации'),
  f('V018', 'Виды высокотехнологичной медицинской помощи'),
  f('V019', 'Методы высокотехнологичной медицинской помощи'),
  f('V020', 'Профили койки'),
  f('V021', 'Медицинские специальности (должности)'),
  f('V023', 'Клинико-статистические группы заболеваний', {
    codeField: 'K_KSG',
    nameField: 'N_KSG',
    nameTemplate: undefined,
  }),
  f('V024', 'Допустимые классификационные критерии'),
  f('V025', 'Цели посещения'),
  f('V027', 'Характер заболевания'),
  f('V028', 'Виды направлений'),
  f('V029', 'Методы диагностического исследования'),
];

export function findDirectory(code: string): DirectorySpec | undefined {
  return directoryCatalogue.find((d) => d.code === code);
}
