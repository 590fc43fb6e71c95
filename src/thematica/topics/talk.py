"""Interview talk: candidate themes made of talk about the interview itself, set apart from the themes.

Participants apologise, lose their thread, ask for the question again, comment on how hard a question is,
chat about the weather or the connection. Sentence embeddings group such talk as readily as content, so
a topic model proposes it as "themes" ("sorry lost, train thought, question"). The rule here marks a
segment as interview talk when it contains a phrase of a documented lexicon (:data:`TALK_LEXICON`,
replaceable by the config's ``topics.talk_phrases``), and a fitted topic as ``talk`` when at least
``topics.talk_share`` of its segments are. Talk topics keep their id, size and quotes (nothing is
dropped) but are never offered as a top-level candidate theme (:mod:`thematica.topics.hierarchy`).

Matching is on text cleaned as the topic model cleans it (lower case, only letters, digits and spaces;
apostrophes dropped: "hadn't" -> "hadnt"), phrases on word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from thematica.topics.model import _plain

#: Phrases that mark talk about the interview rather than its subject, by kind. Deliberately generic:
#: what participants say in any interview, never a study's subject. Phrases match whole words.
TALK_LEXICON: dict[str, tuple[str, ...]] = {
    "repair": (
        "train of thought",
        "what was the question",
        "where was i",
        "where were we",
        "say that again",
        "repeat the question",
        "forgot the question",
        "lost my thread",
    ),
    "apology": ("sorry", "excuse me", "forgive me", "pardon me"),
    "answering aloud": (
        "let me think",
        "good question",
        "hard one",
        "tough one",
        "hard question",
        "tough question",
        "simple question",
        "interesting question",
        "hadnt thought about",
        "never thought about",
        "from that angle",
        "said something like this already",
        "said this already",
        "worth repeating",
        "like i said",
        "as i said",
        "dont know what i think",
        "back and forth",
        "off the top of my head",
    ),
    "logistics": (
        "hear me",
        "see me",
        "my connection",
        "camera",
        "microphone",
        "on mute",
        "recording on",
        "froze",
        "right back",
        "give me a second",
        "one second",
        "hang on",
        "hold on",
        "lunch break",
        "wrap up",
        "at the door",
        "doorbell",
        "lawnmower",
        "the window",
        "barking",
        "my dog",
        "my cat",
        "my kid",
        "keyboard",
        "background noise",
    ),
    "small talk": (
        "weather",
        "sunny",
        "raining",
        "coffee",
        "breakfast",
        "some water",
        "one of those weeks",
        "behind you",
    ),
    "closing": (
        "good conversation",
        "thanks for having me",
        "thank you for having me",
        "hope this is useful",
        "hope this helps",
        "nothing else to add",
    ),
}

#: Every phrase of :data:`TALK_LEXICON`, the default of ``topics.talk_phrases``.
TALK_PHRASES: tuple[str, ...] = tuple(p for phrases in TALK_LEXICON.values() for p in phrases)


def _pattern(phrases: Sequence[str]) -> re.Pattern | None:
    cleaned = sorted({" ".join(_plain(p).split()) for p in phrases} - {""}, key=lambda p: (-len(p), p))
    if not cleaned:
        return None
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in cleaned)
    return re.compile(rf"\b(?:{body})\b")


def talk_segments(texts: Sequence[str], phrases: Sequence[str] = TALK_PHRASES) -> np.ndarray:
    """Whether each segment contains an interview-talk phrase.

    Parameters
    ----------
    texts
        ``n`` segment texts.
    phrases
        The lexicon (cleaned as the texts are; an empty list marks nothing).

    Returns
    -------
    numpy.ndarray
        Shape ``(n,)``, bool.

    Examples
    --------
    >>> talk_segments(["Sorry, I lost my train of thought.", "The alerts come too often.",
    ...                "I hadn't thought about it from that angle."]).tolist()
    [True, False, True]
    """
    pattern = _pattern(phrases)
    if pattern is None:
        return np.zeros(len(texts), dtype=bool)
    return np.array([pattern.search(_plain(str(t))) is not None for t in texts], dtype=bool)


def talk_share(topics: np.ndarray, talk: np.ndarray) -> dict[int, float]:
    """Share of each topic's segments that are interview talk (outliers, ``-1``, left out).

    Examples
    --------
    >>> talk_share(np.array([0, 0, 1, 1, -1]), np.array([True, True, False, True, True]))
    {0: 1.0, 1: 0.5}
    """
    topics = np.asarray(topics)
    talk = np.asarray(talk, dtype=bool)
    return {int(t): float(talk[topics == t].mean()) for t in np.unique(topics[topics != -1])}


def talk_topics(topics: np.ndarray, talk: np.ndarray, *, share: float = 0.5) -> set[int]:
    """The topics whose segments are at least ``share`` interview talk: their ``kind`` is ``talk``.

    Parameters
    ----------
    topics
        Shape ``(n,)``: topic per segment, ``-1`` for outliers.
    talk
        Shape ``(n,)``, bool: :func:`talk_segments`.
    share
        ``topics.talk_share``; above 1 marks no topic.

    Examples
    --------
    >>> sorted(talk_topics(np.array([0, 0, 1, 1, 2]), np.array([1, 1, 0, 1, 0], bool), share=0.5))
    [0, 1]
    """
    return {t for t, s in talk_share(topics, talk).items() if s >= share}
