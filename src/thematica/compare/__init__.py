"""Group comparison: participant-level prevalence of codes, themes and candidate themes by group."""

from thematica.support.lazy import lazy_exports

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

# names load from their submodules on first use (thematica.support.lazy)
__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "compare_groups": "prevalence",
        "presence_matrix": "prevalence",
        "segment_rates": "prevalence",
        "benjamini_hochberg": "stats",
        "fisher_exact": "stats",
        "newcombe_interval": "stats",
        "odds_ratio": "stats",
        "wilson_interval": "stats",
    },
)
