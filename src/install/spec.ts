// A version spec is what a user types: `4.2`, `latest`, `./blender`, a URL. Parsing is pure and
// strict: anything we cannot read is an error that shows the accepted forms, because a typo that
// silently installs some other Blender would make a CI matrix lie.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { isLoopbackHost } from '../transport/index.js';
import { InstallError } from './errors.js';

export type BlenderSpec =
  | { kind: 'exact'; raw: string; version: string }
  | { kind: 'line'; raw: string; line: string }
  | { kind: 'latest'; raw: string }
  | { kind: 'lts'; raw: string }
  | { kind: 'daily'; raw: string; line?: string }
  | { kind: 'system'; raw: string }
  | { kind: 'path'; raw: string; path: string }
  | { kind: 'url'; raw: string; url: string; sha256?: string };

export const SPEC_FORMS = [
  'X.Y.Z        an exact release, e.g. 4.2.3',
  'X.Y          the newest patch of a line, e.g. 4.2',
  'latest       the newest release',
  'lts          the newest patch of the newest LTS line',
  'daily        the newest daily build',
  'X.Y-daily    the newest daily build of a line, e.g. 4.5-daily',
  'system       the `blender` on PATH',
  'PATH         a Blender executable or a folder holding one, e.g. ./blender-4.2.3-linux-x64',
  'URL          an https:// link to a build archive, optionally ending in #sha256=<64 hex digits>',
] as const;

const SHA256_RE = /^[0-9a-f]{64}$/i;

function badSpec(raw: string, why: string, suggestion?: string): InstallError {
  const lines = [
    `Blender spec ${JSON.stringify(raw)} is not valid: ${why}.`,
    ...(suggestion ? [suggestion] : []),
    'Accepted forms:',
    ...SPEC_FORMS.map((f) => `  ${f}`),
  ];
  return new InstallError('BAD_SPEC', lines.join('\n'));
}

const ALIASES: Record<string, string> = {
  stable: 'latest',
  newest: 'latest',
  current: 'latest',
  release: 'latest',
  nightly: 'daily',
  alpha: 'daily',
  main: 'daily',
  dev: 'daily',
  path: 'system',
};

/**
 * Whether a URL may be fetched. Plain http is only for a server on this machine (tests, a local
 * mirror): over the network it would let anyone on the path swap the build and its checksum.
 */
export function checkUrlScheme(url: URL, what: string): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  if (url.protocol === 'http:') {
    throw new InstallError(
      'BAD_SPEC',
      `${what} ${url.href} uses plain http; use https (plain http is accepted only for 127.0.0.1/localhost).`,
    );
  }
  throw new InstallError('BAD_SPEC', `${what} ${url.href} is not an http(s) URL.`);
}

function parseUrlSpec(raw: string): BlenderSpec {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badSpec(raw, 'it looks like a URL but does not parse as one');
  }
  checkUrlScheme(url, 'Blender URL');
  let sha256: string | undefined;
  const m = /^#sha256[=:]([^&]*)$/i.exec(url.hash);
  if (m) {
    const hex = (m[1] ?? '').toLowerCase();
    if (!SHA256_RE.test(hex)) {
      throw badSpec(raw, `the #sha256= part must be 64 hex digits, got ${JSON.stringify(m[1])}`);
    }
    sha256 = hex;
    url.hash = '';
  } else if (url.hash) {
    throw badSpec(raw, `unknown URL fragment ${url.hash}; the only one understood is #sha256=<hex>`);
  }
  if (url.pathname.endsWith('/')) {
    throw badSpec(raw, 'the URL names a folder; give the link to an archive (.tar.xz, .zip or .dmg)');
  }
  return sha256 ? { kind: 'url', raw, url: url.href, sha256 } : { kind: 'url', raw, url: url.href };
}

function looksLikePath(s: string): boolean {
  return s.startsWith('.') || s.startsWith('~') || s.includes('/') || s.includes('\\') || isAbsolute(s) || /^[a-z]:/i.test(s);
}

function expandHome(p: string): string {
  if (p === '~') return homedir();
  if (p.startsWith('~/') || p.startsWith('~\\')) return resolvePath(homedir(), p.slice(2));
  return p;
}

export interface ParseSpecOptions {
  /** Base for relative paths; defaults to the working directory. */
  cwd?: string;
  exists?: (p: string) => boolean;
}

export function parseSpec(input: string, options: ParseSpecOptions = {}): BlenderSpec {
  const raw = input.trim();
  const cwd = options.cwd ?? process.cwd();
  const exists = options.exists ?? existsSync;
  if (raw === '') throw badSpec(input, 'it is empty');

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return parseUrlSpec(raw);
  if (looksLikePath(raw)) return { kind: 'path', raw, path: resolvePath(cwd, expandHome(raw)) };

  const lower = raw.toLowerCase();
  if (lower === 'latest' || lower === 'lts' || lower === 'daily' || lower === 'system') {
    return { kind: lower, raw };
  }

  // A leading "v" is how many people write versions (v4.2); it means nothing else here.
  const v = lower.startsWith('v') && /^v\d/.test(lower) ? lower.slice(1) : lower;
  let m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
  if (m) return { kind: 'exact', raw, version: `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}` };
  m = /^(\d+)\.(\d+)$/.exec(v);
  if (m) return { kind: 'line', raw, line: `${Number(m[1])}.${Number(m[2])}` };
  m = /^(\d+)\.(\d+)-(?:daily|nightly)$/.exec(v);
  if (m) return { kind: 'daily', raw, line: `${Number(m[1])}.${Number(m[2])}` };

  if (/^\d/.test(v)) {
    if (/^\d+$/.test(v)) {
      throw badSpec(raw, 'a bare major version is ambiguous', `Did you mean ${v}.0 or the newest ${v}.x line? Give X.Y, e.g. ${v}.2.`);
    }
    if (/^\d+\.\d+\.\d+\.\d+/.test(v)) throw badSpec(raw, 'Blender versions have three parts at most');
    if (/^\d+\.\d+\.(x|\*)$/.test(v)) {
      throw badSpec(raw, 'wildcards are not needed', `Use ${v.replace(/\.(x|\*)$/, '')} for the newest patch of that line.`);
    }
    if (/^\d+\.\d+-lts$/.test(v)) {
      throw badSpec(raw, 'a line is LTS or not by itself', `Use ${v.replace(/-lts$/, '')}, or \`lts\` for the newest LTS line.`);
    }
    throw badSpec(raw, 'it starts like a version but is not X.Y, X.Y.Z or X.Y-daily');
  }

  const alias = ALIASES[lower];
  if (alias) throw badSpec(raw, 'it is not a keyword we use', `Did you mean \`${alias}\`?`);

  // A bare word that names something on disk (`blender` in the working directory) is a path.
  const asPath = resolvePath(cwd, raw);
  if (exists(asPath)) return { kind: 'path', raw, path: asPath };

  throw badSpec(raw, 'it is neither a keyword, a version, an existing path nor a URL');
}
