import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryBlobs } from '../../shared/platform/ports/directory-blobs';
import { getPorts } from '../../shared/platform/ports/ports';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';

let rt: TestRuntime;
const MB = 1024 ** 2;

beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt?.stop();
});

/** The upload URL the port answers, resolved against the server as a REST handler resolves it. */
async function uploadUrl(key: string, maxBytes: number, expiresSeconds = 600): Promise<string> {
  const upload = await getPorts().blobs.uploadUrl('inbox', key, { expiresSeconds, maxBytes });
  expect(upload.url.startsWith('/local-uploads/inbox/')).toBe(true);
  return new URL(upload.url, rt.runtime.url).toString();
}

/** Every file (temporary ones included) under a folder of the inbox directory. */
async function filesUnder(folder: string): Promise<string[]> {
  const dir = path.join(rt.runtime.dataDir, 'blobs', 'inbox', folder);
  return readdir(dir, { recursive: true }).catch(() => []);
}

async function hashOf(stream: AsyncIterable<unknown>): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    bytes += buffer.length;
    hash.update(buffer);
  }
  return { bytes, sha256: hash.digest('hex') };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Did the server tell an `Expect: 100-continue` client to go on? */
  continued: boolean;
}

/**
 * PUTs chunks one by one (chunked transfer, no Content-Length unless given), waiting for the socket to drain
 * after each, and calling `between(sent)` before each chunk. Stops sending once an answer has arrived.
 */
function putChunks(
  url: string,
  chunks: Iterable<Buffer>,
  options: { headers?: Record<string, string>; between?: (sent: number) => Promise<void> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let continued = false;
    let answered = false;
    const req = request(url, { method: 'PUT', headers: options.headers ?? {} }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, continued }));
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.on('continue', () => {
      continued = true;
    });
    const send = async () => {
      let sent = 0;
      for (const chunk of chunks) {
        if (answered) return;
        await options.between?.(sent);
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        sent += chunk.length;
      }
      req.end();
    };
    if (options.headers?.expect) {
      req.flushHeaders();
      req.once('continue', () => void send().catch(reject));
    } else {
      void send().catch(reject);
    }
  });
}

/** `count` chunks of `size` random bytes, hashed as they are produced. */
function randomChunks(count: number, size: number) {
  const hash = createHash('sha256');
  const chunks = function* () {
    for (let i = 0; i < count; i++) {
      const chunk = randomBytes(size);
      hash.update(chunk);
      yield chunk;
    }
  };
  return { chunks: chunks(), sha256: () => hash.digest('hex') };
}

