// The daily channel: builder.blender.org's JSON list of daily builds, each with a .sha256
// sidecar listed as an entry of its own. Reading and choosing (`parseDailyJson`, `pickDaily`) are
// pure, so they are tested on a fixture list directly.

import type { ResolvedBuild, ResolveOptions } from '../resolve.js';
import { checksumFor } from '../checksums.js';
import { InstallError, type InstallErrorCode } from '../errors.js';
import { fetchPage } from '../http.js';
import { archCandidates, dailyMatchesPlatform, platformId, type ArchiveKind, type Platform } from '../platform.js';
import type { BlenderSpec } from '../spec.js';
import { compareVersions, lineOf, parseVersion, sortVersionsDescending } from '../versions.js';

export const DEFAULT_DAILY_URL = 'https://builder.blender.org/download/daily/?format=json&v=1';

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
  file_mtime?: number;
  app?: string;
  checksum?: string;
}

const REQUIRED = ['url', 'version', 'platform', 'architecture', 'file_name', 'file_extension'] as const;
const OPTIONAL = ['risk_id', 'branch', 'hash', 'app'] as const;

/** One entry of the list, or undefined for one without the fields a build needs. */
function dailyEntry(o: Record<string, unknown>): DailyEntry | undefined {
  const str = (k: string): string | undefined => (typeof o[k] === 'string' ? o[k] : undefined);
  const [url, version, platform, architecture, file_name, file_extension] = REQUIRED.map(str);
  if (!url || !version || !platform || !architecture || !file_name || !file_extension) return undefined;
  const e: DailyEntry = { url, version, platform, architecture, file_name, file_extension };
  for (const k of OPTIONAL) {
    const v = str(k);
    if (v !== undefined) e[k] = v;
  }
  const checksum = str('checksum') ?? str('sha256');
  if (checksum !== undefined) e.checksum = checksum;
  if (typeof o.file_mtime === 'number' && Number.isFinite(o.file_mtime)) e.file_mtime = o.file_mtime;
  return e;
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
    const e = typeof item === 'object' && item !== null ? dailyEntry(item as Record<string, unknown>) : undefined;
    if (e) out.push(e);
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

export type DailyPick =
  { ok: true; entry: DailyEntry; sidecar?: DailyEntry; notes: string[] } | { ok: false; code: InstallErrorCode; message: string };

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
    if (arch !== platform.arch)
      notes.push(`No ${platformId(platform)} daily build; using ${platform.os}-${arch}, which runs under emulation.`);
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

/** The hash the list gives inline, else the one in the build's sidecar, else a note why there is none. */
async function dailyChecksum(build: ResolvedBuild, e: DailyEntry, sidecar: DailyEntry | undefined, o: ResolveOptions): Promise<void> {
  if (e.checksum && /^[0-9a-f]{64}$/i.test(e.checksum)) {
    build.sha256 = e.checksum.toLowerCase();
    build.checksumSource = o.dailyUrl;
    return;
  }
  if (!sidecar) {
    build.notes.push(`The daily list has no .sha256 for ${e.file_name}; the build cannot be verified and will not be cached.`);
    return;
  }
  const sidecarUrl = new URL(sidecar.url, o.dailyUrl).href;
  const s = await fetchPage(sidecarUrl, o.ctx, `the checksum of ${e.file_name}`, 4096);
  if (s.status !== 200) throw new InstallError('HTTP', `The checksum sidecar ${sidecarUrl} answered HTTP ${s.status}; try again later.`);
  build.sha256 = checksumFor(s.text, e.file_name, sidecarUrl);
  build.checksumSource = sidecarUrl;
}

export async function resolveDaily(spec: BlenderSpec & { kind: 'daily' }, o: ResolveOptions): Promise<ResolvedBuild> {
  const r = await fetchPage(o.dailyUrl, o.ctx, 'the daily build list');
  if (r.status !== 200) throw new InstallError('HTTP', `The daily build list ${o.dailyUrl} answered HTTP ${r.status}.`);
  const pick = pickDaily(parseDailyJson(r.text, o.dailyUrl), o.platform, spec.line);
  if (!pick.ok) throw new InstallError(pick.code, pick.message);
  const e = pick.entry;
  const build: ResolvedBuild = {
    channel: 'daily',
    version: dailyVersion(e),
    fileName: e.file_name,
    kind: e.file_extension as ArchiveKind,
    platform: {
      os: o.platform.os,
      arch: dailyMatchesPlatform(e.platform, e.architecture, { os: o.platform.os, arch: 'arm64' }) ? 'arm64' : 'x64',
    },
    urls: [new URL(e.url, o.dailyUrl).href],
    notes: [...pick.notes],
  };
  await dailyChecksum(build, e, pick.sidecar, o);
  return build;
}
