"""Segments: participant turns split at sentence boundaries, short fragments merged.

A segment is the unit that is embedded, topic-modelled and aligned with human codes. Its offsets point
into the transcript's canonical text, and every non-blank character of participant speech lies in
exactly one segment.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import pandas as pd

from thematica.support.spacy_model import load_pipeline

log = logging.getLogger(__name__)

SEGMENT_COLUMNS = ["segment_id", "transcript", "participant_id", "group", "turn", "start", "end", "text"]
_WORD = re.compile(r"\w+")


def count_words(text: str) -> int:
    """Number of word tokens (``\\w+`` runs) in ``text``."""
    return len(_WORD.findall(text))


@lru_cache(maxsize=1)
def sentence_splitter():
    """spaCy pipeline with only sentence boundaries (tok2vec + senter), loaded once per process."""
    nlp = load_pipeline(["parser", "ner", "lemmatizer", "attribute_ruler", "tagger"])
    nlp.enable_pipe("senter")
    return nlp


def sentence_spans(texts: list[str]) -> list[list[tuple[int, int]]]:
    """Sentence (start, end) character spans of each text, whitespace trimmed, empty sentences skipped."""
    nlp = sentence_splitter()
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        spans = []
        for sent in doc.sents:
            raw = sent.text
            lead = len(raw) - len(raw.lstrip())
            stripped = raw.strip()
            if stripped:
                spans.append((sent.start_char + lead, sent.start_char + lead + len(stripped)))
        out.append(spans)
    return out


def merge_short(spans: list[tuple[int, int]], text: str, min_words: int) -> list[tuple[int, int]]:
    """Merge sentences shorter than ``min_words`` words into a neighbour within the same turn.

    A short sentence joins the previous one; a short first sentence joins the next. A turn whose
    whole text is shorter than ``min_words`` stays one segment.

    Examples
    --------
    >>> t = "Yeah. I think it helps a lot. Okay."
    >>> merge_short([(0, 5), (6, 29), (30, 35)], t, 3)
    [(0, 35)]
    """
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and count_words(text[start:end]) < min_words:
            merged[-1][1] = end
        elif merged and count_words(text[merged[-1][0] : merged[-1][1]]) < min_words:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def segment_turns(
    turns: pd.DataFrame,
    canonical: str,
    *,
    participant_id: str,
    group: str,
    min_words: int = 5,
) -> pd.DataFrame:
    """Split one transcript's participant turns into segments.

    Parameters
    ----------
    turns
        Turn table of one transcript (see :func:`thematica.ingest.turns.parse_turns`).
    canonical
        The transcript's canonical text; ``turns`` offsets point into it.
    participant_id, group
        From participants.csv, copied into every row.
    min_words
        Sentences with fewer words are merged into a neighbour in the same turn.

    Returns
    -------
    pandas.DataFrame
        Columns ``segment_id, transcript, participant_id, group, turn, start, end, text``, in text order;
        ``segment_id`` is ``<transcript>_s<NNNN>`` and ``text == canonical[start:end]``.
    """
    speech = turns.loc[(turns["role"] == "participant") & (turns["end"] > turns["start"])]
    spans = sentence_spans(speech["text"].tolist())
    rows = []
    for (_, turn), turn_spans in zip(speech.iterrows(), spans, strict=True):
        for s, e in merge_short(turn_spans, turn["text"], min_words):
            start, end = int(turn["start"]) + s, int(turn["start"]) + e
            rows.append((turn["transcript"], int(turn["turn"]), start, end, canonical[start:end]))
    segments = pd.DataFrame(rows, columns=["transcript", "turn", "start", "end", "text"])
    transcript = turns["transcript"].iloc[0] if len(turns) else ""
    segments.insert(0, "segment_id", [f"{transcript}_s{i:04d}" for i in range(1, len(segments) + 1)])
    segments.insert(2, "participant_id", participant_id)
    segments.insert(3, "group", group)
    log.info("%s: %d participant turns -> %d segments", transcript, len(speech), len(segments))
    return segments[SEGMENT_COLUMNS]
