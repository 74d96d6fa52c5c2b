#!/usr/bin/env node
import { createRequire as __bhCreateRequire } from 'node:module'; const require = __bhCreateRequire(import.meta.url);
import {
  DiscoveryError,
  MAX_TIMER_SECONDS,
  NoSuitesError,
  PackagesError,
  SystemDepsError,
  capWorkers,
  concludeCoverage,
  createConsoleReporter,
  createProgress,
  discoverSuites,
  ensureRunnable,
  formatCleanup,
  formatJunit,
  formatPercent,
  formatTap,
  isCleanupClean,
  isIndexUrl,
  nodeIdFile,
  parseFailUnder,
  parseShard,
  preparePackages,
  reportPathProblem,
  runSuites,
  startCoverageRun,
  writeReport
} from "./chunks/chunk-32RSCUJ5.js";
import {
  Client,
  ConnectionClosedError,
  InstallError,
  RequestTimeoutError,
  SPEC_FORMS,
  Session,
  SessionStartError,
  VERSION,
  installBlender,
  localExecutable,
  parseDisplayMode,
  platformId,
  streamLogger,
  which,
  wire
} from "./chunks/chunk-FBWX2EWE.js";
import "./chunks/chunk-244WP6SK.js";

// src/cli/install.ts
import { parseArgs } from "node:util";
var INSTALL_USAGE = `Usage: blender-harness install SPEC [--mirror URL]... [--cache-dir DIR] [--json]

Installs the Blender that SPEC names (or finds it in the cache) and prints its version and the
path of its executable (the last line of the output).

SPEC:
${SPEC_FORMS.map((f) => `  ${f}`).join("\n")}

Options:
  --mirror URL          a mirror of https://download.blender.org/release/ to try after it (repeatable)
  --no-default-mirror   do not try download.blender.org, only the --mirror ones
  --cache-dir DIR       where builds are kept (default: $BLENDER_HARNESS_CACHE_DIR or ~/.cache/blender-harness)
  --sha256 HEX          the expected sha256 of a URL spec's archive
  --json                print one JSON object instead of text
  -h, --help            show this help
`;
function installOptionsForCli(flags, io, env = process.env) {
  const options = {
    cacheMode: "local",
    env,
    logger: flags.quiet ? { info: () => void 0, warning: (m) => void io.stderr.write(`warning: ${m}
`) } : streamLogger(io.stderr),
    ...flags.quiet ? {} : { progress: createProgress({ out: io.stderr }) }
  };
  if (flags.mirrors?.length) options.mirrors = flags.mirrors;
  if (flags.noDefaultMirror) options.includeDefaultMirror = false;
  if (flags.cacheDir) options.cacheDir = flags.cacheDir;
  if (flags.sha256) options.sha256 = flags.sha256;
  return options;
}
function installForCli(spec, flags, io, env = process.env) {
  return installBlender(spec, installOptionsForCli(flags, io, env));
}
function describeSource(r) {
  switch (r.source) {
    case "download":
      return r.verified ? "downloaded, sha256 verified" : "downloaded, NOT verified (no checksum)";
    case "cache":
    case "tool-cache":
    case "actions-cache":
      return `from the ${r.source === "cache" ? "cache" : r.source}`;
    case "system":
      return "on PATH";
    case "path":
      return "at the given path";
  }
}
async function runInstallCommand(argv, io, env = process.env) {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        mirror: { type: "string", multiple: true },
        "cache-dir": { type: "string" },
        json: { type: "boolean" },
        "no-default-mirror": { type: "boolean" },
        sha256: { type: "string" },
        help: { type: "boolean", short: "h" }
      }
    }));
  } catch (e) {
    io.stderr.write(`blender-harness install: ${e instanceof Error ? e.message : String(e)}

${INSTALL_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(INSTALL_USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    io.stderr.write(
      `blender-harness install: ${positionals.length === 0 ? "which Blender? Give a SPEC, e.g. `4.2` or `lts`" : `one SPEC at a time (got ${positionals.join(" ")})`}.

${INSTALL_USAGE}`
    );
    return 2;
  }
  const json = values.json === true;
  const flags = { quiet: json };
  if (values.mirror) flags.mirrors = values.mirror;
  if (values["cache-dir"]) flags.cacheDir = values["cache-dir"];
  if (values["no-default-mirror"]) flags.noDefaultMirror = true;
  if (values.sha256) flags.sha256 = values.sha256;
  if (flags.noDefaultMirror && !flags.mirrors?.length) {
    io.stderr.write("blender-harness install: --no-default-mirror needs at least one --mirror URL.\n");
    return 2;
  }
  try {
    const r = await installForCli(positionals[0] ?? "", flags, io, env);
    if (json) {
      io.stdout.write(`${JSON.stringify({ ok: true, ...r })}
`);
    } else {
      io.stdout.write(`Blender ${r.version} (${platformId(r.platform)}, ${describeSource(r)})
${r.executable}
`);
    }
    return 0;
  } catch (e) {
    const known = e instanceof InstallError;
    const message = e instanceof Error ? e.message : String(e);
    if (json) {
      io.stdout.write(`${JSON.stringify({ ok: false, error: { code: known ? e.code : "INTERNAL", message } })}
`);
    }
    io.stderr.write(`blender-harness install: ${message}
`);
    if (!known && e instanceof Error && e.stack) io.stderr.write(`${e.stack}
`);
    return known ? 2 : 1;
  }
}

// src/cli/blender.ts
function cliIo(io) {
  return { stdout: { write: io.out }, stderr: { write: io.err, isTTY: process.stderr.isTTY === true } };
}
async function resolveBlender(spec, io, mirrors = []) {
  const chosen = spec ?? (which(process.platform === "win32" ? "blender.exe" : "blender") ? "system" : "lts");
  const log = (m) => io.err(`${m}
`);
  const onMachine = await localExecutable(chosen, process.cwd());
  if (onMachine) {
    await ensureRunnable(onMachine, { mode: "none", log });
    return onMachine;
  }
  const result = await installForCli(chosen, mirrors.length ? { mirrors: [...mirrors] } : {}, cliIo(io));
  await ensureRunnable(result.executable, { mode: "none", log });
  return result.executable;
}

// src/cli/send.ts
import { parseArgs as parseArgs2 } from "node:util";

// src/cli/usage.ts
var UsageError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
};
function writerTo(stream) {
  let gone = false;
  let watching = false;
  return (text) => {
    if (gone) return;
    if (!watching) {
      watching = true;
      stream.on("error", (error) => {
        if (error.code !== "EPIPE") throw error;
        gone = true;
      });
    }
    stream.write(text);
  };
}
var processIo = {
  out: writerTo(process.stdout),
  err: writerTo(process.stderr)
};
function parseDisplayFlag(value) {
  if (value === void 0) return void 0;
  try {
    return parseDisplayMode(value);
  } catch (error) {
    throw new UsageError(`--${error.message}`);
  }
}
function parseNumber(flag, value, fallback, min = 0) {
  if (value === void 0) return fallback;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < min) {
    throw new UsageError(`${flag} takes a number ${min > 0 && min < 1 ? "> 0" : `>= ${min}`}, not ${JSON.stringify(value)}`);
  }
  return n;
}
function parseSeconds(flag, value, fallback, min) {
  const seconds = parseNumber(flag, value, fallback, min);
  if (seconds > MAX_TIMER_SECONDS) {
    throw new UsageError(
      `${flag} takes at most ${MAX_TIMER_SECONDS} seconds (about 24 days, the longest wait Node's timers hold), not ${JSON.stringify(value)}`
    );
  }
  return seconds * 1e3;
}

