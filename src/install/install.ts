// The install flow: a version spec in, a Blender executable out. One straight line over a build
// store (our own folder, or the runner's caches in Actions): what the store knows without the
// network, else resolve the spec through its channel, find the build in the store, else
// download, verify, unpack and have the store keep it. Knows nothing of sessions, suites or
// reports; the faces pass options in and print or save what comes out.

import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as core from '@actions/core';
import { DEFAULT_DAILY_URL } from './channels/daily.js';
import { mirrorList } from './channels/release.js';
import { InstallError } from './errors.js';
import { executableAtPath, findSystemBlender, locateExecutable, probeVersion } from './executable.js';
import { extractArchive } from './extract.js';
import { DEFAULT_RETRY, DEFAULT_USER_AGENT, download, type HttpContext, type RetryPolicy } from './http.js';
import { currentPlatform, executableName, platformId, type Platform } from './platform.js';
import { NO_PROGRESS, type FileResult, type ProgressSink } from '../transport/index.js';
import { resolveBuild, type ResolvedBuild } from './resolve.js';
import { parseSpec, type BlenderSpec } from './spec.js';
import { actionsStore, type ActionsCacheApi } from './store/actions.js';
import type { BuildStore, Found, StoreRequest, Stored, VerifiedBuild } from './store/build-store.js';
import { relativeExecutable, writeManifest, type EntryManifest } from './store/entry.js';
import { localStore } from './store/local.js';

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
  /** Where download progress goes (the faces pass a bar or log lines); none by default. */
  progress?: ProgressSink;
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

