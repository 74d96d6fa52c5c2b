"""The request types. Each runs inline on Blender's main thread and returns an answer."""

from __future__ import annotations

import linecache
import os
import platform
import sys
from typing import Any, Callable

from . import testing
from .capture import Capture
from .wire import PROTOCOL_VERSION, describe_exception, fail, fail_with, ok

Answer = dict
Handler = Callable[[Any, dict], Answer]


def reset_scene() -> None:
    """Load the startup file again: a fresh scene, with preferences and add-ons kept.

    An add-on the harness enabled at startup that a test disabled (addon_utils.disable(),
    a common "unregister cleans up" test) is enabled again, so the next test starts as
    every test does.
    """
    import bpy

    bpy.ops.wm.read_homefile()
    from . import addons

    addons.reenable()


def _restore_cwd(cwd: str) -> None:
    """Go back to a working folder a test left (os.chdir), if it still exists."""
    try:
        if os.getcwd() == cwd:
            return
    except OSError:
        pass  # the test removed the folder it was in
    try:
        os.chdir(cwd)
    except OSError:
        pass


class Commands:
    def __init__(self, on_quit: Callable[[], None]) -> None:
        self._on_quit = on_quit
        # exec code shares one namespace per session, like a REPL, so steps can build on
        # each other; `result` is cleared before each run so a stale value never leaks.
        self.namespace: dict[str, Any] = {"__name__": "__harness__"}
        self.tests = testing.TestRunner(reset_scene)
        self.handlers: dict[str, Handler] = {
            "ping": self.ping,
            "echo": self.echo,
            "exec": self.exec_,
            "info": self.info,
            "reset": self.reset,
            "quit": self.quit,
            "collect": self.collect,
            "test": self.test,
        }

    def ping(self, rid: Any, request: dict) -> Answer:
        return ok(rid, "pong")

    def echo(self, rid: Any, request: dict) -> Answer:
        return ok(rid, request.get("message"))

    def exec_(self, rid: Any, request: dict) -> Answer:
        code = request.get("code")
        if not isinstance(code, str):
            return fail(rid, "BadRequest", 'exec needs "code", a string of Python')
        import bpy

        self.namespace.setdefault("bpy", bpy)
        self.namespace["result"] = None
        # Registered as the source of "<exec>", so tracebacks show the failing line and a
        # bare `assert` has its source line as its message.
        linecache.cache["<exec>"] = (len(code), None, code.splitlines(True), "<exec>")
        capture = Capture()
        try:
            with capture:
                exec(compile(code, "<exec>", "exec"), self.namespace)
        except BaseException as exc:  # noqa: BLE001 - SystemExit too must not end the server
            return fail_with(rid, describe_exception(exc, "<exec>"), capture.stdout, capture.stderr)
        return ok(rid, self.namespace.get("result"), capture.stdout, capture.stderr)

    def info(self, rid: Any, request: dict) -> Answer:
        import addon_utils
        import bpy

        enabled = sorted(m.__name__ for m in addon_utils.modules() if addon_utils.check(m.__name__)[1])
        return ok(
            rid,
            {
                "protocol": PROTOCOL_VERSION,
                "blender": bpy.app.version_string,
                "version": list(bpy.app.version),
                "python": platform.python_version(),
                "pid": os.getpid(),
                "background": bool(bpy.app.background),
                "executable": bpy.app.binary_path,
                "platform": sys.platform,
                "addons": enabled,
            },
        )

    def reset(self, rid: Any, request: dict) -> Answer:
        # A fresh scene and a fresh exec namespace: nothing one script defined leaks into
        # the next, whichever worker runs them.
        self.namespace = {"__name__": "__harness__"}
        capture = Capture()
        try:
            with capture:
                reset_scene()
        except Exception as exc:
            return fail_with(rid, describe_exception(exc), capture.stdout, capture.stderr)
        return ok(rid, None, capture.stdout, capture.stderr)

    def quit(self, rid: Any, request: dict) -> Answer:
        self._on_quit()
        return ok(rid, "bye")

    def collect(self, rid: Any, request: dict) -> Answer:
        files = request.get("files")
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            return fail(rid, "BadRequest", 'collect needs "files", a list of paths')
        cwd = os.getcwd()
        collected = []
        for file in files:
            try:
                collected.append(self.tests.collect(file))
            finally:
                # Importing a test module runs its code, which may os.chdir() too.
                _restore_cwd(cwd)
        return ok(rid, collected)

    def test(self, rid: Any, request: dict) -> Answer:
        file, name = request.get("file"), request.get("name")
        if not isinstance(file, str) or not isinstance(name, str):
            return fail(rid, "BadRequest", 'test needs "file" and "name"')
        reset = request.get("reset")
        cwd = os.getcwd()
        try:
            return ok(rid, self.tests.run(file, name, reset if isinstance(reset, bool) else None))
        finally:
            # A test's os.chdir() must not move the tests after it.
            _restore_cwd(cwd)
