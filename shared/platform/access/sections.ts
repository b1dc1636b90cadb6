import { can, type Permission } from './permissions';
import { type OrganisationKind, type Role, roleOrganisationKind } from './roles';

/**
 * The product's sections as the web UI shows them. `available` says whether the section is built yet; a section
 * that is not says so honestly in the UI instead of showing invented data.
 */
export interface SectionSpec {
  id: string;
  title: string;
  path: string;
  /** Organisation kinds whose people see the section (ARCHITECTURE §1 visibility). */
  kinds: readonly OrganisationKind[];
  /** When set, only roles with this permission see the section. */
  permission?: Permission;
  available: boolean;
}

const all = ['MO', 'SMO', 'TFOMS'] as const;

export const sections: readonly SectionSpec[] = [
  { id: 'prevention', title: 'Медосмотры', path: '/prevention', kinds: all, available: false },
  { id: 'schedules', title: 'Графики медосмотров', path: '/schedules', kinds: all, available: false },
  { id: 'hospital-plan', title: 'План госпитализации', path: '/hospital-plan', kinds: all, available: true },
  {
    id: 'hospitalisations',
    title: 'Госпитализация',
    path: '/hospitalisations',
    kinds: all,
    available: true,
  },
  { id: 'referrals', title: 'Направления', path: '/referrals', kinds: all, available: true },
  { id: 'onco', title: 'Онкорегистр', path: '/onco', kinds: all, available: false },
  {
    id: 'polyclinic-cases',
    title: 'Случаи поликлинического обслуживания',
    path: '/polyclinic-cases',
    kinds: all,
    available: false,
  },
  {
    id: 'informing-requests',
    title: 'Заявки на информирование',
    path: '/informing-requests',
    kinds: all,
    available: false,
  },
  // Informing the insured person is the СМО's duty (108н п. 231); ТФОМС supervises it. An МО does not inform.
  {
    id: 'patient-informing',
    title: 'Информирование пациента',
    path: '/patient-informing',
    kinds: ['SMO', 'TFOMS'],
    available: false,
  },
  { id: 'reports', title: 'Отчёты', path: '/reports', kinds: all, available: false },
  {
    id: 'persons',
    title: 'Застрахованные лица',
    path: '/persons',
    kinds: all,
    permission: 'persons.read',
    available: true,
  },
  {
    id: 'erz',
    title: 'Загрузка ЕРЗ',
    path: '/erz',
    kinds: ['TFOMS'],
    permission: 'erz.read-imports',
    available: true,
  },
  { id: 'nsi', title: 'Справочники', path: '/nsi', kinds: all, available: true },
  { id: 'organisations', title: 'Организации', path: '/organisations', kinds: all, available: true },
  {
    id: 'accounts',
    title: 'Пользователи',
    path: '/accounts',
    kinds: all,
    permission: 'accounts.manage',
    available: true,
  },
  {
    id: 'audit',
    title: 'Журнал аудита',
    path: '/audit',
    kinds: ['TFOMS'],
    permission: 'audit.read',
    available: true,
  },
  { id: 'exchange-journal', title: 'Журнал обмена', path: '/exchange-journal', kinds: all, available: false },
];

/** The sections a role sees: its organisation kind's, narrowed by the section's permission. */
export function sectionsFor(role: Role): SectionSpec[] {
  const kind = roleOrganisationKind[role];
  return sections.filter((s) => s.kinds.includes(kind) && (!s.permission || can({ role }, s.permission)));
}
