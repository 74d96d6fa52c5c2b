import { createRequire as __bhCreateRequire } from 'node:module'; const require = __bhCreateRequire(import.meta.url);
import {
  STATE
} from "./chunks/chunk-RX2XP5RR.js";
import {
  DiscoveryError,
  MAX_TIMER_SECONDS,
  NoSuitesError,
  PackagesError,
  capWorkers,
  concludeCoverage,
  coverageHeadline,
  createConsoleReporter,
  createProgress,
  discoverSuites,
  ensureRunnable,
  formatCleanup,
  formatJunit,
  formatSummaryMarkdown,
  formatTap,
  installPlan,
  isCleanupClean,
  isCoverageFailing,
  isIndexUrl,
  mergeCleanups,
  nodeIdFile,
  parseFailUnder,
  parseShard,
  planPackages,
  reportCounts,
  reportPathProblem,
  runSuites,
  selectAnnotations,
  startCoverageRun,
  writeReport
} from "./chunks/chunk-32RSCUJ5.js";
import {
  InstallError,
  Session,
  SessionStartError,
  installBlender,
  loadActionsCache,
  localExecutable,
  parseDisplayMode,
  parseSpec,
  tagPrefix
} from "./chunks/chunk-FBWX2EWE.js";
import {
  addPath,
  error,
  getInput,
  group,
  info,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunks/chunk-244WP6SK.js";

// src/action/run.ts
import { rmSync } from "node:fs";
import { dirname } from "node:path";

// src/action/inputs.ts
import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
var InputError = class extends Error {
  constructor(problems) {
    super(problems.length === 1 ? problems[0] ?? "" : `${problems.length} inputs are wrong:
- ${problems.join("\n- ")}`);
    this.problems = problems;
    this.name = "InputError";
  }
  problems;
};
var Inputs = class {
  constructor(workspace) {
    this.workspace = workspace;
  }
  workspace;
  problems = [];
  inWorkspace(p) {
    return isAbsolute(p) ? p : resolve(this.workspace, p);
  }
  text(name) {
    return getInput(name).trim();
  }
  lines(name) {
    return getInput(name).split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  }
  /** The lines of `name` as paths in the workspace, each of which must exist. */
  existingPaths(name) {
    const paths = this.lines(name).map((p) => this.inWorkspace(p));
    for (const p of paths) if (!existsSync(p)) this.problems.push(`${name}: ${p} does not exist (paths are relative to the workspace)`);
    return paths;
  }
  bool(name) {
    const raw = this.text(name).toLowerCase();
    if (["true", "yes", "1", "on"].includes(raw)) return true;
    if (["false", "no", "0", "off"].includes(raw)) return false;
    this.problems.push(`${name}: expected true or false, not ${JSON.stringify(getInput(name))}`);
    return true;
  }
  number(name, min, integer = false) {
    const raw = this.text(name);
    const n = Number(raw);
    if (!raw || !Number.isFinite(n) || n < min || integer && !Number.isInteger(n)) {
      this.problems.push(`${name}: expected ${integer ? "a whole number" : "a number"} >= ${min}, not ${JSON.stringify(raw)}`);
      return min;
    }
    return n;
  }
  /** Seconds as milliseconds, within what Node's timers hold (longer waits fire at once). */
  seconds(name, min) {
    const n = this.number(name, min);
    if (n > MAX_TIMER_SECONDS) {
      this.problems.push(
        `${name}: expected at most ${MAX_TIMER_SECONDS} seconds (about 24 days, the longest wait Node's timers hold), not ${JSON.stringify(this.text(name))}`
      );
      return min * 1e3;
    }
    return n * 1e3;
  }
  /** More workers than the machine holds are lowered to what it does, with a warning. */
  workers() {
    const { workers, warning: warning2 } = capWorkers(this.number("workers", 1, true));
    if (warning2) warning(`workers: ${warning2}`);
    return workers;
  }
};
function blenderInputs(inputs) {
  const blenderPath = inputs.text("blender-path");
  const blenderSpec = blenderPath ? inputs.inWorkspace(blenderPath) : inputs.text("blender-version") || "lts";
  try {
    parseSpec(blenderSpec, { cwd: inputs.workspace });
  } catch (error2) {
    inputs.problems.push(
      `${blenderPath ? "blender-path" : "blender-version"}: ${error2 instanceof InstallError ? error2.message : String(error2)}`
    );
  }
  const mirrors = inputs.lines("mirrors");
  for (const mirror of mirrors) {
    try {
      const url = new URL(mirror);
      if (!/^https?:$/.test(url.protocol)) throw new Error("not http(s)");
    } catch {
      inputs.problems.push(`mirrors: ${JSON.stringify(mirror)} is not an http(s) URL`);
    }
  }
  return { blenderSpec, mirrors };
}
function pythonInputs(inputs) {
  const requirements = inputs.existingPaths("requirements");
  const pythonPackages = inputs.lines("python-packages");
  for (const spec of pythonPackages) {
    if (!spec.startsWith("-")) continue;
    inputs.problems.push(`python-packages: one requirement per line (numpy, requests>=2), not the pip option ${JSON.stringify(spec)}`);
  }
  const pythonIndexUrl = inputs.text("python-index-url");
  if (pythonIndexUrl && !isIndexUrl(pythonIndexUrl)) {
    inputs.problems.push(`python-index-url: expected an http(s):// or file:// URL, not ${JSON.stringify(pythonIndexUrl)}`);
  }
  return { pythonPackages, requirements, ...pythonIndexUrl ? { pythonIndexUrl } : {} };
}
function coverageInputs(inputs, addons) {
  const coverageSources = inputs.lines("coverage-source").map((p) => inputs.inWorkspace(p));
  const failUnderText = inputs.text("coverage-fail-under");
  if (!(inputs.bool("coverage") || coverageSources.length || failUnderText)) return void 0;
  const sources = coverageSources.length ? coverageSources : [...addons];
  if (!sources.length) {
    inputs.problems.push(
      "coverage: nothing to measure; give coverage-source (your add-on's folder or module) or the add-on in addons/addon-paths"
    );
  }
  for (const s of coverageSources) {
    if (!existsSync(s)) inputs.problems.push(`coverage-source: ${s} does not exist (paths are relative to the workspace)`);
  }
  const parsed = failUnderText ? parseFailUnder(failUnderText) : void 0;
  if (typeof parsed === "object") inputs.problems.push(`coverage-fail-under: expected ${parsed.problem}`);
  const failUnder = typeof parsed === "number" ? parsed : void 0;
  return {
    sources,
    xml: inputs.inWorkspace(inputs.text("coverage-xml") || "coverage.xml"),
    lcov: inputs.inWorkspace(inputs.text("coverage-lcov") || "lcov.info"),
    ...failUnder !== void 0 ? { failUnder } : {}
  };
}
function selectionInputs(inputs) {
  const tests = inputs.lines("tests");
  for (const t of tests) {
    const file = inputs.inWorkspace(nodeIdFile(t));
    if (!existsSync(file)) inputs.problems.push(`tests: ${file} does not exist (paths are relative to the workspace)`);
  }
  const keyword = inputs.text("keyword");
  const markers = inputs.text("markers");
  const pytestArgs = [...keyword ? ["-k", keyword] : [], ...markers ? ["-m", markers] : [], ...inputs.lines("pytest-args")];
  const shardText = inputs.text("shard");
  if (!shardText) return { tests, pytestArgs };
  try {
    return { tests, pytestArgs, shard: parseShard(shardText) };
  } catch (error2) {
    inputs.problems.push(`shard: ${error2.message.replace("--shard takes", "expected")}`);
    return { tests, pytestArgs };
  }
}
function machineInputs(inputs) {
  const systemDeps = inputs.text("system-deps") || "auto";
  if (systemDeps !== "auto" && systemDeps !== "none") {
    inputs.problems.push(`system-deps: expected auto or none, not ${JSON.stringify(systemDeps)}`);
  }
  let display = "none";
  try {
    display = parseDisplayMode(inputs.text("display") || "none");
  } catch (error2) {
    inputs.problems.push(error2.message.replace(/^display takes/, "display: expected"));
  }
  return { systemDeps: systemDeps === "none" ? "none" : "auto", display };
}
function checkReportPaths(inputs, config) {
  const reportFiles = [
    ["tap-file", config.tapFile],
    ["junit-file", config.junitFile]
  ];
  if (config.coverage) reportFiles.push(["coverage-xml", config.coverage.xml], ["coverage-lcov", config.coverage.lcov]);
  for (const [input, file] of reportFiles) {
    const problem = reportPathProblem(file);
    if (problem) inputs.problems.push(`${input}: ${problem}`);
  }
}
function readInputs(env = process.env) {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const inputs = new Inputs(workspace);
  const blender = blenderInputs(inputs);
  const addons = inputs.existingPaths("addons");
  const addonPaths = inputs.existingPaths("addon-paths");
  const selection = selectionInputs(inputs);
  const python = pythonInputs(inputs);
  const coverage = coverageInputs(inputs, [...addons, ...addonPaths]);
  const machine = machineInputs(inputs);
  const reports = join(env.RUNNER_TEMP || workspace, "blender-harness");
  const config = {
    workspace,
    ...blender,
    cache: inputs.bool("cache"),
    addons,
    addonPaths,
    ...selection,
    ...python,
    ...coverage ? { coverage } : {},
    freshScene: inputs.bool("fresh-scene"),
    run: inputs.lines("run"),
    workers: inputs.workers(),
    timeoutMs: inputs.seconds("timeout", 1e-3),
    startupTimeoutMs: inputs.seconds("startup-timeout", 1),
    factoryStartup: inputs.bool("factory-startup"),
    blenderArgs: getInput("blender-args").split(/\s+/).filter(Boolean),
    tapFile: inputs.inWorkspace(inputs.text("tap-file") || join(reports, "results.tap")),
    junitFile: inputs.inWorkspace(inputs.text("junit-file") || join(reports, "junit.xml")),
    failOnLeak: inputs.bool("fail-on-leak"),
    auth: inputs.bool("auth"),
    ...machine
  };
  checkReportPaths(inputs, config);
  if (inputs.problems.length) throw new InputError(inputs.problems);
  return config;
}

// src/action/log.ts
import { randomBytes } from "node:crypto";
function mayHoldCommands(text) {
  return text.includes("::") || text.includes("##[");
}
function quoteForLog(text) {
  if (!mayHoldCommands(text)) return text;
  let token;
  do
    token = randomBytes(16).toString("hex");
  while (text.toLowerCase().includes(token));
  return `::stop-commands::${token}
${text}
::${token}::`;
}
function logUntrusted(text, write = (s) => void process.stdout.write(s)) {
  write(`${quoteForLog(text)}
`);
}

// src/action/packages.ts
import { existsSync as existsSync2 } from "node:fs";
var PACKAGES_CACHE_PREFIX = "blender-harness-python-";
async function preparePython(config, blender, signal, pytest) {
  const options = {
    blender,
    packages: config.pythonPackages,
    requirements: config.requirements,
    pytest,
    coverage: config.coverage !== void 0,
    ...config.pythonIndexUrl ? { indexUrl: config.pythonIndexUrl } : {},
    cwd: config.workspace,
    log: (line) => info(line),
    signal
  };
  const { plan, probe } = await planPackages(options);
  const python = probe ? { python: probe.executable } : {};
  if (!plan) return { pythonPaths: [], ...python };
  return group(`Python packages for Blender (${plan.specs.join(" ") || "requirements"})`, async () => {
    const key = `${PACKAGES_CACHE_PREFIX}${plan.key}`;
    let hit = existsSync2(plan.site);
    if (!hit && config.cache) {
      try {
        const cache = await loadActionsCache();
        if (cache.isFeatureAvailable()) hit = await cache.restoreCache([plan.site], key) !== void 0 && existsSync2(plan.site);
      } catch (error2) {
        info(`The Actions cache could not be read (${error2 instanceof Error ? error2.message : String(error2)}); installing.`);
      }
      if (hit) info(`Restored the packages from the Actions cache (${key}).`);
    }
    const prepared = await installPlan(plan, options);
    if (prepared.installed && config.cache) saveState(STATE.packages, JSON.stringify({ cacheKey: key, cachePaths: [plan.site] }));
    if (!prepared.installed) info(`Python packages in place: ${plan.site}`);
    setOutput("python-packages-cache-hit", String(!prepared.installed));
    return { pythonPaths: [plan.site], ...python };
  });
}

// src/action/report.ts
async function publish(config, run2) {
  writeReport(config.tapFile, formatTap(run2.results, run2.cleanup, run2.bailOut ? { bailOut: run2.bailOut } : {}));
  writeReport(config.junitFile, formatJunit(run2.results, run2.cleanup));
  setOutput("tap-file", config.tapFile);
  setOutput("junit-file", config.junitFile);
  const counts = reportCounts(run2.results, run2.cleanup);
  setOutput("total", String(counts.total));
  setOutput("passed", String(counts.passed));
  setOutput("failed", String(counts.failed));
  setOutput("skipped", String(counts.skipped));
  setOutput(
    "leftovers",
    String(run2.cleanup.leftovers.length + (run2.cleanup.portBound !== null && run2.cleanup.leftovers.length === 0 ? 1 : 0))
  );
  if (run2.coverage) {
    setOutput("coverage-percent", run2.coverage.summary.percent.toFixed(2));
    if (run2.coverage.summary.xml) setOutput("coverage-xml", run2.coverage.summary.xml);
    if (run2.coverage.summary.lcov) setOutput("coverage-lcov", run2.coverage.summary.lcov);
  }
  for (const a of selectAnnotations(run2.results, { workspace: config.workspace, cleanup: run2.cleanup })) {
    error(a.message, { title: a.title, ...a.file ? { file: a.file } : {}, ...a.startLine ? { startLine: a.startLine } : {} });
  }
  if (process.env.GITHUB_STEP_SUMMARY) {
    const markdown = formatSummaryMarkdown({
      results: run2.results,
      cleanup: run2.cleanup,
      ...run2.blender ? { blender: run2.blender } : {},
      durationMs: run2.durationMs,
      ...run2.title ? { title: run2.title } : {},
      ...run2.coverage ? { coverage: run2.coverage } : {}
    });
    await summary.addRaw(markdown, true).write();
  }
}

// src/action/run.ts
var BLENDER_LOG_LINES = 5e3;
var STAGES = {
  "system-deps": "Blender's system libraries are present",
  install: "Blender is installed",
  setup: "Blender starts and the suites are found",
  tests: "the suites run to the end"
};
var messageOf = (error2) => error2 instanceof Error ? error2.message : String(error2);
async function run() {
  const controller = new AbortController();
  const cancel = (signal) => {
    if (controller.signal.aborted) return;
    warning(`${signal} received: stopping Blender and writing what has run so far`);
    controller.abort();
  };
  process.on("SIGINT", cancel);
  process.on("SIGTERM", cancel);
  try {
    saveState(STATE.tagPrefix, tagPrefix());
    let config;
    try {
      config = readInputs();
    } catch (error2) {
      if (error2 instanceof InputError) return setFailed(error2.message);
      throw error2;
    }
    await runWith(config, controller.signal);
  } finally {
    process.off("SIGINT", cancel);
    process.off("SIGTERM", cancel);
  }
}
async function runWith(config, signal) {
  const started = performance.now();
  const installed = await provision(config, signal, started);
  if (!installed) return;
  const ran = await runTests(config, installed, signal, started);
  if (!ran) return;
  await conclude(config, installed, ran, started);
}
async function provision(config, signal, started) {
  const checkLibraries = (executable) => group(
    "Check Blender's system libraries",
    () => ensureRunnable(executable, { mode: config.systemDeps, log: (m) => info(m), signal })
  );
  let stage = "system-deps";
  try {
    const onMachine = await localExecutable(config.blenderSpec, config.workspace);
    if (onMachine) await checkLibraries(onMachine);
    stage = "install";
    const installed = await install(config, signal);
    stage = "system-deps";
    if (!onMachine) await checkLibraries(installed.executable);
    return installed;
  } catch (error2) {
    await failStage(config, { stage, message: messageOf(error2), started, cancelled: signal.aborted });
    return void 0;
  }
}
async function install(config, signal) {
  const result = await group(
    `Install Blender (${config.blenderSpec})`,
    () => installBlender(config.blenderSpec, {
      mirrors: config.mirrors,
      cacheMode: config.cache ? "auto" : "local",
      cwd: config.workspace,
      signal,
      progress: createProgress({ out: process.stdout, mode: "lines", log: (line) => info(line) })
    })
  );
  addPath(dirname(result.executable));
  setOutput("blender-path", result.executable);
  setOutput("blender-version", result.version);
  setOutput("cache-hit", String(result.cacheHit));
  if (config.cache && result.saveCache && result.cacheKey && result.cachePaths) {
    saveState(STATE.cache, JSON.stringify({ cacheKey: result.cacheKey, cachePaths: result.cachePaths, cacheHit: result.cacheHit }));
  }
  info(`Blender ${result.version} at ${result.executable} (${result.cacheHit ? `cache hit, ${result.source}` : result.source})`);
  return result;
}
function sessionOptions(config, installed, blenderLog) {
  return {
    blender: installed.executable,
    addons: config.addons,
    addonPaths: config.addonPaths,
    startupTimeoutMs: config.startupTimeoutMs,
    factoryStartup: config.factoryStartup,
    blenderArgs: config.blenderArgs,
    auth: config.auth,
    display: config.display,
    onToken: (token) => setSecret(token),
    onOutput: (line) => {
      blenderLog.push(line);
      if (blenderLog.length > BLENDER_LOG_LINES) blenderLog.shift();
    }
  };
}
async function runTests(config, installed, signal, started) {
  const blenderLog = [];
  const session = sessionOptions(config, installed, blenderLog);
  const reporter = createConsoleReporter((text) => logUntrusted(text.trimEnd()));
  let coverageRun;
  let stage = "setup";
  let ran;
  try {
    const discovery = config.tests.length > 0 ? discoverSuites(config.tests, config.workspace) : void 0;
    const prepared = await preparePython(config, installed.executable, signal, discovery?.python.required === true);
    session.pythonPaths = prepared.pythonPaths;
    if (config.coverage) {
      coverageRun = startCoverageRun(config.coverage.sources, config.workspace);
      session.coverage = { dataDir: coverageRun.dataDir, include: coverageRun.include };
    }
    stage = "tests";
    const outcome = config.tests.length === 0 && config.run.length === 0 ? { ...await setupOnly(session, signal), cancelled: false } : await suites(config, session, signal, reporter, discovery);
    const python = prepared.python ? { python: prepared.python } : {};
    ran = { ...outcome, session, reporter, ...coverageRun ? { coverageRun } : {}, ...python };
  } catch (error2) {
    if (coverageRun) rmSync(coverageRun.dataDir, { recursive: true, force: true });
    await printLog(blenderLog);
    if (error2 instanceof PackagesError && error2.log) await group("pip's log", () => Promise.resolve(logUntrusted(error2.log ?? "")));
    const failed = isSetupError(error2) ? "setup" : stage;
    await failStage(config, { stage: failed, message: messageOf(error2), started, cancelled: signal.aborted }, installed);
    return void 0;
  }
  await printLog(blenderLog);
  return ran;
}
function isSetupError(error2) {
  return error2 instanceof SessionStartError || error2 instanceof NoSuitesError || error2 instanceof DiscoveryError || error2 instanceof PackagesError;
}
async function suites(config, session, signal, reporter, discovery) {
  const outcome = await runSuites({
    session,
    paths: config.tests,
    ...discovery ? { discovery } : {},
    pytestArgs: config.pytestArgs,
    freshScene: config.freshScene,
    runCommands: config.run,
    workers: config.workers,
    ...config.shard ? { shard: config.shard } : {},
    timeoutMs: config.timeoutMs,
    cwd: config.workspace,
    signal,
    onResult: (r) => reporter.onResult(r)
  });
  for (const e of outcome.setupErrors) error(e);
  for (const w of outcome.warnings) warning(w);
  if (outcome.setupErrors.length) {
    setFailed(
      `${outcome.setupErrors.length} setup error(s): suite files that could not be read, or Python tests pytest could not collect; see the errors above`
    );
  }
  return { results: outcome.results, cleanup: outcome.cleanup, cancelled: outcome.cancelled };
}
async function setupOnly(session, signal) {
  const started = performance.now();
  if (signal.aborted) throw new SessionStartError("usage", "the run was cancelled before Blender started");
  const s = await Session.start(session);
  const abort = () => void s.stop({ graceMs: 0 });
  signal.addEventListener("abort", abort, { once: true });
  const pong = await s.request({ type: "ping" }, 3e4).catch((e) => e instanceof Error ? e : new Error(String(e)));
  signal.removeEventListener("abort", abort);
  const cleanup = await s.close();
  const ok = !(pong instanceof Error) && pong.ok;
  const result = {
    id: "setup > Blender starts, answers ping and stops",
    suite: "setup",
    name: "Blender starts, answers ping and stops",
    outcome: ok ? "passed" : "failed",
    ...ok ? {} : { kind: "setup", message: pong instanceof Error ? pong.message : "ping was refused" },
    durationMs: performance.now() - started
  };
  logUntrusted(`${ok ? "ok" : "FAIL"} Blender ${s.ready.blender} started in ${Math.round(s.readyMs)} ms, answered ping`);
  return { results: [result], cleanup };
}
async function conclude(config, installed, ran, started) {
  const { results, cleanup, cancelled, coverageRun } = ran;
  const measured = config.coverage && coverageRun ? await concludeCoverage(coverageRun, config.coverage, {
    blender: installed.executable,
    cwd: config.workspace,
    pythonPaths: ran.session.pythonPaths ?? [],
    ...ran.python ? { python: ran.python } : {},
    cancelled
  }).catch((error2) => ({ error: messageOf(error2), verdict: void 0 })) : void 0;
  if (measured?.error) setFailed(measured.error);
  const coverage = measured?.verdict;
  ran.reporter.finish(results, cleanup, { cancelled, ...coverage ? { coverage } : {} });
  await publish(config, {
    ...coverage ? { coverage } : {},
    results,
    cleanup,
    blender: { version: installed.version, path: installed.executable },
    durationMs: performance.now() - started,
    ...cancelled ? { bailOut: "the run was cancelled" } : {}
  });
  const failed = results.filter((r) => r.outcome === "failed").length;
  const under = coverage && isCoverageFailing(coverage) ? coverageHeadline(coverage) : void 0;
  if (cancelled) setFailed("the run was cancelled");
  else if (failed) setFailed(`${failed} test(s) failed${under ? `; ${under}` : ""}`);
  else if (under) setFailed(under);
  else if (!isCleanupClean(cleanup) && config.failOnLeak) setFailed(formatCleanup(cleanup));
}
function stageFailure(stage, message, durationMs) {
  const name = STAGES[stage];
  return { id: `${stage} > ${name}`, suite: stage, name, outcome: "failed", kind: "setup", message, durationMs };
}
async function failStage(config, failure, installed) {
  const durationMs = performance.now() - failure.started;
  try {
    await publish(config, {
      results: [stageFailure(failure.stage, failure.message, durationMs)],
      cleanup: mergeCleanups([]),
      ...installed ? { blender: { version: installed.version, path: installed.executable } } : {},
      durationMs,
      ...failure.cancelled ? { bailOut: "the run was cancelled" } : {}
    });
  } catch (error2) {
    warning(`The reports could not be written: ${messageOf(error2)}`);
  }
  setFailed(failure.cancelled ? "the run was cancelled" : failure.message);
}
async function printLog(lines) {
  if (lines.length === 0) return;
  await group("Blender's output", () => Promise.resolve(logUntrusted(lines.join("\n"))));
}

// src/action/main.ts
run().catch((error2) => setFailed(error2 instanceof Error ? error2.message : String(error2)));
