// Hostile and careless suite files: every one is a ScriptError naming the file and line,
// never a crash, a hang or a Node abort (issue 13, cases 8 to 10).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TIMER_SECONDS } from './limits.js';
import { looksLikeScript, MAX_SCRIPT_BYTES, MAX_SCRIPT_DEPTH, parseScript, readScriptFile, ScriptError } from './script.js';

const error = (text: string, file = 's.yaml'): ScriptError => {
  try {
    parseScript(file, text);
  } catch (e) {
    expect(e).toBeInstanceOf(ScriptError);
    return e as ScriptError;
  }
  throw new Error('expected a ScriptError');
};

/** `levels` lists inside each other as JSON: {"tests": [[[...]]]}. */
const nestedJson = (levels: number): string => `{"tests": ${'['.repeat(levels)}${']'.repeat(levels)}}`;

/** A billion laughs: each anchor is ten of the one before. */
function aliasBomb(levels = 9): string {
  const lines = ['tests:', '  - exec: x', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
  let previous = 'a';
  for (let i = 0; i < levels; i++) {
    lines.push(`b${i}: &b${i} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    previous = `b${i}`;
  }
  return lines.join('\n');
}

describe('suite file limits', () => {
  it('refuses an alias bomb as a file:LINE error at its first alias, and found files report it too', () => {
    const e = error(aliasBomb());
    expect(e.message).toMatch(/^s\.yaml:4: not valid YAML\/JSON: its aliases expand to too much data/);
    expect(e.line).toBe(4);
    expect(looksLikeScript(aliasBomb())).toBe(true); // reported, not passed over
    // A few aliases are fine.
    expect(parseScript('s.yaml', 'tests:\n  - exec: &code result = 1\n  - exec: *code\n').steps).toHaveLength(2);
  });

  it('refuses nesting deeper than the limit in JSON, flow and block YAML, at the line it happens', () => {
    const deep = error(nestedJson(100_000), 'deep.json');
    expect(deep.message).toBe(`deep.json:1: not valid YAML/JSON: nested more than ${MAX_SCRIPT_DEPTH} levels deep`);
    const block = ['tests:', ...Array.from({ length: 80 }, (_, i) => `${'  '.repeat(i)}- ${i === 79 ? 'x' : ''}`)].join('\n');
    expect(error(block).message).toMatch(/^s\.yaml:\d+: not valid YAML\/JSON: nested more than 64 levels deep$/);
    expect(error('tests:\n  - exec: x\n    expect:\n      result: ' + '- '.repeat(100) + '1\n').line).toBe(4);
    // Found while walking a folder: reported, not skipped and not a crash.
    expect(looksLikeScript(nestedJson(100_000))).toBe(true);
    // Real nesting is far below the limit.
    const fine = parseScript('s.json', `{"tests": [{"exec": "x", "expect": {"result": ${'['.repeat(40)}1${']'.repeat(40)}}}]}`);
    expect(fine.steps).toHaveLength(1);
  });

  it('does not abort Node on a deeply nested file found while walking (it did: RegExpCompiler Allocation failed)', () => {
    // In a fresh process with a small stack, where the old parser reliably ran out of it.
    const dir = mkdtempSync(join(tmpdir(), 'bh-deep-'));
    const file = join(dir, 'deep.json');
    writeFileSync(file, nestedJson(100_000));
    const script = join(dir, 'check.ts');
    writeFileSync(
      script,
      [
        `import { looksLikeScript, parseScript } from ${JSON.stringify(join(import.meta.dirname, 'script.ts'))};`,
        `import { readFileSync } from 'node:fs';`,
        `const text = readFileSync(${JSON.stringify(file)}, 'utf8');`,
        `try { looksLikeScript(text); parseScript('deep.json', text); } catch (e) { console.log(e.name + ': ' + e.message); }`,
      ].join('\n'),
    );
    const out = execFileSync(process.execPath, ['--stack-size=400', '--import', 'tsx', script], { encoding: 'utf8' });
    expect(out.trim()).toBe('ScriptError: deep.json:1: not valid YAML/JSON: nested more than 64 levels deep');
  });

  it('refuses step and script timeouts that Node timers cannot hold', () => {
    const e = error('timeout: 1000000000\ntests:\n  - exec: x\n');
    expect(e.message).toContain(`"timeout" may be at most ${MAX_TIMER_SECONDS} seconds`);
    expect(error('tests:\n  - exec: x\n    timeout: 1e9\n').message).toMatch(
      /^s\.yaml:2: step 1: "timeout" may be at most 2147483 seconds/,
    );
    expect(parseScript('s.yaml', `tests:\n  - exec: x\n    timeout: ${MAX_TIMER_SECONDS}\n`).steps[0]?.timeoutMs).toBe(
      MAX_TIMER_SECONDS * 1000,
    );
  });

  it('refuses a named file over the size limit, passes over a found one, and reports an unreadable one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bh-size-'));
    const big = join(dir, 'big.json');
    writeFileSync(big, `{"tests": [], "pad": "${'x'.repeat(MAX_SCRIPT_BYTES)}"}`);
    expect(() => readScriptFile(big, 'big.json', true)).toThrow(/^big\.json: is 4\.0 MiB; a command script may be at most 4 MiB$/);
    expect(readScriptFile(big, 'big.json', false)).toBeUndefined();
    expect(() => parseScript('big.json', 'x'.repeat(MAX_SCRIPT_BYTES + 1))).toThrow(ScriptError);
    expect(() => readScriptFile(dir, 'folder.yaml')).toThrow(/^folder\.yaml: cannot be read: EISDIR/);
    const small = join(dir, 'small.yaml');
    writeFileSync(small, 'tests: []\n');
    expect(readScriptFile(small)).toBe('tests: []\n');
  });
});
