import { chmod, mkdir, mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionsCacheKey, toolCacheVersion } from './actions.js';
import { checkEntry, entryKey, relativeExecutable, writeManifest } from './entry.js';
import { LocalCache, defaultCacheRoot } from './local.js';
import type { Platform } from '../platform.js';
import type { ResolvedBuild } from '../resolve.js';

const LINUX: Platform = { os: 'linux', arch: 'x64' };
const SHA = '0123456789abcdef'.repeat(4);
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'bh-cache-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function makeTree(dir: string, version = '4.2.3'): Promise<string> {
  const top = join(dir, `blender-${version}-linux-x64`);
  await mkdir(join(top, 'lib'), { recursive: true });
  await writeFile(join(top, 'blender'), '#!/bin/sh\n');
  await chmod(join(top, 'blender'), 0o755);
  await writeFile(join(top, 'lib', 'a.so'), 'x'.repeat(100));
  await writeManifest(dir, {
    version,
    sha256: SHA,
    fileName: `blender-${version}-linux-x64.tar.xz`,
    url: 'http://127.0.0.1/x',
    channel: 'release',
    platform: LINUX,
    executable: relativeExecutable(dir, join(top, 'blender')),
  });
  return join(top, 'blender');
}

describe('local cache', () => {
  it('puts entries in place atomically and finds them by version or checksum', async () => {
    const cache = new LocalCache(root);
    const key = entryKey(LINUX, { version: '4.2.3', sha256: SHA, channel: 'release' });
    expect(key).toBe(`linux-x64-4.2.3-${SHA.slice(0, 16)}`);
    const stage = await cache.stage();
    const tree = join(stage, 'tree');
    await makeTree(tree);
    // While staged, it is not an entry.
    expect(await cache.findRelease(LINUX, '4.2.3')).toBeUndefined();
    const hit = await cache.commit(tree, key, LINUX);
    expect(hit.executable).toBe(join(root, 'blender', key, 'blender-4.2.3-linux-x64', 'blender'));
    expect((await cache.findRelease(LINUX, '4.2.3'))?.dir).toBe(hit.dir);
    expect((await cache.findBySha(LINUX, SHA))?.dir).toBe(hit.dir);
    expect(await cache.lookup(key, LINUX, 'f'.repeat(64))).toBeUndefined();
    expect(await cache.findRelease({ os: 'linux', arch: 'arm64' }, '4.2.3')).toBeUndefined();
    expect(await cache.findRelease(LINUX, '4.2')).toBeUndefined();
  });

  it('never uses an entry without its manifest or executable', async () => {
    const cache = new LocalCache(root);
    const key = `linux-x64-4.2.3-${SHA.slice(0, 16)}`;
    const dir = join(root, 'blender', key);
    const exe = await makeTree(dir);
    expect(await cache.lookup(key, LINUX)).toBeDefined();
    await unlink(exe);
    expect(await cache.lookup(key, LINUX)).toBeUndefined();
    await rm(join(dir, '.blender-harness.json'));
    await makeTree(join(root, 'x'));
    expect(await cache.findRelease(LINUX, '4.2.3')).toBeUndefined();
  });

  it('lets the first of two racing installs win', async () => {
    const cache = new LocalCache(root);
    const key = `linux-x64-4.2.3-${SHA.slice(0, 16)}`;
    const a = join(await cache.stage(), 'tree');
    const b = join(await cache.stage(), 'tree');
    await makeTree(a);
    await makeTree(b);
    const first = await cache.commit(a, key, LINUX);
    const second = await cache.commit(b, key, LINUX);
    expect(second.dir).toBe(first.dir);
    expect(await readdir(join(root, 'blender'))).toEqual([key]);
  });

  it('sweeps staging left by crashed runs, not fresh ones', async () => {
    const cache = new LocalCache(root);
    const fresh = await cache.stage();
    await mkdir(join(root, 'staging', `${Date.now() - 3 * 24 * 3600_000}-1-dead`), { recursive: true });
    await cache.sweep();
    expect(await readdir(join(root, 'staging'))).toEqual([fresh.split('/').pop()]);
  });

  it('remembers resolutions for a while', async () => {
    const cache = new LocalCache(root);
    const build: ResolvedBuild = {
      channel: 'release',
      version: '4.2.10',
      fileName: 'f',
      kind: 'tar.xz',
      platform: LINUX,
      urls: ['u'],
      sha256: SHA,
      notes: [],
    };
    await cache.remember('line:4.2', build, 1000);
    expect(await cache.recall('line:4.2', 500, 1400)).toEqual(build);
    expect(await cache.recall('line:4.2', 500, 2000)).toBeUndefined();
    expect(await cache.recall('line:4.3', 500, 1400)).toBeUndefined();
    await writeFile(join(root, 'resolved.json'), '{broken');
    expect(await cache.recall('line:4.2', Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('defaults to ~/.cache/blender-harness, overridable', () => {
    expect(defaultCacheRoot({ BLENDER_HARNESS_CACHE_DIR: '/c' }, 'linux')).toBe('/c');
    expect(defaultCacheRoot({ XDG_CACHE_HOME: '/x' }, 'linux')).toBe('/x/blender-harness');
    expect(defaultCacheRoot({}, 'linux')).toMatch(/\.cache[\\/]blender-harness$/);
    expect(defaultCacheRoot({ LOCALAPPDATA: 'C:\\L' }, 'win32')).toMatch(/blender-harness[\\/]cache$/);
  });
});

describe('entries restored by someone else', () => {
  it('checks a restored tree is whole (files and bytes) before using it', async () => {
    const dir = join(root, 'tc');
    await makeTree(dir);
    expect(await checkEntry(dir, LINUX, { sha256: SHA, deep: true })).toBeDefined();
    await writeFile(join(dir, 'blender-4.2.3-linux-x64', 'lib', 'a.so'), 'x'.repeat(50));
    expect(await checkEntry(dir, LINUX, { sha256: SHA, deep: true })).toBeUndefined();
    expect(await checkEntry(dir, LINUX, { sha256: SHA })).toBeDefined();
  });
});

describe('Actions keys and versions', () => {
  it('keys the cross-run cache by platform, arch, version and checksum', () => {
    expect(actionsCacheKey(LINUX, '4.2.3', SHA)).toBe(`blender-harness-1-linux-x64-4.2.3-${SHA}`);
    expect(actionsCacheKey({ os: 'macos', arch: 'arm64' }, '5.2.0-alpha+main.425ab43ad645', SHA)).toBe(
      `blender-harness-1-macos-arm64-5.2.0-alpha+main.425ab43ad645-${SHA}`,
    );
  });

  it('gives the tool cache semver-valid, unique versions', () => {
    expect(toolCacheVersion({ channel: 'release', version: '4.2.3', sha256: SHA })).toBe('4.2.3');
    expect(toolCacheVersion({ channel: 'daily', version: '5.2.0-alpha+main.425ab43ad645', sha256: SHA })).toBe('5.2.0-alpha.g425ab43ad645');
    expect(toolCacheVersion({ channel: 'url', sha256: SHA })).toBe(`0.0.0-url.s${SHA.slice(0, 12)}`);
  });
});
