import { beforeAll, describe, expect, it } from 'vitest';
import { runSuites, type RunOutcome, type TestResult } from '../src/suite/index.js';
import { testBlenders } from './helpers/blender.js';

const DIR = 'fixtures/suites/python_side';
const SUITE = `${DIR}/tests/test_python_side.py`;
const ADDON = `${DIR}/addon/bh_side_tools`;
const SINGLE = `${DIR}/addon/bh_side_single.py`;

const result = (outcome: RunOutcome, name: string): TestResult => {
  const found = outcome.results.find((r) => r.id === `${SUITE} > ${name}`);
  if (!found) throw new Error(`no result for ${name}: ${outcome.results.map((r) => r.id).join(', ')}`);
  return found;
};

/** A traceback's `File "..."` paths, in order. */
const frameFiles = (traceback: string | undefined): string[] => [...(traceback ?? '').matchAll(/File "([^"]+)"/g)].map((m) => m[1] as string);

describe.each(testBlenders())('the Blender-side Python on Blender $name', ({ path: blender }) => {
  let run: RunOutcome;

  beforeAll(async () => {
    // One worker: the tests run in file order, so each state-leak check follows its leak.
    run = await runSuites({ session: { blender, addons: [ADDON, SINGLE] }, paths: [`${DIR}/tests`], workers: 1, timeoutMs: 30_000 });
  });

  it('shows no harness frames in a traceback, keeping the user frames and the cause', () => {
    const through = result(run, 'test_error_raised_through_harness_code');
    expect(through).toMatchObject({ kind: 'error', errorType: 'LookupError', file: SUITE, line: 32 });
    expect(frameFiles(through.traceback)).toEqual([expect.stringMatching(/test_python_side\.py$/), expect.stringMatching(/test_python_side\.py$/)]);
    expect(through.traceback).toMatch(/line 40, in test_error_raised_through_harness_code[\s\S]*line 32, in __repr__/);
    expect(through.traceback).not.toMatch(/harness_server|bootstrap\.py/);

    const chained = result(run, 'test_chained_cause_is_kept');
    expect(chained).toMatchObject({ kind: 'error', errorType: 'RuntimeError', message: 'wrapped', file: SUITE, line: 47 });
    expect(chained.traceback).toMatch(/line 7, in helper_that_fails[\s\S]*KeyError: 'missing key'[\s\S]*direct cause[\s\S]*line 47, in test_chained_cause_is_kept[\s\S]*RuntimeError: wrapped/);
    expect(chained.traceback).not.toMatch(/harness_server|bootstrap\.py/);

    const plain = result(run, 'test_traceback_is_the_users');
    expect(plain).toMatchObject({ errorType: 'KeyError', file: SUITE, line: 7 });
    expect(frameFiles(plain.traceback)).toHaveLength(2);
  });

  it("points tracebacks and locations at the add-on's source, not its installed copy", () => {
    const folder = result(run, 'test_addon_error_points_at_source');
    expect(folder).toMatchObject({ errorType: 'ValueError', file: SUITE, line: 17 });
    expect(frameFiles(folder.traceback).at(-1)).toMatch(new RegExp(`/${ADDON}/__init__\\.py$`));
    expect(folder.traceback).toContain('raise ValueError("cannot halve a negative number")');
    expect(folder.traceback).not.toContain('scripts/addons');

    const single = result(run, 'test_single_file_addon_error_points_at_source');
    expect(frameFiles(single.traceback).at(-1)).toMatch(new RegExp(`/${SINGLE.replace(/\./g, '\\.')}$`));
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

  it('reports a test function that yields as an error instead of passing it unrun', () => {
    expect(result(run, 'test_generator_is_not_a_test')).toMatchObject({
      outcome: 'failed',
      kind: 'error',
      errorType: 'TypeError',
      message: expect.stringContaining('test functions must not yield'),
      file: SUITE,
      line: 72,
    });
    expect(result(run, 'test_async_yields')).toMatchObject({ outcome: 'failed', kind: 'error', errorType: 'TypeError', line: 77 });
    expect(run.cleanup.clean).toBe(true);
  });
});
