// Spec -> one concrete build: its version, file name, the URLs to fetch it from (one per mirror)
// and the sha256 it must have. Reads listings and checksum files over HTTP; the choice itself
// (`pickBuild`, `pickDaily`) is pure so it can be tested on fixture listings directly.

import { checksumFor } from './checksums.js';
import { InstallError, type InstallErrorCode } from './errors.js';
import { TransportError, fetchText, rethrow, type HttpContext } from './http.js';
import { LTS_LINES } from './lts.js';
import { lineFolder, parseListing, releaseLines, type Listing } from './listing.js';
import {
  archCandidates,
  archiveKindOfFile,
  classifyReleaseFile,
  dailyMatchesPlatform,
  isReleaseFile,
  platformId,
  platformInFileName,
  type ArchiveKind,
  type Platform,
  type ReleaseFile,
  type UnsupportedReleaseFile,
} from './platform.js';
import type { BlenderSpec } from './spec.js';
import { compareVersions, lineOf, nearestLines, parseVersion, sortVersionsDescending } from './versions.js';

export const DEFAULT_MIRROR = 'https://download.blender.org/release/';
export const DEFAULT_DAILY_URL = 'https://builder.blender.org/download/daily/?format=json&v=1';

export interface ResolvedBuild {
  channel: 'release' | 'daily' | 'url';
  /** "4.2.3"; for daily builds "5.3.0-alpha+main.425ab43ad645"; undefined for a URL whose name has none. */
  version?: string;
  fileName: string;
  kind: ArchiveKind;
  platform: Platform;
  /** The same file on each mirror, best first. */
  urls: string[];
  sha256?: string;
  checksumSource?: string;
  size?: number;
  notes: string[];
}

export interface ResolveOptions {
  mirrors: string[];
  dailyUrl: string;
  platform: Platform;
  ltsLines?: readonly string[];
  ctx: HttpContext;
  /** URL specs: the expected hash when the spec does not carry one. */
  sha256?: string;
  /** How many newest line folders `latest`/`lts` may skip for lacking a build before giving up. */
  maxSkippedLines?: number;
}

export function normalizeMirror(m: string): string {
  const u = new URL(m);
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  u.search = '';
  u.hash = '';
  return u.href;
}

/** Mirrors in order; the one that answered last is asked first next time. */
export class MirrorSet {
  private preferred = 0;
  readonly mirrors: string[];

  constructor(
    mirrors: string[],
    private readonly ctx: HttpContext,
  ) {
    if (mirrors.length === 0) throw new InstallError('BAD_SPEC', 'No mirror to download Blender releases from; give one with --mirror URL.');
    this.mirrors = mirrors.map(normalizeMirror);
  }

  private order(): number[] {
    return [this.preferred, ...this.mirrors.map((_, i) => i).filter((i) => i !== this.preferred)];
  }

  urlsFor(rel: string): string[] {
    return this.order().map((i) => new URL(rel, this.mirrors[i]).href);
  }

  get current(): string {
    return this.mirrors[this.preferred] ?? '';
  }

  /** The first definitive answer (a page, or "not found") from any mirror. */
  async fetch(rel: string, what: string): Promise<{ status: number; text: string; url: string }> {
    const order = this.order();
    try {
      const r = await fetchText(order.map((i) => new URL(rel, this.mirrors[i]).href), this.ctx);
      this.preferred = order[r.mirror] ?? this.preferred;
      return r;
    } catch (e) {
      rethrow(e, { read: what });
    }
  }
}

// ---- choosing a build in a line folder (pure) ----

export interface LineContents {
  /** Versions with at least one build file of any platform, newest first. */
  versions: string[];
  /** version -> platforms ("linux-x64") it has builds for. */
  platforms: Map<string, string[]>;
  builds: ReleaseFile[];
  unsupported: UnsupportedReleaseFile[];
}

