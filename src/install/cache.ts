// Where installed builds are kept between runs.
//
// Outside Actions (the CLI, a developer's desk) builds live in a folder of our own. An entry is
// unpacked in a staging folder beside the entries and renamed into place in one step, so an
// entry either exists whole or not at all: a crash mid-install leaves only a staging folder,
// which is never read and is swept later.
//
// In Actions, the runner's tool cache holds the build (tool-cache's `find` first, `cacheDir`
// after extraction), and @actions/cache carries it across runs because hosted runners start with
// an empty tool cache. The cross-run entry is restored before any download; it is saved by the
// Action's post step (only after a miss), so `installBlender` hands back the key and paths.

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, lstat, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { errnoCode } from './errors.js';
import type { Platform } from './platform.js';
import type { ResolvedBuild } from './resolve.js';

export const MANIFEST = '.blender-harness.json';

export interface EntryManifest {
  schema: 1;
  version: string;
  sha256: string;
  fileName: string;
  url: string;
  channel: ResolvedBuild['channel'];
  platform: Platform;
  /** Executable path relative to the entry, with "/" separators. */
  executable: string;
  createdAt: string;
  /** Files and bytes in the entry (the manifest excluded), to tell a restored tree is complete. */
  files: number;
  bytes: number;
}

export interface CachedBuild {
  dir: string;
  executable: string;
  manifest: EntryManifest;
}

export function defaultCacheRoot(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.BLENDER_HARNESS_CACHE_DIR) return env.BLENDER_HARNESS_CACHE_DIR;
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'blender-harness', 'cache');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'blender-harness');
}

/** Keeps keys and folder names free of characters some file systems or the cache service reject. */
export function safeSegment(s: string): string {
  return s.replace(/[^A-Za-z0-9._+-]/g, '_');
}

export function entryKey(platform: Platform, build: { version?: string; sha256: string; channel: ResolvedBuild['channel'] }): string {
  const version = build.channel === 'url' || !build.version ? 'url' : build.version;
  return `${platform.os}-${platform.arch}-${safeSegment(version)}-${build.sha256.slice(0, 16)}`;
}

/** The @actions/cache key: platform, arch, version and the full checksum. */
export function actionsCacheKey(platform: Platform, version: string, sha256: string): string {
  return `blender-harness-1-${platform.os}-${platform.arch}-${safeSegment(version)}-${sha256}`;
}

export async function treeStats(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (d === dir && e.name === MANIFEST) continue;
      if (e.isDirectory()) await walk(p);
      else {
        files++;
        if (e.isFile()) bytes += (await lstat(p)).size;
      }
    }
  };
  await walk(dir);
  return { files, bytes };
}

export function relativeExecutable(dir: string, executable: string): string {
  return relative(dir, executable).split(sep).join('/');
}

async function readManifest(dir: string): Promise<EntryManifest | undefined> {
  try {
    const m = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Partial<EntryManifest>;
    if (m.schema !== 1 || typeof m.executable !== 'string' || typeof m.sha256 !== 'string' || typeof m.version !== 'string') return undefined;
    return m as EntryManifest;
  } catch {
    return undefined;
  }
}

