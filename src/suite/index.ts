export {
  discoverSuites,
  DiscoveryError,
  nodeIdFile,
  suiteKind,
  type Discovery,
  type PythonTargets,
  type SuiteFile,
  type SuiteKind,
} from './discover.js';
export { parseShard, pythonUnits, shardUnits, type PythonItem, type Shard, type Unit } from './plan.js';
export type { FailureKind, TestResult } from './results.js';
export { mergeCleanups, NoSuitesError, runSuites, type RunOptions, type RunOutcome } from './run.js';
export { parseScript, ScriptError, type Script, type Step } from './script.js';
export { runExternal, tapResults } from './external.js';
