// A Blender executable: the one check that a file may be run, the one PATH search, the one place
// an executable is looked for in an unpacked build, and the one `blender --version` probe. The
// install stage, the provisioning of the machine and the CLI all ask these.

import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { InstallError } from './errors.js';
import { executableName, type Os } from './platform.js';

/**
 * Whether `p` is a file this OS may run: a file, with the execute bit where there is one. Without
 * an OS only "a file" is asked: where a build's executable sits is known before its mode is.
 */
export async function isRunnableFile(p: string, os?: Os): Promise<boolean> {
  try {
    if (!(await stat(p)).isFile()) return false;
    if (os && os !== 'windows') await access(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `which`: the first `name` on PATH that is an executable file. */
export async function which(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  os: Os = process.platform === 'win32' ? 'windows' : 'linux',
): Promise<string | undefined> {
  const path = env.PATH ?? env.Path ?? '';
  const exts = os === 'windows' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean) : [''];
  const hasExt = os === 'windows' && /\.[a-z0-9]+$/i.test(name);
  for (const dir of path.split(os === 'windows' ? ';' : delimiter)) {
    if (!dir) continue;
    // Windows PATH entries may be quoted; its file system ignores case, so PATHEXT's case is moot.
    const folder = os === 'windows' ? dir.replace(/^"|"$/g, '') : dir;
    for (const ext of hasExt ? [''] : exts) {
      const candidate = join(folder, name + ext.toLowerCase());
      if (await isRunnableFile(candidate, os)) return candidate;
    }
  }
  return undefined;
}

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
  for (const p of candidates) {
    if (await isRunnableFile(p)) return p;
  }
  return undefined;
}

/** "Blender 4.2.3", "Blender 4.2.0 Alpha", "Blender 2.79 (sub 7)" -> "4.2.3", "4.2.0", "2.79". */
export function parseVersionOutput(output: string): string | undefined {
  const m = /^Blender (\d+\.\d+(?:\.\d+)?)/m.exec(output);
  return m?.[1];
}

export interface VersionRun {
  /** Whether it printed a version, or at least exited 0. */
  ok: boolean;
  version?: string;
  output: string;
  timedOut: boolean;
  /** "exit code 127", "signal SIGSEGV", "timed out after 120 s", or spawn's own message. */
  how: string;
}

export interface VersionRunOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Runs `executable --version` and reports what happened; never throws for a failed run. */
export async function runVersion(executable: string, options: VersionRunOptions = {}): Promise<VersionRun> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const r = await execa(executable, ['--version'], {
    // Blender prints its version before it would touch the display; keep it off any display anyway.
    env: { ...(options.env ?? process.env), DISPLAY: '', WAYLAND_DISPLAY: '', LC_ALL: 'C' },
    extendEnv: false,
    stdin: 'ignore',
    all: true,
    reject: false,
    timeout: timeoutMs,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  const output = r.all ?? '';
  const version = parseVersionOutput(output);
  const how = r.timedOut
    ? `timed out after ${timeoutMs / 1000} s`
    : r.signal
      ? `signal ${r.signal}`
      : r.exitCode !== undefined
        ? `exit code ${r.exitCode}`
        : (r.shortMessage ?? 'it failed');
  return {
    ok: (!r.failed && r.exitCode === 0) || version !== undefined,
    ...(version ? { version } : {}),
    output,
    timedOut: r.timedOut,
    how,
  };
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
