"""The project's own error type: one plain message naming the file, the place and the fix."""

from __future__ import annotations

from pathlib import Path


class ThematicaError(ValueError):
    """A user-facing input error.

    Parameters
    ----------
    message
        What is wrong and what to do about it, in one sentence.
    path
        The file the problem is in, if any.
    line
        1-based line number in that file, if known.
    offset
        0-based character offset in the canonical text, if known.

    Examples
    --------
    >>> str(ThematicaError("no speaker label matched", path="t/P01.txt", line=3))
    't/P01.txt, line 3: no speaker label matched'
    """

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        offset: int | None = None,
    ) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.offset = offset
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = []
        if self.path is not None:
            where.append(self.path)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.offset is not None:
            where.append(f"offset {self.offset}")
        return f"{', '.join(where)}: {self.message}" if where else self.message
