// Results shaped like real runs (paths as a GitHub runner has them; Blender's, Python's and
// the harness's own messages, as src/suite/worker.ts words a crash and a timeout), shared by
// the report tests in src/report.

import type { CleanupReport } from '../../src/session/types.js';
import type { TestResult } from '../../src/suite/results.js';

export const WORKSPACE = '/home/runner/work/my-addon/my-addon';

export const passed: TestResult = {
  id: 'tests/test_ops.py > test_add_cube',
  suite: 'tests/test_ops.py',
  name: 'test_add_cube',
  outcome: 'passed',
  durationMs: 41,
};

export const assertionFailure: TestResult = {
  id: 'tests/test_ops.py > test_modifier_count',
  suite: 'tests/test_ops.py',
  name: 'test_modifier_count',
  outcome: 'failed',
  kind: 'assertion',
  errorType: 'AssertionError',
  message: 'assert 2 == 3\n +  where 2 = len(obj.modifiers)',
  traceback: [
    'Traceback (most recent call last):',
    `  File "${WORKSPACE}/tests/test_ops.py", line 27, in test_modifier_count`,
    '    assert len(obj.modifiers) == 3',
    'AssertionError: assert 2 == 3',
    '',
  ].join('\n'),
  file: `${WORKSPACE}/tests/test_ops.py`,
  line: 27,
  durationMs: 73,
  stdout: 'Added modifier SUBSURF\n',
};

export const errorFailure: TestResult = {
  id: 'tests/test_ops.py > test_export_fbx',
  suite: 'tests/test_ops.py',
  name: 'test_export_fbx',
  outcome: 'failed',
  kind: 'error',
  errorType: 'RuntimeError',
  message: 'Operator bpy.ops.export_scene.fbx.poll() failed, context is incorrect',
  traceback: [
    'Traceback (most recent call last):',
    `  File "${WORKSPACE}/tests/test_ops.py", line 41, in test_export_fbx`,
    '    bpy.ops.export_scene.fbx(filepath=out)',
    '  File "/opt/blender/4.3/scripts/modules/bpy/ops.py", line 109, in __call__',
    '    ret = _op_call(self.idname_py(), kw)',
    'RuntimeError: Operator bpy.ops.export_scene.fbx.poll() failed, context is incorrect',
  ].join('\n'),
  file: `${WORKSPACE}/tests/test_ops.py`,
  line: 41,
  durationMs: 12,
  stderr: 'Error: Operator bpy.ops.export_scene.fbx.poll() failed\n',
};

export const crash: TestResult = {
  id: 'tests/test_render.py > test_bake_normals',
  suite: 'tests/test_render.py',
  name: 'test_bake_normals',
  outcome: 'failed',
  kind: 'crash',
  message: 'Blender was killed by SIGSEGV while running this test; it was restarted for the next test',
  durationMs: 2310,
  stderr: 'Writing: /tmp/blender.crash.txt\n',
};

export const timeout: TestResult = {
  id: 'tests/test_render.py > test_cycles_render',
  suite: 'tests/test_render.py',
  name: 'test_cycles_render',
  outcome: 'failed',
  kind: 'timeout',
  message: 'timed out after 60 s; Blender was killed and restarted for the next test',
  durationMs: 60_012,
};

export const skipped: TestResult = {
  id: 'tests/test_gpu.py > test_eevee_viewport',
  suite: 'tests/test_gpu.py',
  name: 'test_eevee_viewport',
  outcome: 'skipped',
  skipReason: 'needs a GPU # none on hosted runners',
  durationMs: 0,
};

export const importError: TestResult = {
  id: 'tests/test_io.py > <module>',
  suite: 'tests/test_io.py',
  name: '<module>',
  outcome: 'failed',
  kind: 'import',
  errorType: 'ModuleNotFoundError',
  message: "No module named 'numpy_stl'",
  traceback: [
    'Traceback (most recent call last):',
    '  File "tests/test_io.py", line 3, in <module>',
    '    import numpy_stl',
    "ModuleNotFoundError: No module named 'numpy_stl'",
  ].join('\n'),
  file: 'tests/test_io.py',
  line: 3,
  durationMs: 5,
};

export const yamlStep: TestResult = {
  id: 'suites/smoke.yaml > echo round trip',
  suite: 'suites/smoke.yaml',
  name: 'echo round trip',
  outcome: 'passed',
  durationMs: 1,
  stdout: 'hi\n',
};

export const externalCommand: TestResult = {
  id: 'run: pytest -q tests/external > test_addon_loads',
  suite: 'run: pytest -q tests/external',
  name: 'test_addon_loads',
  outcome: 'passed',
  durationMs: 930,
};

export const all: TestResult[] = [passed, assertionFailure, errorFailure, crash, timeout, skipped, importError, yamlStep, externalCommand];

export const cleanCleanup: CleanupReport = {
  clean: true,
  leftovers: [],
  portBound: null,
  stops: [{ stoppedBy: 'quit', stopMs: 120, exitCode: 0, signal: null }],
};

export const leakCleanup: CleanupReport = {
  clean: false,
  leftovers: [
    { pid: 4242, command: 'blender --background --python bootstrap.py', found: 'group', killed: true },
    { pid: 4250, command: 'python3 -m http.server 8000', found: 'tag', killed: true },
  ],
  portBound: 51234,
  stops: [{ stoppedBy: 'SIGKILL', stopMs: 5003, exitCode: null, signal: 'SIGKILL' }],
};

/** `count` failures with long messages full of characters the formats must escape. */
export function manyFailures(count: number): TestResult[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `tests/test_bulk.py > test_case_${i}`,
    suite: 'tests/test_bulk.py',
    name: `test_case_${i}`,
    outcome: 'failed' as const,
    kind: 'assertion' as const,
    errorType: 'AssertionError',
    message: `value | ${i} <b>&</b> ${'x'.repeat(300)}\nsecond line`,
    file: `${WORKSPACE}/tests/test_bulk.py`,
    line: 10 + i,
    durationMs: 3,
  }));
}
