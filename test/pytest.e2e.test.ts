// pytest is the engine for Python tests: an author's existing suite runs unmodified, and the
// harness's outcomes and node ids equal what pytest itself reports for the same suite run
// in-process inside the same Blender (the oracle below).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { execa } from 'execa';
import { Parser, type FinalResults } from 'tap-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { runSuites, type RunOutcome, type TestResult } from '../src/suite/index.js';
import { testBlenders } from './helpers/blender.js';

const PROJECT = resolve('fixtures/suites/pytest_project');
const CRASH = 'fixtures/suites/pytest_crash';
const ADDON = 'fixtures/addons/hello_addon';
const REPO = resolve('fixtures/suites/addon_repo');

type Verdict = 'passed' | 'failed' | 'error' | 'skipped' | 'xfailed';

/** The harness's results in pytest's own categories (an xpass is a pass, as pytest counts it). */
function harnessVerdicts(results: readonly TestResult[]): Record<string, Verdict> {
  const out: Record<string, Verdict> = {};
  for (const r of results) {
    if (r.outcome === 'passed') out[r.id] = 'passed';
    else if (r.outcome === 'skipped') out[r.id] = r.xfail !== undefined ? 'xfailed' : 'skipped';
    else out[r.id] = r.phase || r.kind === 'import' ? 'error' : 'failed';
  }
  return out;
}

// pytest.main() inside Blender, no harness: each node id's verdict as pytest's reports give it.
const ORACLE = String.raw`
import json, sys, pytest
verdicts = {}
class Oracle:
    def pytest_collectreport(self, report):
        if report.failed:
            verdicts[report.nodeid] = "error"
    def pytest_runtest_logreport(self, report):
        seen = verdicts.get(report.nodeid)
        if report.when == "call":
            if report.failed:
                verdicts[report.nodeid] = "failed"
            elif report.skipped:
                verdicts[report.nodeid] = "xfailed" if hasattr(report, "wasxfail") else "skipped"
            elif seen != "error":
                verdicts[report.nodeid] = "passed"
        elif report.failed and seen != "failed":
            verdicts[report.nodeid] = "error"
        elif report.when == "setup" and report.skipped:
            verdicts[report.nodeid] = "xfailed" if hasattr(report, "wasxfail") else "skipped"
code = pytest.main(["-p", "no:cacheprovider", "-q", "--continue-on-collection-errors", *json.loads(sys.argv[-1])], plugins=[Oracle()])
print("ORACLE " + json.dumps({"code": int(code), "verdicts": verdicts}))
`;

