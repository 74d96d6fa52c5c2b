import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { TestResult } from '../suite/results.js';
import { formatJunit, junitClassname, junitElementFor, xmlSafe } from './junit.js';
import * as fx from '../../test/helpers/report-fixtures.js';

type Attrs = Record<string, string>;
interface ParsedCase {
  attrs: Attrs;
  failure?: { attrs: Attrs; text: string };
  error?: { attrs: Attrs; text: string };
  skipped?: Attrs;
  systemOut?: string;
  systemErr?: string;
}
interface ParsedSuite {
  attrs: Attrs;
  cases: ParsedCase[];
}
interface ParsedReport {
  attrs: Attrs;
  suites: ParsedSuite[];
}

const ATTR = '@_';

function split(node: unknown): { attrs: Attrs; text: string; children: Record<string, unknown> } {
  const attrs: Attrs = {};
  const children: Record<string, unknown> = {};
  let text = '';
  if (typeof node === 'string' || typeof node === 'number') return { attrs, text: String(node), children };
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith(ATTR)) attrs[k.slice(ATTR.length)] = String(v);
      else if (k === '#text') text = String(v);
      else children[k] = v;
    }
  }
  return { attrs, text, children };
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** Parses the XML the way a JUnit reader sees it: attributes, entities decoded. */
function parseJunit(xml: string): ParsedReport {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    htmlEntities: true,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
  });
  const doc = parser.parse(xml) as Record<string, unknown>;
  const root = split(doc.testsuites);
  const suites = ((root.children.testsuite as unknown[] | undefined) ?? []).map((s) => {
    const suite = split(s);
    const cases = ((suite.children.testcase as unknown[] | undefined) ?? []).map((c): ParsedCase => {
      const tc = split(c);
      const out: ParsedCase = { attrs: tc.attrs };
      for (const el of ['failure', 'error'] as const) {
        if (tc.children[el] !== undefined) {
          const parsed = split(first(tc.children[el]));
          out[el] = { attrs: parsed.attrs, text: parsed.text };
        }
      }
      if (tc.children.skipped !== undefined) out.skipped = split(first(tc.children.skipped)).attrs;
      if (tc.children['system-out'] !== undefined) out.systemOut = split(first(tc.children['system-out'])).text;
      if (tc.children['system-err'] !== undefined) out.systemErr = split(first(tc.children['system-err'])).text;
      return out;
    });
    return { attrs: suite.attrs, cases };
  });
  return { attrs: root.attrs, suites };
}

// XML 1.0 `Char`; fast-xml-parser's validator doesn't check characters, so this does.
const ILLEGAL_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function expectWellFormed(xml: string): void {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(ILLEGAL_XML_CHAR);
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
}

const fixedOptions = { name: 'my-addon tests', timestamp: new Date('2025-03-04T05:06:07.890Z'), hostname: 'runner-1' };

