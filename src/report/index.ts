// The report stage: plain results in, text out. Every format counts the cleanup check as
// one more test when a CleanupReport is given, so their numbers always agree.

export { formatTap, escapeTapText, type TapOptions } from './tap.js';
export { formatJunit, junitElementFor, junitClassname, xmlSafe, type JunitOptions } from './junit.js';
export {
  createConsoleReporter,
  formatCleanup,
  cleanupAsResult,
  countsLine,
  describeStops,
  formatDuration,
  isCleanupClean,
  reportCounts,
  withCleanup,
  type ConsoleReporter,
  type Counts,
  type ConsoleReporterOptions,
} from './console.js';
export { formatSummaryMarkdown, markdownCell, DEFAULT_SUMMARY_BYTES, type SummaryInput } from './summary.js';
export { selectAnnotations, relativeToWorkspace, DEFAULT_MAX_ANNOTATIONS, type Annotation, type AnnotationOptions } from './annotations.js';
export { reportPathProblem, writeReport } from './files.js';
export { createProgress, type ProgressDisplay, type ProgressOptions, type TextOut } from './progress.js';
