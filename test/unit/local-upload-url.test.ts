import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { directoryBlobs } from '../../shared/platform/ports/directory-blobs';
import { checkLocalUpload, localUploadUrl } from '../../shared/platform/ports/local-upload-url';

const secret = 'local-upload-secret';
const now = Date.UTC(2026, 0, 15, 12, 0, 0);
const at = (relative: string) => new URL(relative, 'http://localhost:3000');

describe('local upload URLs (the blob directory’s stand-in for a presigned PUT)', () => {
  it('are relative to the server root, carry expiry and size, and check out with the same secret', async () => {
    // Prepare
    const blobs = directoryBlobs('/nonexistent', { uploadSecret: secret, now: () => now });

    // Act
    const upload = await blobs.uploadUrl('inbox', 'registry/a.zip', { expiresSeconds: 600, maxBytes: 1000 });

    // Assess
    expect(upload.method).toBe('PUT');
    expect(upload.headers).toEqual({});
    expect(upload.url).toMatch(
      /^\/local-uploads\/inbox\/registry\/a\.zip\?expires=\d+&maxBytes=1000&signature=[\w-]{43}$/,
    );
    const url = at(upload.url);
    expect(Number(url.searchParams.get('expires'))).toBe(now / 1000 + 600);
    expect(checkLocalUpload(secret, 'PUT', url, now)).toEqual({
      ok: true,
      grant: { bucket: 'inbox', key: 'registry/a.zip', expires: now / 1000 + 600, maxBytes: 1000 },
    });
  });

  it('are refused once expired, altered, for another method or with another secret', () => {
    const url = localUploadUrl(secret, {
      bucket: 'inbox',
      key: 'a.zip',
      expires: now / 1000 + 60,
      maxBytes: 10,
    });
    const altered = (name: string, value: string) => {
      const changed = at(url);
      changed.searchParams.set(name, value);
      return changed;
    };
    expect(checkLocalUpload(secret, 'PUT', at(url), now + 60_000)).toEqual({ ok: false, reason: 'expired' });
    const invalid = { ok: false, reason: 'invalid' };
    expect(checkLocalUpload('another', 'PUT', at(url), now)).toEqual(invalid);
    expect(checkLocalUpload(secret, 'POST', at(url), now)).toEqual(invalid);
    expect(checkLocalUpload(secret, 'PUT', altered('maxBytes', '11'), now)).toEqual(invalid);
    expect(checkLocalUpload(secret, 'PUT', altered('expires', String(now / 1000 + 6000)), now)).toEqual(
      invalid,
    );
    expect(checkLocalUpload(secret, 'PUT', altered('signature', 'x'), now)).toEqual(invalid);
    expect(checkLocalUpload(secret, 'PUT', at(url.replace('a.zip', 'b.zip')), now)).toEqual(invalid);
    expect(checkLocalUpload(secret, 'PUT', at(url.replace('/inbox/', '/exports/')), now)).toEqual(invalid);
    expect(
      checkLocalUpload(secret, 'PUT', at('/local-uploads/inbox?expires=1&maxBytes=1&signature=x'), now),
    ).toEqual(invalid);
  });

  it('are signed only with a secret, into the inbox; size is null for an absent object', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'omslink-blobs-'));
    try {
      const unsigned = directoryBlobs(dir);
      await expect(unsigned.uploadUrl('inbox', 'a.zip', { expiresSeconds: 60, maxBytes: 1 })).rejects.toThrow(
        /no secret/,
      );
      const blobs = directoryBlobs(dir, { uploadSecret: secret });
      await expect(blobs.uploadUrl('exports', 'a.zip', { expiresSeconds: 60, maxBytes: 1 })).rejects.toThrow(
        /inbox only/,
      );
      expect(await blobs.size('inbox', 'a.zip')).toBeNull();
      expect(await blobs.size('inbox', 'a.zip/b.zip')).toBeNull();
      await blobs.put('inbox', 'a.zip', 'пять');
      expect(await blobs.size('inbox', 'a.zip')).toBe(Buffer.byteLength('пять'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
