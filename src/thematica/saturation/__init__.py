"""Saturation: code accumulation curves, Guest et al. (2020) saturation, and coverage-based richness.

Modules: :mod:`~thematica.saturation.incidence` (code presence per interview),
:mod:`~thematica.saturation.accumulation` (curves, exact random-order mean, permutation band),
:mod:`~thematica.saturation.guest` (base size, run length, new-information threshold),
:mod:`~thematica.saturation.coverage` (Chao2, sample coverage and extrapolation as in iNEXT) and
:mod:`~thematica.saturation.table` (the stage's tables).
"""

from thematica.saturation.accumulation import (
    accumulation,
    band,
    expected_accumulation,
    first_appearance,
    permutation_curves,
)
from thematica.saturation.coverage import (
    chao2,
    coverage,
    coverage_analysis,
    detection_probabilities,
    extra_for_coverage,
    frequencies,
    richness,
)
from thematica.saturation.guest import GuestResult, guest_saturation, run_shares, saturation_points
from thematica.saturation.incidence import (
    coder_incidence,
    interview_order,
    participant_incidence,
    theme_incidence,
)
from thematica.saturation.table import SaturationTables, analyse_matrix, saturation_tables

__all__ = [
    "GuestResult",
    "SaturationTables",
    "accumulation",
    "analyse_matrix",
    "band",
    "chao2",
    "coder_incidence",
    "coverage",
    "coverage_analysis",
    "detection_probabilities",
    "expected_accumulation",
    "extra_for_coverage",
    "first_appearance",
    "frequencies",
    "guest_saturation",
    "interview_order",
    "participant_incidence",
    "permutation_curves",
    "richness",
    "run_shares",
    "saturation_points",
    "saturation_tables",
    "theme_incidence",
]
