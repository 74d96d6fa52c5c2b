import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReleaseServer, renderNginxIndex, type ReleaseServer } from '../../test/helpers/release-server.js';
import { parseChecksumFile } from './checksums.js';
import { installErrorOf } from '../../test/helpers/install-errors.js';
import { DEFAULT_RETRY, DEFAULT_USER_AGENT, type HttpContext } from './http.js';
import { parseListing } from './listing.js';
import type { Platform } from './platform.js';
import { parseDailyJson, pickDaily } from './channels/daily.js';
import { pickBuild } from './channels/release.js';
import { resolveBuild, type ResolveOptions } from './resolve.js';
import { parseSpec } from './spec.js';
import { VERSION } from '../version.js';

const FIX = new URL('../../fixtures/releases/', import.meta.url);
const read = (p: string): string => readFileSync(new URL(p, FIX), 'utf8');
const ctx: HttpContext = { userAgent: DEFAULT_USER_AGENT, retry: { ...DEFAULT_RETRY, retries: 1, baseDelayMs: 5, timeoutMs: 5000 } };
const LINUX: Platform = { os: 'linux', arch: 'x64' };
const sumsOf = (line: string, version: string): Map<string, string> =>
  parseChecksumFile(read(`nginx/release/Blender${line}/blender-${version}.sha256`));

describe('pickBuild on fixture listings (pure)', () => {
  const line42 = parseListing(read('nginx/release/Blender4.2/index.html'), 'https://download.blender.org/release/Blender4.2/');

  it("picks each platform's file, newest patch by number (4.2.10 over 4.2.9)", () => {
    const expected: [Platform, string][] = [
      [{ os: 'linux', arch: 'x64' }, 'blender-4.2.10-linux-x64.tar.xz'],
      [{ os: 'macos', arch: 'x64' }, 'blender-4.2.10-macos-x64.dmg'],
      [{ os: 'macos', arch: 'arm64' }, 'blender-4.2.10-macos-arm64.dmg'],
      [{ os: 'windows', arch: 'x64' }, 'blender-4.2.10-windows-x64.zip'],
    ];
    for (const [platform, fileName] of expected) {
      const pick = pickBuild(line42, platform);
      expect(pick.ok && pick.file.fileName).toBe(fileName);
    }
  });

  it('uses the x64 build on Windows on Arm before 4.3, and the arm64 one from 4.3', () => {
    const pick = pickBuild(line42, { os: 'windows', arch: 'arm64' });
    expect(pick.ok && pick.file.fileName).toBe('blender-4.2.10-windows-x64.zip');
    expect(pick.ok && pick.notes.join()).toMatch(/emulation/);
    const line43 = parseListing(read('nginx/release/Blender4.3/index.html'), 'https://download.blender.org/release/Blender4.3/');
    const arm = pickBuild(line43, { os: 'windows', arch: 'arm64' });
    expect(arm.ok && arm.file.fileName).toBe('blender-4.3.2-windows-arm64.zip');
  });

  it('explains a platform without builds', () => {
    const arm = pickBuild(line42, { os: 'linux', arch: 'arm64' });
    expect(arm.ok).toBe(false);
    expect(!arm.ok && arm.code).toBe('NO_BUILD_FOR_PLATFORM');
    expect(!arm.ok && arm.message).toMatch(/linux-arm64.*4\.2\.10 has builds for linux-x64, macos-arm64, macos-x64, windows-x64/);
    const line50 = parseListing(read('nginx/release/Blender5.0/index.html'), 'https://download.blender.org/release/Blender5.0/');
    const intel = pickBuild(line50, { os: 'macos', arch: 'x64' }, '5.0.1');
    expect(!intel.ok && intel.message).toMatch(/Apple silicon only/);
  });

  it('selects linux-arm64 where a folder publishes it', () => {
    const html = renderNginxIndex('/release/Blender9.1/', [
      { name: 'blender-9.1.0-linux-x64.tar.xz', isDir: false, size: 10, mtime: new Date(0) },
      { name: 'blender-9.1.0-linux-arm64.tar.xz', isDir: false, size: 10, mtime: new Date(0) },
    ]);
    const pick = pickBuild(parseListing(html, 'https://m/release/Blender9.1/'), { os: 'linux', arch: 'arm64' });
    expect(pick.ok && pick.file.fileName).toBe('blender-9.1.0-linux-arm64.tar.xz');
  });

  it('reads 2.83 across its rename (linux64 before 2.83.14, linux-x64 after)', () => {
    const line = parseListing(read('nginx/release/Blender2.83/index.html'), 'https://download.blender.org/release/Blender2.83/');
    const old = pickBuild(line, LINUX, '2.83.13');
    expect(old.ok && old.file).toMatchObject({ fileName: 'blender-2.83.13-linux64.tar.xz', naming: 'legacy' });
    const mac = pickBuild(line, { os: 'macos', arch: 'x64' }, '2.83.5');
    expect(mac.ok && mac.file.fileName).toBe('blender-2.83.5-macOS.dmg');
    const newest = pickBuild(line, LINUX);
    expect(newest.ok && newest.file.fileName).toBe('blender-2.83.20-linux-x64.tar.xz');
  });

  it('explains a folder that only holds releases in old formats', () => {
    const html = renderNginxIndex('/release/Blender2.79/', [
      { name: 'blender-2.79b-linux-glibc219-i686.tar.bz2', isDir: false, size: 10, mtime: new Date(0) },
      { name: 'blender-2.79b-macOS-10.6.tar.gz', isDir: false, size: 10, mtime: new Date(0) },
    ]);
    const pick = pickBuild(parseListing(html, 'https://m/release/Blender2.79/'), { os: 'macos', arch: 'x64' });
    expect(!pick.ok && pick.code).toBe('LEGACY_RELEASE');
    expect(!pick.ok && pick.message).toMatch(/2\.80 and newer/);
  });
});

