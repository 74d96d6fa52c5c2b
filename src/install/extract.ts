// Unpacking a build. We run the tools ourselves instead of tool-cache's extractTar/extractZip:
// extractTar defaults to gzip ('xz' flags) while Blender ships xz ('xJ'), and both helpers echo
// "[command]..." to stdout, which would corrupt the CLI's --json output. The commands are built
// by pure functions so the macOS and Windows ones are unit-tested here on Linux.

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { errnoCode } from '../transport/index.js';
import { InstallError } from './errors.js';
import type { ArchiveKind, Os } from './platform.js';

export interface Command {
  file: string;
  args: string[];
  /** Text piped to stdin (hdiutil asks to accept a licence on some images). */
  input?: string;
}

const TAR_FLAGS: Partial<Record<ArchiveKind, string>> = { 'tar.xz': '-xJf', 'tar.bz2': '-xjf', 'tar.gz': '-xzf' };

export function tarFlags(kind: ArchiveKind): string {
  const flags = TAR_FLAGS[kind];
  if (!flags) throw new Error(`not a tar archive: ${kind}`);
  return flags;
}

/** Windows' own bsdtar, not a Git-for-Windows GNU tar earlier on PATH that cannot read zips. */
export function windowsTar(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows', 'System32', 'tar.exe');
}

export function extractCommands(archive: string, kind: ArchiveKind, dest: string, os: Os, mountPoint = join(dest, '.mnt')): Command[] {
  switch (kind) {
    case 'tar.xz':
    case 'tar.bz2':
    case 'tar.gz':
      return [{ file: os === 'windows' ? windowsTar() : 'tar', args: [tarFlags(kind), archive, '-C', dest] }];
    case 'zip':
      // bsdtar reads zip on Windows (10 and newer) and macOS; Linux has unzip.
      if (os === 'windows') return [{ file: windowsTar(), args: ['-xf', archive, '-C', dest] }];
      if (os === 'macos') return [{ file: 'ditto', args: ['-x', '-k', archive, dest] }];
      return [{ file: 'unzip', args: ['-q', '-o', archive, '-d', dest] }];
    case 'dmg':
      return dmgCommands(archive, dest, mountPoint);
  }
}

/**
 * A .dmg is mounted read-only and hidden, the app copied out with ditto (keeps symlinks, extended
 * attributes and the code signature), and the image detached again.
 */
export function dmgCommands(archive: string, dest: string, mountPoint: string): Command[] {
  return [
    {
      file: 'hdiutil',
      args: ['attach', '-nobrowse', '-readonly', '-noautoopen', '-noverify', '-mountpoint', mountPoint, archive],
      input: 'Y\n',
    },
    { file: 'ditto', args: [join(mountPoint, 'Blender.app'), join(dest, 'Blender.app')] },
    { file: 'hdiutil', args: ['detach', mountPoint, '-force'] },
  ];
}

async function run(cmd: Command): Promise<void> {
  await execa(cmd.file, cmd.args, {
    input: cmd.input,
    stdin: cmd.input === undefined ? 'ignore' : 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    all: true,
  });
}

export interface ExtractExpectation {
  fileName: string;
  bytes: number;
  sha256: string;
  verified: boolean;
}

function failText(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'all' in e) {
    const all = (e as { all?: unknown }).all;
    if (typeof all === 'string' && all.trim()) return all.trim().split('\n').slice(-5).join('\n');
  }
  if (errnoCode(e) === 'ENOENT') return 'the extraction tool is not installed';
  return e instanceof Error ? e.message : String(e);
}

/** Unpacks `archive` into `dest` (created if missing). A failure removes what was unpacked. */
export async function extractArchive(
  archive: string,
  kind: ArchiveKind,
  dest: string,
  os: Os,
  expected: ExtractExpectation,
): Promise<void> {
  await mkdir(dest, { recursive: true });
  const mountPoint = kind === 'dmg' ? await mkdtemp(join(dest, '.mnt-')) : join(dest, '.mnt');
  const commands = extractCommands(archive, kind, dest, os, mountPoint);
  try {
    for (const [i, cmd] of commands.entries()) {
      try {
        await run(cmd);
      } catch (e) {
        // Leave no mounted image behind when the copy fails.
        if (kind === 'dmg' && i === 1) await run(commands[2] as Command).catch(() => undefined);
        throw e;
      }
    }
  } catch (e) {
    await rm(dest, { recursive: true, force: true });
    const what = expected.verified
      ? `its sha256 ${expected.sha256} matched the published one, so the published file itself is damaged or not a ${kind}`
      : 'it could not be verified (no checksum was published or given), so it may be damaged or not what the URL promised';
    throw new InstallError(
      'EXTRACT',
      `Could not unpack ${expected.fileName}: expected a ${kind} archive (${expected.bytes} bytes, sha256 ${expected.sha256}); ` +
        `${[commands[0]?.file, commands[0]?.args[0]].join(' ')} said:\n${failText(e)}\nThe archive is truncated or corrupt; ${what}. Nothing was cached.`,
      { cause: e },
    );
  } finally {
    if (kind === 'dmg') await rm(mountPoint, { recursive: true, force: true }).catch(() => undefined);
  }
}
