import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The Blender the integration tests run: $BLENDER, else `blender` on PATH. There is no
 * skipping: without a Blender the tests fail and say how to get one.
 */
export function testBlender(): string {
  const fromEnv = process.env.BLENDER;
  if (fromEnv) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'blender');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(
    'No Blender for the integration tests: install one (`apt-get install -y blender` on Debian) ' +
      'or set BLENDER=/path/to/blender. `.ci/run` does both.',
  );
}
