// Suite bench: a 200-test module (each test adds a mesh and asserts on it) run by this
// harness with 1 and 2 workers, in-process by pytest.main() inside one Blender (the way
// pytest-blender does), and one Blender process per test (20 tests, scaled to 200).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { runSuites } from '../src/suite/index.js';
import { median, repeat, row, timeIt, type Row } from './stats.js';

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

async function harness(blender: string, file: string, workers: number): Promise<number> {
  return timeIt(async () => {
    const outcome = await runSuites({ session: { blender }, paths: [file], workers });
    const passed = outcome.results.filter((r) => r.outcome === 'passed').length;
    if (passed !== TESTS || !outcome.cleanup.clean) throw new Error(`harness run: ${passed}/${TESTS} passed, clean=${outcome.cleanup.clean}`);
  });
}

async function pytestInProcess(blender: string, file: string): Promise<number> {
  const code = `import sys, pytest; sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", ${JSON.stringify(file)}]))`;
  return timeIt(async () => {
    const result = await execa(blender, ['-b', '--factory-startup', '--python-exit-code', '1', '--python-expr', code], { reject: false });
    if (!/200 passed/.test(result.stdout)) throw new Error(`pytest inside Blender did not pass 200 tests (is python3-pytest installed?):\n${result.stdout.slice(-2000)}`);
  });
}

async function processPerTest(blender: string, file: string, sample: number): Promise<number> {
  return timeIt(async () => {
    for (let i = 0; i < sample; i++) {
      const code = `import importlib.util, sys\nspec = importlib.util.spec_from_file_location("m", ${JSON.stringify(file)})\nm = importlib.util.module_from_spec(spec)\nspec.loader.exec_module(m)\nm.test_mesh_${i}()`;
      await execa(blender, ['-b', '--factory-startup', '--python-exit-code', '1', '--python-expr', code]);
    }
  });
}

export async function benchSuite(blender: string, runs = 3): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-bench-suite-'));
  try {
    const file = writeModule(dir);
    const pytest = median(await repeat(runs, () => pytestInProcess(blender, file)));
    const one = median(await repeat(runs, () => harness(blender, file, 1)));
    const two = median(await repeat(runs, () => harness(blender, file, 2)));
    const perProcess = (await processPerTest(blender, file, 20)) * (TESTS / 20);
    return [
      row('200 tests, 1 worker (fresh scene each)', 'pytest.main() in one Blender', one, pytest, '<= 1.3x', one / pytest <= 1.3),
      row('200 tests, 2 workers', 'this harness, 1 worker', two, one, '<= 1/1.6x', one / two >= 1.6),
      row('200 tests, 1 worker', 'one Blender per test (20, scaled)', one, perProcess, '<= 1/30x', perProcess / one >= 30),
      row('200 tests, 2 workers', 'one Blender per test (20, scaled)', two, perProcess, '<= 1/30x', perProcess / two >= 30),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
