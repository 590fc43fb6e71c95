"""Benchmark of the bootstrap: ``python benchmarks/bench_bootstrap.py [--codes 16] [--segments 5000]``.

Times 10,000 replicates of Krippendorff's bootstrap for every code of a synthetic study (binary codes,
segments judged by two of three coders) three ways:

- ``vectorised``: :func:`~thematica.reliability.bootstrap.bootstrap_alpha`, one vectorised draw per code;
- ``naive loop``: the same algorithm with a Python loop over replicates, each drawing its ``M`` pairs;
- ``unit resampling``: resampling segments and recomputing alpha with the ``krippendorff`` package.

The two loops are timed on a few replicates and extrapolated. Each method is timed ``repeats`` times and
its fastest pass kept (the ``timeit`` convention: slower passes measure what else the machine was doing);
the vectorised pass takes a few hundredths of a second, so a single timing of it is mostly timer and
scheduler noise. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import logging
import time

import numpy as np
import pandas as pd

from thematica.reliability.alpha import binary_alpha
from thematica.reliability.bootstrap import bootstrap_alpha, bootstrap_draws, rng_for
from thematica.reliability.coincidence import binary_coincidences

log = logging.getLogger(__name__)

NOMINAL2 = 1.0 - np.eye(2)


def synthetic_study(n_codes: int, n_segments: int, seed: int = 0) -> np.ndarray:
    """Coders x segments x codes values (``NaN`` = not seen): shape ``(3, n_segments, n_codes)``."""
    rng = np.random.default_rng(seed)
    prevalence = rng.uniform(0.02, 0.2, size=n_codes)
    truth = rng.random((n_segments, n_codes)) < prevalence
    values = np.where(
        truth, rng.random((3, n_segments, n_codes)) > 0.1, rng.random((3, n_segments, n_codes)) < 0.02
    )
    values = values.astype(float)
    unseen = rng.integers(1, 3, size=n_segments)  # coder 1 sees everything, coder 2 or 3 the rest
    values[unseen, np.arange(n_segments), :] = np.nan
    return values


def _naive(o: np.ndarray, draws: int, replicates: int, rng: np.random.Generator) -> np.ndarray:
    """Krippendorff's algorithm with a Python loop over replicates (as in the published macros)."""
    n_c = o.sum(axis=0)
    n = n_c.sum()
    expected = (np.outer(n_c, n_c) * NOMINAL2).sum() / (n * (n - 1))
    cells = [(0, 0), (0, 1), (1, 1)]
    p = np.array([o[0, 0], 2 * o[0, 1], o[1, 1]]) / n
    delta = np.array([NOMINAL2[c] for c in cells])
    out = np.empty(replicates)
    for r in range(replicates):
        picked = rng.choice(3, size=draws, p=p)
        out[r] = max(1.0 - delta[picked].sum() / (draws * expected), -1.0)
    return out


def fastest(func, repeats: int) -> float:
    """Seconds of the fastest of ``repeats`` calls of ``func()``.

    Examples
    --------
    >>> fastest(lambda: None, 3) >= 0.0
    True
    """
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, got {repeats}")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def run_benchmark(
    n_codes: int = 16,
    n_segments: int = 5000,
    n_boot: int = 10_000,
    loop_replicates: int = 200,
    repeats: int = 5,
) -> pd.DataFrame:
    """Seconds for ``n_boot`` replicates of every code, per method (loops extrapolated), each the fastest
    of ``repeats`` passes.

    Returns
    -------
    pandas.DataFrame
        Columns ``method, seconds, replicates_timed, repeats, speedup``.
    """
    import krippendorff

    data = synthetic_study(n_codes, n_segments)
    m_u = (~np.isnan(data)).sum(axis=0)  # segments x codes
    k_u = np.nansum(data, axis=0)
    o = binary_coincidences(m_u.T, k_u.T)  # codes x 2 x 2
    draws = [bootstrap_draws(o[c], n_coders=3) for c in range(n_codes)]

    def vectorised_pass() -> None:
        for c in range(n_codes):
            bootstrap_alpha(o[c], NOMINAL2, draws=draws[c], n_boot=n_boot, rng=rng_for(1, f"code:{c}"))

    def naive_pass() -> None:
        for c in range(n_codes):
            _naive(o[c], draws[c], loop_replicates, np.random.default_rng(c))

    unit_reps = max(loop_replicates // 20, 2)

    def unit_pass() -> None:
        rng = np.random.default_rng(2)
        for _ in range(unit_reps):
            pick = rng.integers(0, n_segments, n_segments)
            krippendorff.alpha(reliability_data=data[:, pick, 0], level_of_measurement="nominal")

    vectorised = fastest(vectorised_pass, repeats)
    naive = fastest(naive_pass, repeats) * n_boot / loop_replicates
    units = fastest(unit_pass, repeats) * n_boot * n_codes / unit_reps

    log.debug("alpha of code 0: %.4f", float(binary_alpha(o[0])))
    table = pd.DataFrame(
        {
            "method": ["vectorised", "naive loop", "unit resampling (krippendorff)"],
            "seconds": [vectorised, naive, units],
            "replicates_timed": [n_boot * n_codes, loop_replicates * n_codes, unit_reps],
            "repeats": repeats,
        }
    )
    table["speedup"] = table["seconds"] / vectorised
    return table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python benchmarks/bench_bootstrap.py", description=__doc__)
    parser.add_argument("--codes", type=int, default=16)
    parser.add_argument("--segments", type=int, default=5000)
    parser.add_argument("--replicates", type=int, default=10_000)
    parser.add_argument("--loop-replicates", type=int, default=200, help="replicates timed for the loops")
    parser.add_argument("--repeats", type=int, default=5, help="passes per method; the fastest is kept")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    table = run_benchmark(args.codes, args.segments, args.replicates, args.loop_replicates, args.repeats)
    log.info(
        "%d replicates for each of %d codes, %d segments:\n%s",
        args.replicates,
        args.codes,
        args.segments,
        table.to_string(index=False, float_format=lambda x: f"{x:.3f}"),
    )


if __name__ == "__main__":
    main()
