// Suite bench: a 200-test module (each test adds a mesh and asserts on it) run by this
// harness (pytest inside Blender, one item per request) against pytest.main() in one Blender
// (the way pytest-blender runs) with the same isolation, and against one Blender per test.
//
// Every pair compares like with like: the harness with a fresh scene per test against
// pytest.main() with an autouse fixture that loads the startup file (what the harness does
// during each test's setup), the harness with freshScene: false against plain pytest.main().
// Blender is started the same way for all (-b --factory-startup -noaudio, as Session does),
// in the module's folder. Every measure is taken once per round, each pair back to back, and
// the table shows medians over the rounds: a noisy neighbour on a shared machine slows
// baselines and harness alike.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { runSuites } from '../src/suite/index.js';
import { faster, median, row, timeIt, type Row } from './stats.js';

const TESTS = 200;
/** How Session starts Blender (less the server): the baselines start it the same way. */
const BLENDER_ARGS = ['-b', '--factory-startup', '-noaudio'];
/** One Blender per test: this many tests per round, scaled to 200. */
const PER_PROCESS_SAMPLE = 4;

function writeModule(dir: string, from = 0, to = TESTS): string {
  mkdirSync(dir, { recursive: true });
  const lines = ['import bpy', ''];
  for (let i = from; i < to; i++) {
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

/** The fresh-scene baseline's folder: the same module, with a conftest.py that loads the startup file before each test. */
function writeFreshSceneCopy(dir: string, from = 0, to = TESTS): string {
  const file = writeModule(dir, from, to);
  writeFileSync(
    join(dir, 'conftest.py'),
    ['import bpy', 'import pytest', '', '', '@pytest.fixture(autouse=True)', 'def fresh():', '    bpy.ops.wm.read_homefile()', ''].join(
      '\n',
    ),
  );
  return file;
}

interface Run {
  /** The whole run: Blender start, collection, every test, stop (and, for the harness, the cleanup check). */
  wall: number;
  /** First test finished to last test finished: 199 tests' worth, the part that workers can split. */
  tests: number;
  /** pytest.main() runs: the first and last test's end, wall-clock seconds (comparable across processes). */
  ends?: [number, number];
}

/** One test's time from a run's test phase, the same formula for the harness and pytest.main(). */
const perTest = (r: Run): number => r.tests / (TESTS - 1);

async function harness(blender: string, file: string, workers: number, freshScene: boolean): Promise<Run> {
  const started = performance.now();
  let first = 0;
  let last = 0;
  const outcome = await runSuites({
    session: { blender },
    paths: [file],
    cwd: dirname(file),
    workers,
    freshScene,
    onResult: () => {
      last = performance.now();
      first ||= last;
    },
  });
  const wall = performance.now() - started;
  const passed = outcome.results.filter((r) => r.outcome === 'passed').length;
  if (passed !== TESTS || outcome.results.length !== TESTS || !outcome.cleanup.clean || outcome.restarts) {
    const failed = outcome.results.find((r) => r.outcome !== 'passed');
    throw new Error(
      `harness run (${workers} worker(s), freshScene ${freshScene}): ${passed}/${TESTS} passed of ${outcome.results.length} results, ` +
        `restarts ${outcome.restarts}, clean=${outcome.cleanup.clean} ${JSON.stringify(outcome.cleanup.leftovers)}` +
        (failed ? `\nfirst failure: ${failed.id}: ${failed.message ?? failed.outcome}` : ''),
    );
  }
  return { wall, tests: last - first };
}

/**
 * pytest.main() inside one Blender, as pytest-blender runs a suite. A plugin object (one
 * timestamp per test) times the test phase the way onResult does for the harness: from the
 * first test's end to the last's.
 */
async function pytestInProcess(blender: string, file: string, expected = TESTS): Promise<Run> {
  const code = [
    'import sys, time, pytest',
    'class Timing:',
    '    def __init__(self):',
    '        self.ends, self.passed = [], 0',
    '    def pytest_runtest_logreport(self, report):',
    '        if report.when == "teardown": self.ends.append(time.time())',
    '        if report.when == "call" and report.passed: self.passed += 1',
    'timing = Timing()',
    `code = pytest.main(["-q", "-p", "no:cacheprovider", ${JSON.stringify(file)}], plugins=[timing])`,
    'print("BENCH_PYTEST", (timing.ends[-1] - timing.ends[0]) * 1000 if timing.ends else -1, timing.passed, flush=True)',
    'print("BENCH_ENDS", timing.ends[0] if timing.ends else -1, timing.ends[-1] if timing.ends else -1, flush=True)',
    'sys.exit(code)',
  ].join('\n');
  const started = performance.now();
  const result = await execa(blender, [...BLENDER_ARGS, '--python-exit-code', '1', '--python-expr', code], {
    cwd: dirname(file),
    reject: false,
  });
  const wall = performance.now() - started;
  const m = /BENCH_PYTEST (\S+) (\d+)/.exec(result.stdout);
  const ends = /BENCH_ENDS (\S+) (\S+)/.exec(result.stdout);
  if (result.exitCode !== 0 || !m || !ends || Number(m[2]) !== expected || !new RegExp(`\\b${expected} passed\\b`).test(result.stdout)) {
    throw new Error(
      `pytest inside Blender did not pass ${expected} tests (exit ${result.exitCode}; is python3-pytest installed?):\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`,
    );
  }
  return { wall, tests: Number(m[1]), ends: [Number(ends[1]), Number(ends[2])] };
}

/**
 * What two Blenders at once get from this machine, without the harness: two pytest.main()
 * Blenders with the fresh-scene fixture, half the tests each, started together. Their test
 * phase is the first end to the last across both, as the harness's 2-worker phase is.
 */
async function pytestPair(blender: string, halves: [string, string]): Promise<Run> {
  const started = performance.now();
  const runs = await Promise.all(halves.map((f) => pytestInProcess(blender, f, TESTS / 2)));
  const wall = performance.now() - started;
  const firsts = runs.map((r) => r.ends?.[0] ?? Number.NaN);
  const lasts = runs.map((r) => r.ends?.[1] ?? Number.NaN);
  return { wall, tests: (Math.max(...lasts) - Math.min(...firsts)) * 1000 };
}

/** Blender alone: a bare start and exit, and one fresh-scene load (the harness's reset). */
async function blenderFloor(blender: string): Promise<{ bare: number; sceneLoad: number }> {
  const bare = await timeIt(() => execa(blender, [...BLENDER_ARGS, '--python-expr', 'import sys; sys.exit(0)']));
  const code = [
    'import time, bpy',
    'bpy.ops.wm.read_homefile()',
    't = time.perf_counter()',
    `for _ in range(${TESTS}): bpy.ops.wm.read_homefile()`,
    `print("LOAD_MS", (time.perf_counter() - t) * 1000 / ${TESTS})`,
  ].join('\n');
  const { stdout } = await execa(blender, [...BLENDER_ARGS, '--python-exit-code', '1', '--python-expr', code]);
  const sceneLoad = Number(/LOAD_MS (\S+)/.exec(stdout)?.[1]);
  if (!Number.isFinite(sceneLoad)) throw new Error(`could not time read_homefile:\n${stdout.slice(-2000)}`);
  return { bare, sceneLoad };
}

/** One Blender per test for tests [from, from + count): the time per test. */
async function processPerTest(blender: string, file: string, from: number, count: number): Promise<number> {
  const time = await timeIt(async () => {
    for (let i = from; i < from + count; i++) {
      const code = `import importlib.util, sys\nspec = importlib.util.spec_from_file_location("m", ${JSON.stringify(file)})\nm = importlib.util.module_from_spec(spec)\nspec.loader.exec_module(m)\nm.test_mesh_${i}()`;
      await execa(blender, [...BLENDER_ARGS, '--python-exit-code', '1', '--python-expr', code]);
    }
  });
  return time / count;
}

export async function benchSuite(blender: string, runs = 5): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-bench-suite-'));
  try {
    const file = writeModule(join(dir, 'plain'));
    const fixtureFile = writeFreshSceneCopy(join(dir, 'fresh-fixture'));
    const halves: [string, string] = [
      writeFreshSceneCopy(join(dir, 'half-a'), 0, TESTS / 2),
      writeFreshSceneCopy(join(dir, 'half-b'), TESTS / 2, TESTS),
    ];
    const pairFresh: Run[] = [];
    const pytestPlain: Run[] = [];
    const pytestFresh: Run[] = [];
    const oneFresh: Run[] = [];
    const oneKeep: Run[] = [];
    const twoFresh: Run[] = [];
    const floors: { bare: number; sceneLoad: number }[] = [];
    const perProcess: number[] = [];
    const secs = (ms: number | undefined): string => `${((ms ?? Number.NaN) / 1000).toFixed(2)} s`;
    for (let round = 0; round < runs; round++) {
      // Each pair is measured back to back, baseline first in even rounds and last in odd
      // ones, and the groups take turns at running first.
      const groups: (() => Promise<unknown>)[][] = [
        [
          async () => pytestFresh.push(await pytestInProcess(blender, fixtureFile)),
          async () => oneFresh.push(await harness(blender, file, 1, true)),
          async () => twoFresh.push(await harness(blender, file, 2, true)),
          async () => pairFresh.push(await pytestPair(blender, halves)),
        ],
        [
          async () => pytestPlain.push(await pytestInProcess(blender, file)),
          async () => oneKeep.push(await harness(blender, file, 1, false)),
        ],
        [
          async () => floors.push(await blenderFloor(blender)),
          async () => perProcess.push(await processPerTest(blender, file, (round * PER_PROCESS_SAMPLE) % TESTS, PER_PROCESS_SAMPLE)),
        ],
      ];
      for (let g = 0; g < groups.length; g++) {
        const group = groups[(g + round) % groups.length] ?? [];
        for (const measure of round % 2 ? [...group].reverse() : group) await measure();
      }
      process.stderr.write(
        `suite round ${round + 1}/${runs} (load ${loadavg()[0]?.toFixed(1)}): pytest+fixture ${secs(pytestFresh.at(-1)?.wall)}, ` +
          `harness fresh ${secs(oneFresh.at(-1)?.wall)}, 2 workers ${secs(twoFresh.at(-1)?.wall)}, pytest plain ${secs(pytestPlain.at(-1)?.wall)}, ` +
          `harness keep ${secs(oneKeep.at(-1)?.wall)}, bare start ${secs(floors.at(-1)?.bare)}\n`,
      );
    }

    const wall = (rs: Run[]): number => median(rs.map((r) => r.wall));
    const phase = (rs: Run[]): number => median(rs.map((r) => r.tests));
    const each = (rs: Run[]): number => median(rs.map(perTest));
    const bare = median(floors.map((f) => f.bare));
    const overRun = (rs: Run[]): number => (wall(rs) - bare) / TESTS;
    const ms = (d: number): string => `${d >= 0 ? '+' : ''}${d.toFixed(3)} ms`;

    const one = wall(oneFresh);
    const two = wall(twoFresh);
    const plain = wall(pytestPlain);
    const fresh = wall(pytestFresh);
    const keep = wall(oneKeep);
    const ownCost = each(oneFresh) - each(pytestFresh);
    const ownCostKeep = each(oneKeep) - each(pytestPlain);
    const oneTests = phase(oneFresh);
    const twoTests = phase(twoFresh);
    // What no split of the tests can shorten: Blender's start, collection, its stop and the
    // cleanup check (the whole run less all 200 tests: the test phase is 199 of them).
    const fixed = median(oneFresh.map((r) => r.wall - perTest(r) * TESTS));
    const sceneLoad = median(floors.map((f) => f.sceneLoad));
    const scaled = median(perProcess) * TESTS;
    const sample = `${PER_PROCESS_SAMPLE * runs} tests, ${PER_PROCESS_SAMPLE} a round, scaled to ${TESTS}`;
    return [
      row(
        '200 tests, 1 worker, fresh scene each',
        'pytest.main() in one Blender + autouse read_homefile() fixture',
        one,
        fresh,
        '<= 1.1x',
        one / fresh <= 1.1,
      ),
      row(
        "  harness's own cost per test: harness - baseline, each (last - first result) / 199",
        'pytest.main() + autouse read_homefile(), same formula',
        each(oneFresh),
        each(pytestFresh),
        '<= +0.3 ms',
        ownCost <= 0.3,
        ms(ownCost),
      ),
      row(
        '  the same without fresh scenes (freshScene: false)',
        'plain pytest.main(), same formula',
        each(oneKeep),
        each(pytestPlain),
        undefined,
        undefined,
        ms(ownCostKeep),
      ),
      row(
        '  the same over whole runs, each (wall - bare Blender start/stop) / 200',
        'pytest.main() + autouse read_homefile(), same formula',
        overRun(oneFresh),
        overRun(pytestFresh),
        undefined,
        undefined,
        ms(overRun(oneFresh) - overRun(pytestFresh)),
      ),
      row(
        '200 tests, 1 worker, no fresh scene (freshScene: false)',
        'pytest.main() in one Blender, no isolation',
        keep,
        plain,
        '<= 1.15x',
        keep / plain <= 1.15,
      ),
      row(
        '200 tests, 2 workers, fresh scene each: test phase (first to last result)',
        'the same, 1 worker',
        twoTests,
        oneTests,
        '>= 1.7x faster',
        oneTests / twoTests >= 1.7,
        faster(twoTests, oneTests),
      ),
      row(
        '  machine ceiling: 2 pytest.main() Blenders at once, half each, fixture: test phase',
        '1 pytest.main() Blender + fixture, all 200: test phase',
        phase(pairFresh),
        phase(pytestFresh),
        undefined,
        undefined,
        faster(phase(pairFresh), phase(pytestFresh)),
      ),
      row(
        '  harness, 2 workers, against that ceiling (same isolation, same split): test phase',
        '2 pytest.main() Blenders at once, half each: test phase',
        twoTests,
        phase(pairFresh),
        undefined,
        undefined,
        `speed-up ${(oneTests / twoTests).toFixed(2)}x vs ${(phase(pytestFresh) / phase(pairFresh)).toFixed(2)}x`,
      ),
      row(
        'stretch: 200 tests, 2 workers, fresh scene each, whole run',
        'pytest.main() in one Blender, no isolation',
        two,
        plain,
        '<= 1.0x',
        two / plain <= 1.0,
      ),
      row(
        '  fresh scene (read_homefile) alone, per test',
        'pytest, no isolation, per test: (last - first result) / 199',
        sceneLoad,
        each(pytestPlain),
      ),
      row('  start + stop of 1 worker, fresh scene (not splittable)', 'its whole run', fixed, one),
      row(
        '  best 2-worker run: that + half of the 200 tests',
        'this harness, 1 worker, fresh scene each',
        fixed + (one - fixed) / 2,
        one,
        undefined,
        undefined,
        faster(fixed + (one - fixed) / 2, one),
      ),
      row(
        '  200 tests, 2 workers, fresh scene each, whole run',
        'this harness, 1 worker, fresh scene each',
        two,
        one,
        undefined,
        undefined,
        faster(two, one),
      ),
      row(
        '200 tests, 1 worker, fresh scene each',
        `one Blender per test (${sample})`,
        one,
        scaled,
        '>= 30x faster',
        scaled / one >= 30,
        faster(one, scaled),
      ),
      row(
        '200 tests, 2 workers, fresh scene each',
        `one Blender per test (${sample})`,
        two,
        scaled,
        '>= 30x faster',
        scaled / two >= 30,
        faster(two, scaled),
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
