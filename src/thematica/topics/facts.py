"""Caption values for the candidate-theme outputs, read from ``topic_info.csv`` and the files beside it."""

from __future__ import annotations

from pathlib import Path

from thematica.support.report_facts import summariser


def _num(x: float, digits: int = 2) -> str:
    import pandas as pd

    return "n/a" if pd.isna(x) else f"{x:.{digits}f}"


@summariser("topics")
def topics_facts(path: Path) -> dict:
    """Themes, outliers and stability from ``topic_info.csv``, ``stability.csv`` and ``recovery.csv``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "topic_info.csv").write_text(
    ...     "topic,label,n_segments,n_participants,n_reassigned,stability,stable\\n"
    ...     "0,a,30,5,3,0.9,True\\n1,b,10,2,1,0.2,False\\n")
    >>> _ = (folder / "stability.csv").write_text("seed,n_topics,outlier_share,ari,nmi\\n2,2,0,0.8,0.9\\n")
    >>> facts = topics_facts(folder / "topic_info.csv")
    >>> facts["n_topics"], facts["n_unstable"], facts["reassigned"], facts["ari"], facts["recovery"]
    (2, 1, '10.0%', '0.80', 'n/a (no planted truth)')
    >>> facts["skipped"]
    False

    A study too small for candidate themes has the table's columns and no rows; ``skipped`` is true and
    ``n_segments`` counts the participant segments of the QA ledger (``../qa/ledger.csv``) when it is there:

    >>> _ = (folder / "topic_info.csv").write_text("topic,label,n_segments,n_participants,n_reassigned\\n")
    >>> facts = topics_facts(folder / "topic_info.csv")
    >>> facts["skipped"], facts["n_topics"], facts["n_segments"]
    (True, 0, 'too few')
    """
    import pandas as pd

    path = Path(path)
    info = pd.read_csv(path)
    if info.empty:
        return _skipped_topics_facts(path)
    themes = info.loc[info["topic"] != -1]
    total = int(info["n_segments"].sum())
    outliers = int(info.loc[info["topic"] == -1, "n_segments"].sum())
    stable = themes["stable"].astype(str).str.lower().ne("false")
    facts = {
        "n_topics": len(themes),
        "n_segments": total,
        "outliers": f"{100 * outliers / total:.1f}%" if total else "n/a",
        "reassigned": f"{100 * themes['n_reassigned'].sum() / total:.1f}%" if total else "n/a",
        "n_unstable": int((~stable).sum()),
        "median_size": int(themes["n_segments"].median()) if len(themes) else 0,
        "largest": f"{themes['label'].iloc[0]} ({int(themes['n_segments'].iloc[0])} segments)"
        if len(themes)
        else "",
        "ari": "n/a",
        "nmi": "n/a",
        "n_runs": 0,
        "recovery": "n/a (no planted truth)",
        "skipped": False,
    }
    facts.update(_hierarchy_facts(themes))
    runs_path = path.parent / "stability.csv"
    if runs_path.is_file():
        runs = pd.read_csv(runs_path)
        facts.update(n_runs=len(runs), ari=_num(runs["ari"].mean()), nmi=_num(runs["nmi"].mean()))
    recovery_path = path.parent / "recovery.csv"
    if recovery_path.is_file():
        rec = pd.read_csv(recovery_path).set_index("variant")
        facts["recovery"] = "; ".join(
            f"{variant.replace('_', ' ')}: ARI {_num(row['ari'])}, NMI {_num(row['nmi'])}"
            for variant, row in rec.iterrows()
        )
    return facts


def _ledger_segments(path: Path) -> int | str:
    """The participant segments of the QA ledger beside a study's ``topics/`` folder (``"too few"`` when it
    is not there): what the captions of a study too small for candidate themes quote."""
    import pandas as pd

    ledger = Path(path).parent.parent / "qa" / "ledger.csv"
    return int(pd.read_csv(ledger)["segments"].sum()) if ledger.is_file() else "too few"


