import type { problemBody } from '../../../functions/lib/problem';
import type { describeCaller } from '../../../functions/rest/accounts/auth/describe-caller';
import type { DirectorySummary, listVersions, searchRecords } from '../../../shared/nsi/db/nsi-repository';
import type { RegionCounts } from '../../../shared/org/db/region-repository';
import type { OrganisationKind } from '../../../shared/platform/access/roles';
import type { FlkIssue } from '../../../shared/platform/flk/issue';
import type { Json } from './json';

/**
 * Shapes of the REST API `/api/v1` shared by several pages. They are the server's own types, imported type-only
 * (nothing of the server reaches the bundle); `Json<…>` turns their Date fields into the strings JSON carries.
 */

export type { OrganisationKind };

/** The signed-in user (`GET /api/v1/me`, `user` of the sign-in answer), as `describeCaller` builds it. */
export type Me = Json<Awaited<ReturnType<typeof describeCaller>>>;

export type Organisation = Me['organisation'];

export type Section = Me['sections'][number];

/** `POST /api/v1/auth/login` — web-only: the handler builds it (the token, its expiry as ISO text, the user). */
export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: Me;
}

/** `GET /api/v1/region/summary` — web-only: the handler builds it from the demo region's name and the counts. */
export interface RegionSummary {
  regionName: string;
  counts: RegionCounts;
}

/**
 * One page of a server-paged list — web-only: the generic shape every paged route answers (`DataTable` reads it).
 * Small lists count their rows (`total`); the register's and the exchange's lists do not (counting a whole scope
 * grows with the region) and say whether another page follows (`hasMore`).
 */
export type Page<T> = CountedPage<T> | OpenPage<T>;

export interface CountedPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface OpenPage<T> {
  items: T[];
  hasMore: boolean;
  page: number;
  pageSize: number;
}

export type NsiDirectory = DirectorySummary;

export type NsiVersion = Json<Awaited<ReturnType<typeof listVersions>>[number]>;

export type NsiRecord = Awaited<ReturnType<typeof searchRecords>>['items'][number];

/** One FLK entry of a problem response: the platform's FLK issue. */
export type ProblemFieldError = FlkIssue;

/** `application/problem+json` (RFC 9457) with the FLK entries of ARCHITECTURE §2, as `problemBody` builds it. */
export type Problem = Json<ReturnType<typeof problemBody>>;
