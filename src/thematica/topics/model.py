"""BERTopic from its own components, fitted on precomputed embeddings, reproducibly.

BERTopic, UMAP and HDBSCAN are imported inside the functions: they pull in torch (seconds, hundreds of MB).
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from thematica.errors import ThematicaError
from thematica.topics.settings import TopicSettings, resolve_sizes

log = logging.getLogger(__name__)


_NOT_WORD = re.compile(r"[^A-Za-z0-9 ]+")


def _plain(text: str) -> str:
    """BERTopic's preprocessing for English (only letters, digits and spaces kept), lower-cased."""
    return _NOT_WORD.sub("", text.replace("\n", " ")).lower()


class FillerRemover:
    """CountVectorizer preprocessor: BERTopic's cleaning, lower case, then multi-word fillers blanked out.

    Single-word fillers are handled as stop words; phrases ("you know", "kind of") cannot be, because the
    vectorizer applies stop words token by token. Text and phrases are cleaned as BERTopic cleans documents
    before c-TF-IDF (apostrophes dropped), so the same words count in every code path.

    Examples
    --------
    >>> remove = FillerRemover(["you know", "kind of", "I don't know"])
    >>> remove("It's, you know, KIND  of scary. I don't know").split()
    ['its', 'scary']
    """

    def __init__(self, phrases: Sequence[str]) -> None:
        cleaned = {" ".join(_plain(p).split()) for p in phrases}
        self.phrases = tuple(sorted((p for p in cleaned if p), key=lambda p: (-len(p), p)))
        body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in self.phrases)
        self._pattern = re.compile(rf"\b(?:{body})\b") if body else None

    def __call__(self, text: str) -> str:
        text = _plain(text)
        return self._pattern.sub(" ", text) if self._pattern is not None else text

    def __getstate__(self) -> dict:
        return {"phrases": self.phrases}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["phrases"])


