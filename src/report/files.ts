import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The folders from the nearest existing one down to `folder`, which are still to be made. */
function missingFolders(folder: string): { existing: string; missing: string[] } {
  const missing: string[] = [];
  let current = resolve(folder);
  for (;;) {
    try {
      statSync(current);
      return { existing: current, missing };
    } catch {
      missing.unshift(current);
      const parent = dirname(current);
      if (parent === current) return { existing: current, missing };
      current = parent;
    }
  }
}

/**
 * Why a report could not be written to `file`, or undefined when it can: checked before
 * Blender starts, so a typo costs nothing and never loses a finished run's results.
 */
export function reportPathProblem(file: string): string | undefined {
  const path = resolve(file);
  try {
    if (statSync(path).isDirectory()) return `${file} is a folder; give a file name, e.g. ${file.replace(/\/?$/, '/results')}`;
  } catch {
    // Not there yet: the usual case.
  }
  const { existing } = missingFolders(dirname(path));
  if (!statSync(existing).isDirectory()) return `${file}: ${existing} is a file, so no folder can be made there`;
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    return `${file}: ${existing} is not writable`;
  }
  return undefined;
}

/** Write a report file, making its folders first: CI paths often point into fresh folders. */
export function writeReport(file: string, text: string): void {
  // One level at a time: Node's recursive mkdir never returns for some paths under /proc.
  for (const folder of missingFolders(dirname(resolve(file))).missing) mkdirSync(folder);
  writeFileSync(file, text);
}
