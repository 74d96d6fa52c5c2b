"""The request types. Each runs inline on Blender's main thread and returns an answer."""

from __future__ import annotations

import linecache
import os
import platform
import sys
from typing import TYPE_CHECKING, Any, Callable

from . import pytest_session
from .capture import Capture
from .tracebacks import describe_exception
from .wire import PROTOCOL_VERSION, fail, fail_with, ok

if TYPE_CHECKING:
    from .server import Server

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
    def __init__(self, server: "Server") -> None:
        self._server = server
        self.pytest: pytest_session.PytestSession | None = None
        self._cwd = os.getcwd()
        # exec code shares one namespace per session, like a REPL, so steps can build on
        # each other; `result` is cleared before each run so a stale value never leaks.
        self.namespace: dict[str, Any] = {"__name__": "__harness__"}
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
        self._server.request_stop()
        return ok(rid, "bye")

    def collect(self, rid: Any, request: dict) -> Answer:
        """Start this Blender's pytest session: collect, answer, then serve from inside
        pytest's test loop until the server stops (see pytest_session)."""
        args = request.get("args", [])
        if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
            return fail(rid, "BadRequest", 'collect needs "args", a list of pytest arguments (paths, node ids, options)')
        fresh_scene = request.get("fresh_scene", True) is not False
        if self.pytest is not None:
            # One pytest session per Blender: a second collect can only ask for the same one.
            if self.pytest.collected is not None and args == self.pytest.args:
                return ok(rid, self.pytest.collected)
            return fail(rid, "BadRequest", "this Blender already runs a pytest session with other arguments; "
                                           "start a new session for a new collection")
        cwd = request.get("cwd")
        if isinstance(cwd, str):
            try:
                os.chdir(cwd)
            except OSError as exc:
                return fail(rid, "BadRequest", f"cannot work in {cwd}: {exc.strerror}")
        self._cwd = os.getcwd()
        session = pytest_session.PytestSession(
            args, fresh_scene, reset_scene,
            reply=lambda result: self._server.reply_now(ok(rid, result)),
            serve=self._server.run_until_stopped,
        )
        self.pytest = session
        try:
            code, out, err = session.run()
        except pytest_session.PytestMissing as exc:
            self.pytest = None
            return fail(rid, "PytestMissing", str(exc))
        finally:
            _restore_cwd(self._cwd)
        if session.collected is None:
            self.pytest = None
            return fail_with(rid, pytest_session.describe_failure_to_start(code, out, err), out, err)
        return ok(rid, session.collected)  # already answered; the server is stopping now

    def test(self, rid: Any, request: dict) -> Answer:
        nodeid, after = request.get("nodeid"), request.get("next")
        if not isinstance(nodeid, str) or not (after is None or isinstance(after, str)):
            return fail(rid, "BadRequest", 'test needs "nodeid" (a collected node id) and "next" (the one after it, or null)')
        if self.pytest is None or self.pytest.collected is None:
            return fail(rid, "BadRequest", "no pytest session in this Blender: send collect first")
        try:
            return ok(rid, self.pytest.run_test(nodeid, after))
        except LookupError as exc:
            return fail(rid, "UnknownTest", str(exc))
        finally:
            # A test's os.chdir() must not move the tests after it.
            _restore_cwd(self._cwd)
