// Plain result objects: what the suite stage produces and the report stage consumes.

/** Why a test did not pass; lets reports tell a crash or a hang from an assertion. */
export type FailureKind =
  | 'assertion' // an assert or expectation did not hold
  | 'error' // the test raised something other than an assertion
  | 'crash' // Blender died while running it (signal or exit code)
  | 'timeout' // it outlived its timeout; Blender was killed and restarted
  | 'import' // its module failed to import (a pytest collection error)
  | 'exit-code' // an external command without TAP exited non-zero
  | 'setup' // the suite file itself is malformed, or the session could not start
  | 'leak'; // processes or a port were left behind after the run

export interface TestResult {
  /**
   * Unique within a run, stable across runs and shards: a Python test's pytest node id
   * (`tests/test_x.py::test_y[a]`), else `<suite file> > <step or test name>`.
   */
  id: string;
  /** The suite file relative to the working folder, or `run: <command>`. */
  suite: string;
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
  kind?: FailureKind;
  message?: string;
  /** Exception type name (Python) or the expectation that failed. */
  errorType?: string;
  traceback?: string;
  /** Where the failure is, as precisely as known: the test module and line. */
  file?: string;
  line?: number;
  skipReason?: string;
  /** An expected failure (pytest's xfail): outcome `skipped`, and this is the reason. */
  xfail?: string;
  /** A Python test's error was in its fixtures' setup or teardown, not in the test itself. */
  phase?: 'setup' | 'teardown';
  durationMs: number;
  stdout?: string;
  stderr?: string;
  /** Log records captured while it ran (pytest's caplog section). */
  log?: string;
}