export function lineContents(listing: Listing): LineContents {
  const builds: ReleaseFile[] = [];
  const unsupported: UnsupportedReleaseFile[] = [];
  for (const e of listing.entries) {
    if (e.isDir) continue;
    const c = classifyReleaseFile(e.name);
    if (!c) continue;
    if (isReleaseFile(c)) builds.push(c);
    else unsupported.push(c);
  }
  const platforms = new Map<string, string[]>();
  for (const b of builds) {
    const list = platforms.get(b.version) ?? [];
    const id = platformId(b.platform);
    if (!list.includes(id)) list.push(id);
    platforms.set(b.version, list);
  }
  for (const u of unsupported) if (!platforms.has(u.version)) platforms.set(u.version, []);
  return { versions: sortVersionsDescending(platforms.keys()), platforms, builds, unsupported };
}

export type Pick =
  | { ok: true; file: ReleaseFile; notes: string[] }
  | { ok: false; code: InstallErrorCode; message: string };

/** The build of `version` (or the newest version in the folder) for the platform. */
export function pickBuild(listing: Listing, platform: Platform, version?: string): Pick {
  const contents = lineContents(listing);
  const folder = decodeURIComponent(new URL(listing.url).pathname.split('/').filter(Boolean).pop() ?? listing.url);
  const want = platformId(platform);
  const candidates = version ? contents.versions.filter((v) => v === version) : contents.versions;

  if (contents.versions.length === 0) {
    return { ok: false, code: 'NOT_FOUND', message: `${folder}/ has no Blender builds yet (it may be a line still being published).` };
  }
  if (version && candidates.length === 0) {
    const shown = contents.versions.slice(0, 12).join(', ');
    return {
      ok: false,
      code: 'NOT_FOUND',
      message: `Blender ${version} is not in ${folder}/. That folder has ${shown}${contents.versions.length > 12 ? ', ...' : ''} (newest ${contents.versions[0]}).`,
    };
  }

  const notes: string[] = [];
  for (const v of candidates) {
    for (const arch of archCandidates(platform)) {
      const file = contents.builds.find((b) => b.version === v && b.platform.os === platform.os && b.platform.arch === arch);
      if (!file) continue;
      if (arch !== platform.arch) notes.push(`No ${want} build of Blender ${v}; using the ${platform.os}-${arch} build, which runs under emulation.`);
      return { ok: true, file, notes };
    }
    if (!version) notes.push(`Blender ${v} has no ${want} build; looking at older patches.`);
  }

  const target = version ?? contents.versions[0] ?? '';
  const legacy = contents.unsupported.filter((u) => u.version === target);
  const has = contents.platforms.get(target) ?? [];
  if (has.length === 0 && legacy.length > 0) {
    return {
      ok: false,
      code: 'LEGACY_RELEASE',
      message: `Blender ${target} is published only as ${legacy.map((l) => l.fileName).join(', ')}: ${legacy[0]?.reason}.`,
    };
  }
  return {
    ok: false,
    code: 'NO_BUILD_FOR_PLATFORM',
    message:
      `${version ? `Blender ${version}` : `No version in ${folder}/`} has ${version ? 'no' : 'a'} ${want} build` +
      `${has.length ? `; ${target} has builds for ${has.join(', ')}` : ''}.` +
      (platform.os === 'linux' && platform.arch === 'arm64'
        ? ' Blender publishes Linux arm64 builds only for some lines; use `system` with a distribution package, or another line.'
        : platform.os === 'macos' && platform.arch === 'x64'
          ? ' Blender 5.0 and newer are built for Apple silicon only; Intel Macs need 4.5 (LTS) or older.'
          : ''),
  };
}

// ---- daily builds (pure part) ----

export interface DailyEntry {
  url: string;
  version: string;
  risk_id?: string;
  branch?: string;
  hash?: string;
  platform: string;
  architecture: string;
  file_name: string;
  file_extension: string;
  file_size?: number;
  file_mtime?: number;
  app?: string;
  checksum?: string;
}

