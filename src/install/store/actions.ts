// The store inside GitHub Actions: the runner's tool cache holds the build (tool-cache's `find`
// first, `cacheDir` after extraction), and @actions/cache carries it across runs because hosted
// runners start with an empty tool cache. The cross-run entry is restored before any download;
// it is saved by the Action's post step (src/action/cache-save.ts, only after a miss), so the
// install hands back the key and paths.

import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tc from '@actions/tool-cache';
import type { ResolvedBuild } from '../resolve.js';
import { errorText } from '../../transport/index.js';
import { InstallError } from '../errors.js';
import type { Platform } from '../platform.js';
import type { BuildStore, CrossRunEntry, Found, StoreRequest, Stored, VerifiedBuild } from './build-store.js';
import { checkEntry, safeSegment } from './entry.js';

/** The @actions/cache key: platform, arch, version and the full checksum. */
export function actionsCacheKey(platform: Platform, version: string, sha256: string): string {
  return `blender-harness-1-${platform.os}-${platform.arch}-${safeSegment(version)}-${sha256}`;
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

class ActionsStore implements BuildStore {
  private crossRun: CrossRunEntry | undefined;
  private available = false;

  constructor(
    private readonly req: StoreRequest,
    private readonly toolRoot: string,
    private readonly tempRoot: string,
    /** The cross-run cache service; defaults to @actions/cache. */
    private readonly o: { actionsCache?: ActionsCacheApi },
  ) {}

  known(): Promise<Found | undefined> {
    // Nothing is known before resolving: the tool cache files builds under resolved versions.
    return Promise.resolve(undefined);
  }

  async offline(error: InstallError): Promise<Found | undefined> {
    // A release already in this runner's tool cache does not need the network (self-hosted runners).
    const { spec, platform } = this.req;
    if (spec.kind !== 'exact') return undefined;
    const found = tc.find('blender', spec.version, platform.arch);
    const hit = found ? await checkEntry(found, platform) : undefined;
    if (!hit) return undefined;
    return { hit, source: 'tool-cache', warning: `${error.message}\nUsing Blender ${spec.version} from the runner's tool cache.` };
  }

  async find(build: VerifiedBuild): Promise<Found | undefined> {
    const { sha256, platform } = build;
    const version = toolCacheVersion(build);
    const found = tc.find('blender', version, platform.arch);
    if (found) {
      const hit = await checkEntry(found, platform, { sha256 });
      if (hit) return { hit, source: 'tool-cache' };
      this.req.log.warning(`The tool cache entry ${found} does not hold the expected build; downloading again.`);
    }
    const toolPath = toolCachePath(this.toolRoot, version, platform.arch);
    const entry = { cacheKey: actionsCacheKey(platform, build.version ?? version, sha256), cachePaths: [toolPath, `${toolPath}.complete`] };
    this.crossRun = entry;
    return this.restore(entry, toolPath, build);
  }

  private async restore(entry: CrossRunEntry, toolPath: string, build: VerifiedBuild): Promise<Found | undefined> {
    const { log } = this.req;
    let api: ActionsCacheApi | undefined;
    try {
      api = this.o.actionsCache ?? (await loadActionsCache());
    } catch (e) {
      log.warning(`The Actions cache library could not be loaded (${errorText(e)}); downloading.`);
    }
    this.available = api?.isFeatureAvailable() ?? false;
    if (!api || !this.available) {
      log.note('The Actions cache service is not available in this job; Blender will not be kept for later runs.');
      return undefined;
    }
    let restored: string | undefined;
    try {
      restored = await api.restoreCache(entry.cachePaths, entry.cacheKey);
    } catch (e) {
      log.warning(`Restoring Blender from the Actions cache failed: ${errorText(e)}`);
    }
    if (restored) {
      // The restore is someone else's tar: check it is whole before trusting it.
      const hit = await checkEntry(toolPath, build.platform, { sha256: build.sha256, deep: true });
      if (hit) return { hit, source: 'actions-cache', crossRun: entry };
      log.warning(`The Actions cache entry ${entry.cacheKey} was incomplete; discarding it and downloading.`);
    }
    // Whatever a failed or partial restore left must not look like an installed build.
    for (const p of entry.cachePaths) await rm(p, { recursive: true, force: true });
    return undefined;
  }

  private async tempDir(prefix: string): Promise<string> {
    const dir = join(this.tempRoot, `${prefix}-${Date.now()}-${process.pid}`);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  stage(): Promise<string> {
    return this.tempDir('blender-harness');
  }

  unverifiedDir(): Promise<string> {
    return this.tempDir('blender-harness-unverified');
  }

  async keep(tree: string, build: VerifiedBuild): Promise<Stored> {
    const dir = await tc.cacheDir(tree, 'blender', toolCacheVersion(build), build.platform.arch);
    const hit = await checkEntry(dir, build.platform, { sha256: build.sha256 });
    if (!hit)
      throw new InstallError('CACHE', `The tool cache copy at ${dir} is incomplete right after it was made; check free disk space.`);
    return { dir, executable: hit.executable, ...(this.crossRun ? { crossRun: this.crossRun } : {}), saveCache: this.available };
  }
}

/** The Actions store; it needs the runner's RUNNER_TOOL_CACHE and RUNNER_TEMP. */
export function actionsStore(req: StoreRequest, options: { actionsCache?: ActionsCacheApi } = {}): BuildStore {
  const toolRoot = req.env.RUNNER_TOOL_CACHE;
  const tempRoot = req.env.RUNNER_TEMP;
  if (!toolRoot || !tempRoot) {
    throw new InstallError(
      'CACHE',
      'The Actions cache mode needs RUNNER_TOOL_CACHE and RUNNER_TEMP; outside a runner use the local cache (cacheMode "local").',
    );
  }
  return new ActionsStore(req, toolRoot, tempRoot, options);
}
