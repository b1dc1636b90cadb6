import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { awsSigner } from '../../shared/platform/aws/aws-signer';
import { presignS3Url, type S3Transport, s3Blobs } from '../../shared/platform/ports/s3-blobs';

const credentials = {
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const buckets = { inbox: 'omslink-inbox-111122223333-eu-central-1', exports: 'omslink-exports' };
const options = { expiresSeconds: 900, maxBytes: 500 * 1024 ** 2 };

const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();

/**
 * SigV4 query-string authentication written out from S3's documentation, independently of the signer: the
 * canonical request (method, path, sorted query without the signature, `host`, UNSIGNED-PAYLOAD), the string to
 * sign and the derived key.
 */
function expectedSignature(url: URL, method: string, secretKey: string): string {
  const query = [...url.searchParams]
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [encode(name), encode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonical = [method, url.pathname, query, `host:${url.host}`, '', 'host', 'UNSIGNED-PAYLOAD'].join(
    '\n',
  );
  const date = url.searchParams.get('X-Amz-Date')!;
  const scope = url.searchParams.get('X-Amz-Credential')!.split('/').slice(1).join('/');
  const [day, region, service] = scope.split('/') as [string, string, string];
  const toSign = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(canonical).digest('hex')].join(
    '\n',
  );
  const key = hmac(hmac(hmac(hmac(`AWS4${secretKey}`, day), region), service), 'aws4_request');
  return hmac(key, toSign).toString('hex');
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

describe('presigned S3 upload URLs (SigV4 query-string authentication, no SDK)', () => {
  it('signs AWS’s own worked example (GET Object, “Authenticating Requests: Using Query Parameters”)', async () => {
    // Prepare: the example's credentials, bucket, object, time and lifetime
    const signer = awsSigner('s3', 'us-east-1', {
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });

    // Act
    const url = await presignS3Url(signer, {
      method: 'GET',
      hostname: 'examplebucket.s3.amazonaws.com',
      key: 'test.txt',
      expiresSeconds: 86400,
      signingDate: new Date('2013-05-24T00:00:00Z'),
    });

    // Assess: the URL of the documentation, parameter for parameter
    expect(url).toBe(
      'https://examplebucket.s3.amazonaws.com/test.txt' +
        '?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
        '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
        '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
        '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
  });

  it('answers a PUT URL for the inbox key whose signature the same signer and the documented algorithm recompute', async () => {
    // Prepare
    const blobs = s3Blobs(buckets, { env: credentials });
    const before = Date.now();

    // Act
    const upload = await blobs.uploadUrl('inbox', 'registry/2026/01/3f2a.zip', options);

    // Assess: where and how
    expect(upload.method).toBe('PUT');
    expect(upload.headers).toEqual({});
    const url = new URL(upload.url);
    expect(url.protocol).toBe('https:');
    expect(url.host).toBe(`${buckets.inbox}.s3.eu-central-1.amazonaws.com`);
    expect(url.pathname).toBe('/registry/2026/01/3f2a.zip');
    const q = Object.fromEntries(url.searchParams);
    expect(Object.keys(q).sort()).toEqual([
      'X-Amz-Algorithm',
      'X-Amz-Credential',
      'X-Amz-Date',
      'X-Amz-Expires',
      'X-Amz-Signature',
      'X-Amz-SignedHeaders',
    ]);
    expect(q['X-Amz-Algorithm']).toBe('AWS4-HMAC-SHA256');
    expect(q['X-Amz-Credential']).toMatch(/^AKIDEXAMPLE\/\d{8}\/eu-central-1\/s3\/aws4_request$/);
    expect(q['X-Amz-Date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(q['X-Amz-Expires']).toBe('900');
    expect(q['X-Amz-SignedHeaders']).toBe('host');
    expect(q['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    const signedAt = new Date(
      q['X-Amz-Date']!.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
    );
    expect(Math.abs(signedAt.getTime() - before)).toBeLessThan(5_000);

    // Assess: the signature, recomputed by the same signer at the same time and by the documented algorithm
    const again = await presignS3Url(awsSigner('s3', 'eu-central-1', credentials), {
      method: 'PUT',
      hostname: url.host,
      key: 'registry/2026/01/3f2a.zip',
      expiresSeconds: 900,
      signingDate: signedAt,
    });
    expect(again).toBe(upload.url);
    expect(q['X-Amz-Signature']).toBe(expectedSignature(url, 'PUT', credentials.AWS_SECRET_ACCESS_KEY));
    // … and the same URL for a GET or with another secret would not match
    expect(expectedSignature(url, 'GET', credentials.AWS_SECRET_ACCESS_KEY)).not.toBe(q['X-Amz-Signature']);
    expect(expectedSignature(url, 'PUT', 'another-secret')).not.toBe(q['X-Amz-Signature']);
  });

  it('carries the session token of temporary (function role) credentials inside the signature', async () => {
    // Prepare
    const env = { ...credentials, AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjE+/token==' };

    // Act
    const upload = await s3Blobs(buckets, { env }).uploadUrl('inbox', 'a.zip', options);

    // Assess
    const url = new URL(upload.url);
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe(env.AWS_SESSION_TOKEN);
    expect(upload.url).toContain('X-Amz-Security-Token=IQoJb3JpZ2luX2VjE%2B%2Ftoken%3D%3D');
    expect(url.searchParams.get('X-Amz-Signature')).toBe(
      expectedSignature(url, 'PUT', credentials.AWS_SECRET_ACCESS_KEY),
    );
  });

  it('signs uploads into the inbox only, for a lifetime SigV4 allows and a safe key', async () => {
    const blobs = s3Blobs(buckets, { env: credentials });
    await expect(blobs.uploadUrl('exports', 'a.zip', options)).rejects.toThrow(/inbox only/);
    await expect(
      blobs.uploadUrl('inbox', 'a.zip', { ...options, expiresSeconds: 8 * 24 * 3600 }),
    ).rejects.toThrow(/1 to 604800 seconds/);
    await expect(blobs.uploadUrl('inbox', 'a.zip', { ...options, expiresSeconds: 0 })).rejects.toThrow();
    await expect(blobs.uploadUrl('inbox', 'a.zip', { ...options, maxBytes: 0 })).rejects.toThrow();
    await expect(blobs.uploadUrl('inbox', '../a.zip', options)).rejects.toThrow(/Unsafe/);
    await expect(blobs.uploadUrl('inbox', 'a/./b.zip', options)).rejects.toThrow(/Unsafe/);
  });
});

describe('the size of an S3 object (HeadObject)', () => {
  const answering =
    (status: number, headers: Record<string, string> = {}): S3Transport =>
    async () => ({ status, headers, body: Readable.from([]) });

  it('is its Content-Length, null when S3 says 404, and a refusal otherwise', async () => {
    const size = (transport: S3Transport) =>
      s3Blobs(buckets, { env: credentials, transport, backoffMs: 0 }).size('inbox', 'a.zip');
    expect(await size(answering(200, { 'content-length': '524288000' }))).toBe(524_288_000);
    expect(await size(answering(200, { 'content-length': '0' }))).toBe(0);
    expect(await size(answering(404))).toBeNull();
    // A caller without s3:ListBucket is told 403 for a missing key: that is not "absent"
    await expect(size(answering(403))).rejects.toMatchObject({ status: 403 });
    await expect(size(answering(200))).rejects.toThrow(/Content-Length/);
  });

  it('is asked with a signed HEAD of the key', async () => {
    const sent: { method: string; url: string; authorization?: string }[] = [];
    const transport: S3Transport = async (request) => {
      sent.push({ method: request.method, url: request.url, authorization: request.headers.authorization });
      return { status: 200, headers: { 'content-length': '7' }, body: Readable.from([]) };
    };
    await s3Blobs(buckets, { env: credentials, transport }).size('inbox', 'registry/a.zip');
    expect(sent).toEqual([
      {
        method: 'HEAD',
        url: `https://${buckets.inbox}.s3.eu-central-1.amazonaws.com/registry/a.zip`,
        authorization: expect.stringMatching(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//),
      },
    ]);
  });
});
