"""Caption values of the group comparison, read from ``compare/prevalence.csv``."""

from __future__ import annotations

from pathlib import Path

from thematica.support.report_facts import summariser


@summariser("prevalence")
def prevalence_facts(path: Path) -> dict:
    """Groups, sizes and the codes and themes that differ at the adjusted threshold."""
    import pandas as pd

    table = pd.read_csv(path, keep_default_na=False, na_values=[""])
    codes = table.loc[table["level"] == "code"]
    sizes = codes.drop_duplicates("group").set_index("group")["n_participants"]
    per_code = codes.drop_duplicates("code")
    significant = per_code.loc[per_code["significant"].astype(str) == "True"]
    themes = table.loc[table["level"] == "theme"].drop_duplicates("code")
    return {
        "groups": " and ".join(f"{g} (n={int(n)})" for g, n in sizes.items()),
        "n_codes": len(per_code),
        "n_significant": len(significant),
        "significant_codes": ", ".join(significant["code"]) or "none",
        "n_themes": len(themes),
        "n_significant_themes": int((themes["significant"].astype(str) == "True").sum()),
    }
