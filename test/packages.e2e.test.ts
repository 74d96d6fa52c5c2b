// The packages a suite needs, installed into Blender's own Python by that Python's pip, from
// a real package index on 127.0.0.1 (wheels the test builds), through the bundled CLI as a
// user runs it. Each Blender line finds pip its own way: Debian bookworm's Blender 3.4 has the
// pip module; the 4.3 and 5.2 roots have only the wheel ensurepip carries, used in place.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionRun } from './helpers/action-runner.js';
import { startActionsCacheServer } from './helpers/actions-cache-server.js';
import { testBlender, testBlenders } from './helpers/blender.js';
import { node24Binary } from './helpers/node.js';
import { noPytestBlender } from './helpers/no-pytest.js';
import { buildWheels, PYTEST_FROM_DEBIAN, startPackageIndex, type PackageIndex } from './helpers/package-index.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');
const made: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function project(files: Record<string, string>): string {
  const dir = tempDir('bh-pkgproj-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

interface Run {
  code: number | undefined;
  out: string;
  err: string;
}

/**
 * The machine's own pip settings (a config file's extra index, PIP_FIND_LINKS) stay out: pip
 * sees only the index each test names, as on a fresh machine.
 */
function withoutPipConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(env).filter(([k]) => !/^PIP_/i.test(k)));
  return { ...clean, PIP_CONFIG_FILE: devNull };
}

async function cli(cwd: string, env: Record<string, string>, ...argv: string[]): Promise<Run> {
  const r = await execa(process.execPath, [CLI, ...argv], {
    cwd,
    env: { ...withoutPipConfig(process.env), NO_COLOR: '1', ...env },
    extendEnv: false,
    reject: false,
    timeout: 300_000,
  });
  return { code: r.exitCode, out: String(r.stdout), err: String(r.stderr) };
}
const show = (r: Run): string => `exit ${r.code}\nstdout:\n${r.out}\nstderr:\n${r.err}`;

/** What the harness keeps under its cache's python folder, besides probes and logs. */
function installedSets(cache: string): string[] {
  const dir = join(cache, 'python');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n !== 'probes' && n !== 'logs')
        .sort()
    : [];
}

