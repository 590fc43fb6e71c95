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


PROGRESS_LOGGER = "thematica.progress"


class ProgressLog:
    """Log ``<what> i/n`` as a long step's items finish, at most about 50 times, for ``thematica run``.

    The lines reach the step's log and its standard error, which Snakemake passes on; ``thematica run``
    draws them as a progress bar when its terminal is interactive (:mod:`thematica.cli.runner`).

    Examples
    --------
    >>> tick = ProgressLog("embeddings", 200)
    >>> [i for i in range(1, 201) if tick.due(i)][:3], tick.due(200)
    ([1, 4, 8], True)
    """

    def __init__(self, what: str, total: int) -> None:
        self.what = what
        self.total = total
        self.every = max(1, -(-total // 50))
        self.done = 0
        self._log = logging.getLogger(PROGRESS_LOGGER)

    def due(self, done: int) -> bool:
        return done == self.total or done == 1 or done % self.every == 0

    def step(self) -> None:
        self.done += 1
        if self.due(self.done):
            self._log.info("%s %d/%d", self.what, self.done, self.total)
