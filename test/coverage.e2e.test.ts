// Coverage of an add-on's own files (fixtures/coverage/measured_addon), measured inside every
// Blender session with coverage.py and combined at the end: the exact numbers in the console
// table, the Cobertura XML and the LCOV file, the same with two workers, the same when a later
// test crashes Blender (the tests before it keep theirs), and the fail-under threshold.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { ActionRun } from './helpers/action-runner.js';
import { testBlender, testBlenders } from './helpers/blender.js';
import { node24Binary } from './helpers/node.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const PROJECT = join(ROOT, 'fixtures', 'coverage');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | undefined;
  out: string;
  err: string;
  xml: string;
  lcov: string;
}

async function covered(blender: string, ...argv: string[]): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-cov-'));
  made.push(dir);
  const xml = join(dir, 'coverage.xml');
  const lcov = join(dir, 'lcov.info');
  const r = await execa(
    process.execPath,
    [
      CLI,
      'test',
      '--blender',
      blender,
      '--addon',
      'measured_addon',
      '--coverage',
      '--coverage-xml',
      xml,
      '--coverage-lcov',
      lcov,
      '--timeout',
      '30',
      ...argv,
    ],
    // The cache is the test's own: Blender's Python has coverage.py here, nothing is installed.
    {
      cwd: PROJECT,
      env: { ...process.env, NO_COLOR: '1', BLENDER_HARNESS_CACHE_DIR: join(dir, 'cache') },
      reject: false,
      timeout: 300_000,
    },
  );
  const read = (f: string): string => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return '';
    }
  };
  return { code: r.exitCode, out: String(r.stdout), err: String(r.stderr), xml: read(xml), lcov: read(lcov) };
}
const show = (r: Run): string => `exit ${r.code}\nstdout:\n${r.out}\nstderr:\n${r.err}`;

/** The numbers each report gives, in one shape, so every run is compared to the same. */
function numbers(r: Run): Record<string, unknown> {
  const row = (file: string): string[] | undefined =>
    new RegExp(`^  ${file.replace(/[./]/g, '\\$&')}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+([\\d.]+%)\\s*(.*)$`, 'm')
      .exec(r.out)
      ?.slice(1);
  const attr = (name: string): string | undefined => new RegExp(`<coverage [^>]*\\b${name}="([^"]*)"`).exec(r.xml)?.[1];
  const lcovFile = (file: string): Record<string, string> => {
    const block = r.lcov.split('end_of_record').find((b) => b.includes(`SF:${file}\n`)) ?? '';
    return Object.fromEntries([...block.matchAll(/^(LF|LH|BRF|BRH):(\d+)$/gm)].map((m) => [m[1] ?? '', m[2] ?? ''] as const));
  };
  return {
    headline: /^coverage: .*$/m.exec(r.out)?.[0],
    init: row('measured_addon/__init__.py'),
    shapes: row('measured_addon/shapes.py'),
    unused: row('measured_addon/unused.py'),
    xml: {
      lines: attr('lines-valid'),
      covered: attr('lines-covered'),
      branches: attr('branches-valid'),
      branchesCovered: attr('branches-covered'),
    },
    xmlFiles: [...r.xml.matchAll(/<class [^>]*filename="([^"]+)"/g)].map((m) => m[1]).sort(),
    lcovShapes: lcovFile('measured_addon/shapes.py'),
    lcovInit: lcovFile('measured_addon/__init__.py'),
  };
}

const EXPECTED = {
  headline: 'coverage: 66.7% of 25 statements and 8 branches',
  // Stmts, Miss, Branch, BrPart, Cover, Missing: unregister() never runs; classify(1) and
  // never_called() are not called; unused.py is never imported but counts, at 0%.
  init: ['6', '1', '0', '0', '83.3%', '20'],
  shapes: ['17', '5', '8', '1', '68%', '8, 20-23'],
  unused: ['2', '2', '0', '0', '0%', '1-2'],
  xml: { lines: '25', covered: '17', branches: '8', branchesCovered: '5' },
  // Relative to the working folder, at the author's files, not the session's installed copy.
  xmlFiles: ['measured_addon/__init__.py', 'measured_addon/shapes.py', 'measured_addon/unused.py'],
  lcovShapes: { LF: '17', LH: '12', BRF: '8', BRH: '5' },
  lcovInit: { LF: '6', LH: '5' },
};

