"""The machine coder measured as a coder: alpha against the consensus and each human coder.

Rows of ``machine.csv``, per code, each with the humans' bootstrap intervals (Krippendorff's algorithm
and the transcript bootstrap of :mod:`thematica.reliability.coefficients`, seeded and sized by the
reliability settings):

- ``machine_consensus``: the machine's cross-validated codes against the consensus, on every coded
  segment;
- ``machine_coder``: against each human coder, on the segments that coder saw;
- ``coders``: every human coder together, the row of ``alpha.csv`` (same data, same generator);
- ``coder_pair``: each pair of human coders, on the segments both saw.

The machine learns the consensus, so its alpha against the consensus is bounded by how far the humans
share that consensus: for a code the humans apply inconsistently (low ``coders`` alpha), the consensus is
partly noise no classifier can predict, and the machine's alpha is low for the same reason.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from thematica.reliability.bootstrap import confidence_interval, q_below
from thematica.reliability.coefficients import ALPHA, UnitData, _coincidences
from thematica.reliability.per_code import evaluate, unit_data
from thematica.reliability.settings import ReliabilitySettings

#: The machine coder's name in tables, figures and REFI-QDA projects.
MACHINE_USER = "thematica-machine"
#: The consensus as a coder in ``machine.csv``.
CONSENSUS = "consensus"

MACHINE_COLUMNS = [
    "code",
    "level",
    "label",
    "theme",
    "comparison",
    "coder_a",
    "coder_b",
    "alpha",
    "ci_low",
    "ci_high",
    "ci_low_transcripts",
    "ci_high_transcripts",
    "q_below_min",
    "alpha_min",
    "n_units",
    "n_transcripts",
    "pct_agree",
    "prevalence",
    "bootstrap_pairs",
]


def _row(data: UnitData, settings: ReliabilitySettings, *, code: str, pair: tuple[str, str] | None) -> dict:
    result = evaluate(ALPHA, data, settings, level="code", code=code, pair=pair)
    low, high = confidence_interval(result.replicates, settings.ci_level)
    t_low, t_high = confidence_interval(result.cluster_replicates, settings.ci_level)
    o = _coincidences(result.totals)
    n = float(o.sum())
    return {
        "alpha": result.estimate,
        "ci_low": low,
        "ci_high": high,
        "ci_low_transcripts": t_low,
        "ci_high_transcripts": t_high,
        "q_below_min": q_below(result.replicates, settings.alpha_min),
        "alpha_min": settings.alpha_min,
        "n_units": data.n_units,
        "n_transcripts": len(np.unique(data.clusters[data.m_u >= 2])),
        "pct_agree": 100.0 * (o[0, 0] + o[1, 1]) / n if n > 0 else float("nan"),
        "prevalence": (o[1, 1] + o[1, 0]) / n if n > 0 else float("nan"),
        "bootstrap_pairs": result.draws if settings.n_bootstrap > 0 else 0,
    }


def machine_alpha_table(
    machine: pd.DataFrame,
    consensus: pd.DataFrame,
    segment_codes: pd.DataFrame,
    codebook: pd.DataFrame,
    transcript_of: Mapping[str, str],
    settings: ReliabilitySettings,
) -> pd.DataFrame:
    """``machine.csv``: the machine's alpha against the consensus and each coder, beside the humans'.

    Parameters
    ----------
    machine
        The machine's cross-validated codes: ``segment_id, code, applied``.
    consensus
        ``segment_id, code, applied``.
    segment_codes
        The human coders' codes: ``segment_id, coder, code, applied``.
    codebook
        ``code, label, theme``; its codes in its order are the table's.
    transcript_of
        Segment -> transcript (the clusters of the transcript bootstrap).
    settings
        The reliability settings: replicates, level, draws rule, seed, ``alpha_min``.

    Returns
    -------
    pandas.DataFrame
        :data:`MACHINE_COLUMNS`; per code: ``machine_consensus``, ``machine_coder`` per coder, ``coders``
        (only with two or more coders) and ``coder_pair`` per pair with a shared segment.
    """
    columns = ["segment_id", "code", "applied"]
    codes = [str(c) for c in codebook["code"]]
    coders = sorted(str(c) for c in segment_codes["coder"].unique())
    together = pd.concat(
        [
            machine[columns].assign(coder=MACHINE_USER),
            consensus[columns].assign(coder=CONSENSUS),
            segment_codes[["segment_id", "coder", "code", "applied"]],
        ],
        ignore_index=True,
    )
    data = unit_data(together, codes, transcript_of)
    humans = unit_data(segment_codes, codes, transcript_of) if len(coders) >= 2 else {}
    labels = dict(zip(codebook["code"], codebook["label"], strict=True))
    themes = dict(zip(codebook["code"], codebook["theme"], strict=True))
    rows = []
    for code in codes:
        own = data[code]
        index = {name: i for i, name in enumerate(own.coders)}
        common = {"code": code, "level": "code", "label": labels[code], "theme": themes[code]}
        comparisons = [("machine_consensus", MACHINE_USER, CONSENSUS)]
        comparisons += [("machine_coder", MACHINE_USER, coder) for coder in coders]
        for comparison, a, b in comparisons:
            if a not in index or b not in index:
                continue
            pair = own.pair(index[a], index[b])
            rows.append(
                {
                    **common,
                    "comparison": comparison,
                    "coder_a": a,
                    "coder_b": b,
                    **_row(pair, settings, code=code, pair=(a, b)),
                }
            )
        if code in humans and humans[code].n_units:
            rows.append(
                {
                    **common,
                    "comparison": "coders",
                    "coder_a": None,
                    "coder_b": None,
                    **_row(humans[code], settings, code=code, pair=None),
                }
            )
            for a, b in humans[code].pairs():
                pair = humans[code].pair(a, b)
                names = (pair.coders[0], pair.coders[1])
                rows.append(
                    {
                        **common,
                        "comparison": "coder_pair",
                        "coder_a": names[0],
                        "coder_b": names[1],
                        **_row(pair, settings, code=code, pair=names),
                    }
                )
    return pd.DataFrame(rows, columns=MACHINE_COLUMNS)
