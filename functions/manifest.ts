/**
 * The one list of deployable functions. The CDK app creates a Lambda (and its API Gateway route, SQS event
 * source or custom resource) for each entry; the local runtime dispatches HTTP requests and queue messages to the
 * very same handler modules. Adding a route means adding it here, nowhere else.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `public`: no token; `user`: a signed-in person (Cognito authorizer in AWS, local issuer locally). */
export type RouteAuth = 'public' | 'user';

export interface RestFunction {
  kind: 'rest';
  /** Stable logical name, also used for the Lambda's construct id. */
  name: string;
  /** Handler module, relative to the project root; it exports `handler`. */
  entry: string;
  method: HttpMethod;
  /** API Gateway resource path, with `{param}` placeholders. */
  path: string;
  auth: RouteAuth;
  /**
   * The handler manages people's accounts in the Cognito user pool (create, group membership, disable/enable,
   * password reset, sign-out, attributes): in AWS its role gets exactly those admin actions on the user pool.
   * Signing in needs no flag: InitiateAuth is a public Cognito API, not authorised by IAM.
   */
  cognitoAdmin?: boolean;
}

export interface SoapFunction {
  kind: 'soap';
  name: string;
  entry: string;
  /** The service name: served at `/soap/<service>` (POST) and `/soap/<service>?wsdl` (GET). */
  service: string;
}

export interface QueueFunction {
  kind: 'queue';
  name: string;
  entry: string;
  /** Logical queue name (the SQS import queue in AWS, a pg-boss queue locally). */
  queue: 'import';
}

export interface OpsFunction {
  kind: 'ops';
  name: string;
  entry: string;
  /** `migrate` runs on every deployment (custom resource) and at local start-up. */
  purpose: 'migrate';
}

export type FunctionSpec = RestFunction | SoapFunction | QueueFunction | OpsFunction;

