"""A persistent on-disk cache for the numba code of UMAP, pynndescent and HDBSCAN.

UMAP and pynndescent compile most of their numba functions without ``cache=True``, so every new process
compiles them again before the first UMAP fit, in every topics job. :func:`enable_jit_cache`
makes numba cache every function those libraries define, in a folder keyed by the versions of Python,
numba, llvmlite, NumPy and the three libraries (numba itself only checks the source file of each function,
not the libraries it calls). The first process pays the compilation once; later processes load machine
code. Compiled code is the same code, so results are identical with and without the
cache.

Call it before the first import of ``umap``, ``pynndescent``, ``hdbscan`` or ``bertopic``; it does nothing
once they are imported, when ``NUMBA_DISABLE_JIT`` is set, or when ``THEMATICA_JIT_CACHE=0``. A
``NUMBA_CACHE_DIR`` set by the user is respected as it is.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

log = logging.getLogger(__name__)

JIT_LIBRARIES = ("umap", "pynndescent", "hdbscan", "bertopic")
"""Modules whose import must come after :func:`enable_jit_cache` for it to take effect."""
_KEYED_PACKAGES = ("numba", "llvmlite", "numpy", "umap-learn", "pynndescent", "hdbscan")
_state: dict[str, object] = {}


def default_cache_root() -> Path:
    """``$XDG_CACHE_HOME/thematica/numba`` (``~/.cache/thematica/numba``): shared by every work folder and
    kept by ``make clean``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "thematica" / "numba"


def cache_key() -> str:
    """Short hash of the Python version and the versions of the packages whose compiled code is cached.

    Examples
    --------
    >>> len(cache_key())
    12
    """
    parts = [f"python={sys.version_info[0]}.{sys.version_info[1]}"]
    for package in _KEYED_PACKAGES:
        try:
            parts.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package}=none")
    return hashlib.sha256(";".join(parts).encode()).hexdigest()[:12]


def enable_jit_cache(root: str | Path | None = None) -> Path | None:
    """Make numba cache the functions of the topic-model libraries on disk (idempotent).

    Parameters
    ----------
    root
        Folder of the cache; a subfolder per :func:`cache_key` is used. Defaults to
        :func:`default_cache_root`. Ignored when ``NUMBA_CACHE_DIR`` is set.

    Returns
    -------
    pathlib.Path or None
        The cache folder in use, or ``None`` when caching was not enabled (disabled, numba missing, or the
        libraries were imported before).
    """
    if "folder" in _state:
        return _state["folder"]  # type: ignore[return-value]
    if os.environ.get("THEMATICA_JIT_CACHE", "1") == "0" or os.environ.get("NUMBA_DISABLE_JIT", "0") != "0":
        return None
    already = [name for name in JIT_LIBRARIES if name in sys.modules]
    if already:
        log.debug("numba cache not enabled: %s already imported", ", ".join(already))
        return None
    try:
        import numba
        from numba.core import config as numba_config
    except ImportError:  # pragma: no cover - numba comes with umap-learn
        return None
    if os.environ.get("NUMBA_CACHE_DIR"):
        folder = Path(os.environ["NUMBA_CACHE_DIR"])
    else:
        folder = Path(root) if root is not None else default_cache_root()
        folder = folder / cache_key()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("numba cache not enabled: cannot create %s (%s)", folder, exc)
            return None
        numba_config.CACHE_DIR = str(folder)
    numba.jit = _cache_by_default(numba.jit)
    numba.njit = _cache_by_default(numba.njit)
    # Functions numba cannot cache (closures over dynamic globals) are compiled as before, with a warning.
    warnings.filterwarnings("ignore", message=r"(?s).*[Cc]annot cache compiled function")
    _state["folder"] = folder
    log.info("numba cache: %s", folder)
    return folder


def limit_numba_threads(threads: int) -> int:
    """Give numba at most ``threads`` workers in this process (a workflow step's ``threads``).

    numba starts one OpenMP worker per core the first time a parallel function runs (UMAP has a few;
    its seeded layout is serial), and the workers then spin, waiting for more work, taking CPU from the
    rest of the process (torch embedding KeyBERT's candidate words) and from the jobs beside it. Before
    numba's import this sets ``NUMBA_NUM_THREADS``, so no more workers are ever started; afterwards it
    lowers numba's thread count for the calling thread.

    Returns
    -------
    int
        The number of numba threads now in effect.
    """
    threads = max(1, int(threads))
    if "numba" not in sys.modules:
        os.environ["NUMBA_NUM_THREADS"] = str(threads)
        return threads
    import numba

    threads = min(threads, numba.config.NUMBA_NUM_THREADS)
    numba.set_num_threads(threads)
    return threads


@contextmanager
def one_numba_thread() -> Iterator[None]:
    """numba's parallel functions on the calling thread only, for the duration of a topic fit (a fit is
    serial by design: seeded UMAP, one BLAS thread), then numba's earlier setting again. The workflow's
    topic steps also start numba with their own threads (:func:`limit_numba_threads`); this covers a fit
    in a notebook. UMAP's parallel functions compute each point on its own, so results are the same bytes.
    """
    enable_jit_cache()  # before numba's first import, which bertopic's would otherwise be
    import numba

    before = numba.get_num_threads()
    limit_numba_threads(1)
    try:
        yield
    finally:
        numba.set_num_threads(before)


def _cache_by_default(decorator):
    if getattr(decorator, "_thematica_cache", False):
        return decorator

    @functools.wraps(decorator)
    def wrapped(*args, **kwargs):
        kwargs.setdefault("cache", True)
        return decorator(*args, **kwargs)

    wrapped._thematica_cache = True  # type: ignore[attr-defined]
    return wrapped
