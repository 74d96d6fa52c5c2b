// Proxies, with a real local proxy in front of the local release server. The URLs are on
// blender-release.invalid, a name that never resolves: only a request that went through the
// proxy (which maps the name to a local TLS front) can reach anything. Every test passes its
// environment in `ctx.env`, so nothing here changes process.env.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  makeTestCertificate,
  startProxyServer,
  startTlsFront,
  type ProxyServer,
  type TestCertificate,
  type TlsFront,
} from '../../test/helpers/proxy-server.js';
import { downMirrorUrl, startReleaseServer, type ReleaseServer } from '../../test/helpers/release-server.js';
import { DEFAULT_USER_AGENT, download } from './http.js';
import { installErrorOf, rejectionOf } from '../../test/helpers/install-errors.js';
import { TransportError, fetchText, proxyFor, type FetchOptions } from '../transport/index.js';

const HOST = 'blender-release.invalid';
const USER = 'ci';
// Characters that must be percent-encoded in a URL, to prove they are decoded for the header.
const PASSWORD = 'p@ss:w0rd/s3cret';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function ctx(env: NodeJS.ProcessEnv, extra: Partial<FetchOptions> = {}): FetchOptions {
  return { userAgent: DEFAULT_USER_AGENT, retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000 }, env, ...extra };
}

function failureOf(p: Promise<unknown>): Promise<TransportError> {
  return rejectionOf(p, TransportError);
}

/** Everything a user could be shown about a failure. */
function shown(f: TransportError): string {
  return `${f.message}\n${f.advice ?? ''}`;
}

describe('which proxy a URL goes through', () => {
  const blender = new URL('https://download.blender.org/release/');

  it('takes https URLs to HTTPS_PROXY and names the variable, never the password', () => {
    const route = proxyFor(blender, { HTTPS_PROXY: `http://${USER}:${encodeURIComponent(PASSWORD)}@proxy.corp:3128` });
    expect(route).toEqual({
      display: 'http://proxy.corp:3128',
      variable: 'HTTPS_PROXY',
      authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
    });
    expect(proxyFor(new URL('http://example.org/'), { HTTPS_PROXY: 'http://a:1', HTTP_PROXY: 'http://b:2' })?.display).toBe('http://b:2');
    expect(proxyFor(blender, { HTTP_PROXY: 'http://b:2' })).toBeUndefined();
    expect(proxyFor(blender, {})).toBeUndefined();
  });

  it('prefers the lowercase variable, like curl, then falls back to ALL_PROXY', () => {
    expect(proxyFor(blender, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' })).toMatchObject({
      display: 'http://lower:1',
      variable: 'https_proxy',
    });
    expect(proxyFor(blender, { ALL_PROXY: 'http://all:3' })).toMatchObject({ display: 'http://all:3', variable: 'ALL_PROXY' });
  });

  it('reads a proxy without a scheme as plain http', () => {
    expect(proxyFor(blender, { HTTPS_PROXY: 'proxy.corp:3128' })?.display).toBe('http://proxy.corp:3128');
  });

  it('honours NO_PROXY: host, .domain, host:port and *', () => {
    const p = { HTTPS_PROXY: 'http://proxy.corp:3128' };
    const direct = (no: Record<string, string>, url = blender): boolean => proxyFor(url, { ...p, ...no }) === undefined;
    expect(direct({ NO_PROXY: 'download.blender.org' })).toBe(true);
    expect(direct({ NO_PROXY: 'example.org, .blender.org' })).toBe(true);
    expect(direct({ NO_PROXY: 'download.blender.org:443' })).toBe(true);
    expect(direct({ NO_PROXY: 'download.blender.org:8443' })).toBe(false);
    expect(direct({ NO_PROXY: 'download.blender.org:8443' }, new URL('https://download.blender.org:8443/'))).toBe(true);
    expect(direct({ no_proxy: '*' })).toBe(true);
    expect(direct({ NO_PROXY: 'example.org,mirror.blender.org' })).toBe(false);
  });

  it('never sends this machine’s loopback through a proxy', () => {
    const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://proxy.corp:3128' };
    expect(proxyFor(new URL('http://127.0.0.1:8080/release/'), env)).toBeUndefined();
    expect(proxyFor(new URL('https://localhost/release/'), env)).toBeUndefined();
  });

  it('refuses proxies it cannot use, without echoing the value', () => {
    const socks = (() => {
      try {
        proxyFor(blender, { ALL_PROXY: 'socks5://ci:hunter2@proxy.corp:1080' });
      } catch (e) {
        return e;
      }
    })();
    expect(socks).toBeInstanceOf(TransportError);
    expect((socks as TransportError).message).toMatch(/^ALL_PROXY names a socks5 proxy \(socks5:\/\/proxy\.corp:1080\)/);
    expect((socks as TransportError).message).not.toContain('hunter2');
    expect(() => proxyFor(blender, { HTTPS_PROXY: 'http://ci:hunter2@[bad' })).toThrow(
      /^HTTPS_PROXY is set but is not a proxy URL; write it as http:/,
    );
    expect(() => proxyFor(blender, { HTTPS_PROXY: 'http://ci:hunter2@[bad' })).not.toThrow(/hunter2/);
  });

  it('reads only the environment it is given', () => {
    const before = process.env;
    const snapshot = { ...process.env };
    expect(proxyFor(blender, { HTTPS_PROXY: 'http://given:1' })?.display).toBe('http://given:1');
    expect(process.env).toBe(before);
    expect({ ...process.env }).toEqual(snapshot);
  });
});

