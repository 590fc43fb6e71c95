"""The jit_cache step: one synthetic fit compiles what a topic fit runs, so a later fit compiles nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

WARM_UP = """
from thematica.topics.settings import TopicSettings
from thematica.topics.warmup import compile_topic_fits
compile_topic_fits(TopicSettings())
"""
FIT = """
from tests.unit.topics.conftest import make_corpus
from thematica.topics.model import fit_topics
from thematica.topics.settings import TopicSettings
segments, emb, _ = make_corpus()
settings = TopicSettings(representation="ctfidf")
fit = fit_topics(segments["text"].tolist(), emb, settings, seed=3, represent=False)
assert fit.n_topics == 4, fit.n_topics
"""


def _run(code: str, cache: Path) -> None:
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def _cache_files(cache: Path) -> dict[str, int]:
    return {str(p.relative_to(cache)): p.stat().st_mtime_ns for p in cache.rglob("*.nb*")}


def test_a_fit_after_the_warm_up_compiles_nothing(tmp_path):
    cache = tmp_path / "numba"
    _run(WARM_UP, cache)
    warmed = _cache_files(cache)
    assert any(name.startswith("umap") and "layouts" in name for name in warmed), sorted(warmed)
    _run(FIT, cache)  # another corpus (other size and dimension), the study's settings
    assert _cache_files(cache) == warmed  # nothing compiled, nothing added to the cache


def test_without_the_warm_up_the_fit_compiles(tmp_path):
    """The check above can fail: a fit in an empty cache writes the compiled code there."""
    cache = tmp_path / "numba"
    _run(FIT, cache)
    assert any("layouts" in name for name in _cache_files(cache))
