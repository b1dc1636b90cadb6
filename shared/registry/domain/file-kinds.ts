/**
 * Kinds of registry-invoice files by the section of the federal order (DOMAIN §3.1): the prefix of the main
 * file's name. Every kind is imported and kept; the onco register reads the cases with suspicion of or
 * established ЗНО of any kind (C-files above all, H-files with DS_ONK=1), prevention reads the D-files.
 */
export const registryFileKinds = [
  'H',
  'T',
  'C',
  'DP',
  'DV',
  'DO',
  'DS',
  'DU',
  'DF',
  'DR',
  'DA',
  'DB',
] as const;
export type RegistryFileKind = (typeof registryFileKinds)[number];

export const registryFileKindNames: Record<RegistryFileKind, string> = {
  H: 'Медицинская помощь, кроме ВМП, профилактики и ЗНО',
  T: 'Высокотехнологичная медицинская помощь',
  C: 'Медицинская помощь при подозрении на ЗНО или установленном ЗНО',
  DP: 'Диспансеризация взрослых, I этап',
  DV: 'Диспансеризация взрослых, II этап',
  DO: 'Профилактические осмотры взрослых',
  DS: 'Диспансеризация детей-сирот в стационарных учреждениях',
  DU: 'Диспансеризация детей-сирот, усыновлённых или под опекой',
  DF: 'Профилактические осмотры несовершеннолетних',
  DR: 'Диспансеризация для оценки репродуктивного здоровья',
  DA: 'Углублённая диспансеризация, I этап',
  DB: 'Углублённая диспансеризация, II этап',
};

/** Dispensarisation and preventive examinations: RSLT_D (V017) instead of RSLT, SCHET/DISP (V016). */
export function isPreventionKind(kind: RegistryFileKind): boolean {
  return kind.startsWith('D');
}
