import type { FlkRule } from '../../platform/flk/issue';

/**
 * The registry-invoice FLK rules (ids `REG.<THING>`) with the F012 code, the tag they name by default, the
 * default severity and the Russian message that says what to fix. `flk.rule` holds the same rows (migration
 * 030, which test/unit/registry-rules.test.ts compares with this list); the fund may change a rule's severity
 * there, and the checks read the configured rule (`CaseCheckContext.rules`), falling back to these defaults only
 * when a rule is missing from the set. A rule's base element (`BAS_EL`) is where the check finds it, so it is
 * not part of the rule: docs/design/registry-flk-rules.md lists both.
 */
export const registryRules = {
  // The invoice (SCHET) — checkPackageHeader.
  'REG.SCHET.CODE_MO': {
    f012Code: '904',
    field: 'CODE_MO',
    severity: 'error',
    message:
      'Код МО (CODE_MO) не найден в реестре медицинских организаций региона (F003): укажите реестровый код МО, выставившей счёт',
  },
  'REG.SCHET.MONTH': {
    f012Code: '904',
    field: 'MONTH',
    severity: 'error',
    message: 'Отчётный месяц (MONTH) должен быть числом от 1 до 12',
  },
  'REG.SCHET.PERIOD': {
    f012Code: '904',
    field: 'YEAR',
    severity: 'error',
    message:
      'Отчётный период (YEAR, MONTH) не может быть позже текущего месяца или раньше 2011 года: укажите месяц, за который выставлен счёт',
  },
  'REG.SCHET.DSCHET': {
    f012Code: '904',
    field: 'DSCHET',
    severity: 'error',
    message: 'Дата счёта (DSCHET) не может быть раньше начала отчётного месяца или позже текущей даты',
  },
  'REG.SCHET.PLAT': {
    f012Code: '904',
    field: 'PLAT',
    severity: 'error',
    message: 'Плательщик (PLAT) не найден: укажите реестровый код СМО по F002 или код ТФОМС',
  },
  'REG.SCHET.DISP.REQUIRED': {
    f012Code: '902',
    field: 'DISP',
    severity: 'error',
    message:
      'В счёте на диспансеризацию или профилактический осмотр укажите тип диспансеризации (DISP) по справочнику V016',
  },

  // Keys.
  'REG.ZAP.N_ZAP.DUPLICATE': {
    f012Code: '905',
    field: 'N_ZAP',
    severity: 'error',
    message: 'Номер записи (N_ZAP) повторяется в файле: дайте каждой записи свой номер',
  },
  'REG.SL.SL_ID.DUPLICATE': {
    f012Code: '905',
    field: 'SL_ID',
    severity: 'error',
    message:
      'Идентификатор случая лечения (SL_ID) повторяется в законченном случае: дайте каждому SL свой SL_ID',
  },
  'REG.USL.IDSERV.DUPLICATE': {
    f012Code: '905',
    field: 'IDSERV',
    severity: 'error',
    message: 'Номер услуги (IDSERV) повторяется в законченном случае: дайте каждой услуге свой номер',
  },
  'REG.PERS.ID_PAC.DUPLICATE': {
    f012Code: '905',
    field: 'ID_PAC',
    severity: 'error',
    message:
      'Код записи о пациенте (ID_PAC) повторяется в файле персональных данных: оставьте одну запись PERS',
  },

  // Directory codes (valid on the date of the case, the treatment, the service or the record).
  'REG.NSI.MKB': {
    f012Code: '904',
    field: 'DS1',
    severity: 'error',
    message: 'Диагноз не найден в МКБ-10 на дату окончания лечения (услуги): укажите действующий код МКБ-10',
  },
  'REG.NSI.F008': {
    f012Code: '904',
    field: 'VPOLIS',
    severity: 'error',
    message: 'Тип документа, подтверждающего страхование (VPOLIS), не найден в справочнике F008',
  },
  'REG.NSI.F011': {
    f012Code: '904',
    field: 'DOCTYPE',
    severity: 'error',
    message: 'Вид документа, удостоверяющего личность (DOCTYPE), не найден в справочнике F011',
  },
  'REG.NSI.V002': {
    f012Code: '904',
    field: 'PROFIL',
    severity: 'error',
    message: 'Профиль медицинской помощи (PROFIL) не найден в справочнике V002 на дату лечения',
  },
  'REG.NSI.V005': {
    f012Code: '904',
    field: 'W',
    severity: 'error',
    message: 'Пол (W) не найден в справочнике V005: укажите 1 (мужской) или 2 (женский)',
  },
  'REG.NSI.V006': {
    f012Code: '904',
    field: 'USL_OK',
    severity: 'error',
    message:
      'Условия оказания медицинской помощи (USL_OK) не найдены в справочнике V006 на дату окончания случая',
  },
  'REG.NSI.V008': {
    f012Code: '904',
    field: 'VIDPOM',
    severity: 'error',
    message: 'Вид медицинской помощи (VIDPOM) не найден в справочнике V008 на дату окончания случая',
  },
  'REG.NSI.V009': {
    f012Code: '904',
    field: 'RSLT',
    severity: 'error',
    message: 'Результат обращения (RSLT) не найден в справочнике V009 на дату окончания случая',
  },
  'REG.NSI.V010': {
    f012Code: '904',
    field: 'IDSP',
    severity: 'error',
    message: 'Способ оплаты (IDSP) не найден в справочнике V010 на дату окончания случая',
  },
  'REG.NSI.V012': {
    f012Code: '904',
    field: 'ISHOD',
    severity: 'error',
    message: 'Исход заболевания (ISHOD) не найден в справочнике V012 на дату окончания случая',
  },
  'REG.NSI.V014': {
    f012Code: '904',
    field: 'FOR_POM',
    severity: 'error',
    message:
      'Форма оказания медицинской помощи (FOR_POM) не найдена в справочнике V014 на дату окончания случая',
  },
  'REG.NSI.V016': {
    f012Code: '904',
    field: 'DISP',
    severity: 'error',
    message: 'Тип диспансеризации (DISP) не найден в справочнике V016 на отчётный период',
  },
  'REG.NSI.V017': {
    f012Code: '904',
    field: 'RSLT_D',
    severity: 'error',
    message: 'Результат диспансеризации (RSLT_D) не найден в справочнике V017 на дату окончания случая',
  },
  'REG.NSI.V020': {
    f012Code: '904',
    field: 'PROFIL_K',
    severity: 'error',
    message: 'Профиль койки (PROFIL_K) не найден в справочнике V020 на дату лечения',
  },
  'REG.NSI.V021': {
    f012Code: '904',
    field: 'PRVS',
    severity: 'error',
    message: 'Специальность медицинского работника (PRVS) не найдена в справочнике V021 на дату лечения',
  },
  'REG.NSI.V024': {
    f012Code: '904',
    field: 'CODE_SH',
    severity: 'error',
    message:
      'Схема лекарственной терапии (CODE_SH) не найдена в справочнике V024 на дату введения: укажите код схемы (для детей — «нет»)',
  },
  'REG.NSI.V025': {
    f012Code: '904',
    field: 'P_CEL',
    severity: 'error',
    message: 'Цель посещения (P_CEL) не найдена в справочнике V025 на дату лечения',
  },
  'REG.NSI.V027': {
    f012Code: '904',
    field: 'C_ZAB',
    severity: 'error',
    message: 'Характер заболевания (C_ZAB) не найден в справочнике V027 на дату лечения',
  },
  'REG.NSI.V028': {
    f012Code: '904',
    field: 'NAPR_V',
    severity: 'error',
    message: 'Вид направления (NAPR_V) не найден в справочнике V028 на дату направления',
  },
  'REG.NSI.V029': {
    f012Code: '904',
    field: 'MET_ISSL',
    severity: 'error',
    message:
      'Метод диагностического исследования (MET_ISSL) не найден в справочнике V029 на дату направления',
  },
  'REG.NSI.N001': {
    f012Code: '904',
    field: 'PROT',
    severity: 'error',
    message: 'Код противопоказания или отказа (PROT) не найден в справочнике N001 на дату регистрации',
  },
  'REG.NSI.N002': {
    f012Code: '904',
    field: 'STAD',
    severity: 'error',
    message: 'Стадия заболевания (STAD) не найдена в справочнике N002 на дату лечения',
  },
  'REG.NSI.N003': {
    f012Code: '904',
    field: 'ONK_T',
    severity: 'error',
    message: 'Значение Tumor (ONK_T) не найдено в справочнике N003 на дату лечения',
  },
  'REG.NSI.N004': {
    f012Code: '904',
    field: 'ONK_N',
    severity: 'error',
    message: 'Значение Nodus (ONK_N) не найдено в справочнике N004 на дату лечения',
  },
  'REG.NSI.N005': {
    f012Code: '904',
    field: 'ONK_M',
    severity: 'error',
    message: 'Значение Metastasis (ONK_M) не найдено в справочнике N005 на дату лечения',
  },
  'REG.NSI.N007': {
    f012Code: '904',
    field: 'DIAG_CODE',
    severity: 'error',
    message:
      'Гистологический признак (DIAG_CODE при DIAG_TIP=1) не найден в справочнике N007 на дату взятия материала',
  },
  'REG.NSI.N008': {
    f012Code: '904',
    field: 'DIAG_RSLT',
    severity: 'error',
    message:
      'Результат гистологического исследования (DIAG_RSLT при DIAG_TIP=1) не найден в справочнике N008 на дату взятия материала',
  },
  'REG.NSI.N010': {
    f012Code: '904',
    field: 'DIAG_CODE',
    severity: 'error',
    message: 'Маркёр (DIAG_CODE при DIAG_TIP=2) не найден в справочнике N010 на дату взятия материала',
  },
  'REG.NSI.N011': {
    f012Code: '904',
    field: 'DIAG_RSLT',
    severity: 'error',
    message:
      'Значение маркёра (DIAG_RSLT при DIAG_TIP=2) не найдено в справочнике N011 на дату взятия материала',
  },
  'REG.NSI.N013': {
    f012Code: '904',
    field: 'USL_TIP',
    severity: 'error',
    message: 'Тип услуги (USL_TIP) не найден в справочнике N013 на дату лечения',
  },
  'REG.NSI.N014': {
    f012Code: '904',
    field: 'HIR_TIP',
    severity: 'error',
    message: 'Тип хирургического лечения (HIR_TIP) не найден в справочнике N014 на дату лечения',
  },
  'REG.NSI.N015': {
    f012Code: '904',
    field: 'LEK_TIP_L',
    severity: 'error',
    message: 'Линия лекарственной терапии (LEK_TIP_L) не найдена в справочнике N015 на дату лечения',
  },
  'REG.NSI.N016': {
    f012Code: '904',
    field: 'LEK_TIP_V',
    severity: 'error',
    message: 'Цикл лекарственной терапии (LEK_TIP_V) не найден в справочнике N016 на дату лечения',
  },
  'REG.NSI.N017': {
    f012Code: '904',
    field: 'LUCH_TIP',
    severity: 'error',
    message: 'Тип лучевой терапии (LUCH_TIP) не найден в справочнике N017 на дату лечения',
  },
  'REG.NSI.N018': {
    f012Code: '904',
    field: 'DS1_T',
    severity: 'error',
    message: 'Повод обращения (DS1_T) не найден в справочнике N018 на дату лечения',
  },
  'REG.NSI.N019': {
    f012Code: '904',
    field: 'PR_CONS',
    severity: 'error',
    message: 'Цель консилиума (PR_CONS) не найдена в справочнике N019 на дату консилиума',
  },
  'REG.NSI.N020': {
    f012Code: '904',
    field: 'REGNUM',
    severity: 'error',
    message: 'Лекарственный препарат (REGNUM) не найден в справочнике N020 на дату введения',
  },

  // Organisations.
  'REG.MO.UNKNOWN': {
    f012Code: '904',
    field: 'NPR_MO',
    severity: 'error',
    message: 'Медицинская организация не найдена в реестре МО региона (F003): укажите реестровый код МО',
  },
  'REG.SMO.UNKNOWN': {
    f012Code: '904',
    field: 'SMO',
    severity: 'error',
    message:
      'Страховая медицинская организация (SMO) не найдена в реестре СМО (F002) на дату окончания случая',
  },
  'REG.LPU': {
    f012Code: '904',
    field: 'LPU',
    severity: 'error',
    message: 'Код МО (LPU) должен совпадать с кодом МО, выставившей счёт (SCHET/CODE_MO)',
  },
  'REG.LPU_1': {
    f012Code: '904',
    field: 'LPU_1',
    severity: 'error',
    message:
      'Подразделение (LPU_1) должно принадлежать МО, выставившей счёт: код подразделения начинается с кода МО (SCHET/CODE_MO)',
  },

  // The patient (PACIENT).
  'REG.PACIENT.ENP': {
    f012Code: '904',
    field: 'NPOLIS',
    severity: 'error',
    message:
      'При полисе единого образца (VPOLIS=3) номер полиса — ЕНП: 16 цифр с верной контрольной цифрой; проверьте номер',
  },
  'REG.PACIENT.NOVOR': {
    f012Code: '904',
    field: 'NOVOR',
    severity: 'error',
    message:
      'Признак новорождённого (NOVOR): 0, либо ПДДММГГН — пол ребёнка (1 или 2), дата его рождения ДДММГГ и порядковый номер ребёнка (одна или две цифры, с 1)',
  },

  // The case (Z_SL).
  'REG.ZSL.RSLT.REQUIRED': {
    f012Code: '902',
    field: 'RSLT',
    severity: 'error',
    message: 'Укажите результат обращения (RSLT) по справочнику V009',
  },
  'REG.ZSL.RSLT_D.REQUIRED': {
    f012Code: '902',
    field: 'RSLT_D',
    severity: 'error',
    message: 'Для диспансеризации и профилактического осмотра укажите результат (RSLT_D) по справочнику V017',
  },
  'REG.ZSL.ISHOD.REQUIRED': {
    f012Code: '902',
    field: 'ISHOD',
    severity: 'error',
    message: 'Укажите исход заболевания (ISHOD) по справочнику V012',
  },
  'REG.ZSL.RSLT.USL_OK': {
    f012Code: '904',
    field: 'RSLT',
    severity: 'error',
    message:
      'Результат обращения (RSLT) относится к другим условиям оказания помощи: выберите результат для условий USL_OK по справочнику V009',
  },
  'REG.ZSL.ISHOD.USL_OK': {
    f012Code: '904',
    field: 'ISHOD',
    severity: 'error',
    message:
      'Исход заболевания (ISHOD) относится к другим условиям оказания помощи: выберите исход для условий USL_OK по справочнику V012',
  },
  'REG.ZSL.NPR.REQUIRED': {
    f012Code: '902',
    field: 'NPR_MO',
    severity: 'error',
    message:
      'При плановой госпитализации в стационар (FOR_POM=3, USL_OK=1) и в дневном стационаре (USL_OK=2) укажите направившую МО (NPR_MO) и дату направления (NPR_DATE)',
  },
  'REG.ZSL.DATES': {
    f012Code: '904',
    field: 'DATE_Z_1',
    severity: 'error',
    message: 'Дата начала законченного случая (DATE_Z_1) позже даты его окончания (DATE_Z_2)',
  },
  'REG.ZSL.PERIOD': {
    f012Code: '904',
    field: 'DATE_Z_2',
    severity: 'error',
    message:
      'Случай окончен позже отчётного месяца счёта (DATE_Z_2): выставьте его в счёте за месяц окончания случая',
  },
  'REG.ZSL.EARLY': {
    f012Code: '904',
    field: 'DATE_Z_2',
    severity: 'warning',
    message:
      'Случай окончен раньше отчётного месяца счёта: проверьте дату окончания (DATE_Z_2) и период счёта',
  },
  'REG.ZSL.FUTURE': {
    f012Code: '904',
    field: 'DATE_Z_2',
    severity: 'error',
    message: 'Дата окончания случая (DATE_Z_2) позже текущей даты',
  },
  'REG.ZSL.NPR_DATE': {
    f012Code: '904',
    field: 'NPR_DATE',
    severity: 'error',
    message:
      'Дата направления (NPR_DATE) позже даты начала случая (DATE_Z_1): направление выдаётся до начала лечения',
  },
  'REG.ZSL.BIRTH': {
    f012Code: '904',
    field: 'DATE_Z_1',
    severity: 'error',
    message:
      'Случай начат раньше даты рождения пациента: проверьте DATE_Z_1 и дату рождения (DR) в файле персональных данных',
  },
  'REG.ZSL.FILE_KIND': {
    f012Code: '904',
    field: 'DS1',
    severity: 'warning',
    message:
      'В файле C передаются случаи при подозрении на ЗНО (DS_ONK=1) или с диагнозом ЗНО (C00–C97, D00–D09): передайте этот случай в файле его вида',
  },

  // The treatment (SL).
  'REG.SL.DATES': {
    f012Code: '904',
    field: 'DATE_1',
    severity: 'error',
    message: 'Дата начала лечения (DATE_1) позже даты его окончания (DATE_2)',
  },
  'REG.SL.IN_CASE': {
    f012Code: '904',
    field: 'DATE_1',
    severity: 'error',
    message:
      'Даты лечения (DATE_1, DATE_2) должны лежать внутри дат законченного случая (DATE_Z_1 — DATE_Z_2): исправьте даты SL или случая',
  },
  'REG.SL.C_ZAB.REQUIRED': {
    f012Code: '902',
    field: 'C_ZAB',
    severity: 'error',
    message:
      'При амбулаторной помощи (USL_OK=3) с основным диагнозом не из класса Z укажите характер заболевания (C_ZAB) по справочнику V027',
  },
  'REG.SL.C_ZAB.ONCO': {
    f012Code: '902',
    field: 'C_ZAB',
    severity: 'warning',
    message: 'При основном диагнозе ЗНО укажите характер заболевания (C_ZAB) по справочнику V027',
  },
  'REG.SL.DN.REQUIRED': {
    f012Code: '902',
    field: 'DN',
    severity: 'error',
    message:
      'При посещении с целью диспансерного наблюдения (P_CEL=1.3) укажите диспансерное наблюдение (DN)',
  },
  'REG.SL.DN': {
    f012Code: '904',
    field: 'DN',
    severity: 'error',
    message:
      'Диспансерное наблюдение (DN): 1 — состоит, 2 — взят, 4 — снят по выздоровлению, 6 — снят по другим причинам',
  },
  'REG.SL.DS_ONK': {
    f012Code: '904',
    field: 'DS_ONK',
    severity: 'error',
    message: 'Признак подозрения на ЗНО (DS_ONK): 0 — нет подозрения, 1 — подозрение на ЗНО',
  },

  // The services (USL).
  'REG.USL.DATES': {
    f012Code: '904',
    field: 'DATE_IN',
    severity: 'error',
    message: 'Дата начала услуги (DATE_IN) позже даты её окончания (DATE_OUT)',
  },
  'REG.USL.IN_SL': {
    f012Code: '904',
    field: 'DATE_IN',
    severity: 'error',
    message:
      'Даты услуги (DATE_IN, DATE_OUT) должны лежать внутри дат лечения (DATE_1 — DATE_2): исправьте даты услуги или SL',
  },

  // The onco block: referrals (NAPR), consilium (CONS), the onco treatment (ONK_SL).
  'REG.ONK_SL.REQUIRED': {
    f012Code: '902',
    field: 'ONK_SL',
    severity: 'error',
    message:
      'При основном диагнозе ЗНО (C00–C97, D00–D09) или нейтропении (D70) с сопутствующим ЗНО заполните сведения о случае лечения онкологического заболевания (ONK_SL); не заполняются при USL_OK=4, REAB=1 и DS_ONK=1',
  },
  'REG.ONK_SL.EXTRA': {
    f012Code: '904',
    field: 'ONK_SL',
    severity: 'warning',
    message:
      'Сведения о лечении онкологического заболевания (ONK_SL) заполняются только при основном диагнозе ЗНО (или D70 с сопутствующим ЗНО), кроме USL_OK=4, REAB=1 и DS_ONK=1: удалите ONK_SL или исправьте диагноз',
  },
  'REG.CONS.REQUIRED': {
    f012Code: '902',
    field: 'CONS',
    severity: 'error',
    message:
      'При основном диагнозе ЗНО заполните сведения о консилиуме (CONS): цель по справочнику N019, PR_CONS=0, если консилиум не требовался',
  },
  'REG.NAPR.DS_ONK': {
    f012Code: '904',
    field: 'NAPR',
    severity: 'error',
    message:
      'Направления (NAPR) заполняются только при подозрении на ЗНО (DS_ONK=1): удалите NAPR или укажите DS_ONK=1',
  },
  'REG.NAPR.MET_ISSL.REQUIRED': {
    f012Code: '902',
    field: 'MET_ISSL',
    severity: 'error',
    message:
      'При направлении на дообследование (NAPR_V=3) укажите метод диагностического исследования (MET_ISSL) по справочнику V029',
  },
  'REG.NAPR.NAPR_USL.REQUIRED': {
    f012Code: '902',
    field: 'NAPR_USL',
    severity: 'error',
    message:
      'При указанном методе исследования (MET_ISSL) укажите медицинскую услугу (NAPR_USL) по номенклатуре V001',
  },
  'REG.NAPR.DATE': {
    f012Code: '904',
    field: 'NAPR_DATE',
    severity: 'warning',
    message: 'Дата направления (NAPR_DATE) вне дат лечения (DATE_1 — DATE_2): проверьте дату направления',
  },
  'REG.CONS.DT_CONS.REQUIRED': {
    f012Code: '902',
    field: 'DT_CONS',
    severity: 'error',
    message: 'Для проведённого консилиума (PR_CONS 1, 2 или 3) укажите дату консилиума (DT_CONS)',
  },
  'REG.CONS.DATE': {
    f012Code: '904',
    field: 'DT_CONS',
    severity: 'error',
    message: 'Дата консилиума (DT_CONS) позже даты окончания лечения (DATE_2)',
  },
  'REG.ONK_SL.STAD.REQUIRED': {
    f012Code: '902',
    field: 'STAD',
    severity: 'error',
    message: 'При поводе обращения DS1_T от 0 до 4 укажите стадию заболевания (STAD) по справочнику N002',
  },
  'REG.ONK_SL.STAD.DS': {
    f012Code: '904',
    field: 'STAD',
    severity: 'error',
    message:
      'Стадия (STAD) по справочнику N002 относится к другому диагнозу: выберите стадию для основного диагноза (DS1)',
  },
  'REG.ONK_SL.TNM.REQUIRED': {
    f012Code: '902',
    field: 'ONK_T',
    severity: 'error',
    message:
      'При первичном лечении (DS1_T=0) пациента 18 лет и старше укажите стадии по TNM: ONK_T (N003), ONK_N (N004), ONK_M (N005)',
  },
  'REG.ONK_SL.TNM.DS': {
    f012Code: '904',
    field: 'ONK_T',
    severity: 'error',
    message:
      'Значение TNM (ONK_T, ONK_N или ONK_M) по справочникам N003–N005 относится к другому диагнозу: выберите значение для основного диагноза (DS1)',
  },
  'REG.ONK_SL.TNM.N006': {
    f012Code: '904',
    field: 'STAD',
    severity: 'warning',
    message:
      'Сочетание стадии и TNM (STAD, ONK_T, ONK_N, ONK_M) не предусмотрено справочником N006 для основного диагноза: проверьте стадию и TNM',
  },
  'REG.ONK_SL.MTSTZ': {
    f012Code: '904',
    field: 'MTSTZ',
    severity: 'error',
    message:
      'Признак отдалённых метастазов (MTSTZ=1) заполняется только при рецидиве или прогрессировании (DS1_T=1 или 2)',
  },
  'REG.ONK_SL.SOD.REQUIRED': {
    f012Code: '902',
    field: 'SOD',
    severity: 'error',
    message: 'При лучевой или химиолучевой терапии (USL_TIP=3 или 4) укажите суммарную очаговую дозу (SOD)',
  },
  'REG.ONK_SL.K_FR.REQUIRED': {
    f012Code: '902',
    field: 'K_FR',
    severity: 'error',
    message: 'При лучевой или химиолучевой терапии (USL_TIP=3 или 4) укажите количество фракций (K_FR)',
  },
  'REG.ONK_SL.BODY.REQUIRED': {
    f012Code: '902',
    field: 'WEI',
    severity: 'error',
    message:
      'При лекарственной или химиолучевой терапии (USL_TIP=2 или 4) укажите массу тела (WEI), рост (HEI) и площадь поверхности тела (BSA)',
  },

  // Diagnostics (B_DIAG) and contraindications (B_PROT).
  'REG.B_DIAG.DIAG_TIP': {
    f012Code: '904',
    field: 'DIAG_TIP',
    severity: 'error',
    message: 'Тип диагностического показателя (DIAG_TIP): 1 — гистологический признак, 2 — маркёр (ИГХ)',
  },
  'REG.B_DIAG.RSLT.CODE': {
    f012Code: '904',
    field: 'DIAG_RSLT',
    severity: 'error',
    message:
      'Результат (DIAG_RSLT) относится к другому показателю: выберите результат указанного DIAG_CODE (N008 для гистологии, N011 для маркёров)',
  },
  'REG.B_DIAG.DIAG_RSLT.REQUIRED': {
    f012Code: '902',
    field: 'DIAG_RSLT',
    severity: 'error',
    message: 'Результат получен (REC_RSLT=1): укажите результат диагностики (DIAG_RSLT)',
  },
  'REG.B_DIAG.DS': {
    f012Code: '904',
    field: 'DIAG_CODE',
    severity: 'warning',
    message:
      'Показатель (DIAG_CODE) не предусмотрен для основного диагноза справочником соответствия (N009 для гистологии, N012 для маркёров): проверьте DIAG_CODE и DS1',
  },
  'REG.B_DIAG.DATE': {
    f012Code: '904',
    field: 'DIAG_DATE',
    severity: 'error',
    message: 'Дата взятия материала (DIAG_DATE) позже даты окончания лечения (DATE_2)',
  },
  'REG.B_PROT.DATE': {
    f012Code: '904',
    field: 'D_PROT',
    severity: 'error',
    message: 'Дата регистрации противопоказания или отказа (D_PROT) позже даты окончания лечения (DATE_2)',
  },

  // Onco services (ONK_USL) and drugs (LEK_PR).
  'REG.ONK_USL.HIR_TIP.REQUIRED': {
    f012Code: '902',
    field: 'HIR_TIP',
    severity: 'error',
    message:
      'При хирургическом лечении (USL_TIP=1) укажите тип хирургического лечения (HIR_TIP) по справочнику N014',
  },
  'REG.ONK_USL.HIR_TIP.EXTRA': {
    f012Code: '904',
    field: 'HIR_TIP',
    severity: 'error',
    message:
      'Тип хирургического лечения (HIR_TIP) заполняется только при хирургическом лечении (USL_TIP=1): удалите HIR_TIP или исправьте USL_TIP',
  },
  'REG.ONK_USL.LEK_TIP.REQUIRED': {
    f012Code: '902',
    field: 'LEK_TIP_L',
    severity: 'error',
    message:
      'При лекарственной противоопухолевой терапии (USL_TIP=2) укажите линию (LEK_TIP_L, N015) и цикл (LEK_TIP_V, N016)',
  },
  'REG.ONK_USL.LEK_TIP.EXTRA': {
    f012Code: '904',
    field: 'LEK_TIP_L',
    severity: 'error',
    message:
      'Линия и цикл лекарственной терапии (LEK_TIP_L, LEK_TIP_V) заполняются только при USL_TIP=2: удалите их или исправьте USL_TIP',
  },
  'REG.ONK_USL.LEK_PR.REQUIRED': {
    f012Code: '902',
    field: 'LEK_PR',
    severity: 'error',
    message:
      'При лекарственной или химиолучевой терапии (USL_TIP=2 или 4) укажите введённые препараты (LEK_PR: REGNUM, CODE_SH, DATE_INJ)',
  },
  'REG.ONK_USL.LEK_PR.EXTRA': {
    f012Code: '904',
    field: 'LEK_PR',
    severity: 'error',
    message:
      'Сведения о препаратах (LEK_PR) заполняются только при лекарственной или химиолучевой терапии (USL_TIP=2 или 4)',
  },
  'REG.ONK_USL.LUCH_TIP.REQUIRED': {
    f012Code: '902',
    field: 'LUCH_TIP',
    severity: 'error',
    message:
      'При лучевой или химиолучевой терапии (USL_TIP=3 или 4) укажите тип лучевой терапии (LUCH_TIP) по справочнику N017',
  },
  'REG.ONK_USL.LUCH_TIP.EXTRA': {
    f012Code: '904',
    field: 'LUCH_TIP',
    severity: 'error',
    message:
      'Тип лучевой терапии (LUCH_TIP) заполняется только при USL_TIP=3 или 4: удалите LUCH_TIP или исправьте USL_TIP',
  },
  'REG.LEK_PR.N021': {
    f012Code: '904',
    field: 'REGNUM',
    severity: 'warning',
    message:
      'Препарат (REGNUM) не входит в схему лекарственной терапии (CODE_SH) по справочнику N021: проверьте препарат и схему',
  },
  'REG.LEK_PR.DATE_INJ': {
    f012Code: '904',
    field: 'DATE_INJ',
    severity: 'error',
    message: 'Дата введения препарата (DATE_INJ) вне дат лечения (DATE_1 — DATE_2)',
  },

  // The personal-data file (PERS) — checkPerson.
  'REG.PERS.FAM.REQUIRED': {
    f012Code: '902',
    field: 'FAM',
    severity: 'error',
    message: 'Укажите фамилию (FAM) или, если её нет в документе, признак DOST=2',
  },
  'REG.PERS.FAM.DOST': {
    f012Code: '904',
    field: 'FAM',
    severity: 'error',
    message: 'Фамилия (FAM) указана вместе с признаком её отсутствия (DOST=2): удалите FAM или этот DOST',
  },
  'REG.PERS.IM.REQUIRED': {
    f012Code: '902',
    field: 'IM',
    severity: 'error',
    message: 'Укажите имя (IM) или, если его нет в документе, признак DOST=3',
  },
  'REG.PERS.IM.DOST': {
    f012Code: '904',
    field: 'IM',
    severity: 'error',
    message: 'Имя (IM) указано вместе с признаком его отсутствия (DOST=3): удалите IM или этот DOST',
  },
  'REG.PERS.OT.REQUIRED': {
    f012Code: '902',
    field: 'OT',
    severity: 'error',
    message: 'Укажите отчество (OT) или, если его нет в документе, признак DOST=1',
  },
  'REG.PERS.OT.DOST': {
    f012Code: '904',
    field: 'OT',
    severity: 'error',
    message: 'Отчество (OT) указано вместе с признаком его отсутствия (DOST=1): удалите OT или этот DOST',
  },
  'REG.PERS.DOST': {
    f012Code: '904',
    field: 'DOST',
    severity: 'error',
    message:
      'Код надёжности (DOST): 1 — нет отчества, 2 — нет фамилии, 3 — нет имени, 4 — нет дня рождения, 5 — нет месяца рождения, 6 — дата рождения не соответствует календарю',
  },
  'REG.PERS.DR.DOST': {
    f012Code: '904',
    field: 'DR',
    severity: 'error',
    message:
      'При неизвестном дне рождения (DOST=4) день в дате рождения (DR) — 01, при неизвестном месяце (DOST=5) — месяц и день 01',
  },
  'REG.PERS.DR.FUTURE': {
    f012Code: '904',
    field: 'DR',
    severity: 'error',
    message: 'Дата рождения (DR) позже текущей даты',
  },
  'REG.PERS.DOCDATE.REQUIRED': {
    f012Code: '902',
    field: 'DOCDATE',
    severity: 'error',
    message: 'При полисе не единого образца (VPOLIS не 3) укажите дату выдачи документа (DOCDATE)',
  },
  'REG.PERS.DOCORG.REQUIRED': {
    f012Code: '902',
    field: 'DOCORG',
    severity: 'error',
    message: 'При полисе не единого образца (VPOLIS не 3) укажите, кем выдан документ (DOCORG)',
  },
  'REG.PERS.DOCDATE': {
    f012Code: '904',
    field: 'DOCDATE',
    severity: 'error',
    message: 'Дата выдачи документа (DOCDATE) раньше даты рождения или позже текущей даты',
  },
  'REG.PERS.SNILS.FORMAT': {
    f012Code: '903',
    field: 'SNILS',
    severity: 'error',
    message:
      'СНИЛС (SNILS) записывается в виде XXX-XXX-XXX XX: 11 цифр, дефисы и пробел перед контрольным числом',
  },
  'REG.PERS.SNILS.CONTROL': {
    f012Code: '904',
    field: 'SNILS',
    severity: 'error',
    message: 'Неверное контрольное число СНИЛС (SNILS): проверьте номер по документу',
  },
} as const satisfies Record<string, Omit<FlkRule, 'id'>>;

export type RegistryRuleId = keyof typeof registryRules;

/** Every rule id the registry FLK uses (migration 030 inserts each). */
export const registryRuleIds = Object.keys(registryRules) as readonly RegistryRuleId[];

/** The configured rule, or its default when the set lacks it. */
export function registryRule(rules: ReadonlyMap<string, FlkRule>, id: RegistryRuleId): FlkRule {
  return rules.get(id) ?? { id, ...registryRules[id] };
}
