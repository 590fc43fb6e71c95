"""Saturation under other settings: Guest et al. (2020) for a grid of base sizes and run lengths, and the
whole saturation stage rerun with changed settings.

Both call the stage's own functions (:func:`thematica.saturation.guest_saturation`,
:func:`thematica.saturation.saturation_tables`); nothing here is a second implementation.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import pandas as pd

from thematica.errors import ThematicaError
from thematica.explore.results import StudyResults
from thematica.ingest.folder import read_participants
from thematica.saturation import SaturationTables, guest_saturation, saturation_tables

#: The config's ``saturation`` keys and ``codes.codebook_kind``, which are also
#: :func:`~thematica.saturation.saturation_tables`'s.
SETTINGS = (
    "order_column",
    "levels",
    "coders",
    "base_size",
    "run_length",
    "threshold",
    "n_permutations",
    "interval",
    "coverage_targets",
    "n_bootstrap",
    "extrapolation_factor",
    "codebook_kind",
)


def guest_grid(
    results: StudyResults,
    *,
    base_sizes: Iterable[int] = (2, 3, 4, 5, 6),
    run_lengths: Iterable[int] = (1, 2, 3),
    thresholds: Iterable[float] | None = None,
    source: str = "consensus",
    level: str = "code",
    group: str = "all",
) -> pd.DataFrame:
    """Guest saturation of the observed interview order for every base size, run length and threshold.

    Reads the cumulative code counts of one curve in ``saturation/curve.csv``.

    Parameters
    ----------
    results
        The study (:func:`thematica.explore.load_study`).
    base_sizes, run_lengths
        Values to try.
    thresholds
        New-information thresholds to try (shares, 0.05 = 5%); default the config's.
    source, level, group
        Which curve: ``consensus`` or a coder; ``code`` or ``theme``; ``all`` or a group.

    Returns
    -------
    pandas.DataFrame
        ``base_size, run_length, threshold, base_codes, saturation ("n+r" or the status), n, note``.
    """
    curve = results.saturation_curve
    mask = (curve["source"] == source) & (curve["level"] == level) & (curve["group"] == group)
    if not mask.any():
        options = curve[["source", "level", "group"]].drop_duplicates().astype(str).agg("/".join, axis=1)
        raise ThematicaError(
            f"no saturation curve {source}/{level}/{group}; the curves are: {', '.join(options)}",
            path=results.path("saturation_curve"),
        )
    cumulative = curve.loc[mask].sort_values("order")["cumulative"].to_numpy()
    if thresholds is None:
        thresholds = [float(results.settings("saturation").get("threshold", 0.05))]
    rows = []
    for base, run, threshold in itertools.product(base_sizes, run_lengths, thresholds):
        guest = guest_saturation(cumulative, int(base), int(run), float(threshold))
        rows.append(
            {
                "base_size": int(base),
                "run_length": int(run),
                "threshold": float(threshold),
                "base_codes": guest.base_codes,
                "saturation": guest.label,
                "n": guest.n,
                "note": guest.note,
            }
        )
    table = pd.DataFrame(rows)
    table["n"] = table["n"].astype("Int64")
    return table


def rerun_saturation(results: StudyResults, **changes) -> SaturationTables:
    """The saturation stage's tables with some settings changed (the rest as the config has them).

    Parameters
    ----------
    results
        The study (:func:`thematica.explore.load_study`).
    **changes
        Any of :data:`SETTINGS`, e.g. ``base_size=6, run_length=3, levels=["code"], coders=False``, or
        ``codebook_kind="inductive"`` for the estimates beyond the codebook.
        With no changes the tables equal the stored ones.

    Returns
    -------
    SaturationTables
        ``curve``, ``summary`` and ``extrapolation``, as ``results/<study>/saturation/*.csv``.
    """
    unknown = sorted(set(changes) - set(SETTINGS))
    if unknown:
        raise ThematicaError(f"unknown saturation setting(s) {unknown}; use any of {', '.join(SETTINGS)}")
    config = results.settings("saturation")
    settings = {key: config[key] for key in SETTINGS if key in config}
    kind = results.settings("codes").get("codebook_kind")  # a codes setting, read by this stage
    if kind is not None:
        settings.setdefault("codebook_kind", kind)
    settings.update(changes)
    for key in ("levels", "coverage_targets"):
        if key in settings:
            settings[key] = tuple(settings[key])
    study = results.study
    path = study.root / "participants.csv"
    return saturation_tables(
        consensus=results.consensus,
        segment_codes=results.segment_codes,
        codebook=results.codebook,
        segments=results.segments,
        participants=read_participants(path, study.group_column, list(study.groups)),
        participants_path=path,
        group_column=study.group_column,
        groups=list(study.groups),
        seed=results.seed,
        settings=settings,
    )
