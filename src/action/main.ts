import * as core from '@actions/core';
import { Session, liveSessionHandles } from '../session/index.js';
import { formatCleanup } from '../cli/cleanup-text.js';
import { resolveBlender } from '../cli/blender.js';

// The Action's main step. For now the setup path: find Blender, start it with the server,
// ping it, stop it and prove nothing is left.
async function run(): Promise<void> {
  const spec = core.getInput('blender-path') || undefined;
  const blender = await resolveBlender(spec, { out: (t) => core.info(t), err: (t) => core.warning(t) });
  const session = await core.group('Start Blender', () =>
    Session.start({ blender: blender.executable, onOutput: (line) => core.info(line) }),
  );
  core.setSecret(session.token);
  core.saveState('sessions', JSON.stringify(liveSessionHandles()));
  const pong = await session.request({ type: 'ping' }, 30_000);
  if (!pong.ok) throw new Error(`Blender did not answer ping: ${pong.error.message}`);
  const cleanup = await session.close();
  core.info(formatCleanup(cleanup));
  core.setOutput('blender-path', blender.executable);
  core.setOutput('blender-version', session.ready.blender);
  core.setOutput('leftovers', String(cleanup.leftovers.length));
  if (!cleanup.clean && core.getInput('fail-on-leak') !== 'false') core.setFailed(formatCleanup(cleanup));
}

run().catch((error: unknown) => core.setFailed(error instanceof Error ? error.message : String(error)));