describe('uploads to local upload URLs (the stand-in for presigned S3 PUTs)', () => {
  it('takes a 20 MB package and the port reads it back whole', async () => {
    // Prepare
    const body = randomBytes(20 * MB);
    const url = await uploadUrl('uploads-it/whole/package.zip', 25 * MB);

    // Act
    const res = await fetch(url, { method: 'PUT', body, headers: { 'content-type': 'application/zip' } });

    // Assess
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const blobs = getPorts().blobs;
    expect(await blobs.size('inbox', 'uploads-it/whole/package.zip')).toBe(20 * MB);
    expect(await hashOf(await blobs.get('inbox', 'uploads-it/whole/package.zip'))).toEqual({
      bytes: 20 * MB,
      sha256: createHash('sha256').update(body).digest('hex'),
    });
    expect(await filesUnder('uploads-it/whole')).toEqual(['package.zip']);
  });

  it('streams a body sent in many chunks to disk as it arrives, not into memory', async () => {
    // Prepare: 48 MB in 768 chunks of 64 KiB; half-way, the sender waits until the server has written most of
    // what it has sent into the temporary file — which a server holding the body until its end never does
    const chunkSize = 64 * 1024;
    const data = randomChunks(768, chunkSize);
    const url = await uploadUrl('uploads-it/stream/big.zip', 64 * MB);
    let onDiskMidway = 0;
    const between = async (sent: number) => {
      if (sent !== 24 * MB) return;
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const temp = (await filesUnder('uploads-it/stream')).find((f) => f.endsWith('.part'));
        onDiskMidway = temp
          ? await stat(path.join(rt.runtime.dataDir, 'blobs', 'inbox', 'uploads-it/stream', temp)).then(
              (s) => s.size,
              () => 0,
            )
          : 0;
        if (onDiskMidway >= 16 * MB) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    // Act
    const res = await putChunks(url, data.chunks, { between });

    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(onDiskMidway).toBeGreaterThanOrEqual(16 * MB);
    const blobs = getPorts().blobs;
    expect(await blobs.size('inbox', 'uploads-it/stream/big.zip')).toBe(48 * MB);
    expect(await hashOf(await blobs.get('inbox', 'uploads-it/stream/big.zip'))).toEqual({
      bytes: 48 * MB,
      sha256: data.sha256(),
    });
    expect(await filesUnder('uploads-it/stream')).toEqual(['big.zip']);
  });

  it('refuses a wrong signature, an altered limit and an expired URL with 403, leaving no file', async () => {
    // Prepare
    const url = new URL(await uploadUrl('uploads-it/refused/a.zip', MB));
    const forged = new URL(url);
    forged.searchParams.set('signature', `${url.searchParams.get('signature')!.slice(0, -2)}AA`);
    const widened = new URL(url);
    widened.searchParams.set('maxBytes', String(100 * MB));
    const otherKey = new URL(url.toString().replace('/a.zip?', '/b.zip?'));
    // The same port's adapter with the runtime's secret and a clock an hour behind: a URL that has expired
    const secret = (await readFile(path.join(rt.runtime.dataDir, 'upload-secret'), 'utf8')).trim();
    const late = directoryBlobs('/unused', { uploadSecret: secret, now: () => Date.now() - 3_600_000 });
    const expired = new URL(
      (await late.uploadUrl('inbox', 'uploads-it/refused/a.zip', { expiresSeconds: 600, maxBytes: MB })).url,
      rt.runtime.url,
    );

    // Act
    const answers = [];
    for (const target of [forged, widened, otherKey, expired]) {
      const res = await fetch(target, { method: 'PUT', body: randomBytes(1000) });
      answers.push({ status: res.status, type: res.headers.get('content-type'), body: await res.json() });
    }

    // Assess
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403]);
    for (const answer of answers) expect(answer.type).toBe('application/problem+json; charset=utf-8');
    expect(answers[0]!.body).toEqual({
      type: 'urn:omslink:problem:403',
      title: 'Ссылка для загрузки недействительна',
      status: 403,
    });
    expect(answers[3]!.body).toMatchObject({ title: 'Срок действия ссылки для загрузки истёк', status: 403 });
    expect(await getPorts().blobs.exists('inbox', 'uploads-it/refused/a.zip')).toBe(false);
    expect(await filesUnder('uploads-it/refused')).toEqual([]);
  });

  it('refuses a body beyond maxBytes with 413 — declared, counted while streaming, or before 100-continue — leaving no file', async () => {
    // Prepare
    const url = await uploadUrl('uploads-it/big/a.zip', MB);

    // Act: a Content-Length beyond the limit; a chunked body that passes it after 1 MB; an `Expect: 100-continue`
    // whose declared size is refused before a byte of it is sent
    const declared = await fetch(url, { method: 'PUT', body: randomBytes(MB + 1) });
    const declaredBody = await declared.json();
    const streamed = await putChunks(url, randomChunks(48, 64 * 1024).chunks);
    const expecting = await putChunks(url, randomChunks(48, 64 * 1024).chunks, {
      headers: { expect: '100-continue', 'content-length': String(3 * MB) },
    });

    // Assess
    expect(declared.status).toBe(413);
    expect(declaredBody).toEqual({
      type: 'urn:omslink:problem:413',
      title: 'Файл слишком велик',
      status: 413,
      detail: 'Допустимый размер — 1 МБ.',
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ title: 'Файл слишком велик' });
    expect(expecting).toMatchObject({ status: 413, continued: false });
    expect(await getPorts().blobs.size('inbox', 'uploads-it/big/a.zip')).toBeNull();
    expect(await filesUnder('uploads-it/big')).toEqual([]);

    // … and exactly maxBytes is taken
    const fits = await fetch(url, { method: 'PUT', body: randomBytes(MB) });
    expect(fits.status).toBe(200);
    expect(await getPorts().blobs.size('inbox', 'uploads-it/big/a.zip')).toBe(MB);
  });

  it('leaves no file when the client goes away mid-upload', async () => {
    // Prepare
    const url = await uploadUrl('uploads-it/gone/a.zip', 64 * MB);
    const req = request(url, { method: 'PUT' });
    req.on('error', () => {});

    // Act: 4 MB, then the connection is cut
    for (let i = 0; i < 64; i++) {
      if (!req.write(randomBytes(64 * 1024))) await new Promise((r) => req.once('drain', r));
    }
    let files = await filesUnder('uploads-it/gone');
    for (let i = 0; i < 100 && !files.some((f) => f.endsWith('.part')); i++) {
      await new Promise((r) => setTimeout(r, 50));
      files = await filesUnder('uploads-it/gone');
    }
    expect(files).toEqual([expect.stringMatching(/^a\.zip\.[\w-]+\.part$/)]);
    req.destroy();

    // Assess: the temporary file goes with the connection
    files = await filesUnder('uploads-it/gone');
    for (let i = 0; i < 100 && files.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      files = await filesUnder('uploads-it/gone');
    }
    expect(files).toEqual([]);
  });

  it('answers only PUT, and only into the inbox', async () => {
    const url = await uploadUrl('uploads-it/methods/a.zip', MB);
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('PUT');
    const secret = (await readFile(path.join(rt.runtime.dataDir, 'upload-secret'), 'utf8')).trim();
    const { localUploadUrl } = await import('../../shared/platform/ports/local-upload-url');
    const exportsUrl = localUploadUrl(secret, {
      bucket: 'exports',
      key: 'report.xlsx',
      expires: Math.floor(Date.now() / 1000) + 600,
      maxBytes: MB,
    });
    const put = await fetch(new URL(exportsUrl, rt.runtime.url), { method: 'PUT', body: 'x' });
    expect(put.status).toBe(403);
    expect(await getPorts().blobs.exists('exports', 'report.xlsx')).toBe(false);
  });
});
