"""Settings of the topic model (the config's ``topics`` section) and their scaling with corpus size."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from typing import Literal

from thematica.errors import ThematicaError

#: Words of spoken English that carry no theme, on top of scikit-learn's English stop words. Single words
#: become stop words; phrases are removed before tokenising. Contractions are listed as BERTopic's
#: preprocessing leaves them (apostrophes dropped: "don't" -> "dont", "I'd" -> "id").
DEFAULT_FILLERS = (
    "um",
    "umm",
    "uh",
    "uhm",
    "er",
    "erm",
    "hmm",
    "mm",
    "mhm",
    "ah",
    "oh",
    "yeah",
    "yep",
    "yes",
    "okay",
    "ok",
    "like",
    "just",
    "really",
    "actually",
    "basically",
    "honestly",
    "literally",
    "obviously",
    "pretty",
    "maybe",
    "probably",
    "guess",
    "stuff",
    "thing",
    "things",
    "lot",
    "bit",
    "gonna",
    "wanna",
    "gotta",
    "know",
    "im",
    "id",
    "ive",
    "dont",
    "doesnt",
    "didnt",
    "isnt",
    "wasnt",
    "arent",
    "cant",
    "couldnt",
    "wouldnt",
    "shouldnt",
    "wont",
    "thats",
    "theres",
    "theyre",
    "youre",
    "weve",
    "theyve",
    "youve",
    "hes",
    "shes",
    "lets",
    "whats",
    "you know",
    "i mean",
    "kind of",
    "sort of",
    "i think",
    "i don't know",
    "i guess",
    "or something",
    "something like that",
    "to be honest",
    "a little",
)

Representation = Literal["keybert", "mmr", "ctfidf"]
OutlierStrategy = Literal["embeddings", "c-tf-idf", "none"]
ClusterSelection = Literal["eom", "leaf"]
UmapInit = Literal["pca", "random", "spectral"]


@dataclass(frozen=True)
class TopicSettings:
    """Every parameter of the topic model; defaults suit 10–60 interviews.

    Attributes
    ----------
    min_topic_size
        HDBSCAN's ``min_cluster_size``; ``"auto"`` scales with the corpus (:func:`resolve_sizes`).
    n_neighbors
        UMAP's ``n_neighbors``; ``"auto"`` scales with the corpus.
    min_samples
        HDBSCAN's ``min_samples`` (how conservative clustering is); ``"auto"`` takes a fraction of
        ``min_topic_size``, which keeps the outlier share low.
    n_components, min_dist
        UMAP's output dimension and minimum distance.
    umap_init
        UMAP's initial layout. ``"pca"`` (default) and ``"random"`` are reproducible; UMAP's own default,
        ``"spectral"``, is not when the neighbour graph falls into several components (as repeated or
        near-identical segments make it): each component's eigenvectors come from ARPACK, whose restarts
        draw from an internal random state that carries over between calls.
    n_epochs
        UMAP's optimisation epochs; ``None`` lets UMAP choose (500 below 10,000 segments, 200 above). Fewer
        epochs make every fit faster and its layout less settled: the agreement between seeds drops
        (``benchmarks/bench_layouts.py``, docs/performance.md).
    cluster_selection_method
        HDBSCAN's ``"eom"`` (fewer, larger topics) or ``"leaf"`` (more, finer topics).
    nr_topics
        ``None`` keeps HDBSCAN's topics; an integer or ``"auto"`` merges similar topics (BERTopic).
    ngram_range, min_df, fillers
        The CountVectorizer: English stop words plus ``fillers``, n-grams, minimum document frequency.
    representation
        ``"keybert"`` (KeyBERTInspired), ``"mmr"`` (maximal marginal relevance) or ``"ctfidf"`` (plain).
    top_n_words, label_words, mmr_diversity
        Keywords kept per topic, keywords in a topic's label, MMR's diversity.
    outlier_reduction, outlier_threshold
        BERTopic's ``reduce_outliers`` strategy after fitting (``"none"`` keeps outliers) and its
        minimum similarity.
    n_quotes, quotes_per_participant
        Representative quotes per topic, and at most this many from one participant while others remain.
    top_level
        The most top-level candidate themes: the hierarchy of the fitted topics is cut into this many
        (fewer when there are fewer topics of content), each fitted topic a sub-theme of one
        (:mod:`thematica.topics.hierarchy`).
    talk_phrases, talk_share
        Interview talk (:mod:`thematica.topics.talk`): a segment containing one of ``talk_phrases``
        (``None``: the built-in lexicon, :data:`thematica.topics.talk.TALK_LEXICON`) is talk, and a topic
        whose segments are at least ``talk_share`` talk is set apart as ``talk``.
    stability_runs, stability_threshold
        Refits with other seeds, and the mean best-match overlap below which a topic is flagged unstable.
    min_segments
        Fewer segments than this is too small a corpus to model.
    """

    min_topic_size: int | Literal["auto"] = "auto"
    n_neighbors: int | Literal["auto"] = "auto"
    min_samples: int | Literal["auto"] = "auto"
    n_components: int = 5
    min_dist: float = 0.0
    umap_init: UmapInit = "pca"
    n_epochs: int | None = None
    cluster_selection_method: ClusterSelection = "eom"
    nr_topics: int | Literal["auto"] | None = None
    ngram_range: tuple[int, int] = (1, 2)
    min_df: int = 1
    fillers: tuple[str, ...] = field(default=DEFAULT_FILLERS)
    representation: Representation = "keybert"
    top_n_words: int = 10
    label_words: int = 3
    mmr_diversity: float = 0.3
    outlier_reduction: OutlierStrategy = "embeddings"
    outlier_threshold: float = 0.0
    n_quotes: int = 5
    quotes_per_participant: int = 1
    top_level: int = 12
    talk_phrases: tuple[str, ...] | None = None
    talk_share: float = 0.5
    stability_runs: int = 4
    stability_threshold: float = 0.5
    min_segments: int = 30

    @classmethod
    def from_config(cls, section: dict | None) -> TopicSettings:
        """Build from the config's ``topics`` mapping (missing keys take the defaults).

        Examples
        --------
        >>> TopicSettings.from_config({"min_topic_size": 12, "ngram_range": [1, 1]}).ngram_range
        (1, 1)
        """
        section = dict(section or {})
        section.pop("guided", None)  # the codebook-guided mode's own (thematica.topics.guided.GuidedSettings)
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(section) - known)
        if unknown:
            raise ThematicaError(
                f"unknown topics setting(s) {unknown}; allowed: {sorted(known)}", path="config"
            )
        if "ngram_range" in section:
            section["ngram_range"] = tuple(int(x) for x in section["ngram_range"])
        if section.get("fillers", ()) is None:  # null in the config: the built-in list
            del section["fillers"]
        if "fillers" in section:
            section["fillers"] = tuple(str(x) for x in section["fillers"])
        if section.get("talk_phrases") is not None:
            section["talk_phrases"] = tuple(str(x) for x in section["talk_phrases"])
        settings = cls(**section)
        if settings.top_level < 1:
            raise ThematicaError(f"topics.top_level {settings.top_level} must be at least 1", path="config")
        low, high = settings.ngram_range
        if not 1 <= low <= high:
            raise ThematicaError(
                f"topics.ngram_range {list(settings.ngram_range)} must be [low, high] with 1 <= low <= high",
                path="config",
            )
        return settings

    def to_dict(self) -> dict:
        """Plain types, for logs and JSON."""
        out = asdict(self)
        out["ngram_range"] = list(self.ngram_range)
        out["fillers"] = list(self.fillers)
        if self.talk_phrases is not None:
            out["talk_phrases"] = list(self.talk_phrases)
        return out


def resolve_sizes(settings: TopicSettings, n_segments: int) -> dict[str, int]:
    """Concrete ``min_topic_size``, ``min_samples`` and ``n_neighbors`` for a corpus of ``n_segments``.

    ``"auto"`` values scale with the square root of the corpus: a candidate theme needs more segments in
    a large corpus than in a small one, but not proportionally more (qualitative themes do not get more
    numerous in proportion to interviews).

    - ``min_topic_size = clip(round(sqrt(n) / 2), 5, 100)``: 5 for 120 segments, 20 for 1,600, 36 for 5,300;
    - ``min_samples = max(2, min_topic_size // 4)``: a lenient density threshold (few outliers);
    - ``n_neighbors = clip(round(sqrt(n) / 2), 10, 50)``, and always below ``n``: more neighbours in a
      larger corpus keep UMAP's view of it global enough that a theme voiced in many ways stays one topic.

    Examples
    --------
    >>> resolve_sizes(TopicSettings(), 5300)
    {'min_topic_size': 36, 'min_samples': 9, 'n_neighbors': 36}
    >>> resolve_sizes(TopicSettings(), 120)
    {'min_topic_size': 5, 'min_samples': 2, 'n_neighbors': 10}
    >>> resolve_sizes(TopicSettings(min_topic_size=12, n_neighbors=40), 30)
    {'min_topic_size': 12, 'min_samples': 3, 'n_neighbors': 29}
    """
    root = math.sqrt(max(n_segments, 1))
    if settings.min_topic_size == "auto":
        min_topic_size = int(min(100, max(5, round(root / 2))))
    else:
        min_topic_size = int(settings.min_topic_size)
    if settings.min_samples == "auto":
        min_samples = max(2, min_topic_size // 4)
    else:
        min_samples = int(settings.min_samples)
    if settings.n_neighbors == "auto":
        n_neighbors = int(min(50, max(10, round(root / 2))))
    else:
        n_neighbors = int(settings.n_neighbors)
    n_neighbors = max(2, min(n_neighbors, n_segments - 1))
    return {"min_topic_size": min_topic_size, "min_samples": min_samples, "n_neighbors": n_neighbors}