export function streamLogger(out: { write(s: string): unknown }): InstallLogger {
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

interface InstallJob {
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

function note(job: InstallJob, message: string): void {
  job.notes.push(message);
  job.logger.info(message);
}

type ResultFields = Omit<InstallResult, 'spec' | 'notes' | 'durationMs' | 'saveCache' | 'platform'> & {
  saveCache?: boolean;
  platform?: Platform;
};

function result(job: InstallJob, fields: ResultFields): InstallResult {
  return {
    spec: job.spec.raw,
    notes: job.notes,
    durationMs: Math.round(performance.now() - job.started),
    ...fields,
    saveCache: fields.saveCache ?? false,
    platform: fields.platform ?? job.platform,
  };
}

/** A result for a build with a manifest: found in a store, or just downloaded into one. */
function fromEntry(job: InstallJob, m: EntryManifest, stored: Stored, how: { source: InstallSource; verified: boolean }): InstallResult {
  return result(job, {
    version: m.version,
    executable: stored.executable,
    root: stored.dir,
    platform: m.platform,
    source: how.source,
    cacheHit: how.source !== 'download',
    verified: how.verified,
    sha256: m.sha256,
    url: m.url,
    fileName: m.fileName,
    channel: m.channel,
    ...stored.crossRun,
    ...(stored.saveCache !== undefined ? { saveCache: stored.saveCache } : {}),
  });
}

function fromStore(job: InstallJob, { hit, source, crossRun }: Found): InstallResult {
  return fromEntry(
    job,
    hit.manifest,
    { dir: hit.dir, executable: hit.executable, ...(crossRun ? { crossRun } : {}) },
    { source, verified: true },
  );
}

interface Unpacked {
  tree: string;
  executable: string;
  manifest: EntryManifest;
  verified: boolean;
}

async function downloadArchive(job: InstallJob, build: ResolvedBuild, archive: string): Promise<FileResult> {
  job.logger.info(
    `Downloading ${build.fileName} (${build.version ?? 'version from the build'}, ${platformId(build.platform)}) from ${build.urls[0]}`,
  );
  const dl = await download({
    urls: build.urls,
    dest: archive,
    label: build.fileName,
    ...(build.sha256 ? { expectedSha256: build.sha256 } : {}),
    ...(build.checksumSource ? { checksumSource: build.checksumSource } : {}),
    ctx: job.ctx,
    progress: job.progress,
    log: (m) => note(job, m),
  });
  job.logger.info(dl.verified ? `sha256 ${dl.sha256} verified against ${build.checksumSource}.` : `sha256 ${dl.sha256} (not verified).`);
  return dl;
}

/** Download, verify, unpack into `stage/tree`, find the executable, write the manifest. */
async function fetchBuild(job: InstallJob, build: ResolvedBuild, stage: string): Promise<Unpacked> {
  const archive = join(stage, build.fileName.replace(/[\\/]/g, '_'));
  const dl = await downloadArchive(job, build, archive);
  const tree = join(stage, 'tree');
  await extractArchive(archive, build.kind, tree, build.platform.os, {
    fileName: build.fileName,
    bytes: dl.bytes,
    sha256: dl.sha256,
    verified: dl.verified,
  });
  await rm(archive, { force: true });
  const executable = await locateExecutable(tree, build.platform.os);
  if (!executable) {
    await rm(tree, { recursive: true, force: true });
    throw new InstallError(
      'NO_EXECUTABLE',
      `${build.fileName} unpacked, but it holds no ${executableName(build.platform.os)} at its top or one folder down; it is not a Blender build for ${platformId(build.platform)}.`,
    );
  }
  const manifest = await writeManifest(tree, {
    version: build.version ?? (await probeVersion(executable)),
    sha256: dl.sha256,
    fileName: build.fileName,
    url: dl.url,
    channel: build.channel,
    platform: build.platform,
    executable: relativeExecutable(tree, executable),
  });
  return { tree, executable, manifest, verified: dl.verified };
}

function downloaded(job: InstallJob, u: Unpacked, stored: Stored): InstallResult {
  return fromEntry(job, u.manifest, stored, { source: 'download', verified: u.verified });
}

function memoKey(job: InstallJob, mirrors: string[]): string | undefined {
  const s = job.spec;
  if (s.kind !== 'line' && s.kind !== 'latest' && s.kind !== 'lts' && s.kind !== 'daily') return undefined;
  const what = s.kind === 'line' ? `line:${s.line}` : s.kind === 'daily' ? `daily:${s.line ?? ''}` : s.kind;
  const source = s.kind === 'daily' ? (job.options.dailyUrl ?? DEFAULT_DAILY_URL) : mirrors.join(' ');
  const lts = s.kind === 'lts' ? (job.options.ltsLines ?? []).join(',') : '';
  return [what, platformId(job.platform), source, lts].join('|');
}

function storeFor(job: InstallJob, mirrors: string[]): BuildStore {
  const { spec, options } = job;
  const req: StoreRequest = {
    spec,
    platform: job.platform,
    env: job.env,
    log: { warning: (m) => job.logger.warning(m), note: (m) => note(job, m) },
  };
  if (cacheModeFor(options.cacheMode, job.env) === 'actions') {
    return actionsStore(req, options.actionsCache ? { actionsCache: options.actionsCache } : {});
  }
  const key = memoKey(job, mirrors);
  const sha256 = spec.kind === 'url' ? (spec.sha256 ?? options.sha256?.toLowerCase()) : undefined;
  return localStore(req, {
    ttlMs: spec.kind === 'daily' ? (options.dailyTtlMs ?? DEFAULT_DAILY_TTL_MS) : (options.resolveTtlMs ?? DEFAULT_RESOLVE_TTL_MS),
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(key ? { memoKey: key } : {}),
    ...(sha256 ? { sha256 } : {}),
  });
}

function resolveFor(job: InstallJob, mirrors: string[]): Promise<ResolvedBuild> {
  return resolveBuild(job.spec, {
    mirrors,
    dailyUrl: job.options.dailyUrl ?? DEFAULT_DAILY_URL,
    platform: job.platform,
    ctx: job.ctx,
    ...(job.options.ltsLines ? { ltsLines: job.options.ltsLines } : {}),
    ...(job.options.sha256 ? { sha256: job.options.sha256 } : {}),
  });
}

function isNetworkFailure(e: unknown): e is InstallError {
  return e instanceof InstallError && (e.code === 'NETWORK' || e.code === 'CHALLENGE');
}

/** A build without a checksum is used once from a folder of its own and never cached. */
async function installUnverified(job: InstallJob, store: BuildStore, build: ResolvedBuild): Promise<InstallResult> {
  const dir = await store.unverifiedDir();
  try {
    const u = await fetchBuild(job, build, dir);
    job.logger.warning(`Blender ${u.manifest.version} was installed without a checksum to verify it against; it is not cached.`);
    return downloaded(job, u, { dir: u.tree, executable: u.executable });
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

async function installThrough(job: InstallJob, store: BuildStore, mirrors: string[]): Promise<InstallResult> {
  const known = await store.known();
  if (known) return fromStore(job, known);
  let build: ResolvedBuild;
  try {
    build = await resolveFor(job, mirrors);
  } catch (e) {
    const fallback = isNetworkFailure(e) ? await store.offline(e) : undefined;
    if (!fallback) throw e;
    if (fallback.warning) job.logger.warning(fallback.warning);
    if (fallback.note) job.notes.push(fallback.note);
    return fromStore(job, fallback);
  }
  for (const n of build.notes) note(job, n);
  if (!build.sha256) return installUnverified(job, store, build);
  const verified: VerifiedBuild = { ...build, sha256: build.sha256 };
  const found = await store.find(verified);
  if (found) return fromStore(job, found);
  const stage = await store.stage();
  try {
    const u = await fetchBuild(job, build, stage);
    return downloaded(job, u, await store.keep(u.tree, verified));
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

function startJob(parsed: BlenderSpec, options: InstallOptions, started: number): InstallJob {
  const env = options.env ?? process.env;
  const inActions = env.GITHUB_ACTIONS === 'true';
  const logger = options.logger ?? (inActions ? actionsLogger() : streamLogger(process.stderr));
  const progress = options.progress ?? NO_PROGRESS;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  return {
    spec: parsed,
    platform: currentPlatform(options.platform),
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
}

/**
 * Installs (or finds) the Blender a spec names and returns where its executable is. Throws
 * InstallError with a message fit to show the user as it is.
 */
export async function installBlender(spec: string | BlenderSpec, options: InstallOptions = {}): Promise<InstallResult> {
  const started = performance.now();
  const parsed = typeof spec === 'string' ? parseSpec(spec, options.cwd ? { cwd: options.cwd } : {}) : spec;
  const job = startJob(parsed, options, started);
  if (parsed.kind === 'system' || parsed.kind === 'path') {
    const executable =
      parsed.kind === 'system' ? await findSystemBlender(job.platform.os, job.env) : await executableAtPath(parsed.path, job.platform.os);
    const version = await probeVersion(executable);
    return result(job, { version, executable, root: dirname(executable), source: parsed.kind, cacheHit: false, verified: false });
  }
  const mirrors = mirrorList(options, job.env);
  return installThrough(job, storeFor(job, mirrors), mirrors);
}
