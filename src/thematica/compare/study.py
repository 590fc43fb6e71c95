"""All comparison tables of one study, from the consensus codes (and candidate themes when present)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def codebook_has_bordin(study_root) -> bool:
    """Whether a study's ``codebook.csv`` maps any code to Bordin's goal / task / bond."""
    import csv
    from pathlib import Path

    path = Path(study_root) / "codebook.csv"
    if not path.is_file():
        return False
    with open(path, encoding="utf-8-sig") as handle:
        return any((row.get("bordin") or "").strip() for row in csv.DictReader(handle))


def level_assignments(consensus: pd.DataFrame, codebook: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Assignments per level: codes, themes and, when the codebook maps codes to Bordin's alliance
    dimensions (a non-empty ``bordin`` column), goal / task / bond."""
    from thematica.compare.prevalence import theme_assignments

    levels = {
        "code": consensus[["segment_id", "code", "applied"]],
        "theme": theme_assignments(consensus, codebook),
    }
    if "bordin" in codebook and codebook["bordin"].fillna("").astype(str).str.len().gt(0).any():
        mapped = codebook.loc[codebook["bordin"].fillna("").astype(str) != "", ["code", "bordin"]]
        levels["bordin"] = theme_assignments(
            consensus.loc[consensus["code"].isin(mapped["code"])], mapped.rename(columns={"bordin": "theme"})
        )
    return levels


def compare_study(
    consensus: pd.DataFrame,
    segments: pd.DataFrame,
    participants: dict[str, str],
    codebook: pd.DataFrame,
    groups: list[str],
    *,
    segment_topics: pd.DataFrame | None = None,
    confidence: float = 0.95,
    alpha: float = 0.05,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Participant-level prevalence, segment-level rates and pairwise comparisons by group, for every level.

    Parameters
    ----------
    consensus
        ``segment_id, code, applied``.
    segments
        ``segment_id, participant_id, group``.
    participants
        Participant id -> group, for every participant of the study (interview order).
    codebook
        ``code, theme`` (and optionally ``bordin``).
    groups
        The groups, in display order: one (prevalence only, no test), two (Fisher's exact test) or more
        (Freeman–Halton test per item, then every pair).
    segment_topics
        ``segment_id, topic`` of the candidate themes, compared as level ``topic`` when given.
    seed
        The config's seed, for the Monte Carlo p-values of tables too large to enumerate.

    Returns
    -------
    (prevalence, rates, pairwise)
        Tidy tables (see :func:`thematica.compare.prevalence.compare_level`,
        :func:`thematica.compare.segment_rates` and :func:`thematica.compare.prevalence.compare_pairs`);
        Benjamini–Hochberg adjustment, and the Benjamini–Yekutieli intervals of the flagged items, are
        applied within each level.
    """
    import pandas as pd

    from thematica.compare.prevalence import compare_level, presence_matrix, segment_rates, topic_assignments

    people = pd.DataFrame({"participant_id": list(participants), "group": list(participants.values())})
    levels = level_assignments(consensus, codebook)
    if segment_topics is not None:
        levels["topic"] = topic_assignments(segment_topics)
    prevalence, rates, pairwise = [], [], []
    for level, assignments in levels.items():
        presence = presence_matrix(assignments, segments, people)
        shares, pairs = compare_level(
            presence, groups, level=level, confidence=confidence, alpha=alpha, seed=seed
        )
        prevalence.append(shares)
        pairwise.append(pairs)
        judged = segment_topics["segment_id"] if level == "topic" else None
        rates.append(
            segment_rates(assignments, segments, groups, level=level, confidence=confidence, judged=judged)
        )
    return (
        pd.concat(prevalence, ignore_index=True),
        pd.concat(rates, ignore_index=True),
        pd.concat(pairwise, ignore_index=True),
    )
