// A real Blender whose Python cannot import pytest: Debian bookworm's Blender 3.4 in the
// bookworm-nopytest root (a copy of bookworm-slim that no test changes), run through the
// wrapper `npm run blender:roots` writes, like the 4.3 and 5.2 lines.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isRunnableFile } from '../../src/executables/index.js';

const ROOTS = process.env.BLENDER_ROOTS_DIR ?? '/var/cache/blender-harness/roots';
export const NO_PYTEST_BLENDER = join(ROOTS, 'bin', 'blender-bookworm-nopytest');
/** The root its Blender runs in (what /proc/PID/root of that Blender points to). */
export const NO_PYTEST_ROOT = join(ROOTS, 'bookworm-nopytest');

/** The wrapper's path; fails (never skips) when it is missing, saying how to build it. */
export function noPytestBlender(): string {
  if (isRunnableFile(NO_PYTEST_BLENDER) && existsSync(join(NO_PYTEST_ROOT, '.complete'))) return NO_PYTEST_BLENDER;
  throw new Error(
    `No Blender without pytest at ${NO_PYTEST_BLENDER}: run \`npm run blender:roots\` ` +
      '(as root; it copies the bookworm-slim root to bookworm-nopytest, seconds once bookworm-slim exists).',
  );
}

export interface BlenderPython {
  /** What Blender puts in sys.executable: on Debian's build, the first python3.X on PATH. */
  executable: string;
  /** The prefix of the Python Blender embeds (its stdlib and dist-packages live under it). */
  prefix: string;
  /** e.g. "3.11.2" */
  version: string;
  /** major.minor, e.g. "3.11" */
  short: string;
  /** Whether `import pytest` works inside this Blender. */
  pytest: boolean;
}

/** Asks the Blender itself (headless, with this process's environment) about its Python. */
export function blenderPython(blender: string): BlenderPython {
  const code = [
    'import importlib.util, json, sys',
    'print("BH_PYTHON " + json.dumps({"executable": sys.executable, "prefix": sys.prefix,',
    '  "version": sys.version.split()[0], "short": "%d.%d" % sys.version_info[:2],',
    '  "pytest": importlib.util.find_spec("pytest") is not None}))',
  ].join('\n');
  const r = spawnSync(blender, ['-b', '--factory-startup', '--python-exit-code', '1', '--python-expr', code], {
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = r.stdout?.split('\n').find((l) => l.startsWith('BH_PYTHON '));
  if (r.status !== 0 || !line) {
    throw new Error(
      `${blender} did not start headless (exit ${r.status}, ${r.signal ?? 'no signal'}):\n${r.stdout ?? ''}${r.stderr ?? ''}`,
    );
  }
  return JSON.parse(line.slice('BH_PYTHON '.length)) as BlenderPython;
}
