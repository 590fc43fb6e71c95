"""Caption values for the reliability outputs, read from ``alpha.csv`` (and ``unitized.csv`` beside it)."""

from __future__ import annotations

from pathlib import Path

from thematica.support.report_facts import summariser


def _num(x: float, digits: int = 2) -> str:
    import pandas as pd

    return "n/a" if pd.isna(x) else f"{x:.{digits}f}"


@summariser("reliability")
def reliability_facts(path: Path) -> dict:
    """Alpha per code: range, the lowest codes, how many fall below alpha_min, unitized alpha of the codebook.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "alpha.csv").write_text(
    ...     "code,level,label,alpha,ci_low,ci_high,alpha_min,n_units,n_coders,low_prevalence_warning\\n"
    ...     "a,code,A,0.9,0.85,0.95,0.667,100,2,False\\nb,code,B,0.5,0.4,0.6,0.667,100,2,True\\n"
    ...     "t,theme,t,0.8,0.7,0.9,0.667,100,2,False\\n")
    >>> _ = (folder / "unitized.csv").write_text(
    ...     "scope,code,u_alpha,bar_u_alpha\\ncodebook,(all codes),0.7,0.8\\n")
    >>> facts = reliability_facts(folder / "alpha.csv")
    >>> facts["lowest"], facts["n_below_min"], facts["u_alpha"], facts["note"]
    ('B 0.50 (0.40–0.60)', 1, '0.70', '')

    A study with one coder has no alpha; ``note`` says why (:mod:`~thematica.reliability.note`), and the
    captions print it instead of the numbers:

    >>> from thematica.reliability.note import note_tables
    >>> tables = note_tables("reliability needs two coders; this study has one (ana)", n_coders=1,
    ...                      n_spans=4, alpha_min=0.667)
    >>> tables[0].to_csv(folder / "alpha.csv", index=False)
    >>> tables[2].to_csv(folder / "unitized.csv", index=False)
    >>> facts = reliability_facts(folder / "alpha.csv")
    >>> facts["note"], facts["n_coders"], facts["n_codes"], facts["u_alpha"]
    ('Reliability needs two coders; this study has one (ana).', 1, 0, 'n/a')
    """
    import pandas as pd

    from thematica.reliability.note import table_note

    table = pd.read_csv(path, dtype={"code": str, "label": str})
    note = table_note(table)
    codes = table.loc[table["level"] == "code"]
    themes = table.loc[table["level"] == "theme"]
    alpha_min = float(table["alpha_min"].iloc[0]) if len(table) else float("nan")
    lowest = codes.dropna(subset=["alpha"]).nsmallest(1, "alpha")
    unitized_path = Path(path).parent / "unitized.csv"
    overall = None
    if unitized_path.is_file():
        unitized = pd.read_csv(unitized_path, dtype={"code": str})
        from thematica.reliability.columns import ALL_CODES

        rows = unitized.loc[unitized["code"] == ALL_CODES]
        overall = rows.iloc[0] if len(rows) else None
    return {
        "n_codes": len(codes),
        "n_themes": len(themes),
        "n_units": int(codes["n_units"].max()) if len(codes) else 0,
        "n_coders": int((codes if len(codes) else table)["n_coders"].fillna(0).max()) if len(table) else 0,
        "median": _num(codes["alpha"].median()),
        "min": _num(codes["alpha"].min()),
        "max": _num(codes["alpha"].max()),
        "lowest": "; ".join(
            f"{r['label']} {_num(r['alpha'])} ({_num(r['ci_low'])}–{_num(r['ci_high'])})"
            for _, r in lowest.iterrows()
        ),
        "alpha_min": _num(alpha_min, 3),
        "n_below_min": int((codes["alpha"] < alpha_min).sum()),
        "n_warned": int(codes["low_prevalence_warning"].astype(bool).sum()),
        "u_alpha": _num(overall["u_alpha"]) if overall is not None else "n/a",
        "bar_u_alpha": _num(overall["bar_u_alpha"]) if overall is not None else "n/a",
        "note": note[:1].upper() + note[1:] + "." if note else "",
    }