def build_vectorizer(settings: TopicSettings):
    """The CountVectorizer: English stop words plus single-word fillers, filler phrases removed, n-grams.

    Returns
    -------
    sklearn.feature_extraction.text.CountVectorizer
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

    words = {_plain(f).strip() for f in settings.fillers if len(f.split()) == 1 and _plain(f).strip()}
    phrases = [f for f in settings.fillers if len(f.split()) > 1]
    return CountVectorizer(
        preprocessor=FillerRemover(phrases),
        stop_words=sorted(ENGLISH_STOP_WORDS | words),
        ngram_range=tuple(settings.ngram_range),
        min_df=settings.min_df,
    )


def build_topic_model(
    settings: TopicSettings,
    n_segments: int,
    *,
    seed: int,
    embedding_model=None,
    represent: bool = True,
    neighbors: tuple[np.ndarray, np.ndarray] | None = None,
):
    """A BERTopic made of UMAP (seeded), HDBSCAN, the filler-aware CountVectorizer, c-TF-IDF and a
    representation model.

    Parameters
    ----------
    settings
        The topic settings; ``"auto"`` sizes are resolved for ``n_segments``.
    n_segments
        Corpus size.
    seed
        UMAP's ``random_state`` (which also makes UMAP single-threaded and reproducible).
    embedding_model
        The study's embedding model (:func:`thematica.topics.keyword_model.keyword_model`: a
        SentenceTransformer, or an ONNX encoder). BERTopic never embeds the segments themselves here (they
        come precomputed) but KeyBERTInspired embeds candidate keywords with it. Without it, BERTopic
        would try to download a model.
    represent
        ``False`` skips the representation model (for stability refits, which only need assignments).
    neighbors
        UMAP's ``precomputed_knn`` (indices, distances; :mod:`thematica.topics.neighbors`), or ``None``
        for UMAP's own search. A model fitted with them cannot transform new segments.

    Returns
    -------
    bertopic.BERTopic
    """
    from thematica.topics.bertopic_import import import_bertopic
    from thematica.topics.keyword_model import bertopic_embedder, needs_torch

    # numba's code cached on disk; torch and the embedding stack only where a torch model embeds keywords
    import_bertopic(embeds=needs_torch(embedding_model))
    from bertopic import BERTopic
    from bertopic.representation import KeyBERTInspired, MaximalMarginalRelevance
    from bertopic.vectorizers import ClassTfidfTransformer
    from hdbscan import HDBSCAN
    from umap import UMAP

    sizes = resolve_sizes(settings, n_segments)
    representation = None
    if represent and settings.representation == "keybert":
        if embedding_model is None:
            raise ThematicaError(
                "KeyBERTInspired keywords need the local embedding model; pass embedding_model"
            )
        representation = KeyBERTInspired(top_n_words=settings.top_n_words, random_state=seed % (2**32))
    elif represent and settings.representation == "mmr":
        if embedding_model is None:
            raise ThematicaError("MMR keywords need the local embedding model; pass embedding_model")
        representation = MaximalMarginalRelevance(
            diversity=settings.mmr_diversity, top_n_words=settings.top_n_words
        )
    return BERTopic(
        embedding_model=bertopic_embedder(embedding_model),
        umap_model=UMAP(
            n_neighbors=sizes["n_neighbors"],
            n_components=settings.n_components,
            min_dist=settings.min_dist,
            init=settings.umap_init,
            n_epochs=settings.n_epochs,
            metric="cosine",
            random_state=seed % (2**32),
            precomputed_knn=(None, None, None) if neighbors is None else (*neighbors, None),
        ),
        hdbscan_model=HDBSCAN(
            min_cluster_size=sizes["min_topic_size"],
            min_samples=sizes["min_samples"],
            metric="euclidean",
            cluster_selection_method=settings.cluster_selection_method,
            prediction_data=True,
        ),
        vectorizer_model=build_vectorizer(settings),
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        representation_model=representation,
        top_n_words=settings.top_n_words,
        nr_topics=settings.nr_topics,
        calculate_probabilities=False,
        verbose=False,
    )


@dataclass
class TopicFit:
    """What :func:`fit_topics` returns.

    Attributes
    ----------
    topics
        Shape ``(n,)``, int: topic of each segment, ``-1`` for an outlier. Topics are numbered ``0..k-1``
        by size (largest first; ties by BERTopic's own order).
    probability
        Shape ``(n,)``: HDBSCAN's membership strength of the segment in its topic; ``0`` for an outlier,
        also when outlier reduction then assigned it to a topic.
    reassigned
        Shape ``(n,)``, bool: outliers that outlier reduction assigned to a topic.
    keywords
        Topic -> ``[(keyword, score), ...]`` best first; empty when fitted without representation.
    sizes
        The resolved ``min_topic_size``, ``min_samples`` and ``n_neighbors``.
    model
        The fitted BERTopic (not saved by the workflow).
    """

    topics: np.ndarray
    probability: np.ndarray
    reassigned: np.ndarray
    keywords: dict[int, list[tuple[str, float]]] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    model: object = field(default=None, repr=False)

    @property
    def n_topics(self) -> int:
        return int(len(set(self.topics.tolist()) - {-1}))

    @property
    def outlier_share(self) -> float:
        return float(np.mean(self.topics == -1)) if len(self.topics) else 0.0


def too_small(n_segments: int, settings: TopicSettings) -> bool:
    """Whether a corpus has fewer participant segments than ``topics.min_segments``: a study too small for
    candidate themes, whose workflow skips them (:func:`thematica.topics.study.study_topics`) while every
    other stage runs.

    Examples
    --------
    >>> too_small(29, TopicSettings()), too_small(30, TopicSettings())
    (True, False)
    """
    return n_segments < settings.min_segments


def skip_message(n_segments: int, settings: TopicSettings, study: str = "") -> str:
    """The one line a study too small for candidate themes logs (a warning of the topics step).

    Examples
    --------
    >>> print(skip_message(29, TopicSettings(), "interviews"))  # doctest: +NORMALIZE_WHITESPACE
    interviews: only 29 participant segments, fewer than topics.min_segments (30):
    candidate themes skipped; every other stage runs
    """
    prefix = f"{study}: " if study else ""
    return (
        f"{prefix}only {n_segments} participant segments, fewer than topics.min_segments "
        f"({settings.min_segments}): candidate themes skipped; every other stage runs"
    )


def check_corpus(n_segments: int, settings: TopicSettings) -> None:
    """Raise a plain :class:`ThematicaError` when a corpus is too small to model (a direct fit; the
    workflow skips such a study's candidate themes instead, :func:`too_small`)."""
    if too_small(n_segments, settings):
        raise ThematicaError(
            f"only {n_segments} participant segments: too few to find candidate themes (topics.min_segments "
            f"is {settings.min_segments}); add interviews, or lower topics.min_segments in the config"
        )


def fit_topics(
    docs: Sequence[str],
    embeddings: np.ndarray,
    settings: TopicSettings,
    *,
    seed: int,
    embedding_model=None,
    represent: bool = True,
    neighbors: tuple[np.ndarray, np.ndarray] | None = None,
    umap_search: bool = False,
) -> TopicFit:
    """Fit BERTopic on precomputed embeddings, reduce outliers, and number topics by size.

    Parameters
    ----------
    docs
        ``n`` segment texts.
    embeddings
        Shape ``(n, d)``: their embeddings (:mod:`thematica.embed.model`).
    settings
        Topic settings.
    seed
        UMAP's random state.
    embedding_model, represent
        See :func:`build_topic_model`.
    neighbors
        The embeddings' neighbours (:func:`corpus_neighbors`), found here with ``seed`` when not given;
        refits of one corpus pass the reference fit's, found once.
    umap_search
        Let UMAP find the neighbours itself instead (slower, and what the pipeline never does): the only
        fit whose model can ``transform`` new embeddings, as UMAP then keeps a search index.

    Returns
    -------
    TopicFit

    Raises
    ------
    ThematicaError
        If the corpus is smaller than ``settings.min_segments``, or HDBSCAN finds no topic at all.
    """
    from threadpoolctl import threadpool_limits

    from thematica.support.jitcache import one_numba_thread

    # One BLAS thread: UMAP's PCA start and the outlier reduction's similarities otherwise change with the
    # number of threads, and with them the themes (a refit with default threads moved most segments).
    with threadpool_limits(limits=1), one_numba_thread():
        return _fit_topics(
            docs, embeddings, settings, seed, embedding_model, represent, neighbors, umap_search
        )


def corpus_neighbors(
    embeddings: np.ndarray, settings: TopicSettings, *, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """The neighbours every fit of this corpus gives UMAP
    (:func:`thematica.topics.neighbors.precomputed_neighbors` with the corpus's ``n_neighbors``; ``seed``
    seeds the approximate search of a corpus too large to search exactly: the reference fit's)."""
    from thematica.topics.neighbors import precomputed_neighbors

    n = len(embeddings)
    return precomputed_neighbors(embeddings, resolve_sizes(settings, n)["n_neighbors"], seed=seed)


def _fit_topics(
    docs, embeddings, settings, seed, embedding_model, represent, neighbors, umap_search
) -> TopicFit:
    """:func:`fit_topics` under a one-thread BLAS."""
    docs = [str(d) for d in docs]
    embeddings = np.asarray(embeddings, dtype=np.float32)
    if embeddings.shape[0] != len(docs):
        raise ThematicaError(
            f"{len(docs)} segments but {embeddings.shape[0]} embeddings; rerun the embed step"
        )
    check_corpus(len(docs), settings)
    if neighbors is None and not umap_search:
        neighbors = corpus_neighbors(embeddings, settings, seed=seed)
    model = build_topic_model(
        settings,
        len(docs),
        seed=seed,
        embedding_model=embedding_model,
        represent=represent,
        neighbors=neighbors,
    )
    # Keywords are computed once, on the final assignments: fit without the representation model, then
    # reduce outliers, then let update_topics run c-TF-IDF and the representation model.
    representation, model.representation_model = model.representation_model, None
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="n_jobs value", category=UserWarning)  # seeded UMAP: 1 job
        warnings.filterwarnings("ignore", message=r"precomputed_knn\[2\]", category=UserWarning)  # no index
        raw, probs = model.fit_transform(docs, embeddings)
    raw = np.asarray(raw, dtype=np.int64)
    probability = np.asarray(probs, dtype=np.float64).reshape(len(docs), -1).max(axis=1)
    sizes = resolve_sizes(settings, len(docs))
    if not (raw != -1).any():
        raise ThematicaError(
            f"no candidate themes: HDBSCAN put all {len(docs)} segments in the outlier topic "
            f"(min_topic_size {sizes['min_topic_size']}); lower topics.min_topic_size or add interviews"
        )
    topics = raw
    if settings.outlier_reduction != "none" and (raw == -1).any():
        topics = np.asarray(
            model.reduce_outliers(
                docs,
                raw.tolist(),
                strategy=settings.outlier_reduction,
                threshold=settings.outlier_threshold,
                embeddings=embeddings,
            ),
            dtype=np.int64,
        )
    if represent:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            logging.getLogger("BERTopic").setLevel(logging.ERROR)  # "custom list of topic assignments"
            model.update_topics(
                docs,
                topics=topics.tolist(),
                top_n_words=settings.top_n_words,
                vectorizer_model=model.vectorizer_model,
                ctfidf_model=model.ctfidf_model,
                representation_model=representation,
            )
    reassigned = (raw == -1) & (topics != -1)
    probability = np.where(raw == -1, 0.0, probability)
    topics, mapping = renumber_by_size(topics)
    keywords: dict[int, list[tuple[str, float]]] = {}
    if represent:
        for old, new in mapping.items():
            words = model.get_topic(old) or []
            keywords[new] = [(str(w), float(s)) for w, s in words if str(w)]
    fit = TopicFit(topics, probability, reassigned, keywords, sizes, model)
    log.info(
        "seed %d: %d topics, %.1f%% outliers (%d reassigned), sizes %s",
        seed,
        fit.n_topics,
        100 * fit.outlier_share,
        int(reassigned.sum()),
        sizes,
    )
    return fit


def renumber_by_size(topics: np.ndarray) -> tuple[np.ndarray, dict[int, int]]:
    """Number topics ``0..k-1`` by size, largest first, ties by old number; ``-1`` stays ``-1``.

    Returns
    -------
    (numpy.ndarray, dict)
        The new topics, shape ``(n,)``, and the mapping old -> new.

    Examples
    --------
    >>> new, mapping = renumber_by_size(np.array([3, 3, -1, 0, 5, 5, 5]))
    >>> new.tolist(), mapping
    ([1, 1, -1, 2, 0, 0, 0], {5: 0, 3: 1, 0: 2})
    """
    topics = np.asarray(topics, dtype=np.int64)
    ids, counts = np.unique(topics[topics != -1], return_counts=True)
    order = sorted(zip(ids.tolist(), counts.tolist(), strict=True), key=lambda x: (-x[1], x[0]))
    mapping = {old: new for new, (old, _) in enumerate(order)}
    lookup = {**mapping, -1: -1}
    return np.array([lookup[t] for t in topics.tolist()], dtype=np.int64), mapping
