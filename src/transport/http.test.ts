import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHALLENGE_HTML, startReleaseServer, type ReleaseServer } from '../../test/helpers/release-server.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RETRY, TransportError, fetchText, type FetchOptions } from './index.js';
import { backoffDelay, detectChallenge, parseRetryAfter } from './http.js';

const DEFAULT_USER_AGENT = 'blender-harness-test';

describe('challenge pages', () => {
  it('recognises a Cloudflare managed challenge by header or by page', () => {
    expect(detectChallenge(403, { 'cf-mitigated': 'challenge' }, '')).toMatch(/Cloudflare challenge page \(HTTP 403\)/);
    expect(detectChallenge(503, { server: 'cloudflare', 'cf-ray': '8f2e-FRA' }, CHALLENGE_HTML)).toMatch(/cf-ray 8f2e-FRA/);
    expect(detectChallenge(403, {}, '<title>Just a moment...</title>')).toBeDefined();
    expect(detectChallenge(200, {}, '<script>window._cf_chl_opt={}</script>')).toBeUndefined();
    expect(detectChallenge(200, { server: 'cloudflare' }, '<script>window._cf_chl_opt={}</script>')).toBeDefined();
  });

  it('does not mistake ordinary error pages for one', () => {
    expect(detectChallenge(404, { server: 'nginx' }, '<html><head><title>404 Not Found</title></head></html>')).toBeUndefined();
    expect(detectChallenge(503, { server: 'cloudflare' }, '<html>origin is down</html>')).toBeUndefined();
  });
});

describe('backoff', () => {
  const policy = { ...DEFAULT_RETRY, baseDelayMs: 1000, maxDelayMs: 8000 };
  it('doubles with jitter, caps, and honours Retry-After', () => {
    expect(backoffDelay(0, policy, undefined, () => 0)).toBe(500);
    expect(backoffDelay(0, policy, undefined, () => 1)).toBe(1000);
    expect(backoffDelay(2, policy, undefined, () => 1)).toBe(4000);
    expect(backoffDelay(10, policy, undefined, () => 1)).toBe(8000);
    expect(backoffDelay(0, policy, 3000)).toBe(3000);
    expect(backoffDelay(0, policy, 60_000)).toBe(8000);
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString(), Date.now())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('fetchText', () => {
  let server: ReleaseServer;
  let root: string;
  const ctx: FetchOptions = { userAgent: DEFAULT_USER_AGENT, retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 500 } };
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'bh-http-'));
    await writeFile(join(root, 'a.txt'), 'hello');
    server = await startReleaseServer({ root });
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('retries 5xx and slow answers, then succeeds', async () => {
    server.fault('/a.txt', { type: 'status', status: 503, headers: { 'Retry-After': '0' } }, 1);
    server.fault('/a.txt', { type: 'delay', ms: 1500 }, 1);
    const retries: string[] = [];
    const r = await fetchText(`${server.url}a.txt`, { ...ctx, onRetry: (m) => retries.push(m) });
    expect(r).toMatchObject({ status: 200, text: 'hello' });
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatch(/HTTP 503/);
    expect(retries[1]).toMatch(/timed out \(no answer for 500 ms\)/);
  });

  it('returns 404 as an answer, and gives up on persistent 500s', async () => {
    expect((await fetchText(`${server.url}missing.txt`, ctx)).status).toBe(404);
    server.fault('/a.txt', { type: 'status', status: 500 });
    try {
      await fetchText(`${server.url}a.txt`, ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TransportError);
      expect((e as TransportError).message).toBe('HTTP 500 Internal Server Error');
    } finally {
      server.clearFaults();
    }
  });

  it('reports a challenge without retrying it', async () => {
    server.resetLog();
    server.fault('/a.txt', { type: 'challenge', status: 403 });
    try {
      await fetchText(`${server.url}a.txt`, ctx);
      expect.unreachable();
    } catch (e) {
      expect((e as TransportError).kind).toBe('challenge');
      expect(server.count('/a.txt')).toBe(1);
    } finally {
      server.clearFaults();
    }
  });
});
