// Blender executables: where one sits in an unpacked build or a folder given as a path spec,
// where the `system` spec finds one (PATH, then where installers put it), and the version it
// prints, which is all that is known of a Blender the install did not download. Running a
// program and searching PATH are src/executables'.

import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isRunnableFile, runVersion, which, type VersionRun } from '../executables/index.js';
import { InstallError } from './errors.js';
import { currentPlatform, executableName, type Os } from './platform.js';
import { parseSpec } from './spec.js';
import { compareVersions } from './versions.js';

/** The Blender executable under `root`: at the top, or one folder down (the archive's top folder). */
export async function locateExecutable(root: string, os: Os): Promise<string | undefined> {
  let topDirs: string[];
  try {
    topDirs = (await readdir(root, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch {
    return undefined;
  }
  const exe = executableName(os);
  // An .app bundle given as the root holds its executable in Contents/MacOS.
  const candidates = [
    join(root, exe),
    ...(os === 'macos' ? [join(root, 'Contents', 'MacOS', 'Blender')] : []),
    ...topDirs.map((d) => join(root, d, exe)),
  ];
  return candidates.find((p) => isRunnableFile(p, false));
}

/** The version `executable --version` prints, or an InstallError saying why there is none. */
export async function probeVersion(executable: string, timeoutMs = 120_000): Promise<string> {
  let run: VersionRun;
  try {
    run = await runVersion(executable, { timeoutMs });
  } catch (e) {
    throw new InstallError('VERSION_PROBE', `Could not run ${executable}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  if (run.timedOut) {
    throw new InstallError('VERSION_PROBE', `${executable} --version did not finish in ${timeoutMs / 1000} s; is it really Blender?`);
  }
  if (run.version) return run.version;
  if (!run.ok) {
    throw new InstallError(
      'VERSION_PROBE',
      `${executable} --version failed (${run.how}):\n${run.output.trim().split('\n').slice(-5).join('\n')}\n` +
        'Check it runs on this machine (missing libraries are the usual cause on Linux: run `ldd` on it).',
    );
  }
  throw new InstallError(
    'VERSION_PROBE',
    `${executable} --version did not print "Blender X.Y.Z" (it printed ${JSON.stringify(run.output.trim().slice(0, 200))}); is it a Blender executable?`,
  );
}

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
  const found = which('blender', env, os === 'windows');
  if (found) return found;
  for (const candidate of await wellKnownBlenders(os, env)) {
    if (isRunnableFile(candidate, os !== 'windows')) return candidate;
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
    if (!isRunnableFile(path, os !== 'windows'))
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