def _skipped_topics_facts(path: Path) -> dict:
    """Caption values of a study too small for candidate themes (an empty ``topic_info.csv``)."""
    return {
        "n_topics": 0,
        "n_segments": _ledger_segments(path),
        "outliers": "n/a",
        "reassigned": "n/a",
        "n_unstable": 0,
        "median_size": 0,
        "largest": "",
        "ari": "n/a",
        "nmi": "n/a",
        "n_runs": 0,
        "recovery": "n/a (no candidate themes)",
        "skipped": True,
        "n_themes": 0,
        "n_talk": 0,
        "example_themes": "",
    }


def _hierarchy_facts(themes) -> dict:
    """Top-level themes and talk topics of ``topic_info.csv`` (a table without ``theme``: each topic its
    own theme, none of them talk).

    Examples
    --------
    >>> import pandas as pd
    >>> info = pd.DataFrame({"topic": [0, 1, 2], "kind": ["theme", "talk", "theme"], "theme": [1, 0, 1],
    ...                      "theme_label": ["care plans", "(talk)", "care plans"]})
    >>> _hierarchy_facts(info)
    {'n_themes': 1, 'n_talk': 1, 'example_themes': '"care plans"'}
    """
    if "theme" not in themes:
        return {"n_themes": len(themes), "n_talk": 0, "example_themes": ""}
    content = themes.loc[themes["kind"] != "talk"].sort_values(["theme", "topic"])
    labels = content.drop_duplicates("theme")["theme_label"].astype(str).head(3)
    return {
        "n_themes": int(content["theme"].nunique()),
        "n_talk": int((themes["kind"] == "talk").sum()),
        "example_themes": ", ".join(f'"{label}"' for label in labels),
    }


@summariser("crosswalk")
def crosswalk_facts(path: Path) -> dict:
    """Overall agreement from ``crosswalk_summary.csv``.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "crosswalk_summary.csv"
    >>> _ = p.write_text("n_segments,n_coded,n_single_coded,n_topics,n_codes,nmi_single_coded,"
    ...                  "ari_single_coded,nmi_with_uncoded,n_mutual_matches,n_topics_without_code\\n"
    ...                  "100,60,50,8,5,0.41,0.2,0.3,4,2\\n")
    >>> facts = crosswalk_facts(p)
    >>> facts["nmi_single_coded"], facts["n_mutual_matches"], facts["skipped"]
    ('0.41', 4, False)

    Without candidate themes (a study too small for them) the summary has no row:

    >>> _ = p.write_text("n_segments,n_coded\\n")
    >>> crosswalk_facts(p)["skipped"], crosswalk_facts(p)["n_topics"]
    (True, 0)
    """
    import pandas as pd

    table = pd.read_csv(path)
    if table.empty:
        return {
            "n_segments": _ledger_segments(path),
            "n_not_seen": 0,
            "n_single_coded": 0,
            "n_topics": 0,
            "n_codes": 0,
            "nmi_single_coded": "n/a",
            "ari_single_coded": "n/a",
            "nmi_with_uncoded": "n/a",
            "n_mutual_matches": 0,
            "n_topics_without_code": 0,
            "skipped": True,
        }
    row = table.iloc[0]
    return {
        "n_segments": int(row["n_segments"]),
        "n_not_seen": int(row.get("n_segments_not_seen", 0)),
        "n_single_coded": int(row["n_single_coded"]),
        "n_topics": int(row["n_topics"]),
        "n_codes": int(row["n_codes"]),
        "nmi_single_coded": _num(row["nmi_single_coded"]),
        "ari_single_coded": _num(row["ari_single_coded"]),
        "nmi_with_uncoded": _num(row["nmi_with_uncoded"]),
        "n_mutual_matches": int(row["n_mutual_matches"]),
        "n_topics_without_code": int(row["n_topics_without_code"]),
        "skipped": False,
    }
