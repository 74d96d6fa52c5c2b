"""Discover and run Python tests inside Blender: test_* functions and unittest.TestCase."""

from __future__ import annotations

import asyncio
import hashlib
import importlib.util
import inspect
import os
import sys
import time
import types
import unittest
from typing import Any, Callable

from .capture import Capture
from .wire import describe_exception


def _is_pytest_outcome(exc: BaseException, name: str) -> bool:
    """pytest.skip()/fail() raise Skipped/Failed, which pytest relabels as builtins; their
    base, _pytest.outcomes.OutcomeException, keeps its real module."""
    kind = type(exc)
    return kind.__name__ == name and any(
        base.__name__ == "OutcomeException" and base.__module__.startswith("_pytest") for base in kind.__mro__
    )


def _is_skip(exc: BaseException) -> bool:
    if isinstance(exc, unittest.SkipTest):
        return True
    # pytest.skip() raises a BaseException of its own; honour it too.
    return _is_pytest_outcome(exc, "Skipped")


class _Result(unittest.TestResult):
    """Keeps the first failure's exception object, not just its formatted text."""

    def __init__(self) -> None:
        super().__init__()
        self.outcome = "passed"
        self.exception: BaseException | None = None
        self.skip_reason = ""

    def _record(self, outcome: str, err: Any) -> None:
        if self.exception is None:
            self.outcome, self.exception = outcome, err[1]

    def addFailure(self, test: Any, err: Any) -> None:  # noqa: N802 - unittest's name
        self._record("failed", err)

    def addError(self, test: Any, err: Any) -> None:  # noqa: N802
        self._record("error", err)

    def addSkip(self, test: Any, reason: str) -> None:  # noqa: N802
        if self.exception is None:
            self.outcome, self.skip_reason = "skipped", reason

    def addSubTest(self, test: Any, subtest: Any, err: Any) -> None:  # noqa: N802
        # unittest records a failing subTest only in self.failures/errors, never through
        # addFailure/addError; without this the parent test would read as passed.
        if err is not None:
            failed = issubclass(err[0], test.failureException)
            self._record("failed" if failed else "error", err)

    def addExpectedFailure(self, test: Any, err: Any) -> None:  # noqa: N802
        pass

    def addUnexpectedSuccess(self, test: Any) -> None:  # noqa: N802
        if self.exception is None:
            self.outcome = "failed"
            self.exception = AssertionError("unexpected success of a test marked expectedFailure")


