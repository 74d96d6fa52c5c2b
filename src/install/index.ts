// The install stage: a version spec in, a Blender executable out. Knows nothing of sessions,
// suites or reports; the faces (Action, CLI) pass options in and print or save what comes out.

import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as core from '@actions/core';
import * as tc from '@actions/tool-cache';
import {
  LocalCache,
  actionsCacheKey,
  checkEntry,
  defaultCacheRoot,
  entryKey,
  loadActionsCache,
  relativeExecutable,
  toolCachePath,
  toolCacheVersion,
  writeManifest,
  type ActionsCacheApi,
  type CachedBuild,
} from './cache.js';
import { download, type DownloadResult } from './download.js';
import { InstallError, errorText } from './errors.js';
import { extractArchive, locateExecutable } from './extract.js';
import { DEFAULT_RETRY, DEFAULT_USER_AGENT, type HttpContext, type RetryPolicy } from './http.js';
import { currentPlatform, executableName, platformId, type Platform } from './platform.js';
import { NO_PROGRESS, createProgress, type ProgressSink, type TextOut } from './progress.js';
import { DEFAULT_DAILY_URL, DEFAULT_MIRROR, normalizeMirror, resolveBuild, type ResolvedBuild } from './resolve.js';
import { checkUrlScheme, parseSpec, type BlenderSpec } from './spec.js';
import { executableAtPath, findSystemBlender, probeVersion } from './system.js';

export { InstallError, type InstallErrorCode } from './errors.js';
export { parseSpec, describeSpec, SPEC_FORMS, type BlenderSpec } from './spec.js';
export { loadActionsCache, saveActionsCache, defaultCacheRoot, type ActionsCacheApi, type ActionsCacheState, type SaveOutcome } from './cache.js';
export { DEFAULT_MIRROR, DEFAULT_DAILY_URL, resolveBuild, type ResolvedBuild } from './resolve.js';
export { LTS_LINES } from './lts.js';
export { ensureRunnable, listMissingLibraries, localExecutable, missingLibraries, SystemDepsError, type EnsureRunnableOptions } from './system-deps.js';
export { compareVersions } from './versions.js';
export { currentPlatform, executableName, releaseFileName, type Platform, type Os, type Arch } from './platform.js';
export type { ProgressSink, TextOut } from './progress.js';
export type { RetryPolicy } from './http.js';

export interface InstallLogger {
  info(message: string): void;
  warning(message: string): void;
  debug?(message: string): void;
}

export type CacheMode = 'auto' | 'local' | 'actions';

export interface InstallOptions {
  /** Mirrors of /release/ tried after the default one (or alone, with includeDefaultMirror false). */
  mirrors?: string[];
  includeDefaultMirror?: boolean;
  dailyUrl?: string;
  /** Root of our own cache (local mode). Default ~/.cache/blender-harness or BLENDER_HARNESS_CACHE_DIR. */
  cacheDir?: string;
  /** 'auto': the runner's caches inside GitHub Actions, our own folder elsewhere. */
  cacheMode?: CacheMode;
  /** Install for another OS/arch than this machine's (tests, Windows on Arm choosing x64). */
  platform?: Partial<Platform>;
  /** Expected sha256 for a URL spec without #sha256=. */
  sha256?: string;
  ltsLines?: readonly string[];
  logger?: InstallLogger;
  /** false: no progress output. Default: a bar on a terminal, periodic lines in logs. */
  progress?: ProgressSink | false;
  progressOut?: TextOut;
  retry?: Partial<RetryPolicy>;
  userAgent?: string;
  /** How long a resolution of a moving spec (X.Y, latest, lts) is reused without asking again. */
  resolveTtlMs?: number;
  /** The same for daily specs, which move faster. */
  dailyTtlMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
  /** The cross-run cache service; defaults to @actions/cache. */
  actionsCache?: ActionsCacheApi;
}

export type InstallSource = 'download' | 'cache' | 'tool-cache' | 'actions-cache' | 'system' | 'path';

