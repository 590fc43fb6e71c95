"""The numba warm-up: a fit through both UMAP paths, recorded, and the cache it fills serves a fit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from thematica.topics.warmup import synthetic_corpus, write_warm_record

WARM = textwrap.dedent(
    """
    import json, sys
    from thematica.topics.warmup import warm_jit_cache
    print(json.dumps(warm_jit_cache({"stability_runs": 1}, seed=7)))
    """
)


def test_synthetic_corpus_is_seeded_and_clustered():
    docs, vectors = synthetic_corpus(90, seed=3)
    again, same = synthetic_corpus(90, seed=3)
    assert docs == again and (vectors == same).all()
    assert abs(float(vectors[0] @ vectors[3]) - 1.0) < abs(float(vectors[0] @ vectors[1]) - 1.0)
    assert all(len(d.split()) == 5 for d in docs)


def test_warm_up_fits_both_paths_and_fills_the_cache(tmp_path):
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "numba"), "THEMATICA_JIT_CACHE": "1"}
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", WARM], capture_output=True, text=True, env=env, timeout=600
        )
        assert done.returncode == 0, done.stderr[-3000:]
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    first, second = runs
    assert first["cache"] == str(tmp_path / "numba")
    assert first["umap_search"] == first["precomputed_neighbors"] == 3, first
    assert list((tmp_path / "numba").rglob("*.nbi")), "nothing cached"
    # the second process loads what the first compiled
    assert second["cpu_s"] < 0.6 * first["cpu_s"], runs
    write_warm_record(second, tmp_path / "out" / "jit.json")
    assert json.loads((tmp_path / "out" / "jit.json").read_text()) == second
