// The packages a suite needs in Blender's Python, installed by that Python's own pip into a
// folder of the harness's cache (never into the Blender install, the user's site or the
// system) and put first on sys.path in every session. A set installed once is found again by
// its key and costs a stat, not a Blender start.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InBlenderError, runInBlender } from './in-blender.js';
import { defaultCacheRoot, safeSegment } from '../install/index.js';

export interface PythonProbe {
  /** Blender's Python version, e.g. 3.11.2. */
  python: string;
  /** The interpreter tag, e.g. cp311: a wheel built for another Python does not fit. */
  tag: string;
  /** sysconfig's platform, e.g. linux-x86_64. */
  platform: string;
  /** The interpreter's path (under sys.prefix: sys.executable may be another Python's). */
  executable: string;
  pytest: boolean;
  coverage: boolean;
  /** Where pip comes from: the installed module, ensurepip's wheel used in place, or nowhere. */
  pip: string | null;
  prefix: string;
}

export interface PackagesOptions {
  blender: string;
  /** Requirement specifiers, as pip takes them (`numpy`, `requests>=2`). */
  packages?: readonly string[];
  /** Requirements files (`-r`). */
  requirements?: readonly string[];
  /** Add pytest when Blender's Python cannot import it (the run has Python tests). */
  pytest?: boolean;
  /** Add coverage.py when Blender's Python cannot import it (the run measures coverage). */
  coverage?: boolean;
  indexUrl?: string;
  cacheRoot?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface PreparedPackages {
  /** The folder to put first on sys.path; undefined when nothing needs installing. */
  site: string | undefined;
  /** Whether this call ran pip (false: nothing to install, or found in the cache). */
  installed: boolean;
  /** The requirement set's folder name: also the Actions cache key's tail. */
  key: string | undefined;
  specs: string[];
  probe: PythonProbe | undefined;
}

export class PackagesError extends Error {
  constructor(
    message: string,
    /** pip's whole output, for the log. */
    readonly log?: string,
  ) {
    super(message);
    this.name = 'PackagesError';
  }
}

const PROBE_TIMEOUT_MS = 120_000;
/** Bumped when python_packages.py's probe answers something new: older answers are asked again. */
const PROBE_FORMAT = 2;

/** An index pip can be pointed at: http(s) or a local file:// index. */
export function isIndexUrl(url: string): boolean {
  return /^(https?|file):\/\/\S+$/.test(url);
}

export function packagesRoot(cacheRoot = defaultCacheRoot()): string {
  return join(cacheRoot, 'python');
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * What Blender's Python is, cached per Blender executable (its real path, size and time):
 * a run whose packages are installed already starts no extra Blender.
 */
export async function probeBlenderPython(
  blender: string,
  options: { cacheRoot?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {},
): Promise<PythonProbe> {
  let identity = `${PROBE_FORMAT}\0${blender}`;
  try {
    const real = realpathSync(blender);
    const st = statSync(real);
    identity = `${PROBE_FORMAT}\0${real}\0${st.size}\0${st.mtimeMs}`;
  } catch {
    // not a file we can stat (a name on PATH): probe every time
  }
  const file = join(packagesRoot(options.cacheRoot), 'probes', `${sha(identity).slice(0, 24)}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PythonProbe;
  } catch {
    // not probed yet, or unreadable: probe again
  }
  const { answer, output } = await inBlender(blender, ['probe'], { ...options, timeoutMs: PROBE_TIMEOUT_MS });
  if (!answer || typeof answer.python !== 'string') {
    throw new PackagesError(`could not ask ${blender} about its Python: it printed no answer. Last lines:\n${tail(output, 20)}`, output);
  }
  const probe = answer as unknown as PythonProbe;
  mkdirSync(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(probe));
  renameSync(tmp, file);
  return probe;
}

async function inBlender(
  blender: string,
  args: readonly string[],
  options: Parameters<typeof runInBlender>[3],
): ReturnType<typeof runInBlender> {
  try {
    return await runInBlender(blender, 'python_packages.py', args, options);
  } catch (error) {
    if (error instanceof InBlenderError) throw new PackagesError(`preparing Blender's Python: ${error.message}`, error.output);
    throw error;
  }
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * The requirement set's identity: the specifiers as given and each requirements file's text
 * (with the files it names by -r/-c), so an edited file installs again.
 */
export function requirementSetHash(specs: readonly string[], requirements: readonly string[], cwd: string): string {
  const seen = new Set<string>();
  const files: string[] = [];
  const read = (file: string): void => {
    const path = resolve(cwd, file);
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(path, 'utf8');
    files.push(text);
    for (const m of text.matchAll(/^\s*(?:-r|-c|--requirement|--constraint)[\s=]+(\S+)/gm)) {
      const nested = resolve(path, '..', m[1] ?? '');
      if (existsSync(nested)) read(nested);
    }
  };
  for (const r of requirements) read(r);
  return sha(JSON.stringify({ specs: [...new Set(specs)].sort(), files }));
}

/** pip's output in one line per phase, not one per package. */
function progress(log: (line: string) => void): (line: string) => void {
  const said = new Set<string>();
  return (line) => {
    const phase = /^\s*Collecting /.test(line)
      ? 'resolving'
      : /^\s*Downloading /.test(line)
        ? 'downloading'
        : /^\s*Installing collected packages/.test(line)
          ? 'installing'
          : undefined;
    if (phase && !said.has(phase)) {
      said.add(phase);
      log(`packages: ${phase}…`);
    }
  };
}

function failure(probe: PythonProbe, output: string, exitCode: number | undefined, root: string): PackagesError {
  let saved = '';
  try {
    const file = join(root, 'logs', `pip-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, output);
    saved = ` (its whole log: ${file})`;
  } catch {
    // the last lines below are what there is
  }
  const errors = output
    .split('\n')
    .filter((l) => /^\s*ERROR:/.test(l))
    .map((l) => `  ${l.trim()}`);
  const why = errors.length ? `\n${errors.slice(0, 12).join('\n')}` : '';
  return new PackagesError(
    `could not install the Python packages for Blender's Python ${probe.python} (pip exited with ${exitCode ?? 'a signal'}):${why}\n` +
      `Check the names and versions, and the index (--python-index-url, PIP_INDEX_URL, PIP_FIND_LINKS). pip's last lines${saved}:\n${tail(output, 25)}`,
    output,
  );
}

/** What a run needs in Blender's Python, before anything is installed: the Action restores `site` from its cache by `key`. */
export interface PackagesPlan {
  site: string;
  key: string;
  specs: string[];
  requirements: string[];
  probe: PythonProbe;
  /** pytest was added because the run has Python tests and Blender's Python lacks it. */
  addedPytest: boolean;
}

/**
 * Which set the run needs and where it lives (no plan: it needs nothing), and Blender's Python
 * when it had to be asked (the run needs pytest or coverage.py, or asked for packages).
 */
export async function planPackages(options: PackagesOptions): Promise<{ plan?: PackagesPlan; probe?: PythonProbe }> {
  const cwd = options.cwd ?? process.cwd();
  const requirements = (options.requirements ?? []).map((r) => resolve(cwd, r));
  for (const r of requirements) if (!existsSync(r)) throw new PackagesError(`requirements file ${r}: no such file`);
  const specs = [...(options.packages ?? [])].map((s) => s.trim()).filter(Boolean);
  if (!specs.length && !requirements.length && !options.pytest && !options.coverage) return {};
  const probe = await probeBlenderPython(options.blender, {
    ...(options.cacheRoot ? { cacheRoot: options.cacheRoot } : {}),
    env: options.env ?? process.env,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const asked = (name: string): boolean => specs.some((s) => new RegExp(`^${name}(?![a-z0-9._-])`, 'i').test(s));
  const addedPytest = options.pytest === true && !probe.pytest && !asked('pytest');
  if (addedPytest) specs.push('pytest');
  if (options.coverage === true && !probe.coverage && !asked('coverage')) specs.push('coverage');
  if (!specs.length && !requirements.length) return { probe };
  const key = `${probe.tag}-${safeSegment(probe.platform)}-${requirementSetHash(specs, requirements, cwd).slice(0, 16)}`;
  return { plan: { site: join(packagesRoot(options.cacheRoot), key), key, specs, requirements, probe, addedPytest }, probe };
}

/** Installs what the run needs (once per requirement set) and says where it is. */
export async function preparePackages(options: PackagesOptions): Promise<PreparedPackages> {
  const { plan, probe } = await planPackages(options);
  if (!plan) return { site: undefined, installed: false, key: undefined, specs: [], probe };
  return installPlan(plan, options);
}

/** The plan's set in place: found (from an earlier run or the Actions cache), or installed now. */
export async function installPlan(plan: PackagesPlan, options: PackagesOptions): Promise<PreparedPackages> {
  const { site, key, specs, probe } = plan;
  if (existsSync(site)) return { site, installed: false, key, specs, probe };
  try {
    return await install(plan, options);
  } catch (error) {
    if (!plan.addedPytest || !(error instanceof PackagesError)) throw error;
    // The author asked for nothing: say first what is missing and how to put it there by hand.
    throw new PackagesError(
      `pytest is not installed in Blender's Python (${probe.executable}, Python ${probe.python}) and the harness could not install it. ` +
        `The harness runs Python test modules with pytest; install it with \`${probe.executable} -m pip install pytest\`` +
        (['/usr', '/usr/local'].includes(probe.prefix)
          ? ' (a system Python: on Debian and Ubuntu, `apt-get install python3-pytest`)'
          : '') +
        `, or give pip an index it can reach (--python-index-url, PIP_INDEX_URL). Why it failed: ${error.message}`,
      error.log,
    );
  }
}

async function install(plan: PackagesPlan, options: PackagesOptions): Promise<PreparedPackages> {
  const { site, key, specs, requirements, probe } = plan;
  if (probe.pip === null) {
    throw new PackagesError(
      `Blender's Python ${probe.python} (under ${probe.prefix}) has no pip, nor the pip wheel ensurepip carries, to install ${specs.join(', ') || 'the requirements'} with. ` +
        'Install pip for that Python (Debian and Ubuntu: apt-get install python3-pip), or use an official Blender build, which bundles it.',
    );
  }
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  log(`packages: installing ${[...specs, ...requirements.map((r) => `-r ${r}`)].join(' ')} for Python ${probe.python} into ${site}`);
  // Into a folder of its own, renamed into place when pip is done: a failed or cancelled
  // install leaves nothing a later run could take for a complete one.
  const tmp = `${site}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const request = `${tmp}.json`;
  mkdirSync(tmp, { recursive: true });
  try {
    const args = [
      'install',
      '--target',
      tmp,
      '--no-input',
      '--disable-pip-version-check',
      '--progress-bar',
      'off',
      '--no-warn-script-location',
      ...(options.indexUrl ? ['--index-url', options.indexUrl] : []),
      ...specs,
      ...requirements.flatMap((r) => ['-r', r]),
    ];
    writeFileSync(request, JSON.stringify({ args }));
    const { answer, output, exitCode } = await inBlender(options.blender, ['install', request], {
      env: options.env ?? process.env,
      cwd: options.cwd ?? process.cwd(),
      ...(options.signal ? { signal: options.signal } : {}),
      onLine: progress(log),
    });
    if (answer?.error === 'NoPip')
      throw new PackagesError(
        `Blender's Python ${probe.python} has no pip any more: probe it again by removing ${packagesRoot(options.cacheRoot)}/probes`,
        output,
      );
    if (!answer || answer.code !== 0)
      throw failure(probe, output, typeof answer?.code === 'number' ? answer.code : exitCode, packagesRoot(options.cacheRoot));
    const count = /Successfully installed (.*)$/m.exec(output)?.[1]?.trim().split(/\s+/).length ?? 0;
    writeFileSync(
      join(tmp, '.blender-harness-packages.json'),
      JSON.stringify({ specs, requirements, python: probe.python, platform: probe.platform }, null, 2),
    );
    try {
      renameSync(tmp, site);
    } catch (error) {
      // Another run installed the same set meanwhile: theirs is as good as ours.
      if (!existsSync(site)) throw error;
    }
    log(`packages: installed ${count} package${count === 1 ? '' : 's'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { site, installed: true, key, specs, probe };
  } finally {
    rmSync(request, { force: true });
    rmSync(tmp, { recursive: true, force: true });
  }
}
