"""Candidate themes for QDA packages: a REFI-QDA codebook (.qdc) and project (.qdpx).

A team opens the project in NVivo, ATLAS.ti, MAXQDA or QualCoder and sees every transcript with each
segment coded by its candidate theme, by a user named :data:`PIPELINE_USER`; outlier segments stay uncoded.
The candidate themes sit under one parent code so they never mix with a human codebook on import; under it,
each top-level candidate theme is a parent code of its sub-themes (the fitted topics, which carry the
codings), and the topics of interview talk sit under a parent code of their own (:data:`TALK_CODE`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from thematica.ingest.study import read_canonical
from thematica.refiqda import Code, Coding, write_qdc, write_qdpx

log = logging.getLogger(__name__)

PIPELINE_USER = "thematica"
PARENT_CODE = "candidate_themes"
#: The parent code of the topics of interview talk, set apart from the candidate themes.
TALK_CODE = "interview_talk"


def theme_code(theme: int) -> str:
    """The code id of a top-level candidate theme.

    Examples
    --------
    >>> theme_code(3)
    'theme_03'
    """
    return f"theme_{int(theme):02d}"


def topic_code(topic: int) -> str:
    """The code id of a candidate theme.

    Examples
    --------
    >>> topic_code(3)
    'topic_03'
    """
    return f"topic_{int(topic):02d}"


def candidate_codebook(topic_info: pd.DataFrame, quotes: pd.DataFrame) -> list[Code]:
    """One code per candidate theme (outliers excluded), under a parent code.

    The definition gives size, keywords, stability and the most central quote, so a reviewer can judge
    the candidate inside the QDA package. A study too small for candidate themes (``topic_info`` without
    rows) gets the parent code alone, whose definition says so.
    """
    themes = topic_info.loc[topic_info["topic"] != -1]
    about = (
        "Candidate themes proposed by BERTopic from participant segments, for review. They are not "
        "codes a person applied; merge, rename or discard them."
        if len(themes)
        else "No candidate themes: the study has fewer participant segments than topics.min_segments, "
        "too few for the topic model, so none were proposed."
    )
    codes = [Code(PARENT_CODE, "Candidate themes (topic model)", about)]
    first_quote = quotes.loc[quotes["rank"] == 1].set_index("topic")["text"].to_dict()
    parents = _parent_codes(themes)
    codes += [code for code, _ in parents.values()]
    for row in themes.itertuples(index=False):
        parts = [
            f"Candidate theme {row.topic}: {row.n_segments} segments from {row.n_participants} participants.",
            f"Keywords: {str(row.keywords).replace(';', ',')}." if str(row.keywords) else "",
        ]
        stability = getattr(row, "stability", float("nan"))
        if pd.notna(stability):
            verdict = "stable" if bool(row.stable) else "UNSTABLE"
            parts.append(f"Stability across seeds: {stability:.2f} ({verdict}).")
        if row.topic in first_quote:
            parts.append(f'Most central quote: "{first_quote[row.topic]}"')
        codes.append(
            Code(
                topic_code(row.topic),
                f"T{int(row.topic):02d} {row.label}",
                " ".join(p for p in parts if p),
                parent=parents[getattr(row, "theme", None)][0].code if parents else PARENT_CODE,
            )
        )
    return codes


def _parent_codes(themes: pd.DataFrame) -> dict:
    """Top-level theme -> ``(Code, topics)``: a parent code per top-level candidate theme (``1..k``, in
    order) and one for interview talk (``0``), all under :data:`PARENT_CODE`; empty for a table without
    a ``theme`` column (the topics then sit under :data:`PARENT_CODE` directly)."""
    if "theme" not in themes or themes.empty:
        return {}
    out = {}
    numbers = sorted(set(themes["theme"].astype(int)) - {0}) + ([0] if (themes["theme"] == 0).any() else [])
    for number in numbers:
        members = themes.loc[themes["theme"].astype(int) == number]
        topics = ", ".join(f"T{int(t):02d}" for t in sorted(members["topic"]))
        n_segments = int(members["n_segments"].sum())
        label = str(members["theme_label"].iloc[0])
        if number == 0:
            code = Code(
                TALK_CODE,
                "Interview talk (set apart)",
                "Topics of talk about the interview itself (apologies, lost threads, logistics, small "
                f"talk): {n_segments} segments in {topics}. Set apart by the lexicon of "
                "topics.talk_phrases; not offered as candidate themes.",
                parent=PARENT_CODE,
            )
        else:
            code = Code(
                theme_code(number),
                f"Theme {number}: {label}",
                f"Top-level candidate theme {number}: {n_segments} segments in the sub-themes {topics} "
                "(BERTopic's hierarchy of the fitted topics, cut at topics.top_level).",
                parent=PARENT_CODE,
            )
        out[number] = (code, members["topic"].tolist())
    return out


def candidate_codings(segments: pd.DataFrame, segment_topics: pd.DataFrame) -> list[Coding]:
    """One coding per segment with a candidate theme, by :data:`PIPELINE_USER`."""
    table = segments[["segment_id", "transcript", "start", "end"]].merge(
        segment_topics[["segment_id", "topic"]], on="segment_id", how="inner", validate="one_to_one"
    )
    table = table.loc[table["topic"] != -1]
    return [
        Coding(str(t), topic_code(topic), int(s), int(e), PIPELINE_USER)
        for t, topic, s, e in zip(
            table["transcript"], table["topic"], table["start"], table["end"], strict=True
        )
    ]


def export_candidates(
    *,
    study: str,
    topic_info: pd.DataFrame,
    quotes: pd.DataFrame,
    segments: pd.DataFrame,
    segment_topics: pd.DataFrame,
    text_paths: Sequence[str | Path],
    qdc_path: str | Path,
    qdpx_path: str | Path,
    export_for: str = "refi-qda",
) -> None:
    """Write the candidate codebook (.qdc) and a project (.qdpx) validated against REFI-QDA's Project.xsd.

    Parameters
    ----------
    study
        Study name (the project is named after it).
    topic_info, quotes, segment_topics
        Tables of :func:`thematica.topics.study.candidate_themes`.
    segments
        The study's segments (offsets into the canonical texts).
    text_paths
        The canonical texts (``data/processed/<study>/text/<transcript>.txt``); the file stem is the
        transcript id and the source name in the project.
    qdc_path, qdpx_path
        Destinations.
    export_for
        The program that will open the project: its positions are written in that program's unit
        (:data:`thematica.refiqda.units.WRITE_UNITS`).

    Raises
    ------
    ThematicaError
        If the project does not validate (a bug), or offsets do not fit their text.
    """
    texts = {Path(p).stem: read_canonical(p) for p in text_paths}
    codes = candidate_codebook(topic_info, quotes)
    codings = candidate_codings(segments, segment_topics)
    arguments = dict(
        project_name=f"{study}: candidate themes",
        sources=texts,
        codes=codes,
        codings=codings,
        users=[PIPELINE_USER],
        for_program=export_for,
    )
    Path(qdc_path).parent.mkdir(parents=True, exist_ok=True)
    write_qdc(qdc_path, codes)
    write_qdpx(qdpx_path, **arguments, validate=True)
    log.info("exported %d codes of candidate themes and %d codings", len(codes) - 1, len(codings))
