"""Group comparison: participant-level prevalence of codes, themes and candidate themes by group."""

from thematica.compare.prevalence import compare_groups, presence_matrix, segment_rates
from thematica.compare.stats import (
    benjamini_hochberg,
    fisher_exact,
    newcombe_interval,
    odds_ratio,
    wilson_interval,
)

__all__ = [
    "benjamini_hochberg",
    "compare_groups",
    "fisher_exact",
    "newcombe_interval",
    "odds_ratio",
    "presence_matrix",
    "segment_rates",
    "wilson_interval",
]
