import { describe, expect, it } from 'vitest';
import { looksLikeScript, parseScript, ScriptError } from './script.js';

const parse = (text: string) => parseScript('s.yaml', text);
const error = (text: string): string => {
  try {
    parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ScriptError);
    return (e as Error).message;
  }
  throw new Error('expected a ScriptError');
};

describe('command scripts', () => {
  it('reads exec shorthand, send, expectations, timeouts, skips and step lines', () => {
    const script = parse(
      [
        'tests:',
        '  - exec: result = 1',
        '    expect: {result: 1, stdout: "^ok"}',
        '  - name: pinging',
        '    send: {type: ping, id: 9, token: nope}',
        '    timeout: 2',
        '  - exec: boom()',
        '    expect: {error: {type: NameError, message: "boom"}}',
        '    skip: later',
      ].join('\n'),
    );
    expect(script.reset).toBe(true);
    const [a, b, c] = script.steps;
    expect(a).toMatchObject({ name: 'step 1: exec result = 1', request: { type: 'exec', code: 'result = 1' }, line: 2 });
    expect(a?.expect.result).toEqual({ value: 1 });
    expect(a?.expect.stdout?.test('ok then')).toBe(true);
    // id and token are the harness's to set.
    expect(b).toMatchObject({ name: 'pinging', request: { type: 'ping' }, timeoutMs: 2000, line: 4 });
    expect(b?.request).not.toHaveProperty('id');
    expect(b?.request).not.toHaveProperty('token');
    expect(c).toMatchObject({ skip: 'later', expect: { error: { type: 'NameError' } } });
  });

  it('reads JSON too, and expect.error as a bare type name', () => {
    const script = parseScript('s.json', '{"tests": [{"exec": "1/0", "expect": {"error": "ZeroDivisionError"}}], "reset": false}');
    expect(script.reset).toBe(false);
    expect(script.steps[0]?.expect.error).toEqual({ type: 'ZeroDivisionError' });
  });

  it('names the file and line, the step and the key for each mistake', () => {
    expect(error('tests:\n  - exec: x\n    expct: {}')).toBe(
      's.yaml:2: step 1: unknown key "expct"; known: name, send, exec, expect, timeout, skip',
    );
    expect(error('tests:\n  - exec: ok\n  - name: n\n    expect: {result: 1}')).toContain(
      's.yaml:3: step 2 (n): needs exactly one of "send"',
    );
    expect(error('tests:\n  - exec: x\n    send: {type: ping}')).toContain('needs exactly one of');
    expect(error('tests:\n  - exec: x\n    expect: {reslt: 1}')).toContain('unknown key "expect.reslt"');
    expect(error('tests:\n  - exec: x\n    expect: {stdout: "("}')).toContain('not a valid regular expression');
    expect(error('tests:\n  - exec: x\n    timeout: -1')).toContain('"timeout" must be a number of seconds > 0');
    expect(error('tests:\n  - send: {code: x}')).toContain('"send" must be a request mapping with a "type"');
    expect(error('test:\n  - exec: x')).toBe('s.yaml: unknown key "test"; known: tests, name, timeout, reset');
    expect(error('tests: "nope"')).toContain('"tests" must be a list');
    expect(error('tests: [\n')).toMatch(/^s\.yaml:\d+: not valid YAML\/JSON: /);
    // The parser's line goes into the location, not a dangling "at line N, column M:".
    expect(error('tests:\n  - exec: "unterminated\n    expect: {result: 1}\n')).toMatch(
      /^s\.yaml:\d+: not valid YAML\/JSON: Missing closing "quote$/,
    );
    expect(error('- just a list')).toContain('a command script is a mapping');
    expect(error('tests: []\ntests: []')).toContain('not valid YAML/JSON');
  });

  it('tells a command script found in a folder from data that has a "tests" key', () => {
    expect(looksLikeScript('tests:\n  - exec: result = 1\n')).toBe(true);
    expect(looksLikeScript('{"tests": [{"name": "n", "expect": {"result": 1}}]}')).toBe(true); // malformed, reported
    expect(looksLikeScript('tests:\n  - exec: "unterminated\n')).toBe(true); // broken, reported
    expect(looksLikeScript('{"tests": [{"input": [1, 2], "expected": 3}]}')).toBe(false);
    expect(looksLikeScript('{"tests": "all"}')).toBe(false);
    expect(looksLikeScript('tests: [unit, e2e]\nmatrix: [3.6, 4.2]\n')).toBe(false);
    expect(looksLikeScript('name: {{ project }}\n')).toBe(false);
    expect(looksLikeScript('{"description": "no tests"}')).toBe(false);
  });
});
