// The CLI as npm users get it: the packed tarball, installed without dev dependencies (dist/
// bundles every library), run against a real Blender.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProcesses } from '../src/session/processes.js';
import { VERSION } from '../src/version.js';
import { testBlender } from './helpers/blender.js';
import { buildReleaseTree, downMirrorUrl, startReleaseServer } from './helpers/release-server.js';

const repo = resolve(import.meta.dirname, '..');
const blender = testBlender();
let dir: string;
let tarball: string;
let bin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bh-package-'));
  const packed = await execa('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: repo });
  tarball = join(dir, packed.stdout.trim().split('\n').pop() ?? '');
  const app = join(dir, 'app');
  await execa('npm', ['install', '--prefix', app, '--omit=dev', '--no-audit', '--no-fund', '--offline', tarball]);
  bin = join(app, 'node_modules', '.bin', 'blender-harness');
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the published package', () => {
  it('holds the bundle, the Blender side and action.yml, and no sources or tests', async () => {
    const { stdout } = await execa('tar', ['-tzf', tarball]);
    const files = stdout.split('\n');
    for (const f of [
      'package/dist/cli.js',
      'package/dist/main.js',
      'package/dist/post.js',
      'package/blender/bootstrap.py',
      'package/blender/harness_server/server.py',
      'package/blender/harness_server/wire.json',
      'package/action.yml',
    ]) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^package\/(src|test|fixtures|bench|node_modules)\/|__pycache__|\.pyc$/.test(f))).toEqual([]);
  });

  it('prints its version', async () => {
    const { stdout } = await execa(bin, ['--version']);
    expect(stdout.trim()).toBe(VERSION);
  });

  it('runs the quick-start suite from an install that has no other packages, with Blender from PATH', async () => {
    // As in the README's quick start: no --blender, so the blender on PATH.
    const result = await execa(
      bin,
      ['test', join(repo, 'fixtures/demo'), '--addon', join(repo, 'fixtures/addons/hello_addon'), '--no-color'],
      {
        cwd: dir,
        reject: false,
        env: { PATH: `${dirname(blender)}${delimiter}${process.env.PATH ?? ''}` },
      },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    // The first line says which Blender ran: the one on PATH, as `blender --version` names it.
    const version = /Blender (\d+\.\d+\.\d+)/.exec((await execa(blender, ['--version'])).stdout)?.[1];
    expect(result.stdout.split('\n')[0]).toMatch(
      new RegExp(`^Blender ${version?.replaceAll('.', '\\.')} \\(Python 3\\.\\d+\\.\\d+\\) at .*blender, 1 worker$`),
    );
    expect(result.stdout.trim().split('\n').pop()).toBe('7 passed, 0 failed, 0 skipped');
  });

  it('keeps going when its reader goes away (| head): no EPIPE crash, report written, nothing left', async () => {
    const tap = join(dir, 'piped.tap');
    const child = execa(
      bin,
      ['test', join(repo, 'fixtures/demo'), '--addon', join(repo, 'fixtures/addons/hello_addon'), '--blender', blender, '--tap', tap],
      {
        cwd: dir,
        reject: false,
        buffer: { stdout: false },
      },
    );
    child.stdout.once('data', () => child.stdout.destroy());
    const result = await child;
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/EPIPE|Error/);
    // Six tests and the cleanup check, all passed.
    const report = readFileSync(tap, 'utf8');
    expect(report).toMatch(/^1\.\.7$/m);
    expect(report).not.toMatch(/^not ok/m);
    const installed = join(dir, 'app', 'node_modules', 'blender-harness', 'blender', 'bootstrap.py');
    expect(listProcesses().filter((p) => p.command.includes(installed) && p.state !== 'Z')).toEqual([]);
  });

  it('installs the --blender version it is given from a --mirror, then runs the suites with it', async () => {
    const tree = await buildReleaseTree({ versions: ['4.2.3'], blender });
    const server = await startReleaseServer({ root: tree.root });
    try {
      const result = await execa(
        bin,
        [
          'test',
          join(repo, 'fixtures/demo'),
          '--addon',
          join(repo, 'fixtures/addons/hello_addon'),
          '--blender',
          '4.2',
          '--mirror',
          `${server.url}release/`,
        ],
        // The default mirror refuses at once here, as download.blender.org cannot be reached.
        {
          cwd: dir,
          reject: false,
          env: { BLENDER_HARNESS_RELEASE_URL: await downMirrorUrl(), BLENDER_HARNESS_CACHE_DIR: join(dir, 'cache') },
        },
      );
      expect(result.exitCode, result.stderr).toBe(0);
      expect(server.requests.some((r) => r.path.endsWith('blender-4.2.3-linux-x64.tar.xz'))).toBe(true);
      expect(result.stdout.split('\n')[0]).toContain(join(dir, 'cache'));
      expect(result.stdout.trim().split('\n').pop()).toBe('7 passed, 0 failed, 0 skipped');
    } finally {
      await server.close();
      rmSync(tree.root, { recursive: true, force: true });
    }
  });
});
