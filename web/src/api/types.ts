/**
 * Shapes of the REST API `/api/v1` as the web UI reads them. The web talks only to the API, so these few types
 * are written out here instead of being imported from the server's code.
 */

export type OrganisationKind = 'MO' | 'SMO' | 'TFOMS';

export interface Organisation {
  code: string;
  kind: OrganisationKind;
  name: string;
  shortName: string;
}

export interface Section {
  id: string;
  title: string;
  path: string;
  available: boolean;
}

export interface Me {
  username: string;
  fullName: string;
  role: string;
  roleTitle: string;
  organisation: Organisation;
  /** What the role may do (`organisations.edit`, …): the UI shows only actions that will succeed. */
  permissions?: string[];
  sections: Section[];
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: Me;
}

export interface RegionSummary {
  regionName: string;
  counts: {
    mo: number;
    smo: number;
    persons: number;
    policies: number;
    attachments: number;
    districts: number;
    doctors: number;
    departments: number;
    beds: number;
  };
}

/** One page of a server-paged list. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface NsiDirectory {
  code: string;
  title: string;
  versionCount: number;
  currentVersion: string;
  /** YYYY-MM-DD */
  publishedAt: string | null;
  recordCount: number;
}

export interface NsiVersion {
  version: string;
  publishedAt: string | null;
  loadedAt: string;
  recordCount: number;
  fileName: string;
}

export interface NsiRecord {
  code: string;
  name: string;
  /** YYYY-MM-DD */
  dateBeg: string | null;
  /** YYYY-MM-DD */
  dateEnd: string | null;
  attrs: Record<string, string>;
}

/** One FLK entry of a problem response. */
export interface ProblemFieldError {
  code: string;
  field: string;
  value: string;
  message: string;
}

/** `application/problem+json` (RFC 9457) with the FLK entries of ARCHITECTURE §2. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemFieldError[];
}
