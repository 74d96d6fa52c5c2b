import { Parser, type FinalResults, type Result } from 'tap-parser';
import { describe, expect, it } from 'vitest';
import type { TestResult } from '../suite/results.js';
import { formatTap } from './tap.js';
import * as fx from '../../test/helpers/report-fixtures.js';

interface Parsed {
  final: FinalResults;
  asserts: Result[];
  /** Spec violations and non-TAP lines; never test points. */
  errors: unknown[];
}

function parse(tap: string): Promise<Parsed> {
  return new Promise((resolve) => {
    // strict: any line that isn't TAP is an error, so sloppy output can't hide.
    const parser = new Parser({ strict: true });
    const asserts: Result[] = [];
    const extra: string[] = [];
    parser.on('assert', (a: Result) => asserts.push(a));
    parser.on('extra', (line: string) => extra.push(line));
    parser.on('complete', (final: FinalResults) => {
      const tapErrors = final.failures.filter((f) => f.tapError);
      resolve({ final, asserts, errors: [...tapErrors, ...extra] });
    });
    parser.end(tap);
  });
}

function byName(asserts: Result[], name: string): Result {
  const found = asserts.find((a) => a.name === name);
  if (!found) throw new Error(`no test point named ${name}: ${asserts.map((a) => a.name).join(', ')}`);
  return found;
}