let index: PackageIndex;
beforeAll(async () => {
  const wheels = await buildWheels({
    wheels: [
      { name: 'tinypkg', version: '1.0', files: { 'tinypkg/__init__.py': 'VALUE = 42\n' } },
      { name: 'tinydep', version: '1.0', files: { 'tinydep.py': 'ONE = 1\n' } },
      {
        name: 'withdep',
        version: '1.0',
        requires: ['tinydep>=1'],
        files: { 'withdep/__init__.py': 'import tinydep\n\ndef total():\n    return 42 + tinydep.ONE\n' },
      },
      // Needs a tinydep the index does not have beside the one asked for: a conflict.
      { name: 'needs2', version: '1.0', requires: ['tinydep>=2'], files: { 'needs2.py': '' } },
    ],
    installed: { ...PYTEST_FROM_DEBIAN, coverage: ['coverage'] },
  });
  made.push(wheels);
  index = await startPackageIndex(wheels);
}, 120_000);
afterAll(async () => {
  await index?.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const SUITE = {
  'tests/test_packages.py': [
    'import sys',
    'import tinypkg',
    'import withdep',
    '',
    'def test_values():',
    '    assert tinypkg.VALUE == 42',
    '    assert withdep.total() == 43',
    '',
    'def test_from_the_harness_cache_first():',
    '    site = tinypkg.__file__.rsplit("/tinypkg/", 1)[0]',
    '    assert "/python/cp3" in site  # a set in the harness\'s cache',
    '    own = [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]',
    '    assert sys.path.index(site) < sys.path.index(own[0])',
    '',
  ].join('\n'),
};

describe.each(testBlenders())('packages on Blender $name', ({ path: blender }) => {
  it('installs packages and their dependencies once, asks the index nothing the next time, installs again when the set changes', async () => {
    const cache = tempDir('bh-pkgcache-');
    const home = tempDir('bh-pkghome-');
    const env = { BLENDER_HARNESS_CACHE_DIR: join(cache, 'blender-harness'), HOME: home };
    const dir = project(SUITE);
    const first = await cli(
      dir,
      env,
      'test',
      '--blender',
      blender,
      '--python-package',
      'tinypkg',
      '--python-package',
      'withdep',
      '--python-index-url',
      index.url,
    );
    expect(first.code, show(first)).toBe(0);
    expect(first.out).toMatch(/^packages: installing tinypkg withdep for Python 3\.\d+/m);
    expect(first.out).toMatch(/^packages: installed 3 packages in [\d.]+ s$/m);
    expect(first.out).toMatch(/ok +tests\/test_packages\.py::test_values/);
    expect(first.out).toMatch(/ok +tests\/test_packages\.py::test_from_the_harness_cache_first/);
    expect(installedSets(env.BLENDER_HARNESS_CACHE_DIR)).toHaveLength(1);

    const asked = index.requests();
    expect(asked).toBeGreaterThan(0);
    const again = await cli(
      dir,
      env,
      'test',
      '--blender',
      blender,
      '--python-package',
      'withdep',
      '--python-package',
      'tinypkg',
      '--python-index-url',
      index.url,
    );
    expect(again.code, show(again)).toBe(0);
    expect(again.out).not.toMatch(/^packages:/m);
    expect(index.requests()).toBe(asked);

    // The same packages by a requirements file are another set: installed again, beside.
    writeFileSync(join(dir, 'requirements-test.txt'), 'tinypkg\nwithdep\n');
    const changed = await cli(
      dir,
      env,
      'test',
      '--blender',
      blender,
      '--requirements',
      'requirements-test.txt',
      '--python-index-url',
      index.url,
    );
    expect(changed.code, show(changed)).toBe(0);
    expect(changed.out).toMatch(/^packages: installed 3 packages/m);
    expect(index.requests()).toBeGreaterThan(asked);
    expect(installedSets(env.BLENDER_HARNESS_CACHE_DIR)).toHaveLength(2);

    // Nothing went to the user's site, and Blender's own Python still lacks the packages.
    expect(existsSync(join(home, '.local')), 'pip wrote to the user site').toBe(false);
    const probe = await execa(
      blender,
      [
        '--background',
        '--factory-startup',
        '--python-expr',
        'import importlib.util; print("FOUND", importlib.util.find_spec("tinypkg") is not None)',
      ],
      {
        env: { ...process.env, HOME: home },
        reject: false,
      },
    );
    expect(String(probe.stdout)).toMatch(/^FOUND False$/m);
  });

  it("fails a missing package, a conflict and an unreachable index with exit 2, pip's reason, and nothing left in the cache", async () => {
    const cache = tempDir('bh-pkgcache-');
    const env = { BLENDER_HARNESS_CACHE_DIR: cache, HOME: tempDir('bh-pkghome-'), PIP_RETRIES: '0', PIP_TIMEOUT: '3' };
    const dir = project(SUITE);
    const missing = await cli(dir, env, 'test', '--blender', blender, '--python-package', 'nosuchpkg', '--python-index-url', index.url);
    expect(missing.code, show(missing)).toBe(2);
    expect(missing.err).toMatch(/could not install the Python packages for Blender's Python 3\.\d+\.\d+ \(pip exited with 1\)/);
    expect(missing.err).toMatch(/ERROR: No matching distribution found for nosuchpkg/);
    expect(missing.err).toMatch(/its whole log: \S+pip-\S+\.log/);

    const conflict = await cli(
      dir,
      env,
      'test',
      '--blender',
      blender,
      '--python-package',
      'tinydep==1.0',
      '--python-package',
      'needs2',
      '--python-index-url',
      index.url,
    );
    expect(conflict.code, show(conflict)).toBe(2);
    expect(conflict.err).toMatch(/conflicting dependencies|ResolutionImpossible/);

    const unreachable = await cli(
      dir,
      env,
      'test',
      '--blender',
      blender,
      '--python-package',
      'tinypkg',
      '--python-index-url',
      'http://127.0.0.1:9/simple/',
    );
    expect(unreachable.code, show(unreachable)).toBe(2);
    expect(unreachable.err).toMatch(/No matching distribution found for tinypkg|Could not find a version/);

    expect(installedSets(cache)).toEqual([]);
    expect(readdirSync(cache).filter((n) => n !== 'python')).toEqual([]);
    // No test ran: a run without its packages would only fail at import, less clearly.
    for (const r of [missing, conflict, unreachable]) expect(r.out).not.toMatch(/test_values/);
  });
});

describe('pytest and coverage.py for a Blender whose Python lacks them', () => {
  it('are installed from the index when there are Python tests and --coverage, and found in the cache the next time', async () => {
    const blender = noPytestBlender();
    const cache = tempDir('bh-pkgcache-');
    const env = { BLENDER_HARNESS_CACHE_DIR: cache, HOME: tempDir('bh-pkghome-') };
    const dir = project({
      'tests/test_plain.py':
        'import pytest\nimport measured\n\n@pytest.mark.parametrize("n", [1, 2])\ndef test_n(n):\n    assert measured.double(n) == 2 * n\n',
      'tests/measured.py': 'def double(n):\n    return 2 * n\n',
    });
    const flags = ['--python-index-url', index.url, '--coverage-source', 'tests/measured.py'];
    const first = await cli(dir, env, 'test', '--blender', blender, ...flags);
    expect(first.code, show(first)).toBe(0);
    expect(first.out).toMatch(/^packages: installing pytest coverage for Python 3\.11\.\d+/m);
    expect(first.out).toMatch(/ok +tests\/test_plain\.py::test_n\[2\]/);
    expect(first.out).toMatch(/^coverage: 100% of 2 statements$/m);
    const asked = index.requests();
    const again = await cli(dir, env, 'test', '--blender', blender, ...flags);
    expect(again.code, show(again)).toBe(0);
    expect(again.out).not.toMatch(/^packages:/m);
    expect(index.requests()).toBe(asked);
  });
});

describe('the bundled Action on node24', () => {
  it("installs python-packages, finds them in place the next time, and fails a missing one with pip's reason and a report", async () => {
    const node = node24Binary();
    const dir = project(SUITE);
    const extra = { BLENDER_HARNESS_CACHE_DIR: tempDir('bh-pkgcache-'), HOME: tempDir('bh-pkghome-'), PIP_CONFIG_FILE: devNull };
    const inputs = { 'blender-path': testBlender(), tests: 'tests', 'python-packages': 'tinypkg\nwithdep', 'python-index-url': index.url };
    const first = new ActionRun(node, undefined, dir);
    const cold = await first.start('main', first.env(inputs, extra));
    expect(cold.code, cold.stdout).toBe(0);
    expect(cold.outputs).toMatchObject({ 'python-packages-cache-hit': 'false', passed: '3', failed: '0' });
    expect(cold.stdout).toMatch(/^::group::Python packages for Blender \(tinypkg withdep\)$/m);
    expect(cold.stdout).toMatch(/packages: installed 3 packages/);
    const second = new ActionRun(node, undefined, dir);
    const warm = await second.start('main', second.env(inputs, extra));
    expect(warm.code, warm.stdout).toBe(0);
    expect(warm.outputs).toMatchObject({ 'python-packages-cache-hit': 'true', passed: '3' });

    const third = new ActionRun(node, undefined, dir);
    const missing = await third.start('main', third.env({ ...inputs, 'python-packages': 'nosuchpkg' }, { ...extra, PIP_RETRIES: '0' }));
    expect(missing.code, missing.stdout).toBe(1);
    expect(missing.stdout).toMatch(/^::error::could not install the Python packages[^\n]*/m);
    expect(missing.stdout).toMatch(/No matching distribution found for nosuchpkg/);
    expect(readFileSync(missing.outputs['tap-file'] ?? '', 'utf8')).toMatch(
      /^not ok 1 - setup > Blender starts and the suites are found$/m,
    );
  });
});

describe('the bundled Action with the Actions cache', () => {
  it('saves the packages in post under their own key, and a fresh machine restores them with no pip run', async () => {
    const node = node24Binary();
    const service = await startActionsCacheServer();
    try {
      const dir = project(SUITE);
      const cacheDir = tempDir('bh-pkgcache-');
      const extra = {
        BLENDER_HARNESS_CACHE_DIR: cacheDir,
        HOME: tempDir('bh-pkghome-'),
        PIP_CONFIG_FILE: devNull,
        ACTIONS_CACHE_URL: service.url,
        ACTIONS_RUNTIME_TOKEN: 'runtime-token',
      };
      const inputs = {
        'blender-path': testBlender(),
        tests: 'tests',
        'python-packages': 'tinypkg\nwithdep',
        'python-index-url': index.url,
      };
      const first = new ActionRun(node, undefined, dir);
      const cold = await first.start('main', first.env(inputs, extra));
      expect(cold.code, cold.stdout).toBe(0);
      expect(cold.outputs).toMatchObject({ 'python-packages-cache-hit': 'false', passed: '3' });
      const save = await first.start('post', first.env({}, extra));
      expect(save.code, save.stdout).toBe(0);
      expect(save.stdout).toMatch(
        /Saved Blender's Python packages to the Actions cache as blender-harness-python-cp3\d+-linux-x86_64-[0-9a-f]{16}\./,
      );
      expect(service.entries().map((e) => e.key)).toEqual([expect.stringMatching(/^blender-harness-python-cp3\d+-/)]);

      // A fresh machine: the same paths, nothing under them.
      rmSync(join(cacheDir, 'python'), { recursive: true, force: true });
      const asked = index.requests();
      const second = new ActionRun(node, undefined, dir);
      const warm = await second.start('main', second.env(inputs, extra));
      expect(warm.code, warm.stdout).toBe(0);
      expect(warm.outputs).toMatchObject({ 'python-packages-cache-hit': 'true', passed: '3' });
      expect(warm.stdout).toMatch(/Restored the packages from the Actions cache \(blender-harness-python-/);
      expect(warm.stdout).not.toMatch(/packages: install/);
      expect(index.requests()).toBe(asked);
      const again = await second.start('post', second.env({}, extra));
      expect(again.code, again.stdout).toBe(0);
      expect(service.entries()).toHaveLength(1);
    } finally {
      await service.close();
    }
  });
});

describe('package flags are checked before Blender is looked for', () => {
  it.each([
    [['--requirements', 'no-such-requirements.txt'], /--requirements no-such-requirements\.txt: no such file/],
    [['--python-index-url', 'pypi.example'], /--python-index-url takes an http\(s\):\/\/ or file:\/\/ URL/],
    [['--python-package=--index-url=http://evil'], /--python-package takes a requirement/],
  ])('%j', async (flags, message) => {
    const dir = project(SUITE);
    const r = await cli(dir, {}, 'test', '--blender', '/nonexistent/blender', ...flags);
    expect(r.code, show(r)).toBe(2);
    expect(r.err).toMatch(message);
  });
});
