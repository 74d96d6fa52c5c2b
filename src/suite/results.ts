// Plain result objects: what the suite stage produces and the report stage consumes.

/** Why a test did not pass; lets reports tell a crash or a hang from an assertion. */
export type FailureKind =
  | 'assertion' // an assert or expectation did not hold
  | 'error' // the test raised something other than an assertion
  | 'crash' // Blender died while running it (signal or exit code)
  | 'timeout' // it outlived its timeout; Blender was killed and restarted
  | 'import' // its module failed to import
  | 'exit-code' // an external command without TAP exited non-zero
  | 'setup' // the suite file itself is malformed, or the session could not start
  | 'leak'; // processes or a port were left behind after the run

export interface TestResult {
  /** `<suite file> > <test name>`: unique within a run, stable across runs and shards. */
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
  durationMs: number;
  stdout?: string;
  stderr?: string;
}

export interface Counts {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

export function countResults(results: readonly TestResult[]): Counts {
  const counts: Counts = { total: results.length, passed: 0, failed: 0, skipped: 0 };
  for (const r of results) counts[r.outcome] += 1;
  return counts;
}
