"""Inter-coder reliability: Krippendorff's alpha, Cohen's and Fleiss' kappa, Gwet's AC1, with bootstrap
intervals, and alpha for unitizing.

- :mod:`~thematica.reliability.coincidence`: coincidence matrices and difference functions;
- :mod:`~thematica.reliability.alpha`: alpha (nominal, ordinal, interval, ratio), missing values allowed;
- :mod:`~thematica.reliability.agreement`: Cohen's kappa, Fleiss' kappa and Gwet's AC1 (nominal; missing
  values as in Gwet 2014);
- :mod:`~thematica.reliability.bootstrap`: Krippendorff's bootstrap (interval, q), and resampling transcripts;
- :mod:`~thematica.reliability.coefficients`: the coefficient interface (:class:`Coefficient`), the
  registry the tables and figures iterate over, and resampling units or transcripts for any coefficient;
- :mod:`~thematica.reliability.unitized`: alpha_U (1995/2004), u-alpha and |u-alpha (2016) on raw spans;
- :mod:`~thematica.reliability.settings`: :class:`ReliabilitySettings`, built once from the config;
- :mod:`~thematica.reliability.per_code`, :mod:`~thematica.reliability.pairs`,
  :mod:`~thematica.reliability.spans`: the rows of the tables (per code and theme, per coder pair, unitized);
- :mod:`~thematica.reliability.columns`: the tables' columns;
- :mod:`~thematica.reliability.note`: the one row each table holds, and what the figures and captions say,
  when no segment has two coders (a study with one coder);
- :mod:`~thematica.reliability.study`: the workflow's entry, :func:`reliability_tables`.
"""

from thematica.support.lazy import lazy_exports

__all__ = [
    "ALL_CODES",
    "ALPHA_COLUMNS",
    "AlphaResult",
    "COEFFICIENTS",
    "COEFFICIENT_COLUMNS",
    "Coefficient",
    "Continuum",
    "Interval",
    "PAIR_COLUMNS",
    "ReliabilitySettings",
    "ReliabilityTables",
    "UNITIZED_COLUMNS",
    "UnitData",
    "alpha_result",
    "alpha_u",
    "binary_alpha",
    "bootstrap_alpha",
    "bootstrap_draws",
    "cluster_bootstrap_alpha",
    "cohen_kappa",
    "confidence_interval",
    "fleiss_kappa",
    "get_coefficients",
    "gwet_ac1",
    "kappa_from_table",
    "krippendorff_alpha",
    "minimum_units",
    "q_below",
    "reliability_tables",
    "table_note",
    "text_lengths",
    "theme_values",
    "u_alpha",
    "unitized_table",
]

# names load from their submodules on first use (thematica.support.lazy)
__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "AlphaResult": "alpha",
        "alpha_result": "alpha",
        "binary_alpha": "alpha",
        "krippendorff_alpha": "alpha",
        "cohen_kappa": "agreement",
        "fleiss_kappa": "agreement",
        "gwet_ac1": "agreement",
        "kappa_from_table": "agreement",
        "bootstrap_alpha": "bootstrap",
        "bootstrap_draws": "bootstrap",
        "cluster_bootstrap_alpha": "bootstrap",
        "confidence_interval": "bootstrap",
        "q_below": "bootstrap",
        "COEFFICIENTS": "coefficients",
        "Coefficient": "coefficients",
        "Interval": "coefficients",
        "UnitData": "coefficients",
        "get_coefficients": "coefficients",
        "ALL_CODES": "columns",
        "ALPHA_COLUMNS": "columns",
        "COEFFICIENT_COLUMNS": "columns",
        "PAIR_COLUMNS": "columns",
        "UNITIZED_COLUMNS": "columns",
        "minimum_units": "per_code",
        "theme_values": "per_code",
        "table_note": "note",
        "ReliabilitySettings": "settings",
        "text_lengths": "spans",
        "unitized_table": "spans",
        "ReliabilityTables": "study",
        "reliability_tables": "study",
        "Continuum": "unitized",
        "alpha_u": "unitized",
        "u_alpha": "unitized",
    },
)
