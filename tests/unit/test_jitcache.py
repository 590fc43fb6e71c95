"""The persistent numba cache: keyed by versions, off when asked, and UMAP's results unchanged by it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from thematica import jitcache

UMAP_RUN = textwrap.dedent(
    """
    import hashlib, json, sys, time
    from thematica.jitcache import enable_jit_cache
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