function str(o: Record<string, unknown>, k: string): string | undefined {
  const v = o[k];
  return typeof v === 'string' ? v : undefined;
}
function num(o: Record<string, unknown>, k: string): number | undefined {
  const v = o[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function parseDailyJson(text: string, source: string): DailyEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InstallError(
      'HTTP',
      `${source} did not return JSON (it starts with ${JSON.stringify(text.slice(0, 60))}). The daily build service may be down or behind a challenge; try again later.`,
    );
  }
  if (!Array.isArray(data)) throw new InstallError('HTTP', `${source} returned JSON that is not a list of builds.`);
  const out: DailyEntry[] = [];
  for (const item of data) {
    if (typeof item !== 'object' || item === null) continue;
    const o = item as Record<string, unknown>;
    const url = str(o, 'url');
    const version = str(o, 'version');
    const platform = str(o, 'platform');
    const architecture = str(o, 'architecture');
    const file_name = str(o, 'file_name');
    const file_extension = str(o, 'file_extension');
    if (!url || !version || !platform || !architecture || !file_name || !file_extension) continue;
    const e: DailyEntry = { url, version, platform, architecture, file_name, file_extension };
    const risk = str(o, 'risk_id');
    const branch = str(o, 'branch');
    const hash = str(o, 'hash');
    const app = str(o, 'app');
    const checksum = str(o, 'checksum') ?? str(o, 'sha256');
    const size = num(o, 'file_size');
    const mtime = num(o, 'file_mtime');
    if (risk !== undefined) e.risk_id = risk;
    if (branch !== undefined) e.branch = branch;
    if (hash !== undefined) e.hash = hash;
    if (app !== undefined) e.app = app;
    if (checksum !== undefined) e.checksum = checksum;
    if (size !== undefined) e.file_size = size;
    if (mtime !== undefined) e.file_mtime = mtime;
    out.push(e);
  }
  if (out.length === 0) throw new InstallError('HTTP', `${source} lists no builds.`);
  return out;
}

const DAILY_ARCHIVES = new Set(['tar.xz', 'zip', 'dmg']);

/** "5.3.0-alpha+main.425ab43ad645", the way the file names spell a daily build. */
export function dailyVersion(e: DailyEntry): string {
  const escaped = e.version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const fromName = new RegExp(`^blender-(${escaped}-[^-]+)-`).exec(e.file_name)?.[1];
  if (fromName) return fromName;
  const parts = [e.risk_id, e.branch && e.hash ? `${e.branch}.${e.hash}` : e.hash].filter(Boolean);
  return parts.length ? `${e.version}-${parts.join('+')}` : e.version;
}

export type DailyPick = { ok: true; entry: DailyEntry; sidecar?: DailyEntry; notes: string[] } | { ok: false; code: InstallErrorCode; message: string };

export function pickDaily(entries: DailyEntry[], platform: Platform, line?: string): DailyPick {
  const builds = entries.filter((e) => DAILY_ARCHIVES.has(e.file_extension) && (e.app === undefined || /^blender$/i.test(e.app)));
  const lines = sortVersionsDescending(new Set(builds.map((e) => (parseVersion(e.version) ? lineOf(e.version) : e.version))));
  const inLine = line ? builds.filter((e) => parseVersion(e.version) && lineOf(e.version) === line) : builds;
  if (line && inLine.length === 0) {
    return { ok: false, code: 'NOT_FOUND', message: `There is no ${line} daily build. Daily builds exist for ${lines.join(', ')}.` };
  }
  const notes: string[] = [];
  for (const arch of archCandidates(platform)) {
    const mine = inLine
      .filter((e) => dailyMatchesPlatform(e.platform, e.architecture, { os: platform.os, arch }))
      .sort((a, b) => compareVersions(b.version, a.version) || (b.file_mtime ?? 0) - (a.file_mtime ?? 0));
    const entry = mine[0];
    if (!entry) continue;
    if (arch !== platform.arch) notes.push(`No ${platformId(platform)} daily build; using ${platform.os}-${arch}, which runs under emulation.`);
    const sidecar = entries.find((e) => e.file_extension === 'sha256' && e.file_name === `${entry.file_name}.sha256`);
    return sidecar ? { ok: true, entry, sidecar, notes } : { ok: true, entry, notes };
  }
  const present = [...new Set(inLine.map((e) => `${e.platform}-${e.architecture}`))].sort();
  return {
    ok: false,
    code: 'NO_BUILD_FOR_PLATFORM',
    message: `No ${line ? `${line} ` : ''}daily build for ${platformId(platform)}; there are builds for ${present.join(', ')}.`,
  };
}

