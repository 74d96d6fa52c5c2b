"""What `blender --background --factory-startup --python python_packages.py -- probe|install JSON` runs.

Runs inside Blender's own Python, so the answers are about the interpreter the tests will
run in (whatever its path: sys.executable is not it in Debian's Blender, and a wrapper or a
macOS bundle hides it), and pip installs for exactly that Python.

probe   prints the Python's version, tags and platform, whether pytest imports, and where
        pip comes from: the installed module, or the wheel ensurepip would install (used
        in place, so nothing is added to the Blender install).
install runs pip with the arguments in the JSON request (a --target folder of the harness's
        cache) and exits with pip's exit code.

The last line printed is `BLENDER_HARNESS_PACKAGES {json}`; pip's own output comes before it.
"""

from __future__ import annotations

import glob
import importlib.util
import json
import os
import sys
import sysconfig


def _answer_prefix(name: str) -> str:
    # From the schema the harness reads too. Read as a file: importing harness_server would
    # load the whole server into a script that needs none of it.
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "harness_server", "wire.json")
    with open(path, encoding="utf-8") as file:
        return json.load(file)["lines"][name]


MARK = _answer_prefix("packages")


def pip_wheel() -> str | None:
    """The pip wheel ensurepip carries: CPython's _bundled folder, or the folder a
    distribution moved it to (Debian's python3-pip-whl, WHEEL_PKG_DIR)."""
    folders = []
    spec = importlib.util.find_spec("ensurepip")
    if spec and spec.origin:
        folders.append(os.path.join(os.path.dirname(spec.origin), "_bundled"))
    wheel_dir = sysconfig.get_config_var("WHEEL_PKG_DIR")
    if wheel_dir:
        folders.append(wheel_dir)
    for folder in folders:
        found = sorted(glob.glob(os.path.join(folder, "pip-*.whl")))
        if found:
            return found[-1]
    return None


def probe() -> dict:
    # No __pycache__ in the harness's folder (an Action checkout, an npm install).
    sys.dont_write_bytecode = True
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from harness_server.interpreter import blender_python

    pip = "module" if importlib.util.find_spec("pip") else None
    wheel = None if pip else pip_wheel()
    return {
        "python": sys.version.split()[0],
        "executable": blender_python()[0],
        "tag": "%s%d%d" % ({"cpython": "cp"}.get(sys.implementation.name, sys.implementation.name), *sys.version_info[:2]),
        "platform": sysconfig.get_platform(),
        "pytest": importlib.util.find_spec("pytest") is not None,
        "coverage": importlib.util.find_spec("coverage") is not None,
        "pip": pip or (f"wheel:{wheel}" if wheel else None),
        "prefix": sys.prefix,
    }


def install(request: dict) -> int:
    info = probe()
    if info["pip"] is None:
        answer({"error": "NoPip", "probe": info})
        return 3
    if info["pip"].startswith("wheel:"):
        sys.path.insert(0, info["pip"][len("wheel:"):])
    # pip's own process: its exit, not Blender's, ends this script.
    sys.argv = ["pip", *request["args"]]
    code = 0
    try:
        import runpy

        runpy.run_module("pip", run_name="__main__", alter_sys=True)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    answer({"code": code, "pip": sys.modules["pip"].__version__ if "pip" in sys.modules else None})
    return code


def answer(value: dict) -> None:
    sys.stdout.write("\n" + MARK + json.dumps(value) + "\n")
    sys.stdout.flush()


def main() -> int:
    args = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    if args[:1] == ["probe"]:
        answer(probe())
        return 0
    if args[:1] == ["install"] and len(args) == 2:
        with open(args[1], encoding="utf-8") as f:
            return install(json.load(f))
    answer({"error": "Usage", "message": "python_packages.py -- probe | install REQUEST.json"})
    return 2


if __name__ == "__main__":
    code = main()
    sys.stderr.flush()
    # Blender's own shutdown is not needed after a probe or a pip run, and takes longer.
    os._exit(code)
