"""Answers, errors and JSON conversion shared by every command."""

from __future__ import annotations

import linecache
import math
import os
import traceback
from typing import Any

PROTOCOL_VERSION = 1
_HERE = os.path.dirname(os.path.abspath(__file__))


def ok(request_id: Any, result: Any = None, stdout: str = "", stderr: str = "") -> dict:
    return {"id": request_id, "ok": True, "result": jsonable(result), "stdout": stdout, "stderr": stderr}


def fail(request_id: Any, error_type: str, message: str, **extra: Any) -> dict:
    error = {"type": error_type, "message": message, "traceback": None, "file": None, "line": None}
    error.update(extra)
    return {"id": request_id, "ok": False, "error": error}


def fail_with(request_id: Any, error: dict, stdout: str = "", stderr: str = "") -> dict:
    return {"id": request_id, "ok": False, "error": error, "stdout": stdout, "stderr": stderr}


def jsonable(value: Any, depth: int = 0) -> Any:
    """Turn a Python value into something json.dumps accepts without losing its shape.

    mathutils vectors and matrices and bpy property arrays are sequences, so they become
    lists; anything else that JSON cannot hold becomes its repr.
    """
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if depth > 32:
        return repr(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return [jsonable(v, depth + 1) for v in sorted(value, key=repr)]
    if isinstance(value, (list, tuple)):
        return [jsonable(v, depth + 1) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return repr(value)
    if hasattr(value, "__len__") and hasattr(value, "__getitem__"):
        try:
            return [jsonable(v, depth + 1) for v in value]
        except Exception:
            pass
    return repr(value)


def _same_file(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.startswith("<") or b.startswith("<"):
        return False
    return os.path.realpath(a) == os.path.realpath(b)


def describe_exception(exc: BaseException, target_file: str | None = None) -> dict:
    """Type, message, traceback and the most useful file and line of an exception.

    The location is the innermost frame in ``target_file`` (the test module, or ``<exec>``
    for exec code); without one, the innermost frame outside this add-on.
    """
    frames = traceback.extract_tb(exc.__traceback__)
    # The harness's own frames say nothing to the author; drop them from the front.
    # Neither are the import machinery's frames in front of a failing test module's own.
    while frames and (frames[0].filename.startswith(_HERE) or frames[0].filename.startswith("<frozen ")):
        frames.pop(0)
    where: traceback.FrameSummary | None = None
    if target_file is not None:
        for frame in frames:
            if _same_file(frame.filename, target_file):
                where = frame
    if where is None:
        for frame in frames:
            if not frame.filename.startswith(_HERE):
                where = frame
    file = where.filename if where else None
    line = where.lineno if where else None
    if isinstance(exc, SyntaxError) and exc.lineno is not None:
        file, line = exc.filename or file, exc.lineno
    try:
        message = str(exc)
    except Exception:  # noqa: BLE001 - a broken __str__ must not hide the failure itself
        message = ""
    if not message and where is not None:
        # A bare `assert x == y` has no message; its source line is the next best thing.
        message = (where.line or linecache.getline(where.filename, where.lineno or 0)).strip()
    # The causes (raise ... from ..., or during handling) come first, as Python prints them.
    lines: list[str] = []
    cause = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    if cause is not None:
        lines += traceback.format_exception(type(cause), cause, cause.__traceback__)
        lines.append("\nThe above exception was the direct cause of the following exception:\n\n"
                     if exc.__cause__ is not None else
                     "\nDuring handling of the above exception, another exception occurred:\n\n")
    lines.append("Traceback (most recent call last):\n")
    lines += traceback.format_list(frames)
    lines += traceback.format_exception_only(type(exc), exc)
    return {
        "type": type(exc).__name__,
        "message": message,
        "traceback": "".join(lines),
        "file": file,
        "line": line,
    }
