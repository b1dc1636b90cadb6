import type {
  CardBed,
  CardDepartment,
  CardDistrict,
  CardDoctor,
  OrganisationCard as ServerOrganisationCard,
} from '../../../shared/org/db/organisation-card';
import type { DirectoryImportResult } from '../../../shared/org/db/organisation-import';
import type {
  listOrganisations,
  OrganisationListItem,
  OrganisationRecord,
} from '../../../shared/org/db/organisation-repository';
import type {
  DepartmentFields,
  DistrictFields,
  DoctorFields,
  departmentKinds,
  districtKinds,
  moKinds,
  OrganisationCreate,
  OrganisationFields,
  OrganisationListQuery,
} from '../../../shared/org/domain/organisation-input';
import { ApiError, NetworkError } from './api-error';
import { apiRequest } from './client';
import type { Answer, Json, QueryOf } from './json';
import { readToken } from './token-store';
import type { OrganisationKind, Problem } from './types';

export type { OrganisationListItem };

export type MoKind = (typeof moKinds)[number];
export type DepartmentKind = (typeof departmentKinds)[number];
export type DistrictKind = (typeof districtKinds)[number];

export type OrganisationRequisites = Json<OrganisationRecord>;

export type Beds = CardBed;

export type Department = CardDepartment;

export type Doctor = CardDoctor;

export type District = CardDistrict;

export type OrganisationCard = Json<ServerOrganisationCard>;

export type OrganisationsQuery = QueryOf<OrganisationListQuery>;

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
  return apiRequest<Answer<typeof listOrganisations>>(base, { query: { ...query }, signal });
}

export function fetchOrganisationCard(code: string, signal?: AbortSignal) {
  return apiRequest<OrganisationCard>(at(code), { signal });
}

/** `PUT /api/v1/organisations/{code}`: the requisites and dates. */
export type OrganisationBody = OrganisationFields;

export function createOrganisation(body: OrganisationCreate) {
  return apiRequest<{ code: string }>(base, { method: 'POST', body });
}

export function updateOrganisation(code: string, body: OrganisationBody) {
  return apiRequest<{ code: string }>(at(code), { method: 'PUT', body });
}

/** The department's fields; a new one's code goes with them. */
export type DepartmentBody = DepartmentFields;

export function saveDepartment(moCode: string, code: string, body: DepartmentBody, isNew: boolean) {
  return isNew
    ? apiRequest(`${at(moCode)}/departments`, { method: 'POST', body: { ...body, code } })
    : apiRequest(`${at(moCode)}/departments/${encodeURIComponent(code)}`, { method: 'PUT', body });
}

export type DoctorBody = DoctorFields;

export function saveDoctor(moCode: string, snils: string, body: DoctorBody, isNew: boolean) {
  return isNew
    ? apiRequest(`${at(moCode)}/doctors`, { method: 'POST', body: { ...body, snils } })
    : apiRequest(`${at(moCode)}/doctors/${encodeURIComponent(snils)}`, { method: 'PUT', body });
}

export type DistrictBody = DistrictFields;

export function saveDistrict(moCode: string, code: string, body: DistrictBody, isNew: boolean) {
  return isNew
    ? apiRequest(`${at(moCode)}/districts`, { method: 'POST', body: { ...body, code } })
    : apiRequest(`${at(moCode)}/districts/${encodeURIComponent(code)}`, { method: 'PUT', body });
}

export type ImportResult = DirectoryImportResult;

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
