"""Labels of candidate themes as short key phrases: spaCy noun phrases ranked KeyBERT-style with MMR.

Keyword pairs from c-TF-IDF ("hard hard", "repeating said, suppose") do not read as themes. A label here
is made of noun phrases that participants said ("decision support", "gut reaction"):

1. every segment's noun phrases (spaCy's ``noun_chunks``, which need the tagger and the parser), each cut
   to its content words: determiners, pronouns, stop words, interview fillers (``topics.fillers``) and
   words without a letter are dropped, a phrase keeps at most three words and ends in a noun;
2. per cluster (a fitted topic, or a top-level theme), the candidates are the phrases said in at least
   two of its segments, scored by class TF-IDF (the share of the cluster's segments that say the phrase,
   times ``log(1 + clusters / clusters saying it)``), best :data:`N_CANDIDATES` kept;
3. KeyBERT's ranking: the candidates are embedded with the study's own embedding backend and scored by
   their cosine to the cluster's centroid (the mean of its unit segment embeddings); maximal marginal
   relevance (``topics.mmr_diversity``) then picks ``topics.label_words`` phrases, never one that shares a
   word with a phrase already picked, so no word repeats within a label.

Without an embedding model (``topics.representation: ctfidf``) the class TF-IDF order alone is used.
Every tie is broken by the phrase's text, so labels are the same on every run.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from thematica.topics.model import _plain

log = logging.getLogger(__name__)

#: Candidate phrases per cluster that are embedded and ranked.
N_CANDIDATES = 30
#: The longest phrase, in words.
MAX_WORDS = 3
#: spaCy components a noun-chunk pass does not need.
EXCLUDE = ("ner", "senter")


def phrase_pipeline():
    """The bundled spaCy pipeline with the tagger and parser that ``noun_chunks`` need (no NER)."""
    from thematica.support.spacy_model import load_pipeline

    return load_pipeline(EXCLUDE)


def _stop_words(fillers: Sequence[str]) -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = {w for f in fillers for w in _plain(f).split()}
    return frozenset(ENGLISH_STOP_WORDS | words)


def clean_phrase(words: Sequence[tuple[str, str]], stop: frozenset[str]) -> str:
    """A noun phrase cut to its content words: ``(text, coarse POS)`` pairs in, the phrase out (``""`` when
    nothing is left, the last word is not a noun, or a word repeats).

    Examples
    --------
    >>> clean_phrase([("the", "DET"), ("swab", "NOUN"), ("part", "NOUN")], frozenset({"the"}))
    'swab part'
    >>> clean_phrase([("a", "DET"), ("lot", "NOUN")], frozenset({"a", "lot"}))
    ''
    >>> clean_phrase([("gut", "NOUN"), ("gut", "NOUN")], frozenset())
    ''
    """
    kept = []
    for text, pos in words:
        word = _plain(text).strip()
        if not word or " " in word or word in stop or not any(c.isalpha() for c in word):
            continue
        if pos not in ("NOUN", "PROPN", "ADJ", "VERB"):
            continue
        kept.append((word, pos))
    kept = kept[-MAX_WORDS:]
    while kept and kept[-1][1] not in ("NOUN", "PROPN"):
        kept.pop()
    words_only = [w for w, _ in kept]
    if not words_only or len(set(words_only)) != len(words_only):
        return ""
    return " ".join(words_only)


def segment_phrases(texts: Sequence[str], *, fillers: Sequence[str], nlp=None) -> list[list[str]]:
    """The cleaned noun phrases of each segment (:func:`clean_phrase`), each phrase once per segment.

    Parameters
    ----------
    texts
        ``n`` segment texts.
    fillers
        ``topics.fillers``: their words never enter a phrase.
    nlp
        A spaCy pipeline with a parser; :func:`phrase_pipeline` when ``None``.

    Returns
    -------
    list of list of str
        ``n`` lists, phrases in order of first mention.
    """
    nlp = nlp if nlp is not None else phrase_pipeline()
    stop = _stop_words(fillers)
    out = []
    for doc in nlp.pipe((str(t) for t in texts), batch_size=256):
        seen: dict[str, None] = {}
        for chunk in doc.noun_chunks:
            phrase = clean_phrase([(t.text, t.pos_) for t in chunk], stop)
            if phrase:
                seen.setdefault(phrase, None)
        out.append(list(seen))
    return out


def candidate_phrases(
    phrases: Sequence[Sequence[str]], clusters: np.ndarray, *, n: int = N_CANDIDATES, min_count: int = 2
) -> dict[int, list[tuple[str, float]]]:
    """Each cluster's best candidate phrases by class TF-IDF, best first (ties by phrase).

    Parameters
    ----------
    phrases
        ``n`` segments' phrases (:func:`segment_phrases`).
    clusters
        Shape ``(n,)``: cluster of each segment; ``-1`` (outliers) has no candidates.
    n, min_count
        Candidates kept per cluster, and the fewest segments of the cluster that must say a phrase.

    Returns
    -------
    dict
        Cluster -> ``[(phrase, score), ...]``.

    Examples
    --------
    >>> candidate_phrases([["gut reaction"], ["gut reaction", "chart"], ["chart"], ["chart"]],
    ...                   np.array([0, 0, 1, 1]))
    {0: [('gut reaction', 1.0986122886681098)], 1: [('chart', 1.0986122886681098)]}
    """
    clusters = np.asarray(clusters)
    ids = [int(c) for c in np.unique(clusters[clusters != -1])]
    counts = {c: Counter() for c in ids}
    sizes = {c: int((clusters == c).sum()) for c in ids}
    for said, cluster in zip(phrases, clusters.tolist(), strict=True):
        if cluster != -1:
            counts[int(cluster)].update(said)
    spread = Counter(p for c in ids for p, k in counts[c].items() if k >= min_count)
    out = {}
    for c in ids:
        scored = [
            (p, k / sizes[c] * math.log(1 + len(ids) / spread[p]))
            for p, k in counts[c].items()
            if k >= min_count
        ]
        scored.sort(key=lambda x: (-x[1], x[0]))
        out[c] = scored[:n]
    return out


def mmr_phrases(
    candidates: Sequence[str],
    relevance: np.ndarray,
    vectors: np.ndarray | None,
    *,
    k: int,
    diversity: float,
) -> list[str]:
    """Pick ``k`` phrases by maximal marginal relevance, skipping any phrase that shares a word with one
    already picked (a plural and its singular count as one word).

    Parameters
    ----------
    candidates
        ``m`` phrases.
    relevance
        Shape ``(m,)``: each phrase's relevance to the cluster (cosine to its centroid).
    vectors
        Shape ``(m, d)``: unit phrase embeddings for the redundancy term; ``None``: relevance alone.
    k, diversity
        Phrases to pick; MMR's weight of redundancy (0: relevance only).

    Examples
    --------
    >>> mmr_phrases(["gut reaction", "gut", "chart"], np.array([0.9, 0.8, 0.5]), None, k=2, diversity=0.3)
    ['gut reaction', 'chart']
    """
    relevance = np.asarray(relevance, dtype=np.float64)
    chosen: list[int] = []
    used: set[str] = set()
    remaining = list(range(len(candidates)))
    while remaining and len(chosen) < k:
        remaining = [i for i in remaining if not _words(candidates[i]) & used]
        if not remaining:
            break
        score = relevance[remaining].copy()
        if vectors is not None and chosen:
            redundancy = (vectors[remaining] @ vectors[chosen].T).max(axis=1)
            score = (1 - diversity) * score - diversity * redundancy
        score = np.round(score, 6)  # float noise never reorders phrases; ties go to the first candidate
        best = remaining[int(np.argmax(score))]
        chosen.append(best)
        used |= _words(candidates[best])
        remaining.remove(best)
    return [candidates[i] for i in chosen]


def _stem(word: str) -> str:
    """A crude plural fold, so that "patient" and "patients" count as one word in a label.

    Examples
    --------
    >>> _stem("patients"), _stem("class"), _stem("gas")
    ('patient', 'class', 'gas')
    """
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(phrase: str) -> set[str]:
    return {_stem(w) for w in phrase.split()}


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return x / np.where(norms == 0, 1.0, norms)


def phrase_labels(
    phrases: Sequence[Sequence[str]],
    clusters: np.ndarray,
    embeddings: np.ndarray,
    *,
    embedding_model=None,
    k: int = 3,
    diversity: float = 0.3,
) -> dict[int, list[str]]:
    """Each cluster's key phrases, best first (see the module's description).

    Parameters
    ----------
    phrases
        ``n`` segments' phrases (:func:`segment_phrases`).
    clusters
        Shape ``(n,)``: cluster of each segment, ``-1`` for none.
    embeddings
        Shape ``(n, d)``: the segments' embeddings.
    embedding_model
        Anything with ``encode(list_of_str) -> (m, d)`` in the space of ``embeddings`` (the study's
        backend, :func:`thematica.topics.keyword_model.keyword_model`); ``None`` ranks by class TF-IDF.
    k, diversity
        Phrases per label (``topics.label_words``) and MMR's diversity (``topics.mmr_diversity``).

    Returns
    -------
    dict
        Cluster -> up to ``k`` phrases, no word in two of them; empty when the cluster has no phrase said
        twice.
    """
    clusters = np.asarray(clusters)
    candidates = candidate_phrases(phrases, clusters)
    vocabulary = sorted({p for scored in candidates.values() for p, _ in scored})
    vectors = None
    if embedding_model is not None and vocabulary:
        vectors = _unit(np.asarray(embedding_model.encode(vocabulary), dtype=np.float64))
        vectors = np.round(vectors, 6)
    index = {p: i for i, p in enumerate(vocabulary)}
    unit = _unit(embeddings)
    labels = {}
    for cluster, scored in candidates.items():
        names = [p for p, _ in scored]
        if not names:
            labels[cluster] = []
            continue
        if vectors is None:
            labels[cluster] = mmr_phrases(names, np.array([s for _, s in scored]), None, k=k, diversity=0)
            continue
        centroid = _unit(unit[clusters == cluster].mean(axis=0))
        mine = vectors[[index[p] for p in names]]
        labels[cluster] = mmr_phrases(names, mine @ centroid, mine, k=k, diversity=diversity)
    return labels
