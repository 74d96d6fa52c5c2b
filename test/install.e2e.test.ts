// The install stage end to end: a local HTTP server serves a release-shaped tree whose Linux
// archive holds a launcher for the real Blender on this machine. Every test installs through
// `installBlender` (or the CLI) into a fresh cache folder and checks what is left there.

import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runInstallCommand } from '../src/cli/install.js';
import { saveActionsCache } from '../src/action/cache-save.js';
import { installBlender, type InstallOptions, type InstallResult } from '../src/install/index.js';
import { installErrorOf } from './helpers/install-errors.js';
import type { ActionsCacheApi } from '../src/install/index.js';
import { buildReleaseTree, downMirrorUrl, startReleaseServer, type ReleaseServer, type ReleaseTree } from './helpers/release-server.js';
import {
  makeTestCertificate,
  startProxyServer,
  startTlsFront,
  type ProxyServer,
  type TestCertificate,
  type TlsFront,
} from './helpers/proxy-server.js';

let server: ReleaseServer;
let fancy: ReleaseServer;
let tree: ReleaseTree;
let root: string;
const scratch: string[] = [];

const quiet = { info: () => undefined, warning: () => undefined };
const fast = { retries: 2, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5000 };

async function tempDir(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  scratch.push(d);
  return d;
}

async function options(extra: Partial<InstallOptions> = {}): Promise<InstallOptions> {
  return {
    mirrors: [`${server.url}release/`],
    includeDefaultMirror: false,
    dailyUrl: `${server.url}daily/daily.json`,
    cacheDir: await tempDir('bh-e2e-cache-'),
    cacheMode: 'local',
    logger: quiet,
    retry: fast,
    ...extra,
  };
}

