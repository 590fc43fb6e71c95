"""The project's own error type: one plain message naming the file, the place and the fix."""

from __future__ import annotations

from collections.abc import Sequence
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


def raise_collected(errors: Sequence[ThematicaError], summary: str) -> None:
    """Raise every error of a study-wide step at once: the error itself when there is one, else one error
    whose message is ``summary`` (with the count) followed by each error's own line.

    Examples
    --------
    >>> raise_collected([], "transcripts cannot be read")
    >>> raise_collected([ThematicaError("empty", path="a.txt"), ThematicaError("empty", path="b.txt")],
    ...                 "transcripts cannot be read")
    Traceback (most recent call last):
    ...
    thematica.errors.ThematicaError: 2 transcripts cannot be read: a.txt: empty; b.txt: empty
    """
    if len(errors) == 1:
        raise errors[0]
    if errors:
        listed = "; ".join(str(exc) for exc in errors)
        raise ThematicaError(f"{len(errors)} {summary}: {listed}")
