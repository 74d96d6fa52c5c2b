// Blender writes <name>.crash.txt into its temp folder (the session profile's tmp/) when it
// dies of a signal: the Python and C backtrace that tells a user what their code did.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

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
    return text.split('\n').slice(0, 60).join('\n').trimEnd();
  });
  return reports.length ? reports.join('\n\n') : undefined;
}