describe.each(testBlenders())('coverage on Blender $name', ({ path: blender }) => {
  it("measures the add-on's own files with branches: the same numbers in the table, the XML and the LCOV", async () => {
    const r = await covered(blender, 'tests/test_measured.py');
    expect(r.code, show(r)).toBe(0);
    expect(numbers(r)).toEqual(EXPECTED);
    expect(r.out).not.toMatch(/scripts\/addons|blender-harness-/);
    // The counts line stays the last line, for tools that read it.
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('4 passed, 0 failed, 0 skipped');
  });

  it('gives the same numbers with two workers, and when a later test crashes Blender', async () => {
    const two = await covered(blender, 'tests/test_measured.py', '--workers', '2');
    expect(two.code, show(two)).toBe(0);
    expect(numbers(two)).toEqual(EXPECTED);
    // test_zz_crash.py runs classify(1) and then kills Blender before its data is saved.
    const crash = await covered(blender, 'tests');
    expect(crash.code, show(crash)).toBe(1);
    expect(crash.out).toMatch(/FAIL tests\/test_zz_crash\.py::test_classify_few_then_crash .*\[crash\]/);
    expect(numbers(crash)).toEqual(EXPECTED);
  });

  it('fails under --coverage-fail-under and passes at or over it', async () => {
    const under = await covered(blender, 'tests/test_measured.py', '--coverage-fail-under', '67');
    expect(under.code, show(under)).toBe(1);
    expect(under.err).toContain('coverage 66.7% is under --coverage-fail-under 67%');
    expect(under.out).toMatch(/^coverage: 66\.7% of 25 statements and 8 branches, under the required 67%$/m);
    const over = await covered(blender, 'tests/test_measured.py', '--coverage-fail-under', '66');
    expect(over.code, show(over)).toBe(0);
  });
});

describe('coverage in the bundled Action on node24', () => {
  it('writes the reports, sets the outputs, adds the table to the summary, and fails under coverage-fail-under', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bh-cov-action-'));
    made.push(dir);
    const run = new ActionRun(node24Binary(), undefined, PROJECT);
    const main = await run.start(
      'main',
      run.env(
        {
          'blender-path': testBlender(),
          tests: 'tests/test_measured.py',
          addons: 'measured_addon',
          coverage: 'true',
          'coverage-xml': join(dir, 'coverage.xml'),
          'coverage-lcov': join(dir, 'lcov.info'),
          'coverage-fail-under': '67',
        },
        { BLENDER_HARNESS_CACHE_DIR: join(dir, 'cache') },
      ),
    );
    expect(main.code, main.stdout).toBe(1);
    expect(main.outputs).toMatchObject({
      'coverage-percent': '66.67',
      'coverage-xml': join(dir, 'coverage.xml'),
      'coverage-lcov': join(dir, 'lcov.info'),
      passed: '4',
    });
    expect(main.stdout).toMatch(/^::error::coverage: 66\.7%25 of 25 statements and 8 branches, under the required 67%25$/m);
    expect(main.stdout).toMatch(/^ {2}measured_addon\/shapes\.py +17 +5 +8 +1 +68% +8, 20-23$/m);
    expect(main.summary).toContain('### Coverage');
    expect(main.summary.replace(/\\/g, '')).toMatch(/\| measured_addon\/shapes\.py \| 17 \| 5 \| 8 \| 1 \| 68% \| 8, 20-23 \|/);
    expect(readFileSync(join(dir, 'lcov.info'), 'utf8')).toContain('SF:measured_addon/shapes.py\n');
    expect(readFileSync(join(dir, 'coverage.xml'), 'utf8')).toContain('filename="measured_addon/shapes.py"');
  });
});

describe('coverage flags are checked before Blender is looked for', () => {
  it.each([
    [['--coverage'], /--coverage needs something to measure/],
    [['--coverage-source', 'no_such_addon'], /--coverage-source \S*no_such_addon: no such file or folder/],
    [['--coverage-source', 'measured_addon', '--coverage-fail-under', '101'], /--coverage-fail-under takes a percentage from 0 to 100/],
    [['--coverage-source', 'measured_addon', '--coverage-xml', '/proc/c.xml'], /--coverage-xml \/proc\/c\.xml/],
  ])('%j', async (flags, message) => {
    const r = await execa(process.execPath, [CLI, 'test', 'tests', '--blender', '/nonexistent/blender', ...flags], {
      cwd: PROJECT,
      reject: false,
    });
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(String(r.stderr)).toMatch(message);
  });
});
