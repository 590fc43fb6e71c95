"""Findings as tables: per-transcript findings, the study's deid report, masked excerpts.

No table or message ever holds an identifier whole: the identifier and every other flagged
finding near it are masked (first character kept, every other letter and digit replaced by
``*``), so a reviewer sees where to look and what kind of thing is there, not what it is.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from thematica.deid.model import Finding
from thematica.ingest.turns import line_of

FINDING_COLUMNS = ["transcript", "line", "start", "end", "kind", "detector", "status", "excerpt"]
REPORT_COLUMNS = [*FINDING_COLUMNS[:7], "action", "excerpt"]
#: What the run does with a finding of each status under each policy.
ACTIONS = {
    "fail": {"flagged": "stop", "allowlisted": "allow"},
    "warn": {"flagged": "warn", "allowlisted": "allow"},
    "redact": {"flagged": "redact", "allowlisted": "allow"},
}
CONTEXT = 24


def mask(text: str) -> str:
    """Keep the first character, replace every other letter and digit by ``*``.

    Examples
    --------
    >>> mask("Maria Lopez"), mask("617-555-0134"), mask("a.b@example.org")
    ('M**** *****', '6**-***-****', 'a.*@*******.***')
    """
    return text[:1] + "".join("*" if ch.isalnum() else ch for ch in text[1:])


def excerpt(text: str, finding: Finding, findings: Sequence[Finding], context: int = CONTEXT) -> str:
    """The finding masked, with up to ``context`` characters either side on its line.

    Other findings inside the window are masked too; ``...`` marks a cut.

    Examples
    --------
    >>> t = "P01: I told Maria Lopez about it."
    >>> f = Finding(12, 23, "name", "ner:PERSON")
    >>> excerpt(t, f, [f], context=8)
    '...I told M**** ***** about ...'
    """
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.end)
    line_end = len(text) if line_end < 0 else line_end
    lo = max(line_start, finding.start - context)
    hi = min(line_end, finding.end + context)
    pieces, cursor = [], lo
    nearby = sorted(
        {f for f in findings if f.start < hi and lo < f.end and f.status == "flagged"} | {finding},
        key=lambda f: f.start,
    )
    for other in nearby:
        s, e = max(other.start, cursor), min(other.end, hi)
        if e <= s:
            continue
        pieces.append(text[cursor:s])
        pieces.append(mask(text[s:e]) if s == other.start else "*" * (e - s))
        cursor = e
    pieces.append(text[cursor:hi])
    body = " ".join("".join(pieces).split())
    return ("..." if lo > line_start else "") + body + ("..." if hi < line_end else "")


def findings_table(transcript: str, text: str, findings: Sequence[Finding]) -> pd.DataFrame:
    """One row per finding: ``transcript, line, start, end, kind, detector, status, excerpt``.

    ``line`` is the 1-based line of the canonical text; ``excerpt`` is masked (:func:`excerpt`).
    """
    rows = [
        (
            transcript,
            line_of(text, f.start),
            f.start,
            f.end,
            f.kind,
            f.detector,
            f.status,
            excerpt(text, f, findings),
        )
        for f in sorted(findings, key=lambda f: (f.start, f.end))
    ]
    table = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    return table.astype({"line": "int64", "start": "int64", "end": "int64"})


def findings_from_table(table: pd.DataFrame) -> list[Finding]:
    """Rebuild :class:`Finding` objects from a findings table."""
    return [
        Finding(int(s), int(e), str(k), str(d), str(st))
        for s, e, k, d, st in zip(
            table["start"], table["end"], table["kind"], table["detector"], table["status"], strict=True
        )
    ]


def study_report(tables: Sequence[pd.DataFrame], policy: str) -> pd.DataFrame:
    """Concatenate per-transcript findings (in the order given) and add the ``action`` column.

    ``action`` is ``stop``/``warn``/``redact`` for flagged findings under the policies
    ``fail``/``warn``/``redact``, and ``allow`` for allowlisted ones.
    """
    frames = [t for t in tables if len(t)]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in REPORT_COLUMNS})
    report = pd.concat(frames, ignore_index=True)
    report["action"] = report["status"].map(ACTIONS[policy])
    return report[REPORT_COLUMNS]
