// Which failures become GitHub error annotations. The UI shows about ten per step, so the
// list is capped and its last entry points to the job summary, which has them all.

import path from 'node:path';
import type { CleanupReport } from '../session/types.js';
import type { TestResult } from '../suite/results.js';
import { cleanupAsResult, isCleanupClean, stripAnsi } from './console.js';

export interface Annotation {
  message: string;
  title: string;
  file?: string;
  startLine?: number;
}

export interface AnnotationOptions {
  /** The checkout (GITHUB_WORKSPACE); annotation files are relative to it. */
  workspace: string;
  /** Most annotations returned, the "more in the summary" one included; default 10. */
  max?: number;
  /** A cleanup that left something running is annotated first, ahead of test failures. */
  cleanup?: CleanupReport;
}

export const DEFAULT_MAX_ANNOTATIONS = 10;
const MAX_MESSAGE = 2000;

/**
 * A Windows workspace is recognised by its shape rather than by the host, so the function
 * stays pure and gives the same answer wherever its tests run.
 */
function pathFor(workspace: string): path.PlatformPath {
  return /^[A-Za-z]:[\\/]|^\\\\/.test(workspace) ? path.win32 : path.posix;
}

/** `file` relative to the workspace with forward slashes, or undefined when outside it. */
export function relativeToWorkspace(file: string, workspace: string): string | undefined {
  const p = pathFor(workspace);
  const rel = p.relative(p.resolve(workspace), p.resolve(workspace, file));
  if (rel === '' || rel === '..' || rel.startsWith(`..${p.sep}`) || p.isAbsolute(rel)) return undefined;
  return rel.split(p.sep).join('/');
}

function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

function annotationFor(r: TestResult, workspace: string): Annotation {
  const kind = r.kind ?? 'assertion';
  const text = r.message ?? `failed (${kind})`;
  const typed = r.errorType && r.message && !r.message.startsWith(r.errorType) ? `${r.errorType}: ${text}` : text;
  const message = stripAnsi(typed).trim();
  const a: Annotation = {
    title: kind === 'assertion' ? `${r.id} failed` : `${r.id} failed (${kind})`,
    message: truncate(message, MAX_MESSAGE),
  };
  const file = r.file === undefined ? undefined : relativeToWorkspace(r.file, workspace);
  if (file !== undefined) {
    a.file = file;
    if (r.line !== undefined && Number.isInteger(r.line) && r.line > 0) a.startLine = r.line;
  }
  return a;
}

export function selectAnnotations(results: readonly TestResult[], options: AnnotationOptions): Annotation[] {
  const max = Math.max(1, Math.floor(options.max ?? DEFAULT_MAX_ANNOTATIONS));
  const failed = results.filter((r) => r.outcome === 'failed');
  if (options.cleanup && !isCleanupClean(options.cleanup)) failed.unshift(cleanupAsResult(options.cleanup));
  const all = failed.map((r) => annotationFor(r, options.workspace));
  if (all.length <= max) return all;
  const shown = all.slice(0, max - 1);
  const more = all.length - shown.length;
  return [
    ...shown,
    {
      title: `${more} more failure${more === 1 ? '' : 's'}`,
      message: `${more} more failed test${more === 1 ? ' is' : 's are'} listed in the job summary.`,
    },
  ];
}
