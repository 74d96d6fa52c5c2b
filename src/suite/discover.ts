import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

export type SuiteKind = 'script' | 'python';

export interface SuiteFile {
  kind: SuiteKind;
  /** Absolute path. */
  path: string;
  /** True when named on the command line rather than found by walking a folder. */
  explicit: boolean;
}

/** What pytest is asked to collect, and whether the run depends on it. */
export interface PythonTargets {
  /** Paths and node ids as given (relative to the working folder): pytest's own arguments. */
  args: string[];
  /**
   * Whether there are Python tests for certain: a test module named by pytest's default
   * patterns, a .py file or node id named explicitly. Without pytest such a run cannot go on;
   * a folder holding only other .py files (helpers beside command scripts) does not need it.
   */
  required: boolean;
  /** Whether pytest should collect at all: some .py file is under the paths. */
  any: boolean;
  /** The test modules by pytest's default patterns, and .py files named: for a first guess of the work. */
  files: string[];
  /** Found in folders: named as unittest discovers tests (test*.py) but not by pytest's default patterns. */
  unittestNamed: string[];
}

const SKIP_DIRS = new Set(['node_modules', '.git', '__pycache__', '.venv', 'venv', 'dist', 'build']);

export function suiteKind(file: string): SuiteKind | undefined {
  const name = basename(file);
  if (/\.(ya?ml|json)$/i.test(name)) return 'script';
  if (/^test_.*\.py$/.test(name) || /^.+_test\.py$/.test(name)) return 'python';
  return undefined;
}

/** `tests/test_x.py::TestY::test_z[a]` names `tests/test_x.py`. */
export function nodeIdFile(given: string): string {
  const at = given.indexOf('::');
  return at < 0 ? given : given.slice(0, at);
}

export class DiscoveryError extends Error {}

export interface Discovery {
  /** Command scripts, sorted, each once. */
  scripts: SuiteFile[];
  python: PythonTargets;
}

/** Every command script under the given paths, and what pytest should collect there. */
export function discoverSuites(paths: readonly string[], cwd = process.cwd()): Discovery {
  const found = new Map<string, SuiteFile>();
  const python: PythonTargets = { args: [], required: false, any: false, files: [], unittestNamed: [] };
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') && entry.isDirectory()) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if (entry.name.endsWith('.py')) {
        python.any = true;
        if (suiteKind(full) === 'python') {
          python.required = true;
          python.files.push(full);
        } else if (/^test.*\.py$/.test(entry.name)) python.unittestNamed.push(full);
      } else if (suiteKind(full) === 'script' && !found.has(full)) {
        found.set(full, { kind: 'script', path: full, explicit: false });
      }
    }
  };
  for (const given of paths) {
    const file = nodeIdFile(given);
    const path = resolve(cwd, file);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new DiscoveryError(`${file}: no such file or folder`);
    }
    if (isDir) {
      if (file !== given) throw new DiscoveryError(`${given}: a node id names a test in a .py file, not in a folder`);
      const before = python.any;
      python.any = false;
      walk(path);
      if (python.any) python.args.push(given);
      python.any ||= before;
      continue;
    }
    if (path.endsWith('.py')) {
      // Named explicitly, pytest collects a module whatever its name, as `pytest FILE` does.
      python.args.push(given);
      python.any = python.required = true;
      if (!python.files.includes(path)) python.files.push(path);
      continue;
    }
    if (file !== given || suiteKind(path) !== 'script') {
      throw new DiscoveryError(
        `${given} is not a suite: expected a command script (.yaml, .yml, .json), a Python test module (.py), ` +
          'a pytest node id (tests/test_x.py::test_y) or a folder',
      );
    }
    found.set(path, { kind: 'script', path, explicit: true });
  }
  return { scripts: [...found.values()], python };
}
