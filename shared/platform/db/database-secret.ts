import { type AwsCallOptions, awsJsonCall } from '../aws/aws-json-call';

export interface DatabaseSecret {
  username: string;
  password: string;
}

const secretsManager = {
  service: 'secretsmanager',
  jsonVersion: '1.1',
  targetPrefix: 'secretsmanager',
} as const;

/**
 * Reads the RDS-generated secret (JSON with username/password) once per cold start: one `GetSecretValue` call
 * in the secret's region. Every function reads it, so it goes without the Secrets Manager SDK client
 * (aws-json-call.ts says why).
 */
export async function readDatabaseSecret(
  secretArn: string,
  options: AwsCallOptions = {},
): Promise<DatabaseSecret> {
  const region = secretArn.split(':')[3] || undefined;
  const out = await awsJsonCall<{ SecretString?: unknown }>(
    secretsManager,
    'GetSecretValue',
    { SecretId: secretArn },
    { ...(region ? { region } : {}), ...options },
  );
  let parsed: Partial<DatabaseSecret> = {};
  try {
    parsed = JSON.parse(typeof out.SecretString === 'string' ? out.SecretString : '{}');
  } catch {}
  if (!parsed.username || !parsed.password) throw new Error('Database secret has no username/password');
  return { username: parsed.username, password: parsed.password };
}
