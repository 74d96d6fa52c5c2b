import { createRequire as __bhCreateRequire } from 'node:module'; const require = __bhCreateRequire(import.meta.url);
import {
  __commonJS,
  __require,
  __toESM,
  cp,
  debug,
  info,
  mkdirP,
  require_semver,
  require_undici,
  rmRF,
  warning
} from "./chunk-244WP6SK.js";

// node_modules/isexe/windows.js
var require_windows = __commonJS({
  "node_modules/isexe/windows.js"(exports, module) {
    module.exports = isexe;
    isexe.sync = sync;
    var fs2 = __require("fs");
    function checkPathExt(path7, options) {
      var pathext = options.pathExt !== void 0 ? options.pathExt : process.env.PATHEXT;
      if (!pathext) {
        return true;
      }
      pathext = pathext.split(";");
      if (pathext.indexOf("") !== -1) {
        return true;
      }
      for (var i2 = 0; i2 < pathext.length; i2++) {
        var p = pathext[i2].toLowerCase();
        if (p && path7.substr(-p.length).toLowerCase() === p) {
          return true;
        }
      }
      return false;
    }
    function checkStat(stat2, path7, options) {
      if (!stat2.isSymbolicLink() && !stat2.isFile()) {
        return false;
      }
      return checkPathExt(path7, options);
    }
    function isexe(path7, options, cb) {
      fs2.stat(path7, function(er, stat2) {
        cb(er, er ? false : checkStat(stat2, path7, options));
      });
    }
    function sync(path7, options) {
      return checkStat(fs2.statSync(path7), path7, options);
    }
  }
});

// node_modules/isexe/mode.js
var require_mode = __commonJS({
  "node_modules/isexe/mode.js"(exports, module) {
    module.exports = isexe;
    isexe.sync = sync;
    var fs2 = __require("fs");
    function isexe(path7, options, cb) {
      fs2.stat(path7, function(er, stat2) {
        cb(er, er ? false : checkStat(stat2, options));
      });
    }
    function sync(path7, options) {
      return checkStat(fs2.statSync(path7), options);
    }
    function checkStat(stat2, options) {
      return stat2.isFile() && checkMode(stat2, options);
    }
    function checkMode(stat2, options) {
      var mod = stat2.mode;
      var uid = stat2.uid;
      var gid = stat2.gid;
      var myUid = options.uid !== void 0 ? options.uid : process.getuid && process.getuid();
      var myGid = options.gid !== void 0 ? options.gid : process.getgid && process.getgid();
      var u2 = parseInt("100", 8);
      var g = parseInt("010", 8);
      var o2 = parseInt("001", 8);
      var ug = u2 | g;
      var ret = mod & o2 || mod & g && gid === myGid || mod & u2 && uid === myUid || mod & ug && myUid === 0;
      return ret;
    }
  }
});

// node_modules/isexe/index.js
var require_isexe = __commonJS({
  "node_modules/isexe/index.js"(exports, module) {
    var fs2 = __require("fs");
    var core;
    if (process.platform === "win32" || global.TESTING_WINDOWS) {
      core = require_windows();
    } else {
      core = require_mode();
    }
    module.exports = isexe;
    isexe.sync = sync;
    function isexe(path7, options, cb) {
      if (typeof options === "function") {
        cb = options;
        options = {};
      }
      if (!cb) {
        if (typeof Promise !== "function") {
          throw new TypeError("callback not provided");
        }
        return new Promise(function(resolve, reject) {
          isexe(path7, options || {}, function(er, is) {
            if (er) {
              reject(er);
            } else {
              resolve(is);
            }
          });
        });
      }
      core(path7, options || {}, function(er, is) {
        if (er) {
          if (er.code === "EACCES" || options && options.ignoreErrors) {
            er = null;
            is = false;
          }
        }
        cb(er, is);
      });
    }
    function sync(path7, options) {
      try {
        return core.sync(path7, options || {});
      } catch (er) {
        if (options && options.ignoreErrors || er.code === "EACCES") {
          return false;
        } else {
          throw er;
        }
      }
    }
  }
});

// node_modules/which/which.js
var require_which = __commonJS({
  "node_modules/which/which.js"(exports, module) {
    var isWindows = process.platform === "win32" || process.env.OSTYPE === "cygwin" || process.env.OSTYPE === "msys";
    var path7 = __require("path");
    var COLON = isWindows ? ";" : ":";
    var isexe = require_isexe();
    var getNotFoundError = (cmd) => Object.assign(new Error(`not found: ${cmd}`), { code: "ENOENT" });
    var getPathInfo = (cmd, opt) => {
      const colon = opt.colon || COLON;
      const pathEnv = cmd.match(/\//) || isWindows && cmd.match(/\\/) ? [""] : [
        // windows always checks the cwd first
        ...isWindows ? [process.cwd()] : [],
        ...(opt.path || process.env.PATH || /* istanbul ignore next: very unusual */
        "").split(colon)
      ];
      const pathExtExe = isWindows ? opt.pathExt || process.env.PATHEXT || ".EXE;.CMD;.BAT;.COM" : "";
      const pathExt = isWindows ? pathExtExe.split(colon) : [""];
      if (isWindows) {
        if (cmd.indexOf(".") !== -1 && pathExt[0] !== "")
          pathExt.unshift("");
      }
      return {
        pathEnv,
        pathExt,
        pathExtExe
      };
    };
    var which3 = (cmd, opt, cb) => {
      if (typeof opt === "function") {
        cb = opt;
        opt = {};
      }
      if (!opt)
        opt = {};
      const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt);
      const found2 = [];
      const step = (i2) => new Promise((resolve, reject) => {
        if (i2 === pathEnv.length)
          return opt.all && found2.length ? resolve(found2) : reject(getNotFoundError(cmd));
        const ppRaw = pathEnv[i2];
        const pathPart = /^".*"$/.test(ppRaw) ? ppRaw.slice(1, -1) : ppRaw;
        const pCmd = path7.join(pathPart, cmd);
        const p = !pathPart && /^\.[\\\/]/.test(cmd) ? cmd.slice(0, 2) + pCmd : pCmd;
        resolve(subStep(p, i2, 0));
      });
      const subStep = (p, i2, ii) => new Promise((resolve, reject) => {
        if (ii === pathExt.length)
          return resolve(step(i2 + 1));
        const ext = pathExt[ii];
        isexe(p + ext, { pathExt: pathExtExe }, (er, is) => {
          if (!er && is) {
            if (opt.all)
              found2.push(p + ext);
            else
              return resolve(p + ext);
          }
          return resolve(subStep(p, i2, ii + 1));
        });
      });
      return cb ? step(0).then((res) => cb(null, res), cb) : step(0);
    };
    var whichSync = (cmd, opt) => {
      opt = opt || {};
      const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt);
      const found2 = [];
      for (let i2 = 0; i2 < pathEnv.length; i2++) {
        const ppRaw = pathEnv[i2];
        const pathPart = /^".*"$/.test(ppRaw) ? ppRaw.slice(1, -1) : ppRaw;
        const pCmd = path7.join(pathPart, cmd);
        const p = !pathPart && /^\.[\\\/]/.test(cmd) ? cmd.slice(0, 2) + pCmd : pCmd;
        for (let j = 0; j < pathExt.length; j++) {
          const cur = p + pathExt[j];
          try {
            const is = isexe.sync(cur, { pathExt: pathExtExe });
            if (is) {
              if (opt.all)
                found2.push(cur);
              else
                return cur;
            }
          } catch (ex) {
          }
        }
      }
      if (opt.all && found2.length)
        return found2;
      if (opt.nothrow)
        return null;
      throw getNotFoundError(cmd);
    };
    module.exports = which3;
    which3.sync = whichSync;
  }
});

// node_modules/path-key/index.js
var require_path_key = __commonJS({
  "node_modules/path-key/index.js"(exports, module) {
    "use strict";
    var pathKey2 = (options = {}) => {
      const environment = options.env || process.env;
      const platform2 = options.platform || process.platform;
      if (platform2 !== "win32") {
        return "PATH";
      }
      return Object.keys(environment).reverse().find((key) => key.toUpperCase() === "PATH") || "Path";
    };
    module.exports = pathKey2;
    module.exports.default = pathKey2;
  }
});

// node_modules/cross-spawn/lib/util/resolveCommand.js
var require_resolveCommand = __commonJS({
  "node_modules/cross-spawn/lib/util/resolveCommand.js"(exports, module) {
    "use strict";
    var path7 = __require("path");
    var which3 = require_which();
    var getPathKey = require_path_key();
    function resolveCommandAttempt(parsed, withoutPathExt) {
      const env = parsed.options.env || process.env;
      const cwd = process.cwd();
      const hasCustomCwd = parsed.options.cwd != null;
      const shouldSwitchCwd = hasCustomCwd && process.chdir !== void 0 && !process.chdir.disabled;
      if (shouldSwitchCwd) {
        try {
          process.chdir(parsed.options.cwd);
        } catch (err) {
        }
      }
      let resolved;
      try {
        resolved = which3.sync(parsed.command, {
          path: env[getPathKey({ env })],
          pathExt: withoutPathExt ? path7.delimiter : void 0
        });
      } catch (e) {
      } finally {
        if (shouldSwitchCwd) {
          process.chdir(cwd);
        }
      }
      if (resolved) {
        resolved = path7.resolve(hasCustomCwd ? parsed.options.cwd : "", resolved);
      }
      return resolved;
    }
    function resolveCommand(parsed) {
      return resolveCommandAttempt(parsed) || resolveCommandAttempt(parsed, true);
    }
    module.exports = resolveCommand;
  }
});

// node_modules/cross-spawn/lib/util/escape.js
var require_escape = __commonJS({
  "node_modules/cross-spawn/lib/util/escape.js"(exports, module) {
    "use strict";
    var metaCharsRegExp = /([()\][%!^"`<>&|;, *?])/g;
    function escapeCommand(arg) {
      arg = arg.replace(metaCharsRegExp, "^$1");
      return arg;
    }
    function escapeArgument(arg, doubleEscapeMetaChars) {
      arg = `${arg}`;
      arg = arg.replace(/(?=(\\+?)?)\1"/g, '$1$1\\"');
      arg = arg.replace(/(?=(\\+?)?)\1$/, "$1$1");
      arg = `"${arg}"`;
      arg = arg.replace(metaCharsRegExp, "^$1");
      if (doubleEscapeMetaChars) {
        arg = arg.replace(metaCharsRegExp, "^$1");
      }
      return arg;
    }
    module.exports.command = escapeCommand;
    module.exports.argument = escapeArgument;
  }
});

// node_modules/shebang-regex/index.js
var require_shebang_regex = __commonJS({
  "node_modules/shebang-regex/index.js"(exports, module) {
    "use strict";
    module.exports = /^#!(.*)/;
  }
});

// node_modules/shebang-command/index.js
var require_shebang_command = __commonJS({
  "node_modules/shebang-command/index.js"(exports, module) {
    "use strict";
    var shebangRegex = require_shebang_regex();
    module.exports = (string = "") => {
      const match = string.match(shebangRegex);
      if (!match) {
        return null;
      }
      const [path7, argument] = match[0].replace(/#! ?/, "").split(" ");
      const binary = path7.split("/").pop();
      if (binary === "env") {
        return argument;
      }
      return argument ? `${binary} ${argument}` : binary;
    };
  }
});

// node_modules/cross-spawn/lib/util/readShebang.js
var require_readShebang = __commonJS({
  "node_modules/cross-spawn/lib/util/readShebang.js"(exports, module) {
    "use strict";
    var fs2 = __require("fs");
    var shebangCommand = require_shebang_command();
    function readShebang(command) {
      const size = 150;
      const buffer = Buffer.alloc(size);
      let fd;
      try {
        fd = fs2.openSync(command, "r");
        fs2.readSync(fd, buffer, 0, size, 0);
        fs2.closeSync(fd);
      } catch (e) {
      }
      return shebangCommand(buffer.toString());
    }
    module.exports = readShebang;
  }
});

// node_modules/cross-spawn/lib/parse.js
var require_parse = __commonJS({
  "node_modules/cross-spawn/lib/parse.js"(exports, module) {
    "use strict";
    var path7 = __require("path");
    var resolveCommand = require_resolveCommand();
    var escape = require_escape();
    var readShebang = require_readShebang();
    var isWin = process.platform === "win32";
    var isExecutableRegExp = /\.(?:com|exe)$/i;
    var isCmdShimRegExp = /node_modules[\\/].bin[\\/][^\\/]+\.cmd$/i;
    function detectShebang(parsed) {
      parsed.file = resolveCommand(parsed);
      const shebang = parsed.file && readShebang(parsed.file);
      if (shebang) {
        parsed.args.unshift(parsed.file);
        parsed.command = shebang;
        return resolveCommand(parsed);
      }
      return parsed.file;
    }
    function parseNonShell(parsed) {
      if (!isWin) {
        return parsed;
      }
      const commandFile = detectShebang(parsed);
      const needsShell = !isExecutableRegExp.test(commandFile);
      if (parsed.options.forceShell || needsShell) {
        const needsDoubleEscapeMetaChars = isCmdShimRegExp.test(commandFile);
        parsed.command = path7.normalize(parsed.command);
        parsed.command = escape.command(parsed.command);
        parsed.args = parsed.args.map((arg) => escape.argument(arg, needsDoubleEscapeMetaChars));
        const shellCommand = [parsed.command].concat(parsed.args).join(" ");
        parsed.args = ["/d", "/s", "/c", `"${shellCommand}"`];
        parsed.command = process.env.comspec || "cmd.exe";
        parsed.options.windowsVerbatimArguments = true;
      }
      return parsed;
    }
    function parse(command, args, options) {
      if (args && !Array.isArray(args)) {
        options = args;
        args = null;
      }
      args = args ? args.slice(0) : [];
      options = Object.assign({}, options);
      const parsed = {
        command,
        args,
        options,
        file: void 0,
        original: {
          command,
          args
        }
      };
      return options.shell ? parsed : parseNonShell(parsed);
    }
    module.exports = parse;
  }
});

// node_modules/cross-spawn/lib/enoent.js
var require_enoent = __commonJS({
  "node_modules/cross-spawn/lib/enoent.js"(exports, module) {
    "use strict";
    var isWin = process.platform === "win32";
    function notFoundError(original, syscall) {
      return Object.assign(new Error(`${syscall} ${original.command} ENOENT`), {
        code: "ENOENT",
        errno: "ENOENT",
        syscall: `${syscall} ${original.command}`,
        path: original.command,
        spawnargs: original.args
      });
    }
    function hookChildProcess(cp2, parsed) {
      if (!isWin) {
        return;
      }
      const originalEmit = cp2.emit;
      cp2.emit = function(name, arg1) {
        if (name === "exit") {
          const err = verifyENOENT(arg1, parsed);
          if (err) {
            return originalEmit.call(cp2, "error", err);
          }
        }
        return originalEmit.apply(cp2, arguments);
      };
    }
    function verifyENOENT(status, parsed) {
      if (isWin && status === 1 && !parsed.file) {
        return notFoundError(parsed.original, "spawn");
      }
      return null;
    }
    function verifyENOENTSync(status, parsed) {
      if (isWin && status === 1 && !parsed.file) {
        return notFoundError(parsed.original, "spawnSync");
      }
      return null;
    }
    module.exports = {
      hookChildProcess,
      verifyENOENT,
      verifyENOENTSync,
      notFoundError
    };
  }
});

// node_modules/cross-spawn/index.js
var require_cross_spawn = __commonJS({
  "node_modules/cross-spawn/index.js"(exports, module) {
    "use strict";
    var cp2 = __require("child_process");
    var parse = require_parse();
    var enoent = require_enoent();
    function spawn2(command, args, options) {
      const parsed = parse(command, args, options);
      const spawned = cp2.spawn(parsed.command, parsed.args, parsed.options);
      enoent.hookChildProcess(spawned, parsed);
      return spawned;
    }
    function spawnSync2(command, args, options) {
      const parsed = parse(command, args, options);
      const result2 = cp2.spawnSync(parsed.command, parsed.args, parsed.options);
      result2.error = result2.error || enoent.verifyENOENTSync(result2.status, parsed);
      return result2;
    }
    module.exports = spawn2;
    module.exports.spawn = spawn2;
    module.exports.sync = spawnSync2;
    module.exports._parse = parse;
    module.exports._enoent = enoent;
  }
});

// src/install/errors.ts
var InstallError = class extends Error {
  name = "InstallError";
  code;
  constructor(code, message, options) {
    super(message, options);
    this.code = code;
  }
};

// package.json
var package_default = {
  name: "blender-harness",
  version: "0.1.0",
  description: "Install Blender, run it headless with a TCP test server inside, run an add-on's tests through it, report them, and prove nothing is left running.",
  type: "module",
  license: "MIT",
  bin: {
    "blender-harness": "dist/cli.js"
  },
  files: [
    "dist",
    "blender",
    "action.yml"
  ],
  engines: {
    node: ">=20"
  },
  scripts: {
    build: "node scripts/build.mjs",
    "check:dist": "node scripts/build.mjs --check",
    typecheck: "tsc --noEmit",
    lint: "eslint .",
    "lint:py": "flake8 blender bench",
    format: "prettier --write .",
    "format:check": "prettier --check .",
    test: "tsc --noEmit && node scripts/build.mjs --check && eslint . && prettier --check . && flake8 blender bench && vitest run",
    bench: "node --import tsx bench/index.ts",
    start: "node dist/cli.js",
    "blender:roots": "bash scripts/blender-roots.sh"
  },
  devDependencies: {
    "@actions/cache": "^6.3.0",
    "@actions/core": "^3.0.1",
    "@actions/tool-cache": "^4.0.0",
    "@eslint/js": "^10.0.1",
    "@types/node": "^22.20.5",
    esbuild: "^0.28.2",
    eslint: "^10.16.0",
    execa: "~9.6.0",
    "fast-xml-parser": "^5.12.1",
    globals: "^17.14.0",
    prettier: "^3.10.1",
    "tap-parser": "^18.3.4",
    tsx: "^4.23.15",
    typescript: "~5.9",
    "typescript-eslint": "^8.74.0",
    undici: "^6.29.1",
    vitest: "^4.1.12",
    yaml: "^2.9.1"
  }
};

// src/version.ts
var VERSION = package_default.version;

// src/install/executable.ts
import { readdir, stat } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/executables/runnable.ts
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
var ON_WINDOWS = process.platform === "win32";
function isRunnableFile(p, needsExecBit = true) {
  try {
    if (!statSync(p).isFile()) return false;
    if (needsExecBit) accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
function which(name, env = process.env, windows = ON_WINDOWS) {
  const path7 = env.PATH ?? env.Path ?? "";
  const exts = windows && !/\.[a-z0-9]+$/i.test(name) ? (env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM").split(";").filter(Boolean) : [""];
  for (const dir of path7.split(windows ? ";" : delimiter)) {
    if (!dir) continue;
    const folder = windows ? dir.replace(/^"|"$/g, "") : dir;
    const found2 = exts.map((ext) => join(folder, name + ext.toLowerCase())).find((c3) => isRunnableFile(c3, !windows));
    if (found2) return found2;
  }
  return void 0;
}

// node_modules/is-plain-obj/index.js
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return (prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null) && !(Symbol.toStringTag in value) && !(Symbol.iterator in value);
}

// node_modules/execa/lib/arguments/file-url.js
import { fileURLToPath } from "node:url";
var safeNormalizeFileUrl = (file, name) => {
  const fileString = normalizeFileUrl(normalizeDenoExecPath(file));
  if (typeof fileString !== "string") {
    throw new TypeError(`${name} must be a string or a file URL: ${fileString}.`);
  }
  return fileString;
};
var normalizeDenoExecPath = (file) => isDenoExecPath(file) ? file.toString() : file;
var isDenoExecPath = (file) => typeof file !== "string" && file && Object.getPrototypeOf(file) === String.prototype;
var normalizeFileUrl = (file) => file instanceof URL ? fileURLToPath(file) : file;

// node_modules/execa/lib/methods/parameters.js
var normalizeParameters = (rawFile, rawArguments = [], rawOptions = {}) => {
  const filePath = safeNormalizeFileUrl(rawFile, "First argument");
  const [commandArguments, options] = isPlainObject(rawArguments) ? [[], rawArguments] : [rawArguments, rawOptions];
  if (!Array.isArray(commandArguments)) {
    throw new TypeError(`Second argument must be either an array of arguments or an options object: ${commandArguments}`);
  }
  if (commandArguments.some((commandArgument) => typeof commandArgument === "object" && commandArgument !== null)) {
    throw new TypeError(`Second argument must be an array of strings: ${commandArguments}`);
  }
  const normalizedArguments = commandArguments.map(String);
  const nullByteArgument = normalizedArguments.find((normalizedArgument) => normalizedArgument.includes("\0"));
  if (nullByteArgument !== void 0) {
    throw new TypeError(`Arguments cannot contain null bytes ("\\0"): ${nullByteArgument}`);
  }
  if (!isPlainObject(options)) {
    throw new TypeError(`Last argument must be an options object: ${options}`);
  }
  return [filePath, normalizedArguments, options];
};

// node_modules/execa/lib/methods/template.js
import { ChildProcess } from "node:child_process";

// node_modules/execa/lib/utils/uint-array.js
import { StringDecoder } from "node:string_decoder";
var { toString: objectToString } = Object.prototype;
var isArrayBuffer = (value) => objectToString.call(value) === "[object ArrayBuffer]";
var isUint8Array = (value) => objectToString.call(value) === "[object Uint8Array]";
var bufferToUint8Array = (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
var textEncoder = new TextEncoder();
var stringToUint8Array = (string) => textEncoder.encode(string);
var textDecoder = new TextDecoder();
var uint8ArrayToString = (uint8Array) => textDecoder.decode(uint8Array);
var joinToString = (uint8ArraysOrStrings, encoding) => {
  const strings = uint8ArraysToStrings(uint8ArraysOrStrings, encoding);
  return strings.join("");
};
var uint8ArraysToStrings = (uint8ArraysOrStrings, encoding) => {
  if (encoding === "utf8" && uint8ArraysOrStrings.every((uint8ArrayOrString) => typeof uint8ArrayOrString === "string")) {
    return uint8ArraysOrStrings;
  }
  const decoder = new StringDecoder(encoding);
  const strings = uint8ArraysOrStrings.map((uint8ArrayOrString) => typeof uint8ArrayOrString === "string" ? stringToUint8Array(uint8ArrayOrString) : uint8ArrayOrString).map((uint8Array) => decoder.write(uint8Array));
  const finalString = decoder.end();
  return finalString === "" ? strings : [...strings, finalString];
};
var joinToUint8Array = (uint8ArraysOrStrings) => {
  if (uint8ArraysOrStrings.length === 1 && isUint8Array(uint8ArraysOrStrings[0])) {
    return uint8ArraysOrStrings[0];
  }
  return concatUint8Arrays(stringsToUint8Arrays(uint8ArraysOrStrings));
};
var stringsToUint8Arrays = (uint8ArraysOrStrings) => uint8ArraysOrStrings.map((uint8ArrayOrString) => typeof uint8ArrayOrString === "string" ? stringToUint8Array(uint8ArrayOrString) : uint8ArrayOrString);
var concatUint8Arrays = (uint8Arrays) => {
  const result2 = new Uint8Array(getJoinLength(uint8Arrays));
  let index = 0;
  for (const uint8Array of uint8Arrays) {
    result2.set(uint8Array, index);
    index += uint8Array.length;
  }
  return result2;
};
var getJoinLength = (uint8Arrays) => {
  let joinLength = 0;
  for (const uint8Array of uint8Arrays) {
    joinLength += uint8Array.length;
  }
  return joinLength;
};

// node_modules/execa/lib/methods/template.js
var isTemplateString = (templates) => Array.isArray(templates) && Array.isArray(templates.raw);
var parseTemplates = (templates, expressions) => {
  let tokens = [];
  for (const [index, template] of templates.entries()) {
    tokens = parseTemplate({
      templates,
      expressions,
      tokens,
      index,
      template
    });
  }
  if (tokens.length === 0) {
    throw new TypeError("Template script must not be empty");
  }
  const [file, ...commandArguments] = tokens;
  return [file, commandArguments, {}];
};
var parseTemplate = ({ templates, expressions, tokens, index, template }) => {
  if (template === void 0) {
    throw new TypeError(`Invalid backslash sequence: ${templates.raw[index]}`);
  }
  const { nextTokens, leadingWhitespaces, trailingWhitespaces } = splitByWhitespaces(template, templates.raw[index]);
  const newTokens = concatTokens(tokens, nextTokens, leadingWhitespaces);
  if (index === expressions.length) {
    return newTokens;
  }
  const expression = expressions[index];
  const expressionTokens = Array.isArray(expression) ? expression.map((expression2) => parseExpression(expression2)) : [parseExpression(expression)];
  return concatTokens(newTokens, expressionTokens, trailingWhitespaces);
};
var splitByWhitespaces = (template, rawTemplate) => {
  if (rawTemplate.length === 0) {
    return { nextTokens: [], leadingWhitespaces: false, trailingWhitespaces: false };
  }
  const nextTokens = [];
  let templateStart = 0;
  const leadingWhitespaces = DELIMITERS.has(rawTemplate[0]);
  for (let templateIndex = 0, rawIndex = 0; templateIndex < template.length; templateIndex += 1, rawIndex += 1) {
    const rawCharacter = rawTemplate[rawIndex];
    if (DELIMITERS.has(rawCharacter)) {
      if (templateStart !== templateIndex) {
        nextTokens.push(template.slice(templateStart, templateIndex));
      }
      templateStart = templateIndex + 1;
    } else if (rawCharacter === "\\") {
      const nextRawCharacter = rawTemplate[rawIndex + 1];
      if (nextRawCharacter === "\n") {
        templateIndex -= 1;
        rawIndex += 1;
      } else if (nextRawCharacter === "u" && rawTemplate[rawIndex + 2] === "{") {
        rawIndex = rawTemplate.indexOf("}", rawIndex + 3);
      } else {
        rawIndex += ESCAPE_LENGTH[nextRawCharacter] ?? 1;
      }
    }
  }
  const trailingWhitespaces = templateStart === template.length;
  if (!trailingWhitespaces) {
    nextTokens.push(template.slice(templateStart));
  }
  return { nextTokens, leadingWhitespaces, trailingWhitespaces };
};
var DELIMITERS = /* @__PURE__ */ new Set([" ", "	", "\r", "\n"]);
var ESCAPE_LENGTH = { x: 3, u: 5 };
var concatTokens = (tokens, nextTokens, isSeparated) => isSeparated || tokens.length === 0 || nextTokens.length === 0 ? [...tokens, ...nextTokens] : [
  ...tokens.slice(0, -1),
  `${tokens.at(-1)}${nextTokens[0]}`,
  ...nextTokens.slice(1)
];
var parseExpression = (expression) => {
  const typeOfExpression = typeof expression;
  if (typeOfExpression === "string") {
    return expression;
  }
  if (typeOfExpression === "number") {
    return String(expression);
  }
  if (isPlainObject(expression) && ("stdout" in expression || "isMaxBuffer" in expression)) {
    return getSubprocessResult(expression);
  }
  if (expression instanceof ChildProcess || Object.prototype.toString.call(expression) === "[object Promise]") {
    throw new TypeError("Unexpected subprocess in template expression. Please use ${await subprocess} instead of ${subprocess}.");
  }
  throw new TypeError(`Unexpected "${typeOfExpression}" in template expression`);
};
var getSubprocessResult = ({ stdout }) => {
  if (typeof stdout === "string") {
    return stdout;
  }
  if (isUint8Array(stdout)) {
    return uint8ArrayToString(stdout);
  }
  if (stdout === void 0) {
    throw new TypeError(`Missing result.stdout in template expression. This is probably due to the previous subprocess' "stdout" option.`);
  }
  throw new TypeError(`Unexpected "${typeof stdout}" stdout in template expression`);
};

// node_modules/execa/lib/methods/main-sync.js
import { spawnSync } from "node:child_process";

// node_modules/execa/lib/arguments/specific.js
import { debuglog } from "node:util";

// node_modules/execa/lib/utils/standard-stream.js
import process2 from "node:process";
var isStandardStream = (stream) => STANDARD_STREAMS.includes(stream);
var STANDARD_STREAMS = [process2.stdin, process2.stdout, process2.stderr];
var STANDARD_STREAMS_ALIASES = ["stdin", "stdout", "stderr"];
var getStreamName = (fdNumber) => STANDARD_STREAMS_ALIASES[fdNumber] ?? `stdio[${fdNumber}]`;

// node_modules/execa/lib/arguments/specific.js
var normalizeFdSpecificOptions = (options) => {
  const optionsCopy = { ...options };
  for (const optionName of FD_SPECIFIC_OPTIONS) {
    optionsCopy[optionName] = normalizeFdSpecificOption(options, optionName);
  }
  return optionsCopy;
};
var normalizeFdSpecificOption = (options, optionName) => {
  const optionBaseArray = Array.from({ length: getStdioLength(options) + 1 });
  const optionArray = normalizeFdSpecificValue(options[optionName], optionBaseArray, optionName);
  return addDefaultValue(optionArray, optionName);
};
var getStdioLength = ({ stdio }) => Array.isArray(stdio) ? Math.max(stdio.length, STANDARD_STREAMS_ALIASES.length) : STANDARD_STREAMS_ALIASES.length;
var normalizeFdSpecificValue = (optionValue, optionArray, optionName) => isPlainObject(optionValue) ? normalizeOptionObject(optionValue, optionArray, optionName) : optionArray.fill(optionValue);
var normalizeOptionObject = (optionValue, optionArray, optionName) => {
  for (const fdName of Object.keys(optionValue).sort(compareFdName)) {
    for (const fdNumber of parseFdName(fdName, optionName, optionArray)) {
      optionArray[fdNumber] = optionValue[fdName];
    }
  }
  return optionArray;
};
var compareFdName = (fdNameA, fdNameB) => getFdNameOrder(fdNameA) < getFdNameOrder(fdNameB) ? 1 : -1;
var getFdNameOrder = (fdName) => {
  if (fdName === "stdout" || fdName === "stderr") {
    return 0;
  }
  return fdName === "all" ? 2 : 1;
};
var parseFdName = (fdName, optionName, optionArray) => {
  if (fdName === "ipc") {
    return [optionArray.length - 1];
  }
  const fdNumber = parseFd(fdName);
  if (fdNumber === void 0 || fdNumber === 0) {
    throw new TypeError(`"${optionName}.${fdName}" is invalid.
It must be "${optionName}.stdout", "${optionName}.stderr", "${optionName}.all", "${optionName}.ipc", or "${optionName}.fd3", "${optionName}.fd4" (and so on).`);
  }
  if (fdNumber >= optionArray.length) {
    throw new TypeError(`"${optionName}.${fdName}" is invalid: that file descriptor does not exist.
Please set the "stdio" option to ensure that file descriptor exists.`);
  }
  return fdNumber === "all" ? [1, 2] : [fdNumber];
};
var parseFd = (fdName) => {
  if (fdName === "all") {
    return fdName;
  }
  if (STANDARD_STREAMS_ALIASES.includes(fdName)) {
    return STANDARD_STREAMS_ALIASES.indexOf(fdName);
  }
  const regexpResult = FD_REGEXP.exec(fdName);
  if (regexpResult !== null) {
    return Number(regexpResult[1]);
  }
};
var FD_REGEXP = /^fd(\d+)$/;
var addDefaultValue = (optionArray, optionName) => optionArray.map((optionValue) => optionValue === void 0 ? DEFAULT_OPTIONS[optionName] : optionValue);
var verboseDefault = debuglog("execa").enabled ? "full" : "none";
var DEFAULT_OPTIONS = {
  lines: false,
  buffer: true,
  maxBuffer: 1e3 * 1e3 * 100,
  verbose: verboseDefault,
  stripFinalNewline: true
};
var FD_SPECIFIC_OPTIONS = ["lines", "buffer", "maxBuffer", "verbose", "stripFinalNewline"];
var getFdSpecificValue = (optionArray, fdNumber) => fdNumber === "ipc" ? optionArray.at(-1) : optionArray[fdNumber];

// node_modules/execa/lib/verbose/values.js
var isVerbose = ({ verbose }, fdNumber) => getFdVerbose(verbose, fdNumber) !== "none";
var isFullVerbose = ({ verbose }, fdNumber) => !["none", "short"].includes(getFdVerbose(verbose, fdNumber));
var getVerboseFunction = ({ verbose }, fdNumber) => {
  const fdVerbose = getFdVerbose(verbose, fdNumber);
  return isVerboseFunction(fdVerbose) ? fdVerbose : void 0;
};
var getFdVerbose = (verbose, fdNumber) => fdNumber === void 0 ? getFdGenericVerbose(verbose) : getFdSpecificValue(verbose, fdNumber);
var getFdGenericVerbose = (verbose) => verbose.find((fdVerbose) => isVerboseFunction(fdVerbose)) ?? VERBOSE_VALUES.findLast((fdVerbose) => verbose.includes(fdVerbose));
var isVerboseFunction = (fdVerbose) => typeof fdVerbose === "function";
var VERBOSE_VALUES = ["none", "short", "full"];

// node_modules/execa/lib/verbose/log.js
import { inspect } from "node:util";

// node_modules/execa/lib/arguments/escape.js
import { platform } from "node:process";
import { stripVTControlCharacters } from "node:util";
var joinCommand = (filePath, rawArguments) => {
  const fileAndArguments = [filePath, ...rawArguments];
  const command = fileAndArguments.join(" ");
  const escapedCommand = fileAndArguments.map((fileAndArgument) => quoteString(escapeControlCharacters(fileAndArgument))).join(" ");
  return { command, escapedCommand };
};
var escapeLines = (lines) => stripVTControlCharacters(lines).split("\n").map((line) => escapeControlCharacters(line)).join("\n");
var escapeControlCharacters = (line) => line.replaceAll(SPECIAL_CHAR_REGEXP, (character) => escapeControlCharacter(character));
var escapeControlCharacter = (character) => {
  const commonEscape = COMMON_ESCAPES[character];
  if (commonEscape !== void 0) {
    return commonEscape;
  }
  const codepoint = character.codePointAt(0);
  const codepointHex = codepoint.toString(16);
  return codepoint <= ASTRAL_START ? `\\u${codepointHex.padStart(4, "0")}` : `\\U${codepointHex}`;
};
var getSpecialCharRegExp = () => {
  try {
    return new RegExp("\\p{Separator}|\\p{Other}", "gu");
  } catch {
    return /[\s\u0000-\u001F\u007F-\u009F\u00AD]/g;
  }
};
var SPECIAL_CHAR_REGEXP = getSpecialCharRegExp();
var COMMON_ESCAPES = {
  " ": " ",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "	": "\\t"
};
var ASTRAL_START = 65535;
var quoteString = (escapedArgument) => {
  if (NO_ESCAPE_REGEXP.test(escapedArgument)) {
    return escapedArgument;
  }
  return platform === "win32" ? `"${escapedArgument.replaceAll('"', '""')}"` : `'${escapedArgument.replaceAll("'", "'\\''")}'`;
};
var NO_ESCAPE_REGEXP = /^[\w./-]+$/;

// node_modules/is-unicode-supported/index.js
import process3 from "node:process";
function isUnicodeSupported() {
  const { env } = process3;
  const { TERM, TERM_PROGRAM } = env;
  if (process3.platform !== "win32") {
    return TERM !== "linux";
  }
  return Boolean(env.WT_SESSION) || Boolean(env.TERMINUS_SUBLIME) || env.ConEmuTask === "{cmd::Cmder}" || TERM_PROGRAM === "Terminus-Sublime" || TERM_PROGRAM === "vscode" || TERM === "xterm-256color" || TERM === "alacritty" || TERM === "rxvt-unicode" || TERM === "rxvt-unicode-256color" || env.TERMINAL_EMULATOR === "JetBrains-JediTerm";
}

// node_modules/figures/index.js
var common = {
  circleQuestionMark: "(?)",
  questionMarkPrefix: "(?)",
  square: "\u2588",
  squareDarkShade: "\u2593",
  squareMediumShade: "\u2592",
  squareLightShade: "\u2591",
  squareTop: "\u2580",
  squareBottom: "\u2584",
  squareLeft: "\u258C",
  squareRight: "\u2590",
  squareCenter: "\u25A0",
  bullet: "\u25CF",
  dot: "\u2024",
  ellipsis: "\u2026",
  pointerSmall: "\u203A",
  triangleUp: "\u25B2",
  triangleUpSmall: "\u25B4",
  triangleDown: "\u25BC",
  triangleDownSmall: "\u25BE",
  triangleLeftSmall: "\u25C2",
  triangleRightSmall: "\u25B8",
  home: "\u2302",
  heart: "\u2665",
  musicNote: "\u266A",
  musicNoteBeamed: "\u266B",
  arrowUp: "\u2191",
  arrowDown: "\u2193",
  arrowLeft: "\u2190",
  arrowRight: "\u2192",
  arrowLeftRight: "\u2194",
  arrowUpDown: "\u2195",
  almostEqual: "\u2248",
  notEqual: "\u2260",
  lessOrEqual: "\u2264",
  greaterOrEqual: "\u2265",
  identical: "\u2261",
  infinity: "\u221E",
  subscriptZero: "\u2080",
  subscriptOne: "\u2081",
  subscriptTwo: "\u2082",
  subscriptThree: "\u2083",
  subscriptFour: "\u2084",
  subscriptFive: "\u2085",
  subscriptSix: "\u2086",
  subscriptSeven: "\u2087",
  subscriptEight: "\u2088",
  subscriptNine: "\u2089",
  oneHalf: "\xBD",
  oneThird: "\u2153",
  oneQuarter: "\xBC",
  oneFifth: "\u2155",
  oneSixth: "\u2159",
  oneEighth: "\u215B",
  twoThirds: "\u2154",
  twoFifths: "\u2156",
  threeQuarters: "\xBE",
  threeFifths: "\u2157",
  threeEighths: "\u215C",
  fourFifths: "\u2158",
  fiveSixths: "\u215A",
  fiveEighths: "\u215D",
  sevenEighths: "\u215E",
  line: "\u2500",
  lineBold: "\u2501",
  lineDouble: "\u2550",
  lineDashed0: "\u2504",
  lineDashed1: "\u2505",
  lineDashed2: "\u2508",
  lineDashed3: "\u2509",
  lineDashed4: "\u254C",
  lineDashed5: "\u254D",
  lineDashed6: "\u2574",
  lineDashed7: "\u2576",
  lineDashed8: "\u2578",
  lineDashed9: "\u257A",
  lineDashed10: "\u257C",
  lineDashed11: "\u257E",
  lineDashed12: "\u2212",
  lineDashed13: "\u2013",
  lineDashed14: "\u2010",
  lineDashed15: "\u2043",
  lineVertical: "\u2502",
  lineVerticalBold: "\u2503",
  lineVerticalDouble: "\u2551",
  lineVerticalDashed0: "\u2506",
  lineVerticalDashed1: "\u2507",
  lineVerticalDashed2: "\u250A",
  lineVerticalDashed3: "\u250B",
  lineVerticalDashed4: "\u254E",
  lineVerticalDashed5: "\u254F",
  lineVerticalDashed6: "\u2575",
  lineVerticalDashed7: "\u2577",
  lineVerticalDashed8: "\u2579",
  lineVerticalDashed9: "\u257B",
  lineVerticalDashed10: "\u257D",
  lineVerticalDashed11: "\u257F",
  lineDownLeft: "\u2510",
  lineDownLeftArc: "\u256E",
  lineDownBoldLeftBold: "\u2513",
  lineDownBoldLeft: "\u2512",
  lineDownLeftBold: "\u2511",
  lineDownDoubleLeftDouble: "\u2557",
  lineDownDoubleLeft: "\u2556",
  lineDownLeftDouble: "\u2555",
  lineDownRight: "\u250C",
  lineDownRightArc: "\u256D",
  lineDownBoldRightBold: "\u250F",
  lineDownBoldRight: "\u250E",
  lineDownRightBold: "\u250D",
  lineDownDoubleRightDouble: "\u2554",
  lineDownDoubleRight: "\u2553",
  lineDownRightDouble: "\u2552",
  lineUpLeft: "\u2518",
  lineUpLeftArc: "\u256F",
  lineUpBoldLeftBold: "\u251B",
  lineUpBoldLeft: "\u251A",
  lineUpLeftBold: "\u2519",
  lineUpDoubleLeftDouble: "\u255D",
  lineUpDoubleLeft: "\u255C",
  lineUpLeftDouble: "\u255B",
  lineUpRight: "\u2514",
  lineUpRightArc: "\u2570",
  lineUpBoldRightBold: "\u2517",
  lineUpBoldRight: "\u2516",
  lineUpRightBold: "\u2515",
  lineUpDoubleRightDouble: "\u255A",
  lineUpDoubleRight: "\u2559",
  lineUpRightDouble: "\u2558",
  lineUpDownLeft: "\u2524",
  lineUpBoldDownBoldLeftBold: "\u252B",
  lineUpBoldDownBoldLeft: "\u2528",
  lineUpDownLeftBold: "\u2525",
  lineUpBoldDownLeftBold: "\u2529",
  lineUpDownBoldLeftBold: "\u252A",
  lineUpDownBoldLeft: "\u2527",
  lineUpBoldDownLeft: "\u2526",
  lineUpDoubleDownDoubleLeftDouble: "\u2563",
  lineUpDoubleDownDoubleLeft: "\u2562",
  lineUpDownLeftDouble: "\u2561",
  lineUpDownRight: "\u251C",
  lineUpBoldDownBoldRightBold: "\u2523",
  lineUpBoldDownBoldRight: "\u2520",
  lineUpDownRightBold: "\u251D",
  lineUpBoldDownRightBold: "\u2521",
  lineUpDownBoldRightBold: "\u2522",
  lineUpDownBoldRight: "\u251F",
  lineUpBoldDownRight: "\u251E",
  lineUpDoubleDownDoubleRightDouble: "\u2560",
  lineUpDoubleDownDoubleRight: "\u255F",
  lineUpDownRightDouble: "\u255E",
  lineDownLeftRight: "\u252C",
  lineDownBoldLeftBoldRightBold: "\u2533",
  lineDownLeftBoldRightBold: "\u252F",
  lineDownBoldLeftRight: "\u2530",
  lineDownBoldLeftBoldRight: "\u2531",
  lineDownBoldLeftRightBold: "\u2532",
  lineDownLeftRightBold: "\u252E",
  lineDownLeftBoldRight: "\u252D",
  lineDownDoubleLeftDoubleRightDouble: "\u2566",
  lineDownDoubleLeftRight: "\u2565",
  lineDownLeftDoubleRightDouble: "\u2564",
  lineUpLeftRight: "\u2534",
  lineUpBoldLeftBoldRightBold: "\u253B",
  lineUpLeftBoldRightBold: "\u2537",
  lineUpBoldLeftRight: "\u2538",
  lineUpBoldLeftBoldRight: "\u2539",
  lineUpBoldLeftRightBold: "\u253A",
  lineUpLeftRightBold: "\u2536",
  lineUpLeftBoldRight: "\u2535",
  lineUpDoubleLeftDoubleRightDouble: "\u2569",
  lineUpDoubleLeftRight: "\u2568",
  lineUpLeftDoubleRightDouble: "\u2567",
  lineUpDownLeftRight: "\u253C",
  lineUpBoldDownBoldLeftBoldRightBold: "\u254B",
  lineUpDownBoldLeftBoldRightBold: "\u2548",
  lineUpBoldDownLeftBoldRightBold: "\u2547",
  lineUpBoldDownBoldLeftRightBold: "\u254A",
  lineUpBoldDownBoldLeftBoldRight: "\u2549",
  lineUpBoldDownLeftRight: "\u2540",
  lineUpDownBoldLeftRight: "\u2541",
  lineUpDownLeftBoldRight: "\u253D",
  lineUpDownLeftRightBold: "\u253E",
  lineUpBoldDownBoldLeftRight: "\u2542",
  lineUpDownLeftBoldRightBold: "\u253F",
  lineUpBoldDownLeftBoldRight: "\u2543",
  lineUpBoldDownLeftRightBold: "\u2544",
  lineUpDownBoldLeftBoldRight: "\u2545",
  lineUpDownBoldLeftRightBold: "\u2546",
  lineUpDoubleDownDoubleLeftDoubleRightDouble: "\u256C",
  lineUpDoubleDownDoubleLeftRight: "\u256B",
  lineUpDownLeftDoubleRightDouble: "\u256A",
  lineCross: "\u2573",
  lineBackslash: "\u2572",
  lineSlash: "\u2571"
};
var specialMainSymbols = {
  tick: "\u2714",
  info: "\u2139",
  warning: "\u26A0",
  cross: "\u2718",
  squareSmall: "\u25FB",
  squareSmallFilled: "\u25FC",
  circle: "\u25EF",
  circleFilled: "\u25C9",
  circleDotted: "\u25CC",
  circleDouble: "\u25CE",
  circleCircle: "\u24DE",
  circleCross: "\u24E7",
  circlePipe: "\u24BE",
  radioOn: "\u25C9",
  radioOff: "\u25EF",
  checkboxOn: "\u2612",
  checkboxOff: "\u2610",
  checkboxCircleOn: "\u24E7",
  checkboxCircleOff: "\u24BE",
  pointer: "\u276F",
  triangleUpOutline: "\u25B3",
  triangleLeft: "\u25C0",
  triangleRight: "\u25B6",
  lozenge: "\u25C6",
  lozengeOutline: "\u25C7",
  hamburger: "\u2630",
  smiley: "\u32E1",
  mustache: "\u0DF4",
  star: "\u2605",
  play: "\u25B6",
  nodejs: "\u2B22",
  oneSeventh: "\u2150",
  oneNinth: "\u2151",
  oneTenth: "\u2152"
};
var specialFallbackSymbols = {
  tick: "\u221A",
  info: "i",
  warning: "\u203C",
  cross: "\xD7",
  squareSmall: "\u25A1",
  squareSmallFilled: "\u25A0",
  circle: "( )",
  circleFilled: "(*)",
  circleDotted: "( )",
  circleDouble: "( )",
  circleCircle: "(\u25CB)",
  circleCross: "(\xD7)",
  circlePipe: "(\u2502)",
  radioOn: "(*)",
  radioOff: "( )",
  checkboxOn: "[\xD7]",
  checkboxOff: "[ ]",
  checkboxCircleOn: "(\xD7)",
  checkboxCircleOff: "( )",
  pointer: ">",
  triangleUpOutline: "\u2206",
  triangleLeft: "\u25C4",
  triangleRight: "\u25BA",
  lozenge: "\u2666",
  lozengeOutline: "\u25CA",
  hamburger: "\u2261",
  smiley: "\u263A",
  mustache: "\u250C\u2500\u2510",
  star: "\u2736",
  play: "\u25BA",
  nodejs: "\u2666",
  oneSeventh: "1/7",
  oneNinth: "1/9",
  oneTenth: "1/10"
};
var mainSymbols = { ...common, ...specialMainSymbols };
var fallbackSymbols = { ...common, ...specialFallbackSymbols };
var shouldUseMain = isUnicodeSupported();
var figures = shouldUseMain ? mainSymbols : fallbackSymbols;
var figures_default = figures;
var replacements = Object.entries(specialMainSymbols);

// node_modules/yoctocolors/base.js
import tty from "node:tty";
var hasColors = tty?.WriteStream?.prototype?.hasColors?.() ?? false;
var format = (open2, close) => {
  if (!hasColors) {
    return (input) => input;
  }
  const openCode = `\x1B[${open2}m`;
  const closeCode = `\x1B[${close}m`;
  return (input) => {
    const string = input + "";
    let index = string.indexOf(closeCode);
    if (index === -1) {
      return openCode + string + closeCode;
    }
    let result2 = openCode;
    let lastIndex = 0;
    const reopenOnNestedClose = close === 22;
    const replaceCode = (reopenOnNestedClose ? closeCode : "") + openCode;
    while (index !== -1) {
      result2 += string.slice(lastIndex, index) + replaceCode;
      lastIndex = index + closeCode.length;
      index = string.indexOf(closeCode, lastIndex);
    }
    result2 += string.slice(lastIndex) + closeCode;
    return result2;
  };
};
var reset = format(0, 0);
var bold = format(1, 22);
var dim = format(2, 22);
var italic = format(3, 23);
var underline = format(4, 24);
var underlineDouble = format("4:2", 24);
var underlineCurly = format("4:3", 24);
var underlineDotted = format("4:4", 24);
var underlineDashed = format("4:5", 24);
var overline = format(53, 55);
var inverse = format(7, 27);
var hidden = format(8, 28);
var strikethrough = format(9, 29);
var black = format(30, 39);
var red = format(31, 39);
var green = format(32, 39);
var yellow = format(33, 39);
var blue = format(34, 39);
var magenta = format(35, 39);
var cyan = format(36, 39);
var white = format(37, 39);
var gray = format(90, 39);
var bgBlack = format(40, 49);
var bgRed = format(41, 49);
var bgGreen = format(42, 49);
var bgYellow = format(43, 49);
var bgBlue = format(44, 49);
var bgMagenta = format(45, 49);
var bgCyan = format(46, 49);
var bgWhite = format(47, 49);
var bgGray = format(100, 49);
var redBright = format(91, 39);
var greenBright = format(92, 39);
var yellowBright = format(93, 39);
var blueBright = format(94, 39);
var magentaBright = format(95, 39);
var cyanBright = format(96, 39);
var whiteBright = format(97, 39);
var bgRedBright = format(101, 49);
var bgGreenBright = format(102, 49);
var bgYellowBright = format(103, 49);
var bgBlueBright = format(104, 49);
var bgMagentaBright = format(105, 49);
var bgCyanBright = format(106, 49);
var bgWhiteBright = format(107, 49);
var underlineBlack = format("58;5;0", 59);
var underlineRed = format("58;5;1", 59);
var underlineGreen = format("58;5;2", 59);
var underlineYellow = format("58;5;3", 59);
var underlineBlue = format("58;5;4", 59);
var underlineMagenta = format("58;5;5", 59);
var underlineCyan = format("58;5;6", 59);
var underlineWhite = format("58;5;7", 59);
var underlineGray = format("58;5;8", 59);
var underlineRedBright = format("58;5;9", 59);
var underlineGreenBright = format("58;5;10", 59);
var underlineYellowBright = format("58;5;11", 59);
var underlineBlueBright = format("58;5;12", 59);
var underlineMagentaBright = format("58;5;13", 59);
var underlineCyanBright = format("58;5;14", 59);
var underlineWhiteBright = format("58;5;15", 59);

// node_modules/execa/lib/verbose/default.js
var defaultVerboseFunction = ({
  type,
  message,
  timestamp,
  piped,
  commandId,
  result: { failed = false } = {},
  options: { reject = true }
}) => {
  const timestampString = serializeTimestamp(timestamp);
  const icon = ICONS[type]({ failed, reject, piped });
  const color = COLORS[type]({ reject });
  return `${gray(`[${timestampString}]`)} ${gray(`[${commandId}]`)} ${color(icon)} ${color(message)}`;
};
var serializeTimestamp = (timestamp) => `${padField(timestamp.getHours(), 2)}:${padField(timestamp.getMinutes(), 2)}:${padField(timestamp.getSeconds(), 2)}.${padField(timestamp.getMilliseconds(), 3)}`;
var padField = (field, padding) => String(field).padStart(padding, "0");
var getFinalIcon = ({ failed, reject }) => {
  if (!failed) {
    return figures_default.tick;
  }
  return reject ? figures_default.cross : figures_default.warning;
};
var ICONS = {
  command: ({ piped }) => piped ? "|" : "$",
  output: () => " ",
  ipc: () => "*",
  error: getFinalIcon,
  duration: getFinalIcon
};
var identity = (string) => string;
var COLORS = {
  command: () => bold,
  output: () => identity,
  ipc: () => identity,
  error: ({ reject }) => reject ? redBright : yellowBright,
  duration: () => gray
};

// node_modules/execa/lib/verbose/custom.js
var applyVerboseOnLines = (printedLines, verboseInfo, fdNumber) => {
  const verboseFunction = getVerboseFunction(verboseInfo, fdNumber);
  return printedLines.map(({ verboseLine, verboseObject }) => applyVerboseFunction(verboseLine, verboseObject, verboseFunction)).filter((printedLine) => printedLine !== void 0).map((printedLine) => appendNewline(printedLine)).join("");
};
var applyVerboseFunction = (verboseLine, verboseObject, verboseFunction) => {
  if (verboseFunction === void 0) {
    return verboseLine;
  }
  const printedLine = verboseFunction(verboseLine, verboseObject);
  if (typeof printedLine === "string") {
    return printedLine;
  }
};
var appendNewline = (printedLine) => printedLine.endsWith("\n") ? printedLine : `${printedLine}
`;

// node_modules/execa/lib/verbose/log.js
var verboseLog = ({ type, verboseMessage, fdNumber, verboseInfo, result: result2 }) => {
  const verboseObject = getVerboseObject({ type, result: result2, verboseInfo });
  const printedLines = getPrintedLines(verboseMessage, verboseObject);
  const finalLines = applyVerboseOnLines(printedLines, verboseInfo, fdNumber);
  if (finalLines !== "") {
    console.warn(finalLines.slice(0, -1));
  }
};
var getVerboseObject = ({
  type,
  result: result2,
  verboseInfo: { escapedCommand, commandId, rawOptions: { piped = false, ...options } }
}) => ({
  type,
  escapedCommand,
  commandId: `${commandId}`,
  timestamp: /* @__PURE__ */ new Date(),
  piped,
  result: result2,
  options
});
var getPrintedLines = (verboseMessage, verboseObject) => verboseMessage.split("\n").map((message) => getPrintedLine({ ...verboseObject, message }));
var getPrintedLine = (verboseObject) => {
  const verboseLine = defaultVerboseFunction(verboseObject);
  return { verboseLine, verboseObject };
};
var serializeVerboseMessage = (message) => {
  const messageString = typeof message === "string" ? message : inspect(message);
  const escapedMessage = escapeLines(messageString);
  return escapedMessage.replaceAll("	", " ".repeat(TAB_SIZE));
};
var TAB_SIZE = 2;

// node_modules/execa/lib/verbose/start.js
var logCommand = (escapedCommand, verboseInfo) => {
  if (!isVerbose(verboseInfo)) {
    return;
  }
  verboseLog({
    type: "command",
    verboseMessage: escapedCommand,
    verboseInfo
  });
};

// node_modules/execa/lib/verbose/info.js
var getVerboseInfo = (verbose, escapedCommand, rawOptions) => {
  validateVerbose(verbose);
  const commandId = getCommandId(verbose);
  return {
    verbose,
    escapedCommand,
    commandId,
    rawOptions
  };
};
var getCommandId = (verbose) => isVerbose({ verbose }) ? COMMAND_ID++ : void 0;
var COMMAND_ID = 0n;
var validateVerbose = (verbose) => {
  for (const fdVerbose of verbose) {
    if (fdVerbose === false) {
      throw new TypeError(`The "verbose: false" option was renamed to "verbose: 'none'".`);
    }
    if (fdVerbose === true) {
      throw new TypeError(`The "verbose: true" option was renamed to "verbose: 'short'".`);
    }
    if (!VERBOSE_VALUES.includes(fdVerbose) && !isVerboseFunction(fdVerbose)) {
      const allowedValues = VERBOSE_VALUES.map((allowedValue) => `'${allowedValue}'`).join(", ");
      throw new TypeError(`The "verbose" option must not be ${fdVerbose}. Allowed values are: ${allowedValues} or a function.`);
    }
  }
};

// node_modules/execa/lib/return/duration.js
import { hrtime } from "node:process";
var getStartTime = () => hrtime.bigint();
var getDurationMs = (startTime) => Number(hrtime.bigint() - startTime) / 1e6;

// node_modules/execa/lib/arguments/command.js
var handleCommand = (filePath, rawArguments, rawOptions) => {
  const startTime = getStartTime();
  const { command, escapedCommand } = joinCommand(filePath, rawArguments);
  const verbose = normalizeFdSpecificOption(rawOptions, "verbose");
  const verboseInfo = getVerboseInfo(verbose, escapedCommand, { ...rawOptions });
  logCommand(escapedCommand, verboseInfo);
  return {
    command,
    escapedCommand,
    startTime,
    verboseInfo
  };
};

// node_modules/execa/lib/arguments/options.js
var import_cross_spawn = __toESM(require_cross_spawn(), 1);
import path5 from "node:path";
import process6 from "node:process";

// node_modules/npm-run-path/index.js
import process4 from "node:process";
import path2 from "node:path";

// node_modules/npm-run-path/node_modules/path-key/index.js
function pathKey(options = {}) {
  const {
    env = process.env,
    platform: platform2 = process.platform
  } = options;
  if (platform2 !== "win32") {
    return "PATH";
  }
  return Object.keys(env).reverse().find((key) => key.toUpperCase() === "PATH") || "Path";
}

// node_modules/unicorn-magic/node.js
import { promisify } from "node:util";
import { execFile as execFileCallback, execFileSync as execFileSyncOriginal } from "node:child_process";
import path from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";
var execFileOriginal = promisify(execFileCallback);
function toPath(urlOrPath) {
  return urlOrPath instanceof URL ? fileURLToPath2(urlOrPath) : urlOrPath;
}
function traversePathUp(startPath) {
  return {
    *[Symbol.iterator]() {
      let currentPath = path.resolve(toPath(startPath));
      let previousPath;
      while (previousPath !== currentPath) {
        yield currentPath;
        previousPath = currentPath;
        currentPath = path.resolve(currentPath, "..");
      }
    }
  };
}
var TEN_MEGABYTES_IN_BYTES = 10 * 1024 * 1024;

// node_modules/npm-run-path/index.js
var npmRunPath = ({
  cwd = process4.cwd(),
  path: pathOption = process4.env[pathKey()],
  preferLocal = true,
  execPath: execPath2 = process4.execPath,
  addExecPath = true
} = {}) => {
  const cwdPath = path2.resolve(toPath(cwd));
  const result2 = [];
  const pathParts = pathOption.split(path2.delimiter);
  if (preferLocal) {
    applyPreferLocal(result2, pathParts, cwdPath);
  }
  if (addExecPath) {
    applyExecPath(result2, pathParts, execPath2, cwdPath);
  }
  return pathOption === "" || pathOption === path2.delimiter ? `${result2.join(path2.delimiter)}${pathOption}` : [...result2, pathOption].join(path2.delimiter);
};
var applyPreferLocal = (result2, pathParts, cwdPath) => {
  for (const directory of traversePathUp(cwdPath)) {
    const pathPart = path2.join(directory, "node_modules/.bin");
    if (!pathParts.includes(pathPart)) {
      result2.push(pathPart);
    }
  }
};
var applyExecPath = (result2, pathParts, execPath2, cwdPath) => {
  const pathPart = path2.resolve(cwdPath, toPath(execPath2), "..");
  if (!pathParts.includes(pathPart)) {
    result2.push(pathPart);
  }
};
var npmRunPathEnv = ({ env = process4.env, ...options } = {}) => {
  env = { ...env };
  const pathName = pathKey({ env });
  options.path = env[pathName];
  env[pathName] = npmRunPath(options);
  return env;
};

// node_modules/execa/lib/terminate/kill.js
import { setTimeout as setTimeout2 } from "node:timers/promises";

// node_modules/execa/lib/return/final-error.js
var getFinalError = (originalError, message, isSync) => {
  const ErrorClass = isSync ? ExecaSyncError : ExecaError;
  const options = originalError instanceof DiscardedError ? {} : { cause: originalError };
  return new ErrorClass(message, options);
};
var DiscardedError = class extends Error {
};
var setErrorName = (ErrorClass, value) => {
  Object.defineProperty(ErrorClass.prototype, "name", {
    value,
    writable: true,
    enumerable: false,
    configurable: true
  });
  Object.defineProperty(ErrorClass.prototype, execaErrorSymbol, {
    value: true,
    writable: false,
    enumerable: false,
    configurable: false
  });
};
var isExecaError = (error) => isErrorInstance(error) && execaErrorSymbol in error;
var execaErrorSymbol = /* @__PURE__ */ Symbol("isExecaError");
var isErrorInstance = (value) => Object.prototype.toString.call(value) === "[object Error]";
var ExecaError = class extends Error {
};
setErrorName(ExecaError, ExecaError.name);
var ExecaSyncError = class extends Error {
};
setErrorName(ExecaSyncError, ExecaSyncError.name);

// node_modules/execa/lib/terminate/signal.js
import { constants as constants4 } from "node:os";

// node_modules/human-signals/build/src/main.js
import { constants as constants3 } from "node:os";

// node_modules/human-signals/build/src/realtime.js
var getRealtimeSignals = () => {
  const length = SIGRTMAX - SIGRTMIN + 1;
  return Array.from({ length }, getRealtimeSignal);
};
var getRealtimeSignal = (value, index) => ({
  name: `SIGRT${index + 1}`,
  number: SIGRTMIN + index,
  action: "terminate",
  description: "Application-specific signal (realtime)",
  standard: "posix"
});
var SIGRTMIN = 34;
var SIGRTMAX = 64;

// node_modules/human-signals/build/src/signals.js
import { constants as constants2 } from "node:os";

// node_modules/human-signals/build/src/core.js
var SIGNALS = [
  {
    name: "SIGHUP",
    number: 1,
    action: "terminate",
    description: "Terminal closed",
    standard: "posix"
  },
  {
    name: "SIGINT",
    number: 2,
    action: "terminate",
    description: "User interruption with CTRL-C",
    standard: "ansi"
  },
  {
    name: "SIGQUIT",
    number: 3,
    action: "core",
    description: "User interruption with CTRL-\\",
    standard: "posix"
  },
  {
    name: "SIGILL",
    number: 4,
    action: "core",
    description: "Invalid machine instruction",
    standard: "ansi"
  },
  {
    name: "SIGTRAP",
    number: 5,
    action: "core",
    description: "Debugger breakpoint",
    standard: "posix"
  },
  {
    name: "SIGABRT",
    number: 6,
    action: "core",
    description: "Aborted",
    standard: "ansi"
  },
  {
    name: "SIGIOT",
    number: 6,
    action: "core",
    description: "Aborted",
    standard: "bsd"
  },
  {
    name: "SIGBUS",
    number: 7,
    action: "core",
    description: "Bus error due to misaligned, non-existing address or paging error",
    standard: "bsd"
  },
  {
    name: "SIGEMT",
    number: 7,
    action: "terminate",
    description: "Command should be emulated but is not implemented",
    standard: "other"
  },
  {
    name: "SIGFPE",
    number: 8,
    action: "core",
    description: "Floating point arithmetic error",
    standard: "ansi"
  },
  {
    name: "SIGKILL",
    number: 9,
    action: "terminate",
    description: "Forced termination",
    standard: "posix",
    forced: true
  },
  {
    name: "SIGUSR1",
    number: 10,
    action: "terminate",
    description: "Application-specific signal",
    standard: "posix"
  },
  {
    name: "SIGSEGV",
    number: 11,
    action: "core",
    description: "Segmentation fault",
    standard: "ansi"
  },
  {
    name: "SIGUSR2",
    number: 12,
    action: "terminate",
    description: "Application-specific signal",
    standard: "posix"
  },
  {
    name: "SIGPIPE",
    number: 13,
    action: "terminate",
    description: "Broken pipe or socket",
    standard: "posix"
  },
  {
    name: "SIGALRM",
    number: 14,
    action: "terminate",
    description: "Timeout or timer",
    standard: "posix"
  },
  {
    name: "SIGTERM",
    number: 15,
    action: "terminate",
    description: "Termination",
    standard: "ansi"
  },
  {
    name: "SIGSTKFLT",
    number: 16,
    action: "terminate",
    description: "Stack is empty or overflowed",
    standard: "other"
  },
  {
    name: "SIGCHLD",
    number: 17,
    action: "ignore",
    description: "Child process terminated, paused or unpaused",
    standard: "posix"
  },
  {
    name: "SIGCLD",
    number: 17,
    action: "ignore",
    description: "Child process terminated, paused or unpaused",
    standard: "other"
  },
  {
    name: "SIGCONT",
    number: 18,
    action: "unpause",
    description: "Unpaused",
    standard: "posix",
    forced: true
  },
  {
    name: "SIGSTOP",
    number: 19,
    action: "pause",
    description: "Paused",
    standard: "posix",
    forced: true
  },
  {
    name: "SIGTSTP",
    number: 20,
    action: "pause",
    description: 'Paused using CTRL-Z or "suspend"',
    standard: "posix"
  },
  {
    name: "SIGTTIN",
    number: 21,
    action: "pause",
    description: "Background process cannot read terminal input",
    standard: "posix"
  },
  {
    name: "SIGBREAK",
    number: 21,
    action: "terminate",
    description: "User interruption with CTRL-BREAK",
    standard: "other"
  },
  {
    name: "SIGTTOU",
    number: 22,
    action: "pause",
    description: "Background process cannot write to terminal output",
    standard: "posix"
  },
  {
    name: "SIGURG",
    number: 23,
    action: "ignore",
    description: "Socket received out-of-band data",
    standard: "bsd"
  },
  {
    name: "SIGXCPU",
    number: 24,
    action: "core",
    description: "Process timed out",
    standard: "bsd"
  },
  {
    name: "SIGXFSZ",
    number: 25,
    action: "core",
    description: "File too big",
    standard: "bsd"
  },
  {
    name: "SIGVTALRM",
    number: 26,
    action: "terminate",
    description: "Timeout or timer",
    standard: "bsd"
  },
  {
    name: "SIGPROF",
    number: 27,
    action: "terminate",
    description: "Timeout or timer",
    standard: "bsd"
  },
  {
    name: "SIGWINCH",
    number: 28,
    action: "ignore",
    description: "Terminal window size changed",
    standard: "bsd"
  },
  {
    name: "SIGIO",
    number: 29,
    action: "terminate",
    description: "I/O is available",
    standard: "other"
  },
  {
    name: "SIGPOLL",
    number: 29,
    action: "terminate",
    description: "Watched event",
    standard: "other"
  },
  {
    name: "SIGINFO",
    number: 29,
    action: "ignore",
    description: "Request for process information",
    standard: "other"
  },
  {
    name: "SIGPWR",
    number: 30,
    action: "terminate",
    description: "Device running out of power",
    standard: "systemv"
  },
  {
    name: "SIGSYS",
    number: 31,
    action: "core",
    description: "Invalid system call",
    standard: "other"
  },
  {
    name: "SIGUNUSED",
    number: 31,
    action: "terminate",
    description: "Invalid system call",
    standard: "other"
  }
];

// node_modules/human-signals/build/src/signals.js
var getSignals = () => {
  const realtimeSignals = getRealtimeSignals();
  const signals2 = [...SIGNALS, ...realtimeSignals].map(normalizeSignal);
  return signals2;
};
var normalizeSignal = ({
  name,
  number: defaultNumber,
  description,
  action,
  forced = false,
  standard
}) => {
  const {
    signals: { [name]: constantSignal }
  } = constants2;
  const supported = constantSignal !== void 0;
  const number = supported ? constantSignal : defaultNumber;
  return { name, number, description, supported, action, forced, standard };
};

// node_modules/human-signals/build/src/main.js
var getSignalsByName = () => {
  const signals2 = getSignals();
  return Object.fromEntries(signals2.map(getSignalByName));
};
var getSignalByName = ({
  name,
  number,
  description,
  supported,
  action,
  forced,
  standard
}) => [name, { name, number, description, supported, action, forced, standard }];
var signalsByName = getSignalsByName();
var getSignalsByNumber = () => {
  const signals2 = getSignals();
  const length = SIGRTMAX + 1;
  const signalsA = Array.from(
    { length },
    (value, number) => getSignalByNumber(number, signals2)
  );
  return Object.assign({}, ...signalsA);
};
var getSignalByNumber = (number, signals2) => {
  const signal = findSignalByNumber(number, signals2);
  if (signal === void 0) {
    return {};
  }
  const { name, description, supported, action, forced, standard } = signal;
  return {
    [number]: {
      name,
      number,
      description,
      supported,
      action,
      forced,
      standard
    }
  };
};
var findSignalByNumber = (number, signals2) => {
  const signal = signals2.find(({ name }) => constants3.signals[name] === number);
  if (signal !== void 0) {
    return signal;
  }
  return signals2.find((signalA) => signalA.number === number);
};
var signalsByNumber = getSignalsByNumber();

// node_modules/execa/lib/terminate/signal.js
var normalizeKillSignal = (killSignal) => {
  const optionName = "option `killSignal`";
  if (killSignal === 0) {
    throw new TypeError(`Invalid ${optionName}: 0 cannot be used.`);
  }
  return normalizeSignal2(killSignal, optionName);
};
var normalizeSignalArgument = (signal) => signal === 0 ? signal : normalizeSignal2(signal, "`subprocess.kill()`'s argument");
var normalizeSignal2 = (signalNameOrInteger, optionName) => {
  if (Number.isInteger(signalNameOrInteger)) {
    return normalizeSignalInteger(signalNameOrInteger, optionName);
  }
  if (typeof signalNameOrInteger === "string") {
    return normalizeSignalName(signalNameOrInteger, optionName);
  }
  throw new TypeError(`Invalid ${optionName} ${String(signalNameOrInteger)}: it must be a string or an integer.
${getAvailableSignals()}`);
};
var normalizeSignalInteger = (signalInteger, optionName) => {
  if (signalsIntegerToName.has(signalInteger)) {
    return signalsIntegerToName.get(signalInteger);
  }
  throw new TypeError(`Invalid ${optionName} ${signalInteger}: this signal integer does not exist.
${getAvailableSignals()}`);
};
var getSignalsIntegerToName = () => new Map(Object.entries(constants4.signals).reverse().map(([signalName, signalInteger]) => [signalInteger, signalName]));
var signalsIntegerToName = getSignalsIntegerToName();
var normalizeSignalName = (signalName, optionName) => {
  if (signalName in constants4.signals) {
    return signalName;
  }
  if (signalName.toUpperCase() in constants4.signals) {
    throw new TypeError(`Invalid ${optionName} '${signalName}': please rename it to '${signalName.toUpperCase()}'.`);
  }
  throw new TypeError(`Invalid ${optionName} '${signalName}': this signal name does not exist.
${getAvailableSignals()}`);
};
var getAvailableSignals = () => `Available signal names: ${getAvailableSignalNames()}.
Available signal numbers: ${getAvailableSignalIntegers()}.`;
var getAvailableSignalNames = () => Object.keys(constants4.signals).sort().map((signalName) => `'${signalName}'`).join(", ");
var getAvailableSignalIntegers = () => [...new Set(Object.values(constants4.signals).sort((signalInteger, signalIntegerTwo) => signalInteger - signalIntegerTwo))].join(", ");
var getSignalDescription = (signal) => signalsByName[signal].description;

// node_modules/execa/lib/terminate/kill.js
var normalizeForceKillAfterDelay = (forceKillAfterDelay) => {
  if (forceKillAfterDelay === false) {
    return forceKillAfterDelay;
  }
  if (forceKillAfterDelay === true) {
    return DEFAULT_FORCE_KILL_TIMEOUT;
  }
  if (!Number.isFinite(forceKillAfterDelay) || forceKillAfterDelay < 0) {
    throw new TypeError(`Expected the \`forceKillAfterDelay\` option to be a non-negative integer, got \`${forceKillAfterDelay}\` (${typeof forceKillAfterDelay})`);
  }
  return forceKillAfterDelay;
};
var DEFAULT_FORCE_KILL_TIMEOUT = 1e3 * 5;
var subprocessKill = ({ kill, options: { forceKillAfterDelay, killSignal }, onInternalError, context, controller }, signalOrError, errorArgument) => {
  const { signal, error } = parseKillArguments(signalOrError, errorArgument, killSignal);
  emitKillError(error, onInternalError);
  const killResult = kill(signal);
  setKillTimeout({
    kill,
    signal,
    forceKillAfterDelay,
    killSignal,
    killResult,
    context,
    controller
  });
  return killResult;
};
var parseKillArguments = (signalOrError, errorArgument, killSignal) => {
  const [signal = killSignal, error] = isErrorInstance(signalOrError) ? [void 0, signalOrError] : [signalOrError, errorArgument];
  if (typeof signal !== "string" && !Number.isInteger(signal)) {
    throw new TypeError(`The first argument must be an error instance or a signal name string/integer: ${String(signal)}`);
  }
  if (error !== void 0 && !isErrorInstance(error)) {
    throw new TypeError(`The second argument is optional. If specified, it must be an error instance: ${error}`);
  }
  return { signal: normalizeSignalArgument(signal), error };
};
var emitKillError = (error, onInternalError) => {
  if (error !== void 0) {
    onInternalError.reject(error);
  }
};
var setKillTimeout = async ({ kill, signal, forceKillAfterDelay, killSignal, killResult, context, controller }) => {
  if (signal === killSignal && killResult) {
    killOnTimeout({
      kill,
      forceKillAfterDelay,
      context,
      controllerSignal: controller.signal
    });
  }
};
var killOnTimeout = async ({ kill, forceKillAfterDelay, context, controllerSignal }) => {
  if (forceKillAfterDelay === false) {
    return;
  }
  try {
    await setTimeout2(forceKillAfterDelay, void 0, { signal: controllerSignal });
    if (kill("SIGKILL")) {
      context.isForcefullyTerminated ??= true;
    }
  } catch {
  }
};

// node_modules/execa/lib/utils/abort-signal.js
import { once } from "node:events";
var onAbortedSignal = async (mainSignal, stopSignal) => {
  if (!mainSignal.aborted) {
    await once(mainSignal, "abort", { signal: stopSignal });
  }
};

// node_modules/execa/lib/terminate/cancel.js
var validateCancelSignal = ({ cancelSignal }) => {
  if (cancelSignal !== void 0 && Object.prototype.toString.call(cancelSignal) !== "[object AbortSignal]") {
    throw new Error(`The \`cancelSignal\` option must be an AbortSignal: ${String(cancelSignal)}`);
  }
};
var throwOnCancel = ({ subprocess, cancelSignal, gracefulCancel, context, controller }) => cancelSignal === void 0 || gracefulCancel ? [] : [terminateOnCancel(subprocess, cancelSignal, context, controller)];
var terminateOnCancel = async (subprocess, cancelSignal, context, { signal }) => {
  await onAbortedSignal(cancelSignal, signal);
  context.terminationReason ??= "cancel";
  subprocess.kill();
  throw cancelSignal.reason;
};

// node_modules/execa/lib/ipc/graceful.js
import { scheduler as scheduler2 } from "node:timers/promises";

// node_modules/execa/lib/ipc/send.js
import { promisify as promisify2 } from "node:util";

// node_modules/execa/lib/ipc/validation.js
var validateIpcMethod = ({ methodName, isSubprocess, ipc, isConnected: isConnected2 }) => {
  validateIpcOption(methodName, isSubprocess, ipc);
  validateConnection(methodName, isSubprocess, isConnected2);
};
var validateIpcOption = (methodName, isSubprocess, ipc) => {
  if (!ipc) {
    throw new Error(`${getMethodName(methodName, isSubprocess)} can only be used if the \`ipc\` option is \`true\`.`);
  }
};
var validateConnection = (methodName, isSubprocess, isConnected2) => {
  if (!isConnected2) {
    throw new Error(`${getMethodName(methodName, isSubprocess)} cannot be used: the ${getOtherProcessName(isSubprocess)} has already exited or disconnected.`);
  }
};
var throwOnEarlyDisconnect = (isSubprocess) => {
  throw new Error(`${getMethodName("getOneMessage", isSubprocess)} could not complete: the ${getOtherProcessName(isSubprocess)} exited or disconnected.`);
};
var throwOnStrictDeadlockError = (isSubprocess) => {
  throw new Error(`${getMethodName("sendMessage", isSubprocess)} failed: the ${getOtherProcessName(isSubprocess)} is sending a message too, instead of listening to incoming messages.
This can be fixed by both sending a message and listening to incoming messages at the same time:

const [receivedMessage] = await Promise.all([
	${getMethodName("getOneMessage", isSubprocess)},
	${getMethodName("sendMessage", isSubprocess, "message, {strict: true}")},
]);`);
};
var getStrictResponseError = (error, isSubprocess) => new Error(`${getMethodName("sendMessage", isSubprocess)} failed when sending an acknowledgment response to the ${getOtherProcessName(isSubprocess)}.`, { cause: error });
var throwOnMissingStrict = (isSubprocess) => {
  throw new Error(`${getMethodName("sendMessage", isSubprocess)} failed: the ${getOtherProcessName(isSubprocess)} is not listening to incoming messages.`);
};
var throwOnStrictDisconnect = (isSubprocess) => {
  throw new Error(`${getMethodName("sendMessage", isSubprocess)} failed: the ${getOtherProcessName(isSubprocess)} exited without listening to incoming messages.`);
};
var getAbortDisconnectError = () => new Error(`\`cancelSignal\` aborted: the ${getOtherProcessName(true)} disconnected.`);
var throwOnMissingParent = () => {
  throw new Error("`getCancelSignal()` cannot be used without setting the `cancelSignal` subprocess option.");
};
var handleEpipeError = ({ error, methodName, isSubprocess }) => {
  if (error.code === "EPIPE") {
    throw new Error(`${getMethodName(methodName, isSubprocess)} cannot be used: the ${getOtherProcessName(isSubprocess)} is disconnecting.`, { cause: error });
  }
};
var handleSerializationError = ({ error, methodName, isSubprocess, message }) => {
  if (isSerializationError(error)) {
    throw new Error(`${getMethodName(methodName, isSubprocess)}'s argument type is invalid: the message cannot be serialized: ${String(message)}.`, { cause: error });
  }
};
var isSerializationError = ({ code, message }) => SERIALIZATION_ERROR_CODES.has(code) || SERIALIZATION_ERROR_MESSAGES.some((serializationErrorMessage) => message.includes(serializationErrorMessage));
var SERIALIZATION_ERROR_CODES = /* @__PURE__ */ new Set([
  // Message is `undefined`
  "ERR_MISSING_ARGS",
  // Message is a function, a bigint, a symbol
  "ERR_INVALID_ARG_TYPE"
]);
var SERIALIZATION_ERROR_MESSAGES = [
  // Message is a promise or a proxy, with `serialization: 'advanced'`
  "could not be cloned",
  // Message has cycles, with `serialization: 'json'`
  "circular structure",
  // Message has cycles inside toJSON(), with `serialization: 'json'`
  "call stack size exceeded"
];
var getMethodName = (methodName, isSubprocess, parameters = "") => methodName === "cancelSignal" ? "`cancelSignal`'s `controller.abort()`" : `${getNamespaceName(isSubprocess)}${methodName}(${parameters})`;
var getNamespaceName = (isSubprocess) => isSubprocess ? "" : "subprocess.";
var getOtherProcessName = (isSubprocess) => isSubprocess ? "parent process" : "subprocess";
var disconnect = (anyProcess) => {
  if (anyProcess.connected) {
    anyProcess.disconnect();
  }
};

// node_modules/execa/lib/utils/deferred.js
var createDeferred = () => {
  const methods = {};
  const promise = new Promise((resolve, reject) => {
    Object.assign(methods, { resolve, reject });
  });
  return Object.assign(promise, methods);
};

// node_modules/execa/lib/arguments/fd-options.js
var getToStream = (destination, to = "stdin") => {
  const isWritable = true;
  const { options, fileDescriptors } = SUBPROCESS_OPTIONS.get(destination);
  const fdNumber = getFdNumber(fileDescriptors, to, isWritable);
  const destinationStream = destination.stdio[fdNumber];
  if (destinationStream === null) {
    throw new TypeError(getInvalidStdioOptionMessage(fdNumber, to, options, isWritable));
  }
  return destinationStream;
};
var getFromStream = (source, from = "stdout") => {
  const isWritable = false;
  const { options, fileDescriptors } = SUBPROCESS_OPTIONS.get(source);
  const fdNumber = getFdNumber(fileDescriptors, from, isWritable);
  const sourceStream = fdNumber === "all" ? source.all : source.stdio[fdNumber];
  if (sourceStream === null || sourceStream === void 0) {
    throw new TypeError(getInvalidStdioOptionMessage(fdNumber, from, options, isWritable));
  }
  return sourceStream;
};
var SUBPROCESS_OPTIONS = /* @__PURE__ */ new WeakMap();
var getFdNumber = (fileDescriptors, fdName, isWritable) => {
  const fdNumber = parseFdNumber(fdName, isWritable);
  validateFdNumber(fdNumber, fdName, isWritable, fileDescriptors);
  return fdNumber;
};
var parseFdNumber = (fdName, isWritable) => {
  const fdNumber = parseFd(fdName);
  if (fdNumber !== void 0) {
    return fdNumber;
  }
  const { validOptions, defaultValue } = isWritable ? { validOptions: '"stdin"', defaultValue: "stdin" } : { validOptions: '"stdout", "stderr", "all"', defaultValue: "stdout" };
  throw new TypeError(`"${getOptionName(isWritable)}" must not be "${fdName}".
It must be ${validOptions} or "fd3", "fd4" (and so on).
It is optional and defaults to "${defaultValue}".`);
};
var validateFdNumber = (fdNumber, fdName, isWritable, fileDescriptors) => {
  const fileDescriptor = fileDescriptors[getUsedDescriptor(fdNumber)];
  if (fileDescriptor === void 0) {
    throw new TypeError(`"${getOptionName(isWritable)}" must not be ${fdName}. That file descriptor does not exist.
Please set the "stdio" option to ensure that file descriptor exists.`);
  }
  if (fileDescriptor.direction === "input" && !isWritable) {
    throw new TypeError(`"${getOptionName(isWritable)}" must not be ${fdName}. It must be a readable stream, not writable.`);
  }
  if (fileDescriptor.direction !== "input" && isWritable) {
    throw new TypeError(`"${getOptionName(isWritable)}" must not be ${fdName}. It must be a writable stream, not readable.`);
  }
};
var getInvalidStdioOptionMessage = (fdNumber, fdName, options, isWritable) => {
  if (fdNumber === "all" && !options.all) {
    return `The "all" option must be true to use "from: 'all'".`;
  }
  const { optionName, optionValue } = getInvalidStdioOption(fdNumber, options);
  return `The "${optionName}: ${serializeOptionValue(optionValue)}" option is incompatible with using "${getOptionName(isWritable)}: ${serializeOptionValue(fdName)}".
Please set this option with "pipe" instead.`;
};
var getInvalidStdioOption = (fdNumber, { stdin, stdout, stderr, stdio }) => {
  const usedDescriptor = getUsedDescriptor(fdNumber);
  if (usedDescriptor === 0 && stdin !== void 0) {
    return { optionName: "stdin", optionValue: stdin };
  }
  if (usedDescriptor === 1 && stdout !== void 0) {
    return { optionName: "stdout", optionValue: stdout };
  }
  if (usedDescriptor === 2 && stderr !== void 0) {
    return { optionName: "stderr", optionValue: stderr };
  }
  return { optionName: `stdio[${usedDescriptor}]`, optionValue: stdio[usedDescriptor] };
};
var getUsedDescriptor = (fdNumber) => fdNumber === "all" ? 1 : fdNumber;
var getOptionName = (isWritable) => isWritable ? "to" : "from";
var serializeOptionValue = (value) => {
  if (typeof value === "string") {
    return `'${value}'`;
  }
  return typeof value === "number" ? `${value}` : "Stream";
};

// node_modules/execa/lib/ipc/strict.js
import { once as once3 } from "node:events";

// node_modules/execa/lib/utils/max-listeners.js
import { addAbortListener } from "node:events";
var incrementMaxListeners = (eventEmitter, maxListenersIncrement, signal) => {
  const maxListeners = eventEmitter.getMaxListeners();
  if (maxListeners === 0 || maxListeners === Number.POSITIVE_INFINITY) {
    return;
  }
  eventEmitter.setMaxListeners(maxListeners + maxListenersIncrement);
  addAbortListener(signal, () => {
    eventEmitter.setMaxListeners(eventEmitter.getMaxListeners() - maxListenersIncrement);
  });
};

// node_modules/execa/lib/ipc/forward.js
import { EventEmitter } from "node:events";

// node_modules/execa/lib/ipc/incoming.js
import { once as once2 } from "node:events";
import { scheduler } from "node:timers/promises";

// node_modules/execa/lib/ipc/reference.js
var addReference = (channel, reference) => {
  if (reference) {
    addReferenceCount(channel);
  }
};
var addReferenceCount = (channel) => {
  channel.refCounted();
};
var removeReference = (channel, reference) => {
  if (reference) {
    removeReferenceCount(channel);
  }
};
var removeReferenceCount = (channel) => {
  channel.unrefCounted();
};
var undoAddedReferences = (channel, isSubprocess) => {
  if (isSubprocess) {
    removeReferenceCount(channel);
    removeReferenceCount(channel);
  }
};
var redoAddedReferences = (channel, isSubprocess) => {
  if (isSubprocess) {
    addReferenceCount(channel);
    addReferenceCount(channel);
  }
};

// node_modules/execa/lib/ipc/incoming.js
var onMessage = async ({ anyProcess, channel, isSubprocess, ipcEmitter }, wrappedMessage) => {
  if (handleStrictResponse(wrappedMessage) || handleAbort(wrappedMessage)) {
    return;
  }
  if (!INCOMING_MESSAGES.has(anyProcess)) {
    INCOMING_MESSAGES.set(anyProcess, []);
  }
  const incomingMessages = INCOMING_MESSAGES.get(anyProcess);
  incomingMessages.push(wrappedMessage);
  if (incomingMessages.length > 1) {
    return;
  }
  while (incomingMessages.length > 0) {
    await waitForOutgoingMessages(anyProcess, ipcEmitter, wrappedMessage);
    await scheduler.yield();
    const message = await handleStrictRequest({
      wrappedMessage: incomingMessages[0],
      anyProcess,
      channel,
      isSubprocess,
      ipcEmitter
    });
    incomingMessages.shift();
    ipcEmitter.emit("message", message);
    ipcEmitter.emit("message:done");
  }
};
var onDisconnect = async ({ anyProcess, channel, isSubprocess, ipcEmitter, boundOnMessage }) => {
  abortOnDisconnect();
  const incomingMessages = INCOMING_MESSAGES.get(anyProcess);
  while (incomingMessages?.length > 0) {
    await once2(ipcEmitter, "message:done");
  }
  anyProcess.removeListener("message", boundOnMessage);
  redoAddedReferences(channel, isSubprocess);
  ipcEmitter.connected = false;
  ipcEmitter.emit("disconnect");
};
var INCOMING_MESSAGES = /* @__PURE__ */ new WeakMap();

// node_modules/execa/lib/ipc/forward.js
var getIpcEmitter = (anyProcess, channel, isSubprocess) => {
  if (IPC_EMITTERS.has(anyProcess)) {
    return IPC_EMITTERS.get(anyProcess);
  }
  const ipcEmitter = new EventEmitter();
  ipcEmitter.connected = true;
  IPC_EMITTERS.set(anyProcess, ipcEmitter);
  forwardEvents({
    ipcEmitter,
    anyProcess,
    channel,
    isSubprocess
  });
  return ipcEmitter;
};
var IPC_EMITTERS = /* @__PURE__ */ new WeakMap();
var forwardEvents = ({ ipcEmitter, anyProcess, channel, isSubprocess }) => {
  const boundOnMessage = onMessage.bind(void 0, {
    anyProcess,
    channel,
    isSubprocess,
    ipcEmitter
  });
  anyProcess.on("message", boundOnMessage);
  anyProcess.once("disconnect", onDisconnect.bind(void 0, {
    anyProcess,
    channel,
    isSubprocess,
    ipcEmitter,
    boundOnMessage
  }));
  undoAddedReferences(channel, isSubprocess);
};
var isConnected = (anyProcess) => {
  const ipcEmitter = IPC_EMITTERS.get(anyProcess);
  return ipcEmitter === void 0 ? anyProcess.channel !== null : ipcEmitter.connected;
};

// node_modules/execa/lib/ipc/strict.js
var handleSendStrict = ({ anyProcess, channel, isSubprocess, message, strict }) => {
  if (!strict) {
    return message;
  }
  const ipcEmitter = getIpcEmitter(anyProcess, channel, isSubprocess);
  const hasListeners = hasMessageListeners(anyProcess, ipcEmitter);
  return {
    id: count++,
    type: REQUEST_TYPE,
    message,
    hasListeners
  };
};
var count = 0n;
var validateStrictDeadlock = (outgoingMessages, wrappedMessage) => {
  if (wrappedMessage?.type !== REQUEST_TYPE || wrappedMessage.hasListeners) {
    return;
  }
  for (const { id } of outgoingMessages) {
    if (id !== void 0) {
      STRICT_RESPONSES[id].resolve({ isDeadlock: true, hasListeners: false });
    }
  }
};
var handleStrictRequest = async ({ wrappedMessage, anyProcess, channel, isSubprocess, ipcEmitter }) => {
  if (wrappedMessage?.type !== REQUEST_TYPE || !anyProcess.connected) {
    return wrappedMessage;
  }
  const { id, message } = wrappedMessage;
  const response = { id, type: RESPONSE_TYPE, message: hasMessageListeners(anyProcess, ipcEmitter) };
  try {
    await sendMessage({
      anyProcess,
      channel,
      isSubprocess,
      ipc: true
    }, response);
  } catch (error) {
    ipcEmitter.emit("strict:error", error);
  }
  return message;
};
var handleStrictResponse = (wrappedMessage) => {
  if (wrappedMessage?.type !== RESPONSE_TYPE) {
    return false;
  }
  const { id, message: hasListeners } = wrappedMessage;
  STRICT_RESPONSES[id]?.resolve({ isDeadlock: false, hasListeners });
  return true;
};
var waitForStrictResponse = async (wrappedMessage, anyProcess, isSubprocess) => {
  if (wrappedMessage?.type !== REQUEST_TYPE) {
    return;
  }
  const deferred = createDeferred();
  STRICT_RESPONSES[wrappedMessage.id] = deferred;
  const controller = new AbortController();
  try {
    const { isDeadlock, hasListeners } = await Promise.race([
      deferred,
      throwOnDisconnect(anyProcess, isSubprocess, controller)
    ]);
    if (isDeadlock) {
      throwOnStrictDeadlockError(isSubprocess);
    }
    if (!hasListeners) {
      throwOnMissingStrict(isSubprocess);
    }
  } finally {
    controller.abort();
    delete STRICT_RESPONSES[wrappedMessage.id];
  }
};
var STRICT_RESPONSES = {};
var throwOnDisconnect = async (anyProcess, isSubprocess, { signal }) => {
  incrementMaxListeners(anyProcess, 1, signal);
  await once3(anyProcess, "disconnect", { signal });
  throwOnStrictDisconnect(isSubprocess);
};
var REQUEST_TYPE = "execa:ipc:request";
var RESPONSE_TYPE = "execa:ipc:response";

// node_modules/execa/lib/ipc/outgoing.js
var startSendMessage = (anyProcess, wrappedMessage, strict) => {
  if (!OUTGOING_MESSAGES.has(anyProcess)) {
    OUTGOING_MESSAGES.set(anyProcess, /* @__PURE__ */ new Set());
  }
  const outgoingMessages = OUTGOING_MESSAGES.get(anyProcess);
  const onMessageSent = createDeferred();
  const id = strict ? wrappedMessage.id : void 0;
  const outgoingMessage = { onMessageSent, id };
  outgoingMessages.add(outgoingMessage);
  return { outgoingMessages, outgoingMessage };
};
var endSendMessage = ({ outgoingMessages, outgoingMessage }) => {
  outgoingMessages.delete(outgoingMessage);
  outgoingMessage.onMessageSent.resolve();
};
var waitForOutgoingMessages = async (anyProcess, ipcEmitter, wrappedMessage) => {
  while (!hasMessageListeners(anyProcess, ipcEmitter) && OUTGOING_MESSAGES.get(anyProcess)?.size > 0) {
    const outgoingMessages = [...OUTGOING_MESSAGES.get(anyProcess)];
    validateStrictDeadlock(outgoingMessages, wrappedMessage);
    await Promise.all(outgoingMessages.map(({ onMessageSent }) => onMessageSent));
  }
};
var OUTGOING_MESSAGES = /* @__PURE__ */ new WeakMap();
var hasMessageListeners = (anyProcess, ipcEmitter) => ipcEmitter.listenerCount("message") > getMinListenerCount(anyProcess);
var getMinListenerCount = (anyProcess) => SUBPROCESS_OPTIONS.has(anyProcess) && !getFdSpecificValue(SUBPROCESS_OPTIONS.get(anyProcess).options.buffer, "ipc") ? 1 : 0;

// node_modules/execa/lib/ipc/send.js
var sendMessage = ({ anyProcess, channel, isSubprocess, ipc }, message, { strict = false } = {}) => {
  const methodName = "sendMessage";
  validateIpcMethod({
    methodName,
    isSubprocess,
    ipc,
    isConnected: anyProcess.connected
  });
  return sendMessageAsync({
    anyProcess,
    channel,
    methodName,
    isSubprocess,
    message,
    strict
  });
};
var sendMessageAsync = async ({ anyProcess, channel, methodName, isSubprocess, message, strict }) => {
  const wrappedMessage = handleSendStrict({
    anyProcess,
    channel,
    isSubprocess,
    message,
    strict
  });
  const outgoingMessagesState = startSendMessage(anyProcess, wrappedMessage, strict);
  try {
    await sendOneMessage({
      anyProcess,
      methodName,
      isSubprocess,
      wrappedMessage,
      message
    });
  } catch (error) {
    disconnect(anyProcess);
    throw error;
  } finally {
    endSendMessage(outgoingMessagesState);
  }
};
var sendOneMessage = async ({ anyProcess, methodName, isSubprocess, wrappedMessage, message }) => {
  const sendMethod = getSendMethod(anyProcess);
  try {
    await Promise.all([
      waitForStrictResponse(wrappedMessage, anyProcess, isSubprocess),
      sendMethod(wrappedMessage)
    ]);
  } catch (error) {
    handleEpipeError({ error, methodName, isSubprocess });
    handleSerializationError({
      error,
      methodName,
      isSubprocess,
      message
    });
    throw error;
  }
};
var getSendMethod = (anyProcess) => {
  if (PROCESS_SEND_METHODS.has(anyProcess)) {
    return PROCESS_SEND_METHODS.get(anyProcess);
  }
  const sendMethod = promisify2(anyProcess.send.bind(anyProcess));
  PROCESS_SEND_METHODS.set(anyProcess, sendMethod);
  return sendMethod;
};
var PROCESS_SEND_METHODS = /* @__PURE__ */ new WeakMap();

// node_modules/execa/lib/ipc/graceful.js
var sendAbort = (subprocess, message) => {
  const methodName = "cancelSignal";
  validateConnection(methodName, false, subprocess.connected);
  return sendOneMessage({
    anyProcess: subprocess,
    methodName,
    isSubprocess: false,
    wrappedMessage: { type: GRACEFUL_CANCEL_TYPE, message },
    message
  });
};
var getCancelSignal = async ({ anyProcess, channel, isSubprocess, ipc }) => {
  await startIpc({
    anyProcess,
    channel,
    isSubprocess,
    ipc
  });
  return cancelController.signal;
};
var startIpc = async ({ anyProcess, channel, isSubprocess, ipc }) => {
  if (cancelListening) {
    return;
  }
  cancelListening = true;
  if (!ipc) {
    throwOnMissingParent();
    return;
  }
  if (channel === null) {
    abortOnDisconnect();
    return;
  }
  getIpcEmitter(anyProcess, channel, isSubprocess);
  await scheduler2.yield();
};
var cancelListening = false;
var handleAbort = (wrappedMessage) => {
  if (wrappedMessage?.type !== GRACEFUL_CANCEL_TYPE) {
    return false;
  }
  cancelController.abort(wrappedMessage.message);
  return true;
};
var GRACEFUL_CANCEL_TYPE = "execa:ipc:cancel";
var abortOnDisconnect = () => {
  cancelController.abort(getAbortDisconnectError());
};
var cancelController = new AbortController();

// node_modules/execa/lib/terminate/graceful.js
var validateGracefulCancel = ({ gracefulCancel, cancelSignal, ipc, serialization }) => {
  if (!gracefulCancel) {
    return;
  }
  if (cancelSignal === void 0) {
    throw new Error("The `cancelSignal` option must be defined when setting the `gracefulCancel` option.");
  }
  if (!ipc) {
    throw new Error("The `ipc` option cannot be false when setting the `gracefulCancel` option.");
  }
  if (serialization === "json") {
    throw new Error("The `serialization` option cannot be 'json' when setting the `gracefulCancel` option.");
  }
};
var throwOnGracefulCancel = ({
  subprocess,
  cancelSignal,
  gracefulCancel,
  forceKillAfterDelay,
  context,
  controller
}) => gracefulCancel ? [sendOnAbort({
  subprocess,
  cancelSignal,
  forceKillAfterDelay,
  context,
  controller
})] : [];
var sendOnAbort = async ({ subprocess, cancelSignal, forceKillAfterDelay, context, controller: { signal } }) => {
  await onAbortedSignal(cancelSignal, signal);
  const reason = getReason(cancelSignal);
  await sendAbort(subprocess, reason);
  killOnTimeout({
    kill: subprocess.kill,
    forceKillAfterDelay,
    context,
    controllerSignal: signal
  });
  context.terminationReason ??= "gracefulCancel";
  throw cancelSignal.reason;
};
var getReason = ({ reason }) => {
  if (!(reason instanceof DOMException)) {
    return reason;
  }
  const error = new Error(reason.message);
  Object.defineProperty(error, "stack", {
    value: reason.stack,
    enumerable: false,
    configurable: true,
    writable: true
  });
  return error;
};

// node_modules/execa/lib/terminate/timeout.js
import { setTimeout as setTimeout3 } from "node:timers/promises";
var validateTimeout = ({ timeout }) => {
  if (timeout !== void 0 && (!Number.isFinite(timeout) || timeout < 0)) {
    throw new TypeError(`Expected the \`timeout\` option to be a non-negative integer, got \`${timeout}\` (${typeof timeout})`);
  }
};
var throwOnTimeout = (subprocess, timeout, context, controller) => timeout === 0 || timeout === void 0 ? [] : [killAfterTimeout(subprocess, timeout, context, controller)];
var killAfterTimeout = async (subprocess, timeout, context, { signal }) => {
  await setTimeout3(timeout, void 0, { signal });
  context.terminationReason ??= "timeout";
  subprocess.kill();
  throw new DiscardedError();
};

// node_modules/execa/lib/methods/node.js
import { execPath, execArgv } from "node:process";
import path3 from "node:path";
var mapNode = ({ options }) => {
  if (options.node === false) {
    throw new TypeError('The "node" option cannot be false with `execaNode()`.');
  }
  return { options: { ...options, node: true } };
};
var handleNodeOption = (file, commandArguments, {
  node: shouldHandleNode = false,
  nodePath = execPath,
  nodeOptions = execArgv.filter((nodeOption) => !nodeOption.startsWith("--inspect")),
  cwd,
  execPath: formerNodePath,
  ...options
}) => {
  if (formerNodePath !== void 0) {
    throw new TypeError('The "execPath" option has been removed. Please use the "nodePath" option instead.');
  }
  const normalizedNodePath = safeNormalizeFileUrl(nodePath, 'The "nodePath" option');
  const resolvedNodePath = path3.resolve(cwd, normalizedNodePath);
  const newOptions = {
    ...options,
    nodePath: resolvedNodePath,
    node: shouldHandleNode,
    cwd
  };
  if (!shouldHandleNode) {
    return [file, commandArguments, newOptions];
  }
  if (path3.basename(file, ".exe") === "node") {
    throw new TypeError('When the "node" option is true, the first argument does not need to be "node".');
  }
  return [
    resolvedNodePath,
    [...nodeOptions, file, ...commandArguments],
    { ipc: true, ...newOptions, shell: false }
  ];
};

// node_modules/execa/lib/ipc/ipc-input.js
import { serialize } from "node:v8";
var validateIpcInputOption = ({ ipcInput, ipc, serialization }) => {
  if (ipcInput === void 0) {
    return;
  }
  if (!ipc) {
    throw new Error("The `ipcInput` option cannot be set unless the `ipc` option is `true`.");
  }
  validateIpcInput[serialization](ipcInput);
};
var validateAdvancedInput = (ipcInput) => {
  try {
    serialize(ipcInput);
  } catch (error) {
    throw new Error("The `ipcInput` option is not serializable with a structured clone.", { cause: error });
  }
};
var validateJsonInput = (ipcInput) => {
  try {
    JSON.stringify(ipcInput);
  } catch (error) {
    throw new Error("The `ipcInput` option is not serializable with JSON.", { cause: error });
  }
};
var validateIpcInput = {
  advanced: validateAdvancedInput,
  json: validateJsonInput
};
var sendIpcInput = async (subprocess, ipcInput) => {
  if (ipcInput === void 0) {
    return;
  }
  await subprocess.sendMessage(ipcInput);
};

// node_modules/execa/lib/arguments/encoding-option.js
var validateEncoding = ({ encoding }) => {
  if (ENCODINGS.has(encoding)) {
    return;
  }
  const correctEncoding = getCorrectEncoding(encoding);
  if (correctEncoding !== void 0) {
    throw new TypeError(`Invalid option \`encoding: ${serializeEncoding(encoding)}\`.
Please rename it to ${serializeEncoding(correctEncoding)}.`);
  }
  const correctEncodings = [...ENCODINGS].map((correctEncoding2) => serializeEncoding(correctEncoding2)).join(", ");
  throw new TypeError(`Invalid option \`encoding: ${serializeEncoding(encoding)}\`.
Please rename it to one of: ${correctEncodings}.`);
};
var TEXT_ENCODINGS = /* @__PURE__ */ new Set(["utf8", "utf16le"]);
var BINARY_ENCODINGS = /* @__PURE__ */ new Set(["buffer", "hex", "base64", "base64url", "latin1", "ascii"]);
var ENCODINGS = /* @__PURE__ */ new Set([...TEXT_ENCODINGS, ...BINARY_ENCODINGS]);
var getCorrectEncoding = (encoding) => {
  if (encoding === null) {
    return "buffer";
  }
  if (typeof encoding !== "string") {
    return;
  }
  const lowerEncoding = encoding.toLowerCase();
  if (lowerEncoding in ENCODING_ALIASES) {
    return ENCODING_ALIASES[lowerEncoding];
  }
  if (ENCODINGS.has(lowerEncoding)) {
    return lowerEncoding;
  }
};
var ENCODING_ALIASES = {
  // eslint-disable-next-line unicorn/text-encoding-identifier-case
  "utf-8": "utf8",
  "utf-16le": "utf16le",
  "ucs-2": "utf16le",
  ucs2: "utf16le",
  binary: "latin1"
};
var serializeEncoding = (encoding) => typeof encoding === "string" ? `"${encoding}"` : String(encoding);

// node_modules/execa/lib/arguments/cwd.js
import { statSync as statSync2 } from "node:fs";
import path4 from "node:path";
import process5 from "node:process";
var normalizeCwd = (cwd = getDefaultCwd()) => {
  const cwdString = safeNormalizeFileUrl(cwd, 'The "cwd" option');
  return path4.resolve(cwdString);
};
var getDefaultCwd = () => {
  try {
    return process5.cwd();
  } catch (error) {
    error.message = `The current directory does not exist.
${error.message}`;
    throw error;
  }
};
var fixCwdError = (originalMessage, cwd) => {
  if (cwd === getDefaultCwd()) {
    return originalMessage;
  }
  let cwdStat;
  try {
    cwdStat = statSync2(cwd);
  } catch (error) {
    return `The "cwd" option is invalid: ${cwd}.
${error.message}
${originalMessage}`;
  }
  if (!cwdStat.isDirectory()) {
    return `The "cwd" option is not a directory: ${cwd}.
${originalMessage}`;
  }
  return originalMessage;
};

// node_modules/execa/lib/arguments/options.js
var normalizeOptions = (filePath, rawArguments, rawOptions) => {
  rawOptions.cwd = normalizeCwd(rawOptions.cwd);
  const [processedFile, processedArguments, processedOptions] = handleNodeOption(filePath, rawArguments, rawOptions);
  const { command: file, args: commandArguments, options: initialOptions } = import_cross_spawn.default._parse(processedFile, processedArguments, processedOptions);
  const fdOptions = normalizeFdSpecificOptions(initialOptions);
  const options = addDefaultOptions(fdOptions);
  validateTimeout(options);
  validateEncoding(options);
  validateIpcInputOption(options);
  validateCancelSignal(options);
  validateGracefulCancel(options);
  options.shell = normalizeFileUrl(options.shell);
  options.env = getEnv(options);
  options.killSignal = normalizeKillSignal(options.killSignal);
  options.forceKillAfterDelay = normalizeForceKillAfterDelay(options.forceKillAfterDelay);
  options.lines = options.lines.map((lines, fdNumber) => lines && !BINARY_ENCODINGS.has(options.encoding) && options.buffer[fdNumber]);
  if (process6.platform === "win32" && path5.basename(file, ".exe") === "cmd") {
    commandArguments.unshift("/q");
  }
  return { file, commandArguments, options };
};
var addDefaultOptions = ({
  extendEnv = true,
  preferLocal = false,
  cwd,
  localDir: localDirectory = cwd,
  encoding = "utf8",
  reject = true,
  cleanup = true,
  all = false,
  windowsHide = true,
  killSignal = "SIGTERM",
  forceKillAfterDelay = true,
  gracefulCancel = false,
  ipcInput,
  ipc = ipcInput !== void 0 || gracefulCancel,
  serialization = "advanced",
  ...options
}) => ({
  ...options,
  extendEnv,
  preferLocal,
  cwd,
  localDirectory,
  encoding,
  reject,
  cleanup,
  all,
  windowsHide,
  killSignal,
  forceKillAfterDelay,
  gracefulCancel,
  ipcInput,
  ipc,
  serialization
});
var getEnv = ({ env: envOption, extendEnv, preferLocal, node, localDirectory, nodePath }) => {
  const env = extendEnv ? { ...process6.env, ...envOption } : envOption;
  if (preferLocal || node) {
    return npmRunPathEnv({
      env,
      cwd: localDirectory,
      execPath: nodePath,
      preferLocal,
      addExecPath: node
    });
  }
  return env;
};

// node_modules/execa/lib/arguments/shell.js
var concatenateShell = (file, commandArguments, options) => options.shell && commandArguments.length > 0 ? [[file, ...commandArguments].join(" "), [], options] : [file, commandArguments, options];

// node_modules/execa/lib/return/message.js
import { inspect as inspect2 } from "node:util";

// node_modules/strip-final-newline/index.js
function stripFinalNewline(input) {
  if (typeof input === "string") {
    return stripFinalNewlineString(input);
  }
  if (!(ArrayBuffer.isView(input) && input.BYTES_PER_ELEMENT === 1)) {
    throw new Error("Input must be a string or a Uint8Array");
  }
  return stripFinalNewlineBinary(input);
}
var stripFinalNewlineString = (input) => input.at(-1) === LF ? input.slice(0, input.at(-2) === CR ? -2 : -1) : input;
var stripFinalNewlineBinary = (input) => input.at(-1) === LF_BINARY ? input.subarray(0, input.at(-2) === CR_BINARY ? -2 : -1) : input;
var LF = "\n";
var LF_BINARY = LF.codePointAt(0);
var CR = "\r";
var CR_BINARY = CR.codePointAt(0);

// node_modules/get-stream/source/index.js
import { on } from "node:events";
import { finished } from "node:stream/promises";

// node_modules/is-stream/index.js
function isStream(stream, { checkOpen = true } = {}) {
  return stream !== null && typeof stream === "object" && (stream.writable || stream.readable || !checkOpen || stream.writable === void 0 && stream.readable === void 0) && typeof stream.pipe === "function";
}
function isWritableStream(stream, { checkOpen = true } = {}) {
  return isStream(stream, { checkOpen }) && (stream.writable || !checkOpen) && typeof stream.write === "function" && typeof stream.end === "function" && typeof stream.writable === "boolean" && typeof stream.writableObjectMode === "boolean" && typeof stream.destroy === "function" && typeof stream.destroyed === "boolean";
}
function isReadableStream(stream, { checkOpen = true } = {}) {
  return isStream(stream, { checkOpen }) && (stream.readable || !checkOpen) && typeof stream.read === "function" && typeof stream.readable === "boolean" && typeof stream.readableObjectMode === "boolean" && typeof stream.destroy === "function" && typeof stream.destroyed === "boolean";
}
function isDuplexStream(stream, options) {
  return isWritableStream(stream, options) && isReadableStream(stream, options);
}

// node_modules/@sec-ant/readable-stream/dist/ponyfill/asyncIterator.js
var a = Object.getPrototypeOf(
  Object.getPrototypeOf(
    /* istanbul ignore next */
    async function* () {
    }
  ).prototype
);
var c = class {
  #t;
  #n;
  #r = false;
  #e = void 0;
  constructor(e, t) {
    this.#t = e, this.#n = t;
  }
  next() {
    const e = () => this.#s();
    return this.#e = this.#e ? this.#e.then(e, e) : e(), this.#e;
  }
  return(e) {
    const t = () => this.#i(e);
    return this.#e ? this.#e.then(t, t) : t();
  }
  async #s() {
    if (this.#r)
      return {
        done: true,
        value: void 0
      };
    let e;
    try {
      e = await this.#t.read();
    } catch (t) {
      throw this.#e = void 0, this.#r = true, this.#t.releaseLock(), t;
    }
    return e.done && (this.#e = void 0, this.#r = true, this.#t.releaseLock()), e;
  }
  async #i(e) {
    if (this.#r)
      return {
        done: true,
        value: e
      };
    if (this.#r = true, !this.#n) {
      const t = this.#t.cancel(e);
      return this.#t.releaseLock(), await t, {
        done: true,
        value: e
      };
    }
    return this.#t.releaseLock(), {
      done: true,
      value: e
    };
  }
};
var n = /* @__PURE__ */ Symbol();
function i() {
  return this[n].next();
}
Object.defineProperty(i, "name", { value: "next" });
function o(r) {
  return this[n].return(r);
}
Object.defineProperty(o, "name", { value: "return" });
var u = Object.create(a, {
  next: {
    enumerable: true,
    configurable: true,
    writable: true,
    value: i
  },
  return: {
    enumerable: true,
    configurable: true,
    writable: true,
    value: o
  }
});
function h({ preventCancel: r = false } = {}) {
  const e = this.getReader(), t = new c(
    e,
    r
  ), s = Object.create(u);
  return s[n] = t, s;
}

// node_modules/get-stream/source/stream.js
var getAsyncIterable = (stream) => {
  if (isReadableStream(stream, { checkOpen: false }) && nodeImports.on !== void 0) {
    return getStreamIterable(stream);
  }
  if (typeof stream?.[Symbol.asyncIterator] === "function") {
    return stream;
  }
  if (toString.call(stream) === "[object ReadableStream]") {
    return h.call(stream);
  }
  throw new TypeError("The first argument must be a Readable, a ReadableStream, or an async iterable.");
};
var { toString } = Object.prototype;
var getStreamIterable = async function* (stream) {
  const controller = new AbortController();
  const state = {};
  handleStreamEnd(stream, controller, state);
  try {
    for await (const [chunk] of nodeImports.on(stream, "data", { signal: controller.signal })) {
      yield chunk;
    }
  } catch (error) {
    if (state.error !== void 0) {
      throw state.error;
    } else if (!controller.signal.aborted) {
      throw error;
    }
  } finally {
    stream.destroy();
  }
};
var handleStreamEnd = async (stream, controller, state) => {
  try {
    await nodeImports.finished(stream, {
      cleanup: true,
      readable: true,
      writable: false,
      error: false
    });
  } catch (error) {
    state.error = error;
  } finally {
    controller.abort();
  }
};
var nodeImports = {};

// node_modules/get-stream/source/contents.js
var getStreamContents = async (stream, { init, convertChunk, getSize, truncateChunk, addChunk, getFinalChunk, finalize }, { maxBuffer = Number.POSITIVE_INFINITY } = {}) => {
  const asyncIterable = getAsyncIterable(stream);
  const state = init();
  state.length = 0;
  try {
    for await (const chunk of asyncIterable) {
      const chunkType = getChunkType(chunk);
      const convertedChunk = convertChunk[chunkType](chunk, state);
      appendChunk({
        convertedChunk,
        state,
        getSize,
        truncateChunk,
        addChunk,
        maxBuffer
      });
    }
    appendFinalChunk({
      state,
      convertChunk,
      getSize,
      truncateChunk,
      addChunk,
      getFinalChunk,
      maxBuffer
    });
    return finalize(state);
  } catch (error) {
    const normalizedError = typeof error === "object" && error !== null ? error : new Error(error);
    normalizedError.bufferedData = finalize(state);
    throw normalizedError;
  }
};
var appendFinalChunk = ({ state, getSize, truncateChunk, addChunk, getFinalChunk, maxBuffer }) => {
  const convertedChunk = getFinalChunk(state);
  if (convertedChunk !== void 0) {
    appendChunk({
      convertedChunk,
      state,
      getSize,
      truncateChunk,
      addChunk,
      maxBuffer
    });
  }
};
var appendChunk = ({ convertedChunk, state, getSize, truncateChunk, addChunk, maxBuffer }) => {
  const chunkSize = getSize(convertedChunk);
  const newLength = state.length + chunkSize;
  if (newLength <= maxBuffer) {
    addNewChunk(convertedChunk, state, addChunk, newLength);
    return;
  }
  const truncatedChunk = truncateChunk(convertedChunk, maxBuffer - state.length);
  if (truncatedChunk !== void 0) {
    addNewChunk(truncatedChunk, state, addChunk, maxBuffer);
  }
  throw new MaxBufferError();
};
var addNewChunk = (convertedChunk, state, addChunk, newLength) => {
  state.contents = addChunk(convertedChunk, state, newLength);
  state.length = newLength;
};
var getChunkType = (chunk) => {
  const typeOfChunk = typeof chunk;
  if (typeOfChunk === "string") {
    return "string";
  }
  if (typeOfChunk !== "object" || chunk === null) {
    return "others";
  }
  if (globalThis.Buffer?.isBuffer(chunk)) {
    return "buffer";
  }
  const prototypeName = objectToString2.call(chunk);
  if (prototypeName === "[object ArrayBuffer]") {
    return "arrayBuffer";
  }
  if (prototypeName === "[object DataView]") {
    return "dataView";
  }
  if (Number.isInteger(chunk.byteLength) && Number.isInteger(chunk.byteOffset) && objectToString2.call(chunk.buffer) === "[object ArrayBuffer]") {
    return "typedArray";
  }
  return "others";
};
var { toString: objectToString2 } = Object.prototype;
var MaxBufferError = class extends Error {
  name = "MaxBufferError";
  constructor() {
    super("maxBuffer exceeded");
  }
};

// node_modules/get-stream/source/utils.js
var identity2 = (value) => value;
var noop = () => void 0;
var getContentsProperty = ({ contents }) => contents;
var throwObjectStream = (chunk) => {
  throw new Error(`Streams in object mode are not supported: ${String(chunk)}`);
};
var getLengthProperty = (convertedChunk) => convertedChunk.length;

// node_modules/get-stream/source/array.js
async function getStreamAsArray(stream, options) {
  return getStreamContents(stream, arrayMethods, options);
}
var initArray = () => ({ contents: [] });
var increment = () => 1;
var addArrayChunk = (convertedChunk, { contents }) => {
  contents.push(convertedChunk);
  return contents;
};
var arrayMethods = {
  init: initArray,
  convertChunk: {
    string: identity2,
    buffer: identity2,
    arrayBuffer: identity2,
    dataView: identity2,
    typedArray: identity2,
    others: identity2
  },
  getSize: increment,
  truncateChunk: noop,
  addChunk: addArrayChunk,
  getFinalChunk: noop,
  finalize: getContentsProperty
};

// node_modules/get-stream/source/array-buffer.js
async function getStreamAsArrayBuffer(stream, options) {
  return getStreamContents(stream, arrayBufferMethods, options);
}
var initArrayBuffer = () => ({ contents: new ArrayBuffer(0) });
var useTextEncoder = (chunk) => textEncoder2.encode(chunk);
var textEncoder2 = new TextEncoder();
var useUint8Array = (chunk) => new Uint8Array(chunk);
var useUint8ArrayWithOffset = (chunk) => new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
var truncateArrayBufferChunk = (convertedChunk, chunkSize) => convertedChunk.slice(0, chunkSize);
var addArrayBufferChunk = (convertedChunk, { contents, length: previousLength }, length) => {
  const newContents = hasArrayBufferResize() ? resizeArrayBuffer(contents, length) : resizeArrayBufferSlow(contents, length);
  new Uint8Array(newContents).set(convertedChunk, previousLength);
  return newContents;
};
var resizeArrayBufferSlow = (contents, length) => {
  if (length <= contents.byteLength) {
    return contents;
  }
  const arrayBuffer = new ArrayBuffer(getNewContentsLength(length));
  new Uint8Array(arrayBuffer).set(new Uint8Array(contents), 0);
  return arrayBuffer;
};
var resizeArrayBuffer = (contents, length) => {
  if (length <= contents.maxByteLength) {
    contents.resize(length);
    return contents;
  }
  const arrayBuffer = new ArrayBuffer(length, { maxByteLength: getNewContentsLength(length) });
  new Uint8Array(arrayBuffer).set(new Uint8Array(contents), 0);
  return arrayBuffer;
};
var getNewContentsLength = (length) => SCALE_FACTOR ** Math.ceil(Math.log(length) / Math.log(SCALE_FACTOR));
var SCALE_FACTOR = 2;
var finalizeArrayBuffer = ({ contents, length }) => hasArrayBufferResize() ? contents : contents.slice(0, length);
var hasArrayBufferResize = () => "resize" in ArrayBuffer.prototype;
var arrayBufferMethods = {
  init: initArrayBuffer,
  convertChunk: {
    string: useTextEncoder,
    buffer: useUint8Array,
    arrayBuffer: useUint8Array,
    dataView: useUint8ArrayWithOffset,
    typedArray: useUint8ArrayWithOffset,
    others: throwObjectStream
  },
  getSize: getLengthProperty,
  truncateChunk: truncateArrayBufferChunk,
  addChunk: addArrayBufferChunk,
  getFinalChunk: noop,
  finalize: finalizeArrayBuffer
};

// node_modules/get-stream/source/string.js
async function getStreamAsString(stream, options) {
  return getStreamContents(stream, stringMethods, options);
}
var initString = () => ({ contents: "", textDecoder: new TextDecoder() });
var useTextDecoder = (chunk, { textDecoder: textDecoder2 }) => textDecoder2.decode(chunk, { stream: true });
var addStringChunk = (convertedChunk, { contents }) => contents + convertedChunk;
var truncateStringChunk = (convertedChunk, chunkSize) => convertedChunk.slice(0, chunkSize);
var getFinalStringChunk = ({ textDecoder: textDecoder2 }) => {
  const finalChunk = textDecoder2.decode();
  return finalChunk === "" ? void 0 : finalChunk;
};
var stringMethods = {
  init: initString,
  convertChunk: {
    string: identity2,
    buffer: useTextDecoder,
    arrayBuffer: useTextDecoder,
    dataView: useTextDecoder,
    typedArray: useTextDecoder,
    others: throwObjectStream
  },
  getSize: getLengthProperty,
  truncateChunk: truncateStringChunk,
  addChunk: addStringChunk,
  getFinalChunk: getFinalStringChunk,
  finalize: getContentsProperty
};

// node_modules/get-stream/source/index.js
Object.assign(nodeImports, { on, finished });

// node_modules/execa/lib/io/max-buffer.js
var handleMaxBuffer = ({ error, stream, readableObjectMode, lines, encoding, fdNumber }) => {
  if (!(error instanceof MaxBufferError)) {
    throw error;
  }
  if (fdNumber === "all") {
    return error;
  }
  const unit = getMaxBufferUnit(readableObjectMode, lines, encoding);
  error.maxBufferInfo = { fdNumber, unit };
  stream.destroy();
  throw error;
};
var getMaxBufferUnit = (readableObjectMode, lines, encoding) => {
  if (readableObjectMode) {
    return "objects";
  }
  if (lines) {
    return "lines";
  }
  if (encoding === "buffer") {
    return "bytes";
  }
  return "characters";
};
var checkIpcMaxBuffer = (subprocess, ipcOutput, maxBuffer) => {
  if (ipcOutput.length !== maxBuffer) {
    return;
  }
  const error = new MaxBufferError();
  error.maxBufferInfo = { fdNumber: "ipc" };
  throw error;
};
var getMaxBufferMessage = (error, maxBuffer) => {
  const { streamName, threshold, unit } = getMaxBufferInfo(error, maxBuffer);
  return `Command's ${streamName} was larger than ${threshold} ${unit}`;
};
var getMaxBufferInfo = (error, maxBuffer) => {
  if (error?.maxBufferInfo === void 0) {
    return { streamName: "output", threshold: maxBuffer[1], unit: "bytes" };
  }
  const { maxBufferInfo: { fdNumber, unit } } = error;
  delete error.maxBufferInfo;
  const threshold = getFdSpecificValue(maxBuffer, fdNumber);
  if (fdNumber === "ipc") {
    return { streamName: "IPC output", threshold, unit: "messages" };
  }
  return { streamName: getStreamName(fdNumber), threshold, unit };
};
var isMaxBufferSync = (resultError, output, maxBuffer) => resultError?.code === "ENOBUFS" && output !== null && output.some((result2) => result2 !== null && result2.length > getMaxBufferSync(maxBuffer));
var truncateMaxBufferSync = (result2, isMaxBuffer, maxBuffer) => {
  if (!isMaxBuffer) {
    return result2;
  }
  const maxBufferValue = getMaxBufferSync(maxBuffer);
  return result2.length > maxBufferValue ? result2.slice(0, maxBufferValue) : result2;
};
var getMaxBufferSync = ([, stdoutMaxBuffer]) => stdoutMaxBuffer;

// node_modules/execa/lib/return/message.js
var createMessages = ({
  stdio,
  all,
  ipcOutput,
  originalError,
  signal,
  signalDescription,
  exitCode,
  escapedCommand,
  timedOut,
  isCanceled,
  isGracefullyCanceled,
  isMaxBuffer,
  isForcefullyTerminated,
  forceKillAfterDelay,
  killSignal,
  maxBuffer,
  timeout,
  cwd
}) => {
  const errorCode = originalError?.code;
  const prefix = getErrorPrefix({
    originalError,
    timedOut,
    timeout,
    isMaxBuffer,
    maxBuffer,
    errorCode,
    signal,
    signalDescription,
    exitCode,
    isCanceled,
    isGracefullyCanceled,
    isForcefullyTerminated,
    forceKillAfterDelay,
    killSignal
  });
  const originalMessage = getOriginalMessage(originalError, cwd);
  const suffix = originalMessage === void 0 ? "" : `
${originalMessage}`;
  const shortMessage = `${prefix}: ${escapedCommand}${suffix}`;
  const messageStdio = all === void 0 ? [stdio[2], stdio[1]] : [all];
  const message = [
    shortMessage,
    ...messageStdio,
    ...stdio.slice(3),
    ipcOutput.map((ipcMessage) => serializeIpcMessage(ipcMessage)).join("\n")
  ].map((messagePart) => escapeLines(stripFinalNewline(serializeMessagePart(messagePart)))).filter(Boolean).join("\n\n");
  return { originalMessage, shortMessage, message };
};
var getErrorPrefix = ({
  originalError,
  timedOut,
  timeout,
  isMaxBuffer,
  maxBuffer,
  errorCode,
  signal,
  signalDescription,
  exitCode,
  isCanceled,
  isGracefullyCanceled,
  isForcefullyTerminated,
  forceKillAfterDelay,
  killSignal
}) => {
  const forcefulSuffix = getForcefulSuffix(isForcefullyTerminated, forceKillAfterDelay);
  if (timedOut) {
    return `Command timed out after ${timeout} milliseconds${forcefulSuffix}`;
  }
  if (isGracefullyCanceled) {
    if (signal === void 0) {
      return `Command was gracefully canceled with exit code ${exitCode}`;
    }
    return isForcefullyTerminated ? `Command was gracefully canceled${forcefulSuffix}` : `Command was gracefully canceled with ${signal} (${signalDescription})`;
  }
  if (isCanceled) {
    return `Command was canceled${forcefulSuffix}`;
  }
  if (isMaxBuffer) {
    return `${getMaxBufferMessage(originalError, maxBuffer)}${forcefulSuffix}`;
  }
  if (errorCode !== void 0) {
    return `Command failed with ${errorCode}${forcefulSuffix}`;
  }
  if (isForcefullyTerminated) {
    return `Command was killed with ${killSignal} (${getSignalDescription(killSignal)})${forcefulSuffix}`;
  }
  if (signal !== void 0) {
    return `Command was killed with ${signal} (${signalDescription})`;
  }
  if (exitCode !== void 0) {
    return `Command failed with exit code ${exitCode}`;
  }
  return "Command failed";
};
var getForcefulSuffix = (isForcefullyTerminated, forceKillAfterDelay) => isForcefullyTerminated ? ` and was forcefully terminated after ${forceKillAfterDelay} milliseconds` : "";
var getOriginalMessage = (originalError, cwd) => {
  if (originalError instanceof DiscardedError) {
    return;
  }
  const originalMessage = isExecaError(originalError) ? originalError.originalMessage : String(originalError?.message ?? originalError);
  const escapedOriginalMessage = escapeLines(fixCwdError(originalMessage, cwd));
  return escapedOriginalMessage === "" ? void 0 : escapedOriginalMessage;
};
var serializeIpcMessage = (ipcMessage) => typeof ipcMessage === "string" ? ipcMessage : inspect2(ipcMessage);
var serializeMessagePart = (messagePart) => Array.isArray(messagePart) ? messagePart.map((messageItem) => stripFinalNewline(serializeMessageItem(messageItem))).filter(Boolean).join("\n") : serializeMessageItem(messagePart);
var serializeMessageItem = (messageItem) => {
  if (typeof messageItem === "string") {
    return messageItem;
  }
  if (isUint8Array(messageItem)) {
    return uint8ArrayToString(messageItem);
  }
  return "";
};

// node_modules/execa/lib/return/result.js
var makeSuccessResult = ({
  command,
  escapedCommand,
  stdio,
  all,
  ipcOutput,
  options: { cwd },
  startTime
}) => omitUndefinedProperties({
  command,
  escapedCommand,
  cwd,
  durationMs: getDurationMs(startTime),
  failed: false,
  timedOut: false,
  isCanceled: false,
  isGracefullyCanceled: false,
  isTerminated: false,
  isMaxBuffer: false,
  isForcefullyTerminated: false,
  exitCode: 0,
  stdout: stdio[1],
  stderr: stdio[2],
  all,
  stdio,
  ipcOutput,
  pipedFrom: []
});
var makeEarlyError = ({
  error,
  command,
  escapedCommand,
  fileDescriptors,
  options,
  startTime,
  isSync
}) => makeError({
  error,
  command,
  escapedCommand,
  startTime,
  timedOut: false,
  isCanceled: false,
  isGracefullyCanceled: false,
  isMaxBuffer: false,
  isForcefullyTerminated: false,
  stdio: Array.from({ length: fileDescriptors.length }),
  ipcOutput: [],
  options,
  isSync
});
var makeError = ({
  error: originalError,
  command,
  escapedCommand,
  startTime,
  timedOut,
  isCanceled,
  isGracefullyCanceled,
  isMaxBuffer,
  isForcefullyTerminated,
  exitCode: rawExitCode,
  signal: rawSignal,
  stdio,
  all,
  ipcOutput,
  options: {
    timeoutDuration,
    timeout = timeoutDuration,
    forceKillAfterDelay,
    killSignal,
    cwd,
    maxBuffer
  },
  isSync
}) => {
  const { exitCode, signal, signalDescription } = normalizeExitPayload(rawExitCode, rawSignal);
  const { originalMessage, shortMessage, message } = createMessages({
    stdio,
    all,
    ipcOutput,
    originalError,
    signal,
    signalDescription,
    exitCode,
    escapedCommand,
    timedOut,
    isCanceled,
    isGracefullyCanceled,
    isMaxBuffer,
    isForcefullyTerminated,
    forceKillAfterDelay,
    killSignal,
    maxBuffer,
    timeout,
    cwd
  });
  const error = getFinalError(originalError, message, isSync);
  Object.assign(error, getErrorProperties({
    error,
    command,
    escapedCommand,
    startTime,
    timedOut,
    isCanceled,
    isGracefullyCanceled,
    isMaxBuffer,
    isForcefullyTerminated,
    exitCode,
    signal,
    signalDescription,
    stdio,
    all,
    ipcOutput,
    cwd,
    originalMessage,
    shortMessage
  }));
  return error;
};
var getErrorProperties = ({
  error,
  command,
  escapedCommand,
  startTime,
  timedOut,
  isCanceled,
  isGracefullyCanceled,
  isMaxBuffer,
  isForcefullyTerminated,
  exitCode,
  signal,
  signalDescription,
  stdio,
  all,
  ipcOutput,
  cwd,
  originalMessage,
  shortMessage
}) => omitUndefinedProperties({
  shortMessage,
  originalMessage,
  command,
  escapedCommand,
  cwd,
  durationMs: getDurationMs(startTime),
  failed: true,
  timedOut,
  isCanceled,
  isGracefullyCanceled,
  isTerminated: signal !== void 0,
  isMaxBuffer,
  isForcefullyTerminated,
  exitCode,
  signal,
  signalDescription,
  code: error.cause?.code,
  stdout: stdio[1],
  stderr: stdio[2],
  all,
  stdio,
  ipcOutput,
  pipedFrom: []
});
var omitUndefinedProperties = (result2) => Object.fromEntries(Object.entries(result2).filter(([, value]) => value !== void 0));
var normalizeExitPayload = (rawExitCode, rawSignal) => {
  const exitCode = rawExitCode === null ? void 0 : rawExitCode;
  const signal = rawSignal === null ? void 0 : rawSignal;
  const signalDescription = signal === void 0 ? void 0 : getSignalDescription(rawSignal);
  return { exitCode, signal, signalDescription };
};

// node_modules/parse-ms/index.js
var toZeroIfInfinity = (value) => Number.isFinite(value) ? value : 0;
function parseNumber(milliseconds) {
  return {
    days: Math.trunc(milliseconds / 864e5),
    hours: Math.trunc(milliseconds / 36e5 % 24),
    minutes: Math.trunc(milliseconds / 6e4 % 60),
    seconds: Math.trunc(milliseconds / 1e3 % 60),
    milliseconds: Math.trunc(milliseconds % 1e3),
    microseconds: Math.trunc(toZeroIfInfinity(milliseconds * 1e3) % 1e3),
    nanoseconds: Math.trunc(toZeroIfInfinity(milliseconds * 1e6) % 1e3)
  };
}
function parseBigint(milliseconds) {
  return {
    days: milliseconds / 86400000n,
    hours: milliseconds / 3600000n % 24n,
    minutes: milliseconds / 60000n % 60n,
    seconds: milliseconds / 1000n % 60n,
    milliseconds: milliseconds % 1000n,
    microseconds: 0n,
    nanoseconds: 0n
  };
}
function parseMilliseconds(milliseconds) {
  switch (typeof milliseconds) {
    case "number": {
      if (Number.isFinite(milliseconds)) {
        return parseNumber(milliseconds);
      }
      break;
    }
    case "bigint": {
      return parseBigint(milliseconds);
    }
  }
  throw new TypeError("Expected a finite number or bigint");
}

// node_modules/pretty-ms/index.js
var isZero = (value) => value === 0 || value === 0n;
var pluralize = (word, count2) => count2 === 1 || count2 === 1n ? word : `${word}s`;
var SECOND_ROUNDING_EPSILON = 1e-7;
var ONE_DAY_IN_MILLISECONDS = 24n * 60n * 60n * 1000n;
function prettyMilliseconds(milliseconds, options) {
  const isBigInt = typeof milliseconds === "bigint";
  if (!isBigInt && !Number.isFinite(milliseconds)) {
    throw new TypeError("Expected a finite number or bigint");
  }
  options = { ...options };
  const sign = milliseconds < 0 ? "-" : "";
  milliseconds = milliseconds < 0 ? -milliseconds : milliseconds;
  if (options.colonNotation) {
    options.compact = false;
    options.formatSubMilliseconds = false;
    options.separateMilliseconds = false;
    options.verbose = false;
  }
  if (options.compact) {
    options.unitCount = 1;
    options.secondsDecimalDigits = 0;
    options.millisecondsDecimalDigits = 0;
  }
  let result2 = [];
  const floorDecimals = (value, decimalDigits) => {
    const flooredInterimValue = Math.floor(value * 10 ** decimalDigits + SECOND_ROUNDING_EPSILON);
    const flooredValue = Math.round(flooredInterimValue) / 10 ** decimalDigits;
    return flooredValue.toFixed(decimalDigits);
  };
  const add = (value, long, short, valueString) => {
    if ((result2.length === 0 || !options.colonNotation) && isZero(value) && !(options.colonNotation && short === "m")) {
      return;
    }
    valueString ??= String(value);
    if (options.colonNotation) {
      const wholeDigits = valueString.includes(".") ? valueString.split(".")[0].length : valueString.length;
      const minLength = result2.length > 0 ? 2 : 1;
      valueString = "0".repeat(Math.max(0, minLength - wholeDigits)) + valueString;
    } else {
      valueString += options.verbose ? " " + pluralize(long, value) : short;
    }
    result2.push(valueString);
  };
  const parsed = parseMilliseconds(milliseconds);
  const days = BigInt(parsed.days);
  if (options.hideYearAndDays) {
    add(BigInt(days) * 24n + BigInt(parsed.hours), "hour", "h");
  } else {
    if (options.hideYear) {
      add(days, "day", "d");
    } else {
      add(days / 365n, "year", "y");
      add(days % 365n, "day", "d");
    }
    add(Number(parsed.hours), "hour", "h");
  }
  add(Number(parsed.minutes), "minute", "m");
  if (!options.hideSeconds) {
    if (options.separateMilliseconds || options.formatSubMilliseconds || !options.colonNotation && milliseconds < 1e3 && !options.subSecondsAsDecimals) {
      const seconds = Number(parsed.seconds);
      const milliseconds2 = Number(parsed.milliseconds);
      const microseconds = Number(parsed.microseconds);
      const nanoseconds = Number(parsed.nanoseconds);
      add(seconds, "second", "s");
      if (options.formatSubMilliseconds) {
        add(milliseconds2, "millisecond", "ms");
        add(microseconds, "microsecond", "\xB5s");
        add(nanoseconds, "nanosecond", "ns");
      } else {
        const millisecondsAndBelow = milliseconds2 + microseconds / 1e3 + nanoseconds / 1e6;
        const millisecondsDecimalDigits = typeof options.millisecondsDecimalDigits === "number" ? options.millisecondsDecimalDigits : 0;
        const roundedMilliseconds = millisecondsAndBelow >= 1 ? Math.round(millisecondsAndBelow) : Math.ceil(millisecondsAndBelow);
        const maximumMilliseconds = 1e3 - 10 ** -millisecondsDecimalDigits;
        const millisecondsString = millisecondsDecimalDigits ? Math.min(millisecondsAndBelow, maximumMilliseconds).toFixed(millisecondsDecimalDigits) : Math.min(roundedMilliseconds, maximumMilliseconds);
        add(
          Number.parseFloat(millisecondsString),
          "millisecond",
          "ms",
          millisecondsString
        );
      }
    } else {
      const seconds = (isBigInt ? Number(milliseconds % ONE_DAY_IN_MILLISECONDS) : milliseconds) / 1e3 % 60;
      const secondsDecimalDigits = typeof options.secondsDecimalDigits === "number" ? options.secondsDecimalDigits : 1;
      const secondsFixed = floorDecimals(seconds, secondsDecimalDigits);
      const secondsString = options.keepDecimalsOnWholeSeconds ? secondsFixed : secondsFixed.replace(/\.0+$/, "");
      add(Number.parseFloat(secondsString), "second", "s", secondsString);
    }
  }
  if (result2.length === 0) {
    return sign + "0" + (options.verbose ? " milliseconds" : "ms");
  }
  const separator = options.colonNotation ? ":" : " ";
  if (typeof options.unitCount === "number") {
    result2 = result2.slice(0, Math.max(options.unitCount, 1));
  }
  return sign + result2.join(separator);
}

// node_modules/execa/lib/verbose/error.js
var logError = (result2, verboseInfo) => {
  if (result2.failed) {
    verboseLog({
      type: "error",
      verboseMessage: result2.shortMessage,
      verboseInfo,
      result: result2
    });
  }
};

// node_modules/execa/lib/verbose/complete.js
var logResult = (result2, verboseInfo) => {
  if (!isVerbose(verboseInfo)) {
    return;
  }
  logError(result2, verboseInfo);
  logDuration(result2, verboseInfo);
};
var logDuration = (result2, verboseInfo) => {
  const verboseMessage = `(done in ${prettyMilliseconds(result2.durationMs)})`;
  verboseLog({
    type: "duration",
    verboseMessage,
    verboseInfo,
    result: result2
  });
};

// node_modules/execa/lib/return/reject.js
var handleResult = (result2, verboseInfo, { reject }) => {
  logResult(result2, verboseInfo);
  if (result2.failed && reject) {
    throw result2;
  }
  return result2;
};

// node_modules/execa/lib/stdio/handle-sync.js
import { readFileSync as readFileSync2 } from "node:fs";

// node_modules/execa/lib/stdio/type.js
var getStdioItemType = (value, optionName) => {
  if (isAsyncGenerator(value)) {
    return "asyncGenerator";
  }
  if (isSyncGenerator(value)) {
    return "generator";
  }
  if (isUrl(value)) {
    return "fileUrl";
  }
  if (isFilePathObject(value)) {
    return "filePath";
  }
  if (isWebStream(value)) {
    return "webStream";
  }
  if (isStream(value, { checkOpen: false })) {
    return "native";
  }
  if (isUint8Array(value)) {
    return "uint8Array";
  }
  if (isAsyncIterableObject(value)) {
    return "asyncIterable";
  }
  if (isIterableObject(value)) {
    return "iterable";
  }
  if (isTransformStream(value)) {
    return getTransformStreamType({ transform: value }, optionName);
  }
  if (isTransformOptions(value)) {
    return getTransformObjectType(value, optionName);
  }
  return "native";
};
var getTransformObjectType = (value, optionName) => {
  if (isDuplexStream(value.transform, { checkOpen: false })) {
    return getDuplexType(value, optionName);
  }
  if (isTransformStream(value.transform)) {
    return getTransformStreamType(value, optionName);
  }
  return getGeneratorObjectType(value, optionName);
};
var getDuplexType = (value, optionName) => {
  validateNonGeneratorType(value, optionName, "Duplex stream");
  return "duplex";
};
var getTransformStreamType = (value, optionName) => {
  validateNonGeneratorType(value, optionName, "web TransformStream");
  return "webTransform";
};
var validateNonGeneratorType = ({ final, binary, objectMode }, optionName, typeName) => {
  checkUndefinedOption(final, `${optionName}.final`, typeName);
  checkUndefinedOption(binary, `${optionName}.binary`, typeName);
  checkBooleanOption(objectMode, `${optionName}.objectMode`);
};
var checkUndefinedOption = (value, optionName, typeName) => {
  if (value !== void 0) {
    throw new TypeError(`The \`${optionName}\` option can only be defined when using a generator, not a ${typeName}.`);
  }
};
var getGeneratorObjectType = ({ transform, final, binary, objectMode }, optionName) => {
  if (transform !== void 0 && !isGenerator(transform)) {
    throw new TypeError(`The \`${optionName}.transform\` option must be a generator, a Duplex stream or a web TransformStream.`);
  }
  if (isDuplexStream(final, { checkOpen: false })) {
    throw new TypeError(`The \`${optionName}.final\` option must not be a Duplex stream.`);
  }
  if (isTransformStream(final)) {
    throw new TypeError(`The \`${optionName}.final\` option must not be a web TransformStream.`);
  }
  if (final !== void 0 && !isGenerator(final)) {
    throw new TypeError(`The \`${optionName}.final\` option must be a generator.`);
  }
  checkBooleanOption(binary, `${optionName}.binary`);
  checkBooleanOption(objectMode, `${optionName}.objectMode`);
  return isAsyncGenerator(transform) || isAsyncGenerator(final) ? "asyncGenerator" : "generator";
};
var checkBooleanOption = (value, optionName) => {
  if (value !== void 0 && typeof value !== "boolean") {
    throw new TypeError(`The \`${optionName}\` option must use a boolean.`);
  }
};
var isGenerator = (value) => isAsyncGenerator(value) || isSyncGenerator(value);
var isAsyncGenerator = (value) => Object.prototype.toString.call(value) === "[object AsyncGeneratorFunction]";
var isSyncGenerator = (value) => Object.prototype.toString.call(value) === "[object GeneratorFunction]";
var isTransformOptions = (value) => isPlainObject(value) && (value.transform !== void 0 || value.final !== void 0);
var isUrl = (value) => Object.prototype.toString.call(value) === "[object URL]";
var isRegularUrl = (value) => isUrl(value) && value.protocol !== "file:";
var isFilePathObject = (value) => isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => FILE_PATH_KEYS.has(key)) && isFilePathString(value.file);
var FILE_PATH_KEYS = /* @__PURE__ */ new Set(["file", "append"]);
var isFilePathString = (file) => typeof file === "string";
var isUnknownStdioString = (type, value) => type === "native" && typeof value === "string" && !KNOWN_STDIO_STRINGS.has(value);
var KNOWN_STDIO_STRINGS = /* @__PURE__ */ new Set(["ipc", "ignore", "inherit", "overlapped", "pipe"]);
var isReadableStream2 = (value) => Object.prototype.toString.call(value) === "[object ReadableStream]";
var isWritableStream2 = (value) => Object.prototype.toString.call(value) === "[object WritableStream]";
var isWebStream = (value) => isReadableStream2(value) || isWritableStream2(value);
var isTransformStream = (value) => isReadableStream2(value?.readable) && isWritableStream2(value?.writable);
var isAsyncIterableObject = (value) => isObject(value) && typeof value[Symbol.asyncIterator] === "function";
var isIterableObject = (value) => isObject(value) && typeof value[Symbol.iterator] === "function";
var isObject = (value) => typeof value === "object" && value !== null;
var TRANSFORM_TYPES = /* @__PURE__ */ new Set(["generator", "asyncGenerator", "duplex", "webTransform"]);
var FILE_TYPES = /* @__PURE__ */ new Set(["fileUrl", "filePath", "fileNumber"]);
var SPECIAL_DUPLICATE_TYPES_SYNC = /* @__PURE__ */ new Set(["fileUrl", "filePath"]);
var SPECIAL_DUPLICATE_TYPES = /* @__PURE__ */ new Set([...SPECIAL_DUPLICATE_TYPES_SYNC, "webStream", "nodeStream"]);
var FORBID_DUPLICATE_TYPES = /* @__PURE__ */ new Set(["webTransform", "duplex"]);
var TYPE_TO_MESSAGE = {
  generator: "a generator",
  asyncGenerator: "an async generator",
  fileUrl: "a file URL",
  filePath: "a file path string",
  fileNumber: "a file descriptor number",
  webStream: "a web stream",
  nodeStream: "a Node.js stream",
  webTransform: "a web TransformStream",
  duplex: "a Duplex stream",
  native: "any value",
  iterable: "an iterable",
  asyncIterable: "an async iterable",
  string: "a string",
  uint8Array: "a Uint8Array"
};

// node_modules/execa/lib/transform/object-mode.js
var getTransformObjectModes = (objectMode, index, newTransforms, direction) => direction === "output" ? getOutputObjectModes(objectMode, index, newTransforms) : getInputObjectModes(objectMode, index, newTransforms);
var getOutputObjectModes = (objectMode, index, newTransforms) => {
  const writableObjectMode = index !== 0 && newTransforms[index - 1].value.readableObjectMode;
  const readableObjectMode = objectMode ?? writableObjectMode;
  return { writableObjectMode, readableObjectMode };
};
var getInputObjectModes = (objectMode, index, newTransforms) => {
  const writableObjectMode = index === 0 ? objectMode === true : newTransforms[index - 1].value.readableObjectMode;
  const readableObjectMode = index !== newTransforms.length - 1 && (objectMode ?? writableObjectMode);
  return { writableObjectMode, readableObjectMode };
};
var getFdObjectMode = (stdioItems, direction) => {
  const lastTransform = stdioItems.findLast(({ type }) => TRANSFORM_TYPES.has(type));
  if (lastTransform === void 0) {
    return false;
  }
  return direction === "input" ? lastTransform.value.writableObjectMode : lastTransform.value.readableObjectMode;
};

// node_modules/execa/lib/transform/normalize.js
var normalizeTransforms = (stdioItems, optionName, direction, options) => [
  ...stdioItems.filter(({ type }) => !TRANSFORM_TYPES.has(type)),
  ...getTransforms(stdioItems, optionName, direction, options)
];
var getTransforms = (stdioItems, optionName, direction, { encoding }) => {
  const transforms = stdioItems.filter(({ type }) => TRANSFORM_TYPES.has(type));
  const newTransforms = Array.from({ length: transforms.length });
  for (const [index, stdioItem] of Object.entries(transforms)) {
    newTransforms[index] = normalizeTransform({
      stdioItem,
      index: Number(index),
      newTransforms,
      optionName,
      direction,
      encoding
    });
  }
  return sortTransforms(newTransforms, direction);
};
var normalizeTransform = ({ stdioItem, stdioItem: { type }, index, newTransforms, optionName, direction, encoding }) => {
  if (type === "duplex") {
    return normalizeDuplex({ stdioItem, optionName });
  }
  if (type === "webTransform") {
    return normalizeTransformStream({
      stdioItem,
      index,
      newTransforms,
      direction
    });
  }
  return normalizeGenerator({
    stdioItem,
    index,
    newTransforms,
    direction,
    encoding
  });
};
var normalizeDuplex = ({
  stdioItem,
  stdioItem: {
    value: {
      transform,
      transform: { writableObjectMode, readableObjectMode },
      objectMode = readableObjectMode
    }
  },
  optionName
}) => {
  if (objectMode && !readableObjectMode) {
    throw new TypeError(`The \`${optionName}.objectMode\` option can only be \`true\` if \`new Duplex({objectMode: true})\` is used.`);
  }
  if (!objectMode && readableObjectMode) {
    throw new TypeError(`The \`${optionName}.objectMode\` option cannot be \`false\` if \`new Duplex({objectMode: true})\` is used.`);
  }
  return {
    ...stdioItem,
    value: { transform, writableObjectMode, readableObjectMode }
  };
};
var normalizeTransformStream = ({ stdioItem, stdioItem: { value }, index, newTransforms, direction }) => {
  const { transform, objectMode } = isPlainObject(value) ? value : { transform: value };
  const { writableObjectMode, readableObjectMode } = getTransformObjectModes(objectMode, index, newTransforms, direction);
  return {
    ...stdioItem,
    value: { transform, writableObjectMode, readableObjectMode }
  };
};
var normalizeGenerator = ({ stdioItem, stdioItem: { value }, index, newTransforms, direction, encoding }) => {
  const {
    transform,
    final,
    binary: binaryOption = false,
    preserveNewlines = false,
    objectMode
  } = isPlainObject(value) ? value : { transform: value };
  const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
  const { writableObjectMode, readableObjectMode } = getTransformObjectModes(objectMode, index, newTransforms, direction);
  return {
    ...stdioItem,
    value: {
      transform,
      final,
      binary,
      preserveNewlines,
      writableObjectMode,
      readableObjectMode
    }
  };
};
var sortTransforms = (newTransforms, direction) => direction === "input" ? newTransforms.reverse() : newTransforms;

// node_modules/execa/lib/stdio/direction.js
import process7 from "node:process";
var getStreamDirection = (stdioItems, fdNumber, optionName) => {
  const directions = stdioItems.map((stdioItem) => getStdioItemDirection(stdioItem, fdNumber));
  if (directions.includes("input") && directions.includes("output")) {
    throw new TypeError(`The \`${optionName}\` option must not be an array of both readable and writable values.`);
  }
  return directions.find(Boolean) ?? DEFAULT_DIRECTION;
};
var getStdioItemDirection = ({ type, value }, fdNumber) => KNOWN_DIRECTIONS[fdNumber] ?? guessStreamDirection[type](value);
var KNOWN_DIRECTIONS = ["input", "output", "output"];
var anyDirection = () => void 0;
var alwaysInput = () => "input";
var guessStreamDirection = {
  generator: anyDirection,
  asyncGenerator: anyDirection,
  fileUrl: anyDirection,
  filePath: anyDirection,
  iterable: alwaysInput,
  asyncIterable: alwaysInput,
  uint8Array: alwaysInput,
  webStream: (value) => isWritableStream2(value) ? "output" : "input",
  nodeStream(value) {
    if (!isReadableStream(value, { checkOpen: false })) {
      return "output";
    }
    return isWritableStream(value, { checkOpen: false }) ? void 0 : "input";
  },
  webTransform: anyDirection,
  duplex: anyDirection,
  native(value) {
    const standardStreamDirection = getStandardStreamDirection(value);
    if (standardStreamDirection !== void 0) {
      return standardStreamDirection;
    }
    if (isStream(value, { checkOpen: false })) {
      return guessStreamDirection.nodeStream(value);
    }
  }
};
var getStandardStreamDirection = (value) => {
  if ([0, process7.stdin].includes(value)) {
    return "input";
  }
  if ([1, 2, process7.stdout, process7.stderr].includes(value)) {
    return "output";
  }
};
var DEFAULT_DIRECTION = "output";

// node_modules/execa/lib/ipc/array.js
var normalizeIpcStdioArray = (stdioArray, ipc) => ipc && !stdioArray.includes("ipc") ? [...stdioArray, "ipc"] : stdioArray;

// node_modules/execa/lib/stdio/stdio-option.js
var normalizeStdioOption = ({ stdio, ipc, buffer, ...options }, verboseInfo, isSync) => {
  const stdioArray = getStdioArray(stdio, options).map((stdioOption, fdNumber) => addDefaultValue2(stdioOption, fdNumber));
  return isSync ? normalizeStdioSync(stdioArray, buffer, verboseInfo) : normalizeIpcStdioArray(stdioArray, ipc);
};
var getStdioArray = (stdio, options) => {
  if (stdio === void 0) {
    return STANDARD_STREAMS_ALIASES.map((alias) => options[alias]);
  }
  if (hasAlias(options)) {
    throw new Error(`It's not possible to provide \`stdio\` in combination with one of ${STANDARD_STREAMS_ALIASES.map((alias) => `\`${alias}\``).join(", ")}`);
  }
  if (typeof stdio === "string") {
    return [stdio, stdio, stdio];
  }
  if (!Array.isArray(stdio)) {
    throw new TypeError(`Expected \`stdio\` to be of type \`string\` or \`Array\`, got \`${typeof stdio}\``);
  }
  const length = Math.max(stdio.length, STANDARD_STREAMS_ALIASES.length);
  return Array.from({ length }, (_, fdNumber) => stdio[fdNumber]);
};
var hasAlias = (options) => STANDARD_STREAMS_ALIASES.some((alias) => options[alias] !== void 0);
var addDefaultValue2 = (stdioOption, fdNumber) => {
  if (Array.isArray(stdioOption)) {
    return stdioOption.map((item) => addDefaultValue2(item, fdNumber));
  }
  if (stdioOption === null || stdioOption === void 0) {
    return fdNumber >= STANDARD_STREAMS_ALIASES.length ? "ignore" : "pipe";
  }
  return stdioOption;
};
var normalizeStdioSync = (stdioArray, buffer, verboseInfo) => stdioArray.map((stdioOption, fdNumber) => !buffer[fdNumber] && fdNumber !== 0 && !isFullVerbose(verboseInfo, fdNumber) && isOutputPipeOnly(stdioOption) ? "ignore" : stdioOption);
var isOutputPipeOnly = (stdioOption) => stdioOption === "pipe" || Array.isArray(stdioOption) && stdioOption.every((item) => item === "pipe");

// node_modules/execa/lib/stdio/native.js
import { readFileSync } from "node:fs";
import tty2 from "node:tty";
var handleNativeStream = ({ stdioItem, stdioItem: { type }, isStdioArray, fdNumber, direction, isSync }) => {
  if (!isStdioArray || type !== "native") {
    return stdioItem;
  }
  return isSync ? handleNativeStreamSync({ stdioItem, fdNumber, direction }) : handleNativeStreamAsync({ stdioItem, fdNumber });
};
var handleNativeStreamSync = ({ stdioItem, stdioItem: { value, optionName }, fdNumber, direction }) => {
  const targetFd = getTargetFd({
    value,
    optionName,
    fdNumber,
    direction
  });
  if (targetFd !== void 0) {
    return targetFd;
  }
  if (isStream(value, { checkOpen: false })) {
    throw new TypeError(`The \`${optionName}: Stream\` option cannot both be an array and include a stream with synchronous methods.`);
  }
  return stdioItem;
};
var getTargetFd = ({ value, optionName, fdNumber, direction }) => {
  const targetFdNumber = getTargetFdNumber(value, fdNumber);
  if (targetFdNumber === void 0) {
    return;
  }
  if (direction === "output") {
    return { type: "fileNumber", value: targetFdNumber, optionName };
  }
  if (tty2.isatty(targetFdNumber)) {
    throw new TypeError(`The \`${optionName}: ${serializeOptionValue(value)}\` option is invalid: it cannot be a TTY with synchronous methods.`);
  }
  return { type: "uint8Array", value: bufferToUint8Array(readFileSync(targetFdNumber)), optionName };
};
var getTargetFdNumber = (value, fdNumber) => {
  if (value === "inherit") {
    return fdNumber;
  }
  if (typeof value === "number") {
    return value;
  }
  const standardStreamIndex = STANDARD_STREAMS.indexOf(value);
  if (standardStreamIndex !== -1) {
    return standardStreamIndex;
  }
};
var handleNativeStreamAsync = ({ stdioItem, stdioItem: { value, optionName }, fdNumber }) => {
  if (value === "inherit") {
    return { type: "nodeStream", value: getStandardStream(fdNumber, value, optionName), optionName };
  }
  if (typeof value === "number") {
    return { type: "nodeStream", value: getStandardStream(value, value, optionName), optionName };
  }
  if (isStream(value, { checkOpen: false })) {
    return { type: "nodeStream", value, optionName };
  }
  return stdioItem;
};
var getStandardStream = (fdNumber, value, optionName) => {
  const standardStream = STANDARD_STREAMS[fdNumber];
  if (standardStream === void 0) {
    throw new TypeError(`The \`${optionName}: ${value}\` option is invalid: no such standard stream.`);
  }
  return standardStream;
};

// node_modules/execa/lib/stdio/input-option.js
var handleInputOptions = ({ input, inputFile }, fdNumber) => fdNumber === 0 ? [
  ...handleInputOption(input),
  ...handleInputFileOption(inputFile)
] : [];
var handleInputOption = (input) => input === void 0 ? [] : [{
  type: getInputType(input),
  value: input,
  optionName: "input"
}];
var getInputType = (input) => {
  if (isReadableStream(input, { checkOpen: false })) {
    return "nodeStream";
  }
  if (typeof input === "string") {
    return "string";
  }
  if (isUint8Array(input)) {
    return "uint8Array";
  }
  throw new Error("The `input` option must be a string, a Uint8Array or a Node.js Readable stream.");
};
var handleInputFileOption = (inputFile) => inputFile === void 0 ? [] : [{
  ...getInputFileType(inputFile),
  optionName: "inputFile"
}];
var getInputFileType = (inputFile) => {
  if (isUrl(inputFile)) {
    return { type: "fileUrl", value: inputFile };
  }
  if (isFilePathString(inputFile)) {
    return { type: "filePath", value: { file: inputFile } };
  }
  throw new Error("The `inputFile` option must be a file path string or a file URL.");
};

// node_modules/execa/lib/stdio/duplicate.js
var filterDuplicates = (stdioItems) => stdioItems.filter((stdioItemOne, indexOne) => stdioItems.every((stdioItemTwo, indexTwo) => stdioItemOne.value !== stdioItemTwo.value || indexOne >= indexTwo || stdioItemOne.type === "generator" || stdioItemOne.type === "asyncGenerator"));
var getDuplicateStream = ({ stdioItem: { type, value, optionName }, direction, fileDescriptors, isSync }) => {
  const otherStdioItems = getOtherStdioItems(fileDescriptors, type);
  if (otherStdioItems.length === 0) {
    return;
  }
  if (isSync) {
    validateDuplicateStreamSync({
      otherStdioItems,
      type,
      value,
      optionName,
      direction
    });
    return;
  }
  if (SPECIAL_DUPLICATE_TYPES.has(type)) {
    return getDuplicateStreamInstance({
      otherStdioItems,
      type,
      value,
      optionName,
      direction
    });
  }
  if (FORBID_DUPLICATE_TYPES.has(type)) {
    validateDuplicateTransform({
      otherStdioItems,
      type,
      value,
      optionName
    });
  }
};
var getOtherStdioItems = (fileDescriptors, type) => fileDescriptors.flatMap(({ direction, stdioItems }) => stdioItems.filter((stdioItem) => stdioItem.type === type).map(((stdioItem) => ({ ...stdioItem, direction }))));
var validateDuplicateStreamSync = ({ otherStdioItems, type, value, optionName, direction }) => {
  if (SPECIAL_DUPLICATE_TYPES_SYNC.has(type)) {
    getDuplicateStreamInstance({
      otherStdioItems,
      type,
      value,
      optionName,
      direction
    });
  }
};
var getDuplicateStreamInstance = ({ otherStdioItems, type, value, optionName, direction }) => {
  const duplicateStdioItems = otherStdioItems.filter((stdioItem) => hasSameValue(stdioItem, value));
  if (duplicateStdioItems.length === 0) {
    return;
  }
  const differentStdioItem = duplicateStdioItems.find((stdioItem) => stdioItem.direction !== direction);
  throwOnDuplicateStream(differentStdioItem, optionName, type);
  return direction === "output" ? duplicateStdioItems[0].stream : void 0;
};
var hasSameValue = ({ type, value }, secondValue) => {
  if (type === "filePath") {
    return value.file === secondValue.file;
  }
  if (type === "fileUrl") {
    return value.href === secondValue.href;
  }
  return value === secondValue;
};
var validateDuplicateTransform = ({ otherStdioItems, type, value, optionName }) => {
  const duplicateStdioItem = otherStdioItems.find(({ value: { transform } }) => transform === value.transform);
  throwOnDuplicateStream(duplicateStdioItem, optionName, type);
};
var throwOnDuplicateStream = (stdioItem, optionName, type) => {
  if (stdioItem !== void 0) {
    throw new TypeError(`The \`${stdioItem.optionName}\` and \`${optionName}\` options must not target ${TYPE_TO_MESSAGE[type]} that is the same.`);
  }
};

// node_modules/execa/lib/stdio/handle.js
var handleStdio = (addProperties3, options, verboseInfo, isSync) => {
  const stdio = normalizeStdioOption(options, verboseInfo, isSync);
  const initialFileDescriptors = stdio.map((stdioOption, fdNumber) => getFileDescriptor({
    stdioOption,
    fdNumber,
    options,
    isSync
  }));
  const fileDescriptors = getFinalFileDescriptors({
    initialFileDescriptors,
    addProperties: addProperties3,
    options,
    isSync
  });
  options.stdio = fileDescriptors.map(({ stdioItems }) => forwardStdio(stdioItems));
  return fileDescriptors;
};
var getFileDescriptor = ({ stdioOption, fdNumber, options, isSync }) => {
  const optionName = getStreamName(fdNumber);
  const { stdioItems: initialStdioItems, isStdioArray } = initializeStdioItems({
    stdioOption,
    fdNumber,
    options,
    optionName
  });
  const direction = getStreamDirection(initialStdioItems, fdNumber, optionName);
  const stdioItems = initialStdioItems.map((stdioItem) => handleNativeStream({
    stdioItem,
    isStdioArray,
    fdNumber,
    direction,
    isSync
  }));
  const normalizedStdioItems = normalizeTransforms(stdioItems, optionName, direction, options);
  const objectMode = getFdObjectMode(normalizedStdioItems, direction);
  validateFileObjectMode(normalizedStdioItems, objectMode);
  return { direction, objectMode, stdioItems: normalizedStdioItems };
};
var initializeStdioItems = ({ stdioOption, fdNumber, options, optionName }) => {
  const values = Array.isArray(stdioOption) ? stdioOption : [stdioOption];
  const initialStdioItems = [
    ...values.map((value) => initializeStdioItem(value, optionName)),
    ...handleInputOptions(options, fdNumber)
  ];
  const stdioItems = filterDuplicates(initialStdioItems);
  const isStdioArray = stdioItems.length > 1;
  validateStdioArray(stdioItems, isStdioArray, optionName);
  validateStreams(stdioItems);
  return { stdioItems, isStdioArray };
};
var initializeStdioItem = (value, optionName) => ({
  type: getStdioItemType(value, optionName),
  value,
  optionName
});
var validateStdioArray = (stdioItems, isStdioArray, optionName) => {
  if (stdioItems.length === 0) {
    throw new TypeError(`The \`${optionName}\` option must not be an empty array.`);
  }
  if (!isStdioArray) {
    return;
  }
  for (const { value, optionName: optionName2 } of stdioItems) {
    if (INVALID_STDIO_ARRAY_OPTIONS.has(value)) {
      throw new Error(`The \`${optionName2}\` option must not include \`${value}\`.`);
    }
  }
};
var INVALID_STDIO_ARRAY_OPTIONS = /* @__PURE__ */ new Set(["ignore", "ipc"]);
var validateStreams = (stdioItems) => {
  for (const stdioItem of stdioItems) {
    validateFileStdio(stdioItem);
  }
};
var validateFileStdio = ({ type, value, optionName }) => {
  if (isRegularUrl(value)) {
    throw new TypeError(`The \`${optionName}: URL\` option must use the \`file:\` scheme.
For example, you can use the \`pathToFileURL()\` method of the \`url\` core module.`);
  }
  if (isUnknownStdioString(type, value)) {
    throw new TypeError(`The \`${optionName}: { file: '...' }\` option must be used instead of \`${optionName}: '...'\`.`);
  }
};
var validateFileObjectMode = (stdioItems, objectMode) => {
  if (!objectMode) {
    return;
  }
  const fileStdioItem = stdioItems.find(({ type }) => FILE_TYPES.has(type));
  if (fileStdioItem !== void 0) {
    throw new TypeError(`The \`${fileStdioItem.optionName}\` option cannot use both files and transforms in objectMode.`);
  }
};
var getFinalFileDescriptors = ({ initialFileDescriptors, addProperties: addProperties3, options, isSync }) => {
  const fileDescriptors = [];
  try {
    for (const fileDescriptor of initialFileDescriptors) {
      fileDescriptors.push(getFinalFileDescriptor({
        fileDescriptor,
        fileDescriptors,
        addProperties: addProperties3,
        options,
        isSync
      }));
    }
    return fileDescriptors;
  } catch (error) {
    cleanupCustomStreams(fileDescriptors);
    throw error;
  }
};
var getFinalFileDescriptor = ({
  fileDescriptor: { direction, objectMode, stdioItems },
  fileDescriptors,
  addProperties: addProperties3,
  options,
  isSync
}) => {
  const finalStdioItems = stdioItems.map((stdioItem) => addStreamProperties({
    stdioItem,
    addProperties: addProperties3,
    direction,
    options,
    fileDescriptors,
    isSync
  }));
  return { direction, objectMode, stdioItems: finalStdioItems };
};
var addStreamProperties = ({ stdioItem, addProperties: addProperties3, direction, options, fileDescriptors, isSync }) => {
  const duplicateStream = getDuplicateStream({
    stdioItem,
    direction,
    fileDescriptors,
    isSync
  });
  if (duplicateStream !== void 0) {
    return { ...stdioItem, stream: duplicateStream };
  }
  return {
    ...stdioItem,
    ...addProperties3[direction][stdioItem.type](stdioItem, options)
  };
};
var cleanupCustomStreams = (fileDescriptors) => {
  for (const { stdioItems } of fileDescriptors) {
    for (const { stream } of stdioItems) {
      if (stream !== void 0 && !isStandardStream(stream)) {
        stream.destroy();
      }
    }
  }
};
var forwardStdio = (stdioItems) => {
  if (stdioItems.length > 1) {
    return stdioItems.some(({ value: value2 }) => value2 === "overlapped") ? "overlapped" : "pipe";
  }
  const [{ type, value }] = stdioItems;
  return type === "native" ? value : "pipe";
};

// node_modules/execa/lib/stdio/handle-sync.js
var handleStdioSync = (options, verboseInfo) => handleStdio(addPropertiesSync, options, verboseInfo, true);
var forbiddenIfSync = ({ type, optionName }) => {
  throwInvalidSyncValue(optionName, TYPE_TO_MESSAGE[type]);
};
var forbiddenNativeIfSync = ({ optionName, value }) => {
  if (value === "ipc" || value === "overlapped") {
    throwInvalidSyncValue(optionName, `"${value}"`);
  }
  return {};
};
var throwInvalidSyncValue = (optionName, value) => {
  throw new TypeError(`The \`${optionName}\` option cannot be ${value} with synchronous methods.`);
};
var addProperties = {
  generator() {
  },
  asyncGenerator: forbiddenIfSync,
  webStream: forbiddenIfSync,
  nodeStream: forbiddenIfSync,
  webTransform: forbiddenIfSync,
  duplex: forbiddenIfSync,
  asyncIterable: forbiddenIfSync,
  native: forbiddenNativeIfSync
};
var addPropertiesSync = {
  input: {
    ...addProperties,
    fileUrl: ({ value }) => ({ contents: [bufferToUint8Array(readFileSync2(value))] }),
    filePath: ({ value: { file } }) => ({ contents: [bufferToUint8Array(readFileSync2(file))] }),
    fileNumber: forbiddenIfSync,
    iterable: ({ value }) => ({ contents: [...value] }),
    string: ({ value }) => ({ contents: [value] }),
    uint8Array: ({ value }) => ({ contents: [value] })
  },
  output: {
    ...addProperties,
    fileUrl: ({ value }) => ({ path: value }),
    filePath: ({ value: { file, append } }) => ({ path: file, append }),
    fileNumber: ({ value }) => ({ path: value }),
    iterable: forbiddenIfSync,
    string: forbiddenIfSync,
    uint8Array: forbiddenIfSync
  }
};

// node_modules/execa/lib/io/strip-newline.js
var stripNewline = (value, { stripFinalNewline: stripFinalNewline2 }, fdNumber) => getStripFinalNewline(stripFinalNewline2, fdNumber) && value !== void 0 && !Array.isArray(value) ? stripFinalNewline(value) : value;
var getStripFinalNewline = (stripFinalNewline2, fdNumber) => fdNumber === "all" ? stripFinalNewline2[1] || stripFinalNewline2[2] : stripFinalNewline2[fdNumber];

// node_modules/execa/lib/transform/generator.js
import { Transform, getDefaultHighWaterMark } from "node:stream";

// node_modules/execa/lib/transform/split.js
var getSplitLinesGenerator = (binary, preserveNewlines, skipped, state) => binary || skipped ? void 0 : initializeSplitLines(preserveNewlines, state);
var splitLinesSync = (chunk, preserveNewlines, objectMode) => objectMode ? chunk.flatMap((item) => splitLinesItemSync(item, preserveNewlines)) : splitLinesItemSync(chunk, preserveNewlines);
var splitLinesItemSync = (chunk, preserveNewlines) => {
  const { transform, final } = initializeSplitLines(preserveNewlines, {});
  return [...transform(chunk), ...final()];
};
var initializeSplitLines = (preserveNewlines, state) => {
  state.previousChunks = "";
  return {
    transform: splitGenerator.bind(void 0, state, preserveNewlines),
    final: linesFinal.bind(void 0, state)
  };
};
var splitGenerator = function* (state, preserveNewlines, chunk) {
  if (typeof chunk !== "string") {
    yield chunk;
    return;
  }
  let { previousChunks } = state;
  let start = -1;
  for (let end = 0; end < chunk.length; end += 1) {
    if (chunk[end] === "\n") {
      const newlineLength = getNewlineLength(chunk, end, preserveNewlines, state);
      let line = chunk.slice(start + 1, end + 1 - newlineLength);
      if (previousChunks.length > 0) {
        line = concatString(previousChunks, line);
        previousChunks = "";
      }
      yield line;
      start = end;
    }
  }
  if (start !== chunk.length - 1) {
    previousChunks = concatString(previousChunks, chunk.slice(start + 1));
  }
  state.previousChunks = previousChunks;
};
var getNewlineLength = (chunk, end, preserveNewlines, state) => {
  if (preserveNewlines) {
    return 0;
  }
  state.isWindowsNewline = end !== 0 && chunk[end - 1] === "\r";
  return state.isWindowsNewline ? 2 : 1;
};
var linesFinal = function* ({ previousChunks }) {
  if (previousChunks.length > 0) {
    yield previousChunks;
  }
};
var getAppendNewlineGenerator = ({ binary, preserveNewlines, readableObjectMode, state }) => binary || preserveNewlines || readableObjectMode ? void 0 : { transform: appendNewlineGenerator.bind(void 0, state) };
var appendNewlineGenerator = function* ({ isWindowsNewline = false }, chunk) {
  const { unixNewline, windowsNewline, LF: LF2, concatBytes } = typeof chunk === "string" ? linesStringInfo : linesUint8ArrayInfo;
  if (chunk.at(-1) === LF2) {
    yield chunk;
    return;
  }
  const newline = isWindowsNewline ? windowsNewline : unixNewline;
  yield concatBytes(chunk, newline);
};
var concatString = (firstChunk, secondChunk) => `${firstChunk}${secondChunk}`;
var linesStringInfo = {
  windowsNewline: "\r\n",
  unixNewline: "\n",
  LF: "\n",
  concatBytes: concatString
};
var concatUint8Array = (firstChunk, secondChunk) => {
  const chunk = new Uint8Array(firstChunk.length + secondChunk.length);
  chunk.set(firstChunk, 0);
  chunk.set(secondChunk, firstChunk.length);
  return chunk;
};
var linesUint8ArrayInfo = {
  windowsNewline: new Uint8Array([13, 10]),
  unixNewline: new Uint8Array([10]),
  LF: 10,
  concatBytes: concatUint8Array
};

// node_modules/execa/lib/transform/validate.js
import { Buffer as Buffer2 } from "node:buffer";
var getValidateTransformInput = (writableObjectMode, optionName) => writableObjectMode ? void 0 : validateStringTransformInput.bind(void 0, optionName);
var validateStringTransformInput = function* (optionName, chunk) {
  if (typeof chunk !== "string" && !isUint8Array(chunk) && !Buffer2.isBuffer(chunk)) {
    throw new TypeError(`The \`${optionName}\` option's transform must use "objectMode: true" to receive as input: ${typeof chunk}.`);
  }
  yield chunk;
};
var getValidateTransformReturn = (readableObjectMode, optionName) => readableObjectMode ? validateObjectTransformReturn.bind(void 0, optionName) : validateStringTransformReturn.bind(void 0, optionName);
var validateObjectTransformReturn = function* (optionName, chunk) {
  validateEmptyReturn(optionName, chunk);
  yield chunk;
};
var validateStringTransformReturn = function* (optionName, chunk) {
  validateEmptyReturn(optionName, chunk);
  if (typeof chunk !== "string" && !isUint8Array(chunk)) {
    throw new TypeError(`The \`${optionName}\` option's function must yield a string or an Uint8Array, not ${typeof chunk}.`);
  }
  yield chunk;
};
var validateEmptyReturn = (optionName, chunk) => {
  if (chunk === null || chunk === void 0) {
    throw new TypeError(`The \`${optionName}\` option's function must not call \`yield ${chunk}\`.
Instead, \`yield\` should either be called with a value, or not be called at all. For example:
  if (condition) { yield value; }`);
  }
};

// node_modules/execa/lib/transform/encoding-transform.js
import { Buffer as Buffer3 } from "node:buffer";
import { StringDecoder as StringDecoder2 } from "node:string_decoder";
var getEncodingTransformGenerator = (binary, encoding, skipped) => {
  if (skipped) {
    return;
  }
  if (binary) {
    return { transform: encodingUint8ArrayGenerator.bind(void 0, new TextEncoder()) };
  }
  const stringDecoder = new StringDecoder2(encoding);
  return {
    transform: encodingStringGenerator.bind(void 0, stringDecoder),
    final: encodingStringFinal.bind(void 0, stringDecoder)
  };
};
var encodingUint8ArrayGenerator = function* (textEncoder3, chunk) {
  if (Buffer3.isBuffer(chunk)) {
    yield bufferToUint8Array(chunk);
  } else if (typeof chunk === "string") {
    yield textEncoder3.encode(chunk);
  } else {
    yield chunk;
  }
};
var encodingStringGenerator = function* (stringDecoder, chunk) {
  yield isUint8Array(chunk) ? stringDecoder.write(chunk) : chunk;
};
var encodingStringFinal = function* (stringDecoder) {
  const lastChunk = stringDecoder.end();
  if (lastChunk !== "") {
    yield lastChunk;
  }
};

// node_modules/execa/lib/transform/run-async.js
import { callbackify } from "node:util";
var pushChunks = callbackify(async (getChunks, state, getChunksArguments, transformStream) => {
  state.currentIterable = getChunks(...getChunksArguments);
  try {
    for await (const chunk of state.currentIterable) {
      transformStream.push(chunk);
    }
  } finally {
    delete state.currentIterable;
  }
});
var transformChunk = async function* (chunk, generators, index) {
  if (index === generators.length) {
    yield chunk;
    return;
  }
  const { transform = identityGenerator } = generators[index];
  for await (const transformedChunk of transform(chunk)) {
    yield* transformChunk(transformedChunk, generators, index + 1);
  }
};
var finalChunks = async function* (generators) {
  for (const [index, { final }] of Object.entries(generators)) {
    yield* generatorFinalChunks(final, Number(index), generators);
  }
};
var generatorFinalChunks = async function* (final, index, generators) {
  if (final === void 0) {
    return;
  }
  for await (const finalChunk of final()) {
    yield* transformChunk(finalChunk, generators, index + 1);
  }
};
var destroyTransform = callbackify(async ({ currentIterable }, error) => {
  if (currentIterable !== void 0) {
    await (error ? currentIterable.throw(error) : currentIterable.return());
    return;
  }
  if (error) {
    throw error;
  }
});
var identityGenerator = function* (chunk) {
  yield chunk;
};

// node_modules/execa/lib/transform/run-sync.js
var pushChunksSync = (getChunksSync, getChunksArguments, transformStream, done) => {
  try {
    for (const chunk of getChunksSync(...getChunksArguments)) {
      transformStream.push(chunk);
    }
    done();
  } catch (error) {
    done(error);
  }
};
var runTransformSync = (generators, chunks) => [
  ...chunks.flatMap((chunk) => [...transformChunkSync(chunk, generators, 0)]),
  ...finalChunksSync(generators)
];
var transformChunkSync = function* (chunk, generators, index) {
  if (index === generators.length) {
    yield chunk;
    return;
  }
  const { transform = identityGenerator2 } = generators[index];
  for (const transformedChunk of transform(chunk)) {
    yield* transformChunkSync(transformedChunk, generators, index + 1);
  }
};
var finalChunksSync = function* (generators) {
  for (const [index, { final }] of Object.entries(generators)) {
    yield* generatorFinalChunksSync(final, Number(index), generators);
  }
};
var generatorFinalChunksSync = function* (final, index, generators) {
  if (final === void 0) {
    return;
  }
  for (const finalChunk of final()) {
    yield* transformChunkSync(finalChunk, generators, index + 1);
  }
};
var identityGenerator2 = function* (chunk) {
  yield chunk;
};

// node_modules/execa/lib/transform/generator.js
var generatorToStream = ({
  value,
  value: { transform, final, writableObjectMode, readableObjectMode },
  optionName
}, { encoding }) => {
  const state = {};
  const generators = addInternalGenerators(value, encoding, optionName);
  const transformAsync = isAsyncGenerator(transform);
  const finalAsync = isAsyncGenerator(final);
  const transformMethod = transformAsync ? pushChunks.bind(void 0, transformChunk, state) : pushChunksSync.bind(void 0, transformChunkSync);
  const finalMethod = transformAsync || finalAsync ? pushChunks.bind(void 0, finalChunks, state) : pushChunksSync.bind(void 0, finalChunksSync);
  const destroyMethod = transformAsync || finalAsync ? destroyTransform.bind(void 0, state) : void 0;
  const stream = new Transform({
    writableObjectMode,
    writableHighWaterMark: getDefaultHighWaterMark(writableObjectMode),
    readableObjectMode,
    readableHighWaterMark: getDefaultHighWaterMark(readableObjectMode),
    transform(chunk, encoding2, done) {
      transformMethod([chunk, generators, 0], this, done);
    },
    flush(done) {
      finalMethod([generators], this, done);
    },
    destroy: destroyMethod
  });
  return { stream };
};
var runGeneratorsSync = (chunks, stdioItems, encoding, isInput) => {
  const generators = stdioItems.filter(({ type }) => type === "generator");
  const reversedGenerators = isInput ? generators.reverse() : generators;
  for (const { value, optionName } of reversedGenerators) {
    const generators2 = addInternalGenerators(value, encoding, optionName);
    chunks = runTransformSync(generators2, chunks);
  }
  return chunks;
};
var addInternalGenerators = ({ transform, final, binary, writableObjectMode, readableObjectMode, preserveNewlines }, encoding, optionName) => {
  const state = {};
  return [
    { transform: getValidateTransformInput(writableObjectMode, optionName) },
    getEncodingTransformGenerator(binary, encoding, writableObjectMode),
    getSplitLinesGenerator(binary, preserveNewlines, writableObjectMode, state),
    { transform, final },
    { transform: getValidateTransformReturn(readableObjectMode, optionName) },
    getAppendNewlineGenerator({
      binary,
      preserveNewlines,
      readableObjectMode,
      state
    })
  ].filter(Boolean);
};

// node_modules/execa/lib/io/input-sync.js
var addInputOptionsSync = (fileDescriptors, options) => {
  for (const fdNumber of getInputFdNumbers(fileDescriptors)) {
    addInputOptionSync(fileDescriptors, fdNumber, options);
  }
};
var getInputFdNumbers = (fileDescriptors) => new Set(Object.entries(fileDescriptors).filter(([, { direction }]) => direction === "input").map(([fdNumber]) => Number(fdNumber)));
var addInputOptionSync = (fileDescriptors, fdNumber, options) => {
  const { stdioItems } = fileDescriptors[fdNumber];
  const allStdioItems = stdioItems.filter(({ contents }) => contents !== void 0);
  if (allStdioItems.length === 0) {
    return;
  }
  if (fdNumber !== 0) {
    const [{ type, optionName }] = allStdioItems;
    throw new TypeError(`Only the \`stdin\` option, not \`${optionName}\`, can be ${TYPE_TO_MESSAGE[type]} with synchronous methods.`);
  }
  const allContents = allStdioItems.map(({ contents }) => contents);
  const transformedContents = allContents.map((contents) => applySingleInputGeneratorsSync(contents, stdioItems));
  options.input = joinToUint8Array(transformedContents);
};
var applySingleInputGeneratorsSync = (contents, stdioItems) => {
  const newContents = runGeneratorsSync(contents, stdioItems, "utf8", true);
  validateSerializable(newContents);
  return joinToUint8Array(newContents);
};
var validateSerializable = (newContents) => {
  const invalidItem = newContents.find((item) => typeof item !== "string" && !isUint8Array(item));
  if (invalidItem !== void 0) {
    throw new TypeError(`The \`stdin\` option is invalid: when passing objects as input, a transform must be used to serialize them to strings or Uint8Arrays: ${invalidItem}.`);
  }
};

// node_modules/execa/lib/io/output-sync.js
import { writeFileSync, appendFileSync } from "node:fs";

// node_modules/execa/lib/verbose/output.js
var shouldLogOutput = ({ stdioItems, encoding, verboseInfo, fdNumber }) => fdNumber !== "all" && isFullVerbose(verboseInfo, fdNumber) && !BINARY_ENCODINGS.has(encoding) && fdUsesVerbose(fdNumber) && (stdioItems.some(({ type, value }) => type === "native" && PIPED_STDIO_VALUES.has(value)) || stdioItems.every(({ type }) => TRANSFORM_TYPES.has(type)));
var fdUsesVerbose = (fdNumber) => fdNumber === 1 || fdNumber === 2;
var PIPED_STDIO_VALUES = /* @__PURE__ */ new Set(["pipe", "overlapped"]);
var logLines = async (linesIterable, stream, fdNumber, verboseInfo) => {
  for await (const line of linesIterable) {
    if (!isPipingStream(stream)) {
      logLine(line, fdNumber, verboseInfo);
    }
  }
};
var logLinesSync = (linesArray, fdNumber, verboseInfo) => {
  for (const line of linesArray) {
    logLine(line, fdNumber, verboseInfo);
  }
};
var isPipingStream = (stream) => stream._readableState.pipes.length > 0;
var logLine = (line, fdNumber, verboseInfo) => {
  const verboseMessage = serializeVerboseMessage(line);
  verboseLog({
    type: "output",
    verboseMessage,
    fdNumber,
    verboseInfo
  });
};

// node_modules/execa/lib/io/output-sync.js
var transformOutputSync = ({ fileDescriptors, syncResult: { output }, options, isMaxBuffer, verboseInfo }) => {
  if (output === null) {
    return { output: Array.from({ length: 3 }) };
  }
  const state = {};
  const outputFiles = /* @__PURE__ */ new Set([]);
  const transformedOutput = output.map((result2, fdNumber) => transformOutputResultSync({
    result: result2,
    fileDescriptors,
    fdNumber,
    state,
    outputFiles,
    isMaxBuffer,
    verboseInfo
  }, options));
  return { output: transformedOutput, ...state };
};
var transformOutputResultSync = ({ result: result2, fileDescriptors, fdNumber, state, outputFiles, isMaxBuffer, verboseInfo }, { buffer, encoding, lines, stripFinalNewline: stripFinalNewline2, maxBuffer }) => {
  if (result2 === null) {
    return;
  }
  const truncatedResult = truncateMaxBufferSync(result2, isMaxBuffer, maxBuffer);
  const uint8ArrayResult = bufferToUint8Array(truncatedResult);
  const { stdioItems, objectMode } = fileDescriptors[fdNumber];
  const chunks = runOutputGeneratorsSync([uint8ArrayResult], stdioItems, encoding, state);
  const { serializedResult, finalResult = serializedResult } = serializeChunks({
    chunks,
    objectMode,
    encoding,
    lines,
    stripFinalNewline: stripFinalNewline2,
    fdNumber
  });
  logOutputSync({
    serializedResult,
    fdNumber,
    state,
    verboseInfo,
    encoding,
    stdioItems,
    objectMode
  });
  const returnedResult = buffer[fdNumber] ? finalResult : void 0;
  try {
    if (state.error === void 0) {
      writeToFiles(serializedResult, stdioItems, outputFiles);
    }
    return returnedResult;
  } catch (error) {
    state.error = error;
    return returnedResult;
  }
};
var runOutputGeneratorsSync = (chunks, stdioItems, encoding, state) => {
  try {
    return runGeneratorsSync(chunks, stdioItems, encoding, false);
  } catch (error) {
    state.error = error;
    return chunks;
  }
};
var serializeChunks = ({ chunks, objectMode, encoding, lines, stripFinalNewline: stripFinalNewline2, fdNumber }) => {
  if (objectMode) {
    return { serializedResult: chunks };
  }
  if (encoding === "buffer") {
    return { serializedResult: joinToUint8Array(chunks) };
  }
  const serializedResult = joinToString(chunks, encoding);
  if (lines[fdNumber]) {
    return { serializedResult, finalResult: splitLinesSync(serializedResult, !stripFinalNewline2[fdNumber], objectMode) };
  }
  return { serializedResult };
};
var logOutputSync = ({ serializedResult, fdNumber, state, verboseInfo, encoding, stdioItems, objectMode }) => {
  if (!shouldLogOutput({
    stdioItems,
    encoding,
    verboseInfo,
    fdNumber
  })) {
    return;
  }
  const linesArray = splitLinesSync(serializedResult, false, objectMode);
  try {
    logLinesSync(linesArray, fdNumber, verboseInfo);
  } catch (error) {
    state.error ??= error;
  }
};
var writeToFiles = (serializedResult, stdioItems, outputFiles) => {
  for (const { path: path7, append } of stdioItems.filter(({ type }) => FILE_TYPES.has(type))) {
    const pathString = typeof path7 === "string" ? path7 : path7.toString();
    if (append || outputFiles.has(pathString)) {
      appendFileSync(path7, serializedResult);
    } else {
      outputFiles.add(pathString);
      writeFileSync(path7, serializedResult);
    }
  }
};

// node_modules/execa/lib/resolve/all-sync.js
var getAllSync = ([, stdout, stderr], options) => {
  if (!options.all) {
    return;
  }
  if (stdout === void 0) {
    return stderr;
  }
  if (stderr === void 0) {
    return stdout;
  }
  if (Array.isArray(stdout)) {
    return Array.isArray(stderr) ? [...stdout, ...stderr] : [...stdout, stripNewline(stderr, options, "all")];
  }
  if (Array.isArray(stderr)) {
    return [stripNewline(stdout, options, "all"), ...stderr];
  }
  if (isUint8Array(stdout) && isUint8Array(stderr)) {
    return concatUint8Arrays([stdout, stderr]);
  }
  return `${stdout}${stderr}`;
};

// node_modules/execa/lib/resolve/exit-async.js
import { once as once4 } from "node:events";
var waitForExit = async (subprocess, context) => {
  const [exitCode, signal] = await waitForExitOrError(subprocess);
  context.isForcefullyTerminated ??= false;
  return [exitCode, signal];
};
var waitForExitOrError = async (subprocess) => {
  const [spawnPayload, exitPayload] = await Promise.allSettled([
    once4(subprocess, "spawn"),
    once4(subprocess, "exit")
  ]);
  if (spawnPayload.status === "rejected") {
    return [];
  }
  return exitPayload.status === "rejected" ? waitForSubprocessExit(subprocess) : exitPayload.value;
};
var waitForSubprocessExit = async (subprocess) => {
  try {
    return await once4(subprocess, "exit");
  } catch {
    return waitForSubprocessExit(subprocess);
  }
};
var waitForSuccessfulExit = async (exitPromise) => {
  const [exitCode, signal] = await exitPromise;
  if (!isSubprocessErrorExit(exitCode, signal) && isFailedExit(exitCode, signal)) {
    throw new DiscardedError();
  }
  return [exitCode, signal];
};
var isSubprocessErrorExit = (exitCode, signal) => exitCode === void 0 && signal === void 0;
var isFailedExit = (exitCode, signal) => exitCode !== 0 || signal !== null;

// node_modules/execa/lib/resolve/exit-sync.js
var getExitResultSync = ({ error, status: exitCode, signal, output }, { maxBuffer }) => {
  const resultError = getResultError(error, exitCode, signal);
  const timedOut = resultError?.code === "ETIMEDOUT";
  const isMaxBuffer = isMaxBufferSync(resultError, output, maxBuffer);
  return {
    resultError,
    exitCode,
    signal,
    timedOut,
    isMaxBuffer
  };
};
var getResultError = (error, exitCode, signal) => {
  if (error !== void 0) {
    return error;
  }
  return isFailedExit(exitCode, signal) ? new DiscardedError() : void 0;
};

// node_modules/execa/lib/methods/main-sync.js
var execaCoreSync = (rawFile, rawArguments, rawOptions) => {
  const { file, commandArguments, command, escapedCommand, startTime, verboseInfo, options, fileDescriptors } = handleSyncArguments(rawFile, rawArguments, rawOptions);
  const result2 = spawnSubprocessSync({
    file,
    commandArguments,
    options,
    command,
    escapedCommand,
    verboseInfo,
    fileDescriptors,
    startTime
  });
  return handleResult(result2, verboseInfo, options);
};
var handleSyncArguments = (rawFile, rawArguments, rawOptions) => {
  const { command, escapedCommand, startTime, verboseInfo } = handleCommand(rawFile, rawArguments, rawOptions);
  const syncOptions = normalizeSyncOptions(rawOptions);
  const { file, commandArguments, options } = normalizeOptions(rawFile, rawArguments, syncOptions);
  validateSyncOptions(options);
  const fileDescriptors = handleStdioSync(options, verboseInfo);
  return {
    file,
    commandArguments,
    command,
    escapedCommand,
    startTime,
    verboseInfo,
    options,
    fileDescriptors
  };
};
var normalizeSyncOptions = (options) => options.node && !options.ipc ? { ...options, ipc: false } : options;
var validateSyncOptions = ({ ipc, ipcInput, detached, cancelSignal }) => {
  if (ipcInput) {
    throwInvalidSyncOption("ipcInput");
  }
  if (ipc) {
    throwInvalidSyncOption("ipc: true");
  }
  if (detached) {
    throwInvalidSyncOption("detached: true");
  }
  if (cancelSignal) {
    throwInvalidSyncOption("cancelSignal");
  }
};
var throwInvalidSyncOption = (value) => {
  throw new TypeError(`The "${value}" option cannot be used with synchronous methods.`);
};
var spawnSubprocessSync = ({ file, commandArguments, options, command, escapedCommand, verboseInfo, fileDescriptors, startTime }) => {
  const syncResult = runSubprocessSync({
    file,
    commandArguments,
    options,
    command,
    escapedCommand,
    fileDescriptors,
    startTime
  });
  if (syncResult.failed) {
    return syncResult;
  }
  const { resultError, exitCode, signal, timedOut, isMaxBuffer } = getExitResultSync(syncResult, options);
  const { output, error = resultError } = transformOutputSync({
    fileDescriptors,
    syncResult,
    options,
    isMaxBuffer,
    verboseInfo
  });
  const stdio = output.map((stdioOutput, fdNumber) => stripNewline(stdioOutput, options, fdNumber));
  const all = stripNewline(getAllSync(output, options), options, "all");
  return getSyncResult({
    error,
    exitCode,
    signal,
    timedOut,
    isMaxBuffer,
    stdio,
    all,
    options,
    command,
    escapedCommand,
    startTime
  });
};
var runSubprocessSync = ({ file, commandArguments, options, command, escapedCommand, fileDescriptors, startTime }) => {
  try {
    addInputOptionsSync(fileDescriptors, options);
    const normalizedOptions = normalizeSpawnSyncOptions(options);
    return spawnSync(...concatenateShell(file, commandArguments, normalizedOptions));
  } catch (error) {
    return makeEarlyError({
      error,
      command,
      escapedCommand,
      fileDescriptors,
      options,
      startTime,
      isSync: true
    });
  }
};
var normalizeSpawnSyncOptions = ({ encoding, maxBuffer, ...options }) => ({ ...options, encoding: "buffer", maxBuffer: getMaxBufferSync(maxBuffer) });
var getSyncResult = ({ error, exitCode, signal, timedOut, isMaxBuffer, stdio, all, options, command, escapedCommand, startTime }) => error === void 0 ? makeSuccessResult({
  command,
  escapedCommand,
  stdio,
  all,
  ipcOutput: [],
  options,
  startTime
}) : makeError({
  error,
  command,
  escapedCommand,
  timedOut,
  isCanceled: false,
  isGracefullyCanceled: false,
  isMaxBuffer,
  isForcefullyTerminated: false,
  exitCode,
  signal,
  stdio,
  all,
  ipcOutput: [],
  options,
  startTime,
  isSync: true
});

// node_modules/execa/lib/methods/main-async.js
import { setMaxListeners } from "node:events";
import { spawn } from "node:child_process";

// node_modules/execa/lib/ipc/methods.js
import process8 from "node:process";

// node_modules/execa/lib/ipc/get-one.js
import { once as once5, on as on2 } from "node:events";
var getOneMessage = ({ anyProcess, channel, isSubprocess, ipc }, { reference = true, filter } = {}) => {
  validateIpcMethod({
    methodName: "getOneMessage",
    isSubprocess,
    ipc,
    isConnected: isConnected(anyProcess)
  });
  return getOneMessageAsync({
    anyProcess,
    channel,
    isSubprocess,
    filter,
    reference
  });
};
var getOneMessageAsync = async ({ anyProcess, channel, isSubprocess, filter, reference }) => {
  addReference(channel, reference);
  const ipcEmitter = getIpcEmitter(anyProcess, channel, isSubprocess);
  const controller = new AbortController();
  try {
    return await Promise.race([
      getMessage(ipcEmitter, filter, controller),
      throwOnDisconnect2(ipcEmitter, isSubprocess, controller),
      throwOnStrictError(ipcEmitter, isSubprocess, controller)
    ]);
  } catch (error) {
    disconnect(anyProcess);
    throw error;
  } finally {
    controller.abort();
    removeReference(channel, reference);
  }
};
var getMessage = async (ipcEmitter, filter, { signal }) => {
  if (filter === void 0) {
    const [message] = await once5(ipcEmitter, "message", { signal });
    return message;
  }
  for await (const [message] of on2(ipcEmitter, "message", { signal })) {
    if (filter(message)) {
      return message;
    }
  }
};
var throwOnDisconnect2 = async (ipcEmitter, isSubprocess, { signal }) => {
  await once5(ipcEmitter, "disconnect", { signal });
  throwOnEarlyDisconnect(isSubprocess);
};
var throwOnStrictError = async (ipcEmitter, isSubprocess, { signal }) => {
  const [error] = await once5(ipcEmitter, "strict:error", { signal });
  throw getStrictResponseError(error, isSubprocess);
};

// node_modules/execa/lib/ipc/get-each.js
import { once as once6, on as on3 } from "node:events";
var getEachMessage = ({ anyProcess, channel, isSubprocess, ipc }, { reference = true } = {}) => loopOnMessages({
  anyProcess,
  channel,
  isSubprocess,
  ipc,
  shouldAwait: !isSubprocess,
  reference
});
var loopOnMessages = ({ anyProcess, channel, isSubprocess, ipc, shouldAwait, reference }) => {
  validateIpcMethod({
    methodName: "getEachMessage",
    isSubprocess,
    ipc,
    isConnected: isConnected(anyProcess)
  });
  addReference(channel, reference);
  const ipcEmitter = getIpcEmitter(anyProcess, channel, isSubprocess);
  const controller = new AbortController();
  const state = {};
  stopOnDisconnect(anyProcess, ipcEmitter, controller);
  abortOnStrictError({
    ipcEmitter,
    isSubprocess,
    controller,
    state
  });
  return iterateOnMessages({
    anyProcess,
    channel,
    ipcEmitter,
    isSubprocess,
    shouldAwait,
    controller,
    state,
    reference
  });
};
var stopOnDisconnect = async (anyProcess, ipcEmitter, controller) => {
  try {
    await once6(ipcEmitter, "disconnect", { signal: controller.signal });
    controller.abort();
  } catch {
  }
};
var abortOnStrictError = async ({ ipcEmitter, isSubprocess, controller, state }) => {
  try {
    const [error] = await once6(ipcEmitter, "strict:error", { signal: controller.signal });
    state.error = getStrictResponseError(error, isSubprocess);
    controller.abort();
  } catch {
  }
};
var iterateOnMessages = async function* ({ anyProcess, channel, ipcEmitter, isSubprocess, shouldAwait, controller, state, reference }) {
  try {
    for await (const [message] of on3(ipcEmitter, "message", { signal: controller.signal })) {
      throwIfStrictError(state);
      yield message;
    }
  } catch {
    throwIfStrictError(state);
  } finally {
    controller.abort();
    removeReference(channel, reference);
    if (!isSubprocess) {
      disconnect(anyProcess);
    }
    if (shouldAwait) {
      await anyProcess;
    }
  }
};
var throwIfStrictError = ({ error }) => {
  if (error) {
    throw error;
  }
};

// node_modules/execa/lib/ipc/methods.js
var addIpcMethods = (subprocess, { ipc }) => {
  Object.assign(subprocess, getIpcMethods(subprocess, false, ipc));
};
var getIpcExport = () => {
  const anyProcess = process8;
  const isSubprocess = true;
  const ipc = process8.channel !== void 0;
  return {
    ...getIpcMethods(anyProcess, isSubprocess, ipc),
    getCancelSignal: getCancelSignal.bind(void 0, {
      anyProcess,
      channel: anyProcess.channel,
      isSubprocess,
      ipc
    })
  };
};
var getIpcMethods = (anyProcess, isSubprocess, ipc) => ({
  sendMessage: sendMessage.bind(void 0, {
    anyProcess,
    channel: anyProcess.channel,
    isSubprocess,
    ipc
  }),
  getOneMessage: getOneMessage.bind(void 0, {
    anyProcess,
    channel: anyProcess.channel,
    isSubprocess,
    ipc
  }),
  getEachMessage: getEachMessage.bind(void 0, {
    anyProcess,
    channel: anyProcess.channel,
    isSubprocess,
    ipc
  })
});

// node_modules/execa/lib/return/early-error.js
import { ChildProcess as ChildProcess2 } from "node:child_process";
import {
  PassThrough,
  Readable,
  Writable,
  Duplex
} from "node:stream";
var handleEarlyError = ({ error, command, escapedCommand, fileDescriptors, options, startTime, verboseInfo }) => {
  cleanupCustomStreams(fileDescriptors);
  const subprocess = new ChildProcess2();
  createDummyStreams(subprocess, fileDescriptors);
  Object.assign(subprocess, { readable, writable, duplex });
  const earlyError = makeEarlyError({
    error,
    command,
    escapedCommand,
    fileDescriptors,
    options,
    startTime,
    isSync: false
  });
  const promise = handleDummyPromise(earlyError, verboseInfo, options);
  return { subprocess, promise };
};
var createDummyStreams = (subprocess, fileDescriptors) => {
  const stdin = createDummyStream();
  const stdout = createDummyStream();
  const stderr = createDummyStream();
  const extraStdio = Array.from({ length: fileDescriptors.length - 3 }, createDummyStream);
  const all = createDummyStream();
  const stdio = [stdin, stdout, stderr, ...extraStdio];
  Object.assign(subprocess, {
    stdin,
    stdout,
    stderr,
    all,
    stdio
  });
};
var createDummyStream = () => {
  const stream = new PassThrough();
  stream.end();
  return stream;
};
var readable = () => new Readable({ read() {
} });
var writable = () => new Writable({ write() {
} });
var duplex = () => new Duplex({ read() {
}, write() {
} });
var handleDummyPromise = async (error, verboseInfo, options) => handleResult(error, verboseInfo, options);

// node_modules/execa/lib/stdio/handle-async.js
import { createReadStream, createWriteStream } from "node:fs";
import { Buffer as Buffer4 } from "node:buffer";
import { Readable as Readable2, Writable as Writable2, Duplex as Duplex2 } from "node:stream";
var handleStdioAsync = (options, verboseInfo) => handleStdio(addPropertiesAsync, options, verboseInfo, false);
var forbiddenIfAsync = ({ type, optionName }) => {
  throw new TypeError(`The \`${optionName}\` option cannot be ${TYPE_TO_MESSAGE[type]}.`);
};
var addProperties2 = {
  fileNumber: forbiddenIfAsync,
  generator: generatorToStream,
  asyncGenerator: generatorToStream,
  nodeStream: ({ value }) => ({ stream: value }),
  webTransform({ value: { transform, writableObjectMode, readableObjectMode } }) {
    const objectMode = writableObjectMode || readableObjectMode;
    const stream = Duplex2.fromWeb(transform, { objectMode });
    return { stream };
  },
  duplex: ({ value: { transform } }) => ({ stream: transform }),
  native() {
  }
};
var addPropertiesAsync = {
  input: {
    ...addProperties2,
    fileUrl: ({ value }) => ({ stream: createReadStream(value) }),
    filePath: ({ value: { file } }) => ({ stream: createReadStream(file) }),
    webStream: ({ value }) => ({ stream: Readable2.fromWeb(value) }),
    iterable: ({ value }) => ({ stream: Readable2.from(value) }),
    asyncIterable: ({ value }) => ({ stream: Readable2.from(value) }),
    string: ({ value }) => ({ stream: Readable2.from(value) }),
    uint8Array: ({ value }) => ({ stream: Readable2.from(Buffer4.from(value)) })
  },
  output: {
    ...addProperties2,
    fileUrl: ({ value }) => ({ stream: createWriteStream(value) }),
    filePath: ({ value: { file, append } }) => ({ stream: createWriteStream(file, append ? { flags: "a" } : {}) }),
    webStream: ({ value }) => ({ stream: Writable2.fromWeb(value) }),
    iterable: forbiddenIfAsync,
    asyncIterable: forbiddenIfAsync,
    string: forbiddenIfAsync,
    uint8Array: forbiddenIfAsync
  }
};

// node_modules/@sindresorhus/merge-streams/index.js
import { on as on4, once as once7 } from "node:events";
import { PassThrough as PassThroughStream, getDefaultHighWaterMark as getDefaultHighWaterMark2 } from "node:stream";
import { finished as finished2 } from "node:stream/promises";
function mergeStreams(streams) {
  if (!Array.isArray(streams)) {
    throw new TypeError(`Expected an array, got \`${typeof streams}\`.`);
  }
  for (const stream of streams) {
    validateStream(stream);
  }
  const objectMode = streams.some(({ readableObjectMode }) => readableObjectMode);
  const highWaterMark = getHighWaterMark(streams, objectMode);
  const passThroughStream = new MergedStream({
    objectMode,
    writableHighWaterMark: highWaterMark,
    readableHighWaterMark: highWaterMark
  });
  for (const stream of streams) {
    passThroughStream.add(stream);
  }
  return passThroughStream;
}
var getHighWaterMark = (streams, objectMode) => {
  if (streams.length === 0) {
    return getDefaultHighWaterMark2(objectMode);
  }
  const highWaterMarks = streams.filter(({ readableObjectMode }) => readableObjectMode === objectMode).map(({ readableHighWaterMark }) => readableHighWaterMark);
  return Math.max(...highWaterMarks);
};
var MergedStream = class extends PassThroughStream {
  #streams = /* @__PURE__ */ new Set([]);
  #ended = /* @__PURE__ */ new Set([]);
  #aborted = /* @__PURE__ */ new Set([]);
  #onFinished;
  #unpipeEvent = /* @__PURE__ */ Symbol("unpipe");
  #streamPromises = /* @__PURE__ */ new WeakMap();
  add(stream) {
    validateStream(stream);
    if (this.#streams.has(stream)) {
      return;
    }
    this.#streams.add(stream);
    this.#onFinished ??= onMergedStreamFinished(this, this.#streams, this.#unpipeEvent);
    const streamPromise = endWhenStreamsDone({
      passThroughStream: this,
      stream,
      streams: this.#streams,
      ended: this.#ended,
      aborted: this.#aborted,
      onFinished: this.#onFinished,
      unpipeEvent: this.#unpipeEvent
    });
    this.#streamPromises.set(stream, streamPromise);
    stream.pipe(this, { end: false });
  }
  async remove(stream) {
    validateStream(stream);
    if (!this.#streams.has(stream)) {
      return false;
    }
    const streamPromise = this.#streamPromises.get(stream);
    if (streamPromise === void 0) {
      return false;
    }
    this.#streamPromises.delete(stream);
    stream.unpipe(this);
    await streamPromise;
    return true;
  }
};
var onMergedStreamFinished = async (passThroughStream, streams, unpipeEvent) => {
  updateMaxListeners(passThroughStream, PASSTHROUGH_LISTENERS_COUNT);
  const controller = new AbortController();
  try {
    await Promise.race([
      onMergedStreamEnd(passThroughStream, controller),
      onInputStreamsUnpipe(passThroughStream, streams, unpipeEvent, controller)
    ]);
  } finally {
    controller.abort();
    updateMaxListeners(passThroughStream, -PASSTHROUGH_LISTENERS_COUNT);
  }
};
var onMergedStreamEnd = async (passThroughStream, { signal }) => {
  try {
    await finished2(passThroughStream, { signal, cleanup: true });
  } catch (error) {
    errorOrAbortStream(passThroughStream, error);
    throw error;
  }
};
var onInputStreamsUnpipe = async (passThroughStream, streams, unpipeEvent, { signal }) => {
  for await (const [unpipedStream] of on4(passThroughStream, "unpipe", { signal })) {
    if (streams.has(unpipedStream)) {
      unpipedStream.emit(unpipeEvent);
    }
  }
};
var validateStream = (stream) => {
  if (typeof stream?.pipe !== "function") {
    throw new TypeError(`Expected a readable stream, got: \`${typeof stream}\`.`);
  }
};
var endWhenStreamsDone = async ({ passThroughStream, stream, streams, ended, aborted: aborted2, onFinished, unpipeEvent }) => {
  updateMaxListeners(passThroughStream, PASSTHROUGH_LISTENERS_PER_STREAM);
  const controller = new AbortController();
  try {
    await Promise.race([
      afterMergedStreamFinished(onFinished, stream, controller),
      onInputStreamEnd({
        passThroughStream,
        stream,
        streams,
        ended,
        aborted: aborted2,
        controller
      }),
      onInputStreamUnpipe({
        stream,
        streams,
        ended,
        aborted: aborted2,
        unpipeEvent,
        controller
      })
    ]);
  } finally {
    controller.abort();
    updateMaxListeners(passThroughStream, -PASSTHROUGH_LISTENERS_PER_STREAM);
  }
  if (streams.size > 0 && streams.size === ended.size + aborted2.size) {
    if (ended.size === 0 && aborted2.size > 0) {
      abortStream(passThroughStream);
    } else {
      endStream(passThroughStream);
    }
  }
};
var afterMergedStreamFinished = async (onFinished, stream, { signal }) => {
  try {
    await onFinished;
    if (!signal.aborted) {
      abortStream(stream);
    }
  } catch (error) {
    if (!signal.aborted) {
      errorOrAbortStream(stream, error);
    }
  }
};
var onInputStreamEnd = async ({ passThroughStream, stream, streams, ended, aborted: aborted2, controller: { signal } }) => {
  try {
    await finished2(stream, {
      signal,
      cleanup: true,
      readable: true,
      writable: false
    });
    if (streams.has(stream)) {
      ended.add(stream);
    }
  } catch (error) {
    if (signal.aborted || !streams.has(stream)) {
      return;
    }
    if (isAbortError(error)) {
      aborted2.add(stream);
    } else {
      errorStream(passThroughStream, error);
    }
  }
};
var onInputStreamUnpipe = async ({ stream, streams, ended, aborted: aborted2, unpipeEvent, controller: { signal } }) => {
  await once7(stream, unpipeEvent, { signal });
  if (!stream.readable) {
    return once7(signal, "abort", { signal });
  }
  streams.delete(stream);
  ended.delete(stream);
  aborted2.delete(stream);
};
var endStream = (stream) => {
  if (stream.writable) {
    stream.end();
  }
};
var errorOrAbortStream = (stream, error) => {
  if (isAbortError(error)) {
    abortStream(stream);
  } else {
    errorStream(stream, error);
  }
};
var isAbortError = (error) => error?.code === "ERR_STREAM_PREMATURE_CLOSE";
var abortStream = (stream) => {
  if (stream.readable || stream.writable) {
    stream.destroy();
  }
};
var errorStream = (stream, error) => {
  if (!stream.destroyed) {
    stream.once("error", noop2);
    stream.destroy(error);
  }
};
var noop2 = () => {
};
var updateMaxListeners = (passThroughStream, increment2) => {
  const maxListeners = passThroughStream.getMaxListeners();
  if (maxListeners !== 0 && maxListeners !== Number.POSITIVE_INFINITY) {
    passThroughStream.setMaxListeners(maxListeners + increment2);
  }
};
var PASSTHROUGH_LISTENERS_COUNT = 2;
var PASSTHROUGH_LISTENERS_PER_STREAM = 1;

// node_modules/execa/lib/io/pipeline.js
import { finished as finished3 } from "node:stream/promises";
var pipeStreams = (source, destination) => {
  source.pipe(destination);
  onSourceFinish(source, destination);
  onDestinationFinish(source, destination);
};
var onSourceFinish = async (source, destination) => {
  if (isStandardStream(source) || isStandardStream(destination)) {
    return;
  }
  try {
    await finished3(source, { cleanup: true, readable: true, writable: false });
  } catch {
  }
  endDestinationStream(destination);
};
var endDestinationStream = (destination) => {
  if (destination.writable) {
    destination.end();
  }
};
var onDestinationFinish = async (source, destination) => {
  if (isStandardStream(source) || isStandardStream(destination)) {
    return;
  }
  try {
    await finished3(destination, { cleanup: true, readable: false, writable: true });
  } catch {
  }
  abortSourceStream(source);
};
var abortSourceStream = (source) => {
  if (source.readable) {
    source.destroy();
  }
};

// node_modules/execa/lib/io/output-async.js
var pipeOutputAsync = (subprocess, fileDescriptors, controller) => {
  const pipeGroups = /* @__PURE__ */ new Map();
  for (const [fdNumber, { stdioItems, direction }] of Object.entries(fileDescriptors)) {
    for (const { stream } of stdioItems.filter(({ type }) => TRANSFORM_TYPES.has(type))) {
      pipeTransform(subprocess, stream, direction, fdNumber);
    }
    for (const { stream } of stdioItems.filter(({ type }) => !TRANSFORM_TYPES.has(type))) {
      pipeStdioItem({
        subprocess,
        stream,
        direction,
        fdNumber,
        pipeGroups,
        controller
      });
    }
  }
  for (const [outputStream, inputStreams] of pipeGroups.entries()) {
    const inputStream = inputStreams.length === 1 ? inputStreams[0] : mergeStreams(inputStreams);
    pipeStreams(inputStream, outputStream);
  }
};
var pipeTransform = (subprocess, stream, direction, fdNumber) => {
  if (direction === "output") {
    pipeStreams(subprocess.stdio[fdNumber], stream);
  } else {
    pipeStreams(stream, subprocess.stdio[fdNumber]);
  }
  const streamProperty = SUBPROCESS_STREAM_PROPERTIES[fdNumber];
  if (streamProperty !== void 0) {
    subprocess[streamProperty] = stream;
  }
  subprocess.stdio[fdNumber] = stream;
};
var SUBPROCESS_STREAM_PROPERTIES = ["stdin", "stdout", "stderr"];
var pipeStdioItem = ({ subprocess, stream, direction, fdNumber, pipeGroups, controller }) => {
  if (stream === void 0) {
    return;
  }
  setStandardStreamMaxListeners(stream, controller);
  const [inputStream, outputStream] = direction === "output" ? [stream, subprocess.stdio[fdNumber]] : [subprocess.stdio[fdNumber], stream];
  const outputStreams = pipeGroups.get(inputStream) ?? [];
  pipeGroups.set(inputStream, [...outputStreams, outputStream]);
};
var setStandardStreamMaxListeners = (stream, { signal }) => {
  if (isStandardStream(stream)) {
    incrementMaxListeners(stream, MAX_LISTENERS_INCREMENT, signal);
  }
};
var MAX_LISTENERS_INCREMENT = 2;

// node_modules/execa/lib/terminate/cleanup.js
import { addAbortListener as addAbortListener2 } from "node:events";

// node_modules/signal-exit/dist/mjs/signals.js
var signals = [];
signals.push("SIGHUP", "SIGINT", "SIGTERM");
if (process.platform !== "win32") {
  signals.push(
    "SIGALRM",
    "SIGABRT",
    "SIGVTALRM",
    "SIGXCPU",
    "SIGXFSZ",
    "SIGUSR2",
    "SIGTRAP",
    "SIGSYS",
    "SIGQUIT",
    "SIGIOT"
    // should detect profiler and enable/disable accordingly.
    // see #21
    // 'SIGPROF'
  );
}
if (process.platform === "linux") {
  signals.push("SIGIO", "SIGPOLL", "SIGPWR", "SIGSTKFLT");
}

// node_modules/signal-exit/dist/mjs/index.js
var processOk = (process10) => !!process10 && typeof process10 === "object" && typeof process10.removeListener === "function" && typeof process10.emit === "function" && typeof process10.reallyExit === "function" && typeof process10.listeners === "function" && typeof process10.kill === "function" && typeof process10.pid === "number" && typeof process10.on === "function";
var kExitEmitter = /* @__PURE__ */ Symbol.for("signal-exit emitter");
var global2 = globalThis;
var ObjectDefineProperty = Object.defineProperty.bind(Object);
var Emitter = class {
  emitted = {
    afterExit: false,
    exit: false
  };
  listeners = {
    afterExit: [],
    exit: []
  };
  count = 0;
  id = Math.random();
  constructor() {
    if (global2[kExitEmitter]) {
      return global2[kExitEmitter];
    }
    ObjectDefineProperty(global2, kExitEmitter, {
      value: this,
      writable: false,
      enumerable: false,
      configurable: false
    });
  }
  on(ev, fn) {
    this.listeners[ev].push(fn);
  }
  removeListener(ev, fn) {
    const list = this.listeners[ev];
    const i2 = list.indexOf(fn);
    if (i2 === -1) {
      return;
    }
    if (i2 === 0 && list.length === 1) {
      list.length = 0;
    } else {
      list.splice(i2, 1);
    }
  }
  emit(ev, code, signal) {
    if (this.emitted[ev]) {
      return false;
    }
    this.emitted[ev] = true;
    let ret = false;
    for (const fn of this.listeners[ev]) {
      ret = fn(code, signal) === true || ret;
    }
    if (ev === "exit") {
      ret = this.emit("afterExit", code, signal) || ret;
    }
    return ret;
  }
};
var SignalExitBase = class {
};
var signalExitWrap = (handler) => {
  return {
    onExit(cb, opts) {
      return handler.onExit(cb, opts);
    },
    load() {
      return handler.load();
    },
    unload() {
      return handler.unload();
    }
  };
};
var SignalExitFallback = class extends SignalExitBase {
  onExit() {
    return () => {
    };
  }
  load() {
  }
  unload() {
  }
};
var SignalExit = class extends SignalExitBase {
  // "SIGHUP" throws an `ENOSYS` error on Windows,
  // so use a supported signal instead
  /* c8 ignore start */
  #hupSig = process9.platform === "win32" ? "SIGINT" : "SIGHUP";
  /* c8 ignore stop */
  #emitter = new Emitter();
  #process;
  #originalProcessEmit;
  #originalProcessReallyExit;
  #sigListeners = {};
  #loaded = false;
  constructor(process10) {
    super();
    this.#process = process10;
    this.#sigListeners = {};
    for (const sig of signals) {
      this.#sigListeners[sig] = () => {
        const listeners = this.#process.listeners(sig);
        let { count: count2 } = this.#emitter;
        const p = process10;
        if (typeof p.__signal_exit_emitter__ === "object" && typeof p.__signal_exit_emitter__.count === "number") {
          count2 += p.__signal_exit_emitter__.count;
        }
        if (listeners.length === count2) {
          this.unload();
          const ret = this.#emitter.emit("exit", null, sig);
          const s = sig === "SIGHUP" ? this.#hupSig : sig;
          if (!ret)
            process10.kill(process10.pid, s);
        }
      };
    }
    this.#originalProcessReallyExit = process10.reallyExit;
    this.#originalProcessEmit = process10.emit;
  }
  onExit(cb, opts) {
    if (!processOk(this.#process)) {
      return () => {
      };
    }
    if (this.#loaded === false) {
      this.load();
    }
    const ev = opts?.alwaysLast ? "afterExit" : "exit";
    this.#emitter.on(ev, cb);
    return () => {
      this.#emitter.removeListener(ev, cb);
      if (this.#emitter.listeners["exit"].length === 0 && this.#emitter.listeners["afterExit"].length === 0) {
        this.unload();
      }
    };
  }
  load() {
    if (this.#loaded) {
      return;
    }
    this.#loaded = true;
    this.#emitter.count += 1;
    for (const sig of signals) {
      try {
        const fn = this.#sigListeners[sig];
        if (fn)
          this.#process.on(sig, fn);
      } catch (_) {
      }
    }
    this.#process.emit = (ev, ...a2) => {
      return this.#processEmit(ev, ...a2);
    };
    this.#process.reallyExit = (code) => {
      return this.#processReallyExit(code);
    };
  }
  unload() {
    if (!this.#loaded) {
      return;
    }
    this.#loaded = false;
    signals.forEach((sig) => {
      const listener = this.#sigListeners[sig];
      if (!listener) {
        throw new Error("Listener not defined for signal: " + sig);
      }
      try {
        this.#process.removeListener(sig, listener);
      } catch (_) {
      }
    });
    this.#process.emit = this.#originalProcessEmit;
    this.#process.reallyExit = this.#originalProcessReallyExit;
    this.#emitter.count -= 1;
  }
  #processReallyExit(code) {
    if (!processOk(this.#process)) {
      return 0;
    }
    this.#process.exitCode = code || 0;
    this.#emitter.emit("exit", this.#process.exitCode, null);
    return this.#originalProcessReallyExit.call(this.#process, this.#process.exitCode);
  }
  #processEmit(ev, ...args) {
    const og = this.#originalProcessEmit;
    if (ev === "exit" && processOk(this.#process)) {
      if (typeof args[0] === "number") {
        this.#process.exitCode = args[0];
      }
      const ret = og.call(this.#process, ev, ...args);
      this.#emitter.emit("exit", this.#process.exitCode, null);
      return ret;
    } else {
      return og.call(this.#process, ev, ...args);
    }
  }
};
var process9 = globalThis.process;
var {
  /**
   * Called when the process is exiting, whether via signal, explicit
   * exit, or running out of stuff to do.
   *
   * If the global process object is not suitable for instrumentation,
   * then this will be a no-op.
   *
   * Returns a function that may be used to unload signal-exit.
   */
  onExit,
  /**
   * Load the listeners.  Likely you never need to call this, unless
   * doing a rather deep integration with signal-exit functionality.
   * Mostly exposed for the benefit of testing.
   *
   * @internal
   */
  load,
  /**
   * Unload the listeners.  Likely you never need to call this, unless
   * doing a rather deep integration with signal-exit functionality.
   * Mostly exposed for the benefit of testing.
   *
   * @internal
   */
  unload
} = signalExitWrap(processOk(process9) ? new SignalExit(process9) : new SignalExitFallback());

// node_modules/execa/lib/terminate/cleanup.js
var cleanupOnExit = (subprocess, { cleanup, detached }, { signal }) => {
  if (!cleanup || detached) {
    return;
  }
  const removeExitHandler = onExit(() => {
    subprocess.kill();
  });
  addAbortListener2(signal, () => {
    removeExitHandler();
  });
};

// node_modules/execa/lib/pipe/pipe-arguments.js
var normalizePipeArguments = ({ source, sourcePromise, boundOptions, createNested }, ...pipeArguments) => {
  const startTime = getStartTime();
  const {
    destination,
    destinationStream,
    destinationError,
    from,
    unpipeSignal
  } = getDestinationStream(boundOptions, createNested, pipeArguments);
  const { sourceStream, sourceError } = getSourceStream(source, from);
  const { options: sourceOptions, fileDescriptors } = SUBPROCESS_OPTIONS.get(source);
  return {
    sourcePromise,
    sourceStream,
    sourceOptions,
    sourceError,
    destination,
    destinationStream,
    destinationError,
    unpipeSignal,
    fileDescriptors,
    startTime
  };
};
var getDestinationStream = (boundOptions, createNested, pipeArguments) => {
  try {
    const {
      destination,
      pipeOptions: { from, to, unpipeSignal } = {}
    } = getDestination(boundOptions, createNested, ...pipeArguments);
    const destinationStream = getToStream(destination, to);
    return {
      destination,
      destinationStream,
      from,
      unpipeSignal
    };
  } catch (error) {
    return { destinationError: error };
  }
};
var getDestination = (boundOptions, createNested, firstArgument, ...pipeArguments) => {
  if (Array.isArray(firstArgument)) {
    const destination = createNested(mapDestinationArguments, boundOptions)(firstArgument, ...pipeArguments);
    return { destination, pipeOptions: boundOptions };
  }
  if (typeof firstArgument === "string" || firstArgument instanceof URL || isDenoExecPath(firstArgument)) {
    if (Object.keys(boundOptions).length > 0) {
      throw new TypeError('Please use .pipe("file", ..., options) or .pipe(execa("file", ..., options)) instead of .pipe(options)("file", ...).');
    }
    const [rawFile, rawArguments, rawOptions] = normalizeParameters(firstArgument, ...pipeArguments);
    const destination = createNested(mapDestinationArguments)(rawFile, rawArguments, rawOptions);
    return { destination, pipeOptions: rawOptions };
  }
  if (SUBPROCESS_OPTIONS.has(firstArgument)) {
    if (Object.keys(boundOptions).length > 0) {
      throw new TypeError("Please use .pipe(options)`command` or .pipe($(options)`command`) instead of .pipe(options)($`command`).");
    }
    return { destination: firstArgument, pipeOptions: pipeArguments[0] };
  }
  throw new TypeError(`The first argument must be a template string, an options object, or an Execa subprocess: ${firstArgument}`);
};
var mapDestinationArguments = ({ options }) => ({ options: { ...options, stdin: "pipe", piped: true } });
var getSourceStream = (source, from) => {
  try {
    const sourceStream = getFromStream(source, from);
    return { sourceStream };
  } catch (error) {
    return { sourceError: error };
  }
};

// node_modules/execa/lib/pipe/throw.js
var handlePipeArgumentsError = ({
  sourceStream,
  sourceError,
  destinationStream,
  destinationError,
  fileDescriptors,
  sourceOptions,
  startTime
}) => {
  const error = getPipeArgumentsError({
    sourceStream,
    sourceError,
    destinationStream,
    destinationError
  });
  if (error !== void 0) {
    throw createNonCommandError({
      error,
      fileDescriptors,
      sourceOptions,
      startTime
    });
  }
};
var getPipeArgumentsError = ({ sourceStream, sourceError, destinationStream, destinationError }) => {
  if (sourceError !== void 0 && destinationError !== void 0) {
    return destinationError;
  }
  if (destinationError !== void 0) {
    abortSourceStream(sourceStream);
    return destinationError;
  }
  if (sourceError !== void 0) {
    endDestinationStream(destinationStream);
    return sourceError;
  }
};
var createNonCommandError = ({ error, fileDescriptors, sourceOptions, startTime }) => makeEarlyError({
  error,
  command: PIPE_COMMAND_MESSAGE,
  escapedCommand: PIPE_COMMAND_MESSAGE,
  fileDescriptors,
  options: sourceOptions,
  startTime,
  isSync: false
});
var PIPE_COMMAND_MESSAGE = "source.pipe(destination)";

// node_modules/execa/lib/pipe/sequence.js
var waitForBothSubprocesses = async (subprocessPromises) => {
  const [
    { status: sourceStatus, reason: sourceReason, value: sourceResult = sourceReason },
    { status: destinationStatus, reason: destinationReason, value: destinationResult = destinationReason }
  ] = await subprocessPromises;
  if (!destinationResult.pipedFrom.includes(sourceResult)) {
    destinationResult.pipedFrom.push(sourceResult);
  }
  if (destinationStatus === "rejected") {
    throw destinationResult;
  }
  if (sourceStatus === "rejected") {
    throw sourceResult;
  }
  return destinationResult;
};

// node_modules/execa/lib/pipe/streaming.js
import { finished as finished4 } from "node:stream/promises";
var pipeSubprocessStream = (sourceStream, destinationStream, maxListenersController) => {
  const mergedStream = MERGED_STREAMS.has(destinationStream) ? pipeMoreSubprocessStream(sourceStream, destinationStream) : pipeFirstSubprocessStream(sourceStream, destinationStream);
  incrementMaxListeners(sourceStream, SOURCE_LISTENERS_PER_PIPE, maxListenersController.signal);
  incrementMaxListeners(destinationStream, DESTINATION_LISTENERS_PER_PIPE, maxListenersController.signal);
  cleanupMergedStreamsMap(destinationStream);
  return mergedStream;
};
var pipeFirstSubprocessStream = (sourceStream, destinationStream) => {
  const mergedStream = mergeStreams([sourceStream]);
  pipeStreams(mergedStream, destinationStream);
  MERGED_STREAMS.set(destinationStream, mergedStream);
  return mergedStream;
};
var pipeMoreSubprocessStream = (sourceStream, destinationStream) => {
  const mergedStream = MERGED_STREAMS.get(destinationStream);
  mergedStream.add(sourceStream);
  return mergedStream;
};
var cleanupMergedStreamsMap = async (destinationStream) => {
  try {
    await finished4(destinationStream, { cleanup: true, readable: false, writable: true });
  } catch {
  }
  MERGED_STREAMS.delete(destinationStream);
};
var MERGED_STREAMS = /* @__PURE__ */ new WeakMap();
var SOURCE_LISTENERS_PER_PIPE = 2;
var DESTINATION_LISTENERS_PER_PIPE = 1;

// node_modules/execa/lib/pipe/abort.js
import { aborted } from "node:util";
var unpipeOnAbort = (unpipeSignal, unpipeContext) => unpipeSignal === void 0 ? [] : [unpipeOnSignalAbort(unpipeSignal, unpipeContext)];
var unpipeOnSignalAbort = async (unpipeSignal, { sourceStream, mergedStream, fileDescriptors, sourceOptions, startTime }) => {
  await aborted(unpipeSignal, sourceStream);
  await mergedStream.remove(sourceStream);
  const error = new Error("Pipe canceled by `unpipeSignal` option.");
  throw createNonCommandError({
    error,
    fileDescriptors,
    sourceOptions,
    startTime
  });
};

// node_modules/execa/lib/pipe/setup.js
var pipeToSubprocess = (sourceInfo, ...pipeArguments) => {
  if (isPlainObject(pipeArguments[0])) {
    return pipeToSubprocess.bind(void 0, {
      ...sourceInfo,
      boundOptions: { ...sourceInfo.boundOptions, ...pipeArguments[0] }
    });
  }
  const { destination, ...normalizedInfo } = normalizePipeArguments(sourceInfo, ...pipeArguments);
  const promise = handlePipePromise({ ...normalizedInfo, destination });
  promise.pipe = pipeToSubprocess.bind(void 0, {
    ...sourceInfo,
    source: destination,
    sourcePromise: promise,
    boundOptions: {}
  });
  return promise;
};
var handlePipePromise = async ({
  sourcePromise,
  sourceStream,
  sourceOptions,
  sourceError,
  destination,
  destinationStream,
  destinationError,
  unpipeSignal,
  fileDescriptors,
  startTime
}) => {
  const subprocessPromises = getSubprocessPromises(sourcePromise, destination);
  handlePipeArgumentsError({
    sourceStream,
    sourceError,
    destinationStream,
    destinationError,
    fileDescriptors,
    sourceOptions,
    startTime
  });
  const maxListenersController = new AbortController();
  try {
    const mergedStream = pipeSubprocessStream(sourceStream, destinationStream, maxListenersController);
    return await Promise.race([
      waitForBothSubprocesses(subprocessPromises),
      ...unpipeOnAbort(unpipeSignal, {
        sourceStream,
        mergedStream,
        sourceOptions,
        fileDescriptors,
        startTime
      })
    ]);
  } finally {
    maxListenersController.abort();
  }
};
var getSubprocessPromises = (sourcePromise, destination) => Promise.allSettled([sourcePromise, destination]);

// node_modules/execa/lib/io/contents.js
import { setImmediate } from "node:timers/promises";

// node_modules/execa/lib/io/iterate.js
import { on as on5 } from "node:events";
import { getDefaultHighWaterMark as getDefaultHighWaterMark3 } from "node:stream";
var iterateOnSubprocessStream = ({ subprocessStdout, subprocess, binary, shouldEncode, encoding, preserveNewlines }) => {
  const controller = new AbortController();
  stopReadingOnExit(subprocess, controller);
  return iterateOnStream({
    stream: subprocessStdout,
    controller,
    binary,
    shouldEncode: !subprocessStdout.readableObjectMode && shouldEncode,
    encoding,
    shouldSplit: !subprocessStdout.readableObjectMode,
    preserveNewlines
  });
};
var stopReadingOnExit = async (subprocess, controller) => {
  try {
    await subprocess;
  } catch {
  } finally {
    controller.abort();
  }
};
var iterateForResult = ({ stream, onStreamEnd, lines, encoding, stripFinalNewline: stripFinalNewline2, allMixed }) => {
  const controller = new AbortController();
  stopReadingOnStreamEnd(onStreamEnd, controller, stream);
  const objectMode = stream.readableObjectMode && !allMixed;
  return iterateOnStream({
    stream,
    controller,
    binary: encoding === "buffer",
    shouldEncode: !objectMode,
    encoding,
    shouldSplit: !objectMode && lines,
    preserveNewlines: !stripFinalNewline2
  });
};
var stopReadingOnStreamEnd = async (onStreamEnd, controller, stream) => {
  try {
    await onStreamEnd;
  } catch {
    stream.destroy();
  } finally {
    controller.abort();
  }
};
var iterateOnStream = ({ stream, controller, binary, shouldEncode, encoding, shouldSplit, preserveNewlines }) => {
  const onStdoutChunk = on5(stream, "data", {
    signal: controller.signal,
    highWaterMark: HIGH_WATER_MARK,
    // Backward compatibility with older name for this option
    // See https://github.com/nodejs/node/pull/52080#discussion_r1525227861
    // @todo Remove after removing support for Node 21
    highWatermark: HIGH_WATER_MARK
  });
  return iterateOnData({
    onStdoutChunk,
    controller,
    binary,
    shouldEncode,
    encoding,
    shouldSplit,
    preserveNewlines
  });
};
var DEFAULT_OBJECT_HIGH_WATER_MARK = getDefaultHighWaterMark3(true);
var HIGH_WATER_MARK = DEFAULT_OBJECT_HIGH_WATER_MARK;
var iterateOnData = async function* ({ onStdoutChunk, controller, binary, shouldEncode, encoding, shouldSplit, preserveNewlines }) {
  const generators = getGenerators({
    binary,
    shouldEncode,
    encoding,
    shouldSplit,
    preserveNewlines
  });
  try {
    for await (const [chunk] of onStdoutChunk) {
      yield* transformChunkSync(chunk, generators, 0);
    }
  } catch (error) {
    if (!controller.signal.aborted) {
      throw error;
    }
  } finally {
    yield* finalChunksSync(generators);
  }
};
var getGenerators = ({ binary, shouldEncode, encoding, shouldSplit, preserveNewlines }) => [
  getEncodingTransformGenerator(binary, encoding, !shouldEncode),
  getSplitLinesGenerator(binary, preserveNewlines, !shouldSplit, {})
].filter(Boolean);

// node_modules/execa/lib/io/contents.js
var getStreamOutput = async ({ stream, onStreamEnd, fdNumber, encoding, buffer, maxBuffer, lines, allMixed, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => {
  const logPromise = logOutputAsync({
    stream,
    onStreamEnd,
    fdNumber,
    encoding,
    allMixed,
    verboseInfo,
    streamInfo
  });
  if (!buffer) {
    await Promise.all([resumeStream(stream), logPromise]);
    return;
  }
  const stripFinalNewlineValue = getStripFinalNewline(stripFinalNewline2, fdNumber);
  const iterable = iterateForResult({
    stream,
    onStreamEnd,
    lines,
    encoding,
    stripFinalNewline: stripFinalNewlineValue,
    allMixed
  });
  const [output] = await Promise.all([
    getStreamContents2({
      stream,
      iterable,
      fdNumber,
      encoding,
      maxBuffer,
      lines
    }),
    logPromise
  ]);
  return output;
};
var logOutputAsync = async ({ stream, onStreamEnd, fdNumber, encoding, allMixed, verboseInfo, streamInfo: { fileDescriptors } }) => {
  if (!shouldLogOutput({
    stdioItems: fileDescriptors[fdNumber]?.stdioItems,
    encoding,
    verboseInfo,
    fdNumber
  })) {
    return;
  }
  const linesIterable = iterateForResult({
    stream,
    onStreamEnd,
    lines: true,
    encoding,
    stripFinalNewline: true,
    allMixed
  });
  await logLines(linesIterable, stream, fdNumber, verboseInfo);
};
var resumeStream = async (stream) => {
  await setImmediate();
  if (stream.readableFlowing === null) {
    stream.resume();
  }
};
var getStreamContents2 = async ({ stream, stream: { readableObjectMode }, iterable, fdNumber, encoding, maxBuffer, lines }) => {
  try {
    if (readableObjectMode || lines) {
      return await getStreamAsArray(iterable, { maxBuffer });
    }
    if (encoding === "buffer") {
      return new Uint8Array(await getStreamAsArrayBuffer(iterable, { maxBuffer }));
    }
    return await getStreamAsString(iterable, { maxBuffer });
  } catch (error) {
    return handleBufferedData(handleMaxBuffer({
      error,
      stream,
      readableObjectMode,
      lines,
      encoding,
      fdNumber
    }));
  }
};
var getBufferedData = async (streamPromise) => {
  try {
    return await streamPromise;
  } catch (error) {
    return handleBufferedData(error);
  }
};
var handleBufferedData = ({ bufferedData }) => isArrayBuffer(bufferedData) ? new Uint8Array(bufferedData) : bufferedData;

// node_modules/execa/lib/resolve/wait-stream.js
import { finished as finished5 } from "node:stream/promises";
var waitForStream = async (stream, fdNumber, streamInfo, { isSameDirection, stopOnExit = false } = {}) => {
  const state = handleStdinDestroy(stream, streamInfo);
  const abortController = new AbortController();
  try {
    await Promise.race([
      ...stopOnExit ? [streamInfo.exitPromise] : [],
      finished5(stream, { cleanup: true, signal: abortController.signal })
    ]);
  } catch (error) {
    if (!state.stdinCleanedUp) {
      handleStreamError(error, fdNumber, streamInfo, isSameDirection);
    }
  } finally {
    abortController.abort();
  }
};
var handleStdinDestroy = (stream, { originalStreams: [originalStdin], subprocess }) => {
  const state = { stdinCleanedUp: false };
  if (stream === originalStdin) {
    spyOnStdinDestroy(stream, subprocess, state);
  }
  return state;
};
var spyOnStdinDestroy = (subprocessStdin, subprocess, state) => {
  const { _destroy } = subprocessStdin;
  subprocessStdin._destroy = (...destroyArguments) => {
    setStdinCleanedUp(subprocess, state);
    _destroy.call(subprocessStdin, ...destroyArguments);
  };
};
var setStdinCleanedUp = ({ exitCode, signalCode }, state) => {
  if (exitCode !== null || signalCode !== null) {
    state.stdinCleanedUp = true;
  }
};
var handleStreamError = (error, fdNumber, streamInfo, isSameDirection) => {
  if (!shouldIgnoreStreamError(error, fdNumber, streamInfo, isSameDirection)) {
    throw error;
  }
};
var shouldIgnoreStreamError = (error, fdNumber, streamInfo, isSameDirection = true) => {
  if (streamInfo.propagating) {
    return isStreamEpipe(error) || isStreamAbort(error);
  }
  streamInfo.propagating = true;
  return isInputFileDescriptor(streamInfo, fdNumber) === isSameDirection ? isStreamEpipe(error) : isStreamAbort(error);
};
var isInputFileDescriptor = ({ fileDescriptors }, fdNumber) => fdNumber !== "all" && fileDescriptors[fdNumber].direction === "input";
var isStreamAbort = (error) => error?.code === "ERR_STREAM_PREMATURE_CLOSE";
var isStreamEpipe = (error) => error?.code === "EPIPE";

// node_modules/execa/lib/resolve/stdio.js
var waitForStdioStreams = ({ subprocess, encoding, buffer, maxBuffer, lines, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => subprocess.stdio.map((stream, fdNumber) => waitForSubprocessStream({
  stream,
  fdNumber,
  encoding,
  buffer: buffer[fdNumber],
  maxBuffer: maxBuffer[fdNumber],
  lines: lines[fdNumber],
  allMixed: false,
  stripFinalNewline: stripFinalNewline2,
  verboseInfo,
  streamInfo
}));
var waitForSubprocessStream = async ({ stream, fdNumber, encoding, buffer, maxBuffer, lines, allMixed, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => {
  if (!stream) {
    return;
  }
  const onStreamEnd = waitForStream(stream, fdNumber, streamInfo);
  if (isInputFileDescriptor(streamInfo, fdNumber)) {
    await onStreamEnd;
    return;
  }
  const [output] = await Promise.all([
    getStreamOutput({
      stream,
      onStreamEnd,
      fdNumber,
      encoding,
      buffer,
      maxBuffer,
      lines,
      allMixed,
      stripFinalNewline: stripFinalNewline2,
      verboseInfo,
      streamInfo
    }),
    onStreamEnd
  ]);
  return output;
};

// node_modules/execa/lib/resolve/all-async.js
var makeAllStream = ({ stdout, stderr }, { all }) => all && (stdout || stderr) ? mergeStreams([stdout, stderr].filter(Boolean)) : void 0;
var waitForAllStream = ({ subprocess, encoding, buffer, maxBuffer, lines, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => waitForSubprocessStream({
  ...getAllStream(subprocess, buffer),
  fdNumber: "all",
  encoding,
  maxBuffer: maxBuffer[1] + maxBuffer[2],
  lines: lines[1] || lines[2],
  allMixed: getAllMixed(subprocess),
  stripFinalNewline: stripFinalNewline2,
  verboseInfo,
  streamInfo
});
var getAllStream = ({ stdout, stderr, all }, [, bufferStdout, bufferStderr]) => {
  const buffer = bufferStdout || bufferStderr;
  if (!buffer) {
    return { stream: all, buffer };
  }
  if (!bufferStdout) {
    return { stream: stderr, buffer };
  }
  if (!bufferStderr) {
    return { stream: stdout, buffer };
  }
  return { stream: all, buffer };
};
var getAllMixed = ({ all, stdout, stderr }) => all && stdout && stderr && stdout.readableObjectMode !== stderr.readableObjectMode;

// node_modules/execa/lib/resolve/wait-subprocess.js
import { once as once8 } from "node:events";

// node_modules/execa/lib/verbose/ipc.js
var shouldLogIpc = (verboseInfo) => isFullVerbose(verboseInfo, "ipc");
var logIpcOutput = (message, verboseInfo) => {
  const verboseMessage = serializeVerboseMessage(message);
  verboseLog({
    type: "ipc",
    verboseMessage,
    fdNumber: "ipc",
    verboseInfo
  });
};

// node_modules/execa/lib/ipc/buffer-messages.js
var waitForIpcOutput = async ({
  subprocess,
  buffer: bufferArray,
  maxBuffer: maxBufferArray,
  ipc,
  ipcOutput,
  verboseInfo
}) => {
  if (!ipc) {
    return ipcOutput;
  }
  const isVerbose2 = shouldLogIpc(verboseInfo);
  const buffer = getFdSpecificValue(bufferArray, "ipc");
  const maxBuffer = getFdSpecificValue(maxBufferArray, "ipc");
  for await (const message of loopOnMessages({
    anyProcess: subprocess,
    channel: subprocess.channel,
    isSubprocess: false,
    ipc,
    shouldAwait: false,
    reference: true
  })) {
    if (buffer) {
      checkIpcMaxBuffer(subprocess, ipcOutput, maxBuffer);
      ipcOutput.push(message);
    }
    if (isVerbose2) {
      logIpcOutput(message, verboseInfo);
    }
  }
  return ipcOutput;
};
var getBufferedIpcOutput = async (ipcOutputPromise, ipcOutput) => {
  await Promise.allSettled([ipcOutputPromise]);
  return ipcOutput;
};

// node_modules/execa/lib/resolve/wait-subprocess.js
var waitForSubprocessResult = async ({
  subprocess,
  options: {
    encoding,
    buffer,
    maxBuffer,
    lines,
    timeoutDuration: timeout,
    cancelSignal,
    gracefulCancel,
    forceKillAfterDelay,
    stripFinalNewline: stripFinalNewline2,
    ipc,
    ipcInput
  },
  context,
  verboseInfo,
  fileDescriptors,
  originalStreams,
  onInternalError,
  controller
}) => {
  const exitPromise = waitForExit(subprocess, context);
  const streamInfo = {
    originalStreams,
    fileDescriptors,
    subprocess,
    exitPromise,
    propagating: false
  };
  const stdioPromises = waitForStdioStreams({
    subprocess,
    encoding,
    buffer,
    maxBuffer,
    lines,
    stripFinalNewline: stripFinalNewline2,
    verboseInfo,
    streamInfo
  });
  const allPromise = waitForAllStream({
    subprocess,
    encoding,
    buffer,
    maxBuffer,
    lines,
    stripFinalNewline: stripFinalNewline2,
    verboseInfo,
    streamInfo
  });
  const ipcOutput = [];
  const ipcOutputPromise = waitForIpcOutput({
    subprocess,
    buffer,
    maxBuffer,
    ipc,
    ipcOutput,
    verboseInfo
  });
  const originalPromises = waitForOriginalStreams(originalStreams, subprocess, streamInfo);
  const customStreamsEndPromises = waitForCustomStreamsEnd(fileDescriptors, streamInfo);
  try {
    return await Promise.race([
      Promise.all([
        {},
        waitForSuccessfulExit(exitPromise),
        Promise.all(stdioPromises),
        allPromise,
        ipcOutputPromise,
        sendIpcInput(subprocess, ipcInput),
        ...originalPromises,
        ...customStreamsEndPromises
      ]),
      onInternalError,
      throwOnSubprocessError(subprocess, controller),
      ...throwOnTimeout(subprocess, timeout, context, controller),
      ...throwOnCancel({
        subprocess,
        cancelSignal,
        gracefulCancel,
        context,
        controller
      }),
      ...throwOnGracefulCancel({
        subprocess,
        cancelSignal,
        gracefulCancel,
        forceKillAfterDelay,
        context,
        controller
      })
    ]);
  } catch (error) {
    context.terminationReason ??= "other";
    return Promise.all([
      { error },
      exitPromise,
      Promise.all(stdioPromises.map((stdioPromise) => getBufferedData(stdioPromise))),
      getBufferedData(allPromise),
      getBufferedIpcOutput(ipcOutputPromise, ipcOutput),
      Promise.allSettled(originalPromises),
      Promise.allSettled(customStreamsEndPromises)
    ]);
  }
};
var waitForOriginalStreams = (originalStreams, subprocess, streamInfo) => originalStreams.map((stream, fdNumber) => stream === subprocess.stdio[fdNumber] ? void 0 : waitForStream(stream, fdNumber, streamInfo));
var waitForCustomStreamsEnd = (fileDescriptors, streamInfo) => fileDescriptors.flatMap(({ stdioItems }, fdNumber) => stdioItems.filter(({ value, stream = value }) => isStream(stream, { checkOpen: false }) && !isStandardStream(stream)).map(({ type, value, stream = value }) => waitForStream(stream, fdNumber, streamInfo, {
  isSameDirection: TRANSFORM_TYPES.has(type),
  stopOnExit: type === "native"
})));
var throwOnSubprocessError = async (subprocess, { signal }) => {
  const [error] = await once8(subprocess, "error", { signal });
  throw error;
};

// node_modules/execa/lib/convert/concurrent.js
var initializeConcurrentStreams = () => ({
  readableDestroy: /* @__PURE__ */ new WeakMap(),
  writableFinal: /* @__PURE__ */ new WeakMap(),
  writableDestroy: /* @__PURE__ */ new WeakMap()
});
var addConcurrentStream = (concurrentStreams, stream, waitName) => {
  const weakMap = concurrentStreams[waitName];
  if (!weakMap.has(stream)) {
    weakMap.set(stream, []);
  }
  const promises = weakMap.get(stream);
  const promise = createDeferred();
  promises.push(promise);
  const resolve = promise.resolve.bind(promise);
  return { resolve, promises };
};
var waitForConcurrentStreams = async ({ resolve, promises }, subprocess) => {
  resolve();
  const [isSubprocessExit] = await Promise.race([
    Promise.allSettled([true, subprocess]),
    Promise.all([false, ...promises])
  ]);
  return !isSubprocessExit;
};

// node_modules/execa/lib/convert/readable.js
import { Readable as Readable3 } from "node:stream";
import { callbackify as callbackify2 } from "node:util";

// node_modules/execa/lib/convert/shared.js
import { finished as finished6 } from "node:stream/promises";
var safeWaitForSubprocessStdin = async (subprocessStdin) => {
  if (subprocessStdin === void 0) {
    return;
  }
  try {
    await waitForSubprocessStdin(subprocessStdin);
  } catch {
  }
};
var safeWaitForSubprocessStdout = async (subprocessStdout) => {
  if (subprocessStdout === void 0) {
    return;
  }
  try {
    await waitForSubprocessStdout(subprocessStdout);
  } catch {
  }
};
var waitForSubprocessStdin = async (subprocessStdin) => {
  await finished6(subprocessStdin, { cleanup: true, readable: false, writable: true });
};
var waitForSubprocessStdout = async (subprocessStdout) => {
  await finished6(subprocessStdout, { cleanup: true, readable: true, writable: false });
};
var waitForSubprocess = async (subprocess, error) => {
  await subprocess;
  if (error) {
    throw error;
  }
};
var destroyOtherStream = (stream, isOpen, error) => {
  if (error && !isStreamAbort(error)) {
    stream.destroy(error);
  } else if (isOpen) {
    stream.destroy();
  }
};

// node_modules/execa/lib/convert/readable.js
var createReadable = ({ subprocess, concurrentStreams, encoding }, { from, binary: binaryOption = true, preserveNewlines = true } = {}) => {
  const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
  const { subprocessStdout, waitReadableDestroy } = getSubprocessStdout(subprocess, from, concurrentStreams);
  const { readableEncoding, readableObjectMode, readableHighWaterMark } = getReadableOptions(subprocessStdout, binary);
  const { read, onStdoutDataDone } = getReadableMethods({
    subprocessStdout,
    subprocess,
    binary,
    encoding,
    preserveNewlines
  });
  const readable2 = new Readable3({
    read,
    destroy: callbackify2(onReadableDestroy.bind(void 0, { subprocessStdout, subprocess, waitReadableDestroy })),
    highWaterMark: readableHighWaterMark,
    objectMode: readableObjectMode,
    encoding: readableEncoding
  });
  onStdoutFinished({
    subprocessStdout,
    onStdoutDataDone,
    readable: readable2,
    subprocess
  });
  return readable2;
};
var getSubprocessStdout = (subprocess, from, concurrentStreams) => {
  const subprocessStdout = getFromStream(subprocess, from);
  const waitReadableDestroy = addConcurrentStream(concurrentStreams, subprocessStdout, "readableDestroy");
  return { subprocessStdout, waitReadableDestroy };
};
var getReadableOptions = ({ readableEncoding, readableObjectMode, readableHighWaterMark }, binary) => binary ? { readableEncoding, readableObjectMode, readableHighWaterMark } : { readableEncoding, readableObjectMode: true, readableHighWaterMark: DEFAULT_OBJECT_HIGH_WATER_MARK };
var getReadableMethods = ({ subprocessStdout, subprocess, binary, encoding, preserveNewlines }) => {
  const onStdoutDataDone = createDeferred();
  const onStdoutData = iterateOnSubprocessStream({
    subprocessStdout,
    subprocess,
    binary,
    shouldEncode: !binary,
    encoding,
    preserveNewlines
  });
  return {
    read() {
      onRead(this, onStdoutData, onStdoutDataDone);
    },
    onStdoutDataDone
  };
};
var onRead = async (readable2, onStdoutData, onStdoutDataDone) => {
  try {
    const { value, done } = await onStdoutData.next();
    if (done) {
      onStdoutDataDone.resolve();
    } else {
      readable2.push(value);
    }
  } catch {
  }
};
var onStdoutFinished = async ({ subprocessStdout, onStdoutDataDone, readable: readable2, subprocess, subprocessStdin }) => {
  try {
    await waitForSubprocessStdout(subprocessStdout);
    await subprocess;
    await safeWaitForSubprocessStdin(subprocessStdin);
    await onStdoutDataDone;
    if (readable2.readable) {
      readable2.push(null);
    }
  } catch (error) {
    await safeWaitForSubprocessStdin(subprocessStdin);
    destroyOtherReadable(readable2, error);
  }
};
var onReadableDestroy = async ({ subprocessStdout, subprocess, waitReadableDestroy }, error) => {
  if (await waitForConcurrentStreams(waitReadableDestroy, subprocess)) {
    destroyOtherReadable(subprocessStdout, error);
    await waitForSubprocess(subprocess, error);
  }
};
var destroyOtherReadable = (stream, error) => {
  destroyOtherStream(stream, stream.readable, error);
};

// node_modules/execa/lib/convert/writable.js
import { Writable as Writable3 } from "node:stream";
import { callbackify as callbackify3 } from "node:util";
var createWritable = ({ subprocess, concurrentStreams }, { to } = {}) => {
  const { subprocessStdin, waitWritableFinal, waitWritableDestroy } = getSubprocessStdin(subprocess, to, concurrentStreams);
  const writable2 = new Writable3({
    ...getWritableMethods(subprocessStdin, subprocess, waitWritableFinal),
    destroy: callbackify3(onWritableDestroy.bind(void 0, {
      subprocessStdin,
      subprocess,
      waitWritableFinal,
      waitWritableDestroy
    })),
    highWaterMark: subprocessStdin.writableHighWaterMark,
    objectMode: subprocessStdin.writableObjectMode
  });
  onStdinFinished(subprocessStdin, writable2);
  return writable2;
};
var getSubprocessStdin = (subprocess, to, concurrentStreams) => {
  const subprocessStdin = getToStream(subprocess, to);
  const waitWritableFinal = addConcurrentStream(concurrentStreams, subprocessStdin, "writableFinal");
  const waitWritableDestroy = addConcurrentStream(concurrentStreams, subprocessStdin, "writableDestroy");
  return { subprocessStdin, waitWritableFinal, waitWritableDestroy };
};
var getWritableMethods = (subprocessStdin, subprocess, waitWritableFinal) => ({
  write: onWrite.bind(void 0, subprocessStdin),
  final: callbackify3(onWritableFinal.bind(void 0, subprocessStdin, subprocess, waitWritableFinal))
});
var onWrite = (subprocessStdin, chunk, encoding, done) => {
  if (subprocessStdin.write(chunk, encoding)) {
    done();
  } else {
    subprocessStdin.once("drain", done);
  }
};
var onWritableFinal = async (subprocessStdin, subprocess, waitWritableFinal) => {
  if (await waitForConcurrentStreams(waitWritableFinal, subprocess)) {
    if (subprocessStdin.writable) {
      subprocessStdin.end();
    }
    await subprocess;
  }
};
var onStdinFinished = async (subprocessStdin, writable2, subprocessStdout) => {
  try {
    await waitForSubprocessStdin(subprocessStdin);
    if (writable2.writable) {
      writable2.end();
    }
  } catch (error) {
    await safeWaitForSubprocessStdout(subprocessStdout);
    destroyOtherWritable(writable2, error);
  }
};
var onWritableDestroy = async ({ subprocessStdin, subprocess, waitWritableFinal, waitWritableDestroy }, error) => {
  await waitForConcurrentStreams(waitWritableFinal, subprocess);
  if (await waitForConcurrentStreams(waitWritableDestroy, subprocess)) {
    destroyOtherWritable(subprocessStdin, error);
    await waitForSubprocess(subprocess, error);
  }
};
var destroyOtherWritable = (stream, error) => {
  destroyOtherStream(stream, stream.writable, error);
};

// node_modules/execa/lib/convert/duplex.js
import { Duplex as Duplex3 } from "node:stream";
import { callbackify as callbackify4 } from "node:util";
var createDuplex = ({ subprocess, concurrentStreams, encoding }, { from, to, binary: binaryOption = true, preserveNewlines = true } = {}) => {
  const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
  const { subprocessStdout, waitReadableDestroy } = getSubprocessStdout(subprocess, from, concurrentStreams);
  const { subprocessStdin, waitWritableFinal, waitWritableDestroy } = getSubprocessStdin(subprocess, to, concurrentStreams);
  const { readableEncoding, readableObjectMode, readableHighWaterMark } = getReadableOptions(subprocessStdout, binary);
  const { read, onStdoutDataDone } = getReadableMethods({
    subprocessStdout,
    subprocess,
    binary,
    encoding,
    preserveNewlines
  });
  const duplex2 = new Duplex3({
    read,
    ...getWritableMethods(subprocessStdin, subprocess, waitWritableFinal),
    destroy: callbackify4(onDuplexDestroy.bind(void 0, {
      subprocessStdout,
      subprocessStdin,
      subprocess,
      waitReadableDestroy,
      waitWritableFinal,
      waitWritableDestroy
    })),
    readableHighWaterMark,
    writableHighWaterMark: subprocessStdin.writableHighWaterMark,
    readableObjectMode,
    writableObjectMode: subprocessStdin.writableObjectMode,
    encoding: readableEncoding
  });
  onStdoutFinished({
    subprocessStdout,
    onStdoutDataDone,
    readable: duplex2,
    subprocess,
    subprocessStdin
  });
  onStdinFinished(subprocessStdin, duplex2, subprocessStdout);
  return duplex2;
};
var onDuplexDestroy = async ({ subprocessStdout, subprocessStdin, subprocess, waitReadableDestroy, waitWritableFinal, waitWritableDestroy }, error) => {
  await Promise.all([
    onReadableDestroy({ subprocessStdout, subprocess, waitReadableDestroy }, error),
    onWritableDestroy({
      subprocessStdin,
      subprocess,
      waitWritableFinal,
      waitWritableDestroy
    }, error)
  ]);
};

// node_modules/execa/lib/convert/iterable.js
var createIterable = (subprocess, encoding, {
  from,
  binary: binaryOption = false,
  preserveNewlines = false
} = {}) => {
  const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
  const subprocessStdout = getFromStream(subprocess, from);
  const onStdoutData = iterateOnSubprocessStream({
    subprocessStdout,
    subprocess,
    binary,
    shouldEncode: true,
    encoding,
    preserveNewlines
  });
  return iterateOnStdoutData(onStdoutData, subprocessStdout, subprocess);
};
var iterateOnStdoutData = async function* (onStdoutData, subprocessStdout, subprocess) {
  try {
    yield* onStdoutData;
  } finally {
    if (subprocessStdout.readable) {
      subprocessStdout.destroy();
    }
    await subprocess;
  }
};

// node_modules/execa/lib/convert/add.js
var addConvertedStreams = (subprocess, { encoding }) => {
  const concurrentStreams = initializeConcurrentStreams();
  subprocess.readable = createReadable.bind(void 0, { subprocess, concurrentStreams, encoding });
  subprocess.writable = createWritable.bind(void 0, { subprocess, concurrentStreams });
  subprocess.duplex = createDuplex.bind(void 0, { subprocess, concurrentStreams, encoding });
  subprocess.iterable = createIterable.bind(void 0, subprocess, encoding);
  subprocess[Symbol.asyncIterator] = createIterable.bind(void 0, subprocess, encoding, {});
};

// node_modules/execa/lib/methods/promise.js
var mergePromise = (subprocess, promise) => {
  for (const [property, descriptor] of descriptors) {
    const value = descriptor.value.bind(promise);
    Reflect.defineProperty(subprocess, property, { ...descriptor, value });
  }
};
var nativePromisePrototype = (async () => {
})().constructor.prototype;
var descriptors = ["then", "catch", "finally"].map((property) => [
  property,
  Reflect.getOwnPropertyDescriptor(nativePromisePrototype, property)
]);

// node_modules/execa/lib/methods/main-async.js
var execaCoreAsync = (rawFile, rawArguments, rawOptions, createNested) => {
  const { file, commandArguments, command, escapedCommand, startTime, verboseInfo, options, fileDescriptors } = handleAsyncArguments(rawFile, rawArguments, rawOptions);
  const { subprocess, promise } = spawnSubprocessAsync({
    file,
    commandArguments,
    options,
    startTime,
    verboseInfo,
    command,
    escapedCommand,
    fileDescriptors
  });
  subprocess.pipe = pipeToSubprocess.bind(void 0, {
    source: subprocess,
    sourcePromise: promise,
    boundOptions: {},
    createNested
  });
  mergePromise(subprocess, promise);
  SUBPROCESS_OPTIONS.set(subprocess, { options, fileDescriptors });
  return subprocess;
};
var handleAsyncArguments = (rawFile, rawArguments, rawOptions) => {
  const { command, escapedCommand, startTime, verboseInfo } = handleCommand(rawFile, rawArguments, rawOptions);
  const { file, commandArguments, options: normalizedOptions } = normalizeOptions(rawFile, rawArguments, rawOptions);
  const options = handleAsyncOptions(normalizedOptions);
  const fileDescriptors = handleStdioAsync(options, verboseInfo);
  return {
    file,
    commandArguments,
    command,
    escapedCommand,
    startTime,
    verboseInfo,
    options,
    fileDescriptors
  };
};
var handleAsyncOptions = ({ timeout, signal, ...options }) => {
  if (signal !== void 0) {
    throw new TypeError('The "signal" option has been renamed to "cancelSignal" instead.');
  }
  return { ...options, timeoutDuration: timeout };
};
var spawnSubprocessAsync = ({ file, commandArguments, options, startTime, verboseInfo, command, escapedCommand, fileDescriptors }) => {
  let subprocess;
  try {
    subprocess = spawn(...concatenateShell(file, commandArguments, options));
  } catch (error) {
    return handleEarlyError({
      error,
      command,
      escapedCommand,
      fileDescriptors,
      options,
      startTime,
      verboseInfo
    });
  }
  const controller = new AbortController();
  setMaxListeners(Number.POSITIVE_INFINITY, controller.signal);
  const originalStreams = [...subprocess.stdio];
  pipeOutputAsync(subprocess, fileDescriptors, controller);
  cleanupOnExit(subprocess, options, controller);
  const context = {};
  const onInternalError = createDeferred();
  subprocess.kill = subprocessKill.bind(void 0, {
    kill: subprocess.kill.bind(subprocess),
    options,
    onInternalError,
    context,
    controller
  });
  subprocess.all = makeAllStream(subprocess, options);
  addConvertedStreams(subprocess, options);
  addIpcMethods(subprocess, options);
  const promise = handlePromise({
    subprocess,
    options,
    startTime,
    verboseInfo,
    fileDescriptors,
    originalStreams,
    command,
    escapedCommand,
    context,
    onInternalError,
    controller
  });
  return { subprocess, promise };
};
var handlePromise = async ({ subprocess, options, startTime, verboseInfo, fileDescriptors, originalStreams, command, escapedCommand, context, onInternalError, controller }) => {
  const [
    errorInfo,
    [exitCode, signal],
    stdioResults,
    allResult,
    ipcOutput
  ] = await waitForSubprocessResult({
    subprocess,
    options,
    context,
    verboseInfo,
    fileDescriptors,
    originalStreams,
    onInternalError,
    controller
  });
  controller.abort();
  onInternalError.resolve();
  const stdio = stdioResults.map((stdioResult, fdNumber) => stripNewline(stdioResult, options, fdNumber));
  const all = stripNewline(allResult, options, "all");
  const result2 = getAsyncResult({
    errorInfo,
    exitCode,
    signal,
    stdio,
    all,
    ipcOutput,
    context,
    options,
    command,
    escapedCommand,
    startTime
  });
  return handleResult(result2, verboseInfo, options);
};
var getAsyncResult = ({ errorInfo, exitCode, signal, stdio, all, ipcOutput, context, options, command, escapedCommand, startTime }) => "error" in errorInfo ? makeError({
  error: errorInfo.error,
  command,
  escapedCommand,
  timedOut: context.terminationReason === "timeout",
  isCanceled: context.terminationReason === "cancel" || context.terminationReason === "gracefulCancel",
  isGracefullyCanceled: context.terminationReason === "gracefulCancel",
  isMaxBuffer: errorInfo.error instanceof MaxBufferError,
  isForcefullyTerminated: context.isForcefullyTerminated,
  exitCode,
  signal,
  stdio,
  all,
  ipcOutput,
  options,
  startTime,
  isSync: false
}) : makeSuccessResult({
  command,
  escapedCommand,
  stdio,
  all,
  ipcOutput,
  options,
  startTime
});

// node_modules/execa/lib/methods/bind.js
var mergeOptions = (boundOptions, options) => {
  const newOptions = Object.fromEntries(
    Object.entries(options).map(([optionName, optionValue]) => [
      optionName,
      mergeOption(optionName, boundOptions[optionName], optionValue)
    ])
  );
  return { ...boundOptions, ...newOptions };
};
var mergeOption = (optionName, boundOptionValue, optionValue) => {
  if (DEEP_OPTIONS.has(optionName) && isPlainObject(boundOptionValue) && isPlainObject(optionValue)) {
    return { ...boundOptionValue, ...optionValue };
  }
  return optionValue;
};
var DEEP_OPTIONS = /* @__PURE__ */ new Set(["env", ...FD_SPECIFIC_OPTIONS]);

// node_modules/execa/lib/methods/create.js
var createExeca = (mapArguments, boundOptions, deepOptions, setBoundExeca) => {
  const createNested = (mapArguments2, boundOptions2, setBoundExeca2) => createExeca(mapArguments2, boundOptions2, deepOptions, setBoundExeca2);
  const boundExeca = (...execaArguments) => callBoundExeca({
    mapArguments,
    deepOptions,
    boundOptions,
    setBoundExeca,
    createNested
  }, ...execaArguments);
  if (setBoundExeca !== void 0) {
    setBoundExeca(boundExeca, createNested, boundOptions);
  }
  return boundExeca;
};
var callBoundExeca = ({ mapArguments, deepOptions = {}, boundOptions = {}, setBoundExeca, createNested }, firstArgument, ...nextArguments) => {
  if (isPlainObject(firstArgument)) {
    return createNested(mapArguments, mergeOptions(boundOptions, firstArgument), setBoundExeca);
  }
  const { file, commandArguments, options, isSync } = parseArguments({
    mapArguments,
    firstArgument,
    nextArguments,
    deepOptions,
    boundOptions
  });
  return isSync ? execaCoreSync(file, commandArguments, options) : execaCoreAsync(file, commandArguments, options, createNested);
};
var parseArguments = ({ mapArguments, firstArgument, nextArguments, deepOptions, boundOptions }) => {
  const callArguments = isTemplateString(firstArgument) ? parseTemplates(firstArgument, nextArguments) : [firstArgument, ...nextArguments];
  const [initialFile, initialArguments, initialOptions] = normalizeParameters(...callArguments);
  const mergedOptions = mergeOptions(mergeOptions(deepOptions, boundOptions), initialOptions);
  const {
    file = initialFile,
    commandArguments = initialArguments,
    options = mergedOptions,
    isSync = false
  } = mapArguments({ file: initialFile, commandArguments: initialArguments, options: mergedOptions });
  return {
    file,
    commandArguments,
    options,
    isSync
  };
};

// node_modules/execa/lib/methods/command.js
var mapCommandAsync = ({ file, commandArguments }) => parseCommand(file, commandArguments);
var mapCommandSync = ({ file, commandArguments }) => ({ ...parseCommand(file, commandArguments), isSync: true });
var parseCommand = (command, unusedArguments) => {
  if (unusedArguments.length > 0) {
    throw new TypeError(`The command and its arguments must be passed as a single string: ${command} ${unusedArguments}.`);
  }
  const [file, ...commandArguments] = parseCommandString(command);
  return { file, commandArguments };
};
var parseCommandString = (command) => {
  if (typeof command !== "string") {
    throw new TypeError(`The command must be a string: ${String(command)}.`);
  }
  const trimmedCommand = command.trim();
  if (trimmedCommand === "") {
    return [];
  }
  const tokens = [];
  for (const token of trimmedCommand.split(SPACES_REGEXP)) {
    const previousToken = tokens.at(-1);
    if (previousToken && previousToken.endsWith("\\")) {
      tokens[tokens.length - 1] = `${previousToken.slice(0, -1)} ${token}`;
    } else {
      tokens.push(token);
    }
  }
  return tokens;
};
var SPACES_REGEXP = / +/g;

// node_modules/execa/lib/methods/script.js
var setScriptSync = (boundExeca, createNested, boundOptions) => {
  boundExeca.sync = createNested(mapScriptSync, boundOptions);
  boundExeca.s = boundExeca.sync;
};
var mapScriptAsync = ({ options }) => getScriptOptions(options);
var mapScriptSync = ({ options }) => ({ ...getScriptOptions(options), isSync: true });
var getScriptOptions = (options) => ({ options: { ...getScriptStdinOption(options), ...options } });
var getScriptStdinOption = ({ input, inputFile, stdio }) => input === void 0 && inputFile === void 0 && stdio === void 0 ? { stdin: "inherit" } : {};
var deepScriptOptions = { preferLocal: true };

// node_modules/execa/index.js
var execa = createExeca(() => ({}));
var execaSync = createExeca(() => ({ isSync: true }));
var execaCommand = createExeca(mapCommandAsync);
var execaCommandSync = createExeca(mapCommandSync);
var execaNode = createExeca(mapNode);
var $ = createExeca(mapScriptAsync, {}, deepScriptOptions, setScriptSync);
var {
  sendMessage: sendMessage2,
  getOneMessage: getOneMessage2,
  getEachMessage: getEachMessage2,
  getCancelSignal: getCancelSignal2
} = getIpcExport();

// src/executables/version.ts
function parseVersionOutput(output) {
  return /^Blender (\d+\.\d+(?:\.\d+)?)/m.exec(output)?.[1];
}
async function runVersion(executable, options = {}) {
  const timeoutMs = options.timeoutMs ?? 12e4;
  const r = await execa(executable, ["--version"], {
    // Blender prints its version before it would touch the display; keep it off any display anyway.
    env: { ...options.env ?? process.env, DISPLAY: "", WAYLAND_DISPLAY: "", LC_ALL: "C" },
    extendEnv: false,
    stdin: "ignore",
    all: true,
    reject: false,
    timeout: timeoutMs,
    ...options.signal ? { cancelSignal: options.signal } : {}
  });
  const output = r.all ?? "";
  const version = parseVersionOutput(output);
  const how = r.timedOut ? `timed out after ${timeoutMs / 1e3} s` : r.signal ? `signal ${r.signal}` : r.exitCode !== void 0 ? `exit code ${r.exitCode}` : r.shortMessage ?? "it failed";
  return {
    ok: !r.failed && r.exitCode === 0 || version !== void 0,
    ...version ? { version } : {},
    output,
    timedOut: r.timedOut,
    how
  };
}

// src/install/platform.ts
function platformId(p) {
  return `${p.os}-${p.arch}`;
}
var NODE_OS = /* @__PURE__ */ new Map([
  ["linux", "linux"],
  ["darwin", "macos"],
  ["win32", "windows"]
]);
function currentPlatform(override = {}, node = { platform: process.platform, arch: process.arch }) {
  const os2 = override.os ?? NODE_OS.get(node.platform);
  const arch2 = override.arch ?? (node.arch === "x64" || node.arch === "arm64" ? node.arch : void 0);
  if (!os2 || !arch2) {
    throw new InstallError(
      "UNSUPPORTED_PLATFORM",
      `Blender publishes builds for linux, macos and windows on x64 and arm64; this machine is ${node.platform}-${node.arch}. Use \`system\` or a path to a Blender you built or installed yourself.`
    );
  }
  return { os: os2, arch: arch2 };
}
function executableName(os2) {
  return os2 === "linux" ? "blender" : os2 === "macos" ? "Blender.app/Contents/MacOS/Blender" : "blender.exe";
}
var RELEASE_FILE_RE = /^blender-(\d+\.\d+(?:\.\d+)?[a-z]?)-(.+?)\.(tar\.xz|tar\.bz2|tar\.gz|zip|dmg|msi|msix|exe)$/;
var PLATFORM_TOKENS = {
  "linux-x64": { platform: { os: "linux", arch: "x64" }, naming: "current" },
  "linux-arm64": { platform: { os: "linux", arch: "arm64" }, naming: "current" },
  "macos-x64": { platform: { os: "macos", arch: "x64" }, naming: "current" },
  "macos-arm64": { platform: { os: "macos", arch: "arm64" }, naming: "current" },
  "windows-x64": { platform: { os: "windows", arch: "x64" }, naming: "current" },
  "windows-arm64": { platform: { os: "windows", arch: "arm64" }, naming: "current" },
  linux64: { platform: { os: "linux", arch: "x64" }, naming: "legacy" },
  macOS: { platform: { os: "macos", arch: "x64" }, naming: "legacy" },
  windows64: { platform: { os: "windows", arch: "x64" }, naming: "legacy" }
};
var KIND_FOR_OS = {
  linux: ["tar.xz", "tar.bz2"],
  macos: ["dmg"],
  windows: ["zip"]
};
function classifyReleaseFile(fileName) {
  const m = RELEASE_FILE_RE.exec(fileName);
  if (!m) return void 0;
  const version = m[1] ?? "";
  const token = m[2] ?? "";
  const ext = m[3] ?? "";
  if (ext === "msi" || ext === "msix" || ext === "exe") return void 0;
  const kind = ext;
  const known = PLATFORM_TOKENS[token];
  if (known) {
    if (!KIND_FOR_OS[known.platform.os].includes(kind)) {
      return { fileName, version, reason: `a ${kind} for ${token} is not a format blender-harness installs` };
    }
    return { fileName, version, platform: { ...known.platform }, kind, naming: known.naming };
  }
  if (/^linux-glibc\d+-x86_64$/.test(token) && kind === "tar.bz2") {
    return { fileName, version, platform: { os: "linux", arch: "x64" }, kind, naming: "legacy" };
  }
  return {
    fileName,
    version,
    reason: `"${token}" builds (${kind}) are from before Blender 2.80 or for 32-bit systems; blender-harness installs Blender 2.80 and newer (x64 and arm64)`
  };
}
function isReleaseFile(x) {
  return x !== void 0 && "platform" in x;
}
function archCandidates(p) {
  return p.os === "windows" && p.arch === "arm64" ? ["arm64", "x64"] : [p.arch];
}
var DAILY_OS = {
  linux: ["linux"],
  macos: ["darwin", "macos"],
  windows: ["windows"]
};
var DAILY_ARCH = {
  x64: ["x86_64", "amd64", "x64"],
  arm64: ["arm64", "aarch64"]
};
function dailyMatchesPlatform(platform2, architecture, p) {
  return DAILY_OS[p.os].includes(platform2.toLowerCase()) && DAILY_ARCH[p.arch].includes(architecture.toLowerCase());
}
function archiveKindOfFile(fileName) {
  const lower = fileName.toLowerCase();
  for (const k of ["tar.xz", "tar.bz2", "tar.gz", "zip", "dmg"]) {
    if (lower.endsWith(`.${k}`)) return k;
  }
  if (lower.endsWith(".txz")) return "tar.xz";
  if (lower.endsWith(".tgz")) return "tar.gz";
  return void 0;
}
function platformInFileName(fileName) {
  const lower = fileName.toLowerCase();
  const out = {};
  if (/(^|[-.])(linux)([-.]|64)/.test(lower)) out.os = "linux";
  else if (/(^|[-.])(macos|darwin)([-.]|$)/.test(lower)) out.os = "macos";
  else if (/(^|[-.])(windows)([-.]|64)/.test(lower)) out.os = "windows";
  if (/(^|[-.])(arm64|aarch64)([-.]|$)/.test(lower)) out.arch = "arm64";
  else if (/(^|[-.])(x64|x86_64|amd64)([-.]|$)|linux64|windows64/.test(lower)) out.arch = "x64";
  return out;
}

// src/install/spec.ts
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, resolve as resolvePath } from "node:path";

// src/transport/errors.ts
import { STATUS_CODES } from "node:http";
var FATAL = ["config", "unsafe", "disk", "aborted"];
var TransportError = class _TransportError extends Error {
  name = "TransportError";
  retry = false;
  status;
  retryAfterMs;
  /** What to do about it, when that is specific to this failure (proxy settings, say). */
  advice;
  attempts = 1;
  failures = [];
  constructor(kind, message, url, { cause, ...d } = {}) {
    super(message, cause === void 0 ? void 0 : { cause });
    Object.assign(this, { kind, url }, d);
  }
  get fatal() {
    return FATAL.includes(this.kind);
  }
  with(d) {
    return new _TransportError(this.kind, this.message, this.url, { ...this, cause: this.cause, ...d });
  }
};
function errorText(e) {
  return e instanceof Error ? e.message : String(e);
}
function errnoCode(e) {
  const code = typeof e === "object" && e !== null && "code" in e ? e.code : void 0;
  return typeof code === "string" ? code : void 0;
}
function httpStatus(status) {
  return [`HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ""}`, status >= 500 || status === 408 || status === 429];
}
var NODE_EXTRA_CA_ADVICE = "A proxy that inspects TLS re-signs what it forwards with its own certificate authority: point NODE_EXTRA_CA_CERTS at that CA certificate (a PEM file) in the environment blender-harness starts in.";
var UNTRUSTED = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/;
var READINGS = {
  ECONNREFUSED: ["refused", false, "connection refused (is the mirror down?)", "could not connect to $p: connection refused"],
  ENOTFOUND: ["network", false, "host not found (DNS)", "could not find the host of $p (DNS)"],
  EAI_AGAIN: ["network", true, "DNS lookup failed temporarily", "could not look up the host of $p (DNS failed temporarily)"],
  ECONNRESET: ["network", true, "connection reset by the server"],
  UND_ERR_SOCKET: ["network", true, "connection closed by the server"],
  EPIPE: ["network", true, "connection closed while sending"],
  EHOSTUNREACH: ["network", true, "network unreachable (EHOSTUNREACH)"],
  ENETUNREACH: ["network", true, "network unreachable (ENETUNREACH)"],
  UND_ERR_HEADERS_TIMEOUT: ["timeout", true, "timed out (no answer for $t ms)"],
  UND_ERR_BODY_TIMEOUT: ["timeout", true, "timed out (no data for $t ms)"],
  UND_ERR_CONNECT_TIMEOUT: ["timeout", true, "timed out (no connection in $t ms)"]
};
function reading(e, timeoutMs) {
  const code = errnoCode(e) ?? "";
  const [kind, retry, text, viaProxy] = READINGS[code] ?? (code === "ETIMEDOUT" ? ["timeout", true, `timed out (${errorText(e)})`] : /^(CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID)$/.test(code) || UNTRUSTED.test(code) ? ["network", false, `TLS certificate problem (${code})`] : ["network", true, `${errorText(e)}${code ? ` (${code})` : ""}`]);
  return [code, kind, retry, text.replace("$t", String(timeoutMs)), viaProxy];
}

// src/transport/proxy.ts
var import_undici = __toESM(require_undici(), 1);
function isLoopbackHost(hostname) {
  const h2 = hostname.replace(/^\[|\]$/g, "");
  return h2 === "localhost" || h2 === "::1" || /^127(?:\.\d{1,3}){3}$/.test(h2);
}
function bypassed(target, env) {
  const list = (env.no_proxy || env.NO_PROXY || "").toLowerCase();
  const host = target.hostname.toLowerCase();
  const port = Number(target.port) || (target.protocol === "https:" ? 443 : 80);
  return list.split(/[,\s]/).some((entry) => {
    const m = /^(.+):(\d+)$/.exec(entry);
    const name = m?.[1] ?? entry;
    if (m && Number(m[2]) !== port) return false;
    return /^[.*]/.test(name) ? host.endsWith(name.replace(/^\*/, "")) : host === name;
  });
}
function proxyFor(target, env) {
  if (isLoopbackHost(target.hostname) || bypassed(target, env)) return void 0;
  const scheme = target.protocol.replace(/:$/, "");
  const variable = [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`, "all_proxy", "ALL_PROXY"].find((k) => env[k]);
  if (!variable) return void 0;
  const value = (env[variable] ?? "").trim();
  const raw = value.includes("://") ? value : `http://${value}`;
  const unusable = (why) => new TransportError("config", `${variable} ${why}`, target.href);
  if (!URL.canParse(raw)) throw unusable("is set but is not a proxy URL; write it as http://[USER:PASSWORD@]HOST:PORT.");
  const url = new URL(raw);
  const display = `${url.protocol}//${url.host}`;
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw unusable(
      `names a ${url.protocol.replace(/:$/, "")} proxy (${display}); blender-harness speaks only to http:// and https:// proxies. Point ${variable} at an HTTP proxy, or add the host to NO_PROXY.`
    );
  }
  const route = { display, variable };
  if (url.username || url.password) {
    const decode = (v) => {
      try {
        return decodeURIComponent(v);
      } catch {
        return v;
      }
    };
    route.authorization = `Basic ${Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString("base64")}`;
  }
  return route;
}
function proxyConnectFailure(url, route, e, timeoutMs) {
  const proxy = `the proxy ${route.display} (from ${route.variable})`;
  const [code, kind, retry, text, viaProxy] = reading(e, timeoutMs);
  if (code === "EPROTO" || code === "ERR_SSL_WRONG_VERSION_NUMBER") {
    const advice2 = `${route.variable} says https://, but most proxies speak plain HTTP: try http:// in it.`;
    return new TransportError("proxy", `the TLS handshake with ${proxy} failed (${code})`, url, { advice: advice2 });
  }
  if (UNTRUSTED.test(code)) {
    const message2 = `${proxy} presented a certificate this machine does not trust (${code})`;
    return new TransportError("proxy", message2, url, { advice: NODE_EXTRA_CA_ADVICE });
  }
  const message = kind === "timeout" ? `${proxy} ${text}` : viaProxy?.replace("$p", proxy) ?? `the connection to ${proxy} failed: ${text}`;
  const advice = `Check ${route.variable} (the proxy blender-harness was told to use), or add the host to NO_PROXY if it should be reached directly.`;
  return new TransportError("proxy", message, url, { advice, retry });
}
function proxyAuthFailure(url, route, challenge) {
  const schemes = [...(challenge ?? "").matchAll(/(?:^|,)\s*([A-Za-z][\w-]*)(?=\s|,|$)/g)].map((m) => (m[1] ?? "").toLowerCase());
  const fail2 = (text, advice) => new TransportError("proxy", text, url, { advice, status: 407 });
  const who = route ? `the proxy ${route.display}` : "a proxy on the way";
  if (schemes.length > 0 && !schemes.includes("basic")) {
    const advice = "Only Basic proxy authentication is supported: use a proxy (or a local relay such as cntlm or px) that accepts a user name and password.";
    return fail2(`${who} wants ${schemes.join("/")} authentication (HTTP 407), which blender-harness cannot do`, advice);
  }
  const required = `(${httpStatus(407)[0]})`;
  if (route?.authorization) {
    const advice = `Check the user name and password in ${route.variable} (http://USER:PASSWORD@HOST:PORT, with @, : and / in them percent-encoded).`;
    return fail2(`${who} refused the credentials in ${route.variable} ${required}`, advice);
  }
  const where = route ? `Put the credentials in the proxy URL: ${route.variable}=` : "Name it with its credentials in HTTPS_PROXY: ";
  return fail2(`${who} wants authentication ${required}`, `${where}http://USER:PASSWORD@HOST:PORT (percent-encode @, : and / in them).`);
}
async function openTunnel(route, target, timeoutMs, signal) {
  const authority = `${target.hostname}:${target.port || (target.protocol === "https:" ? 443 : 80)}`;
  const client = new import_undici.Client(route.display, { connect: { timeout: timeoutMs }, headersTimeout: timeoutMs });
  try {
    const auth = route.authorization ? { "proxy-authorization": route.authorization } : {};
    const answer = await client.connect({ path: authority, headers: { host: authority, ...auth }, signal });
    const status = answer.statusCode;
    if (status === 200) return answer.socket;
    answer.socket.destroy();
    const challenge = answer.headers["proxy-authenticate"];
    if (status === 407) throw proxyAuthFailure(target.href, route, Array.isArray(challenge) ? challenge.join(", ") : challenge);
    const [reason, retry] = httpStatus(status);
    const advice = retry ? `The proxy could not reach ${target.hostname}; retry later, or add a mirror it can reach.` : `The proxy does not allow ${target.hostname} (HTTP ${status}); ask its administrators, add a mirror it allows, or add the host to NO_PROXY if it can be reached directly.`;
    const text = `the proxy ${route.display} would not open a tunnel to ${target.host} (${reason})`;
    throw new TransportError("proxy", text, target.href, { advice, retry, status });
  } catch (e) {
    throw e instanceof TransportError ? e : proxyConnectFailure(target.href, route, e, timeoutMs);
  } finally {
    void client.close().catch(() => void 0);
  }
}

// src/transport/http.ts
var import_undici2 = __toESM(require_undici(), 1);
import { setTimeout as sleep } from "node:timers/promises";
var DEFAULT_RETRY = { retries: 4, baseDelayMs: 1e3, maxDelayMs: 3e4, timeoutMs: 3e4 };
function header(headers, name) {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
function detectChallenge(status, headers, body) {
  const ray = header(headers, "cf-ray");
  const cloudflare = ray !== void 0 || /cloudflare/i.test(header(headers, "server") ?? "");
  const markers = /cdn-cgi\/challenge-platform|window\._cf_chl_opt|cf-chl-|<title>Just a moment\.\.\.<\/title>|Attention Required! \| Cloudflare|Checking your browser before accessing/i;
  if (header(headers, "cf-mitigated") !== "challenge" && !(markers.test(body) && (cloudflare || [403, 429, 503].includes(status))))
    return void 0;
  return `answered with a Cloudflare challenge page (HTTP ${status}${ray ? `, cf-ray ${ray}` : ""}) instead of the file: the CDN asks for a browser check that a script cannot pass. It usually clears after some minutes`;
}
function parseRetryAfter(value, now = Date.now()) {
  if (/^\s*\d+\s*$/.test(value ?? "")) return Number(value) * 1e3;
  const t = Date.parse(value ?? "");
  return Number.isFinite(t) ? Math.max(0, t - now) : void 0;
}
function backoffDelay(attempt, policy, retryAfterMs, random = Math.random) {
  if (retryAfterMs !== void 0) return Math.min(policy.maxDelayMs, retryAfterMs);
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(exp * (0.5 + random() * 0.5));
}
async function withSession(o2, run2) {
  const env = o2.env ?? process.env;
  const timeoutMs = o2.retry.timeoutMs;
  const direct = (0, import_undici2.buildConnector)({ timeout: timeoutMs });
  const connect3 = (opts, done) => {
    const target = new URL(`${opts.protocol}//${opts.hostname}${opts.port ? `:${opts.port}` : ""}/`);
    const route = proxyFor(target, env);
    if (!route) return direct(opts, done);
    openTunnel(route, target, timeoutMs, o2.signal).then(
      (socket) => opts.protocol === "https:" ? direct({ ...opts, httpSocket: socket }, done) : done(null, socket),
      (e) => done(e, null)
    );
  };
  const agent = new import_undici2.Agent({ connect: connect3, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, maxRedirections: 0 });
  try {
    return await run2({ ...o2, env, dispatcher: agent });
  } finally {
    await agent.destroy().catch(() => void 0);
  }
}
function fail(s, e, url, proxy) {
  if (s.signal?.aborted)
    return e instanceof TransportError && e.kind === "aborted" ? e : new TransportError("aborted", "The transfer was cancelled.", url);
  if (e instanceof TransportError) return e.url === url ? e : e.with({ url });
  const [code, kind, retry, text] = reading(e, s.retry.timeoutMs);
  if (proxy && UNTRUSTED.test(code)) {
    return new TransportError(kind, `${text} through the proxy ${proxy}`, url, { advice: NODE_EXTRA_CA_ADVICE, cause: e });
  }
  return new TransportError(kind, text, url, { retry, cause: e });
}
async function get(s, url, extra = {}) {
  let current = new URL(url);
  for (let hops = 0; ; hops++) {
    const plain = current.protocol === "http:";
    if (current.protocol !== "https:" && !(plain && isLoopbackHost(current.hostname))) {
      const why = plain ? "uses plain http; use https (plain http is accepted only for 127.0.0.1/localhost)" : "is not an http(s) URL";
      throw new TransportError("unsafe", `URL ${current.href} ${why}.`, current.href);
    }
    const route = proxyFor(current, s.env);
    const r = await s.dispatcher.request({
      origin: current.origin,
      path: `${current.pathname}${current.search}`,
      method: "GET",
      headers: { "user-agent": s.userAgent, accept: "*/*", "accept-encoding": "identity", ...extra },
      signal: s.signal ?? null,
      // Bigger than the 64 KiB default: fewer pauses of the socket while a download is written.
      highWaterMark: 1 << 20
    }).catch((e) => Promise.reject(fail(s, e, url, route?.display)));
    const location = header(r.headers, "location");
    if (r.statusCode < 300 || r.statusCode >= 400 || r.statusCode === 304 || !location) {
      return { url: current.href, status: r.statusCode, headers: r.headers, body: r.body };
    }
    await r.body.dump();
    if (hops >= 5 || !URL.canParse(location, current.href)) {
      const text = hops >= 5 ? `too many redirects (last to ${location})` : `redirect to an invalid URL ${location}`;
      throw new TransportError("status", text, url, { status: r.statusCode });
    }
    current = new URL(location, current);
  }
}
async function readText(body, limit) {
  const chunks = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    if ((size += chunk.length) >= limit) break;
  }
  return Buffer.concat(chunks).toString("utf8").slice(0, limit);
}
async function failureFromResponse(res) {
  const snippet = await readText(res.body, 64 * 1024).catch(() => "");
  if (res.status === 407) return proxyAuthFailure(res.url, void 0, header(res.headers, "proxy-authenticate"));
  const challenge = detectChallenge(res.status, res.headers, snippet);
  if (challenge) return new TransportError("challenge", challenge, res.url, { status: res.status });
  const [reason, retry] = httpStatus(res.status);
  const retryAfterMs = parseRetryAfter(header(res.headers, "retry-after"));
  return new TransportError("status", reason, res.url, { retry, status: res.status, retryAfterMs });
}
async function retrying(s, url, attempt, from = () => "") {
  const policy = s.retry;
  for (let n2 = 0; ; n2++) {
    try {
      return await attempt();
    } catch (e) {
      const f = fail(s, e, url);
      if (f.fatal || !f.retry || n2 >= policy.retries) throw n2 > 0 ? f.with({ attempts: n2 + 1 }) : f;
      const delay4 = backoffDelay(n2, policy, f.retryAfterMs);
      s.onRetry?.(`${url}: ${f.message}; retrying in ${(delay4 / 1e3).toFixed(1)} s${from()} (attempt ${n2 + 2} of ${policy.retries + 1})`);
      await sleep(delay4, void 0, { signal: s.signal }).catch((e2) => Promise.reject(fail(s, e2, url)));
    }
  }
}
async function eachMirror(s, urls, fetch, say) {
  const failures = [];
  for (const [i2, url] of urls.entries()) {
    try {
      return await fetch(url, i2);
    } catch (e) {
      const f = fail(s, e, url);
      if (f.fatal) throw f;
      failures.push(f);
      if (urls.length > 1) say?.(`${url}: ${f.message}; trying the next mirror`);
    }
  }
  throw new TransportError("mirrors", `every URL failed (${failures.map((f) => f.kind).join(", ")})`, urls[0] ?? "", { failures });
}
async function fetchText(urls, o2, limit = 16 * 1024 * 1024) {
  const list = typeof urls === "string" ? [urls] : urls;
  return withSession(o2, async (s) => {
    const attempt = async (url) => {
      const res = await get(s, url);
      if (res.status === 404 || res.status === 410) return { url: res.url, status: res.status, text: await res.body.dump().then(() => "") };
      if (res.status < 200 || res.status >= 300) throw await failureFromResponse(res);
      const text = await readText(res.body, limit);
      const challenge = detectChallenge(res.status, res.headers, text);
      if (challenge) throw new TransportError("challenge", challenge, url, { status: res.status });
      return { url: res.url, status: res.status, text };
    };
    const one = async (url, mirror) => ({ ...await retrying(s, url, () => attempt(url)), mirror });
    return list.length === 1 ? one(list[0] ?? "", 0) : eachMirror(s, list, one, s.onRetry);
  });
}

// src/transport/file.ts
import { createHash } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
var NO_PROGRESS = { start() {
}, update() {
}, restart() {
}, finish() {
} };
function formatBytes(n2) {
  const [unit, power, digits] = n2 < 1024 ? ["B", 0, 0] : n2 < 1024 ** 2 ? ["KB", 1, 1] : n2 < 1024 ** 3 ? ["MB", 2, 1] : ["GB", 3, 2];
  return `${(n2 / 1024 ** power).toFixed(digits)} ${unit}`;
}
var BATCH = 1024 * 1024;
async function restartTransfer(t) {
  Object.assign(t, { bytes: 0, hash: createHash("sha256"), total: void 0 });
  await t.fh.truncate(0);
}
async function accept(url, res, t) {
  const length = Number(header(res.headers, "content-length") ?? NaN);
  const resuming = t.bytes > 0;
  if (res.status === 206 && resuming) {
    const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header(res.headers, "content-range") ?? "");
    if (!m || Number(m[1]) !== t.bytes) {
      res.body.destroy();
      await restartTransfer(t);
      throw new TransportError("network", "the server resumed at the wrong offset; starting over", url, { retry: true });
    }
    t.total = m[3] === "*" ? Number.isFinite(length) ? t.bytes + length : void 0 : Number(m[3]);
  } else if (res.status === 200) {
    if (resuming) await restartTransfer(t);
    t.total = Number.isFinite(length) ? length : void 0;
  } else if (res.status === 416) {
    await Promise.all([res.body.dump(), restartTransfer(t)]);
    throw new TransportError("network", "the server refused to resume (HTTP 416); starting over", url, { retry: true });
  } else throw await failureFromResponse(res);
  if (/^text\/html/i.test(header(res.headers, "content-type") ?? "")) {
    const f = await failureFromResponse(res);
    if (f.kind === "challenge") throw f;
    const text = `served an HTML page (HTTP ${res.status}) instead of the archive; a proxy, captive portal or mirror error page is in the way`;
    throw new TransportError("html", text, url, { status: res.status });
  }
}
async function pump(s, url, res, t, progress) {
  let pending = [];
  let size = 0;
  const flush = async () => {
    if (size === 0) return;
    const buf = pending.length === 1 ? pending[0] : Buffer.concat(pending, size);
    pending = [];
    size = 0;
    const written = t.fh.write(buf, 0, buf.length, t.bytes);
    t.hash.update(buf);
    await written.catch((e) => {
      throw new TransportError("disk", `Could not write the download to disk (${errorText(e)}).`, url, { cause: e });
    });
    t.bytes += buf.length;
  };
  try {
    for await (const chunk of res.body) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= BATCH) await flush();
      progress.update(t.bytes + size);
    }
    await flush();
  } catch (e) {
    if (e instanceof TransportError) throw e;
    await flush();
    const f = fail(s, e, url);
    if (f.fatal || t.total === void 0 || t.bytes >= t.total) throw f;
    const text = `the transfer stopped after ${formatBytes(t.bytes)} of ${formatBytes(t.total)} (${f.message})`;
    throw new TransportError("truncated", text, url, { retry: true, cause: e });
  }
  if (t.total !== void 0 && t.bytes < t.total) {
    throw new TransportError("truncated", `the body ended after ${t.bytes} of the ${t.total} bytes announced`, url, { retry: true });
  }
  if (t.total !== void 0 && t.bytes > t.total) {
    await restartTransfer(t);
    throw new TransportError("truncated", `the server sent more bytes than it announced (${t.total})`, url);
  }
}
async function fromOne(s, url, req, job) {
  const progress = req.progress ?? NO_PROGRESS;
  const fh = await open(job.part, "w").catch(
    (e) => Promise.reject(new TransportError("disk", `Could not create ${job.part} (${errorText(e)}).`, url))
  );
  const t = { fh, bytes: 0, hash: createHash("sha256"), total: void 0, started: false };
  const tell = (note2) => t.started && progress !== NO_PROGRESS ? progress.restart(t.bytes, note2) : s.onRetry?.(note2);
  const once9 = async () => {
    job.attempts++;
    const res = await get(s, url, t.bytes > 0 ? { range: `bytes=${t.bytes}-` } : {});
    await accept(url, res, t);
    if (!t.started) progress.start(req.label, t.total);
    t.started = true;
    await pump(s, url, res, t, progress);
  };
  try {
    await retrying({ ...s, onRetry: tell }, url, once9, () => t.bytes > 0 ? ` from ${formatBytes(t.bytes)}` : "");
  } catch (e) {
    if (t.started) progress.finish(false);
    throw e;
  } finally {
    await t.fh.close();
  }
  progress.finish(true);
  const sha256 = t.hash.digest("hex");
  const want = req.expectedSha256?.toLowerCase();
  if (want && sha256 !== want) {
    const from = req.checksumSource ? ` (from ${req.checksumSource})` : "";
    const text = `sha256 mismatch: expected ${want}${from}, got ${sha256} over ${t.bytes} bytes; the file was deleted`;
    throw new TransportError("checksum", text, url);
  }
  return { url, bytes: t.bytes, sha256, verified: want !== void 0, attempts: job.attempts, skipped: req.urls.indexOf(url) };
}
async function fetchFile(req, o2) {
  const job = { part: `${req.dest}.part`, attempts: 0 };
  try {
    return await withSession(o2, async (s) => {
      const r = await eachMirror(s, req.urls, (url) => fromOne(s, url, req, job));
      await rename(job.part, req.dest);
      return r;
    });
  } finally {
    await rm(job.part, { force: true });
  }
}

// src/install/spec.ts
var SPEC_FORMS = [
  "X.Y.Z        an exact release, e.g. 4.2.3",
  "X.Y          the newest patch of a line, e.g. 4.2",
  "latest       the newest release",
  "lts          the newest patch of the newest LTS line",
  "daily        the newest daily build",
  "X.Y-daily    the newest daily build of a line, e.g. 4.5-daily",
  "system       the `blender` on PATH",
  "PATH         a Blender executable or a folder holding one, e.g. ./blender-4.2.3-linux-x64",
  "URL          an https:// link to a build archive, optionally ending in #sha256=<64 hex digits>"
];
var SHA256_RE = /^[0-9a-f]{64}$/i;
function badSpec(raw, why, suggestion) {
  const lines = [
    `Blender spec ${JSON.stringify(raw)} is not valid: ${why}.`,
    ...suggestion ? [suggestion] : [],
    "Accepted forms:",
    ...SPEC_FORMS.map((f) => `  ${f}`)
  ];
  return new InstallError("BAD_SPEC", lines.join("\n"));
}
var ALIASES = {
  stable: "latest",
  newest: "latest",
  current: "latest",
  release: "latest",
  nightly: "daily",
  alpha: "daily",
  main: "daily",
  dev: "daily",
  path: "system"
};
function checkUrlScheme(url, what) {
  if (url.protocol === "https:") return;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return;
  if (url.protocol === "http:") {
    throw new InstallError(
      "BAD_SPEC",
      `${what} ${url.href} uses plain http; use https (plain http is accepted only for 127.0.0.1/localhost).`
    );
  }
  throw new InstallError("BAD_SPEC", `${what} ${url.href} is not an http(s) URL.`);
}
function parseUrlSpec(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw badSpec(raw, "it looks like a URL but does not parse as one");
  }
  checkUrlScheme(url, "Blender URL");
  let sha256;
  const m = /^#sha256[=:]([^&]*)$/i.exec(url.hash);
  if (m) {
    const hex = (m[1] ?? "").toLowerCase();
    if (!SHA256_RE.test(hex)) {
      throw badSpec(raw, `the #sha256= part must be 64 hex digits, got ${JSON.stringify(m[1])}`);
    }
    sha256 = hex;
    url.hash = "";
  } else if (url.hash) {
    throw badSpec(raw, `unknown URL fragment ${url.hash}; the only one understood is #sha256=<hex>`);
  }
  if (url.pathname.endsWith("/")) {
    throw badSpec(raw, "the URL names a folder; give the link to an archive (.tar.xz, .zip or .dmg)");
  }
  return sha256 ? { kind: "url", raw, url: url.href, sha256 } : { kind: "url", raw, url: url.href };
}
function looksLikePath(s) {
  return s.startsWith(".") || s.startsWith("~") || s.includes("/") || s.includes("\\") || isAbsolute(s) || /^[a-z]:/i.test(s);
}
function expandHome(p) {
  if (p === "~") return homedir();
  if (p.startsWith("~/") || p.startsWith("~\\")) return resolvePath(homedir(), p.slice(2));
  return p;
}
function parseSpec(input, options = {}) {
  const raw = input.trim();
  const cwd = options.cwd ?? process.cwd();
  const exists = options.exists ?? existsSync;
  if (raw === "") throw badSpec(input, "it is empty");
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return parseUrlSpec(raw);
  if (looksLikePath(raw)) return { kind: "path", raw, path: resolvePath(cwd, expandHome(raw)) };
  const lower = raw.toLowerCase();
  if (lower === "latest" || lower === "lts" || lower === "daily" || lower === "system") {
    return { kind: lower, raw };
  }
  const v = lower.startsWith("v") && /^v\d/.test(lower) ? lower.slice(1) : lower;
  let m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
  if (m) return { kind: "exact", raw, version: `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}` };
  m = /^(\d+)\.(\d+)$/.exec(v);
  if (m) return { kind: "line", raw, line: `${Number(m[1])}.${Number(m[2])}` };
  m = /^(\d+)\.(\d+)-(?:daily|nightly)$/.exec(v);
  if (m) return { kind: "daily", raw, line: `${Number(m[1])}.${Number(m[2])}` };
  if (/^\d/.test(v)) {
    if (/^\d+$/.test(v)) {
      throw badSpec(raw, "a bare major version is ambiguous", `Did you mean ${v}.0 or the newest ${v}.x line? Give X.Y, e.g. ${v}.2.`);
    }
    if (/^\d+\.\d+\.\d+\.\d+/.test(v)) throw badSpec(raw, "Blender versions have three parts at most");
    if (/^\d+\.\d+\.(x|\*)$/.test(v)) {
      throw badSpec(raw, "wildcards are not needed", `Use ${v.replace(/\.(x|\*)$/, "")} for the newest patch of that line.`);
    }
    if (/^\d+\.\d+-lts$/.test(v)) {
      throw badSpec(raw, "a line is LTS or not by itself", `Use ${v.replace(/-lts$/, "")}, or \`lts\` for the newest LTS line.`);
    }
    throw badSpec(raw, "it starts like a version but is not X.Y, X.Y.Z or X.Y-daily");
  }
  const alias = ALIASES[lower];
  if (alias) throw badSpec(raw, "it is not a keyword we use", `Did you mean \`${alias}\`?`);
  const asPath = resolvePath(cwd, raw);
  if (exists(asPath)) return { kind: "path", raw, path: asPath };
  throw badSpec(raw, "it is neither a keyword, a version, an existing path nor a URL");
}

// src/install/versions.ts
var VERSION_RE = /^(\d+)\.(\d+)(?:\.(\d+))?([a-z]?)$/;
function parseVersion(raw) {
  const m = VERSION_RE.exec(raw);
  if (!m) return void 0;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: m[3] === void 0 ? 0 : Number(m[3]),
    suffix: m[4] ?? "",
    raw
  };
}
function compareVersions(a2, b) {
  const va = parseVersion(a2);
  const vb = parseVersion(b);
  if (!va || !vb) {
    if (va) return 1;
    if (vb) return -1;
    return a2 < b ? -1 : a2 > b ? 1 : 0;
  }
  return va.major - vb.major || va.minor - vb.minor || va.patch - vb.patch || (va.suffix < vb.suffix ? -1 : va.suffix > vb.suffix ? 1 : 0);
}
function sortVersionsDescending(versions) {
  return [...versions].sort((a2, b) => compareVersions(b, a2));
}
function lineOf(version) {
  const v = parseVersion(version);
  if (!v) throw new Error(`not a Blender version: ${version}`);
  return `${v.major}.${v.minor}`;
}
function nearestLines(wanted, available, count2 = 6) {
  const asc = sortVersionsDescending(new Set(available)).reverse();
  if (!parseVersion(wanted)) return asc.slice(-count2).reverse();
  let at = asc.findIndex((v) => compareVersions(v, wanted) > 0);
  if (at < 0) at = asc.length;
  const start = Math.max(0, Math.min(at - Math.ceil(count2 / 2), asc.length - count2));
  return asc.slice(start, start + count2).reverse();
}

// src/install/executable.ts
async function locateExecutable(root, os2) {
  let topDirs;
  try {
    topDirs = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith(".")).map((d) => d.name).sort();
  } catch {
    return void 0;
  }
  const exe = executableName(os2);
  const candidates = [
    join2(root, exe),
    ...os2 === "macos" ? [join2(root, "Contents", "MacOS", "Blender")] : [],
    ...topDirs.map((d) => join2(root, d, exe))
  ];
  return candidates.find((p) => isRunnableFile(p, false));
}
async function probeVersion(executable, timeoutMs = 12e4) {
  let run2;
  try {
    run2 = await runVersion(executable, { timeoutMs });
  } catch (e) {
    throw new InstallError("VERSION_PROBE", `Could not run ${executable}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  if (run2.timedOut) {
    throw new InstallError("VERSION_PROBE", `${executable} --version did not finish in ${timeoutMs / 1e3} s; is it really Blender?`);
  }
  if (run2.version) return run2.version;
  if (!run2.ok) {
    throw new InstallError(
      "VERSION_PROBE",
      `${executable} --version failed (${run2.how}):
${run2.output.trim().split("\n").slice(-5).join("\n")}
Check it runs on this machine (missing libraries are the usual cause on Linux: run \`ldd\` on it).`
    );
  }
  throw new InstallError(
    "VERSION_PROBE",
    `${executable} --version did not print "Blender X.Y.Z" (it printed ${JSON.stringify(run2.output.trim().slice(0, 200))}); is it a Blender executable?`
  );
}
async function wellKnownBlenders(os2, env = process.env) {
  if (os2 === "macos") {
    const home = env.HOME ? [join2(env.HOME, "Applications")] : [];
    return ["/Applications", ...home].map((d) => join2(d, "Blender.app", "Contents", "MacOS", "Blender"));
  }
  if (os2 === "windows") {
    const out = [];
    for (const base of [env.ProgramFiles, env["ProgramFiles(x86)"]].filter((x) => !!x)) {
      const foundation = join2(base, "Blender Foundation");
      let names;
      try {
        names = await readdir(foundation);
      } catch {
        continue;
      }
      const versioned = names.map((n2) => ({ n: n2, v: /^Blender\s*(\d+\.\d+)/.exec(n2)?.[1] })).filter((x) => x.v !== void 0).sort((a2, b) => compareVersions(b.v, a2.v));
      for (const { n: n2 } of versioned) out.push(join2(foundation, n2, "blender.exe"));
      if (names.includes("Blender")) out.push(join2(foundation, "Blender", "blender.exe"));
    }
    return out;
  }
  return [];
}
async function findSystemBlender(os2, env = process.env) {
  const name = os2 === "windows" ? "blender.exe" : "blender";
  const found2 = which("blender", env, os2 === "windows");
  if (found2) return found2;
  for (const candidate of await wellKnownBlenders(os2, env)) {
    if (isRunnableFile(candidate, os2 !== "windows")) return candidate;
  }
  const hint = os2 === "linux" ? "install it (e.g. `sudo apt-get install blender`, `sudo snap install blender --classic`)" : os2 === "macos" ? "install it (e.g. `brew install --cask blender`) into /Applications or put Blender.app/Contents/MacOS on PATH" : "install it (e.g. `winget install BlenderFoundation.Blender`) or put its folder on PATH";
  throw new InstallError(
    "SYSTEM_NOT_FOUND",
    `There is no \`${name}\` on PATH${os2 === "linux" ? "" : " nor in the usual install folders"}. ${hint[0]?.toUpperCase()}${hint.slice(1)}, or use a version spec such as \`lts\` or \`4.2\` to download one.`
  );
}
async function executableAtPath(path7, os2) {
  let s;
  try {
    s = await stat(path7);
  } catch {
    throw new InstallError(
      "NOT_FOUND",
      `${path7} does not exist. Give the path of a Blender executable or of the folder it was unpacked into.`
    );
  }
  if (s.isFile()) {
    if (!isRunnableFile(path7, os2 !== "windows"))
      throw new InstallError("NO_EXECUTABLE", `${path7} is not executable; run \`chmod +x ${path7}\` or give the Blender executable.`);
    return path7;
  }
  const exe = await locateExecutable(path7, os2);
  if (!exe) {
    throw new InstallError(
      "NO_EXECUTABLE",
      `No Blender executable in ${path7}: looked for ${executableName(os2)} there and one folder down. Give the executable itself or the folder a build was unpacked into.`
    );
  }
  return exe;
}
async function localExecutable(spec, cwd, env = process.env) {
  try {
    const parsed = parseSpec(spec, { cwd });
    const os2 = currentPlatform().os;
    if (parsed.kind === "system") return await findSystemBlender(os2, env);
    if (parsed.kind === "path") return await executableAtPath(parsed.path, os2);
  } catch {
  }
  return void 0;
}

// src/install/install.ts
import { rm as rm5 } from "node:fs/promises";
import { dirname as dirname2, join as join8 } from "node:path";

// src/install/checksums.ts
function parseChecksumFile(text) {
  const out = /* @__PURE__ */ new Map();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    let m = /^([0-9a-fA-F]{64})\s+\*?(.+)$/.exec(line);
    if (m) {
      out.set(baseName((m[2] ?? "").trim()), (m[1] ?? "").toLowerCase());
      continue;
    }
    m = /^SHA256\s*\((.+)\)\s*=\s*([0-9a-fA-F]{64})$/i.exec(line);
    if (m) out.set(baseName((m[1] ?? "").trim()), (m[2] ?? "").toLowerCase());
  }
  return out;
}
function baseName(p) {
  const i2 = Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\"));
  return i2 >= 0 ? p.slice(i2 + 1) : p;
}
function checksumFor(text, fileName, source) {
  const trimmed = text.trim();
  const bare = /^([0-9a-fA-F]{64})(?:\s+\*?(\S+))?$/.exec(trimmed);
  if (bare && (bare[2] === void 0 || baseName(bare[2]) === fileName)) return (bare[1] ?? "").toLowerCase();
  const table = parseChecksumFile(text);
  const hex = table.get(fileName);
  if (hex) return hex;
  if (table.size === 0) {
    throw new InstallError(
      "BAD_CHECKSUM_FILE",
      `${source} does not look like a sha256 file (expected "<64 hex digits>  <file name>" lines). The mirror may be serving an error page; try another mirror.`
    );
  }
  throw new InstallError(
    "BAD_CHECKSUM_FILE",
    `${source} has no line for ${fileName}; it lists ${[...table.keys()].join(", ")}. The mirror may be incomplete; try another mirror.`
  );
}

// src/install/listing.ts
var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
function decodeHtml(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}
function folderUrl(url) {
  const u2 = new URL(url);
  u2.search = "";
  u2.hash = "";
  if (!u2.pathname.endsWith("/")) u2.pathname += "/";
  return u2.href;
}
function childOf(base, href) {
  if (href.startsWith("?") || href.startsWith("#") || href.startsWith("javascript:") || href.startsWith("mailto:")) {
    return void 0;
  }
  let u2;
  try {
    u2 = new URL(href, base);
  } catch {
    return void 0;
  }
  if (u2.origin !== base.origin || u2.search !== "") return void 0;
  if (!u2.pathname.startsWith(base.pathname) || u2.pathname === base.pathname) return void 0;
  const rest = u2.pathname.slice(base.pathname.length);
  const isDir = rest.endsWith("/");
  const bare = isDir ? rest.slice(0, -1) : rest;
  if (bare === "" || bare.includes("/")) return void 0;
  let name;
  try {
    name = decodeURIComponent(bare);
  } catch {
    name = bare;
  }
  u2.hash = "";
  return { name, url: u2.href, isDir };
}
var ANY_HREF = /<a\s[^>]*?href\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi;
function parseListing(html, url) {
  const base = new URL(folderUrl(url));
  const byUrl = /* @__PURE__ */ new Map();
  for (const m of html.matchAll(ANY_HREF)) {
    const child = childOf(base, decodeHtml(m[2] ?? m[3] ?? m[4] ?? ""));
    if (child && !byUrl.has(child.url)) byUrl.set(child.url, child);
  }
  return { url: base.href, entries: [...byUrl.values()] };
}
function releaseLines(listing) {
  const out = [];
  for (const e of listing.entries) {
    if (!e.isDir) continue;
    const m = /^Blender(\d+)\.(\d+)$/.exec(e.name);
    if (m) out.push(`${Number(m[1])}.${Number(m[2])}`);
  }
  return out;
}
function lineFolder(line) {
  return `Blender${line}/`;
}

// src/install/http.ts
var DEFAULT_USER_AGENT = `blender-harness/${VERSION} (+https://www.npmjs.com/package/blender-harness; node ${process.version}; ${process.platform}-${process.arch})`;
function codeOf(f) {
  switch (f.kind) {
    case "checksum":
      return "CHECKSUM_MISMATCH";
    case "challenge":
      return "CHALLENGE";
    case "truncated":
      return "TRUNCATED";
    case "html":
      return "HTTP";
    case "status":
      return f.retry ? "NETWORK" : "HTTP";
    default:
      return "NETWORK";
  }
}
var CODE_PRIORITY = ["CHECKSUM_MISMATCH", "CHALLENGE", "TRUNCATED", "HTTP", "NETWORK"];
var DOWNLOAD_ADVICE = {
  CHECKSUM_MISMATCH: "The file that arrived is not the one the checksum describes; it was deleted and nothing was cached. Try again, or use another mirror; if it persists, report it to the mirror.",
  TRUNCATED: "The connection kept closing before the end of the file. Retry later, or add a mirror (--mirror URL).",
  HTTP: "Check the version exists for this platform, or add a mirror (--mirror URL).",
  NETWORK: "Check the network (proxy, firewall, DNS) or add a mirror (--mirror URL)."
};
var CHALLENGE_ADVICE = "Meanwhile add a mirror of /release/ (--mirror URL, or the `mirrors` input), retry later, or use a pre-downloaded build (a path spec).";
function generalAdvice(code, doing) {
  if (code === "CHALLENGE") return CHALLENGE_ADVICE;
  if ("download" in doing) return DOWNLOAD_ADVICE[code] ?? "";
  return "Check the network and the mirror URLs (each must be the folder that holds the BlenderX.Y/ folders), or add a mirror (--mirror URL).";
}
function toInstallError(e, doing) {
  switch (e.kind) {
    case "aborted":
      return new InstallError("ABORTED", "The install was cancelled.", { cause: e });
    case "disk":
      return new InstallError("CACHE", `${e.message} Free some space or choose another cache folder (--cache-dir).`, { cause: e });
    case "unsafe":
      return new InstallError("BAD_SPEC", e.message, { cause: e });
    case "config":
      return new InstallError("NETWORK", e.message, { cause: e });
  }
  const failures = e.kind === "mirrors" ? e.failures : [e];
  const code = CODE_PRIORITY.find((c3) => failures.some((f) => codeOf(f) === c3)) ?? "NETWORK";
  const n2 = failures.length;
  const lines = [
    "read" in doing ? `Could not read ${doing.read}:` : `Could not download ${doing.download} from ${n2 === 1 ? "its mirror" : `any of ${n2} mirrors`}:`
  ];
  for (const f of failures) lines.push(`  - ${f.url}: ${f.message}${f.attempts > 1 ? ` (after ${f.attempts} attempts)` : ""}`);
  const specific = [...new Set(failures.flatMap((f) => f.advice ? [f.advice] : []))];
  lines.push(...specific);
  if (specific.length === 0 || failures.some((f) => !f.advice)) lines.push(generalAdvice(code, doing));
  return new InstallError(code, lines.join("\n"), { cause: e });
}
function rethrow(e, doing) {
  throw e instanceof TransportError ? toInstallError(e, doing) : e;
}
async function fetchPage(url, ctx, what, limit) {
  try {
    return await fetchText(url, ctx, limit);
  } catch (e) {
    rethrow(e, { read: what });
  }
}
async function fetchIfThere(url, ctx, limit) {
  try {
    const r = await fetchText(url, { ...ctx, retry: { ...ctx.retry, retries: Math.min(1, ctx.retry.retries) } }, limit);
    return r.status === 200 ? r : void 0;
  } catch (e) {
    if (e instanceof TransportError && !e.fatal) return void 0;
    rethrow(e, { read: `the checksum ${url}` });
  }
}
var MirrorSet = class {
  constructor(mirrors, ctx) {
    this.ctx = ctx;
    if (mirrors.length === 0)
      throw new InstallError("BAD_SPEC", "No mirror to download Blender releases from; give one with --mirror URL.");
    this.mirrors = mirrors.map(folderUrl);
  }
  ctx;
  preferred = 0;
  mirrors;
  order() {
    return [this.preferred, ...this.mirrors.map((_, i2) => i2).filter((i2) => i2 !== this.preferred)];
  }
  urlsFor(rel) {
    return this.order().map((i2) => new URL(rel, this.mirrors[i2]).href);
  }
  get current() {
    return this.mirrors[this.preferred] ?? "";
  }
  /** The first definitive answer (a page, or "not found") from any mirror. */
  async fetch(rel, what) {
    const order = this.order();
    try {
      const r = await fetchText(
        order.map((i2) => new URL(rel, this.mirrors[i2]).href),
        this.ctx
      );
      this.preferred = order[r.mirror] ?? this.preferred;
      return r;
    } catch (e) {
      rethrow(e, { read: what });
    }
  }
};
async function download(req) {
  const { ctx, log, ...file } = req;
  try {
    const r = await fetchFile(file, ctx);
    if (r.skipped > 0) log?.(`Downloaded ${req.label} from ${r.url} after ${r.skipped} mirror(s) failed.`);
    return r;
  } catch (e) {
    rethrow(e, { download: req.label });
  }
}

// src/install/channels/daily.ts
var DEFAULT_DAILY_URL = "https://builder.blender.org/download/daily/?format=json&v=1";
var REQUIRED = ["url", "version", "platform", "architecture", "file_name", "file_extension"];
var OPTIONAL = ["risk_id", "branch", "hash", "app"];
function dailyEntry(o2) {
  const str = (k) => typeof o2[k] === "string" ? o2[k] : void 0;
  const [url, version, platform2, architecture, file_name, file_extension] = REQUIRED.map(str);
  if (!url || !version || !platform2 || !architecture || !file_name || !file_extension) return void 0;
  const e = { url, version, platform: platform2, architecture, file_name, file_extension };
  for (const k of OPTIONAL) {
    const v = str(k);
    if (v !== void 0) e[k] = v;
  }
  const checksum = str("checksum") ?? str("sha256");
  if (checksum !== void 0) e.checksum = checksum;
  if (typeof o2.file_mtime === "number" && Number.isFinite(o2.file_mtime)) e.file_mtime = o2.file_mtime;
  return e;
}
function parseDailyJson(text, source) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InstallError(
      "HTTP",
      `${source} did not return JSON (it starts with ${JSON.stringify(text.slice(0, 60))}). The daily build service may be down or behind a challenge; try again later.`
    );
  }
  if (!Array.isArray(data)) throw new InstallError("HTTP", `${source} returned JSON that is not a list of builds.`);
  const out = [];
  for (const item of data) {
    const e = typeof item === "object" && item !== null ? dailyEntry(item) : void 0;
    if (e) out.push(e);
  }
  if (out.length === 0) throw new InstallError("HTTP", `${source} lists no builds.`);
  return out;
}
var DAILY_ARCHIVES = /* @__PURE__ */ new Set(["tar.xz", "zip", "dmg"]);
function dailyVersion(e) {
  const escaped = e.version.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const fromName = new RegExp(`^blender-(${escaped}-[^-]+)-`).exec(e.file_name)?.[1];
  if (fromName) return fromName;
  const parts = [e.risk_id, e.branch && e.hash ? `${e.branch}.${e.hash}` : e.hash].filter(Boolean);
  return parts.length ? `${e.version}-${parts.join("+")}` : e.version;
}
function pickDaily(entries, platform2, line) {
  const builds = entries.filter((e) => DAILY_ARCHIVES.has(e.file_extension) && (e.app === void 0 || /^blender$/i.test(e.app)));
  const lines = sortVersionsDescending(new Set(builds.map((e) => parseVersion(e.version) ? lineOf(e.version) : e.version)));
  const inLine = line ? builds.filter((e) => parseVersion(e.version) && lineOf(e.version) === line) : builds;
  if (line && inLine.length === 0) {
    return { ok: false, code: "NOT_FOUND", message: `There is no ${line} daily build. Daily builds exist for ${lines.join(", ")}.` };
  }
  const notes = [];
  for (const arch2 of archCandidates(platform2)) {
    const mine = inLine.filter((e) => dailyMatchesPlatform(e.platform, e.architecture, { os: platform2.os, arch: arch2 })).sort((a2, b) => compareVersions(b.version, a2.version) || (b.file_mtime ?? 0) - (a2.file_mtime ?? 0));
    const entry = mine[0];
    if (!entry) continue;
    if (arch2 !== platform2.arch)
      notes.push(`No ${platformId(platform2)} daily build; using ${platform2.os}-${arch2}, which runs under emulation.`);
    const sidecar = entries.find((e) => e.file_extension === "sha256" && e.file_name === `${entry.file_name}.sha256`);
    return sidecar ? { ok: true, entry, sidecar, notes } : { ok: true, entry, notes };
  }
  const present = [...new Set(inLine.map((e) => `${e.platform}-${e.architecture}`))].sort();
  return {
    ok: false,
    code: "NO_BUILD_FOR_PLATFORM",
    message: `No ${line ? `${line} ` : ""}daily build for ${platformId(platform2)}; there are builds for ${present.join(", ")}.`
  };
}
async function dailyChecksum(build, e, sidecar, o2) {
  if (e.checksum && /^[0-9a-f]{64}$/i.test(e.checksum)) {
    build.sha256 = e.checksum.toLowerCase();
    build.checksumSource = o2.dailyUrl;
    return;
  }
  if (!sidecar) {
    build.notes.push(`The daily list has no .sha256 for ${e.file_name}; the build cannot be verified and will not be cached.`);
    return;
  }
  const sidecarUrl = new URL(sidecar.url, o2.dailyUrl).href;
  const s = await fetchPage(sidecarUrl, o2.ctx, `the checksum of ${e.file_name}`, 4096);
  if (s.status !== 200) throw new InstallError("HTTP", `The checksum sidecar ${sidecarUrl} answered HTTP ${s.status}; try again later.`);
  build.sha256 = checksumFor(s.text, e.file_name, sidecarUrl);
  build.checksumSource = sidecarUrl;
}
async function resolveDaily(spec, o2) {
  const r = await fetchPage(o2.dailyUrl, o2.ctx, "the daily build list");
  if (r.status !== 200) throw new InstallError("HTTP", `The daily build list ${o2.dailyUrl} answered HTTP ${r.status}.`);
  const pick = pickDaily(parseDailyJson(r.text, o2.dailyUrl), o2.platform, spec.line);
  if (!pick.ok) throw new InstallError(pick.code, pick.message);
  const e = pick.entry;
  const build = {
    channel: "daily",
    version: dailyVersion(e),
    fileName: e.file_name,
    kind: e.file_extension,
    platform: {
      os: o2.platform.os,
      arch: dailyMatchesPlatform(e.platform, e.architecture, { os: o2.platform.os, arch: "arm64" }) ? "arm64" : "x64"
    },
    urls: [new URL(e.url, o2.dailyUrl).href],
    notes: [...pick.notes]
  };
  await dailyChecksum(build, e, pick.sidecar, o2);
  return build;
}

// src/install/channels/release.ts
var DEFAULT_MIRROR = "https://download.blender.org/release/";
var LTS_LINES = Object.freeze(["2.83", "2.93", "3.3", "3.6", "4.2", "4.5"]);
function mirrorList(options, env = process.env) {
  const primary = env.BLENDER_HARNESS_RELEASE_URL || DEFAULT_MIRROR;
  const list = [...options.includeDefaultMirror === false ? [] : [primary], ...options.mirrors ?? []];
  const out = [];
  for (const m of list) {
    let u2;
    try {
      u2 = new URL(m);
    } catch {
      throw new InstallError(
        "BAD_SPEC",
        `Mirror ${JSON.stringify(m)} is not a URL; give the https:// URL of a folder holding BlenderX.Y/ folders.`
      );
    }
    checkUrlScheme(u2, "Mirror");
    const n2 = folderUrl(m);
    if (!out.includes(n2)) out.push(n2);
  }
  if (out.length === 0) throw new InstallError("BAD_SPEC", "No mirror left to download from: give at least one with --mirror URL.");
  return out;
}
function lineContents(listing) {
  const builds = [];
  const unsupported = [];
  for (const e of listing.entries) {
    if (e.isDir) continue;
    const c3 = classifyReleaseFile(e.name);
    if (!c3) continue;
    if (isReleaseFile(c3)) builds.push(c3);
    else unsupported.push(c3);
  }
  const platforms = /* @__PURE__ */ new Map();
  for (const b of builds) {
    const list = platforms.get(b.version) ?? [];
    const id = platformId(b.platform);
    if (!list.includes(id)) list.push(id);
    platforms.set(b.version, list);
  }
  for (const u2 of unsupported) if (!platforms.has(u2.version)) platforms.set(u2.version, []);
  return { versions: sortVersionsDescending(platforms.keys()), platforms, builds, unsupported };
}
function pickBuild(listing, platform2, version) {
  const contents = lineContents(listing);
  const folder = decodeURIComponent(new URL(listing.url).pathname.split("/").filter(Boolean).pop() ?? listing.url);
  const want = platformId(platform2);
  const candidates = version ? contents.versions.filter((v) => v === version) : contents.versions;
  if (contents.versions.length === 0) {
    return { ok: false, code: "NOT_FOUND", message: `${folder}/ has no Blender builds yet (it may be a line still being published).` };
  }
  if (version && candidates.length === 0) {
    const shown = contents.versions.slice(0, 12).join(", ");
    return {
      ok: false,
      code: "NOT_FOUND",
      message: `Blender ${version} is not in ${folder}/. That folder has ${shown}${contents.versions.length > 12 ? ", ..." : ""} (newest ${contents.versions[0]}).`
    };
  }
  const notes = [];
  for (const v of candidates) {
    for (const arch2 of archCandidates(platform2)) {
      const file = contents.builds.find((b) => b.version === v && b.platform.os === platform2.os && b.platform.arch === arch2);
      if (!file) continue;
      if (arch2 !== platform2.arch)
        notes.push(`No ${want} build of Blender ${v}; using the ${platform2.os}-${arch2} build, which runs under emulation.`);
      return { ok: true, file, notes };
    }
    if (!version) notes.push(`Blender ${v} has no ${want} build; looking at older patches.`);
  }
  const target = version ?? contents.versions[0] ?? "";
  const legacy = contents.unsupported.filter((u2) => u2.version === target);
  const has = contents.platforms.get(target) ?? [];
  if (has.length === 0 && legacy.length > 0) {
    return {
      ok: false,
      code: "LEGACY_RELEASE",
      message: `Blender ${target} is published only as ${legacy.map((l) => l.fileName).join(", ")}: ${legacy[0]?.reason}.`
    };
  }
  return {
    ok: false,
    code: "NO_BUILD_FOR_PLATFORM",
    message: `${version ? `Blender ${version}` : `No version in ${folder}/`} has ${version ? "no" : "a"} ${want} build${has.length ? `; ${target} has builds for ${has.join(", ")}` : ""}.` + (platform2.os === "linux" && platform2.arch === "arm64" ? " Blender publishes Linux arm64 builds only for some lines; use `system` with a distribution package, or another line." : platform2.os === "macos" && platform2.arch === "x64" ? " Blender 5.0 and newer are built for Apple silicon only; Intel Macs need 4.5 (LTS) or older." : "")
  };
}
async function releaseChecksum(listing, file, mirrors, lineRel) {
  const names = listing.entries.filter((e) => !e.isDir && e.name.endsWith(".sha256")).map((e) => e.name);
  const preferred = [`blender-${file.version}.sha256`, `${file.fileName}.sha256`];
  const ordered = [
    ...preferred.filter((n2) => names.includes(n2)),
    ...names.filter((n2) => !preferred.includes(n2) && n2.startsWith(`blender-${file.version}`))
  ];
  if (ordered.length === 0) {
    return { note: `${lineRel} has no .sha256 file for Blender ${file.version}; the build cannot be verified and will not be cached.` };
  }
  let lastError;
  for (const name of ordered) {
    const r = await mirrors.fetch(`${lineRel}${encodeURIComponent(name)}`, `the checksum file ${name}`);
    if (r.status !== 200) continue;
    try {
      return { sha256: checksumFor(r.text, file.fileName, r.url), source: r.url };
    } catch (e) {
      if (e instanceof InstallError) lastError = e;
      else throw e;
    }
  }
  if (lastError) throw lastError;
  return {
    note: `The checksum files beside Blender ${file.version} could not be read; the build cannot be verified and will not be cached.`
  };
}
async function rootLines(mirrors) {
  const r = await mirrors.fetch("", "the release listing");
  if (r.status !== 200) {
    throw new InstallError(
      "NOT_FOUND",
      `There is no release listing at ${r.url} (HTTP ${r.status}). A mirror URL must be the folder that holds the BlenderX.Y/ folders, like ${DEFAULT_MIRROR}.`
    );
  }
  const lines = releaseLines(parseListing(r.text, r.url));
  if (lines.length === 0) {
    throw new InstallError("NOT_FOUND", `${r.url} lists no BlenderX.Y/ folders; is it a mirror of ${DEFAULT_MIRROR}?`);
  }
  return sortVersionsDescending(new Set(lines));
}
async function lineListing(mirrors, line) {
  const rel = lineFolder(line);
  const r = await mirrors.fetch(rel, `the ${rel} listing`);
  if (r.status !== 200) return void 0;
  return parseListing(r.text, r.url);
}
async function unknownLine(mirrors, line, what) {
  let lines = [];
  try {
    lines = await rootLines(mirrors);
  } catch {
  }
  const near = nearestLines(line, lines);
  return new InstallError(
    "NOT_FOUND",
    `${what}: there is no ${lineFolder(line)} on ${mirrors.current}.` + (near.length ? ` Lines near it: ${near.join(", ")} (newest ${lines[0]}).` : "")
  );
}
async function fromLine(mirrors, listing, line, file, notes) {
  const rel = lineFolder(line);
  const sum = await releaseChecksum(listing, file, mirrors, rel);
  if (sum.note) notes.push(sum.note);
  const build = {
    channel: "release",
    version: file.version,
    fileName: file.fileName,
    kind: file.kind,
    platform: file.platform,
    urls: mirrors.urlsFor(`${rel}${encodeURIComponent(file.fileName)}`),
    notes
  };
  if (sum.sha256) build.sha256 = sum.sha256;
  if (sum.source) build.checksumSource = sum.source;
  return build;
}
async function resolveRelease(spec, o2) {
  const mirrors = new MirrorSet(o2.mirrors, o2.ctx);
  if (spec.kind === "exact" || spec.kind === "line") {
    const line = spec.kind === "exact" ? lineOf(spec.version) : spec.line;
    const listing = await lineListing(mirrors, line);
    if (!listing)
      throw await unknownLine(
        mirrors,
        line,
        spec.kind === "exact" ? `Blender ${spec.version} does not exist` : `Blender ${line} does not exist`
      );
    const pick = pickBuild(listing, o2.platform, spec.kind === "exact" ? spec.version : void 0);
    if (!pick.ok) throw new InstallError(pick.code, pick.message);
    return fromLine(mirrors, listing, line, pick.file, pick.notes);
  }
  const all = await rootLines(mirrors);
  const ltsLines = o2.ltsLines ?? LTS_LINES;
  const lines = spec.kind === "lts" ? all.filter((l) => ltsLines.includes(l)) : all;
  if (lines.length === 0) {
    throw new InstallError(
      "NOT_FOUND",
      `None of the LTS lines (${ltsLines.join(", ")}) is on ${mirrors.current}; it lists ${all.slice(0, 8).join(", ")}.`
    );
  }
  const notes = [];
  const maxSkipped = o2.maxSkippedLines ?? 4;
  for (const line of lines.slice(0, maxSkipped + 1)) {
    const listing = await lineListing(mirrors, line);
    if (!listing) {
      notes.push(`${lineFolder(line)} is listed but could not be opened; skipped.`);
      continue;
    }
    const pick = pickBuild(listing, o2.platform);
    if (pick.ok) return fromLine(mirrors, listing, line, pick.file, [...notes, ...pick.notes]);
    notes.push(`${lineFolder(line)} has no ${platformId(o2.platform)} build yet; skipped. (${pick.message})`);
  }
  throw new InstallError(
    "NO_BUILD_FOR_PLATFORM",
    `No ${spec.kind === "lts" ? "LTS " : ""}line among the newest ${Math.min(lines.length, maxSkipped + 1)} has a ${platformId(o2.platform)} build:
  ${notes.join("\n  ")}`
  );
}

// src/install/extract.ts
import { mkdir, mkdtemp, rm as rm2 } from "node:fs/promises";
import { join as join3 } from "node:path";
var TAR_FLAGS = { "tar.xz": "-xJf", "tar.bz2": "-xjf", "tar.gz": "-xzf" };
function tarFlags(kind) {
  const flags = TAR_FLAGS[kind];
  if (!flags) throw new Error(`not a tar archive: ${kind}`);
  return flags;
}
function windowsTar(env = process.env) {
  return join3(env.SystemRoot ?? env.SYSTEMROOT ?? "C:\\Windows", "System32", "tar.exe");
}
function extractCommands(archive, kind, dest, os2, mountPoint = join3(dest, ".mnt")) {
  switch (kind) {
    case "tar.xz":
    case "tar.bz2":
    case "tar.gz":
      return [{ file: os2 === "windows" ? windowsTar() : "tar", args: [tarFlags(kind), archive, "-C", dest] }];
    case "zip":
      if (os2 === "windows") return [{ file: windowsTar(), args: ["-xf", archive, "-C", dest] }];
      if (os2 === "macos") return [{ file: "ditto", args: ["-x", "-k", archive, dest] }];
      return [{ file: "unzip", args: ["-q", "-o", archive, "-d", dest] }];
    case "dmg":
      return dmgCommands(archive, dest, mountPoint);
  }
}
function dmgCommands(archive, dest, mountPoint) {
  return [
    {
      file: "hdiutil",
      args: ["attach", "-nobrowse", "-readonly", "-noautoopen", "-noverify", "-mountpoint", mountPoint, archive],
      input: "Y\n"
    },
    { file: "ditto", args: [join3(mountPoint, "Blender.app"), join3(dest, "Blender.app")] },
    { file: "hdiutil", args: ["detach", mountPoint, "-force"] }
  ];
}
async function run(cmd) {
  await execa(cmd.file, cmd.args, {
    input: cmd.input,
    stdin: cmd.input === void 0 ? "ignore" : "pipe",
    stdout: "pipe",
    stderr: "pipe",
    all: true
  });
}
function failText(e) {
  if (typeof e === "object" && e !== null && "all" in e) {
    const all = e.all;
    if (typeof all === "string" && all.trim()) return all.trim().split("\n").slice(-5).join("\n");
  }
  if (errnoCode(e) === "ENOENT") return "the extraction tool is not installed";
  return e instanceof Error ? e.message : String(e);
}
async function extractArchive(archive, kind, dest, os2, expected) {
  await mkdir(dest, { recursive: true });
  const mountPoint = kind === "dmg" ? await mkdtemp(join3(dest, ".mnt-")) : join3(dest, ".mnt");
  const commands = extractCommands(archive, kind, dest, os2, mountPoint);
  try {
    for (const [i2, cmd] of commands.entries()) {
      try {
        await run(cmd);
      } catch (e) {
        if (kind === "dmg" && i2 === 1) await run(commands[2]).catch(() => void 0);
        throw e;
      }
    }
  } catch (e) {
    await rm2(dest, { recursive: true, force: true });
    const what = expected.verified ? `its sha256 ${expected.sha256} matched the published one, so the published file itself is damaged or not a ${kind}` : "it could not be verified (no checksum was published or given), so it may be damaged or not what the URL promised";
    throw new InstallError(
      "EXTRACT",
      `Could not unpack ${expected.fileName}: expected a ${kind} archive (${expected.bytes} bytes, sha256 ${expected.sha256}); ${[commands[0]?.file, commands[0]?.args[0]].join(" ")} said:
${failText(e)}
The archive is truncated or corrupt; ${what}. Nothing was cached.`,
      { cause: e }
    );
  } finally {
    if (kind === "dmg") await rm2(mountPoint, { recursive: true, force: true }).catch(() => void 0);
  }
}

// src/install/channels/url.ts
async function sidecarChecksum(u2, fileName, version, o2) {
  const sidecars = [`${u2.href}.sha256`, ...version ? [new URL(`blender-${version}.sha256`, u2).href] : []];
  for (const s of sidecars) {
    const r = await fetchIfThere(s, o2.ctx, 64 * 1024);
    if (!r) continue;
    try {
      return { sha256: checksumFor(r.text, fileName, s), source: s };
    } catch (e) {
      if (e instanceof InstallError && e.code === "BAD_CHECKSUM_FILE") continue;
      throw e;
    }
  }
  return void 0;
}
async function resolveUrl(spec, o2) {
  const u2 = new URL(spec.url);
  const fileName = decodeURIComponent(u2.pathname.split("/").pop() ?? "");
  const kind = archiveKindOfFile(fileName);
  if (!kind) {
    throw new InstallError(
      "BAD_SPEC",
      `Cannot tell what kind of archive ${spec.url} is; the name must end in .tar.xz, .zip or .dmg (or .tar.bz2/.tar.gz).`
    );
  }
  const named = platformInFileName(fileName);
  if (named.os && named.os !== o2.platform.os) {
    throw new InstallError(
      "NO_BUILD_FOR_PLATFORM",
      `${fileName} is a ${named.os} build; this machine is ${platformId(o2.platform)}. Give the ${o2.platform.os} build's URL.`
    );
  }
  const classified = classifyReleaseFile(fileName);
  const version = classified && isReleaseFile(classified) ? classified.version : /^blender-(\d+\.\d+\.\d+)/.exec(fileName)?.[1];
  const build = {
    channel: "url",
    fileName,
    kind,
    platform: { os: o2.platform.os, arch: named.arch ?? o2.platform.arch },
    urls: [u2.href],
    notes: []
  };
  if (version) build.version = version;
  const given = spec.sha256 ?? o2.sha256?.toLowerCase();
  const found2 = given ? { sha256: given, source: "the spec" } : await sidecarChecksum(u2, fileName, version, o2);
  if (found2) {
    build.sha256 = found2.sha256;
    build.checksumSource = found2.source;
  } else {
    build.notes.push(
      `No sha256 was given for ${spec.url} and none was found beside it; the build cannot be verified and will not be cached. Add #sha256=<hex> to the URL to verify it.`
    );
  }
  return build;
}

// src/install/resolve.ts
async function resolveBuild(spec, o2) {
  switch (spec.kind) {
    case "exact":
    case "line":
    case "latest":
    case "lts":
      return resolveRelease(spec, o2);
    case "daily":
      return resolveDaily(spec, o2);
    case "url":
      return resolveUrl(spec, o2);
    default:
      throw new Error(`resolveBuild does not handle ${spec.kind} specs`);
  }
}

// src/install/store/actions.ts
import { mkdir as mkdir2, rm as rm3 } from "node:fs/promises";
import { join as join6 } from "node:path";

// node_modules/@actions/tool-cache/lib/tool-cache.js
import * as fs from "fs";

// node_modules/@actions/tool-cache/lib/manifest.js
var semver = __toESM(require_semver(), 1);

// node_modules/@actions/tool-cache/lib/tool-cache.js
import * as os from "os";
import * as path6 from "path";
var semver2 = __toESM(require_semver(), 1);
import { ok } from "assert";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result2) {
      result2.done ? resolve(result2.value) : adopt(result2.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var IS_WINDOWS = process.platform === "win32";
var IS_MAC = process.platform === "darwin";
function cacheDir(sourceDir, tool, version, arch2) {
  return __awaiter(this, void 0, void 0, function* () {
    version = semver2.clean(version) || version;
    arch2 = arch2 || os.arch();
    debug(`Caching tool ${tool} ${version} ${arch2}`);
    debug(`source dir: ${sourceDir}`);
    if (!fs.statSync(sourceDir).isDirectory()) {
      throw new Error("sourceDir is not a directory");
    }
    const destPath = yield _createToolPath(tool, version, arch2);
    for (const itemName of fs.readdirSync(sourceDir)) {
      const s = path6.join(sourceDir, itemName);
      yield cp(s, destPath, { recursive: true });
    }
    _completeToolPath(tool, version, arch2);
    return destPath;
  });
}
function find(toolName, versionSpec, arch2) {
  if (!toolName) {
    throw new Error("toolName parameter is required");
  }
  if (!versionSpec) {
    throw new Error("versionSpec parameter is required");
  }
  arch2 = arch2 || os.arch();
  if (!isExplicitVersion(versionSpec)) {
    const localVersions = findAllVersions(toolName, arch2);
    const match = evaluateVersions(localVersions, versionSpec);
    versionSpec = match;
  }
  let toolPath = "";
  if (versionSpec) {
    versionSpec = semver2.clean(versionSpec) || "";
    const cachePath = path6.join(_getCacheDirectory(), toolName, versionSpec, arch2);
    debug(`checking cache: ${cachePath}`);
    if (fs.existsSync(cachePath) && fs.existsSync(`${cachePath}.complete`)) {
      debug(`Found tool in cache ${toolName} ${versionSpec} ${arch2}`);
      toolPath = cachePath;
    } else {
      debug("not found");
    }
  }
  return toolPath;
}
function findAllVersions(toolName, arch2) {
  const versions = [];
  arch2 = arch2 || os.arch();
  const toolPath = path6.join(_getCacheDirectory(), toolName);
  if (fs.existsSync(toolPath)) {
    const children = fs.readdirSync(toolPath);
    for (const child of children) {
      if (isExplicitVersion(child)) {
        const fullPath = path6.join(toolPath, child, arch2 || "");
        if (fs.existsSync(fullPath) && fs.existsSync(`${fullPath}.complete`)) {
          versions.push(child);
        }
      }
    }
  }
  return versions;
}
function _createToolPath(tool, version, arch2) {
  return __awaiter(this, void 0, void 0, function* () {
    const folderPath = path6.join(_getCacheDirectory(), tool, semver2.clean(version) || version, arch2 || "");
    debug(`destination ${folderPath}`);
    const markerPath = `${folderPath}.complete`;
    yield rmRF(folderPath);
    yield rmRF(markerPath);
    yield mkdirP(folderPath);
    return folderPath;
  });
}
function _completeToolPath(tool, version, arch2) {
  const folderPath = path6.join(_getCacheDirectory(), tool, semver2.clean(version) || version, arch2 || "");
  const markerPath = `${folderPath}.complete`;
  fs.writeFileSync(markerPath, "");
  debug("finished caching tool");
}
function isExplicitVersion(versionSpec) {
  const c3 = semver2.clean(versionSpec) || "";
  debug(`isExplicit: ${c3}`);
  const valid2 = semver2.valid(c3) != null;
  debug(`explicit? ${valid2}`);
  return valid2;
}
function evaluateVersions(versions, versionSpec) {
  let version = "";
  debug(`evaluating ${versions.length} versions`);
  versions = versions.sort((a2, b) => {
    if (semver2.gt(a2, b)) {
      return 1;
    }
    return -1;
  });
  for (let i2 = versions.length - 1; i2 >= 0; i2--) {
    const potential = versions[i2];
    const satisfied = semver2.satisfies(potential, versionSpec);
    if (satisfied) {
      version = potential;
      break;
    }
  }
  if (version) {
    debug(`matched: ${version}`);
  } else {
    debug("match not found");
  }
  return version;
}
function _getCacheDirectory() {
  const cacheDirectory = process.env["RUNNER_TOOL_CACHE"] || "";
  ok(cacheDirectory, "Expected RUNNER_TOOL_CACHE to be defined");
  return cacheDirectory;
}

// src/install/store/entry.ts
import { lstat, readFile, readdir as readdir2, writeFile } from "node:fs/promises";
import { join as join5, relative, sep } from "node:path";
var MANIFEST = ".blender-harness.json";
function safeSegment(s) {
  return s.replace(/[^A-Za-z0-9._+-]/g, "_");
}
function entryKey(platform2, build) {
  const version = build.channel === "url" || !build.version ? "url" : build.version;
  return `${platform2.os}-${platform2.arch}-${safeSegment(version)}-${build.sha256.slice(0, 16)}`;
}
async function treeStats(dir) {
  let files = 0;
  let bytes = 0;
  const walk = async (d) => {
    for (const e of await readdir2(d, { withFileTypes: true })) {
      const p = join5(d, e.name);
      if (d === dir && e.name === MANIFEST) continue;
      if (e.isDirectory()) await walk(p);
      else {
        files++;
        if (e.isFile()) bytes += (await lstat(p)).size;
      }
    }
  };
  await walk(dir);
  return { files, bytes };
}
function relativeExecutable(dir, executable) {
  return relative(dir, executable).split(sep).join("/");
}
async function readManifest(dir) {
  try {
    const m = JSON.parse(await readFile(join5(dir, MANIFEST), "utf8"));
    if (m.schema !== 1 || typeof m.executable !== "string" || typeof m.sha256 !== "string" || typeof m.version !== "string")
      return void 0;
    return m;
  } catch {
    return void 0;
  }
}
async function checkEntry(dir, platform2, opts = {}) {
  const manifest = await readManifest(dir);
  if (!manifest) return void 0;
  if (opts.sha256 && manifest.sha256 !== opts.sha256) return void 0;
  if (manifest.platform.os !== platform2.os) return void 0;
  const executable = join5(dir, ...manifest.executable.split("/"));
  if (!isRunnableFile(executable, platform2.os !== "windows")) return void 0;
  if (opts.deep) {
    const s = await treeStats(dir).catch(() => void 0);
    if (!s || s.files !== manifest.files || s.bytes !== manifest.bytes) return void 0;
  }
  return { dir, executable, manifest };
}
async function writeManifest(dir, m) {
  const s = await treeStats(dir);
  const manifest = { schema: 1, ...m, createdAt: (/* @__PURE__ */ new Date()).toISOString(), files: s.files, bytes: s.bytes };
  await writeFile(join5(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}
`);
  return manifest;
}

// src/install/store/actions.ts
function actionsCacheKey(platform2, version, sha256) {
  return `blender-harness-1-${platform2.os}-${platform2.arch}-${safeSegment(version)}-${sha256}`;
}
function toolCacheVersion(build) {
  if (build.channel === "url" || !build.version) return `0.0.0-url.s${build.sha256.slice(0, 12)}`;
  if (build.channel === "daily") {
    const m = /^(\d+\.\d+\.\d+)-([a-z]+)\+?(?:[^.]*\.)?([0-9a-f]+)?/.exec(build.version);
    if (m) return `${m[1]}-${m[2]}.g${m[3] ?? build.sha256.slice(0, 12)}`;
    return `0.0.0-daily.s${build.sha256.slice(0, 12)}`;
  }
  return build.version;
}
function toolCachePath(toolCacheRoot, version, arch2) {
  return join6(toolCacheRoot, "blender", version, arch2);
}
async function loadActionsCache() {
  const mod = await import("./cache-2EOPHSLD.js");
  return {
    isFeatureAvailable: () => mod.isFeatureAvailable(),
    restoreCache: (paths, key) => mod.restoreCache(paths, key),
    saveCache: (paths, key) => mod.saveCache(paths, key)
  };
}
var ActionsStore = class {
  constructor(req, toolRoot, tempRoot, o2) {
    this.req = req;
    this.toolRoot = toolRoot;
    this.tempRoot = tempRoot;
    this.o = o2;
  }
  req;
  toolRoot;
  tempRoot;
  o;
  crossRun;
  available = false;
  known() {
    return Promise.resolve(void 0);
  }
  async offline(error) {
    const { spec, platform: platform2 } = this.req;
    if (spec.kind !== "exact") return void 0;
    const found2 = find("blender", spec.version, platform2.arch);
    const hit = found2 ? await checkEntry(found2, platform2) : void 0;
    if (!hit) return void 0;
    return { hit, source: "tool-cache", warning: `${error.message}
Using Blender ${spec.version} from the runner's tool cache.` };
  }
  async find(build) {
    const { sha256, platform: platform2 } = build;
    const version = toolCacheVersion(build);
    const found2 = find("blender", version, platform2.arch);
    if (found2) {
      const hit = await checkEntry(found2, platform2, { sha256 });
      if (hit) return { hit, source: "tool-cache" };
      this.req.log.warning(`The tool cache entry ${found2} does not hold the expected build; downloading again.`);
    }
    const toolPath = toolCachePath(this.toolRoot, version, platform2.arch);
    const entry = { cacheKey: actionsCacheKey(platform2, build.version ?? version, sha256), cachePaths: [toolPath, `${toolPath}.complete`] };
    this.crossRun = entry;
    return this.restore(entry, toolPath, build);
  }
  async restore(entry, toolPath, build) {
    const { log } = this.req;
    let api;
    try {
      api = this.o.actionsCache ?? await loadActionsCache();
    } catch (e) {
      log.warning(`The Actions cache library could not be loaded (${errorText(e)}); downloading.`);
    }
    this.available = api?.isFeatureAvailable() ?? false;
    if (!api || !this.available) {
      log.note("The Actions cache service is not available in this job; Blender will not be kept for later runs.");
      return void 0;
    }
    let restored;
    try {
      restored = await api.restoreCache(entry.cachePaths, entry.cacheKey);
    } catch (e) {
      log.warning(`Restoring Blender from the Actions cache failed: ${errorText(e)}`);
    }
    if (restored) {
      const hit = await checkEntry(toolPath, build.platform, { sha256: build.sha256, deep: true });
      if (hit) return { hit, source: "actions-cache", crossRun: entry };
      log.warning(`The Actions cache entry ${entry.cacheKey} was incomplete; discarding it and downloading.`);
    }
    for (const p of entry.cachePaths) await rm3(p, { recursive: true, force: true });
    return void 0;
  }
  async tempDir(prefix) {
    const dir = join6(this.tempRoot, `${prefix}-${Date.now()}-${process.pid}`);
    await mkdir2(dir, { recursive: true });
    return dir;
  }
  stage() {
    return this.tempDir("blender-harness");
  }
  unverifiedDir() {
    return this.tempDir("blender-harness-unverified");
  }
  async keep(tree, build) {
    const dir = await cacheDir(tree, "blender", toolCacheVersion(build), build.platform.arch);
    const hit = await checkEntry(dir, build.platform, { sha256: build.sha256 });
    if (!hit)
      throw new InstallError("CACHE", `The tool cache copy at ${dir} is incomplete right after it was made; check free disk space.`);
    return { dir, executable: hit.executable, ...this.crossRun ? { crossRun: this.crossRun } : {}, saveCache: this.available };
  }
};
function actionsStore(req, options = {}) {
  const toolRoot = req.env.RUNNER_TOOL_CACHE;
  const tempRoot = req.env.RUNNER_TEMP;
  if (!toolRoot || !tempRoot) {
    throw new InstallError(
      "CACHE",
      'The Actions cache mode needs RUNNER_TOOL_CACHE and RUNNER_TEMP; outside a runner use the local cache (cacheMode "local").'
    );
  }
  return new ActionsStore(req, toolRoot, tempRoot, options);
}

// src/install/store/local.ts
import { randomBytes } from "node:crypto";
import { mkdir as mkdir3, readFile as readFile2, readdir as readdir3, rename as rename2, rm as rm4, writeFile as writeFile2 } from "node:fs/promises";
import { homedir as homedir2 } from "node:os";
import { join as join7 } from "node:path";
function defaultCacheRoot(env = process.env, platform2 = process.platform) {
  if (env.BLENDER_HARNESS_CACHE_DIR) return env.BLENDER_HARNESS_CACHE_DIR;
  if (platform2 === "win32" && env.LOCALAPPDATA) return join7(env.LOCALAPPDATA, "blender-harness", "cache");
  return join7(env.XDG_CACHE_HOME || join7(homedir2(), ".cache"), "blender-harness");
}
var LocalCache = class {
  constructor(root) {
    this.root = root;
    this.entries = join7(root, "blender");
    this.staging = join7(root, "staging");
    this.unverified = join7(root, "unverified");
    this.memoPath = join7(root, "resolved.json");
  }
  root;
  entries;
  staging;
  unverified;
  memoPath;
  async lookup(key, platform2, sha256) {
    return checkEntry(join7(this.entries, key), platform2, sha256 ? { sha256 } : {});
  }
  async scan(match, platform2) {
    let names;
    try {
      names = await readdir3(this.entries);
    } catch {
      return void 0;
    }
    for (const name of names.filter(match).sort()) {
      const hit = await checkEntry(join7(this.entries, name), platform2);
      if (hit) return hit;
    }
    return void 0;
  }
  /** An entry for an exact release, whatever its checksum: releases never change once published. */
  findRelease(platform2, version) {
    const prefix = `${platform2.os}-${platform2.arch}-${safeSegment(version)}-`;
    return this.scan((n2) => n2.startsWith(prefix) && /^[0-9a-f]{16}$/.test(n2.slice(prefix.length)), platform2);
  }
  findBySha(platform2, sha256) {
    const prefix = `${platform2.os}-${platform2.arch}-`;
    return this.scan((n2) => n2.startsWith(prefix) && n2.endsWith(`-${sha256.slice(0, 16)}`), platform2);
  }
  async freshDir(parent) {
    await mkdir3(parent, { recursive: true });
    const dir = join7(parent, `${Date.now()}-${process.pid}-${randomBytes(4).toString("hex")}`);
    await mkdir3(dir);
    return dir;
  }
  /** A fresh folder on the same file system as the entries, so the final rename is atomic. */
  stage() {
    return this.freshDir(this.staging);
  }
  /**
   * Moves a finished tree into place as `key`. When another process got there first, its entry
   * wins and ours is dropped: both were verified against the same checksum.
   */
  async commit(tree, key, platform2) {
    await mkdir3(this.entries, { recursive: true });
    const dest = join7(this.entries, key);
    try {
      await rename2(tree, dest);
    } catch (e) {
      const code = errnoCode(e);
      if (code !== "EEXIST" && code !== "ENOTEMPTY" && code !== "EPERM") throw e;
      await rm4(tree, { recursive: true, force: true });
    }
    const hit = await checkEntry(dest, platform2);
    if (!hit) throw new Error(`cache entry ${dest} is unusable right after it was written`);
    return hit;
  }
  /** Unverified builds are kept apart and never looked up: nothing unverified is reused. */
  unverifiedDir() {
    return this.freshDir(this.unverified);
  }
  /** Removes staging folders of crashed runs and old unverified builds. */
  async sweep(maxAgeMs = 24 * 36e5, now = Date.now()) {
    for (const parent of [this.staging, this.unverified]) {
      let names;
      try {
        names = await readdir3(parent);
      } catch {
        continue;
      }
      for (const name of names) {
        const started = Number(name.split("-")[0]);
        if (Number.isFinite(started) && now - started > maxAgeMs) {
          await rm4(join7(parent, name), { recursive: true, force: true }).catch(() => void 0);
        }
      }
    }
  }
  async readMemo() {
    try {
      const m = JSON.parse(await readFile2(this.memoPath, "utf8"));
      if (m.schema === 1 && typeof m.entries === "object" && m.entries !== null) return m;
    } catch {
    }
    return { schema: 1, entries: {} };
  }
  async recall(key, maxAgeMs, now = Date.now()) {
    const hit = (await this.readMemo()).entries[key];
    if (!hit || now - hit.at > maxAgeMs) return void 0;
    return hit.build;
  }
  async remember(key, build, now = Date.now()) {
    const memo = await this.readMemo();
    memo.entries[key] = { at: now, build };
    for (const [k, v] of Object.entries(memo.entries)) if (now - v.at > 30 * 24 * 36e5) delete memo.entries[k];
    await mkdir3(this.root, { recursive: true });
    const tmp = `${this.memoPath}.${process.pid}.${randomBytes(4).toString("hex")}`;
    await writeFile2(tmp, JSON.stringify(memo));
    await rename2(tmp, this.memoPath);
  }
};
var LocalStore = class extends LocalCache {
  constructor(req, o2) {
    super(o2.cacheDir ?? defaultCacheRoot(req.env));
    this.req = req;
    this.o = o2;
  }
  req;
  o;
  async remembered(maxAgeMs) {
    if (!this.o.memoKey) return void 0;
    const b = await this.recall(this.o.memoKey, maxAgeMs);
    if (!b?.sha256) return void 0;
    return this.lookup(entryKey(b.platform, { ...b, sha256: b.sha256 }), b.platform, b.sha256);
  }
  async known() {
    await this.sweep().catch(() => void 0);
    const { spec, platform: platform2 } = this.req;
    const hit = (spec.kind === "exact" ? await this.findRelease(platform2, spec.version) : void 0) ?? (this.o.sha256 ? await this.findBySha(platform2, this.o.sha256) : void 0) ?? await this.remembered(this.o.ttlMs);
    return hit && { hit, source: "cache" };
  }
  async offline(error) {
    const stale = await this.remembered(Number.POSITIVE_INFINITY);
    if (!stale) return void 0;
    return {
      hit: stale,
      source: "cache",
      warning: `${error.message}
Using Blender ${stale.manifest.version} from the cache, which ${this.req.spec.raw} resolved to earlier.`,
      note: `Could not check for a newer build (${error.code}); used the cached one.`
    };
  }
  async find(build) {
    if (this.o.memoKey) await this.remember(this.o.memoKey, build).catch(() => void 0);
    const hit = await this.lookup(entryKey(build.platform, build), build.platform, build.sha256);
    return hit && { hit, source: "cache" };
  }
  async keep(tree, build) {
    const { dir, executable } = await this.commit(tree, entryKey(build.platform, build), build.platform);
    return { dir, executable };
  }
};
function localStore(req, options) {
  return new LocalStore(req, options);
}

// src/install/install.ts
var DEFAULT_RESOLVE_TTL_MS = 6 * 36e5;
var DEFAULT_DAILY_TTL_MS = 36e5;
function streamLogger(out) {
  return {
    info: (m) => void out.write(`${m}
`),
    warning: (m) => void out.write(`warning: ${m}
`)
  };
}
function actionsLogger() {
  return { info: (m) => info(m), warning: (m) => warning(m), debug: (m) => debug(m) };
}
function cacheModeFor(mode, env) {
  if (mode === "local" || mode === "actions") return mode;
  return env.GITHUB_ACTIONS === "true" && env.RUNNER_TOOL_CACHE && env.RUNNER_TEMP ? "actions" : "local";
}
function note(job, message) {
  job.notes.push(message);
  job.logger.info(message);
}
function result(job, fields) {
  return {
    spec: job.spec.raw,
    notes: job.notes,
    durationMs: Math.round(performance.now() - job.started),
    ...fields,
    saveCache: fields.saveCache ?? false,
    platform: fields.platform ?? job.platform
  };
}
function fromEntry(job, m, stored, how) {
  return result(job, {
    version: m.version,
    executable: stored.executable,
    root: stored.dir,
    platform: m.platform,
    source: how.source,
    cacheHit: how.source !== "download",
    verified: how.verified,
    sha256: m.sha256,
    url: m.url,
    fileName: m.fileName,
    channel: m.channel,
    ...stored.crossRun,
    ...stored.saveCache !== void 0 ? { saveCache: stored.saveCache } : {}
  });
}
function fromStore(job, { hit, source, crossRun }) {
  return fromEntry(
    job,
    hit.manifest,
    { dir: hit.dir, executable: hit.executable, ...crossRun ? { crossRun } : {} },
    { source, verified: true }
  );
}
async function downloadArchive(job, build, archive) {
  job.logger.info(
    `Downloading ${build.fileName} (${build.version ?? "version from the build"}, ${platformId(build.platform)}) from ${build.urls[0]}`
  );
  const dl = await download({
    urls: build.urls,
    dest: archive,
    label: build.fileName,
    ...build.sha256 ? { expectedSha256: build.sha256 } : {},
    ...build.checksumSource ? { checksumSource: build.checksumSource } : {},
    ctx: job.ctx,
    progress: job.progress,
    log: (m) => note(job, m)
  });
  job.logger.info(dl.verified ? `sha256 ${dl.sha256} verified against ${build.checksumSource}.` : `sha256 ${dl.sha256} (not verified).`);
  return dl;
}
async function fetchBuild(job, build, stage) {
  const archive = join8(stage, build.fileName.replace(/[\\/]/g, "_"));
  const dl = await downloadArchive(job, build, archive);
  const tree = join8(stage, "tree");
  await extractArchive(archive, build.kind, tree, build.platform.os, {
    fileName: build.fileName,
    bytes: dl.bytes,
    sha256: dl.sha256,
    verified: dl.verified
  });
  await rm5(archive, { force: true });
  const executable = await locateExecutable(tree, build.platform.os);
  if (!executable) {
    await rm5(tree, { recursive: true, force: true });
    throw new InstallError(
      "NO_EXECUTABLE",
      `${build.fileName} unpacked, but it holds no ${executableName(build.platform.os)} at its top or one folder down; it is not a Blender build for ${platformId(build.platform)}.`
    );
  }
  const manifest = await writeManifest(tree, {
    version: build.version ?? await probeVersion(executable),
    sha256: dl.sha256,
    fileName: build.fileName,
    url: dl.url,
    channel: build.channel,
    platform: build.platform,
    executable: relativeExecutable(tree, executable)
  });
  return { tree, executable, manifest, verified: dl.verified };
}
function downloaded(job, u2, stored) {
  return fromEntry(job, u2.manifest, stored, { source: "download", verified: u2.verified });
}
function memoKey(job, mirrors) {
  const s = job.spec;
  if (s.kind !== "line" && s.kind !== "latest" && s.kind !== "lts" && s.kind !== "daily") return void 0;
  const what = s.kind === "line" ? `line:${s.line}` : s.kind === "daily" ? `daily:${s.line ?? ""}` : s.kind;
  const source = s.kind === "daily" ? job.options.dailyUrl ?? DEFAULT_DAILY_URL : mirrors.join(" ");
  const lts = s.kind === "lts" ? (job.options.ltsLines ?? []).join(",") : "";
  return [what, platformId(job.platform), source, lts].join("|");
}
function storeFor(job, mirrors) {
  const { spec, options } = job;
  const req = {
    spec,
    platform: job.platform,
    env: job.env,
    log: { warning: (m) => job.logger.warning(m), note: (m) => note(job, m) }
  };
  if (cacheModeFor(options.cacheMode, job.env) === "actions") {
    return actionsStore(req, options.actionsCache ? { actionsCache: options.actionsCache } : {});
  }
  const key = memoKey(job, mirrors);
  const sha256 = spec.kind === "url" ? spec.sha256 ?? options.sha256?.toLowerCase() : void 0;
  return localStore(req, {
    ttlMs: spec.kind === "daily" ? options.dailyTtlMs ?? DEFAULT_DAILY_TTL_MS : options.resolveTtlMs ?? DEFAULT_RESOLVE_TTL_MS,
    ...options.cacheDir ? { cacheDir: options.cacheDir } : {},
    ...key ? { memoKey: key } : {},
    ...sha256 ? { sha256 } : {}
  });
}
function resolveFor(job, mirrors) {
  return resolveBuild(job.spec, {
    mirrors,
    dailyUrl: job.options.dailyUrl ?? DEFAULT_DAILY_URL,
    platform: job.platform,
    ctx: job.ctx,
    ...job.options.ltsLines ? { ltsLines: job.options.ltsLines } : {},
    ...job.options.sha256 ? { sha256: job.options.sha256 } : {}
  });
}
function isNetworkFailure(e) {
  return e instanceof InstallError && (e.code === "NETWORK" || e.code === "CHALLENGE");
}
async function installUnverified(job, store, build) {
  const dir = await store.unverifiedDir();
  try {
    const u2 = await fetchBuild(job, build, dir);
    job.logger.warning(`Blender ${u2.manifest.version} was installed without a checksum to verify it against; it is not cached.`);
    return downloaded(job, u2, { dir: u2.tree, executable: u2.executable });
  } catch (e) {
    await rm5(dir, { recursive: true, force: true });
    throw e;
  }
}
async function installThrough(job, store, mirrors) {
  const known = await store.known();
  if (known) return fromStore(job, known);
  let build;
  try {
    build = await resolveFor(job, mirrors);
  } catch (e) {
    const fallback = isNetworkFailure(e) ? await store.offline(e) : void 0;
    if (!fallback) throw e;
    if (fallback.warning) job.logger.warning(fallback.warning);
    if (fallback.note) job.notes.push(fallback.note);
    return fromStore(job, fallback);
  }
  for (const n2 of build.notes) note(job, n2);
  if (!build.sha256) return installUnverified(job, store, build);
  const verified = { ...build, sha256: build.sha256 };
  const found2 = await store.find(verified);
  if (found2) return fromStore(job, found2);
  const stage = await store.stage();
  try {
    const u2 = await fetchBuild(job, build, stage);
    return downloaded(job, u2, await store.keep(u2.tree, verified));
  } finally {
    await rm5(stage, { recursive: true, force: true });
  }
}
function startJob(parsed, options, started) {
  const env = options.env ?? process.env;
  const inActions = env.GITHUB_ACTIONS === "true";
  const logger = options.logger ?? (inActions ? actionsLogger() : streamLogger(process.stderr));
  const progress = options.progress ?? NO_PROGRESS;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  return {
    spec: parsed,
    platform: currentPlatform(options.platform),
    options,
    env,
    logger,
    progress,
    notes: [],
    started,
    ctx: {
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      retry,
      env,
      ...options.signal ? { signal: options.signal } : {},
      onRetry: (m) => logger.warning(m)
    }
  };
}
async function installBlender(spec, options = {}) {
  const started = performance.now();
  const parsed = typeof spec === "string" ? parseSpec(spec, options.cwd ? { cwd: options.cwd } : {}) : spec;
  const job = startJob(parsed, options, started);
  if (parsed.kind === "system" || parsed.kind === "path") {
    const executable = parsed.kind === "system" ? await findSystemBlender(job.platform.os, job.env) : await executableAtPath(parsed.path, job.platform.os);
    const version = await probeVersion(executable);
    return result(job, { version, executable, root: dirname2(executable), source: parsed.kind, cacheHit: false, verified: false });
  }
  const mirrors = mirrorList(options, job.env);
  return installThrough(job, storeFor(job, mirrors), mirrors);
}

// src/session/errors.ts
var SessionStartError = class extends Error {
  constructor(reason, message, log = "", traceback = null) {
    super(message);
    this.reason = reason;
    this.log = log;
    this.traceback = traceback;
    this.name = "SessionStartError";
  }
  reason;
  log;
  traceback;
};

// src/session/processes.ts
import { readdirSync as readdirSync2, readFileSync as readFileSync3, readlinkSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { connect } from "node:net";
var hasProc = process.platform === "linux";
function readProc(pid) {
  try {
    const stat2 = readFileSync3(`/proc/${pid}/stat`, "utf8");
    const close = stat2.lastIndexOf(")");
    const fields = stat2.slice(close + 2).split(" ");
    let command = readFileSync3(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    if (!command) command = `[${stat2.slice(stat2.indexOf("(") + 1, close)}]`;
    return { pid, state: fields[0] ?? "?", ppid: Number(fields[1]), pgid: Number(fields[2]), command };
  } catch {
    return void 0;
  }
}
function procPids() {
  return readdirSync2("/proc").filter((name) => /^\d+$/.test(name)).map(Number);
}
function listProcesses() {
  if (hasProc) return procPids().flatMap((pid) => readProc(pid) ?? []);
  if (process.platform === "win32") return [];
  const out = execFileSync("ps", ["-axo", "pid=,ppid=,pgid=,stat=,command="], { encoding: "utf8" });
  return out.split("\n").map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/)).filter((m) => m !== null).map((m) => ({
    pid: Number(m[1]),
    ppid: Number(m[2]),
    pgid: Number(m[3]),
    state: (m[4] ?? "?").charAt(0),
    command: m[5] ?? ""
  }));
}
function groupMembers(pgid, all = listProcesses()) {
  return all.filter((p) => p.pgid === pgid);
}
function processesByEnv(name, test, all = listProcesses()) {
  if (!hasProc) return [];
  const prefix = `${name}=`;
  return all.filter((p) => {
    try {
      return readFileSync3(`/proc/${p.pid}/environ`, "utf8").split("\0").some((v) => v.startsWith(prefix) && test(v.slice(prefix.length)));
    } catch {
      return false;
    }
  });
}
function stdioLinks(pid, fds = [0, 1, 2]) {
  if (!hasProc || pid <= 0) return [];
  return fds.flatMap((fd) => {
    try {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      return /^(pipe|socket):\[\d+\]$/.test(link) ? [link] : [];
    } catch {
      return [];
    }
  });
}
function processesHolding(links, all = listProcesses()) {
  if (!hasProc || links.length === 0) return [];
  const wanted = new Set(links);
  return all.filter((p) => {
    if (p.state === "Z") return false;
    let fds;
    try {
      fds = readdirSync2(`/proc/${p.pid}/fd`);
    } catch {
      return false;
    }
    return fds.some((fd) => {
      try {
        return wanted.has(readlinkSync(`/proc/${p.pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
  });
}
function zombieChildren(parent = process.pid, all = listProcesses()) {
  return all.filter((p) => p.ppid === parent && p.state === "Z");
}
async function isPortBound(port) {
  if (hasProc) {
    const hex = port.toString(16).toUpperCase().padStart(4, "0");
    for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
      let text;
      try {
        text = readFileSync3(table, "utf8");
      } catch {
        continue;
      }
      for (const line of text.split("\n").slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols[1]?.endsWith(`:${hex}`) && cols[3] === "0A") return true;
      }
    }
    return false;
  }
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
function signalGroup(pgid, signal) {
  if (!Number.isInteger(pgid) || pgid <= 1) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
function signalProcess(pid, signal) {
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
function sigkill(target) {
  const id = Math.abs(target);
  if (!Number.isInteger(id) || id <= 1) return "failed";
  try {
    process.kill(target, "SIGKILL");
    return "killed";
  } catch (error) {
    return error.code === "ESRCH" ? "gone" : "failed";
  }
}
function killAndReport(found2, how) {
  return found2.flatMap((p) => {
    const outcome = sigkill(p.pid);
    return outcome === "gone" ? [] : [{ pid: p.pid, command: p.command, found: how, killed: outcome === "killed" }];
  });
}
function killGroupLeftovers(pgid, all = listProcesses()) {
  const stragglers = groupMembers(pgid, all).filter((p) => p.state !== "Z");
  if (stragglers.length === 0) return [];
  const outcome = sigkill(-pgid);
  if (outcome === "gone") return [];
  return stragglers.map((p) => ({ pid: p.pid, command: p.command, found: "group", killed: outcome === "killed" }));
}
function killPipeHolders(links, all = listProcesses()) {
  return killAndReport(
    processesHolding(links, all).filter((p) => p.pid !== process.pid),
    "pipe"
  );
}

// src/session/session.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { statSync as statSync4 } from "node:fs";
import { join as join13 } from "node:path";
import { setTimeout as delay3 } from "node:timers/promises";

// src/session/client.ts
import { connect as connect2 } from "node:net";

// src/session/lines.ts
var LineSplitter = class {
  parts = [];
  /** The lines this chunk completes, without their newlines. */
  push(chunk) {
    const lines = [];
    let start = 0;
    let newline;
    while ((newline = chunk.indexOf("\n", start)) >= 0) {
      this.parts.push(chunk.slice(start, newline));
      lines.push(this.parts.join(""));
      this.parts.length = 0;
      start = newline + 1;
    }
    if (start < chunk.length) this.parts.push(chunk.slice(start));
    return lines;
  }
  /** What came after the last newline; empties the splitter. */
  rest() {
    const rest = this.parts.join("");
    this.parts.length = 0;
    return rest;
  }
};

// src/session/client.ts
var RequestTimeoutError = class extends Error {
  constructor(request, timeoutMs) {
    super(`request ${String(request.type ?? "")} got no answer within ${timeoutMs / 1e3} s`);
    this.request = request;
    this.timeoutMs = timeoutMs;
    this.name = "RequestTimeoutError";
  }
  request;
  timeoutMs;
};
var ConnectionClosedError = class extends Error {
  constructor(message = "the connection to Blender closed before it answered") {
    super(message);
    this.name = "ConnectionClosedError";
  }
};
var AuthRefusedError = class extends Error {
  constructor(message) {
    super(`the server in Blender refused the session token: ${message}`);
    this.name = "AuthRefusedError";
  }
};
var AUTH_ANSWER_MS = 1e4;
var Client2 = class _Client {
  constructor(socket, token) {
    this.socket = socket;
    this.token = token;
    socket.setEncoding("utf8");
    socket.setNoDelay(true);
    socket.on("data", (chunk) => this.receive(chunk));
    socket.on("close", () => this.failAll(new ConnectionClosedError()));
    socket.on("error", (error) => this.failAll(new ConnectionClosedError(`connection to Blender failed: ${error.message}`)));
  }
  socket;
  token;
  nextId = 1;
  lines = new LineSplitter();
  pending = /* @__PURE__ */ new Map();
  closedError;
  /**
   * Connect, and with a token authenticate at once: the server closes a connection that has
   * not shown the token within a few seconds, and a client may idle long before its first
   * request (the session's own, while a --run command works).
   */
  static async connect(port, token, host = "127.0.0.1") {
    const client = await new Promise((resolve, reject) => {
      const socket = connect2({ port, host });
      socket.once("connect", () => {
        socket.removeListener("error", reject);
        resolve(new _Client(socket, token));
      });
      socket.once("error", reject);
    });
    if (token === void 0) return client;
    try {
      const answer = await client.request({ type: "ping" }, AUTH_ANSWER_MS);
      if (!answer.ok) throw new AuthRefusedError(answer.error.message);
    } catch (error) {
      client.close();
      throw error;
    }
    return client;
  }
  /** Send a request; its timeout starts now, or once `startAfter` settles (see Session.request). */
  request(request, timeoutMs, startAfter) {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = this.nextId++;
    const line = JSON.stringify({ ...request, id, ...this.token ? { token: this.token } : {} });
    return new Promise((resolve, reject) => {
      const entry = { resolve, reject, timer: void 0 };
      const startTimer = () => {
        if (timeoutMs === void 0 || !this.pending.has(id)) return;
        entry.timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new RequestTimeoutError(request, timeoutMs));
        }, timeoutMs);
      };
      this.pending.set(id, entry);
      if (startAfter) startAfter.then(startTimer, startTimer);
      else startTimer();
      this.socket.write(line + "\n");
    });
  }
  close() {
    this.socket.destroy();
  }
  receive(chunk) {
    for (const line of this.lines.push(chunk)) {
      if (!line.trim()) continue;
      let answer;
      try {
        answer = JSON.parse(line);
      } catch {
        this.failAll(new ConnectionClosedError(`the server sent something that is not JSON: ${line.slice(0, 200)}`));
        this.socket.destroy();
        return;
      }
      this.settle(answer);
    }
  }
  settle(answer) {
    const id = answer.id === null || answer.id === void 0 ? this.pending.keys().next().value : answer.id;
    if (typeof id !== "number" || !this.pending.has(id)) return;
    const entry = this.pending.get(id);
    this.pending.delete(id);
    if (entry?.timer) clearTimeout(entry.timer);
    entry?.resolve(answer);
  }
  failAll(error) {
    this.closedError ??= error;
    for (const [id, entry] of this.pending) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.reject(error);
      this.pending.delete(id);
    }
  }
};

// src/session/display.ts
import { setTimeout as delay } from "node:timers/promises";
function parseDisplayMode(text) {
  if (text === "auto" || text === "virtual" || text === "none") return text;
  throw new Error(`display takes auto, virtual or none, not ${JSON.stringify(text)}`);
}
var findXvfb = (env = process.env) => which("Xvfb", env);
function wantsVirtualDisplay(mode, env = process.env) {
  if (mode === "virtual") return true;
  if (mode === "none" || process.platform !== "linux") return false;
  return !env.DISPLAY && !env.WAYLAND_DISPLAY && findXvfb(env) !== void 0;
}
var VirtualDisplay = class _VirtualDisplay {
  constructor(exited, pid, display) {
    this.exited = exited;
    this.pid = pid;
    this.display = display;
  }
  exited;
  pid;
  display;
  static async start(env = process.env, timeoutMs = 2e4) {
    const xvfb = findXvfb(env);
    if (!xvfb) {
      throw new SessionStartError(
        "usage",
        "a virtual display was asked for, but Xvfb is not installed: apt-get install xvfb (Debian/Ubuntu), or pass --display none"
      );
    }
    const child = execa(xvfb, ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp", "-noreset"], {
      // The caller's tag in its environment: a later step can find it even if we die.
      env,
      detached: true,
      stdio: ["ignore", "ignore", "pipe", "pipe"],
      reject: false,
      cleanup: false,
      buffer: false
    });
    child.catch(() => void 0);
    const pid = child.pid;
    if (pid === void 0) throw new SessionStartError("usage", `could not start ${xvfb}`);
    const fd3 = child.stdio[3];
    let err = "";
    child.stderr?.on("data", (c3) => err = (err + String(c3)).slice(-2e3));
    const display = await new Promise((resolve, reject) => {
      let text = "";
      const timer = setTimeout(
        () => reject(new SessionStartError("timeout", `Xvfb did not start within ${timeoutMs / 1e3} s:
${err}`)),
        timeoutMs
      );
      timer.unref();
      fd3.on("data", (chunk) => {
        text += String(chunk);
        const m = /(\d+)\n/.exec(text);
        if (m) {
          clearTimeout(timer);
          resolve(`:${m[1]}`);
        }
      });
      void child.then(() => {
        clearTimeout(timer);
        reject(new SessionStartError("exited", `Xvfb exited before it was ready:
${err}`));
      });
    }).catch((error) => {
      signalGroup(pid, "SIGKILL");
      throw error;
    });
    return new _VirtualDisplay(
      child.then(() => void 0),
      pid,
      display
    );
  }
  /** Stop Xvfb (SIGTERM lets it remove its lock and socket), then SIGKILL if it lingers. */
  async stop(graceMs = 2e3) {
    signalGroup(this.pid, "SIGTERM");
    const exited = this.exited.then(() => true);
    if (!await Promise.race([exited, delay(graceMs, false, { ref: false })])) {
      signalGroup(this.pid, "SIGKILL");
      await exited;
    }
  }
};

// src/session/output.ts
import { createWriteStream as createWriteStream3 } from "node:fs";
import { setTimeout as delay2 } from "node:timers/promises";
async function drainAfterExit(streams, quietMs = 150, maxMs = 2e3) {
  const open2 = streams.filter((s) => !!s && !s.destroyed && !s.readableEnded);
  if (open2.length > 0) {
    let last = performance.now();
    const touch = () => {
      last = performance.now();
    };
    const ended = Promise.all(
      open2.map(
        (s) => new Promise((resolve) => {
          if (s.destroyed || s.readableEnded) return resolve();
          s.once("end", resolve);
          s.once("close", resolve);
        })
      )
    );
    let done = false;
    void ended.then(() => {
      done = true;
    });
    for (const s of open2) s.on("data", touch);
    const started = performance.now();
    while (!done && performance.now() - started < maxMs) {
      const quiet = performance.now() - last;
      if (quiet >= quietMs) break;
      await Promise.race([ended, delay2(quietMs - quiet, void 0, { ref: false })]);
    }
    for (const s of open2) s.off("data", touch);
  }
  for (const s of streams) s?.destroy();
}
var OutputLog = class {
  constructor(path7, maxTail = 200) {
    this.path = path7;
    this.maxTail = maxTail;
    this.file = createWriteStream3(path7, { flags: "a" });
    this.file.on("error", () => void 0);
  }
  path;
  maxTail;
  file;
  tailLines = [];
  listeners = /* @__PURE__ */ new Set();
  attach(stream) {
    if (!stream) return;
    stream.setEncoding("utf8");
    const splitter = new LineSplitter();
    let open2 = true;
    stream.on("data", (chunk) => {
      if (!this.file.writableEnded) this.file.write(chunk);
      if (!open2) return;
      for (const line of splitter.push(chunk)) this.push(line.replace(/\r$/, ""));
    });
    const finish = () => {
      if (!open2) return;
      open2 = false;
      const rest = splitter.rest();
      if (rest) this.push(rest);
    };
    stream.on("end", finish);
    stream.on("close", finish);
  }
  onLine(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  tail(lines = 40) {
    return this.tailLines.slice(-lines).join("\n");
  }
  async close() {
    await new Promise((resolve) => this.file.end(resolve));
  }
  push(line) {
    this.tailLines.push(line);
    if (this.tailLines.length > this.maxTail) this.tailLines.splice(0, this.tailLines.length - this.maxTail);
    for (const listener of this.listeners) listener(line);
  }
};

// src/session/crash.ts
import { readdirSync as readdirSync3, readFileSync as readFileSync4, rmSync } from "node:fs";
import { join as join10 } from "node:path";

// src/session/paths.ts
import { existsSync as existsSync3 } from "node:fs";
import { dirname as dirname3, join as join9 } from "node:path";
import { fileURLToPath as fileURLToPath3 } from "node:url";
function blenderScriptsDir() {
  let dir = dirname3(fileURLToPath3(import.meta.url));
  for (; ; ) {
    const candidate = join9(dir, "blender", "bootstrap.py");
    if (existsSync3(candidate)) return dirname3(candidate);
    const parent = dirname3(dir);
    if (parent === dir) throw new Error("blender/bootstrap.py not found beside the harness; the installation is incomplete");
    dir = parent;
  }
}
function bootstrapScript() {
  return join9(blenderScriptsDir(), "bootstrap.py");
}

// src/session/crash.ts
var C_FRAMES = 12;
function takeCrashReport(profileRoot) {
  const dir = join10(profileRoot, "tmp");
  let names;
  try {
    names = readdirSync3(dir).filter((n2) => n2.endsWith(".crash.txt"));
  } catch {
    return void 0;
  }
  const reports = names.map((n2) => {
    const text = readFileSync4(join10(dir, n2), "utf8");
    rmSync(join10(dir, n2), { force: true });
    return summarizeCrashReport(text, blenderScriptsDir());
  });
  return reports.length ? reports.join("\n\n") : void 0;
}
function summarizeCrashReport(text, harnessDir) {
  const sections = /* @__PURE__ */ new Map();
  let current = "";
  for (const line of text.split("\n")) {
    if (/^# /.test(line)) {
      current = line.slice(2).trim();
      sections.set(current, []);
      continue;
    }
    if (!sections.has(current)) sections.set(current, []);
    if (line.trim()) sections.get(current)?.push(line);
  }
  const header2 = [...sections.keys()].find((k) => /^Blender /.test(k));
  const out = header2 ? [`# ${header2}`] : [];
  for (const [name, lines] of sections) {
    if (name === header2 || /python backtrace/i.test(name) || !lines.length) continue;
    if (name) out.push(`# ${name}`);
    out.push(...lines.slice(0, C_FRAMES));
    if (lines.length > C_FRAMES) out.push(`  \u2026 ${lines.length - C_FRAMES} more lines`);
  }
  const python = [...sections].find(([name]) => /python backtrace/i.test(name))?.[1];
  if (python?.length) out.push("# Python backtrace (most recent call first)", ...foldInternalFrames(python, harnessDir));
  return out.join("\n");
}
function foldInternalFrames(frames, harnessDir) {
  const internal = (line) => {
    const path7 = /File "([^"]+)"/.exec(line)?.[1];
    if (!path7) return false;
    return /[\\/](_pytest|pluggy)[\\/]/.test(path7) || path7.startsWith(harnessDir);
  };
  const out = [];
  let folded = 0;
  const flush = () => {
    if (folded) out.push(`  \u2026 ${folded} frame${folded > 1 ? "s" : ""} of pytest and the harness`);
    folded = 0;
  };
  for (const line of frames) {
    if (internal(line)) {
      folded += 1;
      continue;
    }
    flush();
    out.push(line);
  }
  flush();
  return out;
}

// src/session/profile.ts
import { mkdirSync, mkdtempSync, rmSync as rmSync2 } from "node:fs";
import { tmpdir } from "node:os";
import { join as join11 } from "node:path";
var Profile = class {
  root;
  constructor(parent = tmpdir()) {
    this.root = mkdtempSync(join11(parent, "blender-harness-"));
    for (const sub of [
      "config",
      "scripts/addons",
      "datafiles",
      "extensions",
      "xdg/cache",
      "xdg/config",
      "xdg/data",
      "xdg/state",
      "tmp",
      "logs"
    ]) {
      mkdirSync(join11(this.root, sub), { recursive: true });
    }
  }
  get logsDir() {
    return join11(this.root, "logs");
  }
  /** Environment variables that point Blender at this profile instead of the user's. */
  environment() {
    return {
      BLENDER_USER_CONFIG: join11(this.root, "config"),
      BLENDER_USER_SCRIPTS: join11(this.root, "scripts"),
      BLENDER_USER_DATAFILES: join11(this.root, "datafiles"),
      BLENDER_USER_EXTENSIONS: join11(this.root, "extensions"),
      // Blender and the libraries it loads write elsewhere in the user's home too: thumbnails
      // under ~/.cache, PulseAudio's client state under ~/.config (seen with 5.2).
      XDG_CACHE_HOME: join11(this.root, "xdg/cache"),
      XDG_CONFIG_HOME: join11(this.root, "xdg/config"),
      XDG_DATA_HOME: join11(this.root, "xdg/data"),
      XDG_STATE_HOME: join11(this.root, "xdg/state"),
      // An interactive Blender saves quit.blend (session recovery) in the temp folder.
      TMPDIR: join11(this.root, "tmp")
    };
  }
  remove() {
    rmSync2(this.root, { recursive: true, force: true });
  }
};

// src/session/tracked.ts
import { execFileSync as execFileSync2 } from "node:child_process";
import { readdirSync as readdirSync4, realpathSync } from "node:fs";
import { dirname as dirname4, join as join12 } from "node:path";
var SUPERVISOR = "supervisor.py";
var PYTHON_FLAGS = ["-I", "-S", "-B"];
var checked = /* @__PURE__ */ new Map();
function canSupervise(python) {
  let ok2 = checked.get(python);
  if (ok2 === void 0) {
    try {
      execFileSync2(python, [...PYTHON_FLAGS, join12(blenderScriptsDir(), SUPERVISOR), "--check"], { stdio: "ignore", timeout: 2e4 });
      ok2 = true;
    } catch {
      ok2 = false;
    }
    checked.set(python, ok2);
  }
  return ok2;
}
function supervisorPython(near) {
  if (process.platform !== "linux") return void 0;
  const key = near ?? "";
  if (!found.has(key)) found.set(key, findPython(near));
  return found.get(key);
}
var found = /* @__PURE__ */ new Map();
function findPython(near) {
  const candidates = [];
  if (near) {
    try {
      const dir = dirname4(realpathSync(near));
      for (const version of readdirSync4(dir).filter((n2) => /^\d+\.\d+$/.test(n2))) {
        const bin = join12(dir, version, "python", "bin");
        try {
          candidates.push(
            ...readdirSync4(bin).filter((n2) => /^python3(\.\d+)?$/.test(n2)).sort().reverse().map((n2) => join12(bin, n2))
          );
        } catch {
        }
      }
    } catch {
    }
  }
  candidates.push("/usr/bin/python3");
  const onPath = which("python3");
  if (onPath) candidates.push(onPath);
  return candidates.find((c3) => isRunnableFile(c3) && canSupervise(c3));
}
var TrackedProcess = class {
  /** The process the harness started: the supervisor, or the command itself (execa's, no promise). */
  child;
  /** The supervisor's pid; undefined when the command runs unsupervised. */
  supervisorPid;
  started;
  exited;
  control;
  swept;
  onSwept;
  finished = false;
  /** Settles when the process the harness started (the supervisor) has exited. */
  gone;
  /** Whether the supervisor started the command: before that there is no tree to sweep. */
  running = false;
  constructor(file, args, options) {
    const python = supervisorPython(options.pythonNear);
    let gone;
    this.gone = new Promise((resolve) => gone = resolve);
    const common2 = {
      env: options.env,
      extendEnv: options.extendEnv ?? true,
      ...options.cwd ? { cwd: options.cwd } : {},
      // Its own session and process group, out of reach of a terminal's Ctrl-C.
      detached: true,
      buffer: false,
      reject: false,
      cleanup: false
    };
    if (python) {
      const child2 = execa(
        python,
        [...PYTHON_FLAGS, join12(blenderScriptsDir(), SUPERVISOR), "--parent", String(process.pid), "--", file, ...args],
        {
          ...common2,
          stdio: [options.stdin, "pipe", "pipe", "pipe"]
        }
      );
      child2.catch(() => void 0);
      this.child = child2;
      this.child.once("exit", gone);
      this.child.once("error", gone);
      this.supervisorPid = this.child.pid;
      const control = this.child.stdio[3];
      if (!control) {
        const error = "the process supervisor could not be started";
        this.started = Promise.resolve({ pid: -1, stdio: [], error });
        this.exited = Promise.resolve({ code: null, signal: null, error });
        return;
      }
      this.control = control;
      control.on("error", () => void 0);
      const { started, exited } = this.listen(control);
      this.started = started;
      this.exited = exited;
      return;
    }
    const gated = process.platform === "linux";
    const child = execa(gated ? "/bin/sh" : file, gated ? ["-c", 'read _ <&3; exec 3<&-; exec "$@"', "sh", file, ...args] : args, {
      ...common2,
      shell: !gated && (options.shell ?? false),
      stdio: [options.stdin, "pipe", "pipe", gated ? "pipe" : "ignore"]
    });
    child.catch(() => void 0);
    this.child = child;
    gone();
    this.supervisorPid = void 0;
    const pid = this.child.pid ?? -1;
    const stdio = gated && pid > 0 ? stdioLinks(pid, options.stdin === "pipe" ? [0, 1, 2] : [1, 2]) : [];
    const gate = this.child.stdio[3];
    gate?.on("error", () => void 0);
    gate?.end("\n");
    this.exited = new Promise((resolve) => {
      this.child.once("exit", (code, signal) => resolve({ code, signal }));
      this.child.once("error", (error) => resolve({ code: null, signal: null, error: error.message }));
    });
    this.started = Promise.resolve(pid > 0 ? { pid, stdio } : { pid: -1, stdio: [], error: "could not be started" });
  }
  listen(control) {
    let resolveStart;
    let resolveExit;
    const started = new Promise((r) => resolveStart = r);
    const exited = new Promise((r) => resolveExit = r);
    const splitter = new LineSplitter();
    control.setEncoding("utf8");
    control.on("data", (chunk) => {
      for (const line of splitter.push(chunk)) {
        let event;
        try {
          event = JSON.parse(line);
        } catch {
          continue;
        }
        if (event.event === "spawned") {
          this.running = true;
          resolveStart({ pid: event.pid ?? -1, stdio: event.stdio ?? [] });
        } else if (event.event === "error") {
          const error = event.message ?? "could not be started";
          resolveStart({ pid: -1, stdio: [], error });
          resolveExit({ code: null, signal: null, error });
        } else if (event.event === "exit") resolveExit({ code: event.code ?? null, signal: event.signal ?? null });
        else if (event.event === "swept") this.onSwept?.(event.leftovers ?? []);
      }
    });
    control.once("close", () => {
      resolveStart({ pid: -1, stdio: [], error: "the process supervisor exited before it started the command" });
      resolveExit({ code: null, signal: "SIGKILL" });
      this.finished = true;
      this.onSwept?.("lost");
    });
    return { started, exited };
  }
  /**
   * Once the command has exited: kill whatever is left of its tree, until none is left, and
   * return each process that was there. 'lost' when the supervisor was gone before it could
   * (killed from outside): the tree is not known any more. [] when unsupervised.
   */
  sweep(timeoutMs = 1e4) {
    if (!this.control || !this.running) return Promise.resolve([]);
    if (this.swept) return this.swept;
    if (this.finished) return Promise.resolve("lost");
    this.swept = new Promise((resolve) => {
      const timer = setTimeout(() => resolve("lost"), timeoutMs);
      this.onSwept = (leftovers) => {
        clearTimeout(timer);
        resolve(leftovers);
      };
    }).then(async (leftovers) => {
      this.close();
      await Promise.race([this.gone, new Promise((resolve) => setTimeout(resolve, 2e3).unref())]);
      return leftovers;
    });
    this.send("sweep");
    return this.swept;
  }
  /** Kill the whole tree now, without a report (the harness is going away). Synchronous. */
  kill() {
    this.send("kill");
  }
  /** Let go of the tree without killing what is left of it (nobody asked for a check). */
  release() {
    if (this.swept) return;
    this.send("release");
    this.close();
  }
  send(cmd) {
    if (!this.control || this.finished || this.control.destroyed) return;
    this.control.write(`${JSON.stringify({ cmd })}
`);
  }
  close() {
    this.finished = true;
    this.control?.end();
  }
};

// blender/harness_server/wire.json
var wire_default = {
  $comment: "What the harness and the server in Blender must agree on. The harness bundles this file at build time (src/session/wire.ts); Blender's side reads it at start (harness_server/wire.py, python_packages.py, coverage_report.py). It lives inside harness_server so that the add-on, enabled by hand, carries it.",
  protocol: 2,
  lines: {
    ready: "BLENDER_HARNESS_READY ",
    startupError: "BLENDER_HARNESS_ERROR ",
    packages: "BLENDER_HARNESS_PACKAGES ",
    coverage: "BLENDER_HARNESS_COVERAGE "
  },
  error: {
    type: "the exception's class name, or the harness's own kind (ProtocolError, AuthError, AddonError...)",
    message: "one line for a human; an assert's source line when the exception has no message",
    traceback: "the formatted traceback without the harness's frames, add-on paths mapped back to the author's, or null",
    file: "where the failure is most usefully shown (the test module, the exec'd code, the add-on), or null",
    line: "the line in that file, or null"
  },
  environment: {
    port: "BLENDER_HARNESS_PORT",
    token: "BLENDER_HARNESS_TOKEN",
    maxLine: "BLENDER_HARNESS_MAX_LINE"
  }
};

// src/session/wire.ts
var wire = wire_default;
var PROTOCOL_VERSION = wire.protocol;
var READY_PREFIX = wire.lines.ready;
var STARTUP_ERROR_PREFIX = wire.lines.startupError;

// src/session/session.ts
var TAG_VARIABLE = "BLENDER_HARNESS_TAG";
var live = /* @__PURE__ */ new Set();
var exitHookInstalled = false;
function killAllSessionsNow() {
  for (const session of live) session.killNow();
}
var RUN_ID = randomBytes2(4).toString("hex");
function tagPrefix() {
  return `bh-${process.pid}-${RUN_ID}-`;
}
function idle(ms) {
  return delay3(ms, void 0, { ref: false });
}
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", killAllSessionsNow);
}
function describeExit(exit) {
  if (!exit) return "Blender went away";
  return exit.signal ? `Blender was killed by ${exit.signal}` : `Blender exited with code ${String(exit.code)}`;
}
function parseLine(line, prefix) {
  try {
    return JSON.parse(line.slice(prefix.length));
  } catch {
    return void 0;
  }
}
var Session = class _Session {
  constructor(options, display) {
    this.options = options;
    this.display = display;
    this.token = randomBytes2(24).toString("hex");
    options.onToken?.(this.token);
    this.tag = `${tagPrefix()}${randomBytes2(6).toString("hex")}`;
    this.ownsProfile = options.profile === void 0;
    this.profile = options.profile ?? new Profile();
    this.log = new OutputLog(join13(this.profile.logsDir, `blender-${this.tag}.log`));
    if (options.onOutput) this.log.onLine(options.onOutput);
    const auth = options.auth ?? true;
    const args = [
      ...options.blenderArgs ?? [],
      ...options.gui ? [] : ["--background"],
      ...options.factoryStartup === false ? [] : ["--factory-startup"],
      "-noaudio",
      "--python-exit-code",
      "1",
      "--python",
      bootstrapScript(),
      "--",
      "--port",
      String(options.port ?? 0),
      "--watch-stdin",
      ...auth ? [] : ["--no-auth"],
      ...options.maxLineBytes ? ["--max-line", String(options.maxLineBytes)] : [],
      ...(options.addonPaths ?? []).flatMap((a2) => ["--addon-path", a2]),
      ...(options.pythonPaths ?? []).flatMap((p) => ["--python-path", p]),
      ...options.coverage ? [
        "--coverage-data",
        options.coverage.dataDir,
        ...[...options.coverage.include, join13(this.profile.root, "*")].flatMap((p) => ["--coverage-include", p])
      ] : [],
      ...(options.addons ?? []).flatMap((a2) => ["--addon", a2])
    ];
    this.tracked = new TrackedProcess(options.blender, args, {
      // Kept open: Blender shuts itself down when this pipe reaches EOF, however we die.
      stdin: "pipe",
      pythonNear: options.blender,
      env: {
        ...options.env,
        ...this.profile.environment(),
        PYTHONUNBUFFERED: "1",
        ...display ? { DISPLAY: display.display } : {},
        // The token goes by environment only: argv is visible to every user of the machine.
        ...auth ? { [wire.environment.token]: this.token } : {},
        [TAG_VARIABLE]: this.tag
      }
    });
    live.add(this);
    installExitHook();
    this.spawned = this.tracked.started.then((started) => {
      this.blenderPid = started.pid;
      this.stdio = started.stdio;
    });
    const { stdout, stderr } = this.tracked.child;
    this.log.attach(stdout);
    this.log.attach(stderr);
    this.exited = this.tracked.exited.then((exit) => {
      this.exit ??= { code: exit.code, signal: exit.signal };
      live.delete(this);
      return this.exit;
    });
    this.outputDone = this.exited.then(() => drainAfterExit([stdout, stderr]));
  }
  options;
  display;
  token;
  tag;
  profile;
  log;
  exited;
  /** Settles once Blender has exited and what it wrote has been read; its pipes are closed then. */
  outputDone;
  /** Blender's stdin/stdout/stderr as /proc names them, to find whoever inherited them. */
  stdio = [];
  ready;
  exit;
  client;
  ownsProfile;
  /** Blender, under the process supervisor where there is one (Linux). */
  tracked;
  /** Settles once Blender runs (its pid is known) or could not be started. */
  spawned;
  blenderPid = -1;
  /** Whether the supervisor has been asked for what is left of the tree. */
  swept = false;
  readyMs = 0;
  /** Blender's pid (-1 when it could not be started); known once start() has returned. */
  get pid() {
    return this.blenderPid;
  }
  /** Start Blender with the bootstrap and wait until its server accepts connections. */
  static async start(options) {
    checkExecutable(options.blender);
    const env = { ...process.env, ...options.env };
    const display = wantsVirtualDisplay(options.display ?? (options.gui ? "auto" : "none"), env) ? await VirtualDisplay.start({ ...env, [TAG_VARIABLE]: `${tagPrefix()}display` }) : void 0;
    let session;
    try {
      session = new _Session(options, display);
    } catch (error) {
      await display?.stop();
      throw error;
    }
    try {
      await session.spawned;
      await session.waitReady(options.startupTimeoutMs ?? 12e4);
    } catch (error) {
      await session.stop({ graceMs: 1e3 }).catch(() => void 0);
      const cleanup = await session.checkCleanup().catch(() => void 0);
      await session.dispose();
      if (error instanceof Error && cleanup && cleanup.leftovers.length > 0) {
        const list = cleanup.leftovers.map((l) => `  pid ${l.pid} (${l.found}${l.killed ? ", killed" : ""}): ${l.command}`);
        error.message += `
It left ${cleanup.leftovers.length} process(es) behind:
${list.join("\n")}`;
      }
      throw error;
    }
    return session;
  }
  get port() {
    return this.ready.port;
  }
  get alive() {
    return this.exit === void 0;
  }
  async waitReady(timeoutMs) {
    let startupError;
    const started = performance.now();
    const ready = new Promise((resolve) => {
      const off = this.log.onLine((line) => {
        if (line.startsWith(READY_PREFIX)) {
          const info2 = parseLine(line, READY_PREFIX);
          if (!info2) return;
          off();
          resolve(info2);
        } else if (line.startsWith(STARTUP_ERROR_PREFIX)) {
          startupError = parseLine(line, STARTUP_ERROR_PREFIX);
        }
      });
    });
    const died = this.exited.then(async (exit) => {
      await this.outputDone;
      throw this.startFailure(exit, startupError);
    });
    died.catch(() => void 0);
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new SessionStartError(
            "timeout",
            `Blender did not open its port within ${timeoutMs / 1e3} s; it was killed. Raise the startup timeout if this machine is slow. Last lines of its output:
${this.log.tail()}`,
            this.log.tail()
          )
        );
      }, timeoutMs);
    });
    try {
      this.ready = await Promise.race([ready, timeout, died]);
      if (this.ready.protocol !== PROTOCOL_VERSION) {
        throw new SessionStartError(
          "usage",
          `the server in Blender speaks protocol ${this.ready.protocol}, this harness ${PROTOCOL_VERSION}: blender/ and dist/ come from different versions`
        );
      }
      const connecting = new AbortController();
      try {
        this.client = await Promise.race([
          connectWithRetry(this.ready.port, this.ready.auth ? this.token : void 0, connecting.signal),
          timeout,
          died
          // Blender may exit between READY and the connection
        ]);
      } finally {
        connecting.abort();
      }
    } finally {
      clearTimeout(timer);
    }
    this.readyMs = performance.now() - started;
  }
  startFailure(exit, error) {
    const tail = this.log.tail();
    if (error) {
      const reason = error.type === "AddonError" ? "addon" : error.type === "PortError" ? "port" : "usage";
      const detail = error.traceback ? `
${error.traceback.trimEnd()}` : "";
      return new SessionStartError(
        reason,
        `Blender could not start the test server: ${error.message}${detail}`,
        tail,
        error.traceback ?? null
      );
    }
    if (this.pid < 0) {
      return new SessionStartError("not-found", `could not run ${this.options.blender}: is it an executable Blender?`, tail);
    }
    const output = `Last lines of its output:
${tail || "(no output)"}`;
    if (/^Blender \d+\.\d+/m.test(tail)) {
      const addons = this.options.addons ?? [];
      const crash = takeCrashReport(this.profile.root);
      return new SessionStartError(
        "exited",
        `${describeExit(exit)} before its server was ready` + (addons.length ? `, while enabling the add-on${addons.length > 1 ? "s" : ""} ${addons.join(", ")}` : "") + `.${crash ? ` Blender's crash report:
${crash}
` : " "}${output}`,
        tail,
        crash ?? null
      );
    }
    return new SessionStartError(
      "exited",
      `${describeExit(exit)} before its server was ready. Is ${this.options.blender} a Blender executable (3.3 or newer)? ${output}`,
      tail
    );
  }
  /**
   * Send one request; rejects on timeout or when Blender goes away before answering. With
   * `startAfter` (the answer to the request queued before it) the timeout starts once that
   * has settled: a pipelined request waits its turn without spending its time.
   */
  request(request, timeoutMs, startAfter) {
    if (!this.client) return Promise.reject(new Error("the session is not connected"));
    return this.client.request(request, timeoutMs, startAfter);
  }
  /** Stop Blender: quit request, then SIGTERM to its group, then SIGKILL, each given graceMs. */
  async stop(options = {}) {
    const grace = options.graceMs ?? 3e3;
    const started = performance.now();
    const report = (stoppedBy) => ({
      stoppedBy,
      stopMs: Math.round(performance.now() - started),
      exitCode: this.exit?.code ?? null,
      signal: this.exit?.signal ?? null
    });
    if (!this.alive) return this.finishStop(report("exited"));
    if (this.client) {
      const quit = this.client.request({ type: "quit" }, grace).catch(() => void 0);
      if (await this.waitExit(grace, quit)) return this.finishStop(report("quit"));
    }
    signalGroup(this.pid, "SIGTERM");
    if (await this.waitExit(grace)) return this.finishStop(report("SIGTERM"));
    signalGroup(this.pid, "SIGKILL");
    await this.waitExit(1e4);
    return this.finishStop(report("SIGKILL"));
  }
  async finishStop(report) {
    this.client?.close();
    this.tracked.child.stdin?.destroy();
    if (!this.alive) await this.outputDone;
    return report;
  }
  async waitExit(ms, first) {
    const deadline = idle(ms).then(() => false);
    if (first) await Promise.race([first, deadline]);
    return Promise.race([this.exited.then(() => true), deadline]);
  }
  /**
   * After stop: anything of ours still there? Members of Blender's group, processes carrying
   * the session tag (children that left the group), processes holding Blender's stdio, Blender
   * as a zombie, then (Linux) whatever is left in the tree the supervisor tracks, killed until
   * none is left; the port still bound. Whatever is found is killed and reported.
   */
  async checkCleanup(stops = []) {
    const supervisor = this.tracked.supervisorPid;
    const all = listProcesses().filter((p) => p.pid !== supervisor);
    const leftovers = [];
    const seen = /* @__PURE__ */ new Set();
    const add = (found2, pid, command, killed) => {
      if (seen.has(pid) || pid === process.pid) return;
      seen.add(pid);
      leftovers.push({ pid, command, found: found2, killed });
    };
    if (this.pid > 0) {
      for (const p of zombieChildren(process.pid, all).filter((z) => z.pid === this.pid || z.pgid === this.pid)) {
        add("zombie", p.pid, p.command, false);
      }
      for (const p of killGroupLeftovers(this.pid, all)) add("group", p.pid, p.command, p.killed);
    }
    const tagged = processesByEnv(TAG_VARIABLE, (v) => v === this.tag, all).filter((p) => p.state !== "Z" && !seen.has(p.pid));
    for (const p of killAndReport(tagged, "tag")) add("tag", p.pid, p.command, p.killed);
    for (const p of killPipeHolders(
      this.stdio,
      all.filter((q) => !seen.has(q.pid))
    ))
      add("pipe", p.pid, p.command, p.killed);
    if (!this.swept) {
      this.swept = true;
      const swept = await this.tracked.sweep();
      if (swept === "lost") {
        leftovers.push({
          pid: supervisor ?? 0,
          command: "the process supervisor was killed: what Blender started may have escaped",
          found: "tree",
          killed: false
        });
      } else {
        for (const p of swept) add("tree", p.pid, p.command, p.killed);
      }
    }
    if (this.display) {
      await this.display.stop();
      for (const p of killGroupLeftovers(this.display.pid)) add("group", p.pid, p.command, p.killed);
    }
    const port = this.ready?.port;
    let portBound = null;
    if (port && await isPortBound(port)) portBound = port;
    if (portBound !== null && leftovers.length === 0) {
      leftovers.push({ pid: 0, command: `127.0.0.1:${portBound} is still bound`, found: "port", killed: false });
    }
    return { clean: leftovers.length === 0 && portBound === null, leftovers, portBound, stops };
  }
  /** stop() then checkCleanup(), then remove the profile when this session made it. */
  async close(options = {}) {
    const stop = await this.stop(options);
    const cleanup = await this.checkCleanup([stop]);
    await this.dispose();
    return cleanup;
  }
  disposed = false;
  async dispose() {
    if (this.disposed) return;
    this.disposed = true;
    if (!this.swept) this.tracked.release();
    if (this.alive) {
      this.tracked.child.stdout?.destroy();
      this.tracked.child.stderr?.destroy();
    } else {
      await this.outputDone;
    }
    await this.log.close();
    if (this.ownsProfile) this.profile.remove();
  }
  /** Synchronous last resort when the harness is exiting. */
  killNow() {
    this.tracked.kill();
    if (this.pid > 0) signalGroup(this.pid, "SIGKILL");
    if (this.display) signalGroup(this.display.pid, "SIGKILL");
    const all = listProcesses().filter((p) => p.pid !== this.tracked.supervisorPid);
    for (const p of processesByEnv(TAG_VARIABLE, (v) => v === this.tag, all)) signalProcess(p.pid, "SIGKILL");
    killPipeHolders(this.stdio, all);
  }
};
function checkExecutable(path7) {
  let isFile;
  try {
    isFile = statSync4(path7).isFile();
  } catch {
    throw new SessionStartError("not-found", `Blender not found at ${path7}: pass the path to a Blender executable, or install one`);
  }
  if (!isFile) {
    throw new SessionStartError("not-found", `${path7} is not a file: pass the Blender executable itself, not its folder`);
  }
}
async function connectWithRetry(port, token, signal) {
  while (!signal.aborted) {
    try {
      const client = await Client2.connect(port, token);
      if (!signal.aborted) return client;
      client.close();
    } catch (error) {
      if (error instanceof AuthRefusedError) throw error;
      await idle(20);
    }
  }
  throw new Error("connection attempts stopped");
}

export {
  InstallError,
  VERSION,
  platformId,
  currentPlatform,
  SPEC_FORMS,
  parseSpec,
  which,
  execa,
  runVersion,
  localExecutable,
  safeSegment,
  loadActionsCache,
  defaultCacheRoot,
  streamLogger,
  installBlender,
  LineSplitter,
  blenderScriptsDir,
  wire,
  RequestTimeoutError,
  ConnectionClosedError,
  Client2 as Client,
  SessionStartError,
  listProcesses,
  processesByEnv,
  signalGroup,
  signalProcess,
  killAndReport,
  killGroupLeftovers,
  killPipeHolders,
  parseDisplayMode,
  takeCrashReport,
  Profile,
  drainAfterExit,
  TrackedProcess,
  TAG_VARIABLE,
  tagPrefix,
  idle,
  describeExit,
  Session
};
