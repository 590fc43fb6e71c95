"""The fitted BERTopic model behind a study's candidate themes, for BERTopic's interactive views.

The workflow saves the topic model's tables, not the model. :func:`refit_topic_model` fits it again from the
stored embeddings with the configuration's topic settings and seed, through the same
:func:`thematica.topics.model.fit_topics` the topics step uses; with precomputed embeddings and a fixed
seed the fit is deterministic, and the refit is checked against ``segment_topics.parquet``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from thematica.errors import ThematicaError
from thematica.explore.results import StudyResults
from thematica.topics.bertopic_import import import_bertopic
from thematica.topics.keyword_model import keyword_model, needs_torch
from thematica.topics.model import TopicFit, fit_topics
from thematica.topics.settings import TopicSettings, resolve_sizes

log = logging.getLogger(__name__)


@dataclass
class FittedTopics:
    """A refitted topic model and what it was fitted on.

    BERTopic numbers topics its own way; the pipeline renumbers them by size. The model's custom labels
    read ``"<pipeline topic>: <label>"`` (from ``topic_info.csv``), so views drawn with
    ``custom_labels=True`` show the pipeline's numbers; :meth:`model_topics` translates numbers for the
    views' ``topics=`` arguments.

    Attributes
    ----------
    model
        The fitted ``bertopic.BERTopic``.
    fit
        The :class:`~thematica.topics.model.TopicFit` (``fit.topics`` in the pipeline's numbering).
    docs
        The ``n`` segment texts, in the order of ``segments``.
    embeddings
        Shape ``(n, d)``.
    segments
        The study's segments with their ``topic``.
    settings, seed
        What the model was fitted with.
    to_model
        Pipeline topic -> the model's topic id.
    """

    model: object
    fit: TopicFit
    docs: list[str]
    embeddings: np.ndarray = field(repr=False)
    segments: pd.DataFrame = field(repr=False)
    settings: TopicSettings = field(repr=False)
    seed: int = 0
    to_model: dict[int, int] = field(default_factory=dict)

    @property
    def topics(self) -> np.ndarray:
        """Shape ``(n,)``: each segment's topic in the pipeline's numbering (``-1``: outlier)."""
        return self.fit.topics

    def model_topics(self, topics: Iterable[int]) -> list[int]:
        """The model's ids of pipeline topics (for ``topics=`` in ``visualize_*``)."""
        return [self.to_model[int(t)] for t in topics]

    def topics_per_group(self) -> pd.DataFrame:
        """BERTopic's ``topics_per_class`` with the study's groups as classes, for
        ``visualize_topics_per_class``.

        Keywords per topic and group are c-TF-IDF's (tuned towards the topic's global keywords); the
        keyword model is not rerun for every topic and group.

        Returns
        -------
        pandas.DataFrame
            BERTopic's columns ``Topic, Words, Frequency, Class`` (``Topic`` in the model's numbering).
        """
        model = self.model
        representation, model.representation_model = model.representation_model, None
        try:
            return model.topics_per_class(self.docs, classes=self.segments["group"].astype(str).tolist())
        finally:
            model.representation_model = representation

    def hierarchical_topics(self) -> pd.DataFrame:
        """BERTopic's hierarchy of the topics as the topics step builds it, the tree the top-level candidate
        themes are cut from (:func:`thematica.topics.hierarchy.bertopic_hierarchy`), for
        ``visualize_hierarchy(hierarchical_topics=...)``; in the model's topic numbering."""
        from thematica.topics.hierarchy import bertopic_hierarchy

        return bertopic_hierarchy(self.model, self.docs, self.embeddings)

    def document_coordinates(self) -> np.ndarray:
        """A 2-D UMAP layout of the segments for ``visualize_documents(reduced_embeddings=...)``.

        Seeded like the model (same neighbours, metric and start), so the map is the same every time.

        Returns
        -------
        numpy.ndarray
            Shape ``(n, 2)``.
        """
        from umap import UMAP

        sizes = resolve_sizes(self.settings, len(self.docs))
        reducer = UMAP(
            n_neighbors=sizes["n_neighbors"],
            n_components=2,
            min_dist=self.settings.min_dist,
            init=self.settings.umap_init,
            metric="cosine",
            random_state=self.seed % (2**32),
        )
        return np.asarray(reducer.fit_transform(self.embeddings), dtype=np.float64)


def _model_ids(model_topics: np.ndarray, topics: np.ndarray) -> dict[int, int]:
    """Pipeline topic -> model topic, from the two numberings of the same assignments."""
    pairs = set(zip(topics.tolist(), model_topics.tolist(), strict=True))
    mapping = dict(pairs)
    if len(mapping) != len(pairs) or len(set(mapping.values())) != len(mapping):
        raise ThematicaError("the model's topics do not correspond one to one to the renumbered topics")
    return mapping


def _backend(results: StudyResults) -> dict:
    """The backend that embedded the study's segments (recorded in ``embeddings.json``) and, for an onnx
    backend, its export in the work folder: the keywords are embedded as the topics step embedded them."""
    import json

    from thematica.embed.onnx import export_path

    sidecar = results.root / "data" / "processed" / results.name / "embeddings.json"
    backend = str(json.loads(sidecar.read_text(encoding="utf-8")).get("backend", "torch"))
    onnx_path = None if backend == "torch" else results.root / export_path(backend)
    return {"backend": backend, "onnx_path": onnx_path}


def refit_topic_model(results: StudyResults, *, check: bool = True, threads: int = 1) -> FittedTopics:
    """Fit the study's topic model again, exactly as the topics step did.

    The settings and seed come from the configuration the results were made with
    (:attr:`StudyResults.config`); the embeddings from ``data/processed/<study>/embeddings.npy``; keywords
    use the bundled embedding model (loaded offline) unless ``topics.representation`` is ``ctfidf``.
    Stability refits are not repeated (``stability.csv`` holds them). The fit runs with one BLAS thread,
    as the topics step does: with more, the same seed can give other topics.

    Parameters
    ----------
    results
        The study (:func:`thematica.explore.load_study`).
    check
        Compare the refit's topic of every segment with ``results/<study>/topics/segment_topics.parquet``
        and raise when they differ.
    threads
        Threads for keyword embeddings.

    Returns
    -------
    FittedTopics

    Raises
    ------
    ThematicaError
        If ``check`` finds a segment whose topic differs (the results were made with other settings, seed,
        package versions, or with more than one thread for the topics rule).
    """
    settings = TopicSettings.from_config(results.settings("topics"))
    segments = results.segments.reset_index(drop=True)
    docs = segments["text"].astype(str).tolist()
    embeddings = results.embeddings
    embedding_model = keyword_model(settings, threads=threads, **_backend(results))
    # BERTopic with plotly, for its views (the workflow's steps import it without)
    import_bertopic(embeds=needs_torch(embedding_model), plots=True)
    # The topics step runs with one BLAS / OpenMP thread (Snakemake sets OMP_NUM_THREADS and friends to the
    # rule's threads); UMAP's exact neighbours and PCA start differ in the last bits with more threads, and
    # UMAP's layout amplifies that into other topics. One thread here gives the pipeline's fit.
    with threadpool_limits(limits=1):
        fit = fit_topics(docs, embeddings, settings, seed=results.seed, embedding_model=embedding_model)
    model = fit.model
    to_model = _model_ids(np.asarray(model.topics_, dtype=np.int64), fit.topics)
    if check:
        stored = results.segment_topics.set_index("segment_id")["topic"]
        stored = stored.reindex(segments["segment_id"]).to_numpy()
        differ = int((stored != fit.topics).sum())
        if differ:
            raise ThematicaError(
                f"the refitted model puts {differ} of {len(docs)} segments in another topic than the "
                "pipeline did; the results were made with other settings, seed, package versions or more "
                "threads: pass the config they were made with (config=), or rerun the topics step "
                "(check=False gives the refitted model anyway)",
                path=results.path("segment_topics"),
            )
    if results.has("topic_info"):
        info = results.topic_info
        labels = {int(t): f"{int(t)}: {label}" for t, label in zip(info["topic"], info["label"], strict=True)}
        model.set_topic_labels({to_model[t]: text for t, text in labels.items() if t in to_model})
    log.info("refitted %s: %d topics", results.name, fit.n_topics)
    return FittedTopics(
        model=model,
        fit=fit,
        docs=docs,
        embeddings=embeddings,
        segments=segments.assign(topic=fit.topics),
        settings=settings,
        seed=results.seed,
        to_model=to_model,
    )
