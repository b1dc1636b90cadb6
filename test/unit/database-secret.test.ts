import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AwsHttpRequest, AwsHttpResponse, AwsTransport } from '../../shared/platform/aws/aws-json-call';
import { readDatabaseSecret } from '../../shared/platform/db/database-secret';

const arn = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:omslink-app-AbCdEf';
const env = {
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'session-token',
};

const sha256Hex = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** The SigV4 signature of a POST to `/`, computed here from the AWS documentation, independently of the signer. */
function expectedSignature(
  headers: Record<string, string>,
  signedHeaders: string,
  credential: string,
  body: string,
): string {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((name) => `${name}:${lower[name]!.trim()}\n`)
    .join('');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(body)].join('\n');
  const [, date, region, service] = credential.split('/') as [string, string, string, string];
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', lower['x-amz-date'], scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${env.AWS_SECRET_ACCESS_KEY}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(toSign).digest('hex');
}

/** A stand-in transport answering the given responses in turn and recording the requests. */
function fakeTransport(answers: (AwsHttpResponse | Error)[]) {
  const calls: AwsHttpRequest[] = [];
  const transport: AwsTransport = async (request) => {
    calls.push(request);
    const answer = answers.shift();
    if (!answer || answer instanceof Error) throw answer ?? new Error('no more answers');
    return answer;
  };
  return { calls, transport };
}

const answer = (status: number, body: object) => ({ status, body: JSON.stringify(body) });
const secretAnswer = (secret: object) => answer(200, { ARN: arn, SecretString: JSON.stringify(secret) });

describe('reading the database secret through the Secrets Manager JSON protocol (no SDK client)', () => {
  it('sends one SigV4-signed GetSecretValue to the secret’s region with the role’s session token', async () => {
    // Prepare
    const http = fakeTransport([secretAnswer({ username: 'omslink_app', password: 'p@ss', port: 5432 })]);

    // Act
    const secret = await readDatabaseSecret(arn, { env, transport: http.transport });

    // Assess
    expect(secret).toEqual({ username: 'omslink_app', password: 'p@ss' });
    expect(http.calls).toHaveLength(1);
    const [call] = http.calls;
    expect(call!.url).toBe('https://secretsmanager.eu-central-1.amazonaws.com/');
    expect(JSON.parse(call!.body)).toEqual({ SecretId: arn });
    expect(call!.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
    expect(call!.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(call!.headers['x-amz-security-token']).toBe('session-token');
    expect(call!.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(call!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/secretsmanager\/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
  });

  it('signs as SigV4 prescribes: the signature checks out over the signed headers and the body', async () => {
    const http = fakeTransport([secretAnswer({ username: 'omslink_app', password: 'p@ss' })]);
    await readDatabaseSecret(arn, { env, transport: http.transport });
    const { headers, body } = http.calls[0]!;
    const [, credential, signedHeaders, signature] =
      /Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]+)/.exec(headers.authorization!)!;
    expect(signedHeaders!.split(';')).toEqual(
      expect.arrayContaining(['content-type', 'host', 'x-amz-date', 'x-amz-security-token', 'x-amz-target']),
    );
    expect(signature).toBe(expectedSignature(headers, signedHeaders!, credential!, body));
  });

  it('retries throttling, server errors and lost connections, then answers the secret', async () => {
    const http = fakeTransport([
      answer(400, { __type: 'ThrottlingException', message: 'Rate exceeded' }),
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      secretAnswer({ username: 'omslink_admin', password: 'x' }),
    ]);
    const secret = await readDatabaseSecret(arn, { env, transport: http.transport, backoffMs: 1 });
    expect(secret.username).toBe('omslink_admin');
    expect(http.calls).toHaveLength(3);
  });

  it('throws a refusal named like the SDK’s errors at once, and gives up on a server error after three attempts', async () => {
    const denied = fakeTransport([
      answer(400, {
        __type: 'com.amazonaws.secretsmanager#AccessDeniedException',
        message: 'User is not authorized to perform secretsmanager:GetSecretValue',
      }),
    ]);
    const refused = readDatabaseSecret(arn, { env, transport: denied.transport, backoffMs: 1 });
    await expect(refused).rejects.toMatchObject({ name: 'AccessDeniedException', status: 400 });
    expect(denied.calls).toHaveLength(1);

    const down = fakeTransport([500, 503, 500].map((status) => answer(status, {})));
    await expect(
      readDatabaseSecret(arn, { env, transport: down.transport, backoffMs: 1 }),
    ).rejects.toMatchObject({ name: 'HttpError500' });
    expect(down.calls).toHaveLength(3);
  });

  it('refuses a secret without username or password, and a process without credentials', async () => {
    const http = fakeTransport([secretAnswer({ username: 'omslink_app' })]);
    await expect(readDatabaseSecret(arn, { env, transport: http.transport })).rejects.toThrow(
      /no username\/password/,
    );
    await expect(
      readDatabaseSecret(arn, { env: { AWS_REGION: 'eu-central-1' }, transport: http.transport }),
    ).rejects.toThrow(/No AWS credentials/);
  });
});
