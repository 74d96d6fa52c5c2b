"""Capture what Python code prints while a request runs."""

from __future__ import annotations

import io
import sys
from types import TracebackType


class Capture:
    """Redirect sys.stdout and sys.stderr into strings for the duration of a block."""

    def __init__(self) -> None:
        self.stdout = ""
        self.stderr = ""
        self._out = io.StringIO()
        self._err = io.StringIO()

    def __enter__(self) -> "Capture":
        self._saved = (sys.stdout, sys.stderr)
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
