// Whether a file may be run, and the one PATH search, for every part that starts a program:
// install (a system Blender), provisioning (apt-get), the session (Xvfb, python3), the CLI.
// Synchronous: a few stat calls, asked by code that must answer before it can start anything.

import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const ON_WINDOWS = process.platform === 'win32';

/**
 * Whether `p` is a file that may be run: a file, with the execute bit unless `needsExecBit` is
 * false (Windows has none, and where a build's executable sits is known before its mode is).
 */
export function isRunnableFile(p: string, needsExecBit = true): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    if (needsExecBit) accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `which`: the first `name` on PATH that is a runnable file (with PATHEXT on Windows). */
export function which(name: string, env: NodeJS.ProcessEnv = process.env, windows = ON_WINDOWS): string | undefined {
  const path = env.PATH ?? env.Path ?? '';
  const exts = windows && !/\.[a-z0-9]+$/i.test(name) ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean) : [''];
  for (const dir of path.split(windows ? ';' : delimiter)) {
    if (!dir) continue;
    // Windows PATH entries may be quoted; its file system ignores case, so PATHEXT's case is moot.
    const folder = windows ? dir.replace(/^"|"$/g, '') : dir;
    const found = exts.map((ext) => join(folder, name + ext.toLowerCase())).find((c) => isRunnableFile(c, !windows));
    if (found) return found;
  }
  return undefined;
}
