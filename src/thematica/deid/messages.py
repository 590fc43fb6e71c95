"""What the gate says of flagged findings: one masked line each, and the message that stops a run.

Under ``deid.policy: fail`` the gate (:func:`thematica.deid.study.gate_study`) stops with one message
(:func:`stop_message`): a short first line with the counts and the report, then one masked line per
finding (:func:`flagged_lines`: ``file:line:column: kind 'M****'``, at most :data:`MAX_LISTED`), then what
to do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from thematica.deid.report import mask

_PLAIN_TEXT = (".txt", ".md")
#: Findings listed one per line in the message that stops a run (the report lists them all); with the
#: count line and the advice, the message's continuation lines stay within the 20 that ``thematica run``
#: shows of a failed step.
MAX_LISTED = 15


def flagged_lines(text: str, table: pd.DataFrame, *, source: str | Path, text_path: str | Path) -> list[str]:
    """One line per flagged finding of a transcript: ``file:line:column: kind 'M****'`` (masked).

    The file is the transcript in the study folder when it is plain text (.txt, .md: its lines are the
    canonical text's), else the canonical text, with the transcript named after it. Columns are 1-based,
    in characters.

    Examples
    --------
    >>> from thematica.deid.report import findings_table
    >>> from thematica.deid.model import Finding
    >>> t = "Interviewer: Hi.\\nP01: I told Maria Lopez.\\n"
    >>> table = findings_table("t", t, [Finding(29, 40, "name", "ner:PERSON")])
    >>> flagged_lines(t, table, source="raw/t.txt", text_path="source_text/t.txt")
    ["raw/t.txt:2:13: name 'M**** *****'"]
    """
    plain = Path(source).suffix.lower() in _PLAIN_TEXT
    lines = []
    for start, end, line, kind, status in zip(
        table["start"], table["end"], table["line"], table["kind"], table["status"], strict=True
    ):
        if status != "flagged":
            continue
        start, end = int(start), int(end)
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        where = f"{source}:{int(line)}:{column}" if plain else f"{text_path}:{int(line)}:{column}"
        lines.append(f"{where}: {kind} '{mask(text[start:end])}'" + ("" if plain else f" (from {source})"))
    return lines


def stop_message(
    lines: Mapping[str, Sequence[str]],
    *,
    report_path: str | Path | None = None,
    suggested_path: str | Path | None = None,
    allowlist_path: str | Path,
    most: int = MAX_LISTED,
) -> str:
    """The message that stops a run under ``fail``: counts, then one line per finding, then what to do.

    Parameters
    ----------
    lines
        Transcript id -> its :func:`flagged_lines` (transcripts without any are left out of the count).
    report_path, suggested_path, allowlist_path
        The study's deid report, suggested allowlist and allowlist, named in the message.
    most
        Findings listed; the rest are counted ("... and 12 more").

    Examples
    --------
    >>> message = stop_message({"t": ["t.txt:2:13: name 'M**** *****'"]}, report_path="qa/deid_report.csv",
    ...                        suggested_path="deid/s.txt", allowlist_path="raw/deid_allowlist.txt")
    >>> print("\\n".join(message.splitlines()[:2]))
    1 possible personal identifier in 1 transcript; see qa/deid_report.csv
      t.txt:2:13: name 'M**** *****'
    >>> "copy its line from deid/s.txt into raw/deid_allowlist.txt" in message
    True
    """
    listed = [line for found in lines.values() for line in found]
    n, k = len(listed), sum(bool(found) for found in lines.values())
    head = f"{n} possible personal identifier{'s' * (n != 1)} in {k} transcript{'s' * (k != 1)}" + (
        f"; see {report_path}" if report_path else ""
    )
    body = [f"  {line}" for line in listed[:most]]
    if n > most:
        body.append(f"  ... and {n - most} more" + (f" in {report_path}" if report_path else ""))
    copy = f"copy its line from {suggested_path} into" if suggested_path else "add it to"
    advice = [
        "  Replace each with a placeholder such as [NAME] in its transcript; if one is not an identifier (a "
        f"product name, a common word), {copy} {allowlist_path};",
        "  or set deid.policy to 'redact' (pseudonyms) or 'warn' in the config.",
    ]
    return "\n".join([head, *body, *advice])
