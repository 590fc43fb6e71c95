"""Which speaker labels ``thematica init`` proposes as the interviewer's.

A label is proposed when it names the interviewer (:func:`is_interviewer_label`: ``I``, ``Q``, ``Int.``,
``Interviewer 2``, ``Moderator``...), or when it asks the questions wherever a transcript's labels name
no interviewer (:func:`question_asker`: "Speaker 1" of "Speaker 1" and "Speaker 2").
"""

from __future__ import annotations

import re
from collections import Counter

#: Interviewer labels proposed by ``thematica init`` (case-folded, spaces removed, a trailing number
#: dropped): used when :mod:`thematica.ingest.roles` does not provide its own list.
INTERVIEWER_WORDS = frozenset(
    "i q int iv interviewer interviewers moderator mod facilitator researcher host question".split()
)


def is_interviewer_label(label: str) -> bool:
    """Whether a speaker label names the interviewer (``I``, ``Q``, ``Int.``, ``Interviewer 2``,
    ``Moderator``, ``Facilitator``...).

    Examples
    --------
    >>> [is_interviewer_label(x) for x in ("Interviewer", "Int.", "Q", "INTERVIEWER 2", "P07", "Maria")]
    [True, True, True, True, False, False]
    """
    from thematica.ingest.roles import DEFAULT_INTERVIEWER_LABELS

    key = re.sub(r"\s+", "", label).casefold().rstrip(".")
    base = re.sub(r"[-_#.]?\d+$", "", key).rstrip(".") or key
    return (
        base in INTERVIEWER_WORDS or base in DEFAULT_INTERVIEWER_LABELS or key in DEFAULT_INTERVIEWER_LABELS
    )


def question_asker(turns: list[tuple[str, str]]) -> str | None:
    """The label that asks the questions of a transcript whose labels name no interviewer, or None.

    Generic labels ("Speaker 1", "Speaker 2") do not say who interviewed. The interviewer is the speaker
    most of whose turns hold a question mark: at least 30% of its turns and two of them, and at least
    twice the share of any other speaker. Anything less decides nothing.

    Examples
    --------
    >>> question_asker([("Speaker 1", "How was it?"), ("Speaker 2", "Fine."), ("Speaker 1", "And then?"),
    ...                 ("Speaker 2", "Better. Why?"), ("Speaker 2", "It helped.")])
    'Speaker 1'
    >>> question_asker([("A", "Yes?"), ("B", "No?")]) is None
    True
    """
    counts: dict[str, list[int]] = {}
    for label, text in turns:
        c = counts.setdefault(label, [0, 0])
        c[0] += 1
        c[1] += "?" in text
    if len(counts) < 2:
        return None
    shares = sorted(((q / n, q, label) for label, (n, q) in counts.items()), reverse=True)
    (top, asked, label), (second, _, _) = shares[0], shares[1]
    if top >= 0.3 and asked >= 2 and top >= 2 * second:
        return label
    return None


def _proposed_askers(speakers: dict[str, list[tuple[str, str]]]) -> dict[str, int]:
    """Labels that ask the questions wherever a transcript names no interviewer and its asker is clear, with
    the number of such transcripts (a label that answers in any of them is never proposed)."""
    asks: Counter = Counter()
    answers: Counter = Counter()
    for turns in speakers.values():
        labels = {label for label, _ in turns}
        if any(is_interviewer_label(label) for label in labels):
            continue
        asker = question_asker(turns)
        if asker is None:
            continue
        for label in labels:
            (asks if label == asker else answers)[label] += 1
    return {label: n for label, n in asks.items() if not answers[label]}
