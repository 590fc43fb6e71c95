"""Simulated human coders: known miss, add and boundary-disagreement rates on the planted sentences."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

EVENT_COLUMNS = ["coder", "transcript", "code", "start", "end", "event"]


@dataclass(frozen=True)
class CoderProfile:
    """How a simulated coder departs from the planted codes.

    Attributes
    ----------
    name, role
        Coder name (as in the exports) and role (primary / secondary).
    miss
        Probability of not coding a planted passage.
    add
        Probability of coding an uncoded sentence with a code of its section.
    extend
        Probability of extending a span over the next sentence of the same turn.
    trim
        Probability of starting a span a few words into the passage.
    poor_miss, poor_add
        For the study's deliberately unreliable code: miss rate, and the rate at which the coder also applies
        it to passages planted with a sibling code of the same theme.
    """

    name: str
    role: str
    miss: float
    add: float
    extend: float
    trim: float
    poor_miss: float
    poor_add: float


def passages(sentences: pd.DataFrame) -> pd.DataFrame:
    """Runs of consecutive sentences of one turn planted with the same code (uncoded runs excluded)."""
    s = sentences.reset_index(drop=True)
    key = s["turn"].astype(str) + "|" + s["code"].fillna("")
    run = (key != key.shift()).cumsum()
    grouped = s.groupby(run, sort=False).agg(
        transcript=("transcript", "first"),
        turn=("turn", "first"),
        code=("code", "first"),
        start=("start", "min"),
        end=("end", "max"),
        section=("section", "first"),
    )
    return grouped.loc[grouped["code"].notna()].reset_index(drop=True)


def simulate_coder(
    sentences: pd.DataFrame,
    text: str,
    profile: CoderProfile,
    *,
    poor_code: str,
    theme_of: dict[str, str],
    section_codes: dict[str, list[str]],
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Coding events of one coder on one transcript.

    Parameters
    ----------
    sentences
        Truth sentences of the transcript (transcript, turn, start, end, section, code), in text order.
    text
        The transcript's canonical text.

    Returns
    -------
    pandas.DataFrame
        Columns ``coder, transcript, code, start, end, event`` with event one of ``coded, extended, trimmed,
        missed, added``; every event but ``missed`` is a span in the coder's export.
    """
    events = []
    s = sentences.reset_index(drop=True)
    for p in passages(s).itertuples(index=False):
        is_poor = p.code == poor_code
        if rng.random() < (profile.poor_miss if is_poor else profile.miss):
            events.append((p.code, p.start, p.end, "missed"))
            continue
        start, end, event = p.start, p.end, "coded"
        r = rng.random()
        after = s.loc[(s["turn"] == p.turn) & (s["start"] >= p.end)]
        if r < profile.extend and len(after):
            end, event = int(after["end"].iloc[0]), "extended"
        elif r < profile.extend + profile.trim and len(text[start:end].split()) > 8:
            words = int(rng.integers(2, 5))
            cut = _skip_words(text, start, words)
            start, event = cut, "trimmed"
        events.append((p.code, start, end, event))
        if (
            not is_poor
            and theme_of.get(p.code) == theme_of.get(poor_code)
            and rng.random() < profile.poor_add
        ):
            events.append((poor_code, p.start, p.end, "added"))
    for row in s.loc[s["code"].isna()].itertuples(index=False):
        pool = section_codes.get(row.section) or []
        if pool and rng.random() < profile.add:
            events.append((pool[int(rng.integers(len(pool)))], row.start, row.end, "added"))
    table = pd.DataFrame(events, columns=["code", "start", "end", "event"])
    table.insert(0, "transcript", s["transcript"].iloc[0] if len(s) else "")
    table.insert(0, "coder", profile.name)
    return table.sort_values(["start", "end", "code"], kind="stable").reset_index(drop=True)[EVENT_COLUMNS]


def _skip_words(text: str, start: int, words: int) -> int:
    """Offset after ``words`` whitespace-separated words from ``start``."""
    pos = start
    for _ in range(words):
        nxt = text.find(" ", pos)
        if nxt < 0:
            return pos
        pos = nxt + 1
    return pos
