import { describe, expect, it } from 'vitest';
import type { TestResult } from '../suite/results.js';
import { cleanupAsResult, createConsoleReporter, describeStops, formatDuration, type ConsoleReporterOptions } from './console.js';
import type { CleanupReport } from '../session/types.js';
import * as fx from '../../test/helpers/report-fixtures.js';

const ESC = '\u001b';

function run(
  results: TestResult[],
  cleanup?: CleanupReport,
  options?: ConsoleReporterOptions,
): { text: string; lines: string[]; chunks: string[] } {
  const chunks: string[] = [];
  const reporter = createConsoleReporter((s) => chunks.push(s), options);
  for (const r of results) reporter.onResult(r);
  reporter.finish(results, cleanup);
  const text = chunks.join('');
  return { text, lines: text.replace(/\n$/, '').split('\n'), chunks };
}

describe('createConsoleReporter', () => {
  it('writes one line per test as it finishes, with duration and crash/timeout kind', () => {
    const chunks: string[] = [];
    const reporter = createConsoleReporter((s) => chunks.push(s));
    reporter.onResult(fx.passed);
    reporter.onResult(fx.crash);
    reporter.onResult(fx.timeout);
    reporter.onResult(fx.skipped);
    reporter.onResult(fx.assertionFailure);
    expect(chunks).toEqual([
      'ok   tests/test_ops.py > test_add_cube (41 ms)\n',
      'FAIL tests/test_render.py > test_bake_normals (2.3 s) [crash]\n',
      'FAIL tests/test_render.py > test_cycles_render (1 min 0 s) [timeout]\n',
      'skip tests/test_gpu.py > test_eevee_viewport (skipped: needs a GPU # none on hosted runners)\n',
      'FAIL tests/test_ops.py > test_modifier_count (73 ms)\n',
    ]);
  });

  it('ends with exactly "N passed, N failed, N skipped", the cleanup check counted', () => {
    const { lines } = run(fx.all, fx.cleanCleanup);
    // 3 passing tests + the clean cleanup check; 5 failures; 1 skip.
    expect(lines.at(-1)).toBe('4 passed, 5 failed, 1 skipped');
    expect(lines.at(-2)).toBe('cleanup: clean (Blender stopped by quit in 120 ms)');
  });

  it('keeps the last line free of colour codes even with colour on', () => {
    const { lines, text } = run(fx.all, fx.leakCleanup, { color: true });
    expect(text).toContain(ESC);
    expect(lines.at(-1)).toBe('3 passed, 6 failed, 1 skipped');
    expect(text.endsWith('3 passed, 6 failed, 1 skipped\n')).toBe(true);
    expect(lines.some((l) => l.startsWith(`${ESC}[32m✔${ESC}[0m tests/test_ops.py > test_add_cube`))).toBe(true);
  });

  it('writes no colour codes when colour is off, even from coloured test output', () => {
    const coloured: TestResult = { ...fx.errorFailure, message: `${ESC}[31mred failure${ESC}[0m` };
    const { text } = run([coloured]);
    expect(text).not.toContain(ESC);
    expect(text).toContain('red failure');
  });

  it('digests each failure with id, kind, message, location and the traceback tail', () => {
    const { text } = run(fx.all, fx.cleanCleanup);
    expect(text).toContain('Failures (5):');
    expect(text).toContain('1) tests/test_ops.py > test_modifier_count [assertion]');
    expect(text).toContain('   AssertionError: assert 2 == 3\n    +  where 2 = len(obj.modifiers)\n');
    expect(text).toContain(`   at ${fx.WORKSPACE}/tests/test_ops.py:27`);
    expect(text).toContain('     AssertionError: assert 2 == 3');
    expect(text).toContain('3) tests/test_render.py > test_bake_normals [crash]\n   Blender was killed by SIGSEGV');
    expect(text).toContain('4) tests/test_render.py > test_cycles_render [timeout]');
    expect(text).toContain(
      "5) tests/test_io.py > <module> [import]\n   ModuleNotFoundError: No module named 'numpy_stl'\n   at tests/test_io.py:3",
    );
  });

  it('shows only the last lines of a long traceback, saying how many were left out', () => {
    const frames = Array.from({ length: 60 }, (_, i) => `  File "tests/deep.py", line ${i + 1}, in f${i}`);
    const deep: TestResult = { ...fx.errorFailure, traceback: ['Traceback (most recent call last):', ...frames].join('\n') };
    const { text } = run([deep]);
    // 61 lines: the last 40 are shown (frames f20 to f59), 21 are left out.
    expect(text).toContain('     … 21 more traceback lines\n       File "tests/deep.py", line 21, in f20\n');
    expect(text).toContain('line 60, in f59\n');
    expect(text).not.toContain('line 20, in f19');
  });

  it('shows the last lines a failing test printed, and says when there were more', () => {
    const chatty: TestResult = {
      ...fx.errorFailure,
      stdout: Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n',
      stderr: 'warning: one\n',
    };
    const { text } = run([chatty]);
    expect(text).toContain('   stdout (last 20 of 30 lines):\n     line 11\n');
    expect(text).toContain('     line 30\n   stderr:\n     warning: one\n');
    expect(text).not.toContain('line 10\n');
  });

  it('says when the run was cancelled, before the counts', () => {
    const chunks: string[] = [];
    const reporter = createConsoleReporter((s) => chunks.push(s));
    reporter.finish([fx.passed], fx.cleanCleanup, { cancelled: true });
    const lines = chunks.join('').trimEnd().split('\n');
    expect(lines).toContain('cancelled: the run was stopped; tests that had not finished are not listed');
    expect(lines.at(-1)).toBe('2 passed, 0 failed, 0 skipped');
  });

  it('verbose shows whole tracebacks and captured output', () => {
    const { text } = run([fx.assertionFailure], undefined, { verbose: true });
    expect(text).toContain('     Traceback (most recent call last):');
    expect(text).not.toContain('more traceback lines');
    expect(text).toContain('   stdout:\n     Added modifier SUBSURF\n');
    expect(text.split('\n').at(-2)).toBe('0 passed, 1 failed, 0 skipped');
  });

  it('lists leftovers when the cleanup was not clean', () => {
    const { lines } = run([fx.passed], fx.leakCleanup);
    const at = lines.findIndex((l) => l.startsWith('cleanup:'));
    expect(lines.slice(at)).toEqual([
      'cleanup: FAILED, 2 processes left behind, port 51234 still bound (Blender stopped by SIGKILL in 5.0 s)',
      "  pid 4242 in Blender's process group (killed): blender --background --python bootstrap.py",
      '  pid 4250 by the session tag (killed): python3 -m http.server 8000',
      '1 passed, 1 failed, 0 skipped',
    ]);
  });

  it('keeps a test on one line when its name has newlines', () => {
    const chunks: string[] = [];
    createConsoleReporter((s) => chunks.push(s)).onResult({ ...fx.passed, id: 'a > b\n5 passed, 0 failed\r\nc' });
    expect(chunks).toEqual(['ok   a > b 5 passed, 0 failed c (41 ms)\n']);
  });

  it('without results or cleanup still ends with the counts line', () => {
    expect(run([]).text).toBe('\n0 passed, 0 failed, 0 skipped\n');
  });
});

