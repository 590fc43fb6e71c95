"""Inter-coder reliability: Krippendorff's alpha with bootstrap intervals, and alpha for unitizing.

- :mod:`~thematica.reliability.coincidence`: coincidence matrices and difference functions;
- :mod:`~thematica.reliability.alpha`: alpha (nominal, ordinal, interval, ratio), missing values allowed;
- :mod:`~thematica.reliability.bootstrap`: Krippendorff's bootstrap (interval, q), and resampling transcripts;
- :mod:`~thematica.reliability.unitized`: alpha_U (1995/2004), u-alpha and |u-alpha (2016) on raw spans;
- :mod:`~thematica.reliability.table`: the study's tables (per code and theme, per coder pair, unitized).
"""

from thematica.reliability.alpha import AlphaResult, alpha_result, binary_alpha, krippendorff_alpha
from thematica.reliability.bootstrap import (
    bootstrap_alpha,
    bootstrap_draws,
    cluster_bootstrap_alpha,
    confidence_interval,
    q_below,
)
from thematica.reliability.table import (
    ALPHA_COLUMNS,
    PAIR_COLUMNS,
    UNITIZED_COLUMNS,
    ReliabilityTables,
    minimum_units,
    reliability_tables,
    unitized_table,
)
from thematica.reliability.unitized import Continuum, alpha_u, u_alpha

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
