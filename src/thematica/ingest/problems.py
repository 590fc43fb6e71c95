"""Where the checks of a study folder put what they find: raised at once, or collected to report together.

The pipeline stops at the first problem; ``thematica check`` reports them all (:class:`Problems`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from thematica.errors import ThematicaError

# the study folder's checks have always logged their warnings under this name (the run logs show it)
log = logging.getLogger("thematica.ingest.folder")


class Problems:
    """Where the checks of a study folder put what they find.

    ``collect=False`` (the pipeline) raises the first problem; ``collect=True`` (``thematica check``) keeps
    every problem in :attr:`errors`, so that one pass reports them all. Warnings are logged and kept in
    :attr:`warnings` either way.
    """

    def __init__(self, collect: bool = False) -> None:
        self.collect = collect
        self.errors: list[ThematicaError] = []
        self.warnings: list[ThematicaError] = []

    def error(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        exc = ThematicaError(message, path=path, line=line)
        if not self.collect:
            raise exc
        self.errors.append(exc)

    def add(self, exc: ThematicaError) -> None:
        """Record an error raised by another check."""
        if not self.collect:
            raise exc
        self.errors.append(exc)

    def warn(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        exc = ThematicaError(message, path=path, line=line)
        log.warning("%s", exc)
        self.warnings.append(exc)