// src/cli/send.ts
var sendHelp = `blender-harness send '<json>' [--port N] [--token T] [--timeout S]
  Sends one request to a running session and prints the answer. Port and token default to
  BLENDER_HARNESS_PORT and BLENDER_HARNESS_TOKEN.`;
async function sendCommand(argv, io) {
  const { values, positionals } = parseArgs2({
    args: argv,
    options: { port: { type: "string" }, token: { type: "string" }, timeout: { type: "string" } },
    allowPositionals: true,
    strict: true
  });
  if (positionals.length !== 1) throw new UsageError(`send takes one JSON request, e.g. '{"type":"ping"}'`);
  let request;
  try {
    request = JSON.parse(positionals[0] ?? "");
  } catch (error) {
    throw new UsageError(`the request is not valid JSON (${error.message}); quote it for the shell: '{"type":"ping"}'`);
  }
  if (typeof request !== "object" || request === null || Array.isArray(request)) {
    throw new UsageError('the request must be a JSON object such as {"type":"ping"}');
  }
  const port = parseNumber("--port", values.port ?? process.env[wire.environment.port], 0, 1);
  if (!port) throw new UsageError("no port: pass --port N or set BLENDER_HARNESS_PORT (blender-harness serve prints both)");
  const token = values.token ?? process.env[wire.environment.token];
  let client;
  try {
    client = await Client.connect(port, token);
  } catch (error) {
    throw new UsageError(`nothing answers on 127.0.0.1:${port} (${error.message}); is the session still running?`);
  }
  const timeout = parseNumber("--timeout", values.timeout, 60, 1e-3);
  try {
    const answer = await client.request(request, timeout * 1e3);
    io.out(JSON.stringify(answer, null, 2) + "\n");
    return answer.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof RequestTimeoutError) {
      throw new UsageError(
        `no answer from 127.0.0.1:${port} within ${timeout} s; Blender may still be running the request: raise --timeout for slow requests`
      );
    }
    if (error instanceof ConnectionClosedError) {
      const why = error.message.replace(/\s+/g, " ").trim();
      throw new UsageError(
        `127.0.0.1:${port} closed the connection without an answer (${why}): is it a blender-harness session? \`blender-harness serve\` prints its port and token`
      );
    }
    throw error;
  } finally {
    client.close();
  }
}

