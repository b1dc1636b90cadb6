/**
 * Runtime configuration, read once from the environment. The same variable names are set by the CDK stacks
 * (AWS) and by the local runtime (infra/local), so a handler never knows where it runs.
 */
export interface RuntimeConfig {
  /** `local` (embedded PostgreSQL, pg-boss, blob directory, local token issuer) or `aws`. */
  mode: 'local' | 'aws';
  /** Full connection string; used locally and whenever set. */
  databaseUrl: string | undefined;
  /** AWS: RDS Proxy endpoint, database name and the Secrets Manager secret holding username/password. */
  dbHost: string | undefined;
  dbPort: number;
  dbName: string;
  dbSecretArn: string | undefined;
  /** Maximum connections of this process's pool (Lambda: 1–2 behind RDS Proxy). */
  dbPoolMax: number;
  importQueueUrl: string | undefined;
  inboxBucket: string | undefined;
  exportsBucket: string | undefined;
  /** Local blob directory (mode local). */
  blobDir: string | undefined;
  /** Local token issuer secret (mode local). */
  localJwtSecret: string | undefined;
  cognitoUserPoolId: string | undefined;
  cognitoClientId: string | undefined;
  /**
   * Public base URL of the API as clients reach it (e.g. `https://omslink.example`): WSDLs announce their
   * `soap:address` below it. Unset: the address the client reached (Host, X-Forwarded-Proto/Host).
   */
  publicUrl: string | undefined;
  /**
   * Calls a minute a system (SOAP) account may make when its administrator set no limit of its own
   * (`OMSLINK_SYSTEM_RATE_LIMIT`, default 6,000 = 100 a second: a busy hospital MIS sends tens a second).
   */
  systemRateLimit: number;
}

/** A positive whole number from the environment, or the default when unset or not one. */
function positiveInt(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return text && Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  return {
    mode: env.OMSLINK_MODE === 'aws' ? 'aws' : 'local',
    databaseUrl: env.DATABASE_URL || undefined,
    dbHost: env.DB_HOST || undefined,
    dbPort: Number(env.DB_PORT ?? 5432),
    dbName: env.DB_NAME ?? 'omslink',
    dbSecretArn: env.DB_SECRET_ARN || undefined,
    dbPoolMax: Number(env.DB_POOL_MAX ?? (env.AWS_LAMBDA_FUNCTION_NAME ? 2 : 10)),
    importQueueUrl: env.IMPORT_QUEUE_URL || undefined,
    inboxBucket: env.INBOX_BUCKET || undefined,
    exportsBucket: env.EXPORTS_BUCKET || undefined,
    blobDir: env.OMSLINK_BLOB_DIR || undefined,
    localJwtSecret: env.OMSLINK_JWT_SECRET || undefined,
    cognitoUserPoolId: env.COGNITO_USER_POOL_ID || undefined,
    cognitoClientId: env.COGNITO_CLIENT_ID || undefined,
    publicUrl: env.OMSLINK_PUBLIC_URL || undefined,
    systemRateLimit: positiveInt(env.OMSLINK_SYSTEM_RATE_LIMIT, 6_000),
  };
}

/** A setting the caller cannot work without (an AWS adapter's queue URL or bucket name). */
export function requiredSetting(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
