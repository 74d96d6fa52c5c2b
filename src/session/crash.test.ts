import { describe, expect, it } from 'vitest';
import { summarizeCrashReport } from './crash.js';

const HARNESS = '/opt/harness/blender';
const cFrames = Array.from({ length: 200 }, (_, i) => `/usr/lib/libpython3.14.so.1.0(+0x${i.toString(16)}) [0x7f8d${i}]`);
const report = [
  '# Blender 5.2.2, Unknown revision',
  '',
  '# backtrace',
  ...cFrames,
  '',
  '# Python backtrace',
  '  File "/usr/lib/python3.14/ctypes/__init__.py", line 519 in string_at',
  '  File "/repo/tests/test_crash.py", line 25 in test_segfault',
  '  File "/usr/lib/python3/dist-packages/_pytest/python.py", line 195 in pytest_pyfunc_call',
  '  File "/usr/lib/python3/dist-packages/pluggy/_callers.py", line 39 in _multicall',
  `  File "${HARNESS}/harness_server/pytest_session.py", line 259 in run_test`,
  '  File "/repo/tests/conftest.py", line 9 in helper',
  `  File "${HARNESS}/bootstrap.py", line 138 in <module>`,
  '',
].join('\n');

describe('summarizeCrashReport', () => {
  const text = summarizeCrashReport(report, HARNESS);
  const lines = text.split('\n');

  it('keeps the version line and the first C frames, counting the rest', () => {
    expect(lines[0]).toBe('# Blender 5.2.2, Unknown revision');
    expect(lines).toContain(cFrames[0]);
    expect(lines).toContain(cFrames[11]);
    expect(lines).not.toContain(cFrames[12]);
    expect(lines).toContain('  … 188 more lines');
  });

  it('puts the Python backtrace last with pytest, pluggy and harness frames folded', () => {
    const python = lines.slice(lines.indexOf('# Python backtrace (most recent call first)'));
    expect(python).toEqual([
      '# Python backtrace (most recent call first)',
      '  File "/usr/lib/python3.14/ctypes/__init__.py", line 519 in string_at',
      '  File "/repo/tests/test_crash.py", line 25 in test_segfault',
      '  … 3 frames of pytest and the harness',
      '  File "/repo/tests/conftest.py", line 9 in helper',
      '  … 1 frame of pytest and the harness',
    ]);
  });

  it('passes a report without sections through, capped', () => {
    const plain = summarizeCrashReport('Segmentation fault\nsomething odd', HARNESS);
    expect(plain).toBe('Segmentation fault\nsomething odd');
  });
});
