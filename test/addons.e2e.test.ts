import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { Session, SessionStartError, type Answer, type SessionOptions } from '../src/session/index.js';
import { runSuites, type TestResult } from '../src/suite/index.js';
import { ActionRun } from './helpers/action-runner.js';
import { testBlender, testBlenders } from './helpers/blender.js';

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

/** Run the CLI in-process: its exit code and what it printed. */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = { out: '', err: '' };
  const code = await main(argv, { out: (t) => (io.out += t), err: (t) => (io.err += t) });
  return { code, ...io };
}

/** Outcomes by test function name, whatever the id format (`file > Class.test`, `file::Class::test`). */
function outcomesOf(results: readonly TestResult[], names: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(names.map((n) => [n, results.filter((r) => r.id.includes(n)).map((r) => r.outcome)]));
}

const SELF_ENABLING_TESTS = [
  'test_enabled_by_the_suite',
  'test_enabled_module_is_the_fixture',
  'test_operator_works',
  'test_sidebar_tab_from_preferences',
];
const NAMESAKE_TESTS = [
  'test_namesake_module_is_the_authors',
  'test_namesake_enabled_and_operator_works',
  'test_namesake_survives_factory_reset',
];

function ok(answer: Answer): unknown {
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.result;
}

const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) if (s.alive) await s.close({ graceMs: 500 });
});

