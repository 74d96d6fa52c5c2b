"""Exceptions told the author's way: their frames only, their files, the most useful location.

The harness's own frames (bootstrap.py, this package) and pytest's are left out, and an
installed add-on's paths become the author's (see paths.py).
"""

from __future__ import annotations

import linecache
import os
import sys
import traceback
from types import TracebackType

from .paths import is_harness_file, map_path, map_quoted_paths
from .wire import error_info


def _same_file(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.startswith("<") or b.startswith("<"):
        return False
    return os.path.realpath(a) == os.path.realpath(b)


def _framework_roots() -> tuple[str, ...]:
    """pytest's and pluggy's own folders, once they are imported: no failure is located there."""
    roots = []
    for name in ("_pytest", "pluggy"):
        module = sys.modules.get(name)
        file = getattr(module, "__file__", None)
        if isinstance(file, str):
            roots.append(os.path.join(os.path.dirname(file), ""))
    return tuple(roots)


def user_frames(tb: TracebackType | None) -> list[traceback.FrameSummary]:
    """A traceback's frames without the harness's own (and the import machinery's in front
    of a test module's), with installed add-on paths mapped back to their sources. When
    nothing but harness frames is left, all of them: the failure is then the harness's."""
    frames = list(traceback.extract_tb(tb))
    kept = [f for f in frames if not is_harness_file(f.filename)]
    while kept and kept[0].filename.startswith("<frozen "):
        kept.pop(0)
    if not kept:
        kept = frames
    for frame in kept:
        _ = frame.line  # read the source line from the file Python ran before renaming it
        frame.filename = map_path(frame.filename)
    return kept


def _format_only(exc: BaseException) -> list[str]:
    return [map_quoted_paths(line) for line in traceback.format_exception_only(type(exc), exc)]


def format_exception(exc: BaseException, _seen: set[int] | None = None) -> str:
    """Like traceback.format_exception, with user_frames() for the exception and each of
    its causes (raise ... from ..., or during handling), which come first as Python prints them."""
    seen = _seen if _seen is not None else set()
    seen.add(id(exc))
    lines: list[str] = []
    cause = exc.__cause__
    context = None if exc.__suppress_context__ else exc.__context__
    if cause is not None and id(cause) not in seen:
        lines.append(format_exception(cause, seen))
        lines.append("\nThe above exception was the direct cause of the following exception:\n\n")
    elif cause is None and context is not None and id(context) not in seen:
        lines.append(format_exception(context, seen))
        lines.append("\nDuring handling of the above exception, another exception occurred:\n\n")
    frames = user_frames(exc.__traceback__)
    if frames:
        lines.append("Traceback (most recent call last):\n")
        lines += traceback.format_list(frames)
    lines += _format_only(exc)
    return "".join(lines)


def describe_exception(exc: BaseException, target_file: str | None = None) -> dict:
    """Type, message, traceback and the most useful file and line of an exception.

    The location is the innermost frame in ``target_file`` (the test module, or ``<exec>``
    for exec code); without one, the innermost frame outside the harness. Neither the
    location nor the traceback shows the harness's own frames, and both name an add-on's
    source, not its installed copy.
    """
    frames = list(traceback.extract_tb(exc.__traceback__))
    where: traceback.FrameSummary | None = None
    if target_file is not None:
        for frame in frames:
            if _same_file(frame.filename, target_file):
                where = frame
    if where is None:
        framework = _framework_roots()
        for frame in frames:
            if not is_harness_file(frame.filename) and not frame.filename.startswith(framework):
                where = frame
    file = map_path(where.filename) if where else None
    line = where.lineno if where else None
    if isinstance(exc, SyntaxError) and exc.lineno is not None:
        file, line = map_path(exc.filename) if exc.filename else file, exc.lineno
    try:
        message = str(exc)
    except Exception:  # noqa: BLE001 - a broken __str__ must not hide the failure itself
        message = ""
    if not message and where is not None:
        # A bare `assert x == y` has no message; its source line is the next best thing.
        message = (where.line or linecache.getline(where.filename, where.lineno or 0)).strip()
    try:
        text = format_exception(exc)
    except Exception:  # noqa: BLE001 - never lose the failure over its formatting
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return error_info(type(exc).__name__, message, traceback=text, file=file, line=line)
