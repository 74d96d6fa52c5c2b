// Turning a run into what the Actions UI shows: outputs, annotations, the job summary, files.
import * as core from '@actions/core';
import { formatJunit, formatSummaryMarkdown, formatTap, reportCounts, selectAnnotations, writeReport } from '../report/index.js';
import type { CleanupReport } from '../session/index.js';
import type { TestResult } from '../suite/index.js';
import type { ActionConfig } from './inputs.js';
import type { CoverageVerdict } from '../report/coverage.js';

export interface RunReport {
  results: TestResult[];
  cleanup: CleanupReport;
  blender?: { version: string; path: string };
  durationMs: number;
  bailOut?: string;
  title?: string;
  coverage?: CoverageVerdict;
}

export async function publish(config: ActionConfig, run: RunReport): Promise<void> {
  writeReport(config.tapFile, formatTap(run.results, run.cleanup, run.bailOut ? { bailOut: run.bailOut } : {}));
  writeReport(config.junitFile, formatJunit(run.results, run.cleanup));
  core.setOutput('tap-file', config.tapFile);
  core.setOutput('junit-file', config.junitFile);
  const counts = reportCounts(run.results, run.cleanup);
  core.setOutput('total', String(counts.total));
  core.setOutput('passed', String(counts.passed));
  core.setOutput('failed', String(counts.failed));
  core.setOutput('skipped', String(counts.skipped));
  core.setOutput(
    'leftovers',
    String(run.cleanup.leftovers.length + (run.cleanup.portBound !== null && run.cleanup.leftovers.length === 0 ? 1 : 0)),
  );
  if (run.coverage) {
    core.setOutput('coverage-percent', run.coverage.summary.percent.toFixed(2));
    if (run.coverage.summary.xml) core.setOutput('coverage-xml', run.coverage.summary.xml);
    if (run.coverage.summary.lcov) core.setOutput('coverage-lcov', run.coverage.summary.lcov);
  }
  for (const a of selectAnnotations(run.results, { workspace: config.workspace, cleanup: run.cleanup })) {
    core.error(a.message, { title: a.title, ...(a.file ? { file: a.file } : {}), ...(a.startLine ? { startLine: a.startLine } : {}) });
  }
  if (process.env.GITHUB_STEP_SUMMARY) {
    const markdown = formatSummaryMarkdown({
      results: run.results,
      cleanup: run.cleanup,
      ...(run.blender ? { blender: run.blender } : {}),
      durationMs: run.durationMs,
      ...(run.title ? { title: run.title } : {}),
      ...(run.coverage ? { coverage: run.coverage } : {}),
    });
    await core.summary.addRaw(markdown, true).write();
  }
}