async function ls(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

/** Nothing in the cache but (possibly) empty bookkeeping folders. */
async function expectNoEntry(cacheDir: string): Promise<void> {
  expect(await ls(join(cacheDir, 'blender'))).toEqual([]);
  expect(await ls(join(cacheDir, 'staging'))).toEqual([]);
  expect(await ls(join(cacheDir, 'unverified'))).toEqual([]);
}

const file423 = (): string => `${server.url}release/Blender4.2/blender-4.2.3-linux-x64.tar.xz`;

beforeAll(async () => {
  root = await tempDir('bh-e2e-tree-');
  server = await startReleaseServer({ root });
  fancy = await startReleaseServer({ root, style: 'fancyindex' });
  tree = await buildReleaseTree({
    root,
    versions: ['4.2.2', '4.2.3'],
    otherPlatforms: true,
    // Enough body that a fault "mid-body" really is in the middle.
    payloadBytes: 256 * 1024,
    daily: [{ version: '4.5.4', risk: 'candidate', branch: 'v45', hash: 'a1b2c3d4e5f6' }],
    baseUrl: server.url,
  });
  // A damaged archive, for the URL spec (no checksum published beside it).
  await mkdir(join(root, 'corrupt'));
  await writeFile(join(root, 'corrupt', 'blender-4.2.3-linux-x64.tar.xz'), Buffer.from('\xfd7zXZ\0 not really xz', 'latin1'));
});

afterAll(async () => {
  await server?.close();
  await fancy?.close();
  for (const d of scratch) await rm(d, { recursive: true, force: true });
});

afterEach(() => {
  server.clearFaults();
  server.resetLog();
});

interface Pinger {
  how: string;
  ping(executable: string): Promise<void>;
}

/**
 * Starts a session on the installed build and pings it, through the session stage when it
 * offers a way to start one; otherwise runs a Python expression in the installed Blender.
 */
async function pinger(): Promise<Pinger> {
  type Answer = { ok: boolean; result?: unknown };
  type SessionLike = { request(r: { type: string }): Promise<Answer>; close(): Promise<{ clean: boolean }> };
  const mod = (await import('../src/session/index.js').catch(() => ({}))) as {
    startSession?: (o: { blender: string }) => Promise<SessionLike>;
    Session?: { start?: (o: { blender: string }) => Promise<SessionLike> };
  };
  const start = mod.startSession ?? mod.Session?.start?.bind(mod.Session);
  if (start) {
    return {
      how: mod.startSession ? 'startSession' : 'Session.start',
      async ping(blender) {
        const session = await start({ blender });
        try {
          const answer = await session.request({ type: 'ping' });
          expect(answer.ok).toBe(true);
        } finally {
          const report = await session.close();
          expect(report.clean).toBe(true);
        }
      },
    };
  }
  return { how: 'python-expr', ping: runsPython };
}

async function runsPython(blender: string): Promise<void> {
  const r = await execa(blender, ['--background', '--factory-startup', '--python-expr', "import sys; print('OK', sys.version)"], {
    all: true,
    stdin: 'ignore',
  });
  expect(r.all).toMatch(/^OK 3\.\d+/m);
}

describe('install X.Y end to end', () => {
  it('downloads, verifies, caches and runs; the second install asks the server nothing', async () => {
    const opts = await options();
    const first = await installBlender('4.2', opts);
    expect(first).toMatchObject({ version: '4.2.3', source: 'download', cacheHit: false, verified: true, channel: 'release' });
    expect(first.sha256).toBe(tree.files.find((f) => f.version === '4.2.3')?.sha256);
    expect(first.executable).toBe(
      join(opts.cacheDir ?? '', 'blender', `linux-x64-4.2.3-${first.sha256?.slice(0, 16)}`, 'blender-4.2.3-linux-x64', 'blender'),
    );
    expect((await stat(first.executable)).mode & 0o111).not.toBe(0);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/release/Blender4.2/',
      '/release/Blender4.2/blender-4.2.3.sha256',
      '/release/Blender4.2/blender-4.2.3-linux-x64.tar.xz',
    ]);
    // Nothing but the entry and the resolution memo is left in the cache.
    expect((await ls(opts.cacheDir ?? '')).sort()).toEqual(['blender', 'resolved.json', 'staging']);
    expect(await ls(join(opts.cacheDir ?? '', 'staging'))).toEqual([]);

    const p = await pinger();
    await p.ping(first.executable);
    console.info(`install e2e: pinged the installed Blender via ${p.how}`);

    server.resetLog();
    const second = await installBlender('4.2', opts);
    expect(second).toMatchObject({ version: '4.2.3', source: 'cache', cacheHit: true, executable: first.executable });
    const exact = await installBlender('4.2.3', opts);
    expect(exact).toMatchObject({ source: 'cache', executable: first.executable });
    expect(server.count()).toBe(0);

    const older = await installBlender('4.2.2', opts);
    expect(older).toMatchObject({ version: '4.2.2', source: 'download' });
    expect(server.count(/\.tar\.xz$/)).toBe(1);
  });

  it('resolves again once the memo is stale, and still reuses the entry', async () => {
    const opts = await options();
    await installBlender('4.2', opts);
    server.resetLog();
    const again = await installBlender('4.2', { ...opts, resolveTtlMs: 0 });
    expect(again.source).toBe('cache');
    expect(server.count(/\.tar\.xz$/)).toBe(0);
    expect(server.count('/release/Blender4.2/')).toBe(1);
  });

  it('reads a fancyindex mirror the same way', async () => {
    const r = await installBlender('4.2', await options({ mirrors: [`${fancy.url}release/`] }));
    expect(r).toMatchObject({ version: '4.2.3', verified: true, url: `${fancy.url}release/Blender4.2/blender-4.2.3-linux-x64.tar.xz` });
  });

  it('installs a daily build with its sidecar checksum', async () => {
    const r = await installBlender('4.5-daily', await options());
    expect(r).toMatchObject({ version: '4.5.4-candidate+v45.a1b2c3d4e5f6', channel: 'daily', verified: true, source: 'download' });
    expect(r.sha256).toBe(tree.daily[0]?.sha256);
  });

  it('installs a URL with a sha256, and finds it again without asking', async () => {
    const sha = tree.files.find((f) => f.version === '4.2.3')?.sha256 ?? '';
    const opts = await options();
    const r = await installBlender(`${file423()}#sha256=${sha}`, opts);
    expect(r).toMatchObject({ version: '4.2.3', channel: 'url', verified: true });
    server.resetLog();
    expect((await installBlender(`${file423()}#sha256=${sha}`, opts)).source).toBe('cache');
    expect(server.count()).toBe(0);
  });

  it('finds the checksum beside a URL given without one', async () => {
    const r = await installBlender(file423(), await options());
    expect(r.verified).toBe(true);
    expect(server.count('/release/Blender4.2/blender-4.2.3.sha256')).toBe(1);
  });
});

