// The release channel: download.blender.org/release/ and its mirrors. A spec names a line folder
// (BlenderX.Y/) or, for latest and lts, the newest line that has a build for the platform; the
// build comes from that folder's listing and its sha256 from the checksum file beside it.
// Choosing within a listing (`pickBuild`) is pure, so it is tested on fixture listings directly.

import type { ResolvedBuild, ResolveOptions } from '../resolve.js';
import { checksumFor } from '../checksums.js';
import { InstallError, type InstallErrorCode } from '../errors.js';
import { folderUrl, lineFolder, parseListing, releaseLines, type Listing } from '../listing.js';
import { MirrorSet } from '../http.js';
import {
  archCandidates,
  classifyReleaseFile,
  isReleaseFile,
  platformId,
  type Platform,
  type ReleaseFile,
  type UnsupportedReleaseFile,
} from '../platform.js';
import { checkUrlScheme, type BlenderSpec } from '../spec.js';
import { lineOf, nearestLines, sortVersionsDescending } from '../versions.js';

export const DEFAULT_MIRROR = 'https://download.blender.org/release/';

// The one place that says which lines are LTS (https://www.blender.org/download/lts/). A line is
// LTS from its first release on, so the list only grows: add a new LTS line here. `lts` means
// the newest of them with a build, which is the one still supported, so end dates do not matter.
export const LTS_LINES: readonly string[] = Object.freeze(['2.83', '2.93', '3.3', '3.6', '4.2', '4.5']);

/**
 * Mirrors in the order they are tried. BLENDER_HARNESS_RELEASE_URL replaces the default one,
 * for runners that must download from an internal mirror (and for the tests here, which
 * cannot reach download.blender.org).
 */
export function mirrorList(
  options: { mirrors?: string[]; includeDefaultMirror?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const primary = env.BLENDER_HARNESS_RELEASE_URL || DEFAULT_MIRROR;
  const list = [...(options.includeDefaultMirror === false ? [] : [primary]), ...(options.mirrors ?? [])];
  const out: string[] = [];
  for (const m of list) {
    let u: URL;
    try {
      u = new URL(m);
    } catch {
      throw new InstallError(
        'BAD_SPEC',
        `Mirror ${JSON.stringify(m)} is not a URL; give the https:// URL of a folder holding BlenderX.Y/ folders.`,
      );
    }
    checkUrlScheme(u, 'Mirror');
    const n = folderUrl(m);
    if (!out.includes(n)) out.push(n);
  }
  if (out.length === 0) throw new InstallError('BAD_SPEC', 'No mirror left to download from: give at least one with --mirror URL.');
  return out;
}

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

/** The build a line folder offers for a platform, or why there is none. */
export type BuildChoice = { ok: true; file: ReleaseFile; notes: string[] } | { ok: false; code: InstallErrorCode; message: string };

/** The build of `version` (or the newest version in the folder) for the platform. */
export function pickBuild(listing: Listing, platform: Platform, version?: string): BuildChoice {
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
      if (arch !== platform.arch)
        notes.push(`No ${want} build of Blender ${v}; using the ${platform.os}-${arch} build, which runs under emulation.`);
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

// ---- the network part ----

async function releaseChecksum(
  listing: Listing,
  file: ReleaseFile,
  mirrors: MirrorSet,
  lineRel: string,
): Promise<{ sha256?: string; source?: string; note?: string }> {
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
  return {
    note: `The checksum files beside Blender ${file.version} could not be read; the build cannot be verified and will not be cached.`,
  };
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

async function fromLine(mirrors: MirrorSet, listing: Listing, line: string, file: ReleaseFile, notes: string[]): Promise<ResolvedBuild> {
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
  return build;
}

export async function resolveRelease(
  spec: BlenderSpec & { kind: 'exact' | 'line' | 'latest' | 'lts' },
  o: ResolveOptions,
): Promise<ResolvedBuild> {
  const mirrors = new MirrorSet(o.mirrors, o.ctx);
  if (spec.kind === 'exact' || spec.kind === 'line') {
    const line = spec.kind === 'exact' ? lineOf(spec.version) : spec.line;
    const listing = await lineListing(mirrors, line);
    if (!listing)
      throw await unknownLine(
        mirrors,
        line,
        spec.kind === 'exact' ? `Blender ${spec.version} does not exist` : `Blender ${line} does not exist`,
      );
    const pick = pickBuild(listing, o.platform, spec.kind === 'exact' ? spec.version : undefined);
    if (!pick.ok) throw new InstallError(pick.code, pick.message);
    return fromLine(mirrors, listing, line, pick.file, pick.notes);
  }

  const all = await rootLines(mirrors);
  const ltsLines = o.ltsLines ?? LTS_LINES;
  const lines = spec.kind === 'lts' ? all.filter((l) => ltsLines.includes(l)) : all;
  if (lines.length === 0) {
    throw new InstallError(
      'NOT_FOUND',
      `None of the LTS lines (${ltsLines.join(', ')}) is on ${mirrors.current}; it lists ${all.slice(0, 8).join(', ')}.`,
    );
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
    if (pick.ok) return fromLine(mirrors, listing, line, pick.file, [...notes, ...pick.notes]);
    notes.push(`${lineFolder(line)} has no ${platformId(o.platform)} build yet; skipped. (${pick.message})`);
  }
  throw new InstallError(
    'NO_BUILD_FOR_PLATFORM',
    `No ${spec.kind === 'lts' ? 'LTS ' : ''}line among the newest ${Math.min(lines.length, maxSkipped + 1)} has a ${platformId(o.platform)} build:\n  ${notes.join('\n  ')}`,
  );
}
