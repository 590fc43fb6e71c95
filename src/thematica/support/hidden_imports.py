"""Import a library with some of its optional dependencies hidden, for the processes that never use them.

Several libraries import optional packages whenever they are installed, and some of those cost seconds in
every process: spaCy's thinc imports torch, BERTopic imports sentence-transformers, torch, spaCy and plotly,
jsonschema compiles the grammars of ``rfc3987-syntax``. While :func:`modules_hidden` is active, importing a
hidden package raises ``ModuleNotFoundError`` (its ``sys.modules`` entry is ``None``), which these
libraries treat as "not installed". Afterwards the packages are importable again.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager


@contextmanager
def modules_hidden(names: Iterable[str]) -> Iterator[list[str]]:
    """Hide the packages ``names`` that are not imported yet; yields the names actually hidden.

    Examples
    --------
    >>> with modules_hidden(["a_package_not_imported_yet"]) as hidden:
    ...     try:
    ...         import a_package_not_imported_yet
    ...     except ModuleNotFoundError:
    ...         print("hidden:", hidden)
    hidden: ['a_package_not_imported_yet']
    >>> "a_package_not_imported_yet" in sys.modules
    False
    """
    hidden = [name for name in names if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  (import raises ModuleNotFoundError)
    try:
        yield hidden
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