class TestRunner:
    def __init__(self, reset: Callable[[], None]) -> None:
        self._reset = reset
        self._modules: dict[str, types.ModuleType] = {}
        self._import_errors: dict[str, dict] = {}

    def _load(self, path: str) -> types.ModuleType:
        path = os.path.abspath(path)
        if path in self._modules:
            return self._modules[path]
        if path in self._import_errors:
            raise _ImportFailed(self._import_errors[path])
        digest = hashlib.sha1(path.encode()).hexdigest()[:10]
        stem = os.path.splitext(os.path.basename(path))[0]
        name = f"harness_test_{digest}_{stem}"
        folder = os.path.dirname(path)
        if folder not in sys.path:
            # Test modules import their helpers from beside them, as under pytest.
            sys.path.insert(0, folder)
        capture = Capture()
        try:
            spec = importlib.util.spec_from_file_location(name, path)
            if spec is None or spec.loader is None:
                raise ImportError(f"cannot load {path} as a Python module")
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            with capture:
                spec.loader.exec_module(module)
        except BaseException as exc:  # noqa: BLE001 - a module may even call sys.exit()
            sys.modules.pop(name, None)
            error = describe_exception(exc, path)
            error["stdout"], error["stderr"] = capture.stdout, capture.stderr
            self._import_errors[path] = error
            raise _ImportFailed(error) from None
        self._modules[path] = module
        return module

    @staticmethod
    def _tests(module: types.ModuleType) -> list[dict]:
        found: list[tuple[int, str]] = []
        loader = unittest.TestLoader()
        for attr, value in vars(module).items():
            if getattr(value, "__module__", None) != module.__name__:
                continue  # imported from elsewhere: that module's own tests
            if attr.startswith("test_") and inspect.isfunction(value):
                found.append((value.__code__.co_firstlineno, attr))
            elif inspect.isclass(value) and issubclass(value, unittest.TestCase):
                try:
                    base = inspect.getsourcelines(value)[1]
                except (OSError, TypeError):
                    base = 0
                for method in loader.getTestCaseNames(value):
                    fn = getattr(value, method, None)
                    code = getattr(fn, "__code__", None)
                    found.append((code.co_firstlineno if code else base, f"{attr}.{method}"))
        found.sort()
        return [{"name": name, "line": line} for line, name in found]

    def collect(self, path: str) -> dict:
        try:
            module = self._load(path)
        except _ImportFailed as failed:
            return {"file": path, "tests": [], "reset": True, "error": failed.error}
        return {
            "file": path,
            "tests": self._tests(module),
            "reset": bool(getattr(module, "HARNESS_RESET", True)),
            "error": None,
        }

    def run(self, path: str, name: str, reset: bool | None) -> dict:
        started = time.perf_counter()
        try:
            module = self._load(path)
        except _ImportFailed as failed:
            return _outcome("error", started, failed.error)
        if reset is None:
            reset = bool(getattr(module, "HARNESS_RESET", True))
        if reset:
            try:
                self._reset()
            except Exception as exc:
                return _outcome("error", started, describe_exception(exc))
            # A test's duration is its own time, not the fresh scene's load before it.
            started = time.perf_counter()
        target = self._resolve(module, name)
        if target is None:
            return _outcome(
                "error", started, {"type": "LookupError", "message": f"no test named {name!r} in {path}",
                                   "traceback": None, "file": path, "line": None},
            )
        yielding = _yielding_test(target)
        if yielding is not None:
            # pytest refuses yield tests too: calling one only builds a generator, so its
            # body, asserts and all, would never run and the test would pass unseen.
            return _outcome("error", started, {
                "type": "TypeError",
                "message": f"{name} is a generator: test functions must not yield (its body would never run); "
                           "use a loop or subTest() instead",
                "traceback": None, "file": path, "line": yielding,
            })
        capture = Capture()
        if isinstance(target, unittest.TestCase):
            result = _Result()
            with capture:
                unittest.TestSuite([target]).run(result)
            error = describe_exception(result.exception, path) if result.exception else None
            return _outcome(result.outcome, started, error, capture, result.skip_reason)
        try:
            with capture:
                if inspect.iscoroutinefunction(target):
                    # The server's loop is not running while tests run, so this is allowed.
                    asyncio.run(target())
                else:
                    target()
        except BaseException as exc:  # noqa: BLE001 - a test's sys.exit() is its failure
            if _is_skip(exc):
                return _outcome("skipped", started, None, capture, str(exc))
            # pytest.fail() is a failure like a failed assert, not an error in the test.
            failed = isinstance(exc, AssertionError) or _is_pytest_outcome(exc, "Failed")
            outcome = "failed" if failed else "error"
            return _outcome(outcome, started, describe_exception(exc, path), capture)
        return _outcome("passed", started, None, capture)

    @staticmethod
    def _resolve(module: types.ModuleType, name: str) -> Any:
        owner, _, method = name.partition(".")
        value = getattr(module, owner, None)
        if method:
            if inspect.isclass(value) and issubclass(value, unittest.TestCase) and hasattr(value, method):
                return value(method)
            return None
        return value if callable(value) else None


def _yielding_test(target: Any) -> int | None:
    """The first line of a test function or method that is a (sync or async) generator."""
    if isinstance(target, unittest.TestCase):
        target = getattr(type(target), target._testMethodName, None)
    function = inspect.unwrap(target) if callable(target) else target
    if inspect.isgeneratorfunction(function) or inspect.isasyncgenfunction(function):
        code = getattr(function, "__code__", None)
        return code.co_firstlineno if code else 0
    return None


class _ImportFailed(Exception):
    def __init__(self, error: dict) -> None:
        super().__init__(error.get("message"))
        self.error = error


def _outcome(
    outcome: str,
    started: float,
    error: dict | None,
    capture: Capture | None = None,
    skip_reason: str = "",
) -> dict:
    return {
        "outcome": outcome,
        "error": error,
        "skip": skip_reason or None,
        "duration": time.perf_counter() - started,
        "stdout": capture.stdout if capture else "",
        "stderr": capture.stderr if capture else "",
    }
