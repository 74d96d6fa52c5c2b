"""Python test modules, run by pytest inside Blender.

pytest is the engine. A ``collect`` request calls ``pytest.main()`` with the plugin below, so
collection follows pytest's own rules: rootdir and ini files, ``conftest.py`` at every level,
``python_files``/``testpaths``, registered markers, its import mode. When pytest reaches its
test loop the plugin answers the collect request and from then on serves requests itself,
running one item per ``test`` request through pytest's own run protocol with the next item
the harness names. Class, module and session fixtures therefore live exactly as long as
their scope, as they do under pytest-xdist, whose workers wait in pytest_runtestloop too.
The session ends with the server (quit, a signal, stdin EOF): pytest then tears down what
is still set up and unconfigures as usual.
"""

from __future__ import annotations

import asyncio
import inspect
import io
import os
import sys
import time
from typing import Any, Callable

from .interpreter import blender_python
from .paths import map_paths_in_text
from .tracebacks import describe_exception
from .wire import error_info

KEEP_SCENE_MARK = "keep_scene"
KEEP_SCENE_HELP = (
    "keep_scene: blender-harness runs this test on the scene the previous test left, "
    "without loading a fresh one first"
)


class PytestMissing(Exception):
    pass


def missing_pytest_message(reason: str) -> str:
    python, version = blender_python()
    advice = f"`{python} -m pip install pytest`"
    if sys.prefix in ("/usr", "/usr/local"):
        advice += " (a system Python: on Debian and Ubuntu, `apt-get install python3-pytest`)"
    return (f"pytest is not installed in Blender's Python ({python}, Python {version}): {reason}. "
            f"The harness runs Python test modules with pytest; install it with {advice}")


class _Held(io.TextIOBase):
    """Holds what pytest prints until its test loop starts: a usage error (an unknown option,
    a missing path) is the collect request's answer, not just a log line. After that it
    passes pytest's output on to Blender's log in blocks: its progress is not worth a write
    per test on an unbuffered stdout (the harness sets PYTHONUNBUFFERED)."""

    BLOCK = 64 * 1024

    def __init__(self, real: Any) -> None:
        super().__init__()
        self._real = real
        self._parts: list[str] = []
        self._size = 0
        self.released = False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._parts.append(text)
        self._size += len(text)
        if self.released and self._size >= self.BLOCK:
            self.pass_on()
        return len(text)

    def flush(self) -> None:
        pass  # see pass_on

    def pass_on(self) -> None:
        if self._parts:
            self._real.write("".join(self._parts))
            self._real.flush()
            self._parts, self._size = [], 0

    def fileno(self) -> int:
        return self._real.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._real, "encoding", "utf-8")

    def isatty(self) -> bool:
        return False

    def text(self) -> str:
        return "".join(self._parts)

    def release(self) -> None:
        if not self.released:
            self.released = True
            self.pass_on()


def _scene_fingerprint() -> tuple:
    """What a fixture that builds scene data changes: datablock counts and the open file."""
    import bpy

    data = bpy.data
    names = _collection_names()
    return (data.filepath, *(len(getattr(data, n)) for n in names))


_COLLECTIONS: list[str] = []


def _collection_names() -> list[str]:
    if not _COLLECTIONS:
        import bpy

        for prop in bpy.types.BlendData.bl_rna.properties:
            if prop.type == "COLLECTION" and prop.identifier != "window_managers":
                _COLLECTIONS.append(prop.identifier)
    return _COLLECTIONS


def _skip_reason(report: Any) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr or "")
    return reason[len("Skipped: "):] if reason.startswith("Skipped: ") else reason


def _xfail_reason(report: Any) -> str:
    reason = str(getattr(report, "wasxfail", "") or "")
    return reason[len("reason: "):] if reason.startswith("reason: ") else reason


def _node_file(node: Any) -> str:
    path = getattr(node, "path", None) or getattr(node, "fspath", None)
    return os.path.abspath(str(path)) if path is not None else ""


def _item_line(item: Any) -> "int | None":
    """pytest's locations count lines from 0."""
    line = item.location[1] if len(item.location) > 1 else None
    return line + 1 if isinstance(line, int) else None


# Scopes whose fixture instance the tests in them share, widest first. A session's is shared
# by every test, so it cannot keep any together (nor does pytest-xdist's loadscope).
_SHARED_SCOPES = ("package", "module", "class")


def _shared_scope(item: Any) -> "str | None":
    """The node id of the widest package, module or class whose fixtures `item` uses (a
    unittest class's setUpClass, setup_module and the like are such fixtures), or None. The
    harness runs the tests of one such scope in one Blender, in order, so each sees what the
    one before left in the shared fixture, as in a single pytest process."""
    import pytest

    defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", None) or {}
    used = {d[-1].scope for d in defs.values() if d}
    nodes = {"package": pytest.Package, "module": pytest.Module, "class": pytest.Class}
    for scope in _SHARED_SCOPES:
        node = item.getparent(nodes[scope]) if scope in used else None
        if node is not None:
            return str(node.nodeid)
    return None