describe('formatTap', () => {
  it('writes a TAP 14 stream that parses cleanly with the right counts', async () => {
    const tap = formatTap(fx.all, fx.cleanCleanup);
    expect(tap.startsWith('TAP version 14\n1..10\n')).toBe(true);
    const { final, asserts, errors } = await parse(tap);
    expect(errors).toEqual([]);
    expect(final.bailout).toBe(false);
    expect(final.plan.end).toBe(10);
    expect(final.count).toBe(10);
    expect(final.fail).toBe(5);
    expect(final.skip).toBe(1);
    // tap-parser counts skips as passes; 3 real passes + the cleanup check + 1 skip.
    expect(final.pass).toBe(5);
    expect(final.pass - final.skip).toBe(4);
    expect(asserts.map((a) => a.name)).toEqual([...fx.all.map((r) => r.id), 'cleanup: nothing left running']);
  });

  it('puts message, kind, file, line and the traceback in the failing point diagnostics', async () => {
    const { asserts } = await parse(formatTap(fx.all));
    const point = byName(asserts, fx.assertionFailure.id);
    expect(point.ok).toBe(false);
    expect(point.diag).toMatchObject({
      message: fx.assertionFailure.message,
      errorType: 'AssertionError',
      kind: 'assertion',
      file: fx.assertionFailure.file,
      line: 27,
      traceback: fx.assertionFailure.traceback,
      stdout: 'Added modifier SUBSURF\n',
    });
    // tap-parser lifts duration_ms out of the diagnostics into `time`.
    expect(point.time).toBe(73);

    const crash = byName(asserts, fx.crash.id);
    expect(crash.diag).toMatchObject({
      kind: 'crash',
      message: 'Blender was killed by SIGSEGV while running this test; it was restarted for the next test',
    });
    expect(byName(asserts, fx.timeout.id).diag).toMatchObject({ kind: 'timeout' });
    expect(byName(asserts, fx.importError.id).diag).toMatchObject({
      kind: 'import',
      errorType: 'ModuleNotFoundError',
      file: 'tests/test_io.py',
      line: 3,
    });
  });

  it('emits the traceback as a YAML block scalar indented under the point', () => {
    const tap = formatTap([fx.assertionFailure]);
    expect(tap).toContain('\n  ---\n');
    expect(tap).toMatch(/\n {2}traceback: \|.*\n {4}Traceback \(most recent call last\):\n/);
    expect(tap).toContain('\n  ...\n');
  });

  it('gives durations to the microsecond, not float noise', () => {
    const text = formatTap([{ ...fx.assertionFailure, durationMs: 79.09742500000016 }]);
    expect(text).toMatch(/^ {2}duration_ms: 79\.097$/m);
  });

  it('marks skips with a directive and an escaped reason', async () => {
    const tap = formatTap([fx.skipped]);
    expect(tap).toContain('ok 1 - tests/test_gpu.py > test_eevee_viewport # SKIP needs a GPU \\# none on hosted runners');
    const { asserts, final } = await parse(tap);
    expect(final.skip).toBe(1);
    expect(asserts[0]?.skip).toBe('needs a GPU # none on hosted runners');
  });

  it('writes an expected failure (xfail) as a TODO point that does not fail the stream', async () => {
    const xfail: TestResult = {
      id: 'tests/test_io.py::test_legacy[fbx]',
      suite: 'tests/test_io.py',
      name: 'test_legacy[fbx]',
      outcome: 'skipped',
      skipReason: 'xfail: known bug',
      xfail: 'known bug',
      durationMs: 3,
    };
    const tap = formatTap([xfail, fx.passed]);
    expect(tap).toContain('not ok 1 - tests/test_io.py::test_legacy[fbx] # TODO known bug');
    const { asserts, final } = await parse(tap);
    expect(final.ok).toBe(true);
    expect(final.todo).toBe(1);
    expect(asserts[0]?.todo).toBe('known bug');
  });

  it('escapes # and \\ in names so they round-trip', async () => {
    const names = [
      'test_issue #12 # TODO not a directive',
      'test_path C:\\Users\\ci\\ # SKIP fake',
      'ends with backslash \\',
      'ends with brace {',
      '#leading hash',
    ];
    const results: TestResult[] = names.map((name, i) => ({
      id: `tests/test_names.py > ${name}`,
      suite: 'tests/test_names.py',
      name,
      outcome: i % 2 === 0 ? 'passed' : 'failed',
      kind: 'assertion',
      durationMs: 1,
    }));
    const { asserts, errors, final } = await parse(formatTap(results));
    expect(errors).toEqual([]);
    expect(final.skip).toBe(0);
    expect(final.todo).toBe(0);
    expect(final.count).toBe(names.length);
    // A trailing `{` would open a TAP 14 buffered subtest; it is kept, followed by U+200B.
    expect(asserts.map((a) => a.name.replace(/\u200b$/, ''))).toEqual(results.map((r) => r.id));
  });

  it('keeps a point on one line when a name has newlines or control characters', async () => {
    const r: TestResult = { ...fx.passed, id: 'suites/a.yaml > step\nnot ok 99 - injected\r\u0007', durationMs: 1 };
    const { final, errors } = await parse(formatTap([r]));
    expect(errors).toEqual([]);
    expect(final.count).toBe(1);
    expect(final.fail).toBe(0);
  });

  it('round-trips awkward diagnostics: CRLF, colour codes, control characters, YAML lookalikes', async () => {
    const traceback = 'Traceback:\r\n\u001b[31m  red\u001b[0m\r\n---\n...\n- item: x\n\n\n';
    const message = 'yes';
    const r: TestResult = { ...fx.errorFailure, message, traceback, stderr: 'null\u0000byte' };
    const { asserts, errors } = await parse(formatTap([r, fx.passed]));
    expect(errors).toEqual([]);
    expect(asserts).toHaveLength(2);
    expect(asserts[0]?.diag).toMatchObject({
      message: 'yes',
      traceback: traceback.replace(/\r\n/g, '\n'),
      stderr: 'null\u0000byte',
    });
  });

  it('reports a leaking cleanup as a failing point listing the leftovers', async () => {
    const { asserts, final, errors } = await parse(formatTap([fx.passed], fx.leakCleanup));
    expect(errors).toEqual([]);
    expect(final.fail).toBe(1);
    const point = byName(asserts, 'cleanup: nothing left running');
    expect(point.ok).toBe(false);
    expect(point.diag).toMatchObject({
      kind: 'leak',
      port_bound: 51234,
      leftovers: [
        { pid: 4242, command: 'blender --background --python bootstrap.py', found: 'group', killed: true },
        { pid: 4250, command: 'python3 -m http.server 8000', found: 'tag', killed: true },
      ],
    });
    const diag = point.diag as Record<string, unknown>;
    expect(String(diag.message)).toContain('2 processes left behind');
    expect(String(diag.stopped)).toContain('SIGKILL');
  });

  it('a clean cleanup is a passing point without diagnostics', async () => {
    const { asserts } = await parse(formatTap([], fx.cleanCleanup));
    expect(asserts).toHaveLength(1);
    expect(asserts[0]).toMatchObject({ ok: true, name: 'cleanup: nothing left running', diag: null });
  });

  it('writes any subset with a bail out for a cancelled run', async () => {
    const tap = formatTap(fx.all.slice(0, 3), fx.cleanCleanup, { bailOut: 'cancelled # by the runner (SIGINT)' });
    expect(tap.endsWith('Bail out! cancelled \\# by the runner (SIGINT)\n')).toBe(true);
    const { final, errors } = await parse(tap);
    expect(errors).toEqual([]);
    expect(final.bailout).toBe('cancelled # by the runner (SIGINT)');
    expect(final.count).toBe(4);
  });

  it('writes a valid skip-all stream when nothing ran', async () => {
    const tap = formatTap([]);
    expect(tap).toBe('TAP version 14\n1..0 # no tests ran\n');
    const { final, errors } = await parse(tap);
    expect(errors).toEqual([]);
    expect(final.ok).toBe(true);
    expect(final.plan.skipAll).toBe(true);
  });
});
