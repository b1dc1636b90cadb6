import { ApiError, NetworkError } from './api-error';
import { apiRequest } from './client';
import { readToken } from './token-store';
import type { OrganisationKind, Page, Problem, ProblemFieldError } from './types';

export type MoKind = 'polyclinic' | 'hospital' | 'combined';
export type DepartmentKind = 'polyclinic' | 'inpatient' | 'day_hospital';
export type DistrictKind = 'therapeutic' | 'pediatric' | 'general_practice';

export interface OrganisationListItem {
  code: string;
  kind: OrganisationKind;
  name: string;
  shortName: string;
  moKind: MoKind | null;
  dateBeg: string;
  dateEnd: string | null;
  departments: number;
  districts: number;
  doctors: number;
  beds: number;
}

export interface OrganisationRequisites {
  code: string;
  kind: OrganisationKind;
  name: string;
  shortName: string;
  moKind: MoKind | null;
  regionCode: string;
  okato: string | null;
  inn: string | null;
  ogrn: string | null;
  kpp: string | null;
  address: string | null;
  phone: string | null;
  dateBeg: string;
  dateEnd: string | null;
}

export interface Beds {
  bedProfileV020: number;
  bedProfileName?: string | null;
  beds: number;
  bedsMale: number;
  bedsFemale: number;
  bedsChild: number;
}

export interface Department {
  code: string;
  name: string;
  kind: DepartmentKind;
  profileV002: number;
  profileName: string | null;
  conditionsV006: number;
  conditionsName: string | null;
  dateEnd: string | null;
  beds: Beds[];
}

export interface Doctor {
  snils: string;
  fam: string;
  im: string;
  ot: string | null;
  specialtyV021: number;
  specialtyName: string | null;
}

export interface District {
  code: string;
  kind: DistrictKind;
  doctorSnils: string;
  doctorName: string | null;
  dateEnd: string | null;
}

export interface OrganisationCard {
  organisation: OrganisationRequisites;
  departments: Department[];
  bedsByProfile: Beds[];
  districts: District[];
  doctors: Doctor[];
}

export interface OrganisationsQuery {
  kind?: string;
  q?: string;
  page: number;
  pageSize: number;
  sort?: string;
}

export const organisationKindLabels: Record<OrganisationKind, string> = {
  MO: 'МО',
  SMO: 'СМО',
  TFOMS: 'ТФОМС',
};

export const moKindLabels: Record<MoKind, string> = {
  polyclinic: 'Поликлиника',
  hospital: 'Стационар',
  combined: 'Поликлиника и стационар',
};

export const departmentKindLabels: Record<DepartmentKind, string> = {
  polyclinic: 'Поликлиническое',
  inpatient: 'Стационарное',
  day_hospital: 'Дневной стационар',
};

export const districtKindLabels: Record<DistrictKind, string> = {
  therapeutic: 'Терапевтический',
  pediatric: 'Педиатрический',
  general_practice: 'Общей врачебной практики',
};

const base = '/api/v1/organisations';
const at = (code: string) => `${base}/${encodeURIComponent(code)}`;

export function fetchOrganisations(query: OrganisationsQuery, signal?: AbortSignal) {
  return apiRequest<Page<OrganisationListItem>>(base, { query: { ...query }, signal });
}

export function fetchOrganisationCard(code: string, signal?: AbortSignal) {
  return apiRequest<OrganisationCard>(at(code), { signal });
}

export type OrganisationBody = Omit<OrganisationRequisites, 'code' | 'kind' | 'regionCode'>;

export function createOrganisation(body: OrganisationBody & { code: string; kind: 'MO' | 'SMO' }) {
  return apiRequest<{ code: string }>(base, { method: 'POST', body });
}

export function updateOrganisation(code: string, body: OrganisationBody) {
  return apiRequest<{ code: string }>(at(code), { method: 'PUT', body });
}

export type DepartmentBody = Omit<Department, 'code' | 'profileName' | 'conditionsName' | 'beds'> & {
  beds: Omit<Beds, 'bedProfileName'>[];
};

export function saveDepartment(moCode: string, code: string, body: DepartmentBody, isNew: boolean) {
  return isNew
    ? apiRequest(`${at(moCode)}/departments`, { method: 'POST', body: { ...body, code } })
    : apiRequest(`${at(moCode)}/departments/${encodeURIComponent(code)}`, { method: 'PUT', body });
}

export type DoctorBody = Omit<Doctor, 'snils' | 'specialtyName'>;

export function saveDoctor(moCode: string, snils: string, body: DoctorBody, isNew: boolean) {
  return isNew
    ? apiRequest(`${at(moCode)}/doctors`, { method: 'POST', body: { ...body, snils } })
    : apiRequest(`${at(moCode)}/doctors/${encodeURIComponent(snils)}`, { method: 'PUT', body });
}

export type DistrictBody = Omit<District, 'code' | 'doctorName'>;

export function saveDistrict(moCode: string, code: string, body: DistrictBody, isNew: boolean) {
  return isNew
    ? apiRequest(`${at(moCode)}/districts`, { method: 'POST', body: { ...body, code } })
    : apiRequest(`${at(moCode)}/districts/${encodeURIComponent(code)}`, { method: 'PUT', body });
}

export interface ImportResult {
  directories: ('F003' | 'F002')[];
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejected: number;
  errors: { ordinal: number; code: string; errors: ProblemFieldError[] }[];
}

/**
 * Sends an F003/F002 file as it is (binary, so a windows-1251 file reaches the server byte for byte); the
 * JSON client cannot send raw bytes.
 */
export async function importDirectory(file: File): Promise<ImportResult> {
  const token = readToken();
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Content-Type': 'application/octet-stream',
    'X-Omslink-Client': 'web',
    'X-File-Name': encodeURIComponent(file.name),
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`${base}/import`, { method: 'POST', headers, body: file });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) {
    let problem: Problem | null = null;
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = null;
    }
    throw new ApiError(response.status, problem);
  }
  return (await response.json()) as ImportResult;
}