describe('Blenders already on the machine', () => {
  it('system: the blender on PATH, its version from --version', async () => {
    const r = await installBlender('system', { env: { ...process.env, PATH: '/usr/bin' }, logger: quiet });
    expect(r).toMatchObject({ source: 'system', executable: '/usr/bin/blender', cacheHit: false, verified: false, saveCache: false });
    expect(r.version).toMatch(/^\d+\.\d+\.\d+$/);
    const e = await installErrorOf(installBlender('system', { env: { PATH: '/nonexistent' }, logger: quiet }));
    expect(e.code).toBe('SYSTEM_NOT_FOUND');
  });

  it('a path: an unpacked build folder or its executable', async () => {
    const installed = await installBlender('4.2.3', await options());
    const folder = join(installed.executable, '..', '..');
    const r = await installBlender(folder, { logger: quiet });
    expect(r).toMatchObject({ source: 'path', executable: installed.executable });
    expect(r.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await installBlender(installed.executable, { logger: quiet })).executable).toBe(installed.executable);
  });
});

describe('faults from the server', () => {
  it('404 on the archive: a clear error, no cache entry', async () => {
    server.fault('blender-4.2.3-linux-x64.tar.xz', { type: 'status', status: 404 });
    const opts = await options();
    const e = await installErrorOf(installBlender('4.2.3', opts));
    expect(e.code).toBe('HTTP');
    expect(e.message).toMatch(/Could not download blender-4\.2\.3-linux-x64\.tar\.xz .*HTTP 404 Not Found/s);
    await expectNoEntry(opts.cacheDir ?? '');
  });

  it('500 then success: retried', async () => {
    server.fault('blender-4.2.3-linux-x64.tar.xz', { type: 'status', status: 500 }, 1);
    const warnings: string[] = [];
    const r = await installBlender('4.2.3', await options({ logger: { info: () => undefined, warning: (m) => warnings.push(m) } }));
    expect(r.verified).toBe(true);
    expect(server.requests.filter((x) => x.path.endsWith('.tar.xz')).map((x) => x.status)).toEqual([500, 200]);
    expect(warnings.join('\n')).toMatch(/HTTP 500 Internal Server Error; retrying/);
  });

  it('a connection reset mid-body: resumed with Range', async () => {
    server.fault('blender-4.2.3-linux-x64.tar.xz', { type: 'reset', afterBytes: 64 * 1024 }, 1);
    const r = await installBlender('4.2.3', await options());
    expect(r.verified).toBe(true);
    const archive = server.requests.filter((x) => x.path.endsWith('.tar.xz'));
    expect(archive).toHaveLength(2);
    expect(archive[1]?.range).toMatch(/^bytes=\d+-$/);
  });

  it('a body shorter than its Content-Length: an error naming what was expected, no entry', async () => {
    server.fault('blender-4.2.3-linux-x64.tar.xz', { type: 'truncate', afterBytes: 64 * 1024 });
    const opts = await options();
    const e = await installErrorOf(installBlender('4.2.3', opts));
    expect(e.code).toBe('TRUNCATED');
    expect(e.message).toMatch(/(stopped|ended) after .* of /);
    expect(server.count(/\.tar\.xz$/)).toBe(fast.retries + 1);
    await expectNoEntry(opts.cacheDir ?? '');
  });

  it('a wrong checksum: both hashes named, file deleted, no entry', async () => {
    const wrong = 'e'.repeat(64);
    server.fault('blender-4.2.3.sha256', { type: 'body', body: `${wrong}  blender-4.2.3-linux-x64.tar.xz\n` });
    const opts = await options();
    const e = await installErrorOf(installBlender('4.2.3', opts));
    expect(e.code).toBe('CHECKSUM_MISMATCH');
    const real = tree.files.find((f) => f.version === '4.2.3')?.sha256 ?? '';
    expect(e.message).toContain(`expected ${wrong}`);
    expect(e.message).toContain(`got ${real}`);
    expect(e.message).toMatch(/deleted and nothing was cached/);
    await expectNoEntry(opts.cacheDir ?? '');
  });

  it('a Cloudflare challenge on the listing or the archive is recognised and explained', async () => {
    server.fault('/release/Blender4.2/', { type: 'challenge', status: 403 });
    const opts = await options();
    const e = await installErrorOf(installBlender('4.2', opts));
    expect(e.code).toBe('CHALLENGE');
    expect(e.message).toMatch(/Cloudflare challenge page \(HTTP 403, cf-ray 8f2e1d0c9b8a7f6e-FRA\)/);
    expect(e.message).toMatch(/--mirror/);
    server.clearFaults();
    server.fault('blender-4.2.3-linux-x64.tar.xz', { type: 'challenge', status: 503 });
    const e2 = await installErrorOf(installBlender('4.2.3', opts));
    expect(e2.code).toBe('CHALLENGE');
    expect(server.count(/\.tar\.xz$/)).toBe(1);
    await expectNoEntry(opts.cacheDir ?? '');
  });

  it('a corrupt archive: unpacking fails with what was expected, nothing kept', async () => {
    const opts = await options();
    const e = await installErrorOf(installBlender(`${server.url}corrupt/blender-4.2.3-linux-x64.tar.xz`, opts));
    expect(e.code).toBe('EXTRACT');
    expect(e.message).toMatch(/expected a tar\.xz archive \(\d+ bytes, sha256 [0-9a-f]{64}\)/);
    expect(e.message).toMatch(/could not be verified/);
    await expectNoEntry(opts.cacheDir ?? '');
  });

  it('when the network is gone, a spec resolved before still installs from the cache', async () => {
    const opts = await options();
    await installBlender('4.2', opts);
    server.fault(/.*/, { type: 'challenge', status: 403 });
    const warnings: string[] = [];
    const r = await installBlender('4.2', {
      ...opts,
      resolveTtlMs: 0,
      logger: { info: () => undefined, warning: (m) => warnings.push(m) },
    });
    expect(r).toMatchObject({ version: '4.2.3', source: 'cache' });
    expect(warnings.join('\n')).toMatch(/Using Blender 4\.2\.3 from the cache/);
  });

  it('unknown versions list what exists near them', async () => {
    const e = await installErrorOf(installBlender('4.9', await options()));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toMatch(/Lines near it: 4\.2/);
  });
});

