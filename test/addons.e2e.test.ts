import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Session, SessionStartError, type Answer } from '../src/session/index.js';
import { runSuites } from '../src/suite/index.js';
import { testBlenders } from './helpers/blender.js';

const fixture = (p: string): string => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));

/** Zip a folder the way authors ship add-ons: the package folder at the top of the archive. */
function zipFolder(folder: string, name: string, withTopFolder: boolean): string {
  const out = join(mkdtempSync(join(tmpdir(), 'bh-zip-')), name);
  const script = [
    'import os, sys, zipfile',
    'src, out, top = sys.argv[1], sys.argv[2], sys.argv[3] == "1"',
    'with zipfile.ZipFile(out, "w") as z:',
    '    for root, _, files in os.walk(src):',
    '        for f in files:',
    '            full = os.path.join(root, f)',
    '            rel = os.path.relpath(full, os.path.dirname(src) if top else src)',
    '            z.write(full, rel)',
  ].join('\n');
  execFileSync('python3', ['-c', script, folder, out, withTopFolder ? '1' : '0']);
  return out;
}

/** Every file under a folder with its size and mtime: what "left exactly as it was" means. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      const st = statSync(full);
      out.push(`${full} ${e.isDirectory() ? 'dir' : `${st.size} ${st.mtimeMs}`}`);
      if (e.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out.sort();
}

function ok(answer: Answer): unknown {
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.result;
}

const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) if (s.alive) await s.close({ graceMs: 500 });
});

describe.each(testBlenders())('add-ons on Blender $name', ({ path: blender }) => {
  async function start(addons: string[], env?: Record<string, string>): Promise<Session> {
    const s = await Session.start({ blender, addons, startupTimeoutMs: 60_000, ...(env ? { env } : {}) });
    sessions.push(s);
    return s;
  }

  it('installs a folder, a single file and a zip, and enables each', async () => {
    const zipped = zipFolder(fixture('addons/hello_addon'), 'hello_addon.zip', true);
    const single = fixture('addons/single_file_addon.py');
    for (const addons of [[fixture('addons/hello_addon'), single], [zipped]]) {
      const s = await start(addons);
      const info = ok(await s.request({ type: 'info' })) as { addons: string[] };
      expect(info.addons).toContain('hello_addon');
      expect(ok(await s.request({ type: 'exec', code: 'import bpy\nbpy.ops.hello.add_marker()\nresult = "HelloMarker" in bpy.data.objects' }))).toBe(true);
      await s.close();
    }
  });

  it('installs an extension on 4.2+ and refuses it clearly before', async () => {
    const probe = await start([]);
    const version = (ok(await probe.request({ type: 'info' })) as { version: number[] }).version;
    await probe.close();
    const modern = (version[0] ?? 0) > 4 || (version[0] === 4 && (version[1] ?? 0) >= 2);
    const forms = [fixture('extensions/hello_ext'), zipFolder(fixture('extensions/hello_ext'), 'hello_ext.zip', false)];
    for (const form of forms) {
      if (modern) {
        const s = await start([form]);
        const info = ok(await s.request({ type: 'info' })) as { addons: string[] };
        expect(info.addons).toContain('bl_ext.user_default.hello_ext');
        expect(ok(await s.request({ type: 'exec', code: 'import bpy\nbpy.ops.hello_ext.add_marker()\nresult = "HelloExtMarker" in bpy.data.objects' }))).toBe(true);
        await s.close();
      } else {
        const error = (await Session.start({ blender, addons: [form] }).catch((e: unknown) => e)) as SessionStartError;
        expect(error).toBeInstanceOf(SessionStartError);
        expect(error.reason).toBe('addon');
        expect(error.message).toMatch(/is an extension \(blender_manifest.toml\), which needs Blender 4.2 or newer; this is Blender 3\.4/);
      }
    }
  });

  it('enables the add-on again in the session that replaces a crashed one', async () => {
    const outcome = await runSuites({ session: { blender, addons: [fixture('addons/hello_addon')] }, paths: [fixture('suites/addon_restart')], timeoutMs: 30_000 });
    expect(outcome.results.map((r) => [r.name, r.outcome, r.kind ?? ''])).toEqual([
      ['test_1_addon_is_enabled', 'passed', ''],
      ['test_2_crash', 'failed', 'crash'],
      ['test_3_addon_is_enabled_after_restart', 'passed', ''],
    ]);
    expect(outcome.restarts).toBe(1);
    expect(outcome.cleanup.clean).toBe(true);
  });

  it("leaves the user's Blender config folders exactly as they were", async () => {
    const home = mkdtempSync(join(tmpdir(), 'bh-home-'));
    const config = join(home, '.config', 'blender');
    mkdirSync(join(config, '9.9', 'config'), { recursive: true });
    writeFileSync(join(config, '9.9', 'config', 'userpref.blend'), 'not really a blend file');
    const before = snapshot(home);
    const s = await start([fixture('addons/hello_addon')], { HOME: home, XDG_CONFIG_HOME: join(home, '.config') });
    const profile = s.profile.root;
    // Preferences saved during a test go to the session's own profile, not the user's.
    ok(await s.request({ type: 'exec', code: 'import bpy\nbpy.ops.wm.save_userpref()\nresult = bpy.utils.resource_path("USER")' }));
    await s.close();
    expect(snapshot(home)).toEqual(before);
    expect(readFileSync(join(config, '9.9', 'config', 'userpref.blend'), 'utf8')).toBe('not really a blend file');
    expect(() => statSync(profile)).toThrow(); // the throwaway profile is gone too
  });
});