describe.each(testBlenders())('add-ons on Blender $name', ({ path: blender }) => {
  async function start(addons: string[], env?: Record<string, string>, more: Partial<SessionOptions> = {}): Promise<Session> {
    const s = await Session.start({ blender, addons, startupTimeoutMs: 60_000, ...(env ? { env } : {}), ...more });
    sessions.push(s);
    return s;
  }
  let versionCache: number[] | undefined;
  /** Blender's version, from a session of its own (once per Blender line). */
  async function version(): Promise<number[]> {
    if (!versionCache) {
      const probe = await start([]);
      versionCache = (ok(await probe.request({ type: 'info' })) as { version: number[] }).version;
      await probe.close();
    }
    return versionCache;
  }
  const hasExtensions = async (): Promise<boolean> => {
    const [major = 0, minor = 0] = await version();
    return major > 4 || (major === 4 && minor >= 2);
  };

  it('installs a folder, a single file and a zip, and enables each', async () => {
    const zipped = zipFolder(fixture('addons/hello_addon'), 'hello_addon.zip', true);
    const single = fixture('addons/single_file_addon.py');
    for (const addons of [[fixture('addons/hello_addon'), single], [zipped]]) {
      const s = await start(addons);
      const info = ok(await s.request({ type: 'info' })) as { addons: string[] };
      expect(info.addons).toContain('hello_addon');
      expect(
        ok(await s.request({ type: 'exec', code: 'import bpy\nbpy.ops.hello.add_marker()\nresult = "HelloMarker" in bpy.data.objects' })),
      ).toBe(true);
      await s.close();
    }
  });

  it('installs an extension on 4.2+ and refuses it clearly before', async () => {
    const modern = await hasExtensions();
    const forms = [fixture('extensions/hello_ext'), zipFolder(fixture('extensions/hello_ext'), 'hello_ext.zip', false)];
    for (const form of forms) {
      if (modern) {
        const s = await start([form]);
        const info = ok(await s.request({ type: 'info' })) as { addons: string[] };
        expect(info.addons).toContain('bl_ext.user_default.hello_ext');
        expect(
          ok(
            await s.request({
              type: 'exec',
              code: 'import bpy\nbpy.ops.hello_ext.add_marker()\nresult = "HelloExtMarker" in bpy.data.objects',
            }),
          ),
        ).toBe(true);
        await s.close();
      } else {
        for (const how of [{ addons: [form] }, { addonPaths: [form] }]) {
          const error = (await Session.start({ blender, ...how }).catch((e: unknown) => e)) as SessionStartError;
          expect(error).toBeInstanceOf(SessionStartError);
          expect(error.reason).toBe('addon');
          expect(error.message).toMatch(
            /is an extension \(blender_manifest.toml\) without bl_info, which needs Blender 4.2 or newer; this is Blender 3\.4.*add a bl_info dict to its __init__.py/,
          );
        }
      }
    }
  });

  it('installs a folder with bl_info and a manifest as a legacy add-on before 4.2, as an extension from 4.2', async () => {
    const modern = await hasExtensions();
    // The folder, and the zip `blender --command extension build` makes (files at its top).
    const forms = [fixture('addons/dual_addon'), zipFolder(fixture('addons/dual_addon'), 'dual_addon-1.0.0.zip', false)];
    for (const form of forms) {
      const s = await start([form]);
      const info = ok(await s.request({ type: 'info' })) as { addons: string[] };
      const enabled = info.addons.filter((a) => a.includes('dual_addon'));
      expect(enabled, form).toEqual([modern ? 'bl_ext.user_default.dual_addon' : 'dual_addon']);
      const module = modern ? 'bl_ext.user_default.dual_addon' : 'dual_addon';
      const where = ok(
        await s.request({ type: 'exec', code: `import sys\nresult = sys.modules[${JSON.stringify(module)}].__file__` }),
      ) as string;
      expect(where).toContain(modern ? join('user_default', 'dual_addon') : join('scripts', 'addons', 'dual_addon'));
      const code = 'import bpy\nbpy.ops.dual.add_marker()\nresult = "DualMarker" in bpy.data.objects';
      expect(ok(await s.request({ type: 'exec', code }))).toBe(true);
      // A fresh scene keeps it, as it keeps any add-on the harness enabled.
      ok(await s.request({ type: 'reset' }));
      expect(ok(await s.request({ type: 'exec', code }))).toBe(true);
      await s.close();
    }
  });

  it('--addon-path installs a dual add-on under its folder name (and from 4.2 as an extension too) without enabling it', async () => {
    const modern = await hasExtensions();
    const s = await start([], undefined, { addonPaths: [fixture('addons/dual_addon')] });
    const info = ok(await s.request({ type: 'info' })) as { addons: string[] };
    expect(info.addons.filter((a) => a.includes('dual_addon'))).toEqual([]);
    const probe = [
      'import importlib.util, sys, addon_utils, bpy',
      'try:',
      '    extension = importlib.util.find_spec("bl_ext.user_default.dual_addon") is not None',
      'except ModuleNotFoundError:  # no bl_ext package before 4.2',
      '    extension = False',
      'before = ["dual_addon" in sys.modules, extension]',
      'module = addon_utils.enable("dual_addon", default_set=True)',
      'bpy.ops.dual.add_marker()',
      'result = before + [module is not None, "DualMarker" in bpy.data.objects]',
    ].join('\n');
    expect(ok(await s.request({ type: 'exec', code: probe }))).toEqual([false, modern, true, true]);
  });

  it("enables the author's add-on, not Blender's bundled one of the same name (io_anim_bvh)", async () => {
    const namesake = fixture('addons/io_anim_bvh');
    const enabled = await runSuites({ session: { blender, addons: [namesake] }, paths: [fixture('suites/namesake')], timeoutMs: 30_000 });
    expect(outcomesOf(enabled.results, NAMESAKE_TESTS)).toEqual(Object.fromEntries(NAMESAKE_TESTS.map((n) => [n, ['passed']])));
    expect(enabled.results.filter((r) => r.outcome !== 'passed')).toEqual([]);
    // Installed only: Blender's copy is disabled and forgotten, so the suite's own enable() loads the author's.
    const installed = await runSuites({
      session: { blender, addonPaths: [namesake] },
      paths: [fixture('suites/namesake')],
      timeoutMs: 30_000,
    });
    expect(outcomesOf(installed.results, NAMESAKE_TESTS)).toEqual(Object.fromEntries(NAMESAKE_TESTS.map((n) => [n, ['passed']])));
    expect(installed.results.filter((r) => r.outcome !== 'passed')).toEqual([]);
    const s = await start([], undefined, { addonPaths: [namesake] });
    const code = 'import sys, addon_utils\nresult = ["io_anim_bvh" in sys.modules, addon_utils.check("io_anim_bvh")[1]]';
    expect(ok(await s.request({ type: 'exec', code }))).toEqual([false, false]);
  });

  it('refuses an add-on whose name Python resolves to another module, naming both', async () => {
    // colorsys is in the standard library, which comes before any add-on folder on sys.path.
    const folder = join(mkdtempSync(join(tmpdir(), 'bh-namesake-')), 'colorsys');
    mkdirSync(folder);
    writeFileSync(
      join(folder, '__init__.py'),
      'bl_info = {"name": "colorsys", "blender": (3, 3, 0)}\ndef register(): pass\ndef unregister(): pass\n',
    );
    for (const how of [{ addons: [folder] }, { addonPaths: [folder] }]) {
      const error = (await Session.start({ blender, ...how }).catch((e: unknown) => e)) as SessionStartError;
      expect(error).toBeInstanceOf(SessionStartError);
      expect(error.reason).toBe('addon');
      expect(error.message).toContain(`add-on ${folder}: Python imports the module 'colorsys' from /usr/lib/python3.`);
      expect(error.message).toMatch(
        /colorsys\.py, not from this add-on \(installed at .*colorsys\).*Rename the add-on's folder or \.py file/,
      );
    }
  });

  it('passes a suite that resets Blender and enables the add-on itself, with --addon and with --addon-path', async () => {
    const suite = fixture('suites/self_enabling');
    const addon = fixture('addons/self_enabled_addon');
    const expected = Object.fromEntries(SELF_ENABLING_TESTS.map((n) => [n, ['passed', 'passed']]));
    const enabled = await runSuites({ session: { blender, addons: [addon] }, paths: [suite], timeoutMs: 30_000 });
    expect(outcomesOf(enabled.results, SELF_ENABLING_TESTS)).toEqual(expected);
    expect(enabled.results.filter((r) => r.outcome !== 'passed').map((r) => `${r.id}: ${r.message ?? ''}`)).toEqual([]);
    expect(enabled.cleanup.clean).toBe(true);
    // The same through the CLI flag: installed, not enabled, so the suite's enable() is the first.
    const run = await cli(['test', suite, '--addon-path', addon, '--blender', blender, '--no-color']);
    expect(run.code, run.out + run.err).toBe(0);
    for (const name of SELF_ENABLING_TESTS)
      expect(run.out.split('\n').filter((l) => l.startsWith('ok') && l.includes(name))).toHaveLength(2);
    expect(run.out).toMatch(/\b(8|9) passed, 0 failed, 0 skipped/);
    // Installed only: importable from the session's add-ons folder, not enabled, not imported.
    const s = await start([], undefined, { addonPaths: [addon] });
    const probe =
      'import importlib.util, sys, addon_utils\nresult = [addon_utils.check("self_enabled_addon")[1], "self_enabled_addon" in sys.modules, importlib.util.find_spec("self_enabled_addon").origin]';
    const [isEnabled, imported, origin] = ok(await s.request({ type: 'exec', code: probe })) as [boolean, boolean, string];
    expect([isEnabled, imported]).toEqual([false, false]);
    expect(origin).toBe(join(s.profile.root, 'scripts', 'addons', 'self_enabled_addon', '__init__.py'));
  });

  it('enables the add-on again in the session that replaces a crashed one', async () => {
    const outcome = await runSuites({
      session: { blender, addons: [fixture('addons/hello_addon')] },
      paths: [fixture('suites/addon_restart')],
      timeoutMs: 30_000,
    });
    const find = (name: string): TestResult | undefined => outcome.results.find((r) => r.id.includes(name));
    expect(
      ['test_1_addon_is_enabled', 'test_2_crash', 'test_3_addon_is_enabled_after_restart'].map((n) => [
        find(n)?.outcome,
        find(n)?.kind ?? '',
      ]),
    ).toEqual([
      ['passed', ''],
      ['failed', 'crash'],
      ['passed', ''],
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

describe('--addon-path and addon-paths: bad input', () => {
  it('test and serve refuse a missing --addon-path before looking for Blender (exit 2)', async () => {
    for (const command of ['test', 'serve']) {
      const run = await cli([
        command,
        ...(command === 'test' ? [fixture('suites/self_enabling')] : []),
        '--addon-path',
        'fixtures/addons/no_such_addon',
        '--blender',
        '/no/such/blender',
      ]);
      expect(run.code, run.err).toBe(2);
      expect(run.err).toMatch(
        /--addon-path fixtures\/addons\/no_such_addon: no such file or folder \(give the add-on's folder, \.py file or \.zip\)/,
      );
      expect(run.err).not.toMatch(/no\/such\/blender/);
    }
  });

  it('the Action reads addon-paths one per line: a missing one fails before anything starts, a good one passes the suite', async () => {
    const blender = testBlender();
    const bad = new ActionRun(process.execPath);
    const refused = await bad.start(
      'main',
      bad.env({
        'blender-path': blender,
        'addon-paths': 'fixtures/addons/self_enabled_addon\nfixtures/addons/no_such_addon',
        tests: 'fixtures/suites/self_enabling',
      }),
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/addon-paths: .*fixtures\/addons\/no_such_addon does not exist \(paths are relative to the workspace\)/);
    expect(refused.stdout).not.toMatch(/self_enabled_addon does not exist|BLENDER_HARNESS_READY/);
    const good = new ActionRun(process.execPath);
    const passed = await good.start(
      'main',
      good.env({ 'blender-path': blender, 'addon-paths': 'fixtures/addons/self_enabled_addon', tests: 'fixtures/suites/self_enabling' }),
    );
    expect(passed.code, passed.stdout).toBe(0);
    expect(passed.outputs).toMatchObject({ failed: '0', leftovers: '0' });
    expect(Number(passed.outputs.passed)).toBeGreaterThanOrEqual(8);
  });
});