describe('mirrors', () => {
  it('the first mirror is down: the second serves', async () => {
    const down = await downMirrorUrl();
    const warnings: string[] = [];
    const r = await installBlender(
      '4.2',
      await options({ mirrors: [down, `${server.url}release/`], logger: { info: () => undefined, warning: (m) => warnings.push(m) } }),
    );
    expect(r).toMatchObject({ version: '4.2.3', verified: true, url: file423() });
    expect(warnings.join('\n')).toMatch(/connection refused .*trying the next mirror/);
  });

  it('a mirror that fails the archive hands over to the next one', async () => {
    server.fault('blender-4.2.3-linux-x64.tar.xz', { type: 'status', status: 500 });
    const r = await installBlender('4.2.3', await options({ mirrors: [`${server.url}release/`, `${fancy.url}release/`] }));
    expect(r.url).toBe(`${fancy.url}release/Blender4.2/blender-4.2.3-linux-x64.tar.xz`);
  });
});

/** A stand-in for the Actions cache service that keeps entries in a folder. */
function folderCacheService(store: string, damage?: (paths: string[]) => Promise<void>): ActionsCacheApi & { saved: string[] } {
  const saved: string[] = [];
  const slot = (key: string): string => join(store, Buffer.from(key).toString('hex'));
  return {
    saved,
    isFeatureAvailable: () => true,
    async restoreCache(paths, key) {
      const dir = slot(key);
      if (!(await ls(dir)).length) return undefined;
      for (const [i, p] of paths.entries()) await cp(join(dir, String(i)), p, { recursive: true, verbatimSymlinks: true });
      await damage?.(paths);
      return key;
    },
    async saveCache(paths, key) {
      for (const [i, p] of paths.entries()) await cp(p, join(slot(key), String(i)), { recursive: true, verbatimSymlinks: true });
      saved.push(key);
      return 1;
    },
  };
}

