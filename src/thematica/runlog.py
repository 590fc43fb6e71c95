"""Logging and error reporting for pipeline steps: one plain line for a user mistake, no traceback."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from thematica.errors import ThematicaError


@contextmanager
def step_logging(log_path: str | Path | None) -> Iterator[logging.Logger]:
    """Send ``thematica`` logs to ``log_path`` and turn a :class:`ThematicaError` into one line on stderr.

    Used by the workflow's scripts; exits with status 1 on a user-input error so the run stops.
    """
    root = logging.getLogger("thematica")
    root.setLevel(logging.INFO)
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_path:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_path, mode="w", encoding="utf-8"))
    formatter = logging.Formatter("%(levelname)s %(name)s: %(message)s")
    for handler in handlers:
        handler.setFormatter(formatter)
        root.addHandler(handler)
    try:
        yield root
    except ThematicaError as exc:
        root.error("%s", exc)
        sys.stderr.flush()
        raise SystemExit(1) from None
    finally:
        for handler in handlers:
            root.removeHandler(handler)
            handler.close()
