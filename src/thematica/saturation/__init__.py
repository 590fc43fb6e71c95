"""Saturation: code accumulation curves, Guest et al. (2020) saturation, and coverage-based richness.

Modules: :mod:`~thematica.saturation.incidence` (code presence per interview),
:mod:`~thematica.saturation.accumulation` (curves, exact random-order mean, permutation band),
:mod:`~thematica.saturation.guest` (base size, run length, new-information threshold),
:mod:`~thematica.saturation.coverage` (Chao2, sample coverage and richness as in iNEXT),
:mod:`~thematica.saturation.extrapolation` (the curves to an endpoint and iNEXT's bootstrap intervals),
:mod:`~thematica.saturation.settings` (the config's ``saturation`` section) and
:mod:`~thematica.saturation.study` (the stage's tables).
"""

from thematica.support.lazy import lazy_exports

__all__ = [
    "GuestResult",
    "SaturationSettings",
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

# names load from their submodules on first use (thematica.support.lazy)
__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "accumulation": "accumulation",
        "band": "accumulation",
        "expected_accumulation": "accumulation",
        "first_appearance": "accumulation",
        "permutation_curves": "accumulation",
        "chao2": "coverage",
        "coverage": "coverage",
        "coverage_analysis": "extrapolation",
        "detection_probabilities": "extrapolation",
        "extra_for_coverage": "coverage",
        "frequencies": "coverage",
        "richness": "coverage",
        "GuestResult": "guest",
        "guest_saturation": "guest",
        "run_shares": "guest",
        "saturation_points": "guest",
        "coder_incidence": "incidence",
        "interview_order": "incidence",
        "participant_incidence": "incidence",
        "theme_incidence": "incidence",
        "SaturationSettings": "settings",
        "SaturationTables": "study",
        "analyse_matrix": "study",
        "saturation_tables": "study",
    },
)
