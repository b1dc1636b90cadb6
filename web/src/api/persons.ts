import type { AffiliationAnswer as ServerAffiliationAnswer } from '../../../shared/person/db/affiliation-query';
import type {
  PersonListItem,
  PersonListQuery,
  PersonCard as ServerPersonCard,
  searchPersons,
} from '../../../shared/person/db/person-repository';
import type { PersonSectionLink } from '../../../shared/person/db/person-section-links';
import type { IdentityInput } from '../../../shared/person/domain/identity-input';
import { apiRequest } from './client';
import type { Answer, Json, QueryOf } from './json';

export type { PersonListItem };

export type PersonsQuery = QueryOf<PersonListQuery>;

/** `GET /api/v1/persons/{id}`: the card and the links to the sections holding records about the person. */
export type PersonCard = Json<ServerPersonCard> & { sections: PersonSectionLink[] };

export type AffiliationRequest = IdentityInput;

/** The answer of `POST /api/v1/persons/affiliation` (an `invalid` outcome is answered as a 400 problem instead). */
export type AffiliationAnswer = Omit<Json<ServerAffiliationAnswer>, 'outcome'> & {
  outcome: Exclude<ServerAffiliationAnswer['outcome'], 'invalid'>;
};

/** The matching persons (`searchPersons`) with the page the route answers. */
export function fetchPersons(
  query: PersonsQuery,
  signal?: AbortSignal,
): Promise<Answer<typeof searchPersons> & { page: number; pageSize: number }> {
  return apiRequest('/api/v1/persons', { query: { ...query }, signal });
}

export function fetchPerson(id: string, signal?: AbortSignal): Promise<PersonCard> {
  return apiRequest(`/api/v1/persons/${encodeURIComponent(id)}`, { signal });
}

export function queryAffiliation(request: AffiliationRequest): Promise<AffiliationAnswer> {
  return apiRequest('/api/v1/persons/affiliation', { method: 'POST', body: request });
}
