#!/usr/bin/env node
import { createRequire as __bhCreateRequire } from 'node:module'; const require = __bhCreateRequire(import.meta.url);
import {
  INSTALL_USAGE,
  UsageError,
  cliIo,
  formatCleanup,
  parseDisplayFlag,
  parseNumber,
  processIo,
  resolveBlender,
  runInstallCommand,
  testCommand,
  testHelp
} from "./chunks/chunk-424T5AAV.js";
import {
  Client,
  InstallError,
  Session,
  SessionStartError,
  SystemDepsError
} from "./chunks/chunk-34W7UKFU.js";
import "./chunks/chunk-H4XAZCOA.js";

// src/cli/send.ts
import { parseArgs } from "node:util";
var sendHelp = `blender-harness send '<json>' [--port N] [--token T] [--timeout S]
  Sends one request to a running session and prints the answer. Port and token default to
  BLENDER_HARNESS_PORT and BLENDER_HARNESS_TOKEN.`;
async function sendCommand(argv, io) {
  const { values, positionals } = parseArgs({
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
  const port = parseNumber("--port", values.port ?? process.env.BLENDER_HARNESS_PORT, 0, 1);
  if (!port) throw new UsageError("no port: pass --port N or set BLENDER_HARNESS_PORT (blender-harness serve prints both)");
  const token = values.token ?? process.env.BLENDER_HARNESS_TOKEN;
  let client;
  try {
    client = await Client.connect(port, token);
  } catch (error) {
    throw new UsageError(`nothing answers on 127.0.0.1:${port} (${error.message}); is the session still running?`);
  }
  try {
    const answer = await client.request(request, parseNumber("--timeout", values.timeout, 60) * 1e3);
    io.out(JSON.stringify(answer, null, 2) + "\n");
    return answer.ok ? 0 : 1;
  } finally {
    client.close();
  }
}

// src/cli/serve.ts
import { parseArgs as parseArgs2 } from "node:util";
var serveHelp = `blender-harness serve [--blender PATH|SPEC] [--addon PATH]... [--port N] [--no-auth]
                     [--startup-timeout S] [--gui] [--display auto|virtual|none]
  Starts Blender headless (or with its window, --gui) with the test server, prints how to
  connect, and keeps it until Ctrl-C or a quit request; then prints the cleanup report.
  --display virtual runs it on its own Xvfb display; auto does so when there is no DISPLAY
  (the default with --gui).`;
async function serveCommand(argv, io) {
  const { values } = parseArgs2({
    args: argv,
    options: {
      blender: { type: "string" },
      addon: { type: "string", multiple: true },
      port: { type: "string" },
      "no-auth": { type: "boolean" },
      "startup-timeout": { type: "string" },
      gui: { type: "boolean" },
      display: { type: "string" }
    },
    strict: true
  });
  const display = parseDisplayFlag(values.display);
  const blender = await resolveBlender(values.blender, io);
  const session = await Session.start({
    blender: blender.executable,
    addons: values.addon ?? [],
    port: parseNumber("--port", values.port, 0),
    auth: !values["no-auth"],
    startupTimeoutMs: parseNumber("--startup-timeout", values["startup-timeout"], 120) * 1e3,
    gui: values.gui === true,
    ...display ? { display } : {}
  });
  const auth = session.ready.auth;
  io.out(
    [
      `Blender ${session.ready.blender} (Python ${session.ready.python}, pid ${session.pid}) serving on 127.0.0.1:${session.port}` + (session.display ? ` with its window on virtual display ${session.display.display}` : ""),
      auth ? `token: ${session.token}` : "authentication is off: any local process can run code in this Blender",
      "connect with:",
      `  export BLENDER_HARNESS_PORT=${session.port}${auth ? ` BLENDER_HARNESS_TOKEN=${session.token}` : ""}`,
      `  blender-harness send '{"type":"exec","code":"import bpy; result = bpy.app.version_string"}'`,
      "Ctrl-C (or a quit request) stops it.",
      ""
    ].join("\n")
  );
  const interrupted = new Promise((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  const why = await Promise.race([session.exited.then(() => "Blender exited"), interrupted]);
  io.out(`stopping (${why})
`);
  const cleanup = await session.close({ graceMs: values.gui ? 15e3 : 3e3 });
  io.out(formatCleanup(cleanup) + "\n");
  return cleanup.clean ? 0 : 1;
}

// src/cli/main.ts
var commands = {
  test: { run: testCommand, help: testHelp },
  serve: { run: serveCommand, help: serveHelp },
  send: { run: sendCommand, help: sendHelp },
  install: { run: (argv, io) => runInstallCommand(argv, cliIo(io)), help: INSTALL_USAGE.trimEnd() }
};
function help() {
  return ["Usage: blender-harness <command> [options]", "", ...Object.values(commands).map((c) => c.help + "\n")].join("\n");
}
async function main(argv, io = processIo) {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(help());
    return name ? 0 : 2;
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
      io.err(`blender-harness ${name}: ${error.message}
`);
      return 2;
    }
    if (error instanceof SessionStartError || error instanceof InstallError || error instanceof SystemDepsError) {
      io.err(`blender-harness ${name}: ${error.message}
`);
      return 2;
    }
    throw error;
  }
}

// src/cli/index.ts
process.exitCode = await main(process.argv.slice(2));