async function oracle(blender: string, args: string[]): Promise<Record<string, Verdict>> {
  const { stdout } = await execa(blender, ['-b', '--factory-startup', '-noaudio', '--python-expr', ORACLE, '--', JSON.stringify(args)], {
    cwd: PROJECT,
    reject: false,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('ORACLE '));
  if (!line) throw new Error(`pytest inside Blender printed no verdicts:\n${stdout.slice(-3000)}`);
  return (JSON.parse(line.slice(7)) as { verdicts: Record<string, Verdict> }).verdicts;
}

const run = (blender: string, extra: Partial<Parameters<typeof runSuites>[0]> = {}): Promise<RunOutcome> =>
  runSuites({ session: { blender }, paths: ['tests'], cwd: PROJECT, workers: 1, timeoutMs: 30_000, ...extra });

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe.each(testBlenders())('pytest as the engine on Blender $name', ({ path: blender }) => {
  let one: RunOutcome;
  let expected: Record<string, Verdict>;

  beforeAll(async () => {
    [one, expected] = await Promise.all([run(blender), oracle(blender, ['tests'])]);
  });

  it('gives every node id the outcome pytest itself gives it', () => {
    expect(Object.keys(expected).length).toBeGreaterThan(30);
    expect(harnessVerdicts(one.results)).toEqual(expected);
    expect(one.cleanup.clean).toBe(true);
    expect(one.setupErrors).toEqual([]);
  });

  it('runs conftest fixtures of every scope, params with ids, parametrize and package imports', () => {
    const ids = one.results.map((r) => r.id);
    for (const id of [
      'tests/test_fixtures.py::test_params_with_ids[one]',
      'tests/test_fixtures.py::test_params_with_ids[two]',
      'tests/test_fixtures.py::test_parametrize[1-2]',
      'tests/test_fixtures.py::test_parametrize[five]',
      'tests/sub/test_root_import.py::test_root_relative_import',
      'tests/test_unittest_style.py::SceneTests::test_second',
    ]) {
      expect(ids).toContain(id);
      expect(one.results.find((r) => r.id === id)?.outcome, id).toBe('passed');
    }
    // The module fixture built scene data, so its module's tests shared it instead of a fresh scene.
    expect(one.results.find((r) => r.id === 'tests/test_fixtures.py::test_module_fixture_still_alive')?.outcome).toBe('passed');
  });

  it('shows both values of a failed assert, and the failure where it is', () => {
    const r = one.results.find((x) => x.id === 'tests/test_fixtures.py::test_assert_shows_values');
    expect(r).toMatchObject({ outcome: 'failed', kind: 'assertion', errorType: 'AssertionError', line: 37 });
    expect(r?.message).toMatch(/^assert 3 == 42/);
    expect(r?.traceback).toMatch(/E\s+assert 3 == 42/);
    expect(r?.file).toBe('tests/test_fixtures.py'); // relative to the working folder
  });

  it('names setup and teardown errors as such, one result per test', () => {
    const setup = one.results.find((r) => r.id === 'tests/test_fixture_errors.py::test_setup_error');
    expect(setup).toMatchObject({ outcome: 'failed', kind: 'error', phase: 'setup', errorType: 'RuntimeError' });
    expect(setup?.message).toBe('error in setup of tests/test_fixture_errors.py::test_setup_error: RuntimeError: setup went wrong');
    const teardown = one.results.filter((r) => r.id === 'tests/test_fixture_errors.py::test_teardown_error');
    expect(teardown).toHaveLength(1);
    expect(teardown[0]).toMatchObject({ outcome: 'failed', phase: 'teardown', message: expect.stringContaining('error in teardown of') });
  });

  it('reports skips with their reason, xfail and strict xpass, sys.exit and output per test', () => {
    const by = (id: string): TestResult | undefined => one.results.find((r) => r.id === id);
    expect(by('tests/test_marks.py::test_skipped')).toMatchObject({ outcome: 'skipped', skipReason: 'not today' });
    expect(by('tests/test_marks.py::test_skipif')).toMatchObject({ outcome: 'skipped', skipReason: 'Python 3 here' });
    expect(by('tests/test_marks.py::test_xfail')).toMatchObject({ outcome: 'skipped', xfail: 'known bug' });
    expect(by('tests/test_marks.py::test_xpass')?.outcome).toBe('passed');
    expect(by('tests/test_marks.py::test_xpass_strict')).toMatchObject({ outcome: 'failed', errorType: 'XPASS(strict)' });
    const exit = by('tests/test_unittest_style.py::SceneTests::test_sys_exit');
    expect(exit).toMatchObject({ outcome: 'failed', errorType: 'SystemExit', stdout: expect.stringContaining('about to exit') });
    expect(exit?.traceback).toMatch(/sys\.exit\(3\)/);
    expect(by('tests/test_builtins.py::test_prints_and_fails')).toMatchObject({
      message: 'boom',
      stdout: expect.stringContaining('output before the failure'),
    });
    const collection = by('tests/test_broken_collection.py');
    expect(collection).toMatchObject({ outcome: 'failed', kind: 'import', errorType: 'ModuleNotFoundError', line: 3 });
    expect(collection?.file).toMatch(/tests\/test_broken_collection\.py$/);
  });

  it('selects with -m and -k exactly as pytest does', async () => {
    for (const args of [
      ['-m', 'slow'],
      ['-k', 'parametrize and not five'],
    ]) {
      const [selected, want] = await Promise.all([run(blender, { pytestArgs: args }), oracle(blender, [...args, 'tests'])]);
      const got = harnessVerdicts(selected.results);
      expect(got, args.join(' ')).toEqual(want);
      expect(Object.keys(got).filter((id) => id.includes('::')).length, args.join(' ')).toBeGreaterThan(0);
    }
  });

  it('stops the run where pytest says to stop (-x)', async () => {
    const stopped = await run(blender, { paths: ['tests/test_fixtures.py', 'tests/test_marks.py'], pytestArgs: ['-x'] });
    const ids = stopped.results.map((r) => r.id);
    expect(ids.at(-1)).toBe('tests/test_fixtures.py::test_assert_shows_values');
    expect(ids.filter((id) => id.startsWith('tests/test_marks.py'))).toEqual([]);
    expect(stopped.cleanup.clean).toBe(true);
  });

  it('gives the same outcomes with two workers, and three shards make up the collection', async () => {
    const two = await run(blender, { workers: 2 });
    expect(harnessVerdicts(two.results)).toEqual(harnessVerdicts(one.results));
    expect(two.cleanup.clean).toBe(true);
    const ids: string[] = [];
    for (const index of [1, 2, 3]) {
      const part = await run(blender, { shard: { index, count: 3 } });
      // A collection error is found while collecting, so every shard reports it.
      ids.push(...part.results.map((r) => r.id).filter((id) => id !== 'tests/test_broken_collection.py'));
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      one.results
        .map((r) => r.id)
        .filter((id) => id !== 'tests/test_broken_collection.py')
        .sort(),
    );
  });

  it('recovers from a crash in one parametrized case and from a hang, with module fixtures set up again', async () => {
    const outcome = await runSuites({ session: { blender, addons: [ADDON] }, paths: [CRASH], workers: 1, timeoutMs: 4000 });
    const file = `${CRASH}/test_recovery.py`;
    expect(harnessVerdicts(outcome.results)).toEqual({
      [`${file}::test_case[before]`]: 'passed',
      [`${file}::test_case[crash]`]: 'failed',
      [`${file}::test_case[after]`]: 'passed',
      [`${file}::test_hang`]: 'failed',
      [`${file}::test_after_hang`]: 'passed',
      [`${file}::test_builds_a_scene`]: 'passed',
      [`${file}::test_keeps_that_scene`]: 'passed',
      [`${file}::test_needs_the_addon`]: 'passed',
    });
    expect(outcome.results.find((r) => r.id === `${file}::test_case[crash]`)).toMatchObject({
      kind: 'crash',
      message: expect.stringMatching(/SIGSEGV/),
    });
    expect(outcome.results.find((r) => r.id === `${file}::test_hang`)).toMatchObject({
      kind: 'timeout',
      message: expect.stringMatching(/timed out after 4 s/),
    });
    expect(outcome.restarts).toBe(2);
    expect(outcome.cleanup.clean).toBe(true);
  });

  it('loads a fresh scene before each test, except where a test, a module or a scoped fixture keeps it', async () => {
    const paths = ['fixtures/suites/fresh_scene'];
    const fresh = await runSuites({ session: { blender }, paths, workers: 2, timeoutMs: 30_000, pytestArgs: ['--strict-markers'] });
    const failed = fresh.results.filter((r) => r.outcome !== 'passed').map((r) => `${r.id}: ${r.message ?? r.skipReason}`);
    expect(failed).toEqual([]);
    expect(fresh.results).toHaveLength(9);
    // The whole run opted out: the scene carries over, so the test that wants a fresh one fails.
    const kept = await runSuites({ session: { blender }, paths, workers: 1, timeoutMs: 30_000, freshScene: false });
    expect(kept.results.filter((r) => r.outcome === 'failed').map((r) => r.id)).toEqual(
      expect.arrayContaining(['fixtures/suites/fresh_scene/test_scenes.py::test_gets_a_fresh_scene']),
    );
  });

  it('warns of a unittest-named module pytest passed over, and is quiet once python_files takes it', async () => {
    const paths = ['fixtures/suites/unittest_named'];
    const ids = (o: RunOutcome): string[] => o.results.filter((r) => r.id.includes('::')).map((r) => r.id);
    const plain = await runSuites({ session: { blender }, paths, timeoutMs: 30_000 });
    expect(ids(plain)).toEqual(['fixtures/suites/unittest_named/test_plain.py::test_plain']);
    expect(plain.warnings).toHaveLength(1);
    expect(plain.warnings[0]).toMatch(/^fixtures\/suites\/unittest_named\/testIntegration\.py holds tests .*`python_files = test\*\.py`/);
    const all = await runSuites({ session: { blender }, paths, timeoutMs: 30_000, pytestArgs: ['-o', 'python_files=test*.py'] });
    expect(ids(all)).toContain('fixtures/suites/unittest_named/testIntegration.py::TestIntegration::test_runs');
    expect(all.warnings).toEqual([]);
  });

  it("explains an addopts option whose plugin Blender's Python lacks, and the way around it", async () => {
    const failed = await cli('test', '--blender', blender, 'fixtures/suites/plugin_addopts');
    expect(failed.code).toBe(2);
    expect(failed.err).toMatch(/pytest could not start the session \(exit code 4\): \S+: error: unrecognized arguments: --cov=my_addon/);
    expect(failed.err).toContain('--pytest-arg=-oaddopts=');
    expect(failed.err).toContain('--coverage (input coverage)');
    const cleared = await cli('test', '--blender', blender, 'fixtures/suites/plugin_addopts', '--pytest-arg=-oaddopts=');
    expect(cleared.code, cleared.err).toBe(0);
    expect(cleared.out).toMatch(/2 passed, 0 failed/);
  });

  it('runs the tests of a shared class or module fixture in one Blender, in order, whatever the workers and shards', async () => {
    const paths = ['fixtures/suites/scoped_steps'];
    const tests = (o: RunOutcome): TestResult[] => o.results.filter((r) => r.id.includes('::'));
    const failures = (o: RunOutcome): string[] => o.results.filter((r) => r.outcome !== 'passed').map((r) => `${r.id}: ${r.message}`);
    // Split apart, the class's second step finds setUpClass's list empty and the module's second test the tag gone.
    const two = await runSuites({ session: { blender }, paths, workers: 2, timeoutMs: 30_000 });
    expect(failures(two)).toEqual([]);
    expect(tests(two)).toHaveLength(11);
    const ids: string[] = [];
    for (const index of [1, 2]) {
      const part = await runSuites({ session: { blender }, paths, shard: { index, count: 2 }, timeoutMs: 30_000 });
      expect(failures(part)).toEqual([]);
      ids.push(...tests(part).map((r) => r.id));
    }
    expect(ids.sort()).toEqual(
      tests(two)
        .map((r) => r.id)
        .sort(),
    );
  });

  it("runs a repository's suite as its own pytest configuration says, with no path named", async () => {
    // pyproject.toml: testpaths, python_files = *_test.py, markers, addopts; the suite's own
    // conftest enables the add-on, which --addon-path only makes importable.
    const cwd = process.cwd();
    process.chdir(REPO);
    let result;
    try {
      result = await cli('test', '--blender', blender, '--addon-path', 'repo_addon', '--pytest-arg=--strict-markers');
    } finally {
      process.chdir(cwd);
    }
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    for (const id of [
      'tests/ops_test.py::test_add_grid_adds_count_empties[3]',
      'tests/ops_test.py::test_positions_are_spaced',
      'tests/ops_test.py::test_render_engine_is_set',
    ]) {
      expect(result.out).toContain(id);
    }
    expect(result.out).not.toContain('never_collected');
    expect(result.out.trimEnd().split('\n').at(-1)).toBe('6 passed, 0 failed, 0 skipped');
  });

  it('reports through the CLI: node ids, xfail as TAP TODO and JUnit skipped, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bh-pytest-'));
    const tap = join(dir, 'r.tap');
    const junit = join(dir, 'j.xml');
    const cwd = process.cwd();
    process.chdir(PROJECT);
    let result;
    try {
      result = await cli(
        'test',
        'tests/test_marks.py',
        'tests/test_fixtures.py::test_parametrize',
        '--blender',
        blender,
        '--tap',
        tap,
        '--junit',
        junit,
      );
    } finally {
      process.chdir(cwd);
    }
    expect(result.code).toBe(1); // the strict XPASS fails
    expect(result.out).toMatch(/tests\/test_fixtures\.py::test_parametrize\[five\]/);
    expect(result.out).not.toMatch(/test_params_with_ids/);
    expect(result.out.trimEnd().split('\n').at(-1)).toBe('6 passed, 1 failed, 4 skipped'); // 5 + the cleanup check
    const text = readFileSync(tap, 'utf8');
    expect(text).toMatch(/^not ok \d+ - tests\/test_marks\.py::test_xfail # TODO known bug$/m);
    const parser = new Parser({ strict: true });
    let final: FinalResults | undefined;
    parser.on('complete', (r: FinalResults) => (final = r));
    parser.end(text);
    // tap-parser counts a TODO point among the failures too; only the strict XPASS fails the run.
    expect(final).toMatchObject({ count: 11, todo: 1, skip: 3 });
    expect(final?.failures.filter((f) => !f.todo).map((f): unknown => f.name)).toEqual(['tests/test_marks.py::test_xpass_strict']);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(junit, 'utf8')) as {
      testsuites: {
        tests: string;
        skipped: string;
        testsuite: { testcase: { name: string; skipped?: { message: string; type?: string } }[] }[];
      };
    };
    expect(Number(xml.testsuites.skipped)).toBe(4);
    const cases = xml.testsuites.testsuite.flatMap((s) => s.testcase);
    expect(cases.find((c) => c.name === 'test_xfail')?.skipped).toMatchObject({ type: 'pytest.xfail', message: 'xfail: known bug' });
  });
});
