// The store outside Actions (the CLI, a developer's desk): a folder of our own. An entry is
// unpacked in a staging folder beside the entries and renamed into place in one step, so an
// entry either exists whole or not at all: a crash mid-install leaves only a staging folder,
// which is never read and is swept later. Resolutions of moving specs (X.Y, latest, lts, daily)
// are remembered for a while, so a warm run needs no network at all.

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedBuild } from '../resolve.js';
import { errnoCode } from '../../transport/index.js';
import type { InstallError } from '../errors.js';
import type { Platform } from '../platform.js';
import type { BuildStore, Found, StoreRequest, Stored, VerifiedBuild } from './build-store.js';
import { checkEntry, entryKey, safeSegment, type CachedBuild } from './entry.js';

export function defaultCacheRoot(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.BLENDER_HARNESS_CACHE_DIR) return env.BLENDER_HARNESS_CACHE_DIR;
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'blender-harness', 'cache');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'blender-harness');
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

  private async freshDir(parent: string): Promise<string> {
    await mkdir(parent, { recursive: true });
    const dir = join(parent, `${Date.now()}-${process.pid}-${randomBytes(4).toString('hex')}`);
    await mkdir(dir);
    return dir;
  }

  /** A fresh folder on the same file system as the entries, so the final rename is atomic. */
  stage(): Promise<string> {
    return this.freshDir(this.staging);
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
  unverifiedDir(): Promise<string> {
    return this.freshDir(this.unverified);
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

export interface LocalStoreOptions {
  /** Root of the cache folder; default defaultCacheRoot(env). */
  cacheDir?: string;
  /** Names the spec's resolution, for specs that move (X.Y, latest, lts, daily). */
  memoKey?: string;
  /** How long a remembered resolution is used without asking again. */
  ttlMs: number;
  /** A URL spec's expected hash, which names one file without asking the network. */
  sha256?: string;
}

class LocalStore extends LocalCache implements BuildStore {
  constructor(
    private readonly req: StoreRequest,
    private readonly o: LocalStoreOptions,
  ) {
    super(o.cacheDir ?? defaultCacheRoot(req.env));
  }

  private async remembered(maxAgeMs: number): Promise<CachedBuild | undefined> {
    if (!this.o.memoKey) return undefined;
    const b = await this.recall(this.o.memoKey, maxAgeMs);
    if (!b?.sha256) return undefined;
    return this.lookup(entryKey(b.platform, { ...b, sha256: b.sha256 }), b.platform, b.sha256);
  }

  async known(): Promise<Found | undefined> {
    await this.sweep().catch(() => undefined);
    const { spec, platform } = this.req;
    // Releases never change, and a URL with a hash names one file.
    const hit =
      (spec.kind === 'exact' ? await this.findRelease(platform, spec.version) : undefined) ??
      (this.o.sha256 ? await this.findBySha(platform, this.o.sha256) : undefined) ??
      (await this.remembered(this.o.ttlMs));
    return hit && { hit, source: 'cache' };
  }

  async offline(error: InstallError): Promise<Found | undefined> {
    // A build this spec resolved to before is better than no build.
    const stale = await this.remembered(Number.POSITIVE_INFINITY);
    if (!stale) return undefined;
    return {
      hit: stale,
      source: 'cache',
      warning: `${error.message}\nUsing Blender ${stale.manifest.version} from the cache, which ${this.req.spec.raw} resolved to earlier.`,
      note: `Could not check for a newer build (${error.code}); used the cached one.`,
    };
  }

  async find(build: VerifiedBuild): Promise<Found | undefined> {
    if (this.o.memoKey) await this.remember(this.o.memoKey, build).catch(() => undefined);
    const hit = await this.lookup(entryKey(build.platform, build), build.platform, build.sha256);
    return hit && { hit, source: 'cache' };
  }

  async keep(tree: string, build: VerifiedBuild): Promise<Stored> {
    const { dir, executable } = await this.commit(tree, entryKey(build.platform, build), build.platform);
    return { dir, executable };
  }
}

export function localStore(req: StoreRequest, options: LocalStoreOptions): BuildStore {
  return new LocalStore(req, options);
}