export const restFunctions: RestFunction[] = [
  {
    kind: 'rest',
    name: 'Health',
    entry: 'functions/rest/health.ts',
    method: 'GET',
    path: '/health',
    auth: 'public',
  },
  {
    kind: 'rest',
    name: 'AuthLogin',
    entry: 'functions/rest/accounts/auth/login.ts',
    method: 'POST',
    path: '/api/v1/auth/login',
    auth: 'public',
  },
  {
    kind: 'rest',
    name: 'AuthLogout',
    entry: 'functions/rest/accounts/auth/logout.ts',
    method: 'POST',
    path: '/api/v1/auth/logout',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'Me',
    entry: 'functions/rest/accounts/auth/me.ts',
    method: 'GET',
    path: '/api/v1/me',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'NsiListDirectories',
    entry: 'functions/rest/nsi/list-directories.ts',
    method: 'GET',
    path: '/api/v1/nsi/directories',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'NsiListVersions',
    entry: 'functions/rest/nsi/list-versions.ts',
    method: 'GET',
    path: '/api/v1/nsi/directories/{code}/versions',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'NsiListRecords',
    entry: 'functions/rest/nsi/list-records.ts',
    method: 'GET',
    path: '/api/v1/nsi/directories/{code}/records',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'PersonsList',
    entry: 'functions/rest/person/list-persons.ts',
    method: 'GET',
    path: '/api/v1/persons',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'PersonsAffiliation',
    entry: 'functions/rest/person/query-affiliation.ts',
    method: 'POST',
    path: '/api/v1/persons/affiliation',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'PersonsGet',
    entry: 'functions/rest/person/get-person.ts',
    method: 'GET',
    path: '/api/v1/persons/{id}',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'ReferralsList',
    entry: 'functions/rest/hospitalisation/referrals/list-referrals.ts',
    method: 'GET',
    path: '/api/v1/referrals',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'ReferralsCreate',
    entry: 'functions/rest/hospitalisation/referrals/create-referral.ts',
    method: 'POST',
    path: '/api/v1/referrals',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'ReferralsGet',
    entry: 'functions/rest/hospitalisation/referrals/get-referral.ts',
    method: 'GET',
    path: '/api/v1/referrals/{id}',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'ReferralsCancel',
    entry: 'functions/rest/hospitalisation/referrals/cancel-referral.ts',
    method: 'POST',
    path: '/api/v1/referrals/{id}/cancel',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'ReferralsAdmit',
    entry: 'functions/rest/hospitalisation/referrals/admit-referral.ts',
    method: 'POST',
    path: '/api/v1/referrals/{id}/admit',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'AdmissionsList',
    entry: 'functions/rest/hospitalisation/admissions/list-admissions.ts',
    method: 'GET',
    path: '/api/v1/admissions',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'AdmissionsGet',
    entry: 'functions/rest/hospitalisation/admissions/get-admission.ts',
    method: 'GET',
    path: '/api/v1/admissions/{id}',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'AdmissionsCreate',
    entry: 'functions/rest/hospitalisation/admissions/create-admission.ts',
    method: 'POST',
    path: '/api/v1/admissions',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'AdmissionsDischarge',
    entry: 'functions/rest/hospitalisation/admissions/discharge-admission.ts',
    method: 'POST',
    path: '/api/v1/admissions/{id}/discharge',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'AdmissionsMovement',
    entry: 'functions/rest/hospitalisation/admissions/add-movement.ts',
    method: 'POST',
    path: '/api/v1/admissions/{id}/movements',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'FreeBedsList',
    entry: 'functions/rest/hospitalisation/free-beds/list-free-beds.ts',
    method: 'GET',
    path: '/api/v1/free-beds',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'FreeBedsSend',
    entry: 'functions/rest/hospitalisation/free-beds/send-free-beds.ts',
    method: 'POST',
    path: '/api/v1/free-beds',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'HospitalPlansList',
    entry: 'functions/rest/hospitalisation/hospital-plans/list-plans.ts',
    method: 'GET',
    path: '/api/v1/hospital-plans',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'HospitalPlansSend',
    entry: 'functions/rest/hospitalisation/hospital-plans/send-plans.ts',
    method: 'POST',
    path: '/api/v1/hospital-plans',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'HospitalisationPackage',
    entry: 'functions/rest/hospitalisation/send-package.ts',
    method: 'POST',
    path: '/api/v1/hospitalisation/packages/{kind}',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'HospitalisationFeed',
    entry: 'functions/rest/hospitalisation/read-feed.ts',
    method: 'GET',
    path: '/api/v1/hospitalisation/feeds/{feed}',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'RegionSummary',
    entry: 'functions/rest/org/region-summary.ts',
    method: 'GET',
    path: '/api/v1/region/summary',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'OrganisationsList',
    entry: 'functions/rest/org/list-organisations.ts',
    method: 'GET',
    path: '/api/v1/organisations',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'OrganisationsCreate',
    entry: 'functions/rest/org/create-organisation.ts',
    method: 'POST',
    path: '/api/v1/organisations',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'OrganisationsImport',
    entry: 'functions/rest/org/import-organisations.ts',
    method: 'POST',
    path: '/api/v1/organisations/import',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'OrganisationsGet',
    entry: 'functions/rest/org/get-organisation.ts',
    method: 'GET',
    path: '/api/v1/organisations/{code}',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'OrganisationsUpdate',
    entry: 'functions/rest/org/update-organisation.ts',
    method: 'PUT',
    path: '/api/v1/organisations/{code}',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'OrganisationsCreateDepartment',
    entry: 'functions/rest/org/create-department.ts',
    method: 'POST',
    path: '/api/v1/organisations/{code}/departments',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'OrganisationsUpdateDepartment',
    entry: 'functions/rest/org/update-department.ts',
    method: 'PUT',
    path: '/api/v1/organisations/{code}/departments/{departmentCode}',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'OrganisationsCreateDoctor',
    entry: 'functions/rest/org/create-doctor.ts',
    method: 'POST',
    path: '/api/v1/organisations/{code}/doctors',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'OrganisationsUpdateDoctor',
    entry: 'functions/rest/org/update-doctor.ts',
    method: 'PUT',
    path: '/api/v1/organisations/{code}/doctors/{snils}',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'OrganisationsCreateDistrict',
    entry: 'functions/rest/org/create-district.ts',
    method: 'POST',
    path: '/api/v1/organisations/{code}/districts',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'OrganisationsUpdateDistrict',
    entry: 'functions/rest/org/update-district.ts',
    method: 'PUT',
    path: '/api/v1/organisations/{code}/districts/{districtCode}',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'AccountsList',
    entry: 'functions/rest/accounts/list-accounts.ts',
    method: 'GET',
    path: '/api/v1/accounts',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'AccountsCreate',
    entry: 'functions/rest/accounts/create-account.ts',
    method: 'POST',
    path: '/api/v1/accounts',
    auth: 'user',
    cognitoAdmin: true,
  },
  {
    kind: 'rest',
    name: 'AccountsGet',
    entry: 'functions/rest/accounts/get-account.ts',
    method: 'GET',
    path: '/api/v1/accounts/{username}',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'AccountsUpdate',
    entry: 'functions/rest/accounts/update-account.ts',
    method: 'PATCH',
    path: '/api/v1/accounts/{username}',
    auth: 'user',
    cognitoAdmin: true,
  },
  {
    kind: 'rest',
    name: 'AccountsResetPassword',
    entry: 'functions/rest/accounts/reset-password.ts',
    method: 'POST',
    path: '/api/v1/accounts/{username}/password',
    auth: 'user',
    cognitoAdmin: true,
  },
  {
    kind: 'rest',
    name: 'AccountsUnlock',
    entry: 'functions/rest/accounts/unlock-account.ts',
    method: 'POST',
    path: '/api/v1/accounts/{username}/unlock',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'AccountsListSecrets',
    entry: 'functions/rest/accounts/list-secrets.ts',
    method: 'GET',
    path: '/api/v1/accounts/{username}/secrets',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'AccountsIssueSecret',
    entry: 'functions/rest/accounts/issue-secret.ts',
    method: 'POST',
    path: '/api/v1/accounts/{username}/secrets',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'AccountsRevokeSecret',
    entry: 'functions/rest/accounts/revoke-secret.ts',
    method: 'DELETE',
    path: '/api/v1/accounts/{username}/secrets/{id}',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'RolesList',
    entry: 'functions/rest/accounts/list-roles.ts',
    method: 'GET',
    path: '/api/v1/roles',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'AuditSearch',
    entry: 'functions/rest/audit/search-audit.ts',
    method: 'GET',
    path: '/api/v1/audit',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'AuditExport',
    entry: 'functions/rest/audit/export-audit.ts',
    method: 'GET',
    path: '/api/v1/audit/export',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'PersonsAccessLog',
    entry: 'functions/rest/audit/person-access-log.ts',
    method: 'GET',
    path: '/api/v1/persons/{id}/access-log',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'ErzUploadImport',
    entry: 'functions/rest/person/erz/upload-import.ts',
    method: 'POST',
    path: '/api/v1/erz/imports',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'ErzListImports',
    entry: 'functions/rest/person/erz/list-imports.ts',
    method: 'GET',
    path: '/api/v1/erz/imports',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'ErzGetImport',
    entry: 'functions/rest/person/erz/get-import.ts',
    method: 'GET',
    path: '/api/v1/erz/imports/{id}',
    auth: 'user',
  },
  // T-files (docs/formats/t-family.md): the export route precedes `{id}` (the local router takes the first match).
  {
    kind: 'rest',
    name: 'HospFilesUpload',
    entry: 'functions/rest/hospitalisation/files/upload-t-file.ts',
    method: 'POST',
    path: '/api/v1/hospitalisation/files',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'HospFilesList',
    entry: 'functions/rest/hospitalisation/files/list-t-files.ts',
    method: 'GET',
    path: '/api/v1/hospitalisation/files',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'HospFilesExport',
    entry: 'functions/rest/hospitalisation/files/export-t-files.ts',
    method: 'GET',
    path: '/api/v1/hospitalisation/files/export',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'HospFilesGet',
    entry: 'functions/rest/hospitalisation/files/get-t-file.ts',
    method: 'GET',
    path: '/api/v1/hospitalisation/files/{id}',
    auth: 'user',
  },
];

export const soapFunctions: SoapFunction[] = [
  { kind: 'soap', name: 'SoapNsiService', entry: 'functions/soap/nsi/nsi-service.ts', service: 'NsiService' },
  {
    kind: 'soap',
    name: 'SoapErzService',
    entry: 'functions/soap/person/erz-service.ts',
    service: 'ErzService',
  },
  {
    kind: 'soap',
    name: 'SoapHospitalizationService',
    entry: 'functions/soap/hospitalisation/hospitalization-service.ts',
    service: 'HospitalizationService',
  },
];

export const queueFunctions: QueueFunction[] = [
  { kind: 'queue', name: 'ImportConsumer', entry: 'functions/queue/import-consumer.ts', queue: 'import' },
];

export const opsFunctions: OpsFunction[] = [
  { kind: 'ops', name: 'Migrate', entry: 'functions/ops/migrate.ts', purpose: 'migrate' },
];

export const allFunctions: FunctionSpec[] = [
  ...restFunctions,
  ...soapFunctions,
  ...queueFunctions,
  ...opsFunctions,
];
