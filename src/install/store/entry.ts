// A cache entry: an unpacked build with a manifest beside it that says what it is (version,
// sha256, where its executable sits) and how many files and bytes it held when it was made, so a
// tree restored by someone else's tar can be told whole before it is used. Both stores keep
// builds as entries.

import { lstat, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ResolvedBuild } from '../resolve.js';
import { isRunnableFile } from '../../executables/index.js';
import type { Platform } from '../platform.js';

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

/** Keeps keys and folder names free of characters some file systems or the cache service reject. */
export function safeSegment(s: string): string {
  return s.replace(/[^A-Za-z0-9._+-]/g, '_');
}

export function entryKey(platform: Platform, build: { version?: string; sha256: string; channel: ResolvedBuild['channel'] }): string {
  const version = build.channel === 'url' || !build.version ? 'url' : build.version;
  return `${platform.os}-${platform.arch}-${safeSegment(version)}-${build.sha256.slice(0, 16)}`;
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
    if (m.schema !== 1 || typeof m.executable !== 'string' || typeof m.sha256 !== 'string' || typeof m.version !== 'string')
      return undefined;
    return m as EntryManifest;
  } catch {
    return undefined;
  }
}

/**
 * Reads an entry and checks it is usable: manifest present, executable there, and, when asked
 * (a tree restored by someone else's tar), as many files and bytes as when it was made.
 */
export async function checkEntry(
  dir: string,
  platform: Platform,
  opts: { sha256?: string; deep?: boolean } = {},
): Promise<CachedBuild | undefined> {
  const manifest = await readManifest(dir);
  if (!manifest) return undefined;
  if (opts.sha256 && manifest.sha256 !== opts.sha256) return undefined;
  if (manifest.platform.os !== platform.os) return undefined;
  const executable = join(dir, ...manifest.executable.split('/'));
  if (!isRunnableFile(executable, platform.os !== 'windows')) return undefined;
  if (opts.deep) {
    const s = await treeStats(dir).catch(() => undefined);
    if (!s || s.files !== manifest.files || s.bytes !== manifest.bytes) return undefined;
  }
  return { dir, executable, manifest };
}

export async function writeManifest(
  dir: string,
  m: Omit<EntryManifest, 'files' | 'bytes' | 'schema' | 'createdAt'>,
): Promise<EntryManifest> {
  const s = await treeStats(dir);
  const manifest: EntryManifest = { schema: 1, ...m, createdAt: new Date().toISOString(), files: s.files, bytes: s.bytes };
  await writeFile(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
