// Units of work and how they are split. A command script is one unit (its steps share a
// session's state); a Python test (a pytest item) is one unit, except that a test joins the
// unit of the test before it when it keeps the scene (the keep_scene mark, HARNESS_RESET =
// False) in the same file, or shares a class, module or package fixture with it: tests that
// build on each other run in order in one session, whatever the workers and shards (as
// pytest-xdist's --dist loadscope keeps a scope on one worker). An external command is one unit.
import type { Script } from './script.js';

/** A collected pytest item. */
export interface PythonItem {
  nodeid: string;
  /** Absolute path of its file. */
  file: string;
  line: number | null;
  keep_scene: boolean;
  /** The node id of the widest class, module or package whose fixtures it uses, if any. */
  scope?: string | null;
}

export type Unit =
  | { kind: 'script'; id: string; suite: string; path: string; script: Script }
  | { kind: 'python'; id: string; suite: string; items: PythonItem[] }
  | { kind: 'run'; id: string; suite: string; command: string };

export type PythonUnit = Extract<Unit, { kind: 'python' }>;

/** A test's name within its file: `TestY::test_z[a]` of `tests/test_x.py::TestY::test_z[a]`. */
export function testName(nodeid: string): string {
  const at = nodeid.indexOf('::');
  return at < 0 ? nodeid : nodeid.slice(at + 2);
}

/** Python units in collection order, named by their first node id. */
export function pythonUnits(items: readonly PythonItem[], suiteOf: (item: PythonItem) => string): PythonUnit[] {
  const units: PythonUnit[] = [];
  let last: PythonUnit | undefined;
  for (const item of items) {
    const suite = suiteOf(item);
    const before = last?.items.at(-1);
    if (last && ((item.keep_scene && before?.file === item.file) || (item.scope && before?.scope === item.scope))) {
      last.items.push(item);
      continue;
    }
    last = { kind: 'python', id: item.nodeid, suite, items: [item] };
    units.push(last);
  }
  return units;
}

export interface Shard {
  index: number; // 1-based
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard takes I/N with 1 <= I <= N (e.g. 1/3), not ${JSON.stringify(text)}`);
  }
  return { index, count };
}

/**
 * The I-th of N deterministic slices: units sorted by id, dealt round-robin. Every unit is
 * in exactly one shard, whatever order they were found in.
 */
export function shardUnits<T extends { id: string }>(units: readonly T[], shard: Shard | undefined): T[] {
  if (!shard || shard.count === 1) return [...units];
  const order = [...units].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const chosen = new Set(order.filter((_, i) => i % shard.count === shard.index - 1));
  return units.filter((u) => chosen.has(u));
}