class PytestSession:
    """One pytest session per Blender process, alive from the first collect until quit."""

    def __init__(self, args: list[str], fresh_scene: bool, reset: Callable[[], None],
                 reply: Callable[[dict], None], serve: Callable[[], None]) -> None:
        self.args = args
        self.fresh_scene = fresh_scene
        self._reset = reset
        self._reply = reply
        self._serve = serve
        self.session: Any = None
        self.items: dict[str, Any] = {}
        self.collected: dict | None = None
        self.collect_errors: list[dict] = []
        self.deselected = 0
        self._collect_excinfo: dict[str, tuple[Any, str]] = {}
        self.current: Any = None
        self.reports: list[Any] = []
        self.excinfos: dict[str, Any] = {}
        # Class, module and session fixtures that built scene data while they were set up:
        # tests in their scope share that scene (see fresh_scene_for).
        self.scene_owners: set[Any] = set()
        self._held: tuple[_Held, _Held] | None = None

    # -- the session ------------------------------------------------------------------

    def run(self) -> tuple[int, str, str]:
        """pytest.main() with the plugin. Returns when the server stops (after the collect
        answer went out) or when pytest ended before its test loop (with its exit code and
        what it printed)."""
        try:
            import pytest
        except ImportError as exc:
            raise PytestMissing(missing_pytest_message(str(exc))) from None
        plugin = _make_plugin(pytest, self)
        saved = (sys.stdout, sys.stderr)
        out, err = _Held(sys.__stdout__ or saved[0]), _Held(sys.__stderr__ or saved[1])
        self._held = (out, err)
        sys.stdout, sys.stderr = out, err
        try:
            code = pytest.main(["-p", "no:cacheprovider", *self.args], plugins=[plugin])
        finally:
            if sys.stdout is out:
                sys.stdout = saved[0]
            if sys.stderr is err:
                sys.stderr = saved[1]
        if out.released:
            out.pass_on()
            err.pass_on()
        return int(code), out.text(), err.text()

    def start_serving(self, session: Any) -> None:
        """pytest_runtestloop: answer the collect request, then serve until the server stops."""
        import pytest

        self.session = session
        self.items = {item.nodeid: item for item in session.items}
        for held in self._held or ():
            held.release()
        config = session.config
        inipath = getattr(config, "inipath", None) or getattr(config, "inifile", None)
        self.collected = {
            "pytest": pytest.__version__,
            "rootdir": str(getattr(config, "rootpath", None) or config.rootdir),
            "inifile": str(inipath) if inipath else None,
            "items": [self._describe_item(item) for item in session.items],
            "errors": self.collect_errors,
            "deselected": self.deselected,
        }
        self._reply(self.collected)
        self._serve()

    def _describe_item(self, item: Any) -> dict:
        return {"nodeid": item.nodeid, "file": _node_file(item), "line": _item_line(item),
                "keep_scene": self.keeps_scene(item), "scope": _shared_scope(item)}

    # -- the fresh scene --------------------------------------------------------------

    def keeps_scene(self, item: Any) -> bool:
        if not self.fresh_scene or item.get_closest_marker(KEEP_SCENE_MARK) is not None:
            return True
        module = getattr(item, "module", None)
        return module is not None and getattr(module, "HARNESS_RESET", True) is False

    def fresh_scene_for(self, item: Any) -> None:
        """Before a test's fixtures are set up: load the startup file again, unless the test
        opted out or a live class/module/session fixture built the scene it works on."""
        if self.keeps_scene(item) or self.scene_owners:
            return
        self._reset()

    # -- running one item -------------------------------------------------------------

    def run_test(self, nodeid: str, next_nodeid: "str | None") -> dict:
        item = self.items.get(nodeid)
        if item is None:
            raise LookupError(f"no collected test has the node id {nodeid!r} in this session")
        stop = self._stop_reason()
        if stop:
            # -x, --maxfail: the harness may already have sent the next test; pytest runs no more.
            return {"nodeid": nodeid, "outcome": "not-run", "stop": stop}
        nextitem = self.items.get(next_nodeid) if next_nodeid else None
        note = self._finish_teardown_for(item)
        self.current, self.reports, self.excinfos = item, [], {}
        started = time.perf_counter()
        try:
            item.ihook.pytest_runtest_protocol(item=item, nextitem=nextitem)
        except BaseException as exc:  # noqa: BLE001 - pytest.exit(), an internal error: this test's
            return self._aborted(item, exc, started)
        finally:
            self.current = None
        result = self._outcome(item)
        if note:
            result["stderr"] = note + result["stderr"]
        result["stop"] = self._stop_reason()
        return result

    def _stop_reason(self) -> "str | None":
        stop = getattr(self.session, "shouldfail", False) or getattr(self.session, "shouldstop", False)
        return str(stop) if stop else None

    def _finish_teardown_for(self, item: Any) -> str:
        """The previous test was torn down for another next test than this one: finish its
        teardown now, or pytest would find fixtures set up that this test does not use."""
        state = getattr(item.session, "_setupstate", None)
        stack = getattr(state, "stack", None)
        if not stack:
            return ""
        needed = set(item.listchain())
        if all(node in needed for node in stack):
            return ""
        try:
            state.teardown_exact(item)
        except BaseException as exc:  # noqa: BLE001 - reported with this test, not lost
            return f"blender-harness: tearing down what the previous test left failed: {type(exc).__name__}: {exc}\n"
        return ""

    def _aborted(self, item: Any, exc: BaseException, started: float) -> dict:
        error = describe_exception(exc, _node_file(item))
        kind = type(exc).__name__
        error["message"] = f"pytest stopped while running this test ({kind}): {error['message']}"
        return {"nodeid": item.nodeid, "outcome": "error", "phase": "call", "error": error,
                "skip": None, "xfail": None, "xpass": None, "duration": time.perf_counter() - started,
                "setup_duration": 0.0, "stdout": "", "stderr": "", "log": "",
                "stop": f"{kind}: {exc}"}

    def _error(self, item: Any, report: Any) -> dict:
        excinfo = self.excinfos.get(report.when)
        target = _node_file(item) if report.when == "call" else None
        if excinfo is not None:
            error = describe_exception(excinfo.value, target)
            error["assertion"] = isinstance(excinfo.value, AssertionError) or _is_pytest_failed(excinfo.value)
        else:  # strict XPASS: no exception, a text
            text = str(report.longrepr or "")
            strict = text.startswith("[XPASS(strict)]")
            error = error_info("XPASS(strict)" if strict else "Failed",
                               text[len("[XPASS(strict)]"):].strip() if strict else text,
                               file=_node_file(item), line=_item_line(item), assertion=True)
        text = report.longreprtext
        error["traceback"] = map_paths_in_text(text) if text else error.get("traceback")
        return error

    def _outcome(self, item: Any) -> dict:
        phases = {r.when: r for r in self.reports}
        setup, call, teardown = phases.get("setup"), phases.get("call"), phases.get("teardown")
        # pytest 9 reports each failing subtest as a call report of its own, before the test's.
        failed_calls = [r for r in self.reports if r.when == "call" and r.failed]
        if call is not None and not call.failed and failed_calls:
            call = failed_calls[0]
        last = self.reports[-1] if self.reports else None
        result: dict = {
            "nodeid": item.nodeid, "outcome": "passed", "phase": None, "error": None, "skip": None,
            "xfail": None, "xpass": None, "teardown_error": None,
            "duration": call.duration if call is not None else 0.0,
            "setup_duration": setup.duration if setup is not None else 0.0,
            "stdout": map_paths_in_text(last.capstdout) if last is not None else "",
            "stderr": map_paths_in_text(last.capstderr) if last is not None else "",
            "log": map_paths_in_text(last.caplog) if last is not None else "",
        }
        if setup is None:
            result.update(outcome="error", phase="setup",
                          error=error_info("InternalError", "pytest reported nothing for this test"))
        elif setup.failed:
            result.update(outcome="error", phase="setup", error=self._error(item, setup))
        elif setup.skipped:
            if hasattr(setup, "wasxfail"):
                result.update(outcome="xfailed", xfail=_xfail_reason(setup))
            else:
                result.update(outcome="skipped", skip=_skip_reason(setup))
        elif call is not None:
            if call.passed:
                if hasattr(call, "wasxfail"):
                    result["xpass"] = _xfail_reason(call)
            elif call.skipped:
                if hasattr(call, "wasxfail"):
                    result.update(outcome="xfailed", xfail=_xfail_reason(call))
                else:
                    result.update(outcome="skipped", skip=_skip_reason(call))
            else:
                result.update(outcome="failed", phase="call", error=self._error(item, call))
        if teardown is not None and teardown.failed:
            error = self._error(item, teardown)
            if result["outcome"] in ("failed", "error"):
                result["teardown_error"] = error
            else:
                result.update(outcome="error", phase="teardown", error=error)
        return result

    # -- collection errors ------------------------------------------------------------

    def collect_error(self, report: Any) -> None:
        excinfo, file = self._collect_excinfo.pop(report.nodeid, (None, ""))
        exc = getattr(excinfo, "value", None)
        cause = exc.__cause__ if exc is not None and exc.__cause__ is not None else exc
        if cause is not None:
            error = describe_exception(cause, file or None)
        else:
            error = error_info("CollectError", "")
        text = map_paths_in_text(report.longreprtext or "")
        if not error["message"] or type(cause).__name__ == "CollectError":
            lines = [ln[1:].strip() for ln in text.splitlines() if ln.startswith("E ")]
            error["message"] = lines[-1] if lines else (text.strip().splitlines() or ["collection failed"])[-1]
        error.update(nodeid=report.nodeid, traceback=text or error["traceback"],
                     file=error.get("file") or file or None,
                     stdout=getattr(report, "capstdout", ""), stderr=getattr(report, "capstderr", ""))
        self.collect_errors.append(error)


