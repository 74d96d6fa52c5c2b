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
  discoverSuites,
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
} from "./chunks/chunk-AY7FTGDL.js";
import {
  InstallError,
  Session,
  SessionStartError,
  ensureRunnable,
  installBlender,
  loadActionsCache,
  localExecutable,
  parseDisplayMode,
  parseSpec,
  tagPrefix
} from "./chunks/chunk-DFFUWDZV.js";
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
} from "./chunks/chunk-QDKIUEM5.js";

// src/action/main.ts
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
var lines = (name) => getInput(name).split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
function readInputs(env = process.env) {
  const problems = [];
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const inWorkspace = (p) => isAbsolute(p) ? p : resolve(workspace, p);
  const bool = (name) => {
    const raw = getInput(name).trim().toLowerCase();
    if (["true", "yes", "1", "on"].includes(raw)) return true;
    if (["false", "no", "0", "off"].includes(raw)) return false;
    problems.push(`${name}: expected true or false, not ${JSON.stringify(getInput(name))}`);
    return true;
  };
  const number = (name, min, integer = false) => {
    const raw = getInput(name).trim();
    const n = Number(raw);
    if (!raw || !Number.isFinite(n) || n < min || integer && !Number.isInteger(n)) {
      problems.push(`${name}: expected ${integer ? "a whole number" : "a number"} >= ${min}, not ${JSON.stringify(raw)}`);
      return min;
    }
    return n;
  };
  const seconds = (name, min) => {
    const n = number(name, min);
    if (n > MAX_TIMER_SECONDS) {
      problems.push(`${name}: expected at most ${MAX_TIMER_SECONDS} seconds (about 24 days, the longest wait Node's timers hold), not ${JSON.stringify(getInput(name).trim())}`);
      return min * 1e3;
    }
    return n * 1e3;
  };
  const workers = () => {
    const { workers: n, warning: warning2 } = capWorkers(number("workers", 1, true));
    if (warning2) warning(`workers: ${warning2}`);
    return n;
  };
  const blenderPath = getInput("blender-path").trim();
  const blenderSpec = blenderPath ? inWorkspace(blenderPath) : getInput("blender-version").trim() || "lts";
  try {
    parseSpec(blenderSpec, { cwd: workspace });
  } catch (error2) {
    problems.push(`${blenderPath ? "blender-path" : "blender-version"}: ${error2 instanceof InstallError ? error2.message : String(error2)}`);
  }
  for (const mirror of lines("mirrors")) {
    try {
      const url = new URL(mirror);
      if (!/^https?:$/.test(url.protocol)) throw new Error("not http(s)");
    } catch {
      problems.push(`mirrors: ${JSON.stringify(mirror)} is not an http(s) URL`);
    }
  }
  const addons = lines("addons").map(inWorkspace);
  for (const addon of addons) if (!existsSync(addon)) problems.push(`addons: ${addon} does not exist (paths are relative to the workspace)`);
  const addonPaths = lines("addon-paths").map(inWorkspace);
  for (const addon of addonPaths) if (!existsSync(addon)) problems.push(`addon-paths: ${addon} does not exist (paths are relative to the workspace)`);
  const tests = lines("tests");
  for (const t of tests) if (!existsSync(inWorkspace(nodeIdFile(t)))) problems.push(`tests: ${inWorkspace(nodeIdFile(t))} does not exist (paths are relative to the workspace)`);
  const requirements = lines("requirements").map(inWorkspace);
  for (const file of requirements) if (!existsSync(file)) problems.push(`requirements: ${file} does not exist (paths are relative to the workspace)`);
  const pythonPackages = lines("python-packages");
  for (const spec of pythonPackages) if (spec.startsWith("-")) problems.push(`python-packages: one requirement per line (numpy, requests>=2), not the pip option ${JSON.stringify(spec)}`);
  const pythonIndexUrl = getInput("python-index-url").trim();
  if (pythonIndexUrl && !isIndexUrl(pythonIndexUrl)) problems.push(`python-index-url: expected an http(s):// or file:// URL, not ${JSON.stringify(pythonIndexUrl)}`);
  let coverage;
  const coverageSources = lines("coverage-source").map(inWorkspace);
  const failUnderText = getInput("coverage-fail-under").trim();
  if (bool("coverage") || coverageSources.length || failUnderText) {
    const sources = coverageSources.length ? coverageSources : [...addons, ...addonPaths];
    if (!sources.length) problems.push("coverage: nothing to measure; give coverage-source (your add-on's folder or module) or the add-on in addons/addon-paths");
    for (const s of coverageSources) if (!existsSync(s)) problems.push(`coverage-source: ${s} does not exist (paths are relative to the workspace)`);
    const parsed = failUnderText ? parseFailUnder(failUnderText) : void 0;
    if (typeof parsed === "object") problems.push(`coverage-fail-under: expected ${parsed.problem}`);
    const failUnder = typeof parsed === "number" ? parsed : void 0;
    coverage = {
      sources,
      xml: inWorkspace(getInput("coverage-xml").trim() || "coverage.xml"),
      lcov: inWorkspace(getInput("coverage-lcov").trim() || "lcov.info"),
      ...failUnder !== void 0 ? { failUnder } : {}
    };
  }
  const keyword = getInput("keyword").trim();
  const markers = getInput("markers").trim();
  let shard;
  const shardText = getInput("shard").trim();
  if (shardText) {
    try {
      shard = parseShard(shardText);
    } catch (error2) {
      problems.push(`shard: ${error2.message.replace("--shard takes", "expected")}`);
    }
  }
  const systemDeps = getInput("system-deps").trim() || "auto";
  if (systemDeps !== "auto" && systemDeps !== "none") problems.push(`system-deps: expected auto or none, not ${JSON.stringify(systemDeps)}`);
  let display = "none";
  try {
    display = parseDisplayMode(getInput("display").trim() || "none");
  } catch (error2) {
    problems.push(error2.message.replace(/^display takes/, "display: expected"));
  }
  const reports = join(env.RUNNER_TEMP || workspace, "blender-harness");
  const config = {
    workspace,
    blenderSpec,
    mirrors: lines("mirrors"),
    cache: bool("cache"),
    addons,
    addonPaths,
    tests,
    pythonPackages,
    requirements,
    ...pythonIndexUrl ? { pythonIndexUrl } : {},
    ...coverage ? { coverage } : {},
    pytestArgs: [...keyword ? ["-k", keyword] : [], ...markers ? ["-m", markers] : [], ...lines("pytest-args")],
    freshScene: bool("fresh-scene"),
    run: lines("run"),
    workers: workers(),
    ...shard ? { shard } : {},
    timeoutMs: seconds("timeout", 1e-3),
    startupTimeoutMs: seconds("startup-timeout", 1),
    factoryStartup: bool("factory-startup"),
    blenderArgs: getInput("blender-args").split(/\s+/).filter(Boolean),
    tapFile: inWorkspace(getInput("tap-file").trim() || join(reports, "results.tap")),
    junitFile: inWorkspace(getInput("junit-file").trim() || join(reports, "junit.xml")),
    failOnLeak: bool("fail-on-leak"),
    auth: bool("auth"),
    systemDeps: systemDeps === "none" ? "none" : "auto",
    display
  };
  const reportFiles = [["tap-file", config.tapFile], ["junit-file", config.junitFile]];
  if (coverage) reportFiles.push(["coverage-xml", coverage.xml], ["coverage-lcov", coverage.lcov]);
  for (const [input, file] of reportFiles) {
    const problem = reportPathProblem(file);
    if (problem) problems.push(`${input}: ${problem}`);
  }
  if (problems.length) throw new InputError(problems);
  return config;
}

