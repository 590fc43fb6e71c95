"""Inter-coder reliability: Krippendorff's alpha with bootstrap intervals, and alpha for unitizing.

- :mod:`~thematica.reliability.coincidence`: coincidence matrices and difference functions;
- :mod:`~thematica.reliability.alpha`: alpha (nominal, ordinal, interval, ratio), missing values allowed;
- :mod:`~thematica.reliability.bootstrap`: Krippendorff's bootstrap (interval, q), and resampling transcripts;
- :mod:`~thematica.reliability.unitized`: alpha_U (1995/2004), u-alpha and |u-alpha (2016) on raw spans;
- :mod:`~thematica.reliability.table`: the study's tables (per code and theme, per coder pair, unitized).
"""

from thematica.lazy import lazy_exports

__all__ = [
    "ALPHA_COLUMNS",
    "PAIR_COLUMNS",
    "UNITIZED_COLUMNS",
    "AlphaResult",
    "Continuum",
    "ReliabilityTables",
    "alpha_result",
    "alpha_u",
    "binary_alpha",
    "bootstrap_alpha",
    "bootstrap_draws",
    "cluster_bootstrap_alpha",
    "confidence_interval",
    "krippendorff_alpha",
    "minimum_units",
    "q_below",
    "reliability_tables",
    "u_alpha",
    "unitized_table",
]

# names load from their submodules on first use (thematica.lazy)
__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "AlphaResult": "alpha",
        "alpha_result": "alpha",
        "binary_alpha": "alpha",
        "krippendorff_alpha": "alpha",
        "bootstrap_alpha": "bootstrap",
        "bootstrap_draws": "bootstrap",
        "cluster_bootstrap_alpha": "bootstrap",
        "confidence_interval": "bootstrap",
        "q_below": "bootstrap",
        "ALPHA_COLUMNS": "table",
        "PAIR_COLUMNS": "table",
        "UNITIZED_COLUMNS": "table",
        "ReliabilityTables": "table",
        "minimum_units": "table",
        "reliability_tables": "table",
        "unitized_table": "table",
        "Continuum": "unitized",
        "alpha_u": "unitized",
        "u_alpha": "unitized",
    },
)
