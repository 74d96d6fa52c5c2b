import { describe, expect, it } from 'vitest';
import type { TestResult } from '../suite/results.js';
import { DEFAULT_SUMMARY_BYTES, formatSummaryMarkdown, markdownCell } from './summary.js';
import * as fx from '../../test/helpers/report-fixtures.js';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Splits a table row the way GFM does: a backslash escapes the next character, `|` splits. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < row.length; i += 1) {
    const c = row[i];
    if (c === '\\') {
      cur += c + (row[i + 1] ?? '');
      i += 1;
    } else if (c === '|') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  // A row starts and ends with a pipe: drop the empty outsides.
  return out.slice(1, -1).map((x) => x.trim());
}

function failureRows(md: string): string[] {
  const at = md.indexOf('| Test | Kind | Message | Location |');
  if (at < 0) return [];
  return md
    .slice(at)
    .split('\n')
    .slice(2)
    .filter((l) => l.startsWith('| '));
}

describe('formatSummaryMarkdown', () => {
  it('has counts, versions, timings, the cleanup result and one row per failure', () => {
    const md = formatSummaryMarkdown({
      results: fx.all,
      cleanup: fx.cleanCleanup,
      blender: { version: '4.3.2', path: '/opt/hostedtoolcache/blender/4.3.2/x64/blender' },
      durationMs: 75_300,
    });
    expect(md).toContain('## ❌ Blender add-on tests\n');
    expect(md).toContain('| Passed | Failed | Skipped | Total |\n| ---: | ---: | ---: | ---: |\n| 4 | 5 | 1 | 10 |\n');
    expect(md).toContain('| Blender | 4.3.2 (<code>/opt/hostedtoolcache/blender/4.3.2/x64/blender</code>) |');
    expect(md).toContain('| Duration | 1 min 15 s total, 1 min 3 s in tests |');
    expect(md).toContain('| Cleanup | ✅ clean (Blender stopped by quit in 120 ms) |');
    expect(md).toContain('<sub>4 passed, 5 failed, 1 skipped</sub>');
    const rows = failureRows(md);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toBe(
      `| <code>tests/test\\_ops.py &gt; test\\_modifier\\_count</code> | assertion | ` +
        `AssertionError: assert 2 == 3<br> +  where 2 = len(obj.modifiers) | ` +
        `<code>${fx.WORKSPACE}/tests/test\\_ops.py:27</code> |`,
    );
    expect(rows[2]).toContain('| crash | Blender was killed by SIGSEGV while running this test; it was restarted for the next test |  |');
    for (const row of rows) expect(cells(row)).toHaveLength(4);
  });

  it('says so when everything passed and lists no failures', () => {
    const md = formatSummaryMarkdown({ results: [fx.passed, fx.skipped], cleanup: fx.cleanCleanup, title: 'Blender 4.3' });
    expect(md).toContain('## ✅ Blender 4.3\n');
    expect(md).not.toContain('### Failures');
  });

  it('escapes |, newlines, HTML and Markdown inside cells', () => {
    const hostile: TestResult = {
      id: 'suites/a|b.yaml > <img src=x onerror=alert(1)> *bold* [link](http://x) `code` $x$',
      suite: 'suites/a|b.yaml',
      name: 'x',
      outcome: 'failed',
      kind: 'assertion',
      message: 'expected a | b\r\nbut got \\| c & ~~d~~ _e_',
      file: 'suites/a|b.yaml',
      line: 4,
      durationMs: 1,
    };
    const md = formatSummaryMarkdown({ results: [hostile] });
    const row = failureRows(md)[0] ?? '';
    expect(cells(row)).toHaveLength(4);
    expect(row).not.toMatch(/<img/);
    expect(row).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(row).toContain('\\*bold\\* \\[link\\](http://x) \\`code\\` \\$x\\$');
    expect(row).toContain('expected a \\| b<br>but got \\\\\\| c &amp; \\~\\~d\\~\\~ \\_e\\_');
    expect(row).toContain('<code>suites/a\\|b.yaml:4</code>');
    expect(row.includes('\n')).toBe(false);
  });

  it('stays under the byte budget with 5000 failures and says how many were left out', () => {
    const results = fx.manyFailures(5000);
    const md = formatSummaryMarkdown({ results, cleanup: fx.leakCleanup });
    expect(bytes(md)).toBeLessThanOrEqual(DEFAULT_SUMMARY_BYTES);
    expect(bytes(md)).toBeGreaterThan(DEFAULT_SUMMARY_BYTES - 2048);
    const rows = failureRows(md);
    const more = /\n… and (\d+) more failures \(see the TAP\/JUnit artifacts\)\n$/.exec(md);
    expect(more).not.toBeNull();
    // 5000 tests plus the failing cleanup check.
    expect(rows.length + Number(more?.[1])).toBe(5001);
    for (const row of rows) expect(cells(row)).toHaveLength(4);
    expect(md).toContain('### Left behind after the run');
    expect(md).toContain("- pid 4242 in Blender's process group (killed): blender --background --python bootstrap.py");
  });

  it('honours a small budget and still writes the header', () => {
    const md = formatSummaryMarkdown({ results: fx.manyFailures(50), maxBytes: 4096 });
    expect(bytes(md)).toBeLessThanOrEqual(4096);
    expect(md).toContain('| 0 | 50 | 0 | 50 |');
    expect(md).toMatch(/… and \d+ more failures/);
  });

  it('caps one enormous message instead of letting it eat the budget', () => {
    const huge: TestResult = { ...fx.errorFailure, message: 'x'.repeat(2_000_000) };
    const md = formatSummaryMarkdown({ results: [huge, fx.crash] });
    expect(bytes(md)).toBeLessThan(10_000);
    expect(failureRows(md)).toHaveLength(2);
  });
});

describe('markdownCell', () => {
  it('leaves ordinary text alone', () => {
    expect(markdownCell('tests/test.py:12 — ok?')).toBe('tests/test.py:12 — ok?');
  });
  it('truncates by characters without splitting a surrogate pair', () => {
    expect(markdownCell('🧊🧊🧊🧊', 3)).toBe('🧊🧊…');
  });
});
