import { randomBytes, createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { downMirrorUrl, startReleaseServer, type ReleaseServer } from '../../test/helpers/release-server.js';
import { installErrorOf } from '../../test/helpers/install-errors.js';
import { DEFAULT_USER_AGENT, download, type DownloadRequest, type HttpContext } from './http.js';
import type { ProgressSink } from '../transport/index.js';

const SIZE = 3 * 1024 * 1024 + 17;
const data = randomBytes(SIZE);
const sha = createHash('sha256').update(data).digest('hex');
const ctx: HttpContext = { userAgent: DEFAULT_USER_AGENT, retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000 } };

let server: ReleaseServer;
let root: string;
let out: string;
const outs: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bh-dl-src-'));
  await writeFile(join(root, 'b.tar.xz'), data);
  server = await startReleaseServer({ root });
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});
afterEach(async () => {
  server.clearFaults();
  server.resetLog();
  for (const d of outs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function req(extra: Partial<DownloadRequest> = {}): Promise<DownloadRequest> {
  out = await mkdtemp(join(tmpdir(), 'bh-dl-'));
  outs.push(out);
  return {
    urls: [`${server.url}b.tar.xz`],
    dest: join(out, 'b.tar.xz'),
    label: 'b.tar.xz',
    expectedSha256: sha,
    checksumSource: 'b.sha256',
    ctx,
    ...extra,
  };
}

describe('download', () => {
  it('streams, hashes and verifies in one pass, reporting progress', async () => {
    const events: string[] = [];
    let last = 0;
    const progress: ProgressSink = {
      start: (label, total) => events.push(`start ${label} ${total}`),
      update: (n) => {
        expect(n).toBeGreaterThanOrEqual(last);
        last = n;
      },
      restart: () => events.push('restart'),
      finish: (ok) => events.push(`finish ${ok}`),
    };
    const r = await download(await req({ progress }));
    expect(r).toMatchObject({ bytes: SIZE, sha256: sha, verified: true, attempts: 1 });
    expect(readFileSync(join(out, 'b.tar.xz')).equals(data)).toBe(true);
    expect(await readdir(out)).toEqual(['b.tar.xz']);
    expect(events).toEqual([`start b.tar.xz ${SIZE}`, 'finish true']);
    expect(last).toBe(SIZE);
  });

  it('resumes after a reset mid-body with a Range request, and the hash still matches', async () => {
    server.fault('/b.tar.xz', { type: 'reset', afterBytes: 1024 * 1024 }, 1);
    const r = await download(await req());
    expect(r.sha256).toBe(sha);
    expect(r.attempts).toBe(2);
    const second = server.requests[1];
    expect(second?.range).toMatch(/^bytes=\d+-$/);
    expect(second?.status).toBe(206);
  });

  it('retries a 500 and succeeds', async () => {
    server.fault('/b.tar.xz', { type: 'status', status: 500 }, 1);
    const r = await download(await req());
    expect(r.attempts).toBe(2);
    expect(server.requests.map((x) => x.status)).toEqual([500, 200]);
  });

  it('fails a body shorter than its Content-Length after the retries, leaving nothing', async () => {
    server.fault('/b.tar.xz', { type: 'truncate', afterBytes: 4096 });
    const e = await installErrorOf(download(await req()));
    expect(e.code).toBe('TRUNCATED');
    expect(e.message).toMatch(/stopped after 4\.0 KB of 3\.0 MB|ended after 4096 of/);
    expect(e.message).toMatch(/after 4 attempts/);
    expect(await readdir(out)).toEqual([]);
  });

  it('deletes a file whose sha256 does not match and names both hashes', async () => {
    const wrong = 'f'.repeat(64);
    const e = await installErrorOf(download(await req({ expectedSha256: wrong })));
    expect(e.code).toBe('CHECKSUM_MISMATCH');
    expect(e.message).toContain(`expected ${wrong} (from b.sha256)`);
    expect(e.message).toContain(`got ${sha}`);
    expect(await readdir(out)).toEqual([]);
  });

  it('does not retry a 404 or a challenge, and explains each', async () => {
    const e404 = await installErrorOf(download(await req({ urls: [`${server.url}nope.tar.xz`] })));
    expect(e404.code).toBe('HTTP');
    expect(e404.message).toMatch(/HTTP 404 Not Found/);
    server.fault('/b.tar.xz', { type: 'challenge', status: 503 });
    const ch = await installErrorOf(download(await req()));
    expect(ch.code).toBe('CHALLENGE');
    expect(ch.message).toMatch(/Cloudflare challenge page \(HTTP 503/);
    expect(ch.message).toMatch(/--mirror/);
    expect(server.count('/b.tar.xz')).toBe(1);
  });

  it('refuses an HTML page served as the archive', async () => {
    server.fault('/b.tar.xz', { type: 'body', body: '<html>Welcome to the hotel Wi-Fi</html>', headers: { 'Content-Type': 'text/html' } });
    const e = await installErrorOf(download(await req()));
    expect(e.message).toMatch(/HTML page .* instead of the archive/);
  });

  it('falls through mirrors in order: down, then 404, then the one that has it', async () => {
    const down = await downMirrorUrl();
    const r = await download(await req({ urls: [`${down}b.tar.xz`, `${server.url}missing/b.tar.xz`, `${server.url}b.tar.xz`] }));
    expect(r.url).toBe(`${server.url}b.tar.xz`);
    const e = await installErrorOf(download(await req({ urls: [`${down}b.tar.xz`] })));
    expect(e.code).toBe('NETWORK');
    expect(e.message).toMatch(/connection refused/);
    expect(existsSync(join(out, 'b.tar.xz.part'))).toBe(false);
  });

  it('tries the next mirror when one serves a different file', async () => {
    const other = await mkdtemp(join(tmpdir(), 'bh-dl-other-'));
    await writeFile(join(other, 'b.tar.xz'), randomBytes(1000));
    const bad = await startReleaseServer({ root: other });
    try {
      const r = await download(await req({ urls: [`${bad.url}b.tar.xz`, `${server.url}b.tar.xz`] }));
      expect(r.sha256).toBe(sha);
      expect(r.url).toBe(`${server.url}b.tar.xz`);
    } finally {
      await bad.close();
      await rm(other, { recursive: true, force: true });
    }
  });
});