// ---- the network part ----

async function releaseChecksum(listing: Listing, file: ReleaseFile, mirrors: MirrorSet, lineRel: string): Promise<{ sha256?: string; source?: string; note?: string }> {
  const names = listing.entries.filter((e) => !e.isDir && e.name.endsWith('.sha256')).map((e) => e.name);
  const preferred = [`blender-${file.version}.sha256`, `${file.fileName}.sha256`];
  const ordered = [
    ...preferred.filter((n) => names.includes(n)),
    ...names.filter((n) => !preferred.includes(n) && n.startsWith(`blender-${file.version}`)),
  ];
  if (ordered.length === 0) {
    return { note: `${lineRel} has no .sha256 file for Blender ${file.version}; the build cannot be verified and will not be cached.` };
  }
  let lastError: InstallError | undefined;
  for (const name of ordered) {
    const r = await mirrors.fetch(`${lineRel}${encodeURIComponent(name)}`, `the checksum file ${name}`);
    if (r.status !== 200) continue;
    try {
      return { sha256: checksumFor(r.text, file.fileName, r.url), source: r.url };
    } catch (e) {
      if (e instanceof InstallError) lastError = e;
      else throw e;
    }
  }
  if (lastError) throw lastError;
  return { note: `The checksum files beside Blender ${file.version} could not be read; the build cannot be verified and will not be cached.` };
}

async function rootLines(mirrors: MirrorSet): Promise<string[]> {
  const r = await mirrors.fetch('', 'the release listing');
  if (r.status !== 200) {
    throw new InstallError(
      'NOT_FOUND',
      `There is no release listing at ${r.url} (HTTP ${r.status}). A mirror URL must be the folder that holds the BlenderX.Y/ folders, like ${DEFAULT_MIRROR}.`,
    );
  }
  const lines = releaseLines(parseListing(r.text, r.url));
  if (lines.length === 0) {
    throw new InstallError('NOT_FOUND', `${r.url} lists no BlenderX.Y/ folders; is it a mirror of ${DEFAULT_MIRROR}?`);
  }
  return sortVersionsDescending(new Set(lines));
}

async function lineListing(mirrors: MirrorSet, line: string): Promise<Listing | undefined> {
  const rel = lineFolder(line);
  const r = await mirrors.fetch(rel, `the ${rel} listing`);
  if (r.status !== 200) return undefined;
  return parseListing(r.text, r.url);
}

async function unknownLine(mirrors: MirrorSet, line: string, what: string): Promise<InstallError> {
  let lines: string[] = [];
  try {
    lines = await rootLines(mirrors);
  } catch {
    // The near-by list is a courtesy; the error below is the answer either way.
  }
  const near = nearestLines(line, lines);
  return new InstallError(
    'NOT_FOUND',
    `${what}: there is no ${lineFolder(line)} on ${mirrors.current}.` +
      (near.length ? ` Lines near it: ${near.join(', ')} (newest ${lines[0]}).` : ''),
  );
}

async function fromLine(mirrors: MirrorSet, listing: Listing, line: string, file: ReleaseFile, notes: string[], size?: number): Promise<ResolvedBuild> {
  const rel = lineFolder(line);
  const sum = await releaseChecksum(listing, file, mirrors, rel);
  if (sum.note) notes.push(sum.note);
  const build: ResolvedBuild = {
    channel: 'release',
    version: file.version,
    fileName: file.fileName,
    kind: file.kind,
    platform: file.platform,
    urls: mirrors.urlsFor(`${rel}${encodeURIComponent(file.fileName)}`),
    notes,
  };
  if (sum.sha256) build.sha256 = sum.sha256;
  if (sum.source) build.checksumSource = sum.source;
  if (size !== undefined) build.size = size;
  return build;
}

