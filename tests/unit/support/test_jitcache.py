"""The persistent numba cache: keyed by versions, off when asked, and UMAP's results unchanged by it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from thematica.support import jitcache

UMAP_RUN = textwrap.dedent(
    """
    import hashlib, json, sys, time
    from thematica.support.jitcache import enable_jit_cache
    folder = enable_jit_cache(sys.argv[1]) if sys.argv[1] != "off" else None
    import numpy as np
    from umap import UMAP
    x = np.random.default_rng(0).normal(size=(120, 16)).astype(np.float32)
    start = time.process_time()
    y = UMAP(n_neighbors=10, n_components=2, random_state=3, init="pca", n_epochs=50).fit_transform(x)
    print(json.dumps({"folder": str(folder), "sha": hashlib.sha256(y.tobytes()).hexdigest(),
                      "fit_cpu_s": time.process_time() - start}))
    """
)


def _umap(arg: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NUMBA_CACHE_DIR", "THEMATICA_JIT_CACHE")}
    done = subprocess.run(
        [sys.executable, "-c", UMAP_RUN, arg], capture_output=True, text=True, env=env, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_key_changes_with_package_versions(monkeypatch):
    key = jitcache.cache_key()
    real = jitcache.version
    monkeypatch.setattr(jitcache, "version", lambda p: "9.9.9" if p == "umap-learn" else real(p))
    assert jitcache.cache_key() != key


def test_disabled_by_environment(monkeypatch):
    monkeypatch.setattr(jitcache, "_state", {})
    monkeypatch.setenv("THEMATICA_JIT_CACHE", "0")
    assert jitcache.enable_jit_cache() is None


def test_not_enabled_once_the_libraries_are_imported(monkeypatch):
    monkeypatch.setattr(jitcache, "_state", {})
    monkeypatch.delenv("THEMATICA_JIT_CACHE", raising=False)
    monkeypatch.setitem(sys.modules, "umap", object())
    assert jitcache.enable_jit_cache() is None


@pytest.mark.slow
def test_cached_umap_gives_the_same_bytes(tmp_path):
    """A cold cache compiles and fills the folder; a warm one loads it; neither changes UMAP's result."""
    cold = _umap(str(tmp_path))
    assert cold["folder"] == str(tmp_path / jitcache.cache_key())
    cached = list((tmp_path / jitcache.cache_key()).rglob("*.nbi"))
    assert any("umap" in str(p) or "layouts" in p.name for p in cached), cached[:5]
    warm = _umap(str(tmp_path))
    off = _umap("off")
    assert cold["sha"] == warm["sha"] == off["sha"]


NUMBA_THREADS_RUN = textwrap.dedent(
    """
    import json, sys
    from thematica.support.jitcache import limit_numba_threads
    first = limit_numba_threads(int(sys.argv[1]))  # before numba's import: caps its workers
    import numba
    from thematica.support.jitcache import one_numba_thread
    with one_numba_thread():
        during = numba.get_num_threads()
    print(json.dumps({"first": first, "config": numba.config.NUMBA_NUM_THREADS,
                      "after_fit": numba.get_num_threads(), "during_fit": during,
                      "later": limit_numba_threads(8)}))
    """
)


def test_numba_threads_are_capped_for_a_step_and_one_during_a_fit():
    """A topic step starts numba with its own threads (idle OpenMP workers spin and take the cores of
    the torch keyword embedding and of the jobs beside it); a fit runs numba on one thread and restores
    what was set before."""
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_NUM_THREADS"}
    done = subprocess.run(
        [sys.executable, "-c", NUMBA_THREADS_RUN, "1"], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got == {"first": 1, "config": 1, "after_fit": 1, "during_fit": 1, "later": 1}


def test_numba_threads_lowered_after_numba_is_imported():
    import numba

    before = numba.get_num_threads()
    try:
        assert jitcache.limit_numba_threads(1) == 1 and numba.get_num_threads() == 1
        assert jitcache.limit_numba_threads(10**6) == numba.config.NUMBA_NUM_THREADS
    finally:
        numba.set_num_threads(before)
