// JUnit XML in the shape the common CI readers agree on (Ant/Surefire style, as read by
// Jenkins, GitLab, dorny/test-reporter, mikepenz/action-junit-report and
// EnricoMi/publish-unit-test-result-action).
//
// Failure vs error, the one rule every reader interprets the same way:
//   <failure>: the test ran and its verdict was "no": kinds assertion, exit-code, leak
//              (and a failed result with no kind).
//   <error>:   the test could not reach a verdict: kinds error, crash, timeout, import, setup.

import { hostname as osHostname } from 'node:os';
import type { CleanupReport } from '../session/types.js';
import type { FailureKind, TestResult } from '../suite/results.js';
import { CLEANUP_SUITE, stripAnsi, withCleanup } from './console.js';

export interface JunitOptions {
  /** The `<testsuites name>`; defaults to `blender-harness`. */
  name?: string;
  timestamp?: Date;
  hostname?: string;
}

const ERROR_KINDS: ReadonlySet<FailureKind> = new Set(['error', 'crash', 'timeout', 'import', 'setup']);

export function junitElementFor(kind: FailureKind | undefined): 'failure' | 'error' {
  return kind !== undefined && ERROR_KINDS.has(kind) ? 'error' : 'failure';
}

/**
 * Makes any string legal XML 1.0 character data. Terminal colour codes are dropped (they
 * are noise in every viewer); other characters XML 1.0 forbids (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) become a visible `\uXXXX` so nothing disappears silently.
 */
export function xmlSafe(s: string): string {
  return stripAnsi(s).replace(
    /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** Escapes `>` too, so `]]>` can never appear; `\r` as a reference, or parsers fold it. */
function xmlText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values also keep their newlines and tabs, which parsers would turn into spaces. */
function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function attrs(pairs: ReadonlyArray<readonly [string, string | number | undefined]>): string {
  return pairs
    .filter((p): p is readonly [string, string | number] => p[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

function seconds(ms: number): string {
  return (Math.max(0, Number.isFinite(ms) ? ms : 0) / 1000).toFixed(3);
}

/**
 * Jenkins splits `classname` at its last dot into package and class, so a suite path
 * `tests/test_ops.py` becomes `tests.test_ops` (as pytest writes it); `run: <command>`
 * suites are not paths and stay as they are.
 */
export function junitClassname(suite: string): string {
  if (suite.startsWith('run:')) return suite;
  return suite
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .replace(/\.(py|ya?ml|json)$/i, '')
    .split('/')
    .filter((part) => part !== '')
    .join('.');
}

interface Tally {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

function tally(results: readonly TestResult[]): Tally {
  const t: Tally = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 };
  for (const r of results) {
    t.tests += 1;
    t.ms += r.durationMs;
    if (r.outcome === 'skipped') t.skipped += 1;
    else if (r.outcome === 'failed') t[junitElementFor(r.kind) === 'error' ? 'errors' : 'failures'] += 1;
  }
  return t;
}

function tallyAttrs(t: Tally): Array<readonly [string, number | string]> {
  return [
    ['tests', t.tests],
    ['failures', t.failures],
    ['errors', t.errors],
    ['skipped', t.skipped],
    ['time', seconds(t.ms)],
  ];
}

function testcase(r: TestResult): string {
  // The file a reader links to: where the failure is, else the suite file itself.
  const file = r.file ?? (r.suite.startsWith('run:') || r.suite === CLEANUP_SUITE ? undefined : r.suite);
  const open = `    <testcase${attrs([
    ['name', r.name],
    ['classname', junitClassname(r.suite)],
    ['file', file],
    ['line', r.line],
    ['time', seconds(r.durationMs)],
  ])}`;
  const children: string[] = [];
  if (r.outcome === 'skipped') {
    // An expected failure is skipped with its reason, as pytest's own JUnit report has it.
    const skipped =
      r.xfail !== undefined
        ? ([
            ['type', 'pytest.xfail'],
            ['message', r.xfail ? `xfail: ${r.xfail}` : 'expected failure'],
          ] as const)
        : ([['message', r.skipReason]] as const);
    children.push(`      <skipped${attrs([...skipped])}/>`);
  } else if (r.outcome === 'failed') {
    const element = junitElementFor(r.kind);
    const body = r.traceback ?? r.message ?? '';
    const head = `      <${element}${attrs([
      ['message', r.message ?? `failed (${r.kind ?? 'assertion'})`],
      ['type', r.errorType ?? r.kind ?? 'assertion'],
    ])}`;
    children.push(body === '' ? `${head}/>` : `${head}>${xmlText(body)}</${element}>`);
  }
  if (r.stdout) children.push(`      <system-out>${xmlText(r.stdout)}</system-out>`);
  const err = [r.stderr, r.log ? `--- captured log ---\n${r.log}` : undefined].filter(Boolean).join('\n');
  if (err) children.push(`      <system-err>${xmlText(err)}</system-err>`);
  return children.length === 0 ? `${open}/>` : `${open}>\n${children.join('\n')}\n    </testcase>`;
}

/** ISO 8601 without a zone, as the Ant schema wants; the value is UTC. */
function junitTimestamp(d: Date): string {
  return d.toISOString().slice(0, 19);
}

export function formatJunit(results: readonly TestResult[], cleanup?: CleanupReport, options: JunitOptions = {}): string {
  const all = withCleanup(results, cleanup);
  const bySuite = new Map<string, TestResult[]>();
  for (const r of all) {
    const list = bySuite.get(r.suite);
    if (list) list.push(r);
    else bySuite.set(r.suite, [r]);
  }
  const timestamp = junitTimestamp(options.timestamp ?? new Date());
  const host = options.hostname ?? osHostname();
  const suites = [...bySuite].map(([suite, cases], id) => {
    const open = `  <testsuite${attrs([
      ['name', suite],
      ...tallyAttrs(tally(cases)),
      ['timestamp', timestamp],
      ['hostname', host],
      ['id', id],
    ])}>`;
    return [open, ...cases.map(testcase), '  </testsuite>'].join('\n');
  });
  const root = `<testsuites${attrs([['name', options.name ?? 'blender-harness'], ...tallyAttrs(tally(all))])}`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  if (suites.length === 0) lines.push(`${root}/>`);
  else lines.push(`${root}>`, ...suites, '</testsuites>');
  return `${lines.join('\n')}\n`;
}