async function executableOk(p: string, platform: Platform): Promise<boolean> {
  try {
    if (!(await stat(p)).isFile()) return false;
    if (platform.os !== 'windows') await access(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads an entry and checks it is usable: manifest present, executable there, and, when asked
 * (a tree restored by someone else's tar), as many files and bytes as when it was made.
 */
export async function checkEntry(dir: string, platform: Platform, opts: { sha256?: string; deep?: boolean } = {}): Promise<CachedBuild | undefined> {
  const manifest = await readManifest(dir);
  if (!manifest) return undefined;
  if (opts.sha256 && manifest.sha256 !== opts.sha256) return undefined;
  if (manifest.platform.os !== platform.os) return undefined;
  const executable = join(dir, ...manifest.executable.split('/'));
  if (!(await executableOk(executable, platform))) return undefined;
  if (opts.deep) {
    const s = await treeStats(dir).catch(() => undefined);
    if (!s || s.files !== manifest.files || s.bytes !== manifest.bytes) return undefined;
  }
  return { dir, executable, manifest };
}

export async function writeManifest(dir: string, m: Omit<EntryManifest, 'files' | 'bytes' | 'schema' | 'createdAt'>): Promise<EntryManifest> {
  const s = await treeStats(dir);
  const manifest: EntryManifest = { schema: 1, ...m, createdAt: new Date().toISOString(), files: s.files, bytes: s.bytes };
  await writeFile(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

interface MemoFile {
  schema: 1;
  entries: Record<string, { at: number; build: ResolvedBuild }>;
}

export class LocalCache {
  readonly entries: string;
  readonly staging: string;
  readonly unverified: string;
  private readonly memoPath: string;

  constructor(readonly root: string) {
    this.entries = join(root, 'blender');
    this.staging = join(root, 'staging');
    this.unverified = join(root, 'unverified');
    this.memoPath = join(root, 'resolved.json');
  }

  async lookup(key: string, platform: Platform, sha256?: string): Promise<CachedBuild | undefined> {
    return checkEntry(join(this.entries, key), platform, sha256 ? { sha256 } : {});
  }

  private async scan(match: (name: string) => boolean, platform: Platform): Promise<CachedBuild | undefined> {
    let names: string[];
    try {
      names = await readdir(this.entries);
    } catch {
      return undefined;
    }
    for (const name of names.filter(match).sort()) {
      const hit = await checkEntry(join(this.entries, name), platform);
      if (hit) return hit;
    }
    return undefined;
  }

  /** An entry for an exact release, whatever its checksum: releases never change once published. */
  findRelease(platform: Platform, version: string): Promise<CachedBuild | undefined> {
    const prefix = `${platform.os}-${platform.arch}-${safeSegment(version)}-`;
    return this.scan((n) => n.startsWith(prefix) && /^[0-9a-f]{16}$/.test(n.slice(prefix.length)), platform);
  }

  findBySha(platform: Platform, sha256: string): Promise<CachedBuild | undefined> {
    const prefix = `${platform.os}-${platform.arch}-`;
    return this.scan((n) => n.startsWith(prefix) && n.endsWith(`-${sha256.slice(0, 16)}`), platform);
  }

  /** A fresh folder on the same file system as the entries, so the final rename is atomic. */
  async stage(): Promise<string> {
    await mkdir(this.staging, { recursive: true });
    const dir = join(this.staging, `${Date.now()}-${process.pid}-${randomBytes(4).toString('hex')}`);
    await mkdir(dir);
    return dir;
  }

  /**
   * Moves a finished tree into place as `key`. When another process got there first, its entry
   * wins and ours is dropped: both were verified against the same checksum.
   */
  async commit(tree: string, key: string, platform: Platform): Promise<CachedBuild> {
    await mkdir(this.entries, { recursive: true });
    const dest = join(this.entries, key);
    try {
      await rename(tree, dest);
    } catch (e) {
      const code = errnoCode(e);
      if (code !== 'EEXIST' && code !== 'ENOTEMPTY' && code !== 'EPERM') throw e;
      await rm(tree, { recursive: true, force: true });
    }
    const hit = await checkEntry(dest, platform);
    if (!hit) throw new Error(`cache entry ${dest} is unusable right after it was written`);
    return hit;
  }

  /** Unverified builds are kept apart and never looked up: nothing unverified is reused. */
  async unverifiedDir(): Promise<string> {
    await mkdir(this.unverified, { recursive: true });
    const dir = join(this.unverified, `${Date.now()}-${process.pid}-${randomBytes(4).toString('hex')}`);
    await mkdir(dir);
    return dir;
  }

  /** Removes staging folders of crashed runs and old unverified builds. */
  async sweep(maxAgeMs = 24 * 3600_000, now = Date.now()): Promise<void> {
    for (const parent of [this.staging, this.unverified]) {
      let names: string[];
      try {
        names = await readdir(parent);
      } catch {
        continue;
      }
      for (const name of names) {
        const started = Number(name.split('-')[0]);
        if (Number.isFinite(started) && now - started > maxAgeMs) {
          await rm(join(parent, name), { recursive: true, force: true }).catch(() => undefined);
        }
      }
    }
  }

  private async readMemo(): Promise<MemoFile> {
    try {
      const m = JSON.parse(await readFile(this.memoPath, 'utf8')) as MemoFile;
      if (m.schema === 1 && typeof m.entries === 'object' && m.entries !== null) return m;
    } catch {
      // A missing or damaged memo only costs a fresh resolution.
    }
    return { schema: 1, entries: {} };
  }

  async recall(key: string, maxAgeMs: number, now = Date.now()): Promise<ResolvedBuild | undefined> {
    const hit = (await this.readMemo()).entries[key];
    if (!hit || now - hit.at > maxAgeMs) return undefined;
    return hit.build;
  }

  async remember(key: string, build: ResolvedBuild, now = Date.now()): Promise<void> {
    const memo = await this.readMemo();
    memo.entries[key] = { at: now, build };
    // Drop entries nobody asked for in a month, so the file does not grow forever.
    for (const [k, v] of Object.entries(memo.entries)) if (now - v.at > 30 * 24 * 3600_000) delete memo.entries[k];
    await mkdir(this.root, { recursive: true });
    const tmp = `${this.memoPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(tmp, JSON.stringify(memo));
    await rename(tmp, this.memoPath);
  }
}

// ---- Actions: tool cache + cross-run cache ----

export interface ActionsCacheState {
  /** @actions/cache key to save under in the post step. */
  cacheKey: string;
  cachePaths: string[];
}

/**
 * The version string the tool cache files a build under. tool-cache looks explicit semver
 * versions up by path, so daily and URL builds get a semver-valid form that stays unique.
 */
export function toolCacheVersion(build: { channel: ResolvedBuild['channel']; version?: string; sha256: string }): string {
  if (build.channel === 'url' || !build.version) return `0.0.0-url.s${build.sha256.slice(0, 12)}`;
  if (build.channel === 'daily') {
    const m = /^(\d+\.\d+\.\d+)-([a-z]+)\+?(?:[^.]*\.)?([0-9a-f]+)?/.exec(build.version);
    if (m) return `${m[1]}-${m[2]}.g${m[3] ?? build.sha256.slice(0, 12)}`;
    return `0.0.0-daily.s${build.sha256.slice(0, 12)}`;
  }
  return build.version;
}

/** The folder tool-cache's cacheDir creates for (tool, version, arch): needed before it exists. */
export function toolCachePath(toolCacheRoot: string, version: string, arch: string): string {
  return join(toolCacheRoot, 'blender', version, arch);
}

export interface ActionsCacheApi {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], key: string): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

export async function loadActionsCache(): Promise<ActionsCacheApi> {
  const mod = await import('@actions/cache');
  return {
    isFeatureAvailable: () => mod.isFeatureAvailable(),
    restoreCache: (paths, key) => mod.restoreCache(paths, key),
    saveCache: (paths, key) => mod.saveCache(paths, key),
  };
}

export type SaveOutcome = 'saved' | 'exists' | 'unavailable' | 'failed' | 'skipped';

/**
 * For the Action's post step: saves the cross-run entry after a miss. Never throws: a cache that
 * cannot be written must not fail a job whose tests passed.
 */
export async function saveActionsCache(
  state: Partial<ActionsCacheState> & { cacheHit?: boolean },
  log: (message: string) => void = () => undefined,
  api?: ActionsCacheApi,
  /** What the entry holds, for the log: Blender, or Blender's Python packages. */
  what = 'Blender',
): Promise<SaveOutcome> {
  if (state.cacheHit || !state.cacheKey || !state.cachePaths || state.cachePaths.length === 0) return 'skipped';
  try {
    const cache = api ?? (await loadActionsCache());
    if (!cache.isFeatureAvailable()) {
      log(`The Actions cache service is not available here; ${what} was not saved for later runs.`);
      return 'unavailable';
    }
    for (const p of state.cachePaths) {
      try {
        await access(p);
      } catch {
        log(`Not saving ${what} to the cache: ${p} is gone.`);
        return 'skipped';
      }
    }
    const id = await cache.saveCache(state.cachePaths, state.cacheKey);
    // -1: the library already logged why (most often another job saved the same key first).
    if (id === -1) return 'failed';
    log(`Saved ${what} to the Actions cache as ${state.cacheKey}.`);
    return 'saved';
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    if (name === 'ReserveCacheError') {
      log(`The Actions cache already holds ${state.cacheKey}.`);
      return 'exists';
    }
    log(`Could not save ${what} to the Actions cache: ${e instanceof Error ? e.message : String(e)}`);
    return 'failed';
  }
}
