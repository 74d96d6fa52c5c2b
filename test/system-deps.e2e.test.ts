// The Action in a slim container, as act runs it: tested here in a minimal Debian root
// (bookworm-slim, from `npm run blender:roots`) from which X11 libraries Blender links were
// removed. `system-deps: none` must name them and their packages and install nothing;
// `auto` must install them with apt-get, after which Blender starts and stops clean.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActionRun } from './helpers/action-runner.js';
import { node24Binary } from './helpers/node.js';
import { inSlimRoot, lockSlimRoot, requireSlimRoot, slimRootWrap } from './helpers/slim-root.js';

// Each is a library /usr/bin/blender links (directly or through SDL2) and the package that
// ships it. The loader names only the first it misses; all four must be named.
const REMOVED: Record<string, string> = {
  libxi6: 'libXi.so.6',
  libxxf86vm1: 'libXxf86vm.so.1',
  libxfixes3: 'libXfixes.so.3',
  libxkbcommon0: 'libxkbcommon.so.0',
};
const PACKAGES = Object.keys(REMOVED);

function installed(): Record<string, boolean> {
  const r = inSlimRoot(['dpkg-query', '-W', '-f', '${Package} ${db:Status-Status}\\n', ...PACKAGES]);
  const states = Object.fromEntries(r.output.split('\n').map((l) => l.trim().split(' ') as [string, string]));
  return Object.fromEntries(PACKAGES.map((p) => [p, states[p] === 'installed']));
}
const none = Object.fromEntries(PACKAGES.map((p) => [p, false]));
const all = Object.fromEntries(PACKAGES.map((p) => [p, true]));

/** Back to "libraries removed", whatever the last run left, and proof that Blender now fails. */
function removeLibraries(): void {
  // A run killed inside apt leaves dpkg half done, and apt refuses to work until this is run.
  const configured = inSlimRoot(['dpkg', '--configure', '-a']);
  expect(configured.status, configured.output).toBe(0);
  const removed = inSlimRoot(['dpkg', '--remove', '--force-depends', ...PACKAGES]);
  expect(removed.status, removed.output).toBe(0);
  expect(installed()).toEqual(none);
  const blender = inSlimRoot(['/usr/bin/blender', '--version']);
  expect(blender.status).toBe(127);
  expect(blender.output).toMatch(/error while loading shared libraries: lib\S+\.so\.\d+: cannot open shared object file/);
}

const escape = (s: string): string => s.replace(/[.+]/g, '\\$&');

describe('the bundled Action in a slim root that lacks X11 libraries', () => {
  let release: (() => void) | undefined;
  let node: string;

  // Waits for a rebuild of the root (about 3 minutes) or another run of this file.
  beforeAll(async () => {
    requireSlimRoot();
    release = await lockSlimRoot(600);
    node = node24Binary();
  }, 660_000);
  afterAll(() => release?.());
  beforeEach(removeLibraries);

  const runMain = (systemDeps: string): Promise<Awaited<ReturnType<ActionRun['start']>>> => {
    const run = new ActionRun(node);
    run.wrap = slimRootWrap();
    return run.start('main', run.env({ 'blender-path': '/usr/bin/blender', 'system-deps': systemDeps }));
  };

  it('system-deps: none fails, naming every missing library with its package, and installs nothing', async () => {
    const main = await runMain('none');
    expect(main.code, main.stdout).toBe(1);
    const error = main.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
    for (const [pkg, lib] of Object.entries(REMOVED)) expect(error).toMatch(new RegExp(`${escape(lib)} +from package ${pkg}`));
    const command = /apt-get install -y --no-install-recommends ([\w.+ -]+?)(?:%0A|$)/.exec(error)?.[1];
    expect(command?.split(' ').sort()).toEqual([...PACKAGES].sort());
    expect(main.stdout).not.toMatch(/\$ apt-get/);
    expect(main.stdout).not.toMatch(/BLENDER_HARNESS_READY|answered ping/);
    expect(installed()).toEqual(none);
  });

  it('system-deps: auto installs them with apt-get, then Blender starts, answers and stops clean', async () => {
    const main = await runMain('auto');
    expect(main.code, main.stdout).toBe(0);
    expect(main.stdout).toMatch(/::group::Check Blender's system libraries/);
    expect(main.stdout).toMatch(/Installing (\S+ ){4}with apt-get \(as root\)/);
    expect(main.stdout).toMatch(/Blender starts now/);
    expect(main.stdout).toMatch(/answered ping/);
    expect(main.outputs).toMatchObject({ failed: '0', leftovers: '0', 'blender-path': '/usr/bin/blender' });
    expect(main.outputs['blender-version']).toMatch(/^3\.4\.\d+$/);
    expect(installed()).toEqual(all);
    expect(inSlimRoot(['/usr/bin/blender', '--version']).status).toBe(0);
  });
});
