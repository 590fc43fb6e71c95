"""The registry of transcript formats: each module of :mod:`thematica.ingest.formats` defining ``FORMAT``.

Adding a format is one module in this package that defines a reader and ``FORMAT = TranscriptFormat(...)``,
plus its test; the suffixes a study folder accepts, the messages that list them and the dispatch in
:func:`thematica.ingest.formats.read_transcript` all derive from here.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from thematica.errors import ThematicaError

Reader = Callable[[str | Path], str]


@dataclass(frozen=True)
class TranscriptFormat:
    """One transcript format.

    Attributes
    ----------
    name
        What users call it ("WebVTT subtitles").
    suffixes
        The file suffixes it reads, lower case with the dot (``(".vtt",)``).
    read
        ``read(path) -> canonical text`` (see :mod:`thematica.ingest.textio`): one line per turn of
        speech, ``"Label: text"`` where the source names a speaker; readers never invent labels.
    order
        Where its suffixes come in lists shown to users (smaller first).
    """

    name: str
    suffixes: tuple[str, ...]
    read: Reader
    order: int = 100

    def __post_init__(self) -> None:
        bad = [s for s in self.suffixes if not s.startswith(".") or s != s.lower()]
        if not self.suffixes or bad:
            raise ValueError(f"suffixes must be lower case and start with '.': {self.suffixes!r}")


@functools.cache
def formats() -> tuple[TranscriptFormat, ...]:
    """Every registered format, in :attr:`TranscriptFormat.order`.

    Raises
    ------
    ValueError
        If two formats claim the same suffix.
    """
    package = importlib.import_module("thematica.ingest.formats")
    found = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if isinstance(getattr(module, "FORMAT", None), TranscriptFormat):
            found.append(module.FORMAT)
    found.sort(key=lambda f: (f.order, f.name))
    seen: dict[str, str] = {}
    for fmt in found:
        for suffix in fmt.suffixes:
            if suffix in seen:
                raise ValueError(f"{suffix} is claimed by both {seen[suffix]!r} and {fmt.name!r}")
            seen[suffix] = fmt.name
    return tuple(found)


def supported_suffixes() -> tuple[str, ...]:
    """Every suffix a transcript may have, lower case, in display order.

    Examples
    --------
    >>> supported_suffixes()
    ('.txt', '.md', '.docx', '.vtt', '.srt')
    """
    return tuple(suffix for fmt in formats() for suffix in fmt.suffixes)


def suffix_list(conjunction: str = "or") -> str:
    """The suffixes for a message: ``.txt, .md, .docx, .vtt or .srt``."""
    suffixes = supported_suffixes()
    return ", ".join(suffixes[:-1]) + f" {conjunction} {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]


def reader_for(path: str | Path) -> Reader:
    """The reader of ``path``'s suffix (case-insensitive).

    Raises
    ------
    ThematicaError
        For a suffix no format reads, naming the ones that are read.
    """
    suffix = Path(path).suffix.lower()
    for fmt in formats():
        if suffix in fmt.suffixes:
            return fmt.read
    raise ThematicaError(
        f"unsupported transcript type {suffix or '(no suffix)'!r}; "
        f"save it as one of {', '.join(supported_suffixes())}",
        path=path,
    )