export interface InstallResult {
  spec: string;
  version: string;
  executable: string;
  /** The folder of the installed build (the cache entry), or the executable's folder for system/path. */
  root: string;
  platform: Platform;
  source: InstallSource;
  cacheHit: boolean;
  /** Whether the archive's sha256 was checked against a published or given one. */
  verified: boolean;
  sha256?: string;
  url?: string;
  fileName?: string;
  channel?: ResolvedBuild['channel'];
  notes: string[];
  /** Actions: the cross-run cache key and paths the post step saves... */
  cacheKey?: string;
  cachePaths?: string[];
  /** ...and whether it should (a miss, with the cache service available). */
  saveCache: boolean;
  durationMs: number;
}

export const DEFAULT_RESOLVE_TTL_MS = 6 * 3600_000;
export const DEFAULT_DAILY_TTL_MS = 3600_000;

export function streamLogger(out: TextOut): InstallLogger {
  return {
    info: (m) => void out.write(`${m}\n`),
    warning: (m) => void out.write(`warning: ${m}\n`),
  };
}

export function actionsLogger(): InstallLogger {
  return { info: (m) => core.info(m), warning: (m) => core.warning(m), debug: (m) => core.debug(m) };
}

export function cacheModeFor(mode: CacheMode | undefined, env: NodeJS.ProcessEnv): 'local' | 'actions' {
  if (mode === 'local' || mode === 'actions') return mode;
  return env.GITHUB_ACTIONS === 'true' && env.RUNNER_TOOL_CACHE && env.RUNNER_TEMP ? 'actions' : 'local';
}

/**
 * Mirrors in the order they are tried. BLENDER_HARNESS_RELEASE_URL replaces the default one,
 * for runners that must download from an internal mirror (and for the tests here, which
 * cannot reach download.blender.org).
 */
export function mirrorList(options: Pick<InstallOptions, 'mirrors' | 'includeDefaultMirror'>, env: NodeJS.ProcessEnv = process.env): string[] {
  const primary = env.BLENDER_HARNESS_RELEASE_URL || DEFAULT_MIRROR;
  const list = [...(options.includeDefaultMirror === false ? [] : [primary]), ...(options.mirrors ?? [])];
  const out: string[] = [];
  for (const m of list) {
    let u: URL;
    try {
      u = new URL(m);
    } catch {
      throw new InstallError('BAD_SPEC', `Mirror ${JSON.stringify(m)} is not a URL; give the https:// URL of a folder holding BlenderX.Y/ folders.`);
    }
    checkUrlScheme(u, 'Mirror');
    const n = normalizeMirror(m);
    if (!out.includes(n)) out.push(n);
  }
  if (out.length === 0) throw new InstallError('BAD_SPEC', 'No mirror left to download from: give at least one with --mirror URL.');
  return out;
}

interface Run {
  spec: BlenderSpec;
  platform: Platform;
  options: InstallOptions;
  env: NodeJS.ProcessEnv;
  logger: InstallLogger;
  progress: ProgressSink;
  ctx: HttpContext;
  notes: string[];
  started: number;
}

function note(run: Run, message: string): void {
  run.notes.push(message);
  run.logger.info(message);
}

function result(run: Run, fields: Omit<InstallResult, 'spec' | 'notes' | 'durationMs' | 'saveCache' | 'platform'> & { saveCache?: boolean; platform?: Platform }): InstallResult {
  return {
    spec: run.spec.raw,
    notes: run.notes,
    durationMs: Math.round(performance.now() - run.started),
    ...fields,
    saveCache: fields.saveCache ?? false,
    platform: fields.platform ?? run.platform,
  };
}

function fromCache(run: Run, hit: CachedBuild, source: InstallSource, extra: Partial<InstallResult> = {}): InstallResult {
  const m = hit.manifest;
  return result(run, {
    version: m.version,
    executable: hit.executable,
    root: hit.dir,
    platform: m.platform,
    source,
    cacheHit: true,
    verified: true,
    sha256: m.sha256,
    url: m.url,
    fileName: m.fileName,
    channel: m.channel,
    ...extra,
  });
}

