import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session, SessionStartError, type Answer } from '../src/session/index.js';
import { isAlive, listProcesses } from '../src/session/processes.js';
import { testBlender, testBlenders } from './helpers/blender.js';

function ok(answer: Answer): unknown {
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.result;
}

const xvfbProcesses = (): number =>
  listProcesses().filter((p) => p.command.startsWith('/usr/bin/Xvfb -displayfd') && p.state !== 'Z').length;

describe.each(testBlenders())('GUI mode on Blender $name', ({ path: blender }) => {
  it('answers ping and exec from a timer-driven loop under Xvfb, and quits with nothing left', async () => {
    const before = xvfbProcesses();
    const s = await Session.start({ blender, gui: true, display: 'virtual', startupTimeoutMs: 120_000 });
    expect(s.display?.display).toMatch(/^:\d+$/);
    // The first answers wait for the window's first draw, which is slow on a software display.
    expect(ok(await s.request({ type: 'ping' }, 90_000))).toBe('pong');
    expect(
      ok(
        await s.request(
          { type: 'exec', code: 'import bpy\nresult = [bpy.app.background, len(bpy.context.window_manager.windows) > 0]' },
          90_000,
        ),
      ),
    ).toEqual([false, true]);
    const xvfb = s.display?.pid ?? 0;
    expect(isAlive(xvfb)).toBe(true);
    const tmp = join(s.profile.root, 'tmp');
    const cleanup = await s.close({ graceMs: 30_000 });
    expect(cleanup.stops[0]).toMatchObject({ stoppedBy: 'quit', exitCode: 0 });
    expect(cleanup).toMatchObject({ clean: true, leftovers: [] });
    expect(isAlive(xvfb)).toBe(false);
    expect(xvfbProcesses()).toBe(before);
    expect(existsSync(tmp)).toBe(false); // quit.blend went to the throwaway profile, now gone
  });
});

describe('a virtual display for GPU work', () => {
  const blender = testBlender();

  it('renders a small scene with EEVEE under --display virtual and writes the image', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bh-eevee-')), 'eevee.png');
    const s = await Session.start({ blender, display: 'virtual' });
    const code = [
      'import bpy',
      'scene = bpy.context.scene',
      "scene.render.engine = 'BLENDER_EEVEE_NEXT' if (4, 2, 0) <= bpy.app.version < (5, 0, 0) else 'BLENDER_EEVEE'",
      'scene.render.resolution_x = scene.render.resolution_y = 64',
      `scene.render.filepath = ${JSON.stringify(out)}`,
      'bpy.ops.render.render(write_still=True)',
      'result = scene.render.engine',
    ].join('\n');
    expect(String(ok(await s.request({ type: 'exec', code }, 300_000)))).toMatch(/EEVEE/);
    expect(statSync(out).size).toBeGreaterThan(100);
    const cleanup = await s.close();
    expect(cleanup.clean).toBe(true);
  });

  it('names the package when a virtual display is asked for and Xvfb is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'bh-nopath-'));
    const error = (await Session.start({ blender, display: 'virtual', env: { PATH: empty } }).catch(
      (e: unknown) => e,
    )) as SessionStartError;
    expect(error).toBeInstanceOf(SessionStartError);
    expect(error.message).toMatch(/Xvfb is not installed: apt-get install xvfb/);
    expect(readdirSync(empty)).toEqual([]);
  });
});
