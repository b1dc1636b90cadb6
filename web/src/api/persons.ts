import { apiRequest } from './client';
import type { Page } from './types';

export interface PersonListItem {
  id: string;
  enp: string;
  snils: string | null;
  fam: string;
  im: string;
  ot: string | null;
  sex: number;
  birthDate: string;
  smoCode: string | null;
  smoShortName: string | null;
  moCode: string | null;
  moShortName: string | null;
  districtCode: string | null;
}

export interface PersonsQuery {
  q?: string;
  birthDate?: string;
  smoCode?: string;
  moCode?: string;
  page: number;
  pageSize: number;
  sort?: string;
}

export interface PersonCard {
  person: {
    id: string;
    enp: string;
    snils: string | null;
    fam: string;
    im: string;
    ot: string | null;
    sex: number;
    birthDate: string;
    phone: string | null;
    docType: number | null;
    docSer: string | null;
    docNum: string | null;
    erzUpdatedAt: string | null;
  };
  documents: {
    docType: number;
    docTypeName: string | null;
    docSer: string | null;
    docNum: string;
    docDate: string | null;
  }[];
  policies: {
    id: string;
    policyType: number;
    policyTypeName: string | null;
    number: string;
    smoCode: string;
    smoShortName: string | null;
    dateBeg: string;
    dateEnd: string | null;
    closeReason: string | null;
    current: boolean;
  }[];
  attachments: {
    id: string;
    moCode: string;
    moShortName: string | null;
    districtCode: string;
    doctorSnils: string;
    doctorName: string | null;
    dateBeg: string;
    dateEnd: string | null;
    current: boolean;
  }[];
  sections: { sectionId: string; title: string; path: string; count: number }[];
}

export interface AffiliationRequest {
  enp?: string;
  snils?: string;
  fam?: string;
  im?: string;
  ot?: string;
  birthDate?: string;
  docSer?: string;
  docNum?: string;
  onDate?: string;
}

export interface AffiliationAnswer {
  outcome: 'identified' | 'no_policy_on_date' | 'not_insured_in_region' | 'ambiguous';
  message: string;
  method?: string;
  issues: { code: string; rule: string; severity: string; field?: string; value?: string; message: string }[];
  person?: { enp: string; fam: string; im: string; ot: string | null; birthDate: string; sex: number };
  policy?: {
    policyType: number;
    number: string;
    smoCode: string;
    smoName: string | null;
    dateBeg: string;
    dateEnd: string | null;
  };
  attachment?: { moCode: string; moName: string | null; districtCode: string | null; since: string | null };
}

export function fetchPersons(query: PersonsQuery, signal?: AbortSignal): Promise<Page<PersonListItem>> {
  return apiRequest('/api/v1/persons', { query: { ...query }, signal });
}

export function fetchPerson(id: string, signal?: AbortSignal): Promise<PersonCard> {
  return apiRequest(`/api/v1/persons/${encodeURIComponent(id)}`, { signal });
}

export function queryAffiliation(request: AffiliationRequest): Promise<AffiliationAnswer> {
  return apiRequest('/api/v1/persons/affiliation', { method: 'POST', body: request });
}