describe('inside GitHub Actions', () => {
  const saved = { RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE, RUNNER_TEMP: process.env.RUNNER_TEMP };
  let runner: string;
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  async function actionsEnv(): Promise<NodeJS.ProcessEnv> {
    runner = await tempDir('bh-runner-');
    await mkdir(join(runner, 'tool-cache'));
    await mkdir(join(runner, 'temp'));
    // tool-cache reads these from process.env itself.
    process.env.RUNNER_TOOL_CACHE = join(runner, 'tool-cache');
    process.env.RUNNER_TEMP = join(runner, 'temp');
    return { ...process.env, GITHUB_ACTIONS: 'true' };
  }

  it('uses the tool cache, and hands the post step a key to save after a miss', async () => {
    const env = await actionsEnv();
    const store = await tempDir('bh-service-');
    const service = folderCacheService(store);
    const opts = await options({ cacheMode: 'auto', env, actionsCache: service });
    const first = await installBlender('4.2', opts);
    expect(first).toMatchObject({ source: 'download', cacheHit: false, saveCache: true });
    expect(first.executable.startsWith(join(runner, 'tool-cache', 'blender', '4.2.3', 'x64'))).toBe(true);
    expect(first.cacheKey).toBe(`blender-harness-1-linux-x64-4.2.3-${first.sha256}`);
    expect(first.cachePaths).toEqual([
      join(runner, 'tool-cache', 'blender', '4.2.3', 'x64'),
      join(runner, 'tool-cache', 'blender', '4.2.3', 'x64.complete'),
    ]);
    expect(await ls(join(runner, 'temp'))).toEqual([]);

    // Same job, second install: the tool cache has it.
    const again = await installBlender('4.2', opts);
    expect(again).toMatchObject({ source: 'tool-cache', cacheHit: true, saveCache: false });

    // The post step saves; a later job on a fresh runner restores before any download.
    expect(await saveActionsCache(first, () => undefined, service)).toBe('saved');
    const env2 = await actionsEnv();
    server.resetLog();
    const later = await installBlender('4.2', { ...opts, env: env2 });
    expect(later).toMatchObject({ source: 'actions-cache', cacheHit: true, saveCache: false, cacheKey: first.cacheKey });
    expect(server.count(/\.tar\.xz$/)).toBe(0);
    await runsPython(later.executable);
  });

  it('never uses a half-restored entry', async () => {
    const env = await actionsEnv();
    const store = await tempDir('bh-service-');
    const first = await installBlender('4.2', await options({ cacheMode: 'actions', env, actionsCache: folderCacheService(store) }));
    await saveActionsCache(first, () => undefined, folderCacheService(store));
    const env2 = await actionsEnv();
    // The restore "succeeds" but a file is missing, as after an interrupted extraction.
    const damaged = folderCacheService(store, async ([dir]) => rm(join(dir ?? '', 'blender-4.2.3-linux-x64', 'readme.html')));
    const warnings: string[] = [];
    const r = await installBlender(
      '4.2',
      await options({
        cacheMode: 'actions',
        env: env2,
        actionsCache: damaged,
        logger: { info: () => undefined, warning: (m) => warnings.push(m) },
      }),
    );
    expect(r.source).toBe('download');
    expect(warnings.join('\n')).toMatch(/was incomplete; discarding it/);
    expect(await ls(join(r.root, 'blender-4.2.3-linux-x64'))).toContain('readme.html');
  });

  it('says when the cache service is not there, and does not ask the post step to save', async () => {
    const env = await actionsEnv();
    const r = await installBlender(
      '4.2',
      await options({
        cacheMode: 'actions',
        env,
        actionsCache: { ...folderCacheService(await tempDir('bh-s-')), isFeatureAvailable: () => false },
      }),
    );
    expect(r).toMatchObject({ source: 'download', saveCache: false });
    expect(r.notes.join()).toMatch(/cache service is not available/);
  });
});