function sizeOf(listing: Listing, fileName: string): number | undefined {
  return listing.entries.find((e) => e.name === fileName)?.size;
}

async function resolveRelease(spec: BlenderSpec & { kind: 'exact' | 'line' | 'latest' | 'lts' }, o: ResolveOptions): Promise<ResolvedBuild> {
  const mirrors = new MirrorSet(o.mirrors, o.ctx);
  if (spec.kind === 'exact' || spec.kind === 'line') {
    const line = spec.kind === 'exact' ? lineOf(spec.version) : spec.line;
    const listing = await lineListing(mirrors, line);
    if (!listing) throw await unknownLine(mirrors, line, spec.kind === 'exact' ? `Blender ${spec.version} does not exist` : `Blender ${line} does not exist`);
    const pick = pickBuild(listing, o.platform, spec.kind === 'exact' ? spec.version : undefined);
    if (!pick.ok) throw new InstallError(pick.code, pick.message);
    return fromLine(mirrors, listing, line, pick.file, pick.notes, sizeOf(listing, pick.file.fileName));
  }

  const all = await rootLines(mirrors);
  const ltsLines = o.ltsLines ?? LTS_LINES;
  const lines = spec.kind === 'lts' ? all.filter((l) => ltsLines.includes(l)) : all;
  if (lines.length === 0) {
    throw new InstallError('NOT_FOUND', `None of the LTS lines (${ltsLines.join(', ')}) is on ${mirrors.current}; it lists ${all.slice(0, 8).join(', ')}.`);
  }
  const notes: string[] = [];
  const maxSkipped = o.maxSkippedLines ?? 4;
  for (const line of lines.slice(0, maxSkipped + 1)) {
    const listing = await lineListing(mirrors, line);
    if (!listing) {
      notes.push(`${lineFolder(line)} is listed but could not be opened; skipped.`);
      continue;
    }
    const pick = pickBuild(listing, o.platform);
    if (pick.ok) return fromLine(mirrors, listing, line, pick.file, [...notes, ...pick.notes], sizeOf(listing, pick.file.fileName));
    notes.push(`${lineFolder(line)} has no ${platformId(o.platform)} build yet; skipped. (${pick.message})`);
  }
  throw new InstallError(
    'NO_BUILD_FOR_PLATFORM',
    `No ${spec.kind === 'lts' ? 'LTS ' : ''}line among the newest ${Math.min(lines.length, maxSkipped + 1)} has a ${platformId(o.platform)} build:\n  ${notes.join('\n  ')}`,
  );
}

async function resolveDaily(spec: BlenderSpec & { kind: 'daily' }, o: ResolveOptions): Promise<ResolvedBuild> {
  let r: { status: number; text: string; url: string };
  try {
    r = await fetchText(o.dailyUrl, o.ctx);
  } catch (e) {
    rethrow(e, { read: 'the daily build list' });
  }
  if (r.status !== 200) throw new InstallError('HTTP', `The daily build list ${o.dailyUrl} answered HTTP ${r.status}.`);
  const entries = parseDailyJson(r.text, o.dailyUrl);
  const pick = pickDaily(entries, o.platform, spec.line);
  if (!pick.ok) throw new InstallError(pick.code, pick.message);
  const e = pick.entry;
  const notes = [...pick.notes];
  const build: ResolvedBuild = {
    channel: 'daily',
    version: dailyVersion(e),
    fileName: e.file_name,
    kind: e.file_extension as ArchiveKind,
    platform: { os: o.platform.os, arch: dailyMatchesPlatform(e.platform, e.architecture, { os: o.platform.os, arch: 'arm64' }) ? 'arm64' : 'x64' },
    urls: [new URL(e.url, o.dailyUrl).href],
    notes,
  };
  if (e.file_size !== undefined) build.size = e.file_size;
  if (e.checksum && /^[0-9a-f]{64}$/i.test(e.checksum)) {
    build.sha256 = e.checksum.toLowerCase();
    build.checksumSource = o.dailyUrl;
  } else if (pick.sidecar) {
    const sidecarUrl = new URL(pick.sidecar.url, o.dailyUrl).href;
    let s: { status: number; text: string; url: string };
    try {
      s = await fetchText(sidecarUrl, o.ctx, 4096);
    } catch (err) {
      rethrow(err, { read: `the checksum of ${e.file_name}` });
    }
    if (s.status !== 200) throw new InstallError('HTTP', `The checksum sidecar ${sidecarUrl} answered HTTP ${s.status}; try again later.`);
    build.sha256 = checksumFor(s.text, e.file_name, sidecarUrl);
    build.checksumSource = sidecarUrl;
  } else {
    notes.push(`The daily list has no .sha256 for ${e.file_name}; the build cannot be verified and will not be cached.`);
  }
  return build;
}

