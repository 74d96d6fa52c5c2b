"""Answers, errors and JSON conversion shared by every command."""

from __future__ import annotations

import itertools
import linecache
import math
import os
import re
import sys
import traceback
from types import TracebackType
from typing import Any

PROTOCOL_VERSION = 2
_HERE = os.path.dirname(os.path.abspath(__file__))


def ok(request_id: Any, result: Any = None, stdout: str = "", stderr: str = "") -> dict:
    return {"id": request_id, "ok": True, "result": jsonable(result), "stdout": stdout, "stderr": stderr}


def fail(request_id: Any, error_type: str, message: str, **extra: Any) -> dict:
    error = {"type": error_type, "message": message, "traceback": None, "file": None, "line": None}
    error.update(extra)
    return {"id": request_id, "ok": False, "error": error}


def fail_with(request_id: Any, error: dict, stdout: str = "", stderr: str = "") -> dict:
    return {"id": request_id, "ok": False, "error": error, "stdout": stdout, "stderr": stderr}


def _safe_repr(value: Any) -> str:
    try:
        return repr(value)
    except Exception:  # noqa: BLE001 - nested too deeply, an int too long, a broken __repr__
        return f"<{type(value).__name__} object>"


# Python refuses to print ints of more than sys.get_int_max_str_digits() digits (4300 by
# default); a shorter one is never longer than this many bits.
_PRINTABLE_INT_BITS = 14_000


def jsonable(value: Any, depth: int = 0) -> Any:
    """Turn a Python value into something json.dumps accepts without losing its shape.

    mathutils vectors and matrices and bpy property arrays are sequences, so they become
    lists; anything else that JSON cannot hold becomes its repr: NaN and infinities ('nan',
    'inf'), ints too long to print, values nested deeper than 32 levels. Raises only what an
    object's own repr() raises.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        if value.bit_length() > _PRINTABLE_INT_BITS:
            try:
                int.__repr__(value)
            except ValueError:
                return f"<int of {value.bit_length()} bits>"
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(float(value))
    if depth > 32:
        return _safe_repr(value)
    try:
        if isinstance(value, dict):
            return {str(k): jsonable(v, depth + 1) for k, v in value.items()}
        if isinstance(value, (set, frozenset)):
            try:
                members = sorted(value, key=_safe_repr)
            except Exception:  # noqa: BLE001 - a broken __eq__/__lt__ on the reprs' ties
                members = list(value)
            return [jsonable(v, depth + 1) for v in members]
        if isinstance(value, (list, tuple)):
            return [jsonable(v, depth + 1) for v in value]
    except Exception:  # noqa: BLE001 - a dict changing size, a broken __str__ of a key...
        return _safe_repr(value)
    if isinstance(value, (bytes, bytearray)):
        return _safe_repr(value)
    if hasattr(value, "__len__") and hasattr(value, "__getitem__"):
        try:
            count = len(value)
            # A sequence whose __getitem__ never raises IndexError would be read forever.
            items = list(itertools.islice(iter(value), count + 1))
            if len(items) <= count:
                return [jsonable(v, depth + 1) for v in items]
        except Exception:  # noqa: BLE001
            pass
    # A user object whose repr() raises is the request's error (the server answers it as
    # such), not a placeholder the author would take for a value.
    return repr(value)


def _same_file(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.startswith("<") or b.startswith("<"):
        return False
    return os.path.realpath(a) == os.path.realpath(b)


# The harness's own folder (blender/: bootstrap.py and this package), as given and resolved.
_ROOT = os.path.dirname(_HERE)
_ROOTS = tuple({os.path.join(_ROOT, ""), os.path.join(os.path.realpath(_ROOT), "")})

# Installed add-on copies and where they came from: (installed path, source path, is a folder).
# Tracebacks name the file Python imported; the author wants the one they passed.
_PATH_MAPS: list[tuple[str, str, bool]] = []


def is_harness_file(filename: str) -> bool:
    """Whether a traceback frame's file is the harness's own (bootstrap.py, this package)."""
    if filename.startswith("<"):
        return False
    return filename.startswith(_ROOTS) or os.path.realpath(filename).startswith(_ROOTS)


def add_path_map(installed: str, source: str) -> None:
    """Report files under ``installed`` (a folder or a single file) as the same files under
    ``source``: an add-on's installed copy or link back to what the author passed."""
    installed = os.path.abspath(installed)
    if os.path.normcase(installed) == os.path.normcase(os.path.abspath(source)):
        return
    entry = (installed, source, os.path.isdir(installed))
    if entry not in _PATH_MAPS:
        _PATH_MAPS.append(entry)


def path_maps() -> list[tuple[str, str, bool]]:
    """Every (installed, source, is_folder) entry so far."""
    return list(_PATH_MAPS)


def map_path(filename: str) -> str:
    """The author's own path for a file inside an installed add-on; any other unchanged."""
    if not filename or filename.startswith("<") or not _PATH_MAPS:
        return filename
    for installed, source, is_folder in _PATH_MAPS:
        if is_folder:
            prefix = os.path.join(installed, "")
            if filename.startswith(prefix):
                return os.path.join(source, filename[len(prefix):])
        elif filename == installed:
            return source
    return filename


def _map_text(text: str) -> str:
    """Installed add-on paths in already formatted text (a SyntaxError's File line)."""
    for installed, source, is_folder in _PATH_MAPS:
        if is_folder:
            text = text.replace('"' + os.path.join(installed, ""), '"' + os.path.join(source, ""))
        else:
            text = text.replace(f'"{installed}"', f'"{source}"')
    return text


def _as_pytest_shows(path: str) -> str:
    """A path the way pytest's tracebacks print it: relative to the working folder when
    that is shorter (a checkout beside the temp folder: ../blender-harness-XXX/...)."""
    try:
        rel = os.path.relpath(path, os.getcwd())
    except ValueError:  # another drive
        return path
    return rel if len(rel) < len(path) else path


def map_paths_in_text(text: str) -> str:
    """Installed add-on paths anywhere in text (pytest's tracebacks name files unquoted,
    absolute or relative to the working folder)."""
    for installed, source, is_folder in _PATH_MAPS:
        if is_folder:
            installed, source = os.path.join(installed, ""), os.path.join(source, "")
        shown = _as_pytest_shows(installed)
        text = text.replace(installed, source)
        if shown != installed:
            # Only at the start of a line or after a space: never inside a longer path.
            text = re.sub(r"(^|(?<=\s))" + re.escape(shown), lambda _m: _as_pytest_shows(source), text, flags=re.M)
    return text


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
    return [_map_text(line) for line in traceback.format_exception_only(type(exc), exc)]


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
    return {
        "type": type(exc).__name__,
        "message": message,
        "traceback": text,
        "file": file,
        "line": line,
    }
