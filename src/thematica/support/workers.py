"""Worker processes for the per-study steps that load a model once and then work transcript by transcript.

Embedding and entity recognition run one job per study, so that the model loads once; with more than one
core a study's transcripts are shared among forked worker processes, each loading the model itself and
running single-threaded. A transcript's result is then the same whichever process computes it, so the
outputs are byte-identical for any number of workers (tests/unit/support/test_workers.py).

Workers are forked, which is quick and needs no importable main module (workflow scripts have none), and
safe only while the parent has not started the threads of an OpenMP runtime (torch's, or numba's once a
parallel function or a thread count has run): such a parent works in its own process instead
(:func:`fork_safe`).
"""

from __future__ import annotations

import logging
import multiprocessing
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")


def map_in_processes(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    *,
    processes: int,
    initializer: Callable[..., None] | None = None,
    initargs: Sequence = (),
    progress: str | None = None,
) -> list[Result]:
    """``[function(item) for item in items]``, in ``processes`` forked workers when that helps.

    Parameters
    ----------
    function
        A module-level function (it is called in the workers).
    items
        Its arguments; the results come back in their order.
    processes
        Worker processes at most; 1 (or a single item, or a parent that cannot fork safely:
        :func:`fork_safe`) computes in this process.
    initializer, initargs
        Called once in each worker (or once here) before the first item: load the model there.
    progress
        What the items are, to log ``<progress> i/n`` as they finish
        (:class:`thematica.support.runlog.ProgressLog`).
    """
    from thematica.support.runlog import ProgressLog

    items = list(items)
    tick = ProgressLog(progress, len(items)) if progress else None
    workers = min(int(processes), len(items))
    results: list[Result] = []
    if workers <= 1 or not fork_safe():
        if initializer is not None and items:
            initializer(*initargs)
        for item in items:
            results.append(function(item))
            if tick:
                tick.step()
        return results
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=initializer, initargs=tuple(initargs)) as pool:
        for result in pool.imap(function, items, chunksize=1):  # in the items' order, as they finish
            results.append(result)
            if tick:
                tick.step()
    return results


def in_child_process(function: Callable[..., Result], *args) -> Result:
    """``function(*args)`` in one forked child, so that this process starts none of the thread pools the
    call starts (numba's, for one) and can still fork workers after it; in this process when it cannot
    fork safely (:func:`fork_safe`). ``function`` must be module-level and its result picklable."""
    if not fork_safe():
        return function(*args)
    with multiprocessing.get_context("fork").Pool(1) as pool:
        return pool.apply(function, args)


def fork_safe() -> bool:
    """Whether this process can fork workers: torch is not imported (its OpenMP threads start with it) and
    numba has not started its threading layer (OpenMP here; a parallel function or a thread count starts
    it). A forked child of a process with running OpenMP threads can hang at its first parallel region."""
    if "torch" in sys.modules:
        return False
    parallel = sys.modules.get("numba.np.ufunc.parallel")
    return not getattr(parallel, "_is_initialized", False)


def cache_file_name(transcript: str) -> str:
    """A transcript id as a file stem of a per-transcript cache (characters outside ``[A-Za-z0-9._-]`` become
    ``_``; a clash only costs a recomputation, as each entry records what it was made from).

    Examples
    --------
    >>> cache_file_name("interview 07/b")
    'interview_07_b'
    """
    return re.sub(r"[^A-Za-z0-9._-]", "_", transcript)


def cache_entry(cache_dir: str | Path, transcript: str, suffix: str = ".json") -> Path:
    """A transcript's file in a per-study cache, ``<cache_dir>/<stem><suffix>``. Every such cache keeps the
    key of a transcript's entry (or the whole entry) in its ``.json`` file.

    Examples
    --------
    >>> cache_entry("cache", "interview 07", ".npy").as_posix()
    'cache/interview_07.npy'
    """
    return Path(cache_dir) / f"{cache_file_name(transcript)}{suffix}"


def uncached_workers(cache_dir: str | Path, transcripts: Iterable[str], *, most: int) -> int:
    """Worker processes a per-study job can keep busy: one per transcript without a cache entry, from 1 to
    ``most``.

    A workflow rule's ``threads``: a cold run reserves every core it may use, while adding an interview
    reserves one and leaves the other cores to jobs that do not wait for it. A transcript with an entry
    (its :func:`cache_entry` ``.json`` file) counts as cached even when the entry is
    stale, so an edited transcript is recomputed by one worker; the number only shapes the scheduling, as
    the results are the same for any number of workers.

    Examples
    --------
    >>> uncached_workers("no/such/folder", ["a", "b", "c"], most=2)
    2
    >>> uncached_workers("no/such/folder", [], most=4)
    1
    """
    return max(1, min(int(most), uncached(cache_dir, transcripts)))


def uncached(cache_dir: str | Path, transcripts: Iterable[str]) -> int:
    """How many of ``transcripts`` have no entry (no :func:`cache_entry` ``.json`` file) in ``cache_dir``.

    Examples
    --------
    >>> uncached("no/such/folder", ["a", "b"])
    2
    """
    return sum(not cache_entry(cache_dir, t).is_file() for t in transcripts)


def log_cache_use(what: str, computed: int, total: int, processes: int, cache_dir: object) -> None:
    """Log how many transcripts a per-study job computed, in how many processes, and read from its cache."""
    log.info(
        "%s %d transcript(s) in %d process(es), read %d unchanged one(s) from %s",
        what,
        computed,
        max(1, min(int(processes), computed)),
        total - computed,
        cache_dir,
    )
