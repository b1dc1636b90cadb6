import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export interface DatabaseSecret {
  username: string;
  password: string;
}

/** Reads the RDS-generated secret (JSON with username/password) once per cold start. */
export async function readDatabaseSecret(secretArn: string): Promise<DatabaseSecret> {
  const client = new SecretsManagerClient({});
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const parsed = JSON.parse(out.SecretString ?? '{}') as Partial<DatabaseSecret>;
  if (!parsed.username || !parsed.password) throw new Error('Database secret has no username/password');
  return { username: parsed.username, password: parsed.password };
}
