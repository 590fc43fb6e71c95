"""ONNX exports (fp32, int8) of the bundled all-MiniLM-L6-v2 and a torch-free encoder for them.

The export is made offline, once per model weights, by the workflow itself: the model's transformer is
exported with ``torch.onnx`` (TorchScript exporter, eager attention, opset 17, dynamic batch and sequence
axes; it reproduces the torch model to about 3e-7), then for int8 its matrix multiplications are quantised
with onnxruntime's dynamic quantisation (weights per output channel, activations per tensor at run time;
the token embedding table stays fp32). The encoder runs that file with onnxruntime and the model's
own ``tokenizer.json`` through the ``tokenizers`` package, then pools exactly as the sentence-transformers
pipeline of the model does (``modules.json``: Transformer, mean Pooling, Normalize): the mean of the token
embeddings under the attention mask, scaled to unit length.

Importing this module, or embedding with :class:`OnnxEncoder`, never imports torch: per-transcript embed
jobs start in a fraction of a second instead of the seconds torch and sentence-transformers take. Only
:func:`export_onnx` needs torch.

The encoder runs length-sorted passes (:data:`INT8_BATCH` texts at most for int8), and onnxruntime runs
the export without its SkipLayerNormalization fusion: that fused kernel took several times as long per
element as the plain Add and LayerNormalization it replaces (13-16% of an int8 pass on the development
machine); the graph computes the same function either way. How the encoder runs is
:data:`ENCODE_RECIPE`, part of the backend identity with :data:`RECIPE`.

The int8 model's embeddings stay close to the fp32 model's and the int8 encoder is several times faster
than torch (``make bench`` measures both; docs/performance.md). Both are deterministic on one machine; int8
kernels differ between CPU generations (VNNI or not), so bytes can differ across machines, as float kernels
can.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from thematica.embed.bundled import (
    DISABLED_FUSIONS,
    INT8_BATCH,
    RECIPE,
    load_model,
    model_dir,
    model_identity,
)
from thematica.errors import ThematicaError
from thematica.support.manifest import file_sha256

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

OPSET = 17
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT_NAME = "token_embeddings"
_ORT_HINT = "install them with `pip install onnxruntime onnx tokenizers` (or `make install`)"


def onnx_file_name(identity: dict, precision: Literal["int8", "fp32"] = "int8") -> str:
    """File name of the export, keyed by the weights' SHA-256 and the recipe.

    Examples
    --------
    >>> onnx_file_name({"sha256": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"})
    'all-MiniLM-L6-v2-53aa51172d142c89-c3af7bc1-int8.onnx'
    """
    recipe = hashlib.sha256(RECIPE.encode()).hexdigest()[:8]
    return f"all-MiniLM-L6-v2-{str(identity['sha256'])[:16]}-{recipe}-{precision}.onnx"


EXPORT_FOLDER = "data/processed/embedding_model"
"""Where the workflow keeps the exports, relative to its work folder."""


def onnx_precision(backend: str) -> Literal["int8", "fp32"]:
    """The export a backend reads: ``fp32`` for ``onnx_fp32``, else ``int8`` (``torch`` reads none; the
    workflow's ``onnx_model`` rule is then never needed)."""
    return "fp32" if backend == "onnx_fp32" else "int8"


def export_path(backend: str) -> str:
    """The export an onnx backend reads, relative to the work folder (the workflow's ``onnx_model``
    output): :data:`EXPORT_FOLDER` / :func:`onnx_file_name` of the installed model."""

    return f"{EXPORT_FOLDER}/{onnx_file_name(model_identity(backend), onnx_precision(backend))}"


def export_onnx(
    out_path: str | Path,
    *,
    quantize: bool = True,
    model_folder: str | Path | None = None,
) -> dict:
    """Export the bundled model's transformer to ONNX and quantise it to int8.

    Parameters
    ----------
    out_path
        The ``.onnx`` file to write (its folder is created). A JSON sidecar ``<out_path>.json`` records the
        model identity, the recipe and the versions of torch, onnx and onnxruntime.
    quantize
        ``False`` writes the fp32 export (for fidelity checks).
    model_folder
        The sentence-transformers folder; defaults to the bundled model
        (:func:`thematica.embed.model.model_dir`).

    Returns
    -------
    dict
        The sidecar's content.
    """
    from importlib.metadata import version

    try:
        import onnx  # noqa: F401  (the quantiser needs it)
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise ThematicaError(
            f"exporting the ONNX model needs torch, onnx and onnxruntime ({exc}); {_ORT_HINT}"
        ) from None
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(model_folder) if model_folder is not None else model_dir()
    model = load_model() if model_folder is None else _load_folder(folder)
    transformer = model[0].auto_model.eval()
    transformer.set_attn_implementation("eager")  # plain MatMul/Softmax graph, no tracing of SDPA branches

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    sample = torch.ones((2, 8), dtype=torch.int64)
    axes = {name: {0: "batch", 1: "sequence"} for name in (*INPUT_NAMES, OUTPUT_NAME)}
    torch.manual_seed(0)
    with tempfile.TemporaryDirectory(dir=out_path.parent) as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        with torch.inference_mode(False), torch.no_grad(), _quiet_export():
            torch.onnx.export(
                TokenEmbeddings(transformer).eval(),
                (sample, sample, torch.zeros_like(sample)),
                str(fp32),
                input_names=list(INPUT_NAMES),
                output_names=[OUTPUT_NAME],
                dynamic_axes=axes,
                opset_version=OPSET,
                do_constant_folding=True,
                dynamo=False,
            )
        staged = Path(tmp) / "out.onnx"
        if quantize:
            root = logging.getLogger()
            root.addFilter(_no_preprocessing_hint)
            try:
                quantize_dynamic(
                    str(fp32),
                    str(staged),
                    weight_type=QuantType.QInt8,
                    per_channel=True,
                    op_types_to_quantize=["MatMul"],
                )
            finally:
                root.removeFilter(_no_preprocessing_hint)
        else:
            fp32.replace(staged)
        os.replace(staged, out_path)
    identity = (
        model_identity() if model_folder is None else {"sha256": file_sha256(folder / "model.safetensors")}
    )
    meta = {
        **identity,
        "recipe": RECIPE,
        "precision": "int8" if quantize else "fp32",
        "onnx_sha256": file_sha256(out_path),
        "versions": {p: version(p) for p in ("torch", "onnx", "onnxruntime")},
    }
    Path(f"{out_path}.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    log.info("exported %s (%s) to %s", identity.get("model", "model"), meta["precision"], out_path)
    return meta


def _no_preprocessing_hint(record: logging.LogRecord) -> bool:
    """Drop onnxruntime's generic advice to pre-process (shape inference) before quantising: the
    dynamic quantisation of MatMul weights needs none."""
    return "pre-processing before quantization" not in record.getMessage()


def _load_folder(folder: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(folder), device="cpu", local_files_only=True)


class _quiet_export:
    """Silence the TorchScript exporter's tracer warnings (they concern branches BERT never takes)."""

    def __enter__(self):
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("ignore")
        return self

    def __exit__(self, *exc):
        return self._catch.__exit__(*exc)


class OnnxEncoder:
    """Sentence embeddings from an ONNX export with onnxruntime and ``tokenizers``; no torch.

    Parameters
    ----------
    onnx_path
        The export (:func:`export_onnx`).
    model_folder
        The sentence-transformers folder holding ``tokenizer.json``, ``sentence_bert_config.json`` and
        ``1_Pooling/config.json``; defaults to the bundled model.
    threads
        onnxruntime intra-op threads (1 keeps jobs independent and bytes identical from run to run).

    Examples
    --------
    >>> encoder = OnnxEncoder("model.onnx")  # doctest: +SKIP
    >>> encoder.encode(["I worry about my data."]).shape  # doctest: +SKIP
    (1, 384)
    """

    def __init__(self, onnx_path: str | Path, model_folder: str | Path | None = None, threads: int = 1):

        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ThematicaError(
                f"the ONNX embedding backend needs onnxruntime and tokenizers ({exc}); {_ORT_HINT}"
            ) from None
        onnx_path = Path(onnx_path)
        if not onnx_path.is_file():
            raise ThematicaError(
                "the ONNX embedding model is missing; run the workflow's onnx_model rule "
                "(or set embed.backend: torch)",
                path=onnx_path,
            )
        folder = Path(model_folder) if model_folder is not None else model_dir()
        st_config = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        if kinds != ["Transformer", "Pooling", "Normalize"] or not pooling.get("pooling_mode_mean_tokens"):
            raise ThematicaError(
                f"the ONNX backend supports mean-pooled, normalised models only (found modules {kinds}); "
                "set embed.backend: torch",
                path=folder / "modules.json",
            )
        self.max_seq_length = int(st_config["max_seq_length"])
        self.dimension = int(pooling["word_embedding_dimension"])
        self.lowercase = bool(st_config.get("do_lower_case", False))
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.enable_truncation(max_length=self.max_seq_length)
        pad_id = tokenizer.token_to_id("[PAD]")
        tokenizer.enable_padding(pad_id=0 if pad_id is None else pad_id, pad_token="[PAD]")
        self.tokenizer = tokenizer
        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, int(threads))
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"], disabled_optimizers=DISABLED_FUSIONS
        )
        self._inputs = {i.name for i in self.session.get_inputs()}
        sidecar = Path(f"{onnx_path}.json")
        meta = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.is_file() else {}
        self.precision = str(meta.get("precision", "int8"))

    def get_sentence_embedding_dimension(self) -> int:
        """The embedding dimension (as ``SentenceTransformer`` names it)."""
        return self.dimension

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Embed texts: mean pooling under the attention mask, unit length.

        Texts are sorted by length and run in passes of ``batch_size`` (at most :data:`INT8_BATCH` for the
        int8 model), so a pass pads little. The vectors are a function of the list of texts: the same
        list gives the same bytes.

        Parameters
        ----------
        texts
            ``n`` strings.
        batch_size
            Texts per forward pass.

        Returns
        -------
        numpy.ndarray
            Shape ``(n, dimension)``, float32, in input order.
        """
        import numpy as np

        texts = [t.lower() if self.lowercase else t for t in map(str, texts)]
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # sentence-transformers sorts by descending character length; the order only shapes the batches
        order = np.argsort([-len(t) for t in texts], kind="stable")
        batch_size = max(1, int(batch_size))
        if self.precision == "int8":
            batch_size = min(batch_size, INT8_BATCH)
        for start in range(0, len(texts), batch_size):
            index = order[start : start + batch_size]
            out[index] = self._encode_batch([texts[i] for i in index])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        tokens = self.session.run([OUTPUT_NAME], {k: v for k, v in feeds.items() if k in self._inputs})[0]
        return mean_pool(tokens, mask)


def mean_pool(token_embeddings: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
    """Mean of the token embeddings under the attention mask, then L2-normalised (sentence-transformers'
    ``Pooling(mean)`` followed by ``Normalize``).

    Parameters
    ----------
    token_embeddings
        Shape ``(batch, tokens, dimension)``.
    attention_mask
        Shape ``(batch, tokens)``, 1 for real tokens and 0 for padding.

    Returns
    -------
    numpy.ndarray
        Shape ``(batch, dimension)``, float32, rows of unit length.

    Examples
    --------
    >>> import numpy as np
    >>> tokens = np.array([[[3.0, 4.0], [100.0, 100.0]]])
    >>> [round(float(x), 6) for x in mean_pool(tokens, np.array([[1, 0]]))[0]]
    [0.6, 0.8]
    """
    import numpy as np

    mask = attention_mask[..., None].astype(np.float32)
    summed = (token_embeddings.astype(np.float32) * mask).sum(axis=1)
    pooled = summed / np.clip(mask.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