// src/action/main.ts
import { rmSync } from "node:fs";

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
  setOutput("leftovers", String(run2.cleanup.leftovers.length + (run2.cleanup.portBound !== null && run2.cleanup.leftovers.length === 0 ? 1 : 0)));
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

// src/action/packages.ts
import { existsSync as existsSync2 } from "node:fs";
var PACKAGES_CACHE_PREFIX = "blender-harness-python-";
async function preparePython(config, blender, signal) {
  const options = {
    blender,
    packages: config.pythonPackages,
    requirements: config.requirements,
    pytest: config.tests.length > 0 && discoverSuites(config.tests, config.workspace).python.required,
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

// src/action/main.ts
var BLENDER_LOG_LINES = 5e3;
async function install(config, signal) {
  const result = await group(
    `Install Blender (${config.blenderSpec})`,
    () => installBlender(config.blenderSpec, {
      mirrors: config.mirrors,
      cacheMode: config.cache ? "auto" : "local",
      cwd: config.workspace,
      signal
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
async function run() {
  const controller = new AbortController();
  const cancel = (signal) => {
    if (controller.signal.aborted) return;
    warning(`${signal} received: stopping Blender and writing what has run so far`);
    controller.abort();
  };
  process.on("SIGINT", () => cancel("SIGINT"));
  process.on("SIGTERM", () => cancel("SIGTERM"));
  saveState(STATE.tagPrefix, tagPrefix());
  let config;
  try {
    config = readInputs();
  } catch (error2) {
    if (error2 instanceof InputError) return setFailed(error2.message);
    throw error2;
  }
  const checkLibraries = (executable) => group("Check Blender's system libraries", () => ensureRunnable(executable, { mode: config.systemDeps, log: (m) => info(m), signal: controller.signal }));
  const onMachine = await localExecutable(config.blenderSpec, config.workspace);
  if (onMachine) await checkLibraries(onMachine);
  const installed = await install(config, controller.signal);
  if (!onMachine) await checkLibraries(installed.executable);
  const blenderLog = [];
  const session = {
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
  const started = performance.now();
  const reporter = createConsoleReporter((text) => logUntrusted(text.trimEnd()));
  let results;
  let cleanup;
  let cancelled = false;
  let coverageRun;
  let python;
  try {
    ({ pythonPaths: session.pythonPaths, python } = await preparePython(config, installed.executable, controller.signal));
    if (config.coverage) {
      coverageRun = startCoverageRun(config.coverage.sources, config.workspace);
      session.coverage = { dataDir: coverageRun.dataDir, include: coverageRun.include };
    }
    if (config.tests.length === 0 && config.run.length === 0) {
      ({ results, cleanup } = await setupOnly(session, controller.signal));
    } else {
      const outcome = await runSuites({
        session,
        paths: config.tests,
        pytestArgs: config.pytestArgs,
        freshScene: config.freshScene,
        runCommands: config.run,
        workers: config.workers,
        ...config.shard ? { shard: config.shard } : {},
        timeoutMs: config.timeoutMs,
        cwd: config.workspace,
        signal: controller.signal,
        onResult: (r) => reporter.onResult(r)
      });
      ({ results, cleanup, cancelled } = outcome);
      for (const e of outcome.setupErrors) error(e);
      if (outcome.setupErrors.length) setFailed(`${outcome.setupErrors.length} setup error(s): suite files that could not be read, or Python tests pytest could not collect; see the errors above`);
    }
  } catch (error2) {
    if (!(error2 instanceof SessionStartError || error2 instanceof NoSuitesError || error2 instanceof DiscoveryError || error2 instanceof PackagesError)) throw error2;
    if (coverageRun) rmSync(coverageRun.dataDir, { recursive: true, force: true });
    await printLog(blenderLog);
    if (error2 instanceof PackagesError && error2.log) await group("pip's log", () => Promise.resolve(logUntrusted(error2.log ?? "")));
    const message = error2.message;
    await publish(config, {
      results: [{ id: "setup > Blender starts and the suites are found", suite: "setup", name: "Blender starts and the suites are found", outcome: "failed", kind: "setup", message, durationMs: performance.now() - started }],
      cleanup: mergeCleanups([]),
      blender: { version: installed.version, path: installed.executable },
      durationMs: performance.now() - started
    });
    return setFailed(message);
  }
  await printLog(blenderLog);
  const measured = config.coverage && coverageRun ? await concludeCoverage(coverageRun, config.coverage, {
    blender: installed.executable,
    cwd: config.workspace,
    pythonPaths: session.pythonPaths ?? [],
    ...python ? { python } : {},
    cancelled
  }) : void 0;
  if (measured?.error) setFailed(measured.error);
  const coverage = measured?.verdict;
  reporter.finish(results, cleanup, { cancelled, ...coverage ? { coverage } : {} });
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
async function printLog(lines2) {
  if (lines2.length === 0) return;
  await group("Blender's output", () => Promise.resolve(logUntrusted(lines2.join("\n"))));
}
run().catch((error2) => setFailed(error2 instanceof Error ? error2.message : String(error2)));
export {
  run
};
