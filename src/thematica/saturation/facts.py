"""Caption values for the saturation outputs, read from ``summary.csv`` when the report is rendered."""

from __future__ import annotations

from pathlib import Path

from thematica.support.report_facts import summariser


def _pct(x: float) -> str:
    import pandas as pd

    return "n/a" if pd.isna(x) else f"{x:.0%}"


def _num(x: float, digits: int = 1) -> str:
    import pandas as pd

    return "n/a" if pd.isna(x) else f"{x:.{digits}f}"


@summariser("saturation")
def saturation_facts(path: Path) -> dict:
    """Guest saturation, the codebook's kind and share observed, and (inductive codebook) Chao2 and
    coverage of the consensus codes over all interviews (and per group)."""
    import pandas as pd

    summary = pd.read_csv(path, dtype={"group": str, "guest_saturation": str})
    consensus = summary.loc[summary["source"] == "consensus"]
    level = str(consensus["level"].iloc[0])
    rows = consensus.loc[consensus["level"] == level].set_index("group")
    overall = rows.loc["all"]
    targets = [
        c[len("extra_interviews_") :]
        for c in summary.columns
        if c.startswith("extra_interviews_") and not c.endswith(("_low", "_high"))
    ]
    extra = "; ".join(
        f"{t}% coverage: {_num(overall[f'extra_interviews_{t}'], 0)} more interviews "
        f"({_num(overall[f'codes_expected_{t}'])} {level}s expected)"
        for t in targets
    )
    kind = str(overall["codebook_kind"]) if "codebook_kind" in overall.index else "inductive"
    n_codes = int(overall["n_codes"])
    last = overall.get("last_new")
    found = (
        f"{int(overall['observed'])} of the codebook's {n_codes} {level}s were voiced "
        f"({_pct(overall.get('codebook_coverage', float('nan')))})"
    )
    if pd.notna(last):
        found += (
            f"; the last new one came in interview {int(last)} (over random orders: mean "
            f"{_num(overall['last_new_perm_mean'])}, {_num(overall['last_new_perm_low'], 0)}–"
            f"{_num(overall['last_new_perm_high'], 0)})"
        )
    if kind == "deductive":
        estimates = (
            f"Deductive codebook: {found}. No {level}s beyond the codebook are estimated (no Chao2, sample "
            "coverage, extrapolation or further interviews), since a codebook fixed before coding has none"
        )
    else:
        estimates = (
            f"Inductive codebook: {found}; Chao2 {_num(overall['chao2'])} ({_num(overall['chao2_low'])}–"
            f"{_num(overall['chao2_high'])}); coverage {_pct(overall['coverage'])}; {extra}"
        )
    return {
        "codebook_kind": kind,
        "estimates": estimates,
        "level": level,
        "n_interviews": int(overall["n_interviews"]),
        "observed": int(overall["observed"]),
        "guest": str(overall["guest_saturation"]),
        "base_size": int(overall["guest_base_size"]),
        "run_length": int(overall["guest_run_length"]),
        "threshold": _pct(overall["guest_threshold"]),
        "share_reached": _pct(overall["perm_share_reached"]),
        "n_permutations": int(overall["n_permutations"]),
        "chao2": _num(overall["chao2"]),
        "chao2_low": _num(overall["chao2_low"]),
        "chao2_high": _num(overall["chao2_high"]),
        "coverage": _pct(overall["coverage"]),
        "extra": extra,
        "groups": "; ".join(
            f"{g}: {r['guest_saturation']}, "
            + (
                f"{int(r['observed'])} of {n_codes} {level}s"
                if kind == "deductive"
                else f"coverage {_pct(r['coverage'])}"
            )
            for g, r in rows.drop("all").iterrows()
        ),
    }
