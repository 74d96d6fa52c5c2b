"""Capture what Python code prints while a request runs."""

from __future__ import annotations

import io
import sys
from types import TracebackType
from typing import TextIO


class _Stream(io.StringIO):
    """A string buffer whose file descriptor is the real stream's.

    Code that needs a descriptor (faulthandler.enable(), subprocess with stdout=sys.stdout)
    writes to Blender's own output, which the harness keeps in the session log.
    """

    def __init__(self, real: TextIO | None) -> None:
        super().__init__()
        self._real = real

    def fileno(self) -> int:
        if self._real is None:
            raise io.UnsupportedOperation("fileno")
        return self._real.fileno()


class Capture:
    """Redirect sys.stdout and sys.stderr into strings for the duration of a block."""

    def __init__(self) -> None:
        self.stdout = ""
        self.stderr = ""

    def __enter__(self) -> "Capture":
        self._saved = (sys.stdout, sys.stderr)
        self._out = _Stream(sys.__stdout__)
        self._err = _Stream(sys.__stderr__)
        sys.stdout, sys.stderr = self._out, self._err
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        sys.stdout, sys.stderr = self._saved
        self.stdout = self._out.getvalue()
        self.stderr = self._err.getvalue()
