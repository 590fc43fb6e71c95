"""Candidate themes: BERTopic on participant segments, reproducible and reviewable.

The topic model proposes candidate themes that people then review; nothing here decides a theme. Every
step is deterministic given the config's seed: UMAP gets the seed, HDBSCAN and c-TF-IDF have no
randomness, representative quotes are ranked by centrality with ties broken by segment id, and the
exports use stable identifiers.

Modules
-------
``settings``
    :class:`TopicSettings` (the config's ``topics`` section) and the corpus-size scaling of
    ``min_topic_size`` and ``n_neighbors``.
``model``
    Building and fitting BERTopic from its own components on precomputed embeddings:
    :func:`fit_topics` returns a :class:`TopicFit`.
``quotes``
    :func:`representative_quotes`: the k segments most central to each topic, spread across participants.
``stability``
    :func:`topic_stability`: refits with other seeds, best-match overlap per topic, agreement between runs.
``study``
    The fit's workflow entry: :func:`candidate_themes`, one call from segments and embeddings to every
    output table. The light steps (stability, recovery, export, crosswalk) call their own modules, so that
    they never load BERTopic.
``export``
    The candidate themes as a REFI-QDA codebook (.qdc) and project (.qdpx).
``recovery``
    Agreement of topics with a demo study's planted codes (evaluation only).
``crosswalk``
    Candidate themes against the human consensus codes; c-TF-IDF keywords per human code.

Only ``model`` (and the functions that call it) import BERTopic, and only inside functions: importing
this package does not load torch.
"""

from thematica.topics.settings import TopicSettings, resolve_sizes

__all__ = ["TopicSettings", "resolve_sizes"]