async function resolveUrl(spec: BlenderSpec & { kind: 'url' }, o: ResolveOptions): Promise<ResolvedBuild> {
  const u = new URL(spec.url);
  const fileName = decodeURIComponent(u.pathname.split('/').pop() ?? '');
  const kind = archiveKindOfFile(fileName);
  if (!kind) {
    throw new InstallError('BAD_SPEC', `Cannot tell what kind of archive ${spec.url} is; the name must end in .tar.xz, .zip or .dmg (or .tar.bz2/.tar.gz).`);
  }
  const named = platformInFileName(fileName);
  if (named.os && named.os !== o.platform.os) {
    throw new InstallError('NO_BUILD_FOR_PLATFORM', `${fileName} is a ${named.os} build; this machine is ${platformId(o.platform)}. Give the ${o.platform.os} build's URL.`);
  }
  const classified = classifyReleaseFile(fileName);
  const version = classified && isReleaseFile(classified) ? classified.version : /^blender-(\d+\.\d+\.\d+)/.exec(fileName)?.[1];
  const notes: string[] = [];
  const build: ResolvedBuild = {
    channel: 'url',
    fileName,
    kind,
    platform: { os: o.platform.os, arch: named.arch ?? o.platform.arch },
    urls: [u.href],
    notes,
  };
  if (version) build.version = version;
  const given = spec.sha256 ?? o.sha256?.toLowerCase();
  if (given) {
    build.sha256 = given;
    build.checksumSource = 'the spec';
    return build;
  }
  // No hash given: look for one beside the file, the way releases and daily builds publish them.
  const sidecars = [`${u.href}.sha256`, ...(version ? [new URL(`blender-${version}.sha256`, u).href] : [])];
  for (const s of sidecars) {
    try {
      const r = await fetchText(s, { ...o.ctx, retry: { ...o.ctx.retry, retries: Math.min(1, o.ctx.retry.retries) } }, 64 * 1024);
      if (r.status !== 200) continue;
      build.sha256 = checksumFor(r.text, fileName, s);
      build.checksumSource = s;
      return build;
    } catch (e) {
      if ((e instanceof TransportError && !e.fatal) || (e instanceof InstallError && e.code === 'BAD_CHECKSUM_FILE')) continue;
      rethrow(e, { read: `the checksum ${s}` });
    }
  }
  notes.push(`No sha256 was given for ${spec.url} and none was found beside it; the build cannot be verified and will not be cached. Add #sha256=<hex> to the URL to verify it.`);
  return build;
}

export async function resolveBuild(spec: BlenderSpec, o: ResolveOptions): Promise<ResolvedBuild> {
  switch (spec.kind) {
    case 'exact':
    case 'line':
    case 'latest':
    case 'lts':
      return resolveRelease(spec, o);
    case 'daily':
      return resolveDaily(spec, o);
    case 'url':
      return resolveUrl(spec, o);
    default:
      throw new Error(`resolveBuild does not handle ${spec.kind} specs`);
  }
}
