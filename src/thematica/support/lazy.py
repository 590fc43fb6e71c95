"""Packages whose public names load from their submodules on first use (PEP 562).

The workflow imports a few light names from several packages while Snakemake parses it
(``find_code_files``, caption summarisers, model identities), and light scripts import light names too.
Importing the packages eagerly would also load pandas, NumPy and SciPy in each of those processes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def lazy_exports(
    package: str, homes: Mapping[str, str]
) -> tuple[Callable[[str], object], Callable[[], list]]:
    """A package's ``__getattr__`` and ``__dir__`` for names defined in its submodules.

    Parameters
    ----------
    package
        The package's ``__name__``.
    homes
        Public name -> the submodule (relative to ``package``) that defines it.

    Examples
    --------
    >>> getattr_, dir_ = lazy_exports("json", {"JSONDecoder": "decoder"})
    >>> getattr_("JSONDecoder").__name__
    'JSONDecoder'
    >>> getattr_("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'json' has no attribute 'nothing'
    """
    module = importlib.import_module(package)

    def __getattr__(name: str) -> object:
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{homes[name]}"), name)
        setattr(module, name, value)
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(module), *homes})

    return __getattr__, __dir__