// src/cli/serve.ts
import { existsSync as existsSync2 } from "node:fs";
import { resolve } from "node:path";
import { parseArgs as parseArgs3 } from "node:util";

// src/cli/packages.ts
import { existsSync } from "node:fs";
var packageOptions = {
  "python-package": { type: "string", multiple: true },
  requirements: { type: "string", multiple: true },
  "python-index-url": { type: "string" }
};
var packagesHelp = `  --python-package SPEC and --requirements FILE install packages into Blender's own Python
  (with its pip, into the harness's cache, reused while the set is unchanged); pytest is added
  when there are Python tests and Blender's Python lacks it. --python-index-url URL: pip's index.`;
function checkPackageFlags(values) {
  for (const file of values.requirements ?? []) {
    if (!existsSync(file)) throw new UsageError(`--requirements ${file}: no such file`);
  }
  const url = values["python-index-url"];
  if (url !== void 0 && !isIndexUrl(url))
    throw new UsageError(`--python-index-url takes an http(s):// or file:// URL, not ${JSON.stringify(url)}`);
  for (const spec of values["python-package"] ?? []) {
    if (!spec.trim() || spec.trim().startsWith("-"))
      throw new UsageError(`--python-package takes a requirement such as numpy or "requests>=2", not ${JSON.stringify(spec)}`);
  }
}
async function pythonPathsFor(values, blender, needs, io, signal) {
  const prepared = await preparePackages({
    blender,
    packages: values["python-package"] ?? [],
    requirements: values.requirements ?? [],
    pytest: needs.pytest === true,
    coverage: needs.coverage === true,
    ...values["python-index-url"] ? { indexUrl: values["python-index-url"] } : {},
    log: (line) => io.out(`${line}
`),
    ...signal ? { signal } : {}
  });
  return { pythonPaths: prepared.site ? [prepared.site] : [], ...prepared.probe ? { python: prepared.probe.executable } : {} };
}

