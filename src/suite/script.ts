// Command scripts: an ordered list of steps run against one session, so state carries over.
import { readFileSync, statSync } from 'node:fs';
import { isMap, isSeq, Lexer, parseDocument, Parser, YAMLParseError, type Document } from 'yaml';
import { MAX_TIMER_SECONDS } from './limits.js';

export interface ErrorExpectation {
  type?: string;
  message?: RegExp;
}

export interface Expectation {
  /** Deep equality with the answer's result. */
  result?: { value: unknown };
  stdout?: RegExp;
  error?: ErrorExpectation;
}

export interface Step {
  index: number;
  /** 1-based line of the step in its file, for annotations. */
  line?: number;
  name: string;
  request: Record<string, unknown>;
  expect: Expectation;
  timeoutMs?: number;
  skip?: string;
}

export interface Script {
  name?: string;
  steps: Step[];
  /** Start the script on a fresh scene (default true). */
  reset: boolean;
  timeoutMs?: number;
}

export class ScriptError extends Error {
  constructor(
    readonly file: string,
    readonly where: string,
    readonly detail: string,
    /** The line the problem is on, when the parser or the step's position tells. */
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${where ? `${where}: ` : ''}${detail}`);
    this.name = 'ScriptError';
  }
}

const TOP_KEYS = ['tests', 'name', 'timeout', 'reset'];
const STEP_KEYS = ['name', 'send', 'exec', 'expect', 'timeout', 'skip'];
const EXPECT_KEYS = ['result', 'stdout', 'error'];
const ERROR_KEYS = ['type', 'message'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKey(value: Record<string, unknown>, known: string[]): string | undefined {
  return Object.keys(value).find((k) => !known.includes(k));
}

function seconds(file: string, where: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value > 0))
    throw new ScriptError(file, where, `"timeout" must be a number of seconds > 0, not ${JSON.stringify(value)}`);
  // Longer waits overflow Node's timers, which then fire at once and fail a passing step.
  if (value > MAX_TIMER_SECONDS)
    throw new ScriptError(file, where, `"timeout" may be at most ${MAX_TIMER_SECONDS} seconds (about 24 days), not ${value}`);
  return value * 1000;
}

function regex(file: string, where: string, key: string, value: unknown): RegExp {
  if (typeof value !== 'string') throw new ScriptError(file, where, `"${key}" must be a regular expression string`);
  try {
    return new RegExp(value, 'm');
  } catch (error) {
    throw new ScriptError(file, where, `"${key}" is not a valid regular expression: ${(error as Error).message}`);
  }
}

function parseExpect(file: string, where: string, value: unknown): Expectation {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new ScriptError(file, where, '"expect" must be a mapping with any of: result, stdout, error');
  const extra = unknownKey(value, EXPECT_KEYS);
  if (extra) throw new ScriptError(file, where, `unknown key "expect.${extra}"; known: ${EXPECT_KEYS.join(', ')}`);
  const expect: Expectation = {};
  if ('result' in value) expect.result = { value: value.result };
  if (value.stdout !== undefined) expect.stdout = regex(file, where, 'expect.stdout', value.stdout);
  if (value.error !== undefined) {
    if (typeof value.error === 'string') expect.error = { type: value.error };
    else if (isRecord(value.error)) {
      const bad = unknownKey(value.error, ERROR_KEYS);
      if (bad) throw new ScriptError(file, where, `unknown key "expect.error.${bad}"; known: ${ERROR_KEYS.join(', ')}`);
      expect.error = {
        ...(typeof value.error.type === 'string' ? { type: value.error.type } : {}),
        ...(value.error.message !== undefined ? { message: regex(file, where, 'expect.error.message', value.error.message) } : {}),
      };
    } else throw new ScriptError(file, where, '"expect.error" must be an exception type name or {type, message}');
  }
  return expect;
}

function describeRequest(request: Record<string, unknown>): string {
  if (request.type === 'exec' && typeof request.code === 'string') {
    const first = request.code.trim().split('\n')[0] ?? '';
    return `exec ${first.length > 50 ? `${first.slice(0, 47)}...` : first}`;
  }
  return typeof request.type === 'string' ? request.type : 'request'; // parseStep checked it is one
}

function parseStep(file: string, raw: unknown, index: number): Step {
  let where = `step ${index + 1}`;
  if (!isRecord(raw)) throw new ScriptError(file, where, 'a step must be a mapping with "send" or "exec"');
  if (typeof raw.name === 'string') where += ` (${raw.name})`;
  const extra = unknownKey(raw, STEP_KEYS);
  if (extra) throw new ScriptError(file, where, `unknown key "${extra}"; known: ${STEP_KEYS.join(', ')}`);
  if ((raw.send === undefined) === (raw.exec === undefined)) {
    throw new ScriptError(file, where, 'needs exactly one of "send" (a request) or "exec" (Python code)');
  }
  let request: Record<string, unknown>;
  if (raw.exec !== undefined) {
    if (typeof raw.exec !== 'string') throw new ScriptError(file, where, '"exec" must be a string of Python code');
    request = { type: 'exec', code: raw.exec };
  } else {
    if (!isRecord(raw.send) || typeof raw.send.type !== 'string') {
      throw new ScriptError(file, where, '"send" must be a request mapping with a "type", e.g. {type: ping}');
    }
    request = { ...raw.send };
    delete request.id;
    delete request.token;
  }
  if (raw.skip !== undefined && typeof raw.skip !== 'string' && raw.skip !== true) {
    throw new ScriptError(file, where, '"skip" must be a reason (a string)');
  }
  if (raw.name !== undefined && typeof raw.name !== 'string') throw new ScriptError(file, where, '"name" must be a string');
  const timeoutMs = seconds(file, where, raw.timeout);
  return {
    index,
    name: typeof raw.name === 'string' ? raw.name : `step ${index + 1}: ${describeRequest(request)}`,
    request,
    expect: parseExpect(file, where, raw.expect),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(raw.skip !== undefined ? { skip: raw.skip === true ? 'skipped' : String(raw.skip) } : {}),
  };
}

// Limits on what a suite file may make the parser do. Real command scripts are a few KiB and
// a few levels deep; past these a file is an attack or an accident, and either must end as
// an error naming the file, not as a crashed harness (a stack overflow in the parser, an
// out-of-memory abort, an alias bomb's exponential expansion).
/** Bytes of a command script: a larger file named on the command line is an error; one found
 * by walking a folder is a data file, not a suite. */
export const MAX_SCRIPT_BYTES = 4 * 1024 * 1024;
/** Levels of nested mappings and lists (block or flow). */
export const MAX_SCRIPT_DEPTH = 64;
/** Alias expansions, as the yaml library counts them (its own default, stated here). */
export const MAX_SCRIPT_ALIASES = 100;

const lineAt = (text: string, offset: number): number => {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
};

/**
 * Refuse nesting past MAX_SCRIPT_DEPTH before the composer sees it: the composer and toJS
 * recurse once per level, and a stack overflow inside them can abort Node outright (V8 fails
 * "RegExpCompiler Allocation failed" when it runs out of stack while compiling a regex). The
 * yaml library's lexer and CST parser are iterative, so they can count the depth safely, and
 * the check stops at the first level too many.
 */
function checkDepth(text: string, label: string): void {
  const parser = new Parser();
  // The parser's stack holds the document, each open collection and the node being read.
  const limit = MAX_SCRIPT_DEPTH + 2;
  for (const lexeme of new Lexer().lex(text)) {
    for (const _ of parser.next(lexeme));
    if (parser.stack.length > limit) {
      throw new ScriptError(
        label,
        '',
        `not valid YAML/JSON: nested more than ${MAX_SCRIPT_DEPTH} levels deep`,
        lineAt(text, parser.offset),
      );
    }
  }
}

/** The file's text, read after its size is checked. Undefined: a found file too big to be a suite. */
export function readScriptFile(path: string, label = path, explicit = true): string | undefined {
  try {
    const size = statSync(path).size;
    if (size > MAX_SCRIPT_BYTES) {
      if (!explicit) return undefined;
      throw new ScriptError(
        label,
        '',
        `is ${(size / 2 ** 20).toFixed(1)} MiB; a command script may be at most ${MAX_SCRIPT_BYTES / 2 ** 20} MiB`,
      );
    }
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ScriptError) throw error;
    throw new ScriptError(label, '', `cannot be read: ${(error as Error).message}`);
  }
}

/** YAML or JSON text as a document and its value, within the limits above, or a ScriptError. */
function load(text: string, label: string): { parsed: Document.Parsed; doc: unknown } {
  if (text.length > MAX_SCRIPT_BYTES)
    throw new ScriptError(label, '', `is larger than ${MAX_SCRIPT_BYTES / 2 ** 20} MiB, the most a command script may be`);
  checkDepth(text, label);
  let parsed: Document.Parsed;
  try {
    // logLevel 'error': the library's warnings (a collection used as a key, as in a `{{ template }}`
    // found while walking) would go to stderr as Node process warnings.
    parsed = parseDocument(text, { prettyErrors: true, uniqueKeys: true, logLevel: 'error' });
  } catch (error) {
    throw new ScriptError(label, '', `not valid YAML/JSON: ${(error as Error).message}`);
  }
  const [first] = parsed.errors;
  if (first) {
    // The parser's first line ends "at line N, column M:" before a code frame; the line goes
    // into the location instead, where editors and annotations read it.
    const detail = (first instanceof YAMLParseError ? (first.message.split('\n')[0] ?? '') : String(first)).replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    const line = first instanceof YAMLParseError ? first.linePos?.[0].line : undefined;
    throw new ScriptError(label, '', `not valid YAML/JSON: ${detail}`, line);
  }
  try {
    return { parsed, doc: parsed.toJS({ maxAliasCount: MAX_SCRIPT_ALIASES }) };
  } catch (error) {
    const message = (error as Error).message;
    if (!/alias/i.test(message)) throw new ScriptError(label, '', `not valid YAML/JSON: ${message}`);
    // An alias bomb ("Excessive alias count indicates a resource exhaustion attack"): named at
    // its first alias.
    const at = firstAliasOffset(text);
    throw new ScriptError(
      label,
      '',
      `not valid YAML/JSON: its aliases expand to too much data (more than ${MAX_SCRIPT_ALIASES} alias expansions allowed)`,
      at === undefined ? undefined : lineAt(text, at),
    );
  }
}

/** Where the first alias (`*name`) is, from the lexer, which knows quotes and comments. */
function firstAliasOffset(text: string): number | undefined {
  let offset = 0;
  for (const lexeme of new Lexer().lex(text)) {
    if (lexeme.startsWith('*')) return offset;
    offset += lexeme.length;
  }
  return undefined;
}

/** Parse a command script; throws ScriptError naming the file, the step and the key. */
export function parseScript(file: string, text: string = readFileSync(file, 'utf8'), label = file): Script {
  const { parsed, doc } = load(text, label);
  // Where each step starts, so a failing step can be annotated at its line.
  const stepsNode = isMap(parsed.contents) ? parsed.contents.get('tests', true) : undefined;
  const lineOf = (i: number): number | undefined => {
    const item = isSeq(stepsNode) ? (stepsNode.items[i] as { range?: [number, number, number] } | undefined) : undefined;
    const offset = item?.range?.[0];
    return offset === undefined ? undefined : text.slice(0, offset).split('\n').length;
  };
  if (!isRecord(doc)) throw new ScriptError(label, '', 'a command script is a mapping with a "tests:" list');
  const extra = unknownKey(doc, TOP_KEYS);
  if (extra) throw new ScriptError(label, '', `unknown key "${extra}"; known: ${TOP_KEYS.join(', ')}`);
  if (!Array.isArray(doc.tests)) throw new ScriptError(label, '', '"tests" must be a list of steps');
  if (doc.reset !== undefined && typeof doc.reset !== 'boolean') throw new ScriptError(label, '', '"reset" must be true or false');
  const timeoutMs = seconds(label, '', doc.timeout);
  return {
    ...(typeof doc.name === 'string' ? { name: doc.name } : {}),
    steps: doc.tests.map((step, i) => {
      const line = lineOf(i);
      try {
        return { ...parseStep(label, step, i), ...(line ? { line } : {}) };
      } catch (error) {
        if (!(error instanceof ScriptError) || error.line !== undefined || !line) throw error;
        throw new ScriptError(error.file, error.where, error.detail, line);
      }
    }),
    reset: doc.reset !== false,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}

/**
 * Whether a YAML/JSON file found by walking a folder is meant as a command script: a "tests" list
 * with a step that sends, execs or expects. Data beside the tests that happens to have a "tests"
 * key (a table of cases, a CI matrix) is passed over, as pytest passes over it.
 */
export function looksLikeScript(text: string): boolean {
  let doc: unknown;
  try {
    ({ doc } = load(text, ''));
  } catch {
    // Broken, and plainly meant as a script: reported rather than passed over silently.
    return /^\s*(tests\s*:|\{\s*"tests"\s*:)/m.test(text);
  }
  const steps = isRecord(doc) ? doc.tests : undefined;
  return Array.isArray(steps) && steps.some((step) => isRecord(step) && ['send', 'exec', 'expect'].some((k) => k in step));
}
