"""A study's embeddings in one process, transcript by transcript, with a per-transcript cache.

One process loads the model once for the whole study (the start-up of torch and the model costs more than
embedding a transcript). Each transcript is still embedded on its own, with the same batches as a
process of its own would use, so a segment's vector depends only on its transcript's segments, never on
which other transcripts a run holds. That keeps the cache exact: a transcript whose segments, model,
backend, batch size and runtime version are unchanged is read back from
``data/processed/<study>/embeddings/<transcript>.npy`` (and its JSON sidecar) instead of being
embedded again, so adding an interview embeds only that interview, and the study file comes out byte for
byte as a cold run would write it.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from thematica.embed.model import Backend, embed_texts, embedding_key, load_encoder, sidecar, write_embeddings

# the embed stage's other workflow entry: every script of the stage calls embed.study
from thematica.embed.onnx import export_onnx  # noqa: F401
from thematica.support.workers import cache_entry, log_cache_use, map_in_processes


def _cached(npy: Path, meta_path: Path, expected: dict) -> np.ndarray | None:
    """The cached vectors when their sidecar is exactly ``expected``; ``None`` otherwise."""
    if not (npy.is_file() and meta_path.is_file()):
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        vectors = np.load(npy, allow_pickle=False)
    except (OSError, ValueError):
        return None
    if meta != expected or vectors.shape[0] != expected["n_segments"]:
        return None
    return vectors


def embed_study(
    segments: pd.DataFrame,
    cache_dir: str | Path,
    *,
    backend: Backend = "torch",
    onnx_path: str | Path | None = None,
    batch_size: int = 64,
    threads: int = 1,
) -> tuple[np.ndarray, dict]:
    """Embed a study's segments, one transcript at a time, reusing unchanged transcripts from the cache.

    Parameters
    ----------
    segments
        The study's segment table (``segment_id``, ``transcript``, ``text``), ``n`` rows.
    cache_dir
        Folder of the per-transcript cache (created; stale entries are overwritten).
    backend, onnx_path, batch_size
        See :func:`thematica.embed.model.embed_segments`.
    threads
        Worker processes for the transcripts to embed (:func:`thematica.support.workers.map_in_processes`);
        each runs the model on one thread, so the vectors are the same for any number.

    Returns
    -------
    (numpy.ndarray, dict)
        Embeddings of shape ``(n, dimension)`` in the row order of ``segments``, and the sidecar: the cache
        key plus ``n_segments``, ``segment_ids`` and ``text_sha256`` (the same whether transcripts came from
        the cache or not).
    """
    cache_dir = Path(cache_dir)
    key = embedding_key(backend, batch_size)
    vectors = np.zeros((len(segments), int(key["dimension"])), dtype=np.float32)
    positions = segments.groupby(segments["transcript"].astype(str), sort=False).indices
    missing = []
    for transcript, at in positions.items():
        rows = segments.iloc[at]
        expected = sidecar(key, rows)
        npy, meta = cache_entry(cache_dir, transcript, ".npy"), cache_entry(cache_dir, transcript)
        part = _cached(npy, meta, expected)
        if part is None:
            missing.append((at, rows["text"].astype(str).tolist(), expected, npy, meta))
        else:
            vectors[at] = part
    parts = map_in_processes(
        _embed_in_worker,
        [texts for _, texts, _, _, _ in missing],
        processes=threads,
        initializer=_load_in_worker,
        initargs=(backend, onnx_path, batch_size),
        progress="transcripts embedded",
    )
    for (at, _, expected, npy, meta), part in zip(missing, parts, strict=True):
        write_embeddings(part, expected, npy, meta)
        vectors[at] = part
    log_cache_use("embedded", len(missing), len(positions), threads, cache_dir)
    return vectors, sidecar(key, segments)


_WORKER: dict = {}


def _load_in_worker(backend: Backend, onnx_path: str | Path | None, batch_size: int) -> None:
    _WORKER.update(model=load_encoder(backend, onnx_path=onnx_path, threads=1), batch_size=batch_size)


def _embed_in_worker(texts: list[str]) -> np.ndarray:
    return embed_texts(texts, model=_WORKER["model"], batch_size=_WORKER["batch_size"], threads=1)