// src/cli/serve.ts
var serveHelp = `blender-harness serve [--blender PATH|SPEC] [--mirror URL]... [--addon PATH]... [--port N] [--no-auth]
                     [--addon-path PATH]...
                     [--startup-timeout S] [--gui] [--display auto|virtual|none]
                     [--python-package SPEC]... [--requirements FILE]... [--python-index-url URL]
  Starts Blender headless (or with its window, --gui) with the test server, prints how to
  connect, and keeps it until Ctrl-C or a quit request; then prints the cleanup report.
  --display virtual runs it on its own Xvfb display; auto does so when there is no DISPLAY
  (the default with --gui). --addon-path installs an add-on without enabling it.
${packagesHelp}`;
async function serveCommand(argv, io) {
  const { values } = parseArgs3({
    args: argv,
    options: {
      blender: { type: "string" },
      mirror: { type: "string", multiple: true },
      addon: { type: "string", multiple: true },
      "addon-path": { type: "string", multiple: true },
      port: { type: "string" },
      "no-auth": { type: "boolean" },
      "startup-timeout": { type: "string" },
      gui: { type: "boolean" },
      display: { type: "string" },
      ...packageOptions
    },
    strict: true
  });
  const display = parseDisplayFlag(values.display);
  const port = parseNumber("--port", values.port, 0);
  if (!Number.isInteger(port) || port > 65535)
    throw new UsageError(`--port takes a TCP port, 0 to 65535 (0: any free one), not ${JSON.stringify(values.port)}`);
  const startupTimeoutMs = parseNumber("--startup-timeout", values["startup-timeout"], 120, 1) * 1e3;
  for (const addon of values["addon-path"] ?? []) {
    if (!existsSync2(addon))
      throw new UsageError(`--addon-path ${addon}: no such file or folder (give the add-on's folder, .py file or .zip)`);
  }
  checkPackageFlags(values);
  const blender = await resolveBlender(values.blender, io, values.mirror);
  const { pythonPaths } = await pythonPathsFor(values, blender, {}, io);
  const session = await Session.start({
    blender,
    addons: values.addon ?? [],
    addonPaths: (values["addon-path"] ?? []).map((a) => resolve(a)),
    pythonPaths,
    port,
    auth: !values["no-auth"],
    startupTimeoutMs,
    gui: values.gui === true,
    ...display ? { display } : {}
  });
  const auth = session.ready.auth;
  io.out(
    [
      `Blender ${session.ready.blender} (Python ${session.ready.python}, pid ${session.pid}) serving on 127.0.0.1:${session.port}` + (session.display ? ` with its window on virtual display ${session.display.display}` : ""),
      auth ? `token: ${session.token}` : "authentication is off: any local process can run code in this Blender",
      "connect with:",
      `  export ${wire.environment.port}=${session.port}${auth ? ` ${wire.environment.token}=${session.token}` : ""}`,
      `  blender-harness send '{"type":"exec","code":"import bpy; result = bpy.app.version_string"}'`,
      "Ctrl-C (or a quit request) stops it.",
      ""
    ].join("\n")
  );
  const interrupted = new Promise((resolve4) => {
    process.once("SIGINT", () => resolve4("SIGINT"));
    process.once("SIGTERM", () => resolve4("SIGTERM"));
  });
  const why = await Promise.race([session.exited.then(() => "Blender exited"), interrupted]);
  io.out(`stopping (${why})
`);
  const cleanup = await session.close({ graceMs: values.gui ? 15e3 : 3e3 });
  io.out(formatCleanup(cleanup) + "\n");
  return cleanup.clean ? 0 : 1;
}

// src/cli/test.ts
import { existsSync as existsSync4 } from "node:fs";
import { resolve as resolve3 } from "node:path";
import { parseArgs as parseArgs4 } from "node:util";

// src/cli/coverage.ts
import { resolve as resolve2 } from "node:path";
import { existsSync as existsSync3 } from "node:fs";
var coverageOptions = {
  coverage: { type: "boolean" },
  "coverage-source": { type: "string", multiple: true },
  "coverage-xml": { type: "string" },
  "coverage-lcov": { type: "string" },
  "coverage-fail-under": { type: "string" }
};
var coverageHelp = `  --coverage measures the add-ons' own files (or --coverage-source PATH...) with coverage.py in
  every session, branches included, and writes coverage.xml and lcov.info (--coverage-xml FILE,
  --coverage-lcov FILE); --coverage-fail-under N fails the run below N percent.`;