describe('cleanup wording', () => {
  it('describes one stop, several stops and none', () => {
    expect(describeStops([{ stoppedBy: 'quit', stopMs: 120, exitCode: 0, signal: null }])).toBe('Blender stopped by quit in 120 ms');
    expect(describeStops([{ stoppedBy: 'exited', stopMs: 0, exitCode: null, signal: 'SIGSEGV' }])).toBe(
      'Blender had already exited (by SIGSEGV)',
    );
    expect(
      describeStops([
        { stoppedBy: 'exited', stopMs: 0, exitCode: null, signal: 'SIGSEGV' },
        { stoppedBy: 'SIGKILL', stopMs: 5003, exitCode: null, signal: 'SIGKILL' },
        { stoppedBy: 'quit', stopMs: 90, exitCode: 0, signal: null },
      ]),
    ).toBe('Blender stopped 3 times: 1 already exited, 1 by SIGKILL, 1 by quit; slowest 5.0 s');
    expect(describeStops([])).toBe('no Blender was left to stop');
  });

  it('does not trust clean: true when leftovers are listed', () => {
    const r = cleanupAsResult({ ...fx.leakCleanup, clean: true });
    expect(r.outcome).toBe('failed');
    expect(r.kind).toBe('leak');
  });

  it('formats durations for people', () => {
    expect([0, 999.4, 999.6, 1500, 59_960, 125_000].map(formatDuration)).toEqual([
      '0 ms',
      '999 ms',
      '1.0 s',
      '1.5 s',
      '1 min 0 s',
      '2 min 5 s',
    ]);
  });
});
