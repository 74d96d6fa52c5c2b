import { beforeAll, describe, expect, it } from 'vitest';
import { runSuites, type RunOutcome, type TestResult } from '../src/suite/index.js';
import { testBlenders } from './helpers/blender.js';

const DIR = 'fixtures/suites/python_side';
const SUITE = `${DIR}/tests/test_python_side.py`;
const ADDON = `${DIR}/addon/bh_side_tools`;
const SINGLE = `${DIR}/addon/bh_side_single.py`;

const result = (outcome: RunOutcome, name: string): TestResult => {
  const found = outcome.results.find((r) => r.id === `${SUITE}::${name}`);
  if (!found) throw new Error(`no result for ${name}: ${outcome.results.map((r) => r.id).join(', ')}`);
  return found;
};

describe.each(testBlenders())('the Blender-side Python on Blender $name', ({ path: blender }) => {
  let run: RunOutcome;

  beforeAll(async () => {
    // One worker: the tests run in file order, so each state-leak check follows its leak.
    run = await runSuites({ session: { blender, addons: [ADDON, SINGLE] }, paths: [`${DIR}/tests`], workers: 1, timeoutMs: 30_000 });
  });

  it("shows pytest's traceback of the user's frames, and the location in the test module", () => {
    const plain = result(run, 'test_traceback_is_the_users');
    expect(plain).toMatchObject({ kind: 'error', errorType: 'KeyError', message: "'missing key'", file: SUITE, line: 7 });
    expect(plain.traceback).toMatch(
      /test_python_side\.py:11: [\s\S]*raise KeyError\("missing key"\)[\s\S]*test_python_side\.py:7: KeyError/,
    );
    expect(plain.traceback).not.toMatch(/_pytest|pluggy|harness_server|bootstrap\.py/);

    const chained = result(run, 'test_chained_cause_is_kept');
    expect(chained).toMatchObject({ kind: 'error', errorType: 'RuntimeError', message: 'wrapped', file: SUITE, line: 47 });
    expect(chained.traceback).toMatch(/KeyError: 'missing key'[\s\S]*direct cause[\s\S]*RuntimeError: wrapped/);
    expect(chained.traceback).not.toMatch(/_pytest|pluggy|harness_server|bootstrap\.py/);

    // User code that the harness's own helper calls back: located at the user's line.
    const through = result(run, 'test_error_raised_through_harness_code');
    expect(through).toMatchObject({ kind: 'error', errorType: 'LookupError', file: SUITE, line: 32 });
  });

  it("points tracebacks and locations at the add-on's source, not its installed copy", () => {
    const folder = result(run, 'test_addon_error_points_at_source');
    expect(folder).toMatchObject({ errorType: 'ValueError', file: SUITE, line: 17 });
    expect(folder.traceback).toContain(`${ADDON}/__init__.py:12: ValueError`);
    expect(folder.traceback).toContain('raise ValueError("cannot halve a negative number")');
    expect(folder.traceback).not.toContain('scripts/addons');

    const single = result(run, 'test_single_file_addon_error_points_at_source');
    expect(single.traceback).toContain(`${SINGLE}:12: TypeError`);
    expect(single.traceback).toContain('raise TypeError("cannot double nothing")');
    expect(single.traceback).not.toContain('scripts/addons');

    // A SyntaxError's location is the broken file itself: the author's, not the copy.
    const syntax = result(run, 'test_addon_syntax_error_points_at_source');
    expect(syntax).toMatchObject({ errorType: 'SyntaxError', file: `${ADDON}/broken_syntax.py`, line: 3 });
    expect(syntax.traceback).toContain(`/${ADDON}/broken_syntax.py", line 3`);
    expect(syntax.traceback).not.toContain('scripts/addons');
  });

  it('restores the working folder after a test changes it', () => {
    expect(result(run, 'test_changes_cwd').outcome).toBe('passed');
    expect(result(run, 'test_cwd_is_restored')).toMatchObject({ outcome: 'passed' });
  });

  it('enables again, for the next fresh scene, an add-on a test disabled', () => {
    expect(result(run, 'test_disables_addon').outcome).toBe('passed');
    expect(result(run, 'test_addon_is_enabled_again')).toMatchObject({ outcome: 'passed' });
  });

  it('never passes a test function that yields (pytest refuses yield tests)', () => {
    // pytest 7 marks them xfail(run=False), pytest 8.4+ fails their module's collection.
    const file = `${DIR}/tests/test_yield_tests.py`;
    const found = run.results.filter((r) => r.id.startsWith(file));
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) expect(r.outcome, r.id).not.toBe('passed');
    expect(found.map((r) => `${r.skipReason ?? ''} ${r.message ?? ''}`).join('\n')).toMatch(/yield/);
    expect(run.cleanup.clean).toBe(true);
  });
});
