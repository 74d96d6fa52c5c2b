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

const SKIP_DIRS = new Set(['node_modules', '.git', '__pycache__', '.venv', 'venv', 'dist', 'build']);

export function suiteKind(file: string): SuiteKind | undefined {
  const name = basename(file);
  if (/\.(ya?ml|json)$/i.test(name)) return 'script';
  if (/^test_.*\.py$/.test(name) || /^.+_test\.py$/.test(name)) return 'python';
  return undefined;
}

export class DiscoveryError extends Error {}

/** Every suite file under the given paths, in a stable (sorted) order, each once. */
export function discoverSuites(paths: readonly string[], cwd = process.cwd()): SuiteFile[] {
  const found = new Map<string, SuiteFile>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') && entry.isDirectory()) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else {
        const kind = suiteKind(full);
        if (kind && !found.has(full)) found.set(full, { kind, path: full, explicit: false });
      }
    }
  };
  for (const given of paths) {
    const path = resolve(cwd, given);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new DiscoveryError(`${given}: no such file or folder`);
    }
    if (isDir) {
      walk(path);
      continue;
    }
    const kind = suiteKind(path);
    if (!kind) {
      throw new DiscoveryError(
        `${given} is not a suite: expected a command script (.yaml, .yml, .json) or a Python test module (test_*.py, *_test.py)`,
      );
    }
    found.set(path, { kind, path, explicit: true });
  }
  return [...found.values()];
}