function coveragePlan(values, addons) {
  const on = values.coverage === true || ["coverage-source", "coverage-xml", "coverage-lcov", "coverage-fail-under"].some((k) => values[k] !== void 0);
  if (!on) return void 0;
  const sources = (values["coverage-source"] ?? [...addons]).map((s) => resolve2(s));
  if (!sources.length)
    throw new UsageError(
      "--coverage needs something to measure: pass --coverage-source PATH (your add-on's folder or module), or the add-on with --addon/--addon-path"
    );
  for (const s of sources) if (!existsSync3(s)) throw new UsageError(`--coverage-source ${s}: no such file or folder`);
  const xml = values["coverage-xml"] ?? "coverage.xml";
  const lcov = values["coverage-lcov"] ?? "lcov.info";
  for (const [flag, file] of [
    ["--coverage-xml", xml],
    ["--coverage-lcov", lcov]
  ]) {
    const problem = reportPathProblem(file);
    if (problem) throw new UsageError(`${flag} ${problem}`);
  }
  let failUnder;
  if (values["coverage-fail-under"] !== void 0) {
    const parsed = parseFailUnder(values["coverage-fail-under"]);
    if (typeof parsed !== "number") throw new UsageError(`--coverage-fail-under takes ${parsed.problem}`);
    failUnder = parsed;
  }
  return { sources, xml: resolve2(xml), lcov: resolve2(lcov), ...failUnder !== void 0 ? { failUnder } : {} };
}
function coverageFailure(verdict) {
  if (verdict.failUnder === void 0 || verdict.summary.percent >= verdict.failUnder) return void 0;
  return `coverage ${formatPercent(verdict.summary.percent)} is under --coverage-fail-under ${verdict.failUnder}%`;
}

// src/cli/test.ts
var testHelp = `blender-harness test [PATH|NODEID]... [--blender PATH|SPEC] [--mirror URL]... [--addon PATH]... [--workers N]
                    [--addon-path PATH]...
                    [--shard I/N] [--timeout S] [--startup-timeout S] [--run CMD]...
                    [-k EXPR] [-m MARKEXPR] [--pytest-arg=ARG]... [--no-fresh-scene]
                    [--python-package SPEC]... [--requirements FILE]... [--python-index-url URL]
                    [--coverage] [--coverage-source PATH]... [--coverage-xml FILE] [--coverage-lcov FILE]
                    [--coverage-fail-under N]
                    [--tap FILE] [--junit FILE] [--display auto|virtual|none] [--no-color]
                    [--verbose]
  Runs every suite under the paths (default: tests/ if it exists, else .): command scripts
  (*.yaml, *.yml, *.json), Python tests collected by pytest inside Blender (its own rules:
  pytest.ini/pyproject.toml, conftest.py, testpaths; a path may be a node id such as
  tests/test_x.py::test_y) and --run commands. -k and -m select Python tests as pytest's do;
  --pytest-arg=ARG passes anything else to pytest. --no-fresh-scene keeps one scene for all
  Python tests instead of loading the startup file before each.
  --addon installs and enables an add-on in every session; --addon-path only installs it
  (importable, not enabled), for suites that enable it themselves with addon_utils.enable().
${packagesHelp}
${coverageHelp}
  Failures end with their traceback and the last lines they printed (--verbose: all of it).
  NO_COLOR or --no-color turns colours off. Exit code 0 all passed and nothing left running, 1 a test failed or something was left,
  2 a usage or setup error.`;
