// The one `blender --version` run: install reads the version of a Blender it did not download,
// provisioning reads which shared libraries the loader could not find.

import { execa } from 'execa';

/** "Blender 4.2.3", "Blender 4.2.0 Alpha", "Blender 2.79 (sub 7)" -> "4.2.3", "4.2.0", "2.79". */
export function parseVersionOutput(output: string): string | undefined {
  return /^Blender (\d+\.\d+(?:\.\d+)?)/m.exec(output)?.[1];
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
  signal?: AbortSignal | undefined;
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