function memoKey(run: Run, mirrors: string[]): string | undefined {
  const s = run.spec;
  if (s.kind !== 'line' && s.kind !== 'latest' && s.kind !== 'lts' && s.kind !== 'daily') return undefined;
  const what = s.kind === 'line' ? `line:${s.line}` : s.kind === 'daily' ? `daily:${s.line ?? ''}` : s.kind;
  const source = s.kind === 'daily' ? run.options.dailyUrl ?? DEFAULT_DAILY_URL : mirrors.join(' ');
  const lts = s.kind === 'lts' ? (run.options.ltsLines ?? []).join(',') : '';
  return [what, platformId(run.platform), source, lts].join('|');
}

interface Unpacked {
  tree: string;
  executable: string;
  version: string;
  download: DownloadResult;
}

/** Download, verify, unpack into `stage/tree`, find the executable, write the manifest. */
async function fetchBuild(run: Run, build: ResolvedBuild, stage: string): Promise<Unpacked> {
  const archive = join(stage, build.fileName.replace(/[\\/]/g, '_'));
  run.logger.info(`Downloading ${build.fileName} (${build.version ?? 'version from the build'}, ${platformId(build.platform)}) from ${build.urls[0]}`);
  const dl = await download({
    urls: build.urls,
    dest: archive,
    label: build.fileName,
    ...(build.sha256 ? { expectedSha256: build.sha256 } : {}),
    ...(build.checksumSource ? { checksumSource: build.checksumSource } : {}),
    ctx: run.ctx,
    progress: run.progress,
    log: (m) => note(run, m),
  });
  run.logger.info(dl.verified ? `sha256 ${dl.sha256} verified against ${build.checksumSource}.` : `sha256 ${dl.sha256} (not verified).`);
  const tree = join(stage, 'tree');
  await extractArchive(archive, build.kind, tree, build.platform.os, { fileName: build.fileName, bytes: dl.bytes, sha256: dl.sha256, verified: dl.verified });
  await rm(archive, { force: true });
  const executable = await locateExecutable(tree, build.platform.os);
  if (!executable) {
    await rm(tree, { recursive: true, force: true });
    throw new InstallError(
      'NO_EXECUTABLE',
      `${build.fileName} unpacked, but it holds no ${executableName(build.platform.os)} at its top or one folder down; it is not a Blender build for ${platformId(build.platform)}.`,
    );
  }
  const version = build.version ?? (await probeVersion(executable));
  await writeManifest(tree, {
    version,
    sha256: dl.sha256,
    fileName: build.fileName,
    url: dl.url,
    channel: build.channel,
    platform: build.platform,
    executable: relativeExecutable(tree, executable),
  });
  return { tree, executable, version, download: dl };
}

function downloaded(run: Run, build: ResolvedBuild, u: Unpacked, dir: string, executable: string, extra: Partial<InstallResult> = {}): InstallResult {
  return result(run, {
    version: u.version,
    executable,
    root: dir,
    platform: build.platform,
    source: 'download',
    cacheHit: false,
    verified: u.download.verified,
    sha256: u.download.sha256,
    url: u.download.url,
    fileName: build.fileName,
    channel: build.channel,
    ...extra,
  });
}

