import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The folders from the nearest existing one down to `folder`, which are still to be made. */
function missingFolders(folder: string): { existing: string; missing: string[] } {
  const missing: string[] = [];
  let current = resolve(folder);
  for (;;) {
    try {
      statSync(current);
      return { existing: current, missing };
    } catch {
      missing.unshift(current);
      const parent = dirname(current);
      if (parent === current) return { existing: current, missing };
      current = parent;
    }
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Where a report for `file` really goes: a symlink to a file is followed (the file is
 * replaced, not the link); `inPlace` for what exists and is no regular file (/dev/null,
 * /dev/stdout, a FIFO), which is written straight into, as it cannot be replaced.
 */
function reportTarget(file: string): { path: string; inPlace: boolean; stats: Stats | undefined } {
  const path = resolve(file);
  const stats = statOrUndefined(path);
  if (!stats) return { path, inPlace: false, stats };
  return { path: stats.isFile() ? realpathSync(path) : path, inPlace: !stats.isFile() && !stats.isDirectory(), stats };
}

const scratchName = (target: string, kind: string): string =>
  join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.${kind}`);

/**
 * Why a report could not be written to `file`, or undefined when it can: checked before
 * Blender starts, so a typo costs nothing and never loses a finished run's results. Nothing
 * is created: the check writes (and removes) a probe file in the nearest existing folder,
 * because permission bits do not tell (root may write anywhere, yet not in /proc or a
 * read-only mount).
 */
export function reportPathProblem(file: string): string | undefined {
  const target = reportTarget(file);
  if (target.stats?.isDirectory()) return `${file} is a folder; give a file name, e.g. ${file.replace(/\/?$/, '/results')}`;
  if (target.inPlace) {
    try {
      accessSync(target.path, constants.W_OK);
      return undefined;
    } catch {
      return `${file} is not writable`;
    }
  }
  const { existing } = missingFolders(dirname(target.path));
  if (!statSync(existing).isDirectory()) return `${file}: ${existing} is a file, so no folder can be made there`;
  const probe = scratchName(join(existing, basename(target.path)), 'probe');
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (error) {
    return `${file}: cannot write in ${existing} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  try {
    unlinkSync(probe);
  } catch {
    // Made but not removable: odd, and harmless to the report.
  }
  return undefined;
}

/**
 * Write a report file whole or not at all: the text goes to a temporary file beside the
 * target, is flushed, and is renamed over it, so an artifact upload never picks up a report
 * cut off by a full disk. Missing folders are made first (CI paths often point into fresh
 * folders) and removed again when the write fails.
 */
export function writeReport(file: string, text: string): void {
  const target = reportTarget(file);
  if (target.inPlace) {
    writeFileSync(target.path, text);
    return;
  }
  const made: string[] = [];
  try {
    // One level at a time: Node's recursive mkdir never returns for some paths under /proc.
    for (const folder of missingFolders(dirname(target.path)).missing) {
      mkdirSync(folder);
      made.push(folder);
    }
    const temp = scratchName(target.path, 'tmp');
    const fd = openSync(temp, 'wx');
    try {
      try {
        // A report replacing an older one keeps that one's permissions.
        if (target.stats) fchmodSync(fd, target.stats.mode & 0o7777);
        writeFileSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, target.path);
    } catch (error) {
      try {
        unlinkSync(temp);
      } catch {
        // Already gone.
      }
      throw error;
    }
  } catch (error) {
    for (const folder of made.reverse()) {
      try {
        rmdirSync(folder);
      } catch {
        // Something else put a file there meanwhile: not ours to remove.
      }
    }
    throw error;
  }
}
