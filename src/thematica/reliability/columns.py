"""Column names of the reliability tables (``results/<study>/reliability/*.csv``), in file order."""

from __future__ import annotations

#: ``alpha.csv``: one row per code and theme (:func:`~thematica.reliability.per_code.alpha_rows`).
ALPHA_COLUMNS = [
    "code",
    "level",
    "label",
    "theme",
    "alpha",
    "ci_low",
    "ci_high",
    "q_below_min",
    "alpha_min",
    "ci_low_transcripts",
    "ci_high_transcripts",
    "n_units",
    "n_coders",
    "n_values",
    "pct_agree",
    "prevalence",
    "n_units_with_code",
    "min_units_required",
    "low_prevalence_warning",
    "unitized_alpha",
    "bootstrap_pairs",
]
#: ``pairs.csv``: one row per coder pair and code or theme (:func:`~thematica.reliability.pairs.pair_rows`).
PAIR_COLUMNS = [
    "coder_a",
    "coder_b",
    "code",
    "level",
    "label",
    "n_units",
    "n_both",
    "n_a_only",
    "n_b_only",
    "n_neither",
    "pct_agree",
    "prevalence",
    "alpha",
]
#: ``unitized.csv``: the codebook, each theme and each code
#: (:func:`~thematica.reliability.spans.unitized_table`).
UNITIZED_COLUMNS = [
    "scope",
    "code",
    "label",
    "alpha_U",
    "observed_disagreement",
    "expected_disagreement",
    "u_alpha",
    "bar_u_alpha",
    "n_spans",
    "n_coders",
    "n_transcripts",
    "pairable_length",
]
#: ``coefficients.csv``: one row per code or theme and coefficient, all coders (``coder_a``/``coder_b``
#: empty), plus one row per coder pair for a coefficient of two coders (Cohen's kappa) when there are
#: more (:func:`~thematica.reliability.per_code.coefficient_rows`).
COEFFICIENT_COLUMNS = [
    "level",
    "code",
    "label",
    "theme",
    "coefficient",
    "coder_a",
    "coder_b",
    "estimate",
    "ci_low",
    "ci_high",
    "ci_low_transcripts",
    "ci_high_transcripts",
    "n_units",
    "n_coders",
    "note",
]
#: ``code`` of the codebook-level row of ``unitized.csv``.
ALL_CODES = "(all codes)"
