// Blenders that are already on the machine: the `system` spec (PATH, then where installers put
// it) and path specs. Their version is whatever `blender --version` says, since nothing else
// about them is known.

import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InstallError } from './errors.js';
import { isRunnableFile, locateExecutable, which } from './executable.js';
import { currentPlatform, executableName, type Os } from './platform.js';
import { parseSpec } from './spec.js';
import { compareVersions } from './versions.js';

/**
 * Where installers put Blender when it is not on PATH: the app bundle on macOS, and
 * "Program Files\Blender Foundation\Blender X.Y" on Windows (newest version first).
 */
export async function wellKnownBlenders(os: Os, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  if (os === 'macos') {
    const home = env.HOME ? [join(env.HOME, 'Applications')] : [];
    return ['/Applications', ...home].map((d) => join(d, 'Blender.app', 'Contents', 'MacOS', 'Blender'));
  }
  if (os === 'windows') {
    const out: string[] = [];
    for (const base of [env.ProgramFiles, env['ProgramFiles(x86)']].filter((x): x is string => !!x)) {
      const foundation = join(base, 'Blender Foundation');
      let names: string[];
      try {
        names = await readdir(foundation);
      } catch {
        continue;
      }
      const versioned = names
        .map((n) => ({ n, v: /^Blender\s*(\d+\.\d+)/.exec(n)?.[1] }))
        .filter((x): x is { n: string; v: string } => x.v !== undefined)
        .sort((a, b) => compareVersions(b.v, a.v));
      for (const { n } of versioned) out.push(join(foundation, n, 'blender.exe'));
      if (names.includes('Blender')) out.push(join(foundation, 'Blender', 'blender.exe'));
    }
    return out;
  }
  return [];
}

export async function findSystemBlender(os: Os, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const name = os === 'windows' ? 'blender.exe' : 'blender';
  const found = await which('blender', env, os);
  if (found) return found;
  for (const candidate of await wellKnownBlenders(os, env)) {
    if (await isRunnableFile(candidate, os)) return candidate;
  }
  const hint =
    os === 'linux'
      ? 'install it (e.g. `sudo apt-get install blender`, `sudo snap install blender --classic`)'
      : os === 'macos'
        ? 'install it (e.g. `brew install --cask blender`) into /Applications or put Blender.app/Contents/MacOS on PATH'
        : 'install it (e.g. `winget install BlenderFoundation.Blender`) or put its folder on PATH';
  throw new InstallError(
    'SYSTEM_NOT_FOUND',
    `There is no \`${name}\` on PATH${os === 'linux' ? '' : ' nor in the usual install folders'}. ${hint[0]?.toUpperCase()}${hint.slice(1)}, or use a version spec such as \`lts\` or \`4.2\` to download one.`,
  );
}

/** A path spec: an executable, or a folder holding one (an unpacked build, an .app bundle). */
export async function executableAtPath(path: string, os: Os): Promise<string> {
  let s: Stats;
  try {
    s = await stat(path);
  } catch {
    throw new InstallError(
      'NOT_FOUND',
      `${path} does not exist. Give the path of a Blender executable or of the folder it was unpacked into.`,
    );
  }
  if (s.isFile()) {
    if (!(await isRunnableFile(path, os)))
      throw new InstallError('NO_EXECUTABLE', `${path} is not executable; run \`chmod +x ${path}\` or give the Blender executable.`);
    return path;
  }
  const exe = await locateExecutable(path, os);
  if (!exe) {
    throw new InstallError(
      'NO_EXECUTABLE',
      `No Blender executable in ${path}: looked for ${executableName(os)} there and one folder down. Give the executable itself or the folder a build was unpacked into.`,
    );
  }
  return exe;
}

/**
 * The executable of a spec that names a Blender already on this machine (`system`, a path),
 * or undefined for specs that download one, and for anything install will explain better.
 * Installing such a Blender runs it for its version, so its libraries can be checked first.
 */
export async function localExecutable(spec: string, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  try {
    const parsed = parseSpec(spec, { cwd });
    const os = currentPlatform().os;
    if (parsed.kind === 'system') return await findSystemBlender(os, env);
    if (parsed.kind === 'path') return await executableAtPath(parsed.path, os);
  } catch {
    // Not one, or not there: install reports it.
  }
  return undefined;
}