describe('pickDaily on the fixture JSON (pure)', () => {
  const entries = parseDailyJson(read('daily/daily.json'), 'fixture');

  it('takes the newest version, and the newest upload of it', () => {
    const pick = pickDaily(entries, LINUX);
    expect(pick.ok && pick.entry.file_name).toBe('blender-5.2.0-alpha+main.425ab43ad645-linux.x86_64-release.tar.xz');
    expect(pick.ok && pick.sidecar?.file_name).toBe('blender-5.2.0-alpha+main.425ab43ad645-linux.x86_64-release.tar.xz.sha256');
  });

  it('filters by line with numeric order (4.5.10 over 4.5.9)', () => {
    const pick = pickDaily(entries, LINUX, '4.5');
    expect(pick.ok && pick.entry.version).toBe('4.5.10');
    const mac = pickDaily(entries, { os: 'macos', arch: 'arm64' }, '5.1');
    expect(mac.ok && mac.entry.file_name).toMatch(/darwin\.arm64-release\.dmg$/);
    const win = pickDaily(entries, { os: 'windows', arch: 'x64' });
    expect(win.ok && win.entry.file_name).toMatch(/windows\.amd64-release\.zip$/);
  });

  it('explains unknown lines and missing platforms', () => {
    const none = pickDaily(entries, LINUX, '3.6');
    expect(!none.ok && none.message).toMatch(/no 3\.6 daily build.*5\.2, 5\.1, 4\.5, 4\.2/);
    const arm = pickDaily(entries, { os: 'linux', arch: 'arm64' }, '4.5');
    expect(!arm.ok && arm.code).toBe('NO_BUILD_FOR_PLATFORM');
  });

  it('rejects a body that is not the JSON list', () => {
    expect(() => parseDailyJson('<html>Just a moment...</html>', 'x')).toThrow(/did not return JSON/);
    expect(() => parseDailyJson('{"a":1}', 'x')).toThrow(/not a list/);
  });
});