describe('the install command', () => {
  function io(): { stdout: { write(s: string): void }; stderr: { write(s: string): void }; out: () => string; err: () => string } {
    let out = '';
    let err = '';
    return { stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (err += s) }, out: () => out, err: () => err };
  }

  it('prints the version and the executable, or JSON', async () => {
    const cacheDir = await tempDir('bh-cli-');
    const args = ['4.2', '--mirror', `${server.url}release/`, '--no-default-mirror', '--cache-dir', cacheDir];
    const a = io();
    expect(await runInstallCommand(args, a)).toBe(0);
    const lines = a.out().trim().split('\n');
    expect(lines[0]).toBe('Blender 4.2.3 (linux-x64, downloaded, sha256 verified)');
    expect((await stat(lines[1] ?? '')).isFile()).toBe(true);
    expect(a.err()).toMatch(/Downloading blender-4\.2\.3-linux-x64\.tar\.xz/);

    const b = io();
    expect(await runInstallCommand([...args, '--json'], b)).toBe(0);
    const json = JSON.parse(b.out()) as InstallResult & { ok: boolean };
    expect(json).toMatchObject({ ok: true, version: '4.2.3', source: 'cache', cacheHit: true, executable: lines[1] });
    expect(b.err()).toBe('');
  });

  it('exits 2 with advice on bad input and failed installs', async () => {
    const cacheDir = await tempDir('bh-cli-');
    const cases: [string[], RegExp][] = [
      [[], /which Blender\? Give a SPEC/],
      [['4.2', '4.3'], /one SPEC at a time/],
      [['4.2', '--frobnicate'], /Unknown option '--frobnicate'/],
      [['4.2', '--no-default-mirror'], /needs at least one --mirror/],
      [['4', '--no-default-mirror', '--mirror', `${server.url}release/`], /bare major version.*Accepted forms/s],
      [['4.2', '--mirror', 'not a url'], /Mirror "not a url" is not a URL/],
      [['4.9', '--no-default-mirror', '--mirror', `${server.url}release/`, '--cache-dir', cacheDir], /Lines near it/],
    ];
    for (const [args, message] of cases) {
      const c = io();
      expect(await runInstallCommand(args, c)).toBe(2);
      expect(c.err()).toMatch(message);
    }
    const j = io();
    expect(
      await runInstallCommand(['4.9', '--json', '--no-default-mirror', '--mirror', `${server.url}release/`, '--cache-dir', cacheDir], j),
    ).toBe(2);
    expect(JSON.parse(j.out())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const h = io();
    expect(await runInstallCommand(['--help'], h)).toBe(0);
    expect(h.out()).toMatch(/Usage: blender-harness install SPEC/);
  });
});

