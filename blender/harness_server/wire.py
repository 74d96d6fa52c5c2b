"""The wire: what this server and the harness agree on (wire.json, beside this file), the
answers every command sends, and the conversion of results to JSON."""

from __future__ import annotations

import itertools
import json
import math
import os
from typing import Any


def _schema() -> dict:
    # Read at start, never copied here: the harness bundles the same file at build time.
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "wire.json"), encoding="utf-8") as file:
        return json.load(file)


_SCHEMA = _schema()
PROTOCOL_VERSION: int = _SCHEMA["protocol"]
# Line prefixes on stdout: the server is listening (with what), or it could not start.
READY_PREFIX: str = _SCHEMA["lines"]["ready"]
STARTUP_ERROR_PREFIX: str = _SCHEMA["lines"]["startupError"]
ERROR_FIELDS: tuple[str, ...] = tuple(_SCHEMA["error"])
PORT_VARIABLE: str = _SCHEMA["environment"]["port"]
TOKEN_VARIABLE: str = _SCHEMA["environment"]["token"]
MAX_LINE_VARIABLE: str = _SCHEMA["environment"]["maxLine"]


def ok(request_id: Any, result: Any = None, stdout: str = "", stderr: str = "") -> dict:
    return {"id": request_id, "ok": True, "result": jsonable(result), "stdout": stdout, "stderr": stderr}


def error_info(error_type: str, message: str, **fields: Any) -> dict:
    """An error object: every field of wire.json's, those not given null. Extra fields ride
    along (a test's "assertion", a collection error's "nodeid")."""
    info: dict = dict.fromkeys(ERROR_FIELDS)
    info.update(type=error_type, message=message, **fields)
    return info


def fail(request_id: Any, error_type: str, message: str, **extra: Any) -> dict:
    return {"id": request_id, "ok": False, "error": error_info(error_type, message, **extra)}


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
