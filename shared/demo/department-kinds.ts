/**
 * Inpatient department kinds of the demo hospitals, each with its real directory codes:
 * profile of care (V002), bed profile (V020) and the doctors' specialty (V021).
 */
export interface DepartmentKind {
  key: string;
  name: string;
  profileV002: number;
  bedProfileV020: number;
  specialtyV021: number;
  children?: boolean;
}

export const inpatientKinds: readonly DepartmentKind[] = [
  { key: 'ther', name: 'Терапевтическое отделение', profileV002: 97, bedProfileV020: 71, specialtyV021: 76 },
  { key: 'surg', name: 'Хирургическое отделение', profileV002: 112, bedProfileV020: 80, specialtyV021: 90 },
  { key: 'card', name: 'Кардиологическое отделение', profileV002: 29, bedProfileV020: 26, specialtyV021: 25 },
  { key: 'neur', name: 'Неврологическое отделение', profileV002: 53, bedProfileV020: 34, specialtyV021: 35 },
  { key: 'onco', name: 'Онкологическое отделение', profileV002: 60, bedProfileV020: 42, specialtyV021: 41 },
  { key: 'gyn', name: 'Гинекологическое отделение', profileV002: 136, bedProfileV020: 6, specialtyV021: 2 },
  {
    key: 'trau',
    name: 'Травматологическое отделение',
    profileV002: 100,
    bedProfileV020: 74,
    specialtyV021: 79,
  },
  {
    key: 'pulm',
    name: 'Пульмонологическое отделение',
    profileV002: 75,
    bedProfileV020: 63,
    specialtyV021: 55,
  },
  {
    key: 'gast',
    name: 'Гастроэнтерологическое отделение',
    profileV002: 11,
    bedProfileV020: 14,
    specialtyV021: 8,
  },
  { key: 'urol', name: 'Урологическое отделение', profileV002: 108, bedProfileV020: 77, specialtyV021: 84 },
  {
    key: 'endo',
    name: 'Эндокринологическое отделение',
    profileV002: 122,
    bedProfileV020: 85,
    specialtyV021: 92,
  },
  { key: 'infe', name: 'Инфекционное отделение', profileV002: 28, bedProfileV020: 24, specialtyV021: 24 },
  {
    key: 'opht',
    name: 'Офтальмологическое отделение',
    profileV002: 65,
    bedProfileV020: 52,
    specialtyV021: 46,
  },
  {
    key: 'pedi',
    name: 'Педиатрическое отделение',
    profileV002: 68,
    bedProfileV020: 55,
    specialtyV021: 49,
    children: true,
  },
];

/** District (участок) kinds of primary care and their doctors (V021) and profile (V002). */
export const districtKinds = {
  therapeutic: {
    specialtyV021: 95,
    profileV002: 97,
    departmentName: 'Терапевтическое отделение поликлиники',
  },
  pediatric: { specialtyV021: 49, profileV002: 68, departmentName: 'Педиатрическое отделение поликлиники' },
  general_practice: {
    specialtyV021: 39,
    profileV002: 57,
    departmentName: 'Отделение общей врачебной практики',
  },
} as const;
export type DistrictKind = keyof typeof districtKinds;
