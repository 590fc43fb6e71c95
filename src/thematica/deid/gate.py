"""The deidentification gate as the workflow runs it: scan, gather, then stop, warn or redact.

Three steps per study (see ``workflow/rules/deid.smk``):

1. :func:`scan_file` -- each transcript's canonical source text -> its findings table
   (``results/<s>/qa/deid/<t>.csv``);
2. :func:`gather_report` -- all findings -> ``results/<s>/qa/deid_report.csv``, written whatever
   the policy, before any transcript is let through;
3. :func:`gate_transcript` -- under ``fail`` a flagged finding stops the run with one masked line
   naming the file, line and kind; under ``warn`` it is logged; under ``redact`` it is replaced by
   a pseudonym. Returns the text the rest of the pipeline reads and the offset map.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from thematica.deid.model import KINDS, POLICIES
from thematica.deid.redact import empty_offset_map, redact_text
from thematica.deid.report import FINDING_COLUMNS, findings_from_table, findings_table, mask, study_report
from thematica.deid.scan import read_allowlist, scan_text
from thematica.errors import ThematicaError
from thematica.ingest import read_canonical
from thematica.tables import read_csv

log = logging.getLogger(__name__)

_PLAIN_TEXT = (".txt", ".md")


def scan_file(
    text_path: str | Path,
    *,
    transcript: str,
    allowlist_path: str | Path | None = None,
    known_terms: Iterable[str] = (),
    kinds: Sequence[str] = KINDS,
    ner: bool = True,
    speaker_pattern: str | None = None,
    entities_path: str | Path | None = None,
) -> pd.DataFrame:
    """Scan one transcript's canonical text.

    Parameters
    ----------
    text_path
        The canonical (unredacted) text, ``data/processed/<s>/source_text/<t>.txt``.
    transcript
        Transcript id, copied into every row.
    allowlist_path
        The study's allowlist file, if any (see :func:`thematica.deid.scan.read_allowlist`).
    known_terms
        Terms allowed on top of the file: the study's speaker labels and participant ids.
    kinds, ner, speaker_pattern
        See :func:`thematica.deid.scan.scan_text`.
    entities_path
        The study's entities table (rule ``deid_entities``, :func:`thematica.deid.entities.study_entities`):
        its rows for this transcript replace running spaCy here.

    Returns
    -------
    pandas.DataFrame
        The findings table (:data:`thematica.deid.report.FINDING_COLUMNS`), masked.
    """
    text = read_canonical(text_path)
    allowlist = read_allowlist(allowlist_path).extended(known_terms)
    entities = None
    if ner and entities_path is not None:
        from thematica.deid.entities import read_transcript_entities, transcript_entities

        rows = read_transcript_entities(entities_path, transcript)
        entities = transcript_entities(rows, transcript, text, path=entities_path)
    findings = scan_text(
        text, allowlist=allowlist, kinds=kinds, ner=ner, speaker_pattern=speaker_pattern, entities=entities
    )
    table = findings_table(transcript, text, findings)
    n_flagged = int((table["status"] == "flagged").sum())
    log.info("%s: %d possible identifier(s), %d allowlisted", transcript, n_flagged, len(table) - n_flagged)
    return table


def read_findings(path: str | Path) -> pd.DataFrame:
    """Read a findings table written by the scan step."""
    table = read_csv(path)
    if table.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in FINDING_COLUMNS})
    return table


def gather_report(paths: Sequence[str | Path], *, policy: str) -> pd.DataFrame:
    """The study's deid report: every transcript's findings and what the policy does with them."""
    _check_policy(policy)
    report = study_report([read_findings(p) for p in paths], policy)
    flagged = report.loc[report["status"] == "flagged"]
    log.info(
        "%d possible identifier(s) in %d transcript(s), %d allowlisted; policy %s",
        len(flagged),
        flagged["transcript"].nunique(),
        len(report) - len(flagged),
        policy,
    )
    return report


def gate_transcript(
    text_path: str | Path,
    findings_path: str | Path,
    *,
    policy: str,
    source: str | Path,
    allowlist_path: str | Path,
    speaker_pattern: str | None = None,
) -> tuple[str, pd.DataFrame]:
    """Apply the policy to one transcript.

    Parameters
    ----------
    text_path
        Canonical source text (``source_text/<t>.txt``).
    findings_path
        Its findings table (``results/<s>/qa/deid/<t>.csv``).
    policy
        ``fail``, ``warn`` or ``redact``.
    source
        The transcript file in the study folder, named in the message.
    allowlist_path
        Where the study's allowlist is (or would be), named in the message.
    speaker_pattern
        The study's speaker-label pattern (pseudonyms inside labels lose their brackets).

    Returns
    -------
    (str, pandas.DataFrame)
        The text for the rest of the pipeline (identical under ``fail``/``warn``, redacted under
        ``redact``) and the offset map (empty unless something was replaced).

    Raises
    ------
    ThematicaError
        Under ``fail``, if any finding is flagged: one line naming the file, the line and the kind
        of the first, with the identifier masked.
    """
    _check_policy(policy)
    text = read_canonical(text_path)
    table = read_findings(findings_path)
    flagged = table.loc[table["status"] == "flagged"]
    if flagged.empty:
        return text, empty_offset_map()
    first = flagged.iloc[0]
    start, end, line = int(first["start"]), int(first["end"]), int(first["line"])
    kinds = ", ".join(sorted(set(flagged["kind"].iloc[1:])))
    summary = (
        f"possible personal identifier: {first['kind']} '{mask(text[start:end])}'"
        + (f", and {len(flagged) - 1} more ({kinds})" if len(flagged) > 1 else "")
        + f"; all are listed, masked, in {findings_path}"
    )
    if policy == "fail":
        plain = Path(source).suffix.lower() in _PLAIN_TEXT
        where = "" if plain else f" (line {line} of its canonical text {text_path})"
        raise ThematicaError(
            f"{summary}{where}. Replace each with a placeholder such as [NAME], add a false positive to "
            f"{allowlist_path}, or set deid.policy to 'redact' or 'warn' in the config",
            path=source,
            line=line if plain else None,
        )
    if policy == "warn":
        log.warning("%s, line %d: %s (deid.policy is 'warn': kept as it is)", source, line, summary)
        return text, empty_offset_map()
    redacted, offsets = redact_text(text, findings_from_table(table), speaker_pattern=speaker_pattern)
    log.info("%s: replaced %d identifier(s) with pseudonyms", source, len(offsets))
    return redacted, offsets


def _check_policy(policy: str) -> None:
    if policy not in POLICIES:
        raise ThematicaError(f"deid.policy must be one of {list(POLICIES)}, not {policy!r}")
