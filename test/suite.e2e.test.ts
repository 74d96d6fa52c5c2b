import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Parser, type FinalResults } from 'tap-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { runSuites, type RunOutcome, type TestResult } from '../src/suite/index.js';
import { bootstrapScript } from '../src/session/index.js';
import { listProcesses } from '../src/session/processes.js';
import { testBlenders } from './helpers/blender.js';

const KNOWN = 'fixtures/suites/known';
const RUNS = ['python3 fixtures/commands/tap_with_subtest.py', 'python3 fixtures/commands/ping_exit.py'];

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const verdicts = (results: TestResult[]): Record<string, string> =>
  Object.fromEntries(results.map((r) => [r.id, r.outcome === 'failed' ? `failed:${r.kind}` : r.outcome]));

const byId = (results: TestResult[], id: string): TestResult | undefined => results.find((r) => r.id === id);

/** Blenders running this checkout's bootstrap: another clone's test run is not ours to count. */
function blenderCount(): number {
  return listProcesses().filter((p) => p.command.includes(bootstrapScript()) && p.state !== 'Z').length;
}

describe.each(testBlenders())('on Blender $name', ({ path: blender }) => {
  describe('the known-outcome suite through the CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bh-suite-'));
    const tap = join(dir, 'out.tap');
    const junit = join(dir, 'out.xml');
    let run: { code: number; out: string; err: string };

    beforeAll(async () => {
      run = await cli(
        'test',
        KNOWN,
        '--blender',
        blender,
        '--timeout',
        '3',
        '--tap',
        tap,
        '--junit',
        junit,
        ...RUNS.flatMap((r) => ['--run', r]),
      );
    });

    it('exits 1 and ends with the exact counts', () => {
      expect(run.code).toBe(1);
      const last = run.out.trimEnd().split('\n').at(-1);
      // 15 tests passed plus the cleanup check; 8 failed; 3 skipped.
      expect(last).toBe('16 passed, 8 failed, 3 skipped');
    });

    it('reports the crash and the hang as such, and runs the tests after them', () => {
      expect(run.out).toMatch(/test_segfault .*\[crash\]/);
      expect(run.out).toMatch(/Blender was killed by SIGSEGV while running this test/);
      expect(run.out).toMatch(/test_hangs .*\[timeout\]/);
      expect(run.out).toMatch(/timed out after 3 s/);
      expect(run.out).toMatch(/ok +fixtures\/suites\/known\/test_outcomes.py::test_runs_after_crash/);
      expect(run.out).toMatch(/ok +fixtures\/suites\/known\/test_outcomes.py::test_runs_after_hang/);
      expect(run.out).toMatch(/cleanup: clean/);
      expect(blenderCount()).toBe(0);
    });

    it('writes TAP that parses cleanly with the same counts', () => {
      const text = readFileSync(tap, 'utf8');
      const parser = new Parser({ strict: true });
      let final: FinalResults | undefined;
      parser.on('complete', (r: FinalResults) => (final = r));
      parser.end(text);
      expect(final?.ok).toBe(false);
      expect(final?.count).toBe(27);
      expect(final?.fail).toBe(8);
      expect(final?.skip).toBe(3);
      expect(final?.pass).toBe(19); // tap-parser counts skips as passes too
      expect(final?.failures.filter((f) => 'tapError' in f && f.tapError)).toEqual([]);
      expect(text).toContain('not ok');
      expect(text).toMatch(/fixtures\/suites\/known\/test_outcomes.py::test_assertion_fails/);
      expect(text).toMatch(/# SKIP not on this machine/);
    });

    it('writes well-formed JUnit with the same counts', () => {
      const xml = readFileSync(junit, 'utf8');
      expect(XMLValidator.validate(xml)).toBe(true);
      const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
        testsuites: { tests: string; failures: string; errors: string; skipped: string };
      };
      const { tests, failures, errors, skipped } = doc.testsuites;
      expect(Number(tests)).toBe(27);
      expect(Number(failures) + Number(errors)).toBe(8);
      expect(Number(skipped)).toBe(3);
    });
  });

  describe('the known-outcome suite through runSuites', () => {
    let one: RunOutcome;

    beforeAll(async () => {
      one = await runSuites({ session: { blender }, paths: [KNOWN], runCommands: RUNS, workers: 1, timeoutMs: 3000 });
    });

    it('gives each failure its kind, message and location', () => {
      const r = one.results;
      expect(byId(r, `${KNOWN}/test_outcomes.py::test_assertion_fails`)).toMatchObject({
        outcome: 'failed',
        kind: 'assertion',
        errorType: 'AssertionError',
        message: expect.stringMatching(/^expected 99 objects/),
        file: `${KNOWN}/test_outcomes.py`,
        line: 13,
      });
      expect(byId(r, `${KNOWN}/test_outcomes.py::test_raises_error`)).toMatchObject({ kind: 'error', errorType: 'KeyError', line: 17 });
      expect(byId(r, `${KNOWN}/test_outcomes.py::CubeTests::test_cube_missing`)).toMatchObject({ kind: 'assertion', line: 46 });
      expect(byId(r, `${KNOWN}/test_broken_import.py`)).toMatchObject({ kind: 'import', errorType: 'ModuleNotFoundError', line: 3 });
      expect(byId(r, `${KNOWN}/test_broken_import.py`)?.traceback).not.toContain('<frozen');
      expect(byId(r, `${KNOWN}/steps.yaml > mismatching expectation`)).toMatchObject({
        kind: 'assertion',
        message: 'expected result 5, got 4',
        line: 10,
      });
      expect(byId(r, `${KNOWN}/test_outcomes.py::test_skipped`)).toMatchObject({ outcome: 'skipped', skipReason: 'not on this machine' });
      // Blender's crash report travels with the crash; the throwaway profile does not keep it.
      // The test's own frame survives however many C frames the Blender prints before it.
      const crash = byId(r, `${KNOWN}/test_outcomes.py::test_segfault`)?.traceback ?? '';
      expect(crash).toMatch(/^Blender's crash report:\n# Blender \d/);
      expect(crash).toMatch(/# Python backtrace[^\n]*\n(.*\n)*\s*File "[^"]*test_outcomes\.py", line 25 in test_segfault/);
      expect(crash).not.toContain('_pytest/runner.py');
      expect(one.restarts).toBe(2);
      expect(one.cleanup.clean).toBe(true);
    });

    it('merges external TAP with nested subtests and judges plain commands by exit code', () => {
      const r = one.results;
      const tapSuite = `run: ${RUNS[0]}`;
      expect(
        byId(r, `${tapSuite} > blender answered with 4 objects`)?.outcome ??
          byId(r, `${tapSuite} > blender answered with 3 objects`)?.outcome,
      ).toBe('passed');
      expect(byId(r, `${tapSuite} > nested group > inner passes`)?.outcome).toBe('passed');
      expect(byId(r, `${tapSuite} > nested group > inner fails`)).toMatchObject({ outcome: 'failed', message: 'the inner check failed' });
      expect(byId(r, `${tapSuite} > nested group`)).toBeUndefined(); // not counted twice
      const plain = byId(r, `run: ${RUNS[1]} > exit code`);
      expect(plain?.outcome).toBe('passed');
      expect(plain?.stdout).toContain('blender says pong and BLENDER_PATH is');
    });

    it('gives the same results with two workers', async () => {
      const two = await runSuites({ session: { blender }, paths: [KNOWN], runCommands: RUNS, workers: 2, timeoutMs: 3000 });
      const normalise = (v: Record<string, string>): Record<string, string> =>
        Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/with \d objects/, 'with N objects'), x]));
      expect(normalise(verdicts(two.results))).toEqual(normalise(verdicts(one.results)));
      expect(two.cleanup.clean).toBe(true);
    });

    it('splits into three shards whose union is the whole suite, each test once', async () => {
      const ids: string[] = [];
      for (const i of [1, 2, 3]) {
        const part = await runSuites({ session: { blender }, paths: [KNOWN], workers: 1, timeoutMs: 3000, shard: { index: i, count: 3 } });
        expect(part.cleanup.clean).toBe(true);
        ids.push(...part.results.map((r) => r.id));
      }
      const all = one.results.filter((r) => !r.suite.startsWith('run: ')).map((r) => r.id);
      // The import error is found while collecting, so every shard reports it.
      const importId = `${KNOWN}/test_broken_import.py`;
      const withoutImport = ids.filter((id) => id !== importId);
      expect(new Set(withoutImport).size).toBe(withoutImport.length);
      expect([...new Set(ids)].sort()).toEqual([...all].sort());
    });
  });

  describe('Python test features', () => {
    it('reports subTest failures, runs async tests, allows asyncio.run, collects by pytest rules', async () => {
      const outcome = await runSuites({ session: { blender }, paths: ['fixtures/suites/python_features'], timeoutMs: 30_000 });
      const suite = 'fixtures/suites/python_features/test_features.py';
      expect(verdicts(outcome.results)).toEqual({
        [`${suite}::SubTests::test_one_subtest_fails`]: 'failed:assertion',
        [`${suite}::test_async_function_runs`]: 'passed',
        [`${suite}::test_async_function_fails`]: 'failed:assertion',
        [`${suite}::test_uses_asyncio_run`]: 'passed',
        [`${suite}::test_pytest_fail_is_a_failure`]: 'failed:assertion',
        [`${suite}::test_pytest_skip_skips`]: 'skipped',
        [`${suite}::test_faulthandler_can_be_enabled`]: 'passed',
      });
      expect(byId(outcome.results, `${suite}::SubTests::test_one_subtest_fails`)?.message).toBe('2 == 2');
      expect(byId(outcome.results, `${suite}::test_async_function_fails`)).toMatchObject({
        message: expect.stringMatching(/^raised after an await/),
        line: 22,
      });
    });

    it('skips the rest of a HARNESS_RESET = False module once a test crashes Blender', async () => {
      const outcome = await runSuites({ session: { blender }, paths: ['fixtures/suites/shared_crash'], timeoutMs: 30_000 });
      const suite = 'fixtures/suites/shared_crash/test_shared_crash.py';
      expect(verdicts(outcome.results)).toEqual({
        [`${suite}::test_builds_state`]: 'passed',
        [`${suite}::test_crashes`]: 'failed:crash',
        [`${suite}::test_needs_the_state`]: 'skipped',
      });
      expect(byId(outcome.results, `${suite}::test_needs_the_state`)?.skipReason).toContain('test_crashes crashed Blender');
      expect(outcome.cleanup.clean).toBe(true);
    });

    it('times a test without the fresh-scene load before it', async () => {
      // The module makes every scene load sleep 0.4 s; the test itself takes microseconds.
      const outcome = await runSuites({ session: { blender }, paths: ['fixtures/suites/durations'], timeoutMs: 30_000 });
      const [result] = outcome.results;
      expect(result).toMatchObject({ name: 'test_quick', outcome: 'passed' });
      expect(result?.durationMs).toBeLessThan(300);
      expect(outcome.durationMs).toBeGreaterThan(400);
    });
  });

  describe('usage and setup errors exit 2', () => {
    it('reports malformed suite files by file, step and key, and still runs the good one', async () => {
      const { code, out, err } = await cli('test', 'fixtures/suites/malformed', '--blender', blender);
      expect(code).toBe(2);
      expect(err).toMatch(/fixtures\/suites\/malformed\/unknown_key\.yaml:\d+: step 2 \(typo\): unknown key "expct"/);
      expect(err).toMatch(/fixtures\/suites\/malformed\/no_request\.json:\d+: step 1 \(nothing to send\): needs exactly one of "send"/);
      expect(err).toMatch(/fixtures\/suites\/malformed\/bad_yaml\.yaml:\d+: not valid YAML\/JSON/);
      expect(out).toMatch(/ok +fixtures\/suites\/malformed\/good.yaml > step 1/);
    });

    it('refuses bad flags and empty paths before starting Blender', async () => {
      const reportFolder = mkdtempSync(join(tmpdir(), 'bh-reports-'));
      const badArgs = [
        ['--workers', '0'],
        ['--shard', '4/3'],
        ['--bogus'],
        ['--timeout', 'soon'],
        ['--tap', '/dev/null/results.tap'],
        ['--junit', reportFolder],
        ['--addon', 'no/such/addon'],
      ];
      for (const args of badArgs) {
        const { code, err } = await cli('test', KNOWN, '--blender', blender, ...args);
        expect(code, args.join(' ')).toBe(2);
        expect(err).toMatch(/blender-harness test: /);
      }
      // pytest's options, as authors type them, are pointed at --pytest-arg.
      const pytestFlag = await cli('test', KNOWN, '--blender', blender, '-x');
      expect(pytestFlag.err).toBe(
        "blender-harness test: unknown option -x. pytest's own options go through --pytest-arg (--pytest-arg=-x). See blender-harness test --help.\n",
      );
      const empty = mkdtempSync(join(tmpdir(), 'bh-empty-'));
      const none = await cli('test', empty, '--blender', blender);
      expect(none.code).toBe(2);
      expect(none.err).toContain('no suites found');
      const missing = await cli('test', 'no/such/dir', '--blender', blender);
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('no/such/dir: no such file or folder');
      expect(blenderCount()).toBe(0);
    });
  });
});
