import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding bootstrap.py. Found by walking up from this module, because the same
 * code runs from src/ (tests), from dist/ (the Action and the CLI) and from an npm install.
 */
export function blenderScriptsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'blender', 'bootstrap.py');
    if (existsSync(candidate)) return dirname(candidate);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('blender/bootstrap.py not found beside the harness; the installation is incomplete');
    dir = parent;
  }
}

export function bootstrapScript(): string {
  return join(blenderScriptsDir(), 'bootstrap.py');
}
