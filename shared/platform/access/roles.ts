/** Organisation kinds of ARCHITECTURE §1. */
export const organisationKinds = ['MO', 'SMO', 'TFOMS'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** Roles of people (web) and of systems (SOAP). Cognito groups carry the same identifiers. */
export const roles = [
  'mo_registrar',
  'mo_head',
  'mo_admin',
  'smo_representative',
  'smo_admin',
  'tfoms_analyst',
  'nsi_operator',
  'fund_admin',
  'mo_system',
  'smo_system',
  'tfoms_system',
] as const;
export type Role = (typeof roles)[number];

/** Is this one of the roles? (Schemas take `roleSchema` of role-schema.ts: this module stays free of zod.) */
export function isRole(value: unknown): value is Role {
  return (roles as readonly unknown[]).includes(value);
}

export const roleTitles: Record<Role, string> = {
  mo_registrar: 'Регистратор МО',
  mo_head: 'Заведующий отделением МО',
  mo_admin: 'Администратор МО',
  smo_representative: 'Страховой представитель СМО',
  smo_admin: 'Администратор СМО',
  tfoms_analyst: 'Аналитик ТФОМС',
  nsi_operator: 'Оператор НСИ',
  fund_admin: 'Администратор фонда',
  mo_system: 'Информационная система МО',
  smo_system: 'Информационная система СМО',
  tfoms_system: 'Информационная система ТФОМС (РС ЕРЗ)',
};

/** Which organisation kind a role belongs to: a role can never act for another kind. */
export const roleOrganisationKind: Record<Role, OrganisationKind> = {
  mo_registrar: 'MO',
  mo_head: 'MO',
  mo_admin: 'MO',
  mo_system: 'MO',
  smo_representative: 'SMO',
  smo_admin: 'SMO',
  smo_system: 'SMO',
  tfoms_analyst: 'TFOMS',
  nsi_operator: 'TFOMS',
  fund_admin: 'TFOMS',
  tfoms_system: 'TFOMS',
};

/** Roles of system accounts (SOAP); all others are people signing into the web UI. */
export const systemRoles: readonly Role[] = ['mo_system', 'smo_system', 'tfoms_system'];

export function isSystemRole(role: Role): boolean {
  return systemRoles.includes(role);
}

export const organisationKindTitles: Record<OrganisationKind, string> = {
  MO: 'Медицинская организация',
  SMO: 'Страховая медицинская организация',
  TFOMS: 'Территориальный фонд ОМС',
};
