"""The model that embeds keywords for KeyBERT and MMR: the study's own embedding backend.

KeyBERTInspired embeds each theme's representative segments and its candidate words, and ranks the words
by their cosine to the segments' mean. The vectors come from the backend that embedded the segments
(``embed.backend``): the torch ``SentenceTransformer``, or for the ONNX backends the same export through
:class:`thematica.embed.onnx.OnnxEncoder`, which BERTopic receives wrapped in its own ``BaseEmbedder``.
With an ONNX backend the topics step then never imports torch (seconds of CPU in every topics process),
and its keywords are embedded by the faster encoder.
"""

from __future__ import annotations

from pathlib import Path

from thematica.topics.settings import TopicSettings


def keyword_model(
    settings: TopicSettings,
    *,
    backend: str = "torch",
    onnx_path: str | Path | None = None,
    threads: int = 1,
):
    """The embedding model for keyword representations, or ``None`` for plain c-TF-IDF keywords.

    Parameters
    ----------
    settings
        Topic settings (``representation``).
    backend
        ``embed.backend``: ``torch``, ``onnx_fp32`` or ``onnx_int8``.
    onnx_path
        The backend's export (the onnx backends only).
    threads
        Threads for the model.

    Returns
    -------
    SentenceTransformer, OnnxEncoder or None
        What :func:`thematica.topics.model.fit_topics` takes as ``embedding_model``.
    """
    if settings.representation == "ctfidf":
        return None
    from thematica.embed.model import load_encoder

    if backend == "torch":  # an OnnxEncoder takes its threads as an argument; torch, process-wide
        import torch

        torch.set_num_threads(max(1, int(threads)))
    return load_encoder(backend, onnx_path=onnx_path, threads=threads)  # type: ignore[arg-type]


def needs_torch(embedding_model) -> bool:
    """Whether BERTopic must be imported with torch for this model (a torch ``SentenceTransformer``)."""
    from thematica.embed.onnx import OnnxEncoder

    return embedding_model is not None and not isinstance(embedding_model, OnnxEncoder)


def bertopic_embedder(embedding_model):
    """What BERTopic gets as ``embedding_model``: an :class:`~thematica.embed.onnx.OnnxEncoder` in a
    ``BaseEmbedder`` (BERTopic would not recognise it), anything else as it is."""
    from thematica.embed.onnx import OnnxEncoder

    return _encoder_backend(embedding_model) if isinstance(embedding_model, OnnxEncoder) else embedding_model


def _encoder_backend(encoder):
    from thematica.topics.bertopic_import import import_bertopic

    import_bertopic(embeds=False)  # without torch, unless BERTopic is imported already
    from bertopic.backend import BaseEmbedder

    class OnnxBackend(BaseEmbedder):
        """BERTopic's view of an :class:`~thematica.embed.onnx.OnnxEncoder`."""

        def __init__(self, encoder) -> None:
            super().__init__()
            self.embedding_model = encoder

        def embed(self, documents, verbose: bool = False):
            return self.embedding_model.encode(list(documents))

    return OnnxBackend(encoder)
