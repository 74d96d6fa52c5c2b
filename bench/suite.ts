// Suite bench: a 200-test module (each test adds a mesh and asserts on it) run by this
// harness with 1 and 2 workers, in-process by pytest.main() inside one Blender (the way
// pytest-blender does), and one Blender process per test (20 tests, scaled to 200).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { runSuites } from '../src/suite/index.js';
import { median, row, timeIt, type Row } from './stats.js';

const TESTS = 200;

function writeModule(dir: string): string {
  const lines = ['import bpy', ''];
  for (let i = 0; i < TESTS; i++) {
    lines.push(
      `def test_mesh_${i}():`,
      `    mesh = bpy.data.meshes.new("m${i}")`,
      `    mesh.from_pydata([(0, 0, 0), (1, 0, 0), (0, 1, 0)], [], [(0, 1, 2)])`,
      `    obj = bpy.data.objects.new("o${i}", mesh)`,
      `    bpy.context.scene.collection.objects.link(obj)`,
      `    assert len(obj.data.vertices) == 3`,
      '',
    );
  }
  const file = join(dir, 'test_meshes.py');
  writeFileSync(file, lines.join('\n'));
  return file;
}

interface HarnessRun {
  /** The whole run: Blender start, every test, stop and the cleanup check. */
  wall: number;
  /** First result to last: the part of the run that workers can split. */
  tests: number;
}

async function harness(blender: string, file: string, workers: number): Promise<HarnessRun> {
  const started = performance.now();
  let first = 0;
  let last = 0;
  const outcome = await runSuites({
    session: { blender },
    paths: [file],
    workers,
    onResult: () => {
      last = performance.now();
      first ||= last;
    },
  });
  const wall = performance.now() - started;
  const passed = outcome.results.filter((r) => r.outcome === 'passed').length;
  if (passed !== TESTS || !outcome.cleanup.clean) throw new Error(`harness run: ${passed}/${TESTS} passed, clean=${outcome.cleanup.clean}`);
  return { wall, tests: last - first };
}

async function pytestInProcess(blender: string, file: string): Promise<number> {
  const code = `import sys, pytest; sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", ${JSON.stringify(file)}]))`;
  return timeIt(async () => {
    const result = await execa(blender, ['-b', '--factory-startup', '--python-exit-code', '1', '--python-expr', code], { reject: false });
    if (!/200 passed/.test(result.stdout)) throw new Error(`pytest inside Blender did not pass 200 tests (is python3-pytest installed?):\n${result.stdout.slice(-2000)}`);
  });
}

/** Blender alone: a bare start and exit, and one fresh-scene load (the harness's reset). */
async function blenderFloor(blender: string): Promise<{ bare: number; sceneLoad: number }> {
  const bare = await timeIt(() => execa(blender, ['-b', '--factory-startup', '--python-expr', 'import sys; sys.exit(0)']));
  const code = [
    'import time, bpy',
    'bpy.ops.wm.read_homefile()',
    't = time.perf_counter()',
    `for _ in range(${TESTS}): bpy.ops.wm.read_homefile()`,
    `print("LOAD_MS", (time.perf_counter() - t) * 1000 / ${TESTS})`,
  ].join('\n');
  const { stdout } = await execa(blender, ['-b', '--factory-startup', '-noaudio', '--python-exit-code', '1', '--python-expr', code]);
  const sceneLoad = Number(/LOAD_MS (\S+)/.exec(stdout)?.[1]);
  if (!Number.isFinite(sceneLoad)) throw new Error(`could not time read_homefile:\n${stdout.slice(-2000)}`);
  return { bare, sceneLoad };
}

async function processPerTest(blender: string, file: string, sample: number): Promise<number> {
  return timeIt(async () => {
    for (let i = 0; i < sample; i++) {
      const code = `import importlib.util, sys\nspec = importlib.util.spec_from_file_location("m", ${JSON.stringify(file)})\nm = importlib.util.module_from_spec(spec)\nspec.loader.exec_module(m)\nm.test_mesh_${i}()`;
      await execa(blender, ['-b', '--factory-startup', '--python-exit-code', '1', '--python-expr', code]);
    }
  });
}

export async function benchSuite(blender: string, runs = 5): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-bench-suite-'));
  try {
    const file = writeModule(dir);
    // Interleaved, so a noisy neighbour on a shared machine slows all three alike.
    const pytestRuns: number[] = [];
    const floors: { bare: number; sceneLoad: number }[] = [];
    const oneRuns: HarnessRun[] = [];
    const twoRuns: HarnessRun[] = [];
    for (let i = 0; i < runs; i++) {
      pytestRuns.push(await pytestInProcess(blender, file));
      floors.push(await blenderFloor(blender));
      oneRuns.push(await harness(blender, file, 1));
      twoRuns.push(await harness(blender, file, 2));
    }
    const pytest = median(pytestRuns);
    const one = median(oneRuns.map((r) => r.wall));
    const two = median(twoRuns.map((r) => r.wall));
    const oneTests = median(oneRuns.map((r) => r.tests));
    const twoTests = median(twoRuns.map((r) => r.tests));
    // What no split of the tests can shorten: Blender's start before the first result and
    // its stop and the cleanup check after the last.
    const fixed = median(oneRuns.map((r) => r.wall - r.tests));
    const sceneLoad = median(floors.map((f) => f.sceneLoad));
    const pytestPerTest = (pytest - median(floors.map((f) => f.bare))) / TESTS;
    const perProcess = (await processPerTest(blender, file, 20)) * (TESTS / 20);
    return [
      row('200 tests, 1 worker (fresh scene each)', 'pytest.main() in one Blender', one, pytest, '<= 1.3x', one / pytest <= 1.3),
      row('  fresh scene (read_homefile) alone, per test', 'pytest per test (run - bare start) / 200', sceneLoad, pytestPerTest),
      row('200 tests, 2 workers', 'this harness, 1 worker', two, one, '<= 1/1.6x', one / two >= 1.6),
      row('  their test phase (first to last result)', 'the same, 1 worker', twoTests, oneTests, '<= 1/1.6x', oneTests / twoTests >= 1.6),
      row('  start + stop of 1 worker (not splittable)', 'its whole run', fixed, one),
      row('  best 2-worker run: that + half the tests', 'this harness, 1 worker', fixed + oneTests / 2, one),
      row('200 tests, 1 worker', 'one Blender per test (20, scaled)', one, perProcess, '<= 1/30x', perProcess / one >= 30),
      row('200 tests, 2 workers', 'one Blender per test (20, scaled)', two, perProcess, '<= 1/30x', perProcess / two >= 30),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
