// Blenders that are already on the machine: the `system` spec (PATH) and path specs. Their
// version is whatever `blender --version` says, since nothing else about them is known.

import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { InstallError } from './errors.js';
import { locateExecutable } from './extract.js';
import { executableName, type Os } from './platform.js';
import { compareVersions } from './versions.js';

async function isExecutableFile(p: string, os: Os): Promise<boolean> {
  try {
    const s = await stat(p);
    if (!s.isFile()) return false;
    if (os === 'windows') return true;
    await access(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `which`: the first `name` on PATH that is an executable file. */
export async function which(name: string, env: NodeJS.ProcessEnv = process.env, os: Os = process.platform === 'win32' ? 'windows' : 'linux'): Promise<string | undefined> {
  const path = env.PATH ?? env.Path ?? '';
  const exts = os === 'windows' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean) : [''];
  const hasExt = os === 'windows' && /\.[a-z0-9]+$/i.test(name);
  for (const dir of path.split(os === 'windows' ? ';' : delimiter)) {
    if (!dir) continue;
    // Windows PATH entries may be quoted; its file system ignores case, so PATHEXT's case is moot.
    const folder = os === 'windows' ? dir.replace(/^"|"$/g, '') : dir;
    for (const ext of hasExt ? [''] : exts) {
      const candidate = join(folder, name + ext.toLowerCase());
      if (await isExecutableFile(candidate, os)) return candidate;
    }
  }
  return undefined;
}

/** "Blender 4.2.3", "Blender 4.2.0 Alpha", "Blender 2.79 (sub 7)" -> "4.2.3", "4.2.0", "2.79". */
export function parseVersionOutput(output: string): string | undefined {
  const m = /^Blender (\d+\.\d+(?:\.\d+)?)/m.exec(output);
  return m?.[1];
}

export async function probeVersion(executable: string, timeoutMs = 120_000): Promise<string> {
  let output: string;
  try {
    const r = await execa(executable, ['--version'], {
      stdin: 'ignore',
      timeout: timeoutMs,
      all: true,
      reject: false,
      // Blender prints its version before it would touch the display; keep it off any display anyway.
      env: { DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    output = r.all ?? '';
    if (r.timedOut) {
      throw new InstallError('VERSION_PROBE', `${executable} --version did not finish in ${timeoutMs / 1000} s; is it really Blender?`);
    }
    if (r.failed && !parseVersionOutput(output)) {
      throw new InstallError(
        'VERSION_PROBE',
        `${executable} --version failed (${r.exitCode === undefined ? r.shortMessage : `exit code ${r.exitCode}`}):\n${output.trim().split('\n').slice(-5).join('\n')}\n` +
          'Check it runs on this machine (missing libraries are the usual cause on Linux: run `ldd` on it).',
      );
    }
  } catch (e) {
    if (e instanceof InstallError) throw e;
    throw new InstallError('VERSION_PROBE', `Could not run ${executable}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const version = parseVersionOutput(output);
  if (!version) {
    throw new InstallError(
      'VERSION_PROBE',
      `${executable} --version did not print "Blender X.Y.Z" (it printed ${JSON.stringify(output.trim().slice(0, 200))}); is it a Blender executable?`,
    );
  }
  return version;
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
      let names: string[] = [];
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
    if (await isExecutableFile(candidate, os)) return candidate;
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
  let s;
  try {
    s = await stat(path);
  } catch {
    throw new InstallError('NOT_FOUND', `${path} does not exist. Give the path of a Blender executable or of the folder it was unpacked into.`);
  }
  if (s.isFile()) {
    if (!(await isExecutableFile(path, os))) throw new InstallError('NO_EXECUTABLE', `${path} is not executable; run \`chmod +x ${path}\` or give the Blender executable.`);
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
