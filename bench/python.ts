// Blender's Python: what an installed package set costs a run once it is cached, and what
// coverage costs the 200-test suite. Each pair runs the same suite on the same Blender with
// the same isolation (fresh scene per test, one worker), back to back, baseline first in even
// rounds; the table shows medians.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { finishCoverageRun, startCoverageRun } from '../src/python/coverage.js';
import { preparePackages, probeBlenderPython, type PackagesOptions } from '../src/python/index.js';
import { runSuites } from '../src/suite/index.js';
import { buildWheels } from '../test/helpers/package-index.js';
import { median, row, timeIt, type Row } from './stats.js';

const TESTS = 200;

function writeSuite(dir: string, tests: number): string {
  mkdirSync(dir, { recursive: true });
  const lines = ['import bpy', 'import shapes', ''];
  for (let i = 0; i < tests; i++) {
    lines.push(
      `def test_mesh_${i}():`,
      `    obj = shapes.triangle("t${i}")`,
      `    assert shapes.classify(len(obj.data.vertices)) == "triangle"`,
      '',
    );
  }
  writeFileSync(join(dir, 'test_shapes.py'), lines.join('\n'));
  // The code under test, what coverage measures: an add-on-like module the tests call.
  writeFileSync(
    join(dir, 'shapes.py'),
    [
      'import bpy',
      '',
      'def triangle(name):',
      '    mesh = bpy.data.meshes.new(name)',
      '    mesh.from_pydata([(0, 0, 0), (1, 0, 0), (0, 1, 0)], [], [(0, 1, 2)])',
      '    obj = bpy.data.objects.new(name, mesh)',
      '    bpy.context.scene.collection.objects.link(obj)',
      '    return obj',
      '',
      'def classify(count):',
      '    if count == 3:',
      '        return "triangle"',
      '    if count == 4:',
      '        return "quad"',
      '    return "polygon"',
      '',
    ].join('\n'),
  );
  return dir;
}

async function run(blender: string, dir: string, extra: { pythonPaths?: string[]; coverage?: string }): Promise<number> {
  return timeIt(async () => {
    const coverage = extra.coverage ? startCoverageRun([join(dir, 'shapes.py')], dir) : undefined;
    const outcome = await runSuites({
      session: {
        blender,
        ...(extra.pythonPaths ? { pythonPaths: extra.pythonPaths } : {}),
        ...(coverage ? { coverage: { dataDir: coverage.dataDir, include: coverage.include } } : {}),
      },
      paths: [join(dir, 'test_shapes.py')],
      cwd: dir,
    });
    const passed = outcome.results.filter((r) => r.outcome === 'passed').length;
    if (passed !== outcome.results.length || !outcome.cleanup.clean)
      throw new Error(`python bench run: ${passed}/${outcome.results.length} passed`);
    if (coverage) {
      // As the CLI does: combined by Blender's Python interpreter when it can run alone.
      const summary = await finishCoverageRun(coverage, { blender, cwd: dir, python: extra.coverage ?? '' });
      if (summary.statements === 0 || summary.missing !== 3)
        throw new Error(`python bench: unexpected coverage ${JSON.stringify(summary.files.map((f) => [f.path, f.missing]))}`);
    }
  });
}

export async function benchPython(blender: string, runs = 5): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-bench-python-'));
  try {
    const suite = writeSuite(join(dir, 'suite'), TESTS);
    const small = writeSuite(join(dir, 'small'), 5);
    const wheels = await buildWheels({ wheels: [{ name: 'benchpkg', version: '1.0', files: { 'benchpkg/__init__.py': 'VALUE = 1\n' } }] });
    const options: PackagesOptions = {
      blender,
      packages: ['benchpkg'],
      cacheRoot: join(dir, 'cache'),
      env: { ...process.env, PIP_CONFIG_FILE: devNull, PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheels },
    };
    const installed = await preparePackages(options);
    if (!installed.site) throw new Error('python bench: the package set was not installed');
    const site = installed.site;
    const python = (await probeBlenderPython(blender, { cacheRoot: join(dir, 'cache') })).executable;

    const prepare: number[] = [];
    const withPackages: number[] = [];
    const without: number[] = [];
    const covered: number[] = [];
    const plain: number[] = [];
    for (let round = 0; round < runs; round++) {
      const pairs: [() => Promise<number>, () => Promise<number>, number[], number[]][] = [
        // A run with the cached set: the lookup (probe read, hash, stat) and the folder on sys.path.
        [
          () => run(blender, small, {}),
          async () => (await timeIt(() => preparePackages(options))) + (await run(blender, small, { pythonPaths: [site] })),
          without,
          withPackages,
        ],
        [() => run(blender, suite, {}), () => run(blender, suite, { coverage: python }), plain, covered],
      ];
      for (const [base, value, baseOut, valueOut] of pairs) {
        if (round % 2) {
          valueOut.push(await value());
          baseOut.push(await base());
        } else {
          baseOut.push(await base());
          valueOut.push(await value());
        }
      }
      prepare.push(await timeIt(() => preparePackages(options)));
      process.stderr.write(
        `python round ${round + 1}/${runs} (load ${loadavg()[0]?.toFixed(1)}): packages cached ${withPackages.at(-1)?.toFixed(0)} ms vs ${without.at(-1)?.toFixed(0)} ms, ` +
          `coverage ${covered.at(-1)?.toFixed(0)} ms vs ${plain.at(-1)?.toFixed(0)} ms\n`,
      );
    }
    const added = median(withPackages) - median(without);
    const lookup = median(prepare);
    const cov = median(covered);
    const base = median(plain);
    return [
      row(
        'packages cached: lookup alone (probe read, set hash, stat)',
        'nothing (no packages)',
        lookup,
        1,
        '<= 50 ms',
        lookup <= 50,
        `+${lookup.toFixed(1)} ms`,
      ),
      row(
        'packages cached: 5-test run, lookup + set on sys.path',
        'the same run without packages',
        median(withPackages),
        median(without),
        '<= 50 ms added',
        added <= 50,
        `${added >= 0 ? '+' : ''}${added.toFixed(0)} ms`,
      ),
      row(
        `coverage on: ${TESTS}-test suite, fresh scene, 1 worker, combine + reports`,
        'the same run without coverage',
        cov,
        base,
        '<= 1.5x',
        cov / base <= 1.5,
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
