// pytest is the engine for Python test modules, and it runs inside Blender, so a Blender whose
// Python cannot import it must stop a run that has Python test modules, at once and with the
// way out: which Python (path and version) and the command that installs pytest into it.
// Command scripts never need pytest. The Blender here is a real one without pytest: Debian
// bookworm's 3.4 in the bookworm-nopytest root (`npm run blender:roots`).
import { mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { bootstrapScript } from '../src/session/index.js';
import { listProcesses } from '../src/session/processes.js';
import { blenderPython, NO_PYTEST_ROOT, noPytestBlender, type BlenderPython } from './helpers/no-pytest.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/**
 * Blenders running this checkout's bootstrap inside the no-pytest root: other test files of
 * this checkout (another engineer's run) and other clones' runs are not ours to count.
 */
function blenderCount(): number {
  const root = realpathSync(NO_PYTEST_ROOT);
  const inRoot = (pid: number): boolean => {
    try {
      return readlinkSync(`/proc/${pid}/root`) === root;
    } catch {
      return false; // gone, or not ours to look into
    }
  };
  return listProcesses().filter((p) => p.command.includes(bootstrapScript()) && p.state !== 'Z' && inRoot(p.pid)).length;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const made: string[] = [];
function suiteDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bh-nopytest-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe.skipIf(process.env.BLENDER_MATRIX === 'host')('a Blender whose Python has no pytest', () => {
  let blender: string;
  let python: BlenderPython;

  beforeAll(() => {
    blender = noPytestBlender();
    // The premise, checked with this process's environment (the one the CLI passes on): it
    // starts headless and `import pytest` fails inside it.
    python = blenderPython(blender);
    expect(python.pytest, `pytest is importable in ${blender}; this test needs a Blender without it`).toBe(false);
  }, 120_000);
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('stops a run with Python test modules when pytest cannot be installed: exit 2, naming the Python and how to install pytest into it', async () => {
    const dir = suiteDir({ 'test_x.py': 'def test_ok():\n    assert True\n' });
    // The harness tries to install pytest (test/packages.e2e.test.ts); here pip has no index.
    const cache = suiteDir({});
    // Nor the machine's own pip settings (a wheel folder in PIP_FIND_LINKS may hold pytest).
    const names = [
      'PIP_NO_INDEX',
      'PIP_CONFIG_FILE',
      'PIP_FIND_LINKS',
      'PIP_INDEX_URL',
      'PIP_EXTRA_INDEX_URL',
      'BLENDER_HARNESS_CACHE_DIR',
    ];
    const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
    for (const n of names) delete process.env[n];
    Object.assign(process.env, { PIP_NO_INDEX: '1', PIP_CONFIG_FILE: devNull, BLENDER_HARNESS_CACHE_DIR: cache });
    let run: Awaited<ReturnType<typeof cli>>;
    try {
      run = await cli('test', dir, '--blender', blender);
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
    expect(run.err).toMatch(/could not install it[\s\S]*No matching distribution found for pytest/);
    // pip's last lines, without the helper script's answer line (the harness's own wire).
    expect(run.err).not.toContain('BLENDER_HARNESS_PACKAGES');
    // Nothing half-installed stays for a later run to take as complete.
    expect(readdirSync(join(cache, 'python')).sort()).toEqual(['logs', 'probes']);
    expect(run.code, `stdout:\n${run.out}\nstderr:\n${run.err}`).toBe(2);
    expect(run.err).toMatch(/\bpytest\b/);
    expect(run.err).toContain(python.version);
    // The Python Blender embeds is the one under its sys.prefix. Not sys.executable: Debian's
    // Blender sets that to the first python3.X on PATH (a pyenv shim on some machines, another
    // interpreter whose packages Blender never sees).
    const own = `${escape(python.prefix)}/bin/python3(?:\\.${python.short.split('.')[1]})?`;
    expect(run.err).toMatch(new RegExp(`${own}['"]?\\s+-m pip install\\b[^\\n]*\\bpytest\\b`));
    // Stopped, not run some other way.
    expect(run.out).not.toMatch(/\bok\b[^\n]*test_ok/);
    expect(blenderCount()).toBe(0);
  });

  it('still runs a suite of command scripts only: exit 0', async () => {
    const dir = suiteDir({
      'steps.yaml': ['name: without pytest', 'tests:', '  - name: one is one', '    exec: result = 1', '    expect: {result: 1}', ''].join(
        '\n',
      ),
    });
    const run = await cli('test', dir, '--blender', blender);
    expect(run.code, `stdout:\n${run.out}\nstderr:\n${run.err}`).toBe(0);
    expect(run.out).toMatch(/\bok\b[^\n]*one is one/);
    expect(run.out).toMatch(/cleanup: clean/);
    expect(run.err).not.toMatch(/pytest/);
    expect(blenderCount()).toBe(0);
  });
});
