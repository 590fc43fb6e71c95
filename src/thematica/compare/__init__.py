"""Group comparison: participant-level prevalence of codes, themes and candidate themes by group.

One group: prevalence with Wilson intervals. Two: Fisher's exact test per item. Three or more: the
Freeman–Halton test per item, then every pair. Benjamini–Hochberg within each level, with
Benjamini–Yekutieli intervals for the flagged items and a marker for intervals that exclude 0 without a flag.
"""

from thematica.support.lazy import lazy_exports

__all__ = [
    "benjamini_hochberg",
    "compare_groups",
    "compare_level",
    "compare_pairs",
    "difference_markers",
    "fcr_confidence",
    "fisher_exact",
    "freeman_halton",
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
        "compare_level": "prevalence",
        "compare_pairs": "prevalence",
        "difference_markers": "fcr",
        "fcr_confidence": "fcr",
        "freeman_halton": "omnibus",
        "presence_matrix": "prevalence",
        "segment_rates": "prevalence",
        "benjamini_hochberg": "stats",
        "fisher_exact": "stats",
        "newcombe_interval": "stats",
        "odds_ratio": "stats",
        "wilson_interval": "stats",
    },
)