async function installLocal(run: Run, mirrors: string[]): Promise<InstallResult> {
  const cache = new LocalCache(run.options.cacheDir ?? defaultCacheRoot(run.env));
  await cache.sweep().catch(() => undefined);
  const spec = run.spec;

  // Answers that need no network: releases never change, and a URL with a hash names one file.
  if (spec.kind === 'exact') {
    const hit = await cache.findRelease(run.platform, spec.version);
    if (hit) return fromCache(run, hit, 'cache');
  }
  const givenSha = spec.kind === 'url' ? spec.sha256 ?? run.options.sha256?.toLowerCase() : undefined;
  if (givenSha) {
    const hit = await cache.findBySha(run.platform, givenSha);
    if (hit) return fromCache(run, hit, 'cache');
  }
  const key = memoKey(run, mirrors);
  const ttl = spec.kind === 'daily' ? run.options.dailyTtlMs ?? DEFAULT_DAILY_TTL_MS : run.options.resolveTtlMs ?? DEFAULT_RESOLVE_TTL_MS;
  const fromMemo = async (maxAge: number): Promise<CachedBuild | undefined> => {
    if (!key) return undefined;
    const b = await cache.recall(key, maxAge);
    if (!b?.sha256) return undefined;
    return cache.lookup(entryKey(b.platform, { ...b, sha256: b.sha256 }), b.platform, b.sha256);
  };
  const memoHit = await fromMemo(ttl);
  if (memoHit) return fromCache(run, memoHit, 'cache');

  let build: ResolvedBuild;
  try {
    build = await resolveFor(run, mirrors);
  } catch (e) {
    // Offline or challenged: a build this spec resolved to before is better than no build.
    const network = e instanceof InstallError && (e.code === 'NETWORK' || e.code === 'CHALLENGE');
    const stale = network ? await fromMemo(Number.POSITIVE_INFINITY) : undefined;
    if (!stale) throw e;
    run.logger.warning(`${errorText(e)}\nUsing Blender ${stale.manifest.version} from the cache, which ${spec.raw} resolved to earlier.`);
    run.notes.push(`Could not check for a newer build (${(e as InstallError).code}); used the cached one.`);
    return fromCache(run, stale, 'cache');
  }
  for (const n of build.notes) note(run, n);
  if (key && build.sha256) await cache.remember(key, build).catch(() => undefined);

  if (build.sha256) {
    const hit = await cache.lookup(entryKey(build.platform, { ...build, sha256: build.sha256 }), build.platform, build.sha256);
    if (hit) return fromCache(run, hit, 'cache');
  }

  if (!build.sha256) {
    const dir = await cache.unverifiedDir();
    try {
      const u = await fetchBuild(run, build, dir);
      run.logger.warning(`Blender ${u.version} was installed without a checksum to verify it against; it is not cached.`);
      return downloaded(run, build, u, u.tree, u.executable);
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
  }

  const stage = await cache.stage();
  try {
    const u = await fetchBuild(run, build, stage);
    const committed = await cache.commit(u.tree, entryKey(build.platform, { ...build, sha256: u.download.sha256 }), build.platform);
    return downloaded(run, build, u, committed.dir, committed.executable);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

function resolveFor(run: Run, mirrors: string[]): Promise<ResolvedBuild> {
  return resolveBuild(run.spec, {
    mirrors,
    dailyUrl: run.options.dailyUrl ?? DEFAULT_DAILY_URL,
    platform: run.platform,
    ctx: run.ctx,
    ...(run.options.ltsLines ? { ltsLines: run.options.ltsLines } : {}),
    ...(run.options.sha256 ? { sha256: run.options.sha256 } : {}),
  });
}

async function installActions(run: Run, mirrors: string[]): Promise<InstallResult> {
  const toolRoot = run.env.RUNNER_TOOL_CACHE;
  const tempRoot = run.env.RUNNER_TEMP;
  if (!toolRoot || !tempRoot) {
    throw new InstallError('CACHE', 'The Actions cache mode needs RUNNER_TOOL_CACHE and RUNNER_TEMP; outside a runner use the local cache (cacheMode "local").');
  }
  const spec = run.spec;
  let build: ResolvedBuild;
  try {
    build = await resolveFor(run, mirrors);
  } catch (e) {
    // A release already in this runner's tool cache does not need the network (self-hosted runners).
    if (spec.kind === 'exact' && e instanceof InstallError && (e.code === 'NETWORK' || e.code === 'CHALLENGE')) {
      const found = tc.find('blender', spec.version, run.platform.arch);
      const hit = found ? await checkEntry(found, run.platform) : undefined;
      if (hit) {
        run.logger.warning(`${errorText(e)}\nUsing Blender ${spec.version} from the runner's tool cache.`);
        return fromCache(run, hit, 'tool-cache');
      }
    }
    throw e;
  }
  for (const n of build.notes) note(run, n);

  if (!build.sha256) {
    const stage = join(tempRoot, `blender-harness-unverified-${Date.now()}-${process.pid}`);
    await mkdir(stage, { recursive: true });
    const u = await fetchBuild(run, build, stage);
    run.logger.warning(`Blender ${u.version} was installed without a checksum to verify it against; it is not cached.`);
    return downloaded(run, build, u, u.tree, u.executable);
  }

  const sha256 = build.sha256;
  const tcVersion = toolCacheVersion({ ...build, sha256 });
  const arch = build.platform.arch;
  const found = tc.find('blender', tcVersion, arch);
  if (found) {
    const hit = await checkEntry(found, build.platform, { sha256 });
    if (hit) return fromCache(run, hit, 'tool-cache');
    run.logger.warning(`The tool cache entry ${found} does not hold the expected build; downloading again.`);
  }

  const toolPath = toolCachePath(toolRoot, tcVersion, arch);
  const cachePaths = [toolPath, `${toolPath}.complete`];
  const cacheKey = actionsCacheKey(build.platform, build.version ?? tcVersion, sha256);
  let api: ActionsCacheApi | undefined;
  try {
    api = run.options.actionsCache ?? (await loadActionsCache());
  } catch (e) {
    run.logger.warning(`The Actions cache library could not be loaded (${errorText(e)}); downloading.`);
  }
  const available = api?.isFeatureAvailable() ?? false;
  if (api && available) {
    let restored: string | undefined;
    try {
      restored = await api.restoreCache(cachePaths, cacheKey);
    } catch (e) {
      run.logger.warning(`Restoring Blender from the Actions cache failed: ${errorText(e)}`);
    }
    if (restored) {
      // The restore is someone else's tar: check it is whole before trusting it.
      const hit = await checkEntry(toolPath, build.platform, { sha256, deep: true });
      if (hit) return fromCache(run, hit, 'actions-cache', { cacheKey, cachePaths });
      run.logger.warning(`The Actions cache entry ${cacheKey} was incomplete; discarding it and downloading.`);
    }
    // Whatever a failed or partial restore left must not look like an installed build.
    for (const p of cachePaths) await rm(p, { recursive: true, force: true });
  } else {
    note(run, 'The Actions cache service is not available in this job; Blender will not be kept for later runs.');
  }

  const stage = join(tempRoot, `blender-harness-${Date.now()}-${process.pid}`);
  await mkdir(stage, { recursive: true });
  try {
    const u = await fetchBuild(run, build, stage);
    const dir = await tc.cacheDir(u.tree, 'blender', tcVersion, arch);
    const hit = await checkEntry(dir, build.platform, { sha256 });
    if (!hit) throw new InstallError('CACHE', `The tool cache copy at ${dir} is incomplete right after it was made; check free disk space.`);
    return downloaded(run, build, u, dir, hit.executable, { cacheKey, cachePaths, saveCache: available });
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/**
 * Installs (or finds) the Blender a spec names and returns where its executable is. Throws
 * InstallError with a message fit to show the user as it is.
 */
export async function installBlender(spec: string | BlenderSpec, options: InstallOptions = {}): Promise<InstallResult> {
  const started = performance.now();
  const env = options.env ?? process.env;
  const parsed = typeof spec === 'string' ? parseSpec(spec, options.cwd ? { cwd: options.cwd } : {}) : spec;
  const platform = currentPlatform(options.platform);
  const inActions = env.GITHUB_ACTIONS === 'true';
  const logger = options.logger ?? (inActions ? actionsLogger() : streamLogger(process.stderr));
  const progress =
    options.progress === false
      ? NO_PROGRESS
      : options.progress ?? (inActions ? createProgress({ out: process.stdout, mode: 'lines', log: (l) => logger.info(l) }) : createProgress({ out: options.progressOut ?? process.stderr }));
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const run: Run = {
    spec: parsed,
    platform,
    options,
    env,
    logger,
    progress,
    notes: [],
    started,
    ctx: {
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      retry,
      env,
      ...(options.signal ? { signal: options.signal } : {}),
      onRetry: (m) => logger.warning(m),
    },
  };

  if (parsed.kind === 'system' || parsed.kind === 'path') {
    const executable = parsed.kind === 'system' ? await findSystemBlender(platform.os, env) : await executableAtPath(parsed.path, platform.os);
    const version = await probeVersion(executable);
    return result(run, {
      version,
      executable,
      root: dirname(executable),
      source: parsed.kind,
      cacheHit: false,
      verified: false,
    });
  }

  const mirrors = mirrorList(options, env);
  return cacheModeFor(options.cacheMode, env) === 'actions' ? installActions(run, mirrors) : installLocal(run, mirrors);
}