describe('behind a proxy', () => {
  // The mirror is on a name that does not resolve; the proxy maps it to a TLS front for the
  // release server. A successful install therefore went through the proxy, CONNECT and all.
  const HOST = 'blender-release.invalid';
  const PASSWORD = 'pr0xy:p@ss';
  const mirror = `https://${HOST}/release/`;
  let cert: TestCertificate;
  let front: TlsFront;
  let proxy: ProxyServer;

  beforeAll(async () => {
    cert = await makeTestCertificate(HOST);
    front = await startTlsFront(cert, Number(new URL(server.url).port));
    proxy = await startProxyServer({ map: { [HOST]: front.address }, auth: { user: 'ci', password: PASSWORD } });
  });
  afterAll(async () => {
    await proxy?.close();
    await front?.close();
    await cert?.dispose();
  });
  afterEach(() => proxy.resetLog());

  it('the install command downloads through HTTPS_PROXY with credentials, and never prints them', async () => {
    const cacheDir = await tempDir('bh-e2e-proxy-');
    // A child process: Node reads NODE_EXTRA_CA_CERTS (to trust the test certificate) only at startup.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/_proxy$/i.test(k)));
    const r = await execa(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/index.ts',
        'install',
        '4.2',
        '--no-default-mirror',
        '--mirror',
        mirror,
        '--cache-dir',
        cacheDir,
        '--json',
      ],
      {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        env: { ...env, HTTPS_PROXY: proxy.urlWith('ci', PASSWORD), NODE_EXTRA_CA_CERTS: cert.certFile },
        extendEnv: false,
        reject: false,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      version: '4.2.3',
      source: 'download',
      verified: true,
      url: `${mirror}Blender4.2/blender-4.2.3-linux-x64.tar.xz`,
    });
    expect(r.stdout).not.toContain(PASSWORD);
    expect(new Set(proxy.requests.map((q) => `${q.method} ${q.target} ${q.status} ${q.credentials}`))).toEqual(
      new Set([`CONNECT ${HOST}:443 200 ci:${PASSWORD}`]),
    );
    expect(server.requests.map((q) => q.path)).toEqual([
      '/release/Blender4.2/',
      '/release/Blender4.2/blender-4.2.3.sha256',
      '/release/Blender4.2/blender-4.2.3-linux-x64.tar.xz',
    ]);
  });

  it('wrong credentials: the proxy is named, the password is not, and nothing is retried or cached', async () => {
    const opts = await options({ mirrors: [mirror], env: { HTTPS_PROXY: proxy.urlWith('ci', 'not-it') } });
    const e = await installErrorOf(installBlender('4.2', opts));
    expect(e.code).toBe('NETWORK');
    expect(e.message).toBe(
      [
        'Could not read the Blender4.2/ listing:',
        `  - ${mirror}Blender4.2/: the proxy ${proxy.url} refused the credentials in HTTPS_PROXY (HTTP 407 Proxy Authentication Required)`,
        'Check the user name and password in HTTPS_PROXY (http://USER:PASSWORD@HOST:PORT, with @, : and / in them percent-encoded).',
      ].join('\n'),
    );
    expect(e.message).not.toContain('not-it');
    expect(proxy.requests).toHaveLength(1);
    expect(server.requests).toEqual([]);
    await expectNoEntry(opts.cacheDir ?? '');
  });

  it('an unreachable proxy says which one, and what to check', async () => {
    const down = new URL(await downMirrorUrl());
    const opts = await options({ mirrors: [mirror], env: { https_proxy: `http://ci:${PASSWORD}@${down.host}` } });
    const e = await installErrorOf(installBlender('4.2.3', opts));
    expect(e.code).toBe('NETWORK');
    expect(e.message).toContain(`could not connect to the proxy http://${down.host} (from https_proxy): connection refused`);
    expect(e.message).toContain('Check https_proxy (the proxy blender-harness was told to use), or add the host to NO_PROXY');
    expect(e.message).not.toContain(PASSWORD);
  });
});