function exitCodeFor(outcome) {
  if (outcome.setupErrors.length > 0) return 2;
  const failed = outcome.results.some((r) => r.outcome === "failed");
  return failed || !isCleanupClean(outcome.cleanup) || outcome.cancelled ? 1 : 0;
}
var testOptions = {
  blender: { type: "string" },
  mirror: { type: "string", multiple: true },
  addon: { type: "string", multiple: true },
  "addon-path": { type: "string", multiple: true },
  workers: { type: "string" },
  shard: { type: "string" },
  timeout: { type: "string" },
  "startup-timeout": { type: "string" },
  run: { type: "string", multiple: true },
  tap: { type: "string" },
  junit: { type: "string" },
  "no-color": { type: "boolean" },
  verbose: { type: "boolean" },
  display: { type: "string" },
  keyword: { type: "string", short: "k" },
  markers: { type: "string", short: "m" },
  "pytest-arg": { type: "string", multiple: true },
  "no-fresh-scene": { type: "boolean" },
  ...packageOptions,
  ...coverageOptions
};
function checkTestFlags(values, positionals, io) {
  let shard;
  try {
    shard = values.shard === void 0 ? void 0 : parseShard(values.shard);
  } catch (error) {
    throw new UsageError(error.message);
  }
  const requestedWorkers = parseNumber("--workers", values.workers, 1, 1);
  if (!Number.isInteger(requestedWorkers)) throw new UsageError("--workers takes a whole number");
  const { workers, warning: workersWarning } = capWorkers(requestedWorkers);
  if (workersWarning) io.err(`warning: --workers ${workersWarning}
`);
  const display = parseDisplayFlag(values.display);
  const timeoutMs = parseSeconds("--timeout", values.timeout, 60, 1e-3);
  const startupTimeoutMs = parseSeconds("--startup-timeout", values["startup-timeout"], 120, 1);
  const paths = positionals.length ? [...positionals] : [existsSync4("tests") ? "tests" : "."];
  for (const path of paths) if (!existsSync4(nodeIdFile(path))) throw new UsageError(`${nodeIdFile(path)}: no such file or folder`);
  const pytestArgs = [
    ...values.keyword !== void 0 ? ["-k", values.keyword] : [],
    ...values.markers !== void 0 ? ["-m", values.markers] : [],
    ...values["pytest-arg"] ?? []
  ];
  for (const addon of values.addon ?? []) if (!existsSync4(addon)) throw new UsageError(`--addon ${addon}: no such file or folder`);
  for (const addon of values["addon-path"] ?? []) {
    if (!existsSync4(addon))
      throw new UsageError(`--addon-path ${addon}: no such file or folder (give the add-on's folder, .py file or .zip)`);
  }
  for (const [flag, file] of [
    ["--tap", values.tap],
    ["--junit", values.junit]
  ]) {
    const problem = file === void 0 ? void 0 : reportPathProblem(file);
    if (problem) throw new UsageError(`${flag} ${problem}`);
  }
  checkPackageFlags(values);
  const coverage = coveragePlan(values, [...values.addon ?? [], ...values["addon-path"] ?? []]);
  let discovery;
  try {
    discovery = discoverSuites(paths, process.cwd());
  } catch (error) {
    if (error instanceof DiscoveryError) throw new UsageError(error.message);
    throw error;
  }
  return { shard, workers, display, timeoutMs, startupTimeoutMs, paths, pytestArgs, coverage, discovery };
}
function writeReports(values, outcome, io) {
  const bailOut = outcome.cancelled ? "the run was cancelled" : void 0;
  let written = true;
  const report = (file, text) => {
    if (file === void 0) return;
    try {
      writeReport(file, text());
    } catch (error) {
      io.err(`error: could not write ${file}: ${error.message}
`);
      written = false;
    }
  };
  report(values.tap, () => formatTap(outcome.results, outcome.cleanup, bailOut ? { bailOut } : {}));
  report(values.junit, () => formatJunit(outcome.results, outcome.cleanup));
  return written;
}
async function testCommand(argv, io) {
  const { values, positionals } = parseArgs4({ args: argv, options: testOptions, allowPositionals: true, strict: true });
  const { shard, workers, display, timeoutMs, startupTimeoutMs, paths, pytestArgs, coverage, discovery } = checkTestFlags(
    values,
    positionals,
    io
  );
  const blender = await resolveBlender(values.blender, io, values.mirror);
  const { pythonPaths, python } = await pythonPathsFor(
    values,
    blender,
    { pytest: discovery.python.required, coverage: coverage !== void 0 },
    io
  );
  const coverageRun = coverage ? startCoverageRun(coverage.sources, process.cwd()) : void 0;
  const color = !values["no-color"] && !process.env.NO_COLOR && process.stdout.isTTY === true;
  const reporter = createConsoleReporter(io.out, { color, verbose: values.verbose === true });
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once("SIGINT", cancel);
  process.once("SIGTERM", cancel);
  let outcome;
  try {
    outcome = await runSuites({
      session: {
        blender,
        addons: (values.addon ?? []).map((a) => resolve3(a)),
        addonPaths: (values["addon-path"] ?? []).map((a) => resolve3(a)),
        pythonPaths,
        ...coverageRun ? { coverage: { dataDir: coverageRun.dataDir, include: coverageRun.include } } : {},
        startupTimeoutMs,
        ...display ? { display } : {}
      },
      paths,
      discovery,
      pathsGiven: positionals.length > 0,
      pytestArgs,
      freshScene: values["no-fresh-scene"] !== true,
      runCommands: values.run ?? [],
      workers,
      ...shard ? { shard } : {},
      timeoutMs,
      onReady: (ready) => io.out(
        `Blender ${ready.blender} (Python ${ready.python}) at ${blender}, ${workers === 1 ? "1 worker" : `up to ${workers} workers`}

`
      ),
      onResult: (r) => reporter.onResult(r),
      signal: controller.signal
    });
  } catch (error) {
    if (error instanceof DiscoveryError || error instanceof NoSuitesError) throw new UsageError(error.message);
    throw error;
  } finally {
    process.removeListener("SIGINT", cancel);
    process.removeListener("SIGTERM", cancel);
  }
  for (const message of outcome.setupErrors) io.err(`error: ${message}
`);
  for (const message of outcome.warnings) io.err(`warning: ${message}
`);
  const measured = coverage && coverageRun ? await concludeCoverage(coverageRun, coverage, {
    blender,
    cwd: process.cwd(),
    pythonPaths,
    ...python ? { python } : {},
    cancelled: outcome.cancelled
  }) : void 0;
  if (measured?.error) io.err(`error: ${measured.error}
`);
  const written = writeReports(values, outcome, io);
  reporter.finish(outcome.results, outcome.cleanup, {
    cancelled: outcome.cancelled,
    ...measured?.verdict ? { coverage: measured.verdict } : {}
  });
  const under = measured?.verdict ? coverageFailure(measured.verdict) : void 0;
  if (under) io.err(`error: ${under}
`);
  if (!written || measured?.error) return 2;
  return Math.max(exitCodeFor(outcome), under ? 1 : 0);
}

