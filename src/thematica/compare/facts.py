"""Caption values of the group comparison, read from ``compare/prevalence.csv``."""

from __future__ import annotations

from pathlib import Path

from thematica.support.report_facts import summariser

#: What each value of the ``test`` column means, for captions.
TESTS = {
    "none": "no test (one group)",
    "fisher_exact": "Fisher's exact test",
    "freeman_halton": "the Freeman–Halton exact test of the item x group table",
    "freeman_halton_monte_carlo": "the Freeman–Halton test estimated from 100,000 seeded random tables",
}


@summariser("prevalence")
def prevalence_facts(path: Path) -> dict:
    """Groups, sizes, the test, and the codes and themes that differ at the adjusted threshold.

    Tables written before the ``test`` and ``marker`` columns read as two groups under Fisher's exact test
    with no interval-only markers.
    """
    import pandas as pd

    table = pd.read_csv(path, keep_default_na=False, na_values=[""])
    codes = table.loc[table["level"] == "code"]
    sizes = codes.drop_duplicates("group").set_index("group")["n_participants"]
    per_code = codes.drop_duplicates("code")
    significant = per_code.loc[per_code["significant"].astype(str) == "True"]
    themes = table.loc[table["level"] == "theme"].drop_duplicates("code")
    tests = sorted(set(table["test"])) if "test" in table else ["fisher_exact"]
    markers = per_code["marker"] if "marker" in per_code else pd.Series("none", index=per_code.index)
    interval_only = per_code.loc[markers == "interval_only", "code"]
    fcr = per_code["fcr_confidence"].dropna() if "fcr_confidence" in per_code else pd.Series(dtype=float)
    listed = [f"{g} (n={int(n)})" for g, n in sizes.items()]
    return {
        "groups": " and ".join(listed) if len(listed) <= 2 else ", ".join(listed[:-1]) + " and " + listed[-1],
        "n_groups": len(sizes),
        "test": " or ".join(TESTS.get(t, t) for t in tests),
        "n_codes": len(per_code),
        "n_significant": len(significant),
        "significant_codes": ", ".join(significant["code"]) or "none",
        "n_interval_only": len(interval_only),
        "interval_only_codes": ", ".join(interval_only) or "none",
        "fcr_confidence": f"{100 * fcr.iloc[0]:.4g}%" if len(fcr) else "not applicable (no code flagged)",
        "n_themes": len(themes),
        "n_significant_themes": int((themes["significant"].astype(str) == "True").sum()),
    }
