// Blender writes <name>.crash.txt into its temp folder (the session profile's tmp/) when it
// dies of a signal: the Python and C backtrace that tells a user what their code did.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { blenderScriptsDir } from './paths.js';

/** C frames kept: the signal handler's and the first frames of the fault are what tell. */
const C_FRAMES = 12;

/** Take Blender's crash report out of the session's temp folder before the profile goes. */
export function takeCrashReport(profileRoot: string): string | undefined {
  const dir = join(profileRoot, 'tmp');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.crash.txt'));
  } catch {
    return undefined;
  }
  const reports = names.map((n) => {
    const text = readFileSync(join(dir, n), 'utf8');
    rmSync(join(dir, n), { force: true });
    return summarizeCrashReport(text, blenderScriptsDir());
  });
  return reports.length ? reports.join('\n\n') : undefined;
}

/**
 * The report as a reader needs it: Blender's version line, the first C frames, then the
 * Python backtrace last (reports show a traceback's tail) with the frames of pytest, pluggy
 * and the harness folded into one line, so the test's own frame is never cut off by the
 * hundreds of C frames newer Blenders print before it.
 */
export function summarizeCrashReport(text: string, harnessDir: string): string {
  const sections = new Map<string, string[]>();
  let current = '';
  for (const line of text.split('\n')) {
    if (/^# /.test(line)) {
      current = line.slice(2).trim();
      sections.set(current, []);
      continue;
    }
    if (!sections.has(current)) sections.set(current, []);
    if (line.trim()) sections.get(current)?.push(line);
  }
  const header = [...sections.keys()].find((k) => /^Blender /.test(k));
  const out: string[] = header ? [`# ${header}`] : [];
  for (const [name, lines] of sections) {
    if (name === header || /python backtrace/i.test(name) || !lines.length) continue;
    if (name) out.push(`# ${name}`);
    out.push(...lines.slice(0, C_FRAMES));
    if (lines.length > C_FRAMES) out.push(`  … ${lines.length - C_FRAMES} more lines`);
  }
  const python = [...sections].find(([name]) => /python backtrace/i.test(name))?.[1];
  if (python?.length) out.push('# Python backtrace (most recent call first)', ...foldInternalFrames(python, harnessDir));
  return out.join('\n');
}

function foldInternalFrames(frames: string[], harnessDir: string): string[] {
  const internal = (line: string): boolean => {
    const path = /File "([^"]+)"/.exec(line)?.[1];
    if (!path) return false;
    return /[\\/](_pytest|pluggy)[\\/]/.test(path) || path.startsWith(harnessDir);
  };
  const out: string[] = [];
  let folded = 0;
  const flush = (): void => {
    if (folded) out.push(`  … ${folded} frame${folded > 1 ? 's' : ''} of pytest and the harness`);
    folded = 0;
  };
  for (const line of frames) {
    if (internal(line)) {
      folded += 1;
      continue;
    }
    flush();
    out.push(line);
  }
  flush();
  return out;
}