def _is_pytest_failed(exc: BaseException) -> bool:
    """pytest.fail() raises Failed (relabelled as a builtin); its base keeps the real module."""
    return type(exc).__name__ == "Failed" and any(
        base.__name__ == "OutcomeException" and base.__module__.startswith("_pytest") for base in type(exc).__mro__)


def _make_plugin(pytest: Any, engine: PytestSession) -> object:
    class HarnessPlugin:
        def pytest_configure(self, config: Any) -> None:
            config.addinivalue_line("markers", KEEP_SCENE_HELP)

        def pytest_deselected(self, items: list) -> None:
            engine.deselected += len(items)

        def pytest_exception_interact(self, node: Any, call: Any, report: Any) -> None:
            if not hasattr(report, "when") or report.when == "collect":
                engine._collect_excinfo[report.nodeid] = (call.excinfo, _node_file(node))

        def pytest_collectreport(self, report: Any) -> None:
            if report.failed:
                engine.collect_error(report)

        @pytest.hookimpl(tryfirst=True)
        def pytest_runtestloop(self, session: Any) -> bool:
            engine.start_serving(session)
            return True

        @pytest.hookimpl(tryfirst=True)
        def pytest_runtest_setup(self, item: Any) -> None:
            engine.fresh_scene_for(item)

        @pytest.hookimpl(hookwrapper=True)
        def pytest_runtest_makereport(self, item: Any, call: Any) -> Any:
            yield
            if call.excinfo is not None and item is engine.current:
                engine.excinfos[call.when] = call.excinfo

        def pytest_runtest_logreport(self, report: Any) -> None:
            current = engine.current
            if current is not None and report.nodeid == current.nodeid:
                engine.reports.append(report)

        def pytest_pyfunc_call(self, pyfuncitem: Any) -> "bool | None":
            """`async def` tests run on an event loop of their own, as they always have here.
            An async plugin (pytest-asyncio, anyio) registers after this one and runs first."""
            function = pyfuncitem.obj
            if not inspect.iscoroutinefunction(function):
                return None
            names = inspect.signature(function).parameters
            asyncio.run(function(**{n: v for n, v in pyfuncitem.funcargs.items() if n in names}))
            return True

        @pytest.hookimpl(hookwrapper=True)
        def pytest_fixture_setup(self, fixturedef: Any, request: Any) -> Any:
            if fixturedef.scope == "function":
                yield
                return
            try:
                before = _scene_fingerprint()
            except Exception:  # noqa: BLE001 - never fail a fixture over this bookkeeping
                before = None
            yield
            if before is not None and _scene_fingerprint() != before:
                engine.scene_owners.add(fixturedef)

        def pytest_fixture_post_finalizer(self, fixturedef: Any, request: Any) -> None:
            engine.scene_owners.discard(fixturedef)

    return HarnessPlugin()