describe('requests through a proxy', () => {
  let release: ReleaseServer;
  let root: string;
  let cert: TestCertificate;
  let front: TlsFront;
  let proxy: ProxyServer;
  let authProxy: ProxyServer;
  const url = `https://${HOST}/a.txt`;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'bh-proxy-'));
    await writeFile(join(root, 'a.txt'), 'hello through the proxy');
    release = await startReleaseServer({ root });
    cert = await makeTestCertificate(HOST);
    front = await startTlsFront(cert, Number(new URL(release.url).port));
    proxy = await startProxyServer({ map: { [HOST]: front.address } });
    authProxy = await startProxyServer({ map: { [HOST]: front.address }, auth: { user: USER, password: PASSWORD } });
  });
  afterAll(async () => {
    await proxy?.close();
    await authProxy?.close();
    await front?.close();
    await release?.close();
    await cert?.dispose();
    await rm(root, { recursive: true, force: true });
  });
  afterEach(() => {
    proxy.resetLog();
    authProxy.resetLog();
    release.resetLog();
  });

  /**
   * fetchText in a child Node that trusts the test certificate (NODE_EXTRA_CA_CERTS is read
   * only at startup), with exactly the proxy variables given.
   */
  async function fetchInChild(target: string, proxyEnv: Record<string, string>): Promise<{ ok: boolean; text?: string; message?: string }> {
    const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/_proxy$/i.test(k)));
    const script = `
      import { fetchText } from './src/transport/index.ts';
      const DEFAULT_USER_AGENT = 'blender-harness-test';
      try {
        const r = await fetchText(process.argv[1], { userAgent: DEFAULT_USER_AGENT, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 5000 } });
        console.log(JSON.stringify({ ok: true, text: r.text }));
      } catch (e) {
        console.log(JSON.stringify({ ok: false, message: e.message }));
      }`;
    const r = await execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, target], {
      cwd: ROOT,
      env: { ...env, ...proxyEnv, NODE_EXTRA_CA_CERTS: cert.certFile },
      extendEnv: false,
    });
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { ok: boolean; text?: string; message?: string };
  }

  it('the name does not resolve: without a proxy the request fails', async () => {
    const f = await failureOf(fetchText(url, ctx({})));
    expect(f.message).toBe('host not found (DNS)');
  });

  it('downloads through the proxy, which is asked for the host by name', async () => {
    const r = await fetchInChild(url, { HTTPS_PROXY: proxy.url });
    expect(r).toEqual({ ok: true, text: 'hello through the proxy' });
    expect(proxy.requests).toEqual([{ method: 'CONNECT', target: `${HOST}:443`, status: 200 }]);
    expect(release.requests.map((q) => q.path)).toEqual(['/a.txt']);
  });

  it('in this process the test certificate is untrusted: explained as a proxy inspecting TLS', async () => {
    const f = await failureOf(fetchText(url, ctx({ HTTPS_PROXY: proxy.url })));
    expect(f.message).toBe(`TLS certificate problem (DEPTH_ZERO_SELF_SIGNED_CERT) through the proxy ${proxy.url}`);
    expect(f.advice).toMatch(/NODE_EXTRA_CA_CERTS/);
    expect(proxy.hosts()).toEqual([HOST]);
  });

  it('skips the proxy for hosts in NO_PROXY', async () => {
    for (const no of ['.invalid', HOST, `${HOST}:443`, '*']) {
      const f = await failureOf(fetchText(url, ctx({ HTTPS_PROXY: proxy.url, NO_PROXY: no })));
      expect(f.message).toBe('host not found (DNS)');
    }
    expect(proxy.requests).toEqual([]);
    await failureOf(fetchText(url, ctx({ HTTPS_PROXY: proxy.url, NO_PROXY: `${HOST}:8443,example.org` })));
    expect(proxy.hosts()).toEqual([HOST]);
  });

  it('asks a local mirror directly even with proxies set', async () => {
    const r = await fetchText(`${release.url}a.txt`, ctx({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }));
    expect(r.text).toBe('hello through the proxy');
    expect(proxy.requests).toEqual([]);
  });

  it('a proxy that wants credentials: 407 explained, not retried, password never shown', async () => {
    const none = await failureOf(fetchText(url, ctx({ HTTPS_PROXY: authProxy.url })));
    expect(none.kind).toBe('proxy');
    expect(none.status).toBe(407);
    expect(none.message).toBe(`the proxy ${authProxy.url} wants authentication (HTTP 407 Proxy Authentication Required)`);
    expect(none.advice).toBe(
      'Put the credentials in the proxy URL: HTTPS_PROXY=http://USER:PASSWORD@HOST:PORT (percent-encode @, : and / in them).',
    );
    expect(authProxy.requests).toHaveLength(1);

    const wrong = await failureOf(fetchText(url, ctx({ https_proxy: authProxy.urlWith(USER, 'not-the-password') })));
    expect(wrong.message).toBe(
      `the proxy ${authProxy.url} refused the credentials in https_proxy (HTTP 407 Proxy Authentication Required)`,
    );
    expect(shown(wrong)).not.toContain('not-the-password');
    expect(authProxy.requests.map((q) => q.credentials)).toEqual([undefined, `${USER}:not-the-password`]);
  });

  it('a proxy that wants NTLM or Negotiate: says only Basic is supported', async () => {
    const ntlm = await startProxyServer({ auth: { user: USER, password: PASSWORD }, authenticate: 'Negotiate, NTLM' });
    try {
      const f = await failureOf(fetchText(url, ctx({ HTTPS_PROXY: ntlm.url })));
      expect(f.message).toBe(`the proxy ${ntlm.url} wants negotiate/ntlm authentication (HTTP 407), which blender-harness cannot do`);
      expect(f.advice).toMatch(/^Only Basic proxy authentication is supported/);
    } finally {
      await ntlm.close();
    }
  });

  it('https:// in front of a plain HTTP proxy: says to write http://', async () => {
    const f = await failureOf(fetchText(url, ctx({ HTTPS_PROXY: proxy.url.replace('http:', 'https:') })));
    expect(f.message).toMatch(
      /^the TLS handshake with the proxy https:\/\/127\.0\.0\.1:\d+ \(from HTTPS_PROXY\) failed \((EPROTO|ERR_SSL_WRONG_VERSION_NUMBER)\)$/,
    );
    expect(f.advice).toBe('HTTPS_PROXY says https://, but most proxies speak plain HTTP: try http:// in it.');
    expect(f.retry).toBe(false);
  });

  it('a proxy that wants credentials: the ones in the URL are sent, and the download works', async () => {
    const r = await fetchInChild(url, { HTTPS_PROXY: authProxy.urlWith(USER, PASSWORD) });
    expect(r).toEqual({ ok: true, text: 'hello through the proxy' });
    expect(authProxy.requests).toEqual([{ method: 'CONNECT', target: `${HOST}:443`, status: 200, credentials: `${USER}:${PASSWORD}` }]);
  });

  it('a download behind a 407 fails with the proxy advice alone, and no password', async () => {
    const out = await mkdtemp(join(tmpdir(), 'bh-proxy-dl-'));
    try {
      const e = await installErrorOf(
        download({ urls: [url], dest: join(out, 'a.txt'), label: 'a.txt', ctx: ctx({ HTTPS_PROXY: authProxy.urlWith(USER, 'hunter2') }) }),
      );
      expect(e.code).toBe('NETWORK');
      expect(e.message).toBe(
        [
          'Could not download a.txt from its mirror:',
          `  - ${url}: the proxy ${authProxy.url} refused the credentials in HTTPS_PROXY (HTTP 407 Proxy Authentication Required)`,
          'Check the user name and password in HTTPS_PROXY (http://USER:PASSWORD@HOST:PORT, with @, : and / in them percent-encoded).',
        ].join('\n'),
      );
      expect(authProxy.requests).toHaveLength(1);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('an unreachable proxy: named without credentials, with what to check, not retried', async () => {
    const down = new URL(await downMirrorUrl());
    const retries: string[] = [];
    const f = await failureOf(
      fetchText(url, ctx({ HTTPS_PROXY: `http://${USER}:hunter2@${down.host}` }, { onRetry: (m) => retries.push(m) })),
    );
    expect(f.message).toBe(`could not connect to the proxy http://${down.host} (from HTTPS_PROXY): connection refused`);
    expect(f.advice).toBe(
      'Check HTTPS_PROXY (the proxy blender-harness was told to use), or add the host to NO_PROXY if it should be reached directly.',
    );
    expect(shown(f)).not.toContain('hunter2');
    expect(retries).toEqual([]);
  });

  it('a proxy that never answers times out, and its socket is closed', async () => {
    const silent = await startProxyServer({ silent: true });
    try {
      const started = performance.now();
      const f = await failureOf(
        fetchText(url, ctx({ HTTPS_PROXY: silent.url }, { retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 300 } })),
      );
      expect(f.message).toBe(`the proxy ${silent.url} (from HTTPS_PROXY) timed out (no answer for 300 ms)`);
      expect(performance.now() - started).toBeLessThan(3000);
      expect(silent.hosts()).toEqual([HOST]);
      await expect.poll(() => silent.openConnections(), { timeout: 2000 }).toBe(0);

      // Cancelled while waiting for the proxy: the same, without waiting for the timeout.
      const cancel = new AbortController();
      setTimeout(() => cancel.abort(), 100);
      const cancelled = performance.now();
      const slow = { retries: 0, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 10_000 };
      const e = await failureOf(fetchText(url, ctx({ HTTPS_PROXY: silent.url }, { signal: cancel.signal, retry: slow })));
      expect(e.kind).toBe('aborted');
      expect(performance.now() - cancelled).toBeLessThan(2000);
      await expect.poll(() => silent.openConnections(), { timeout: 2000 }).toBe(0);
    } finally {
      await silent.close();
    }
  });

  it('a proxy that cannot open the tunnel: its answer is not taken for the server’s', async () => {
    const elsewhere = `https://elsewhere.invalid/a.txt`;
    const f = await failureOf(
      fetchText(elsewhere, ctx({ HTTPS_PROXY: proxy.url }, { retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 2000 } })),
    );
    expect(f.message).toBe(`the proxy ${proxy.url} would not open a tunnel to elsewhere.invalid (HTTP 502 Bad Gateway)`);
    // 502 is the proxy failing to reach the host, which may pass: retried once, as asked.
    expect(proxy.requests.map((q) => q.status)).toEqual([502, 502]);
  });
});
