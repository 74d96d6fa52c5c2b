import { createRequire as __bhCreateRequire } from 'node:module'; const require = __bhCreateRequire(import.meta.url);
import {
  STATE
} from "./chunks/chunk-HNJYM6WJ.js";
import {
  DiscoveryError,
  MAX_TIMER_SECONDS,
  NoSuitesError,
  capWorkers,
  createConsoleReporter,
  formatCleanup,
  formatJunit,
  formatSummaryMarkdown,
  formatTap,
  isCleanupClean,
  mergeCleanups,
  nodeIdFile,
  parseShard,
  reportCounts,
  reportPathProblem,
  runSuites,
  selectAnnotations,
  writeReport
} from "./chunks/chunk-Z7KXAKKD.js";
import {
  InstallError,
  Session,
  SessionStartError,
  ensureRunnable,
  installBlender,
  localExecutable,
  parseDisplayMode,
  parseSpec,
  tagPrefix
} from "./chunks/chunk-5L5ARFZU.js";
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
  for (const [input, file] of [["tap-file", config.tapFile], ["junit-file", config.junitFile]]) {
    const problem = reportPathProblem(file);
    if (problem) problems.push(`${input}: ${problem}`);
  }
  if (problems.length) throw new InputError(problems);
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
  for (const a of selectAnnotations(run2.results, { workspace: config.workspace, cleanup: run2.cleanup })) {
    error(a.message, { title: a.title, ...a.file ? { file: a.file } : {}, ...a.startLine ? { startLine: a.startLine } : {} });
  }
  if (process.env.GITHUB_STEP_SUMMARY) {
    const markdown = formatSummaryMarkdown({
      results: run2.results,
      cleanup: run2.cleanup,
      ...run2.blender ? { blender: run2.blender } : {},
      durationMs: run2.durationMs,
      ...run2.title ? { title: run2.title } : {}
    });
    await summary.addRaw(markdown, true).write();
  }
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
  try {
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
    if (!(error2 instanceof SessionStartError || error2 instanceof NoSuitesError || error2 instanceof DiscoveryError)) throw error2;
    await printLog(blenderLog);
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
  reporter.finish(results, cleanup, { cancelled });
  await publish(config, {
    results,
    cleanup,
    blender: { version: installed.version, path: installed.executable },
    durationMs: performance.now() - started,
    ...cancelled ? { bailOut: "the run was cancelled" } : {}
  });
  const failed = results.filter((r) => r.outcome === "failed").length;
  if (cancelled) setFailed("the run was cancelled");
  else if (failed) setFailed(`${failed} test(s) failed`);
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