describe('resolveBuild over HTTP against fixture trees', () => {
  let nginx: ReleaseServer;
  let fancy: ReleaseServer;
  const opts = (server: ReleaseServer, platform: Platform = LINUX, extra: Partial<ResolveOptions> = {}): ResolveOptions => ({
    mirrors: [`${server.url}release/`],
    dailyUrl: `${server.url}daily/daily.json`,
    platform,
    ctx,
    ...extra,
  });

  beforeAll(async () => {
    nginx = await startReleaseServer({ root: fileURLToPath(new URL('nginx', FIX)) });
    fancy = await startReleaseServer({ root: fileURLToPath(new URL('fancyindex', FIX)) });
  });
  afterAll(async () => {
    await nginx.close();
    await fancy.close();
  });

  it('X.Y.Z: the exact file, its mirror URL and the sha256 from the .sha256 beside it', async () => {
    nginx.resetLog();
    const b = await resolveBuild(parseSpec('4.2.3'), opts(nginx));
    expect(b).toMatchObject({ channel: 'release', version: '4.2.3', fileName: 'blender-4.2.3-linux-x64.tar.xz', kind: 'tar.xz' });
    expect(b.urls).toEqual([`${nginx.url}release/Blender4.2/blender-4.2.3-linux-x64.tar.xz`]);
    expect(b.sha256).toBe(sumsOf('4.2', '4.2.3').get('blender-4.2.3-linux-x64.tar.xz'));
    expect(b.checksumSource).toBe(`${nginx.url}release/Blender4.2/blender-4.2.3.sha256`);
    expect(nginx.requests.map((r) => r.path)).toEqual(['/release/Blender4.2/', '/release/Blender4.2/blender-4.2.3.sha256']);
    expect(nginx.requests.every((r) => r.userAgent?.startsWith(`blender-harness/${VERSION} `))).toBe(true);
  });

  it('X.Y: the newest patch by number', async () => {
    const b = await resolveBuild(parseSpec('4.2'), opts(nginx));
    expect(b.version).toBe('4.2.10');
    expect(b.sha256).toBe(sumsOf('4.2', '4.2.10').get('blender-4.2.10-linux-x64.tar.xz'));
  });

  it('latest: skips a newest folder with no build for this platform, with a note', async () => {
    const b = await resolveBuild(parseSpec('latest'), opts(nginx));
    expect(b.version).toBe('5.0.1');
    expect(b.notes.join('\n')).toMatch(/Blender5\.1\/ has no linux-x64 build yet; skipped/);
  });

  it('latest on Windows takes the half-published folder but says it cannot verify it', async () => {
    const b = await resolveBuild(parseSpec('latest'), opts(nginx, { os: 'windows', arch: 'x64' }));
    expect(b.version).toBe('5.1.0');
    expect(b.sha256).toBeUndefined();
    expect(b.notes.join('\n')).toMatch(/no \.sha256 file.*will not be cached/);
  });

  it('latest on an Intel Mac walks back to the newest line with an x64 build', async () => {
    const b = await resolveBuild(parseSpec('latest'), opts(nginx, { os: 'macos', arch: 'x64' }));
    expect(b.fileName).toBe('blender-4.5.4-macos-x64.dmg');
    expect(b.notes.filter((n) => n.includes('skipped'))).toHaveLength(2);
  });

  it('lts: the newest LTS line, from the data-driven list or a given one', async () => {
    expect((await resolveBuild(parseSpec('lts'), opts(nginx))).version).toBe('4.5.4');
    expect((await resolveBuild(parseSpec('lts'), opts(nginx, LINUX, { ltsLines: ['3.6', '4.2'] }))).version).toBe('4.2.10');
  });

  it('legacy names resolve and verify too', async () => {
    const b = await resolveBuild(parseSpec('2.83.13'), opts(nginx));
    expect(b.fileName).toBe('blender-2.83.13-linux64.tar.xz');
    expect(b.sha256).toBe(sumsOf('2.83', '2.83.13').get('blender-2.83.13-linux64.tar.xz'));
  });

  it('an unknown line lists the lines near it', async () => {
    const e = await installErrorOf(resolveBuild(parseSpec('4.7'), opts(nginx)));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toMatch(/no Blender4\.7\//);
    expect(e.message).toMatch(/Lines near it: .*5\.0.*4\.5.*4\.4/);
    expect(e.message).toMatch(/newest 5\.1/);
  });

  it('an unknown patch lists the versions of its line', async () => {
    const e = await installErrorOf(resolveBuild(parseSpec('4.2.11'), opts(nginx)));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toMatch(/Blender 4\.2\.11 is not in Blender4\.2\/.*4\.2\.10, 4\.2\.9.*newest 4\.2\.10/);
  });

  it('no build for the platform is its own error, not a 404', async () => {
    const e = await installErrorOf(resolveBuild(parseSpec('4.2'), opts(nginx, { os: 'linux', arch: 'arm64' })));
    expect(e.code).toBe('NO_BUILD_FOR_PLATFORM');
    const only = await installErrorOf(resolveBuild(parseSpec('5.1'), opts(nginx)));
    expect(only.code).toBe('NO_BUILD_FOR_PLATFORM');
    expect(only.message).toMatch(/5\.1\.0 has builds for windows-x64/);
  });

  it('a fancyindex mirror resolves the same builds', async () => {
    for (const spec of ['4.2', '4.2.3', 'latest', 'lts']) {
      const a = await resolveBuild(parseSpec(spec), opts(nginx));
      const b = await resolveBuild(parseSpec(spec), opts(fancy));
      expect([b.version, b.fileName, b.sha256]).toEqual([a.version, a.fileName, a.sha256]);
    }
  });

  it('a mirror URL that is not a release tree says so', async () => {
    const e = await installErrorOf(resolveBuild(parseSpec('latest'), { ...opts(nginx), mirrors: [`${nginx.url}nothing-here/`] }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toMatch(/folder that holds the BlenderX\.Y\/ folders/);
  });

  it('daily and X.Y-daily read the JSON and its sidecars', async () => {
    // The fixture JSON points at the real CDN; serve it pointing here, sidecars from fixtures/releases/daily/.
    const daily = await startReleaseServer({ root: fileURLToPath(FIX) });
    const dailyJson = read('daily/daily.json').replaceAll('https://cdn.builder.blender.org/download/daily/', `${daily.url}daily/`);
    daily.fault('/daily/daily.json', { type: 'body', body: dailyJson, headers: { 'Content-Type': 'application/json' } });
    try {
      const d = await resolveBuild(parseSpec('daily'), { ...opts(daily), dailyUrl: `${daily.url}daily/daily.json` });
      expect(d).toMatchObject({ channel: 'daily', version: '5.2.0-alpha+main.425ab43ad645', kind: 'tar.xz' });
      expect(d.sha256).toBe(read('daily/blender-5.2.0-alpha+main.425ab43ad645-linux.x86_64-release.tar.xz.sha256').trim());
      expect(d.urls[0]).toBe(`${daily.url}daily/blender-5.2.0-alpha+main.425ab43ad645-linux.x86_64-release.tar.xz`);
      const lts = await resolveBuild(parseSpec('4.5-daily'), { ...opts(daily), dailyUrl: `${daily.url}daily/daily.json` });
      expect(lts.version).toBe('4.5.10-stable+v45.bf319e10923f');
      const unverified = await resolveBuild(parseSpec('4.2-daily'), { ...opts(daily), dailyUrl: `${daily.url}daily/daily.json` });
      expect(unverified.sha256).toBeUndefined();
      expect(unverified.notes.join()).toMatch(/no \.sha256/);
    } finally {
      await daily.close();
    }
  });
});