def describe_failure_to_start(code: int, out: str, err: str) -> dict:
    """pytest ended before its test loop: a usage error, a broken root conftest.py..."""
    text = (err.strip() or out.strip())
    lines = [ln for ln in text.splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith(("ERROR", "E ", "ImportError", "pytest: error"))]
    # A usage error prints argparse's usage line first; the line that says what is wrong follows.
    usage = [ln for ln in lines if ": error: " in ln]
    message = (usage or errors or lines[-1:] or [f"pytest exited with code {code}"])[0].strip()
    return error_info("PytestError", f"pytest could not start the session (exit code {code}): {message}"
                      + _unrecognized_hint(message), traceback=text[-20000:] or None)


def _unrecognized_hint(message: str) -> str:
    """An option only a plugin knows, most often from addopts in the project's configuration:
    what to do about it here."""
    if "unrecognized arguments" not in message:
        return ""
    hint = ("\nAn option in addopts (pytest.ini, pyproject.toml, setup.cfg, tox.ini) or --pytest-arg "
            "needs a pytest plugin Blender's Python lacks: install it with --python-package NAME "
            "(input python-packages), or clear addopts for this run with --pytest-arg=-oaddopts=.")
    if "--cov" in message:
        hint += " For coverage, blender-harness measures it itself: --coverage (input coverage)."
    return hint
