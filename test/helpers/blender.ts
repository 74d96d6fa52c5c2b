import { join } from 'node:path';
import { isRunnableFile, which } from '../../src/executables/index.js';

/**
 * The Blender the integration tests run: $BLENDER, else `blender` on PATH. There is no
 * skipping: without a Blender the tests fail and say how to get one.
 */
export function testBlender(): string {
  const found = process.env.BLENDER || which('blender');
  if (found) return found;
  throw new Error(
    'No Blender for the integration tests: install one (`apt-get install -y blender` on Debian) ' +
      'or set BLENDER=/path/to/blender. `.ci/run` does both.',
  );
}

export interface TestBlender {
  name: string;
  path: string;
}

const ROOTS = process.env.BLENDER_ROOTS_DIR ?? '/var/cache/blender-harness/roots';

/**
 * Every Blender line the integration tests run on: the host's (Debian bookworm, 3.4) and the
 * wrappers `npm run blender:roots` builds for 4.3 (trixie) and 5.2 (sid, Python 3.14).
 * BLENDER_MATRIX=host narrows the run to the host Blender for a quick local loop; by default
 * a missing line fails the tests and says how to build it.
 */
export function testBlenders(): TestBlender[] {
  const host = { name: 'host', path: testBlender() };
  if (process.env.BLENDER_MATRIX === 'host') return [host];
  const lines = ['4.3', '5.2'].map((v) => ({ name: v, path: join(ROOTS, 'bin', `blender-${v}`) }));
  const missing = lines.filter((l) => !isRunnableFile(l.path));
  if (missing.length) {
    throw new Error(
      `Blender ${missing.map((m) => m.name).join(' and ')} not found under ${ROOTS}/bin: run \`npm run blender:roots\` ` +
        '(as root; it builds Debian trixie and sid roots with their Blender), or set BLENDER_MATRIX=host to test the host Blender only.',
    );
  }
  return [host, ...lines];
}