// src/cli/main.ts
var commands = {
  test: { run: testCommand, help: testHelp },
  serve: { run: serveCommand, help: serveHelp },
  send: { run: sendCommand, help: sendHelp },
  install: { run: (argv, io) => runInstallCommand(argv, cliIo(io)), help: INSTALL_USAGE.trimEnd() }
};
function help() {
  return [
    "Usage: blender-harness <command> [options]   (--version, --help)",
    "",
    ...Object.values(commands).map((c) => c.help + "\n")
  ].join("\n");
}
async function main(argv, io = processIo) {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(help());
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    io.out(`${VERSION}
`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`blender-harness: unknown command ${JSON.stringify(name)}

${help()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.help + "\n");
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || error.code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`blender-harness ${name}: ${usageMessage(name, error)}
`);
      return 2;
    }
    if (error instanceof SessionStartError || error instanceof InstallError || error instanceof SystemDepsError || error instanceof PackagesError) {
      io.err(`blender-harness ${name}: ${error.message}
`);
      return 2;
    }
    throw error;
  }
}
function usageMessage(command, error) {
  const option = /^Unknown option '([^']*)'/.exec(error.message)?.[1];
  if (option === void 0) return error.message;
  const pytest = command === "test" ? ` pytest's own options go through --pytest-arg (--pytest-arg=${option}).` : "";
  return `unknown option ${option}.${pytest} See blender-harness ${command} --help.`;
}

// src/cli/index.ts
process.exitCode = await main(process.argv.slice(2));