describe('formatJunit', () => {
  it('is well-formed and its count attributes equal the inputs', () => {
    const xml = formatJunit(fx.all, fx.cleanCleanup, fixedOptions);
    expectWellFormed(xml);
    const report = parseJunit(xml);
    // assertion -> failure; error, crash, timeout, import -> error; cleanup passes.
    expect(report.attrs).toMatchObject({
      name: 'my-addon tests',
      tests: '10',
      failures: '1',
      errors: '4',
      skipped: '1',
    });
    const totalMs = fx.all.reduce((s, r) => s + r.durationMs, 0) + 120;
    expect(Number(report.attrs.time)).toBeCloseTo(totalMs / 1000, 3);

    expect(report.suites.map((s) => s.attrs.name)).toEqual([
      'tests/test_ops.py',
      'tests/test_render.py',
      'tests/test_gpu.py',
      'tests/test_io.py',
      'suites/smoke.yaml',
      'run: pytest -q tests/external',
      'cleanup',
    ]);
    for (const suite of report.suites) {
      const cases = suite.cases;
      expect(Number(suite.attrs.tests)).toBe(cases.length);
      expect(Number(suite.attrs.failures)).toBe(cases.filter((c) => c.failure).length);
      expect(Number(suite.attrs.errors)).toBe(cases.filter((c) => c.error).length);
      expect(Number(suite.attrs.skipped)).toBe(cases.filter((c) => c.skipped).length);
      expect(suite.attrs).toMatchObject({ timestamp: '2025-03-04T05:06:07', hostname: 'runner-1' });
    }
    const sum = (k: string): number => report.suites.reduce((n, s) => n + Number(s.attrs[k]), 0);
    expect([sum('tests'), sum('failures'), sum('errors'), sum('skipped')]).toEqual([10, 1, 4, 1]);
  });

  it('writes name, classname, file, line, time and the failure body', () => {
    const report = parseJunit(formatJunit(fx.all, undefined, fixedOptions));
    const ops = report.suites[0];
    const failing = ops?.cases.find((c) => c.attrs.name === 'test_modifier_count');
    expect(failing?.attrs).toMatchObject({
      classname: 'tests.test_ops',
      file: fx.assertionFailure.file,
      line: '27',
      time: '0.073',
    });
    expect(failing?.failure?.attrs).toEqual({ message: fx.assertionFailure.message, type: 'AssertionError' });
    expect(failing?.failure?.text).toBe(fx.assertionFailure.traceback);
    expect(failing?.systemOut).toBe('Added modifier SUBSURF\n');
    expect(failing?.error).toBeUndefined();

    const crash = report.suites[1]?.cases.find((c) => c.attrs.name === 'test_bake_normals');
    expect(crash?.error?.attrs).toEqual({
      message: 'Blender was killed by SIGSEGV while running this test; it was restarted for the next test',
      type: 'crash',
    });
    expect(crash?.failure).toBeUndefined();
    expect(crash?.systemErr).toBe('Writing: /tmp/blender.crash.txt\n');

    const skip = report.suites[2]?.cases[0];
    expect(skip?.skipped).toEqual({ message: 'needs a GPU # none on hosted runners' });

    const xfail = parseJunit(formatJunit([{ ...fx.skipped, skipReason: 'xfail: known bug', xfail: 'known bug' }])).suites[0]?.cases[0];
    expect(xfail?.skipped).toEqual({ type: 'pytest.xfail', message: 'xfail: known bug' });

    const external = report.suites[5]?.cases[0];
    expect(external?.attrs.classname).toBe('run: pytest -q tests/external');
    expect(external?.attrs.file).toBeUndefined();
  });

  it('maps kinds to <failure> or <error> consistently', () => {
    expect(junitElementFor('assertion')).toBe('failure');
    expect(junitElementFor('exit-code')).toBe('failure');
    expect(junitElementFor('leak')).toBe('failure');
    expect(junitElementFor(undefined)).toBe('failure');
    for (const kind of ['error', 'crash', 'timeout', 'import', 'setup'] as const) {
      expect(junitElementFor(kind)).toBe('error');
    }
  });

  it('escapes markup characters and neutralises characters XML 1.0 forbids', () => {
    const nasty: TestResult = {
      id: `suites/x.yaml > step <a href="x">&'quotes'</a>`,
      suite: 'suites/x&y <z>.yaml',
      name: `step <a href="x">&'quotes'</a>\u0000\u0007\u001b[31mred\u001b[0m\uFFFF\uD800`,
      outcome: 'failed',
      kind: 'error',
      errorType: 'ValueError<"\'>',
      message: 'line one\nline two\twith tab & <tag> ]]> "q"\r',
      traceback: 'Traceback\n  data = "]]>" \u0001\u001f\n<![CDATA[ not really ]]>\n',
      stdout: 'out ]]> & <\u000b',
      stderr: '\u001b[1mbold\u001b[0m',
      durationMs: 7,
    };
    const xml = formatJunit([nasty], undefined, fixedOptions);
    expectWellFormed(xml);
    expect(xml).not.toContain(']]>');
    const report = parseJunit(xml);
    expect(report.suites[0]?.attrs.name).toBe('suites/x&y <z>.yaml');
    const tc = report.suites[0]?.cases[0];
    expect(tc?.attrs.name).toBe(`step <a href="x">&'quotes'</a>\\u0000\\u0007red\\uFFFF\\uD800`);
    expect(tc?.error?.attrs.message).toBe(nasty.message);
    expect(tc?.error?.attrs.type).toBe(nasty.errorType);
    expect(tc?.error?.text).toBe('Traceback\n  data = "]]>" \\u0001\\u001F\n<![CDATA[ not really ]]>\n');
    expect(tc?.systemOut).toBe('out ]]> & <\\u000B');
    expect(tc?.systemErr).toBe('bold');
  });

  it('keeps characters outside the BMP and strips nothing legal', () => {
    expect(xmlSafe('emoji 🧊 tab\t cr\r nl\n é')).toBe('emoji 🧊 tab\t cr\r nl\n é');
  });

  it('reports a leaking cleanup as a failing testcase in the cleanup suite', () => {
    const xml = formatJunit([fx.passed], fx.leakCleanup, fixedOptions);
    expectWellFormed(xml);
    const report = parseJunit(xml);
    expect(report.attrs).toMatchObject({ tests: '2', failures: '1', errors: '0', skipped: '0' });
    const suite = report.suites.find((s) => s.attrs.name === 'cleanup');
    const tc = suite?.cases[0];
    expect(tc?.attrs).toMatchObject({ name: 'nothing left running', classname: 'cleanup', time: '5.003' });
    expect(tc?.attrs.file).toBeUndefined();
    expect(tc?.failure?.attrs).toEqual({ message: '2 processes left behind, port 51234 still bound', type: 'Leftovers' });
    expect(tc?.failure?.text).toContain('pid 4242');
    expect(tc?.failure?.text).toContain('pid 4250 by the session tag (killed): python3 -m http.server 8000');
    expect(tc?.failure?.text).toContain('port 51234 still bound');
    expect(tc?.systemOut).toBe('Blender stopped by SIGKILL in 5.0 s');
  });

  it('writes an empty but valid report when nothing ran', () => {
    const xml = formatJunit([], undefined, fixedOptions);
    expectWellFormed(xml);
    expect(parseJunit(xml).attrs).toMatchObject({ tests: '0', failures: '0', errors: '0', skipped: '0' });
  });

  it('turns suite paths into dotted classnames', () => {
    expect(junitClassname('tests/test_ops.py')).toBe('tests.test_ops');
    expect(junitClassname('./suites/smoke.yaml')).toBe('suites.smoke');
    expect(junitClassname('tests\\win\\test_x.py')).toBe('tests.win.test_x');
    expect(junitClassname('run: make check')).toBe('run: make check');
  });
});
