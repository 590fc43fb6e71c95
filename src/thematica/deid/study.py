"""The deidentification gate as the workflow runs it: scan, gather, then stop, warn or redact.

Two jobs per study (see ``workflow/rules/deid.smk``), after ``deid_entities`` has found spaCy's entities:

1. :func:`scan_study` -- each transcript's canonical source text -> its findings table
   (``results/<s>/qa/deid/<t>.csv``, :func:`scan_file`), and all findings ->
   ``results/<s>/qa/deid_report.csv`` (:func:`gather_report`), written whatever the policy, before any
   transcript is let through, and the suggested allowlist ``data/processed/<s>/deid/
   deid_allowlist.suggested.txt`` (:func:`thematica.deid.allowlist.suggested_allowlist`: every flagged
   term once, unmasked, so it stays beside the unredacted source texts and out of ``results/``);
2. :func:`gate_study` -- under ``fail`` flagged findings stop the run with one message
   (:func:`thematica.deid.messages.stop_message`): a short first line with the counts and the report,
   then one masked line per finding (``file:line:column: kind 'M****'``, at most :data:`MAX_LISTED`),
   then what to do; under ``warn`` they are logged; under ``redact`` each is replaced by a pseudonym
   (:func:`gate_transcript`). Writes the text the rest of the pipeline reads
   (``data/processed/<s>/text/<t>.txt``) and the offset map (``data/processed/<s>/offsets/<t>.parquet``).

A scan or a gate costs far less than starting a process, so each is one job per study, not one per
transcript; the entities, which do cost (spaCy), are cached per transcript.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from thematica.deid.allowlist import read_allowlist, suggested_allowlist

# the deid stage's other workflow entries: every script of the stage calls deid.study
from thematica.deid.entities import study_entities  # noqa: F401
from thematica.deid.messages import (
    MAX_LISTED,  # noqa: F401
    flagged_lines,
    stop_message,
)
from thematica.deid.model import KINDS, POLICIES
from thematica.deid.redact import (
    empty_offset_map,
    read_offset_map,  # noqa: F401
    redact_text,
)
from thematica.deid.report import FINDING_COLUMNS, findings_from_table, findings_table, mask, study_report
from thematica.deid.scan import scan_text
from thematica.errors import ThematicaError
from thematica.ingest.study import read_canonical, write_canonical
from thematica.support.tables import read_csv, write_csv, write_parquet

log = logging.getLogger(__name__)


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
    entity_table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Scan one transcript's canonical text.

    Parameters
    ----------
    text_path
        The canonical (unredacted) text, ``data/processed/<s>/source_text/<t>.txt``.
    transcript
        Transcript id, copied into every row.
    allowlist_path
        The study's allowlist file, if any (see :func:`thematica.deid.allowlist.read_allowlist`).
    known_terms
        Terms allowed on top of the file: the study's speaker labels and participant ids.
    kinds, ner, speaker_pattern
        See :func:`thematica.deid.scan.scan_text`.
    entities_path
        The study's entities table (rule ``deid_entities``, :func:`thematica.deid.entities.study_entities`):
        its rows for this transcript replace running spaCy here.
    entity_table
        That table already read (a study's scan reads it once); ``entities_path`` is then named in
        messages only.

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

        rows = entity_table
        if rows is None:
            rows = read_transcript_entities(entities_path, transcript)
        entities = transcript_entities(rows, transcript, text, path=entities_path)
    findings = scan_text(
        text, allowlist=allowlist, kinds=kinds, ner=ner, speaker_pattern=speaker_pattern, entities=entities
    )
    table = findings_table(transcript, text, findings)
    n_flagged = int((table["status"] == "flagged").sum())
    log.info("%s: %d possible identifier(s), %d allowlisted", transcript, n_flagged, len(table) - n_flagged)
    return table


def scan_study(
    texts: Mapping[str, str | Path],
    out_dir: str | Path,
    *,
    policy: str,
    known_terms: Mapping[str, Iterable[str]],
    allowlist_path: str | Path | None = None,
    kinds: Sequence[str] = KINDS,
    ner: bool = True,
    speaker_pattern: str | None = None,
    entities_path: str | Path | None = None,
    suggested_path: str | Path | None = None,
) -> pd.DataFrame:
    """Scan every transcript of a study, write its findings table, and return the study's report.

    Parameters
    ----------
    texts
        Transcript id -> its canonical source text, in the study's order.
    out_dir
        The study's ``results/<s>/qa/deid/`` folder: ``<transcript>.csv`` each (created).
    policy
        The deid policy, recorded in the report (:func:`gather_report`).
    known_terms
        Transcript id -> terms allowed in it on top of the allowlist file (the study's interviewer labels
        and that transcript's participant id: a transcript's findings depend on nothing else's).
    allowlist_path, kinds, ner, speaker_pattern, entities_path
        As for :func:`scan_file`; the entities table is read once.
    suggested_path
        Where to write the suggested allowlist (:func:`suggested_allowlist`), if anywhere.
    """
    _check_policy(policy)
    entity_table = None
    if ner and entities_path is not None:
        entity_table = pd.read_parquet(entities_path, engine="pyarrow")
    paths, flagged = [], {}
    for transcript, path in texts.items():
        findings = scan_file(
            path,
            transcript=transcript,
            allowlist_path=allowlist_path,
            known_terms=known_terms.get(transcript, ()),
            kinds=kinds,
            ner=ner,
            speaker_pattern=speaker_pattern,
            entities_path=entities_path,
            entity_table=entity_table,
        )
        paths.append(Path(out_dir) / f"{transcript}.csv")
        write_csv(findings, paths[-1])
        if suggested_path is not None:
            text = read_canonical(path)
            flagged[transcript] = [
                (text[start:end], kind, line)
                for start, end, kind, line, status in zip(
                    *(findings[c] for c in ("start", "end", "kind", "line", "status")), strict=True
                )
                if status == "flagged"
            ]
    if suggested_path is not None:
        Path(suggested_path).parent.mkdir(parents=True, exist_ok=True)
        # under redact nothing outside source_text/ may hold an identifier whole: the terms are withheld
        withheld = policy == "redact"
        Path(suggested_path).write_text(
            suggested_allowlist(
                {} if withheld else flagged, allowlist_path=allowlist_path, withheld=withheld
            ),
            encoding="utf-8",
        )
    return gather_report(paths, policy=policy)


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
    report_path: str | Path | None = None,
    suggested_path: str | Path | None = None,
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
    report_path, suggested_path
        The study's deid report and suggested allowlist, named in the message (default: the findings
        table, and no suggestion).

    Returns
    -------
    (str, pandas.DataFrame)
        The text for the rest of the pipeline (identical under ``fail``/``warn``, redacted under
        ``redact``) and the offset map (empty unless something was replaced).

    Raises
    ------
    ThematicaError
        Under ``fail``, if any finding is flagged: :func:`stop_message`, one masked line per finding.
    """
    _check_policy(policy)
    text = read_canonical(text_path)
    table = read_findings(findings_path)
    flagged = table.loc[table["status"] == "flagged"]
    if flagged.empty:
        return text, empty_offset_map()
    if policy == "fail":
        lines = flagged_lines(text, flagged, source=source, text_path=text_path)
        raise ThematicaError(
            stop_message(
                {str(source): lines},
                report_path=report_path or findings_path,
                suggested_path=suggested_path,
                allowlist_path=allowlist_path,
            )
        )
    if policy == "warn":
        first = flagged.iloc[0]
        start, end, line = int(first["start"]), int(first["end"]), int(first["line"])
        kinds = ", ".join(sorted(set(flagged["kind"].iloc[1:])))
        summary = (
            f"possible personal identifier: {first['kind']} '{mask(text[start:end])}'"
            + (f", and {len(flagged) - 1} more ({kinds})" if len(flagged) > 1 else "")
            + f"; all are listed, masked, in {findings_path}"
        )
        log.warning("%s, line %d: %s (deid.policy is 'warn': kept as it is)", source, line, summary)
        return text, empty_offset_map()
    redacted, offsets = redact_text(text, findings_from_table(table), speaker_pattern=speaker_pattern)
    log.info("%s: replaced %d identifier(s) with pseudonyms", source, len(offsets))
    return redacted, offsets


def gate_study(
    texts: Mapping[str, str | Path],
    findings: Mapping[str, str | Path],
    *,
    policy: str,
    sources: Mapping[str, str | Path],
    allowlist_path: str | Path,
    text_dir: str | Path,
    offsets_dir: str | Path,
    speaker_pattern: str | None = None,
    report_path: str | Path | None = None,
    suggested_path: str | Path | None = None,
) -> None:
    """Apply the policy to every transcript of a study (:func:`gate_transcript`) and write what passes.

    Parameters
    ----------
    texts, findings, sources
        Transcript id -> its canonical source text, its findings table and its file in the study folder.
    text_dir, offsets_dir
        Where ``<transcript>.txt`` (the text the rest of the pipeline reads) and ``<transcript>.parquet``
        (its offset map) are written (created).
    policy, allowlist_path, speaker_pattern, report_path, suggested_path
        See :func:`gate_transcript`.

    Raises
    ------
    ThematicaError
        Under ``fail``, if any transcript has a flagged finding: one message for the study
        (:func:`stop_message`, every finding of every transcript on its own line, masked); nothing is
        written then.
    """
    _check_policy(policy)
    if policy == "fail":
        lines = {}
        for transcript, text_path in texts.items():
            table = read_findings(findings[transcript])
            if (table["status"] == "flagged").any():
                text = read_canonical(text_path)
                lines[transcript] = flagged_lines(
                    text, table, source=sources[transcript], text_path=text_path
                )
        if lines:
            raise ThematicaError(
                stop_message(
                    lines,
                    report_path=report_path,
                    suggested_path=suggested_path,
                    allowlist_path=allowlist_path,
                )
            )
    gated = {
        transcript: gate_transcript(
            text_path,
            findings[transcript],
            policy=policy,
            source=sources[transcript],
            allowlist_path=allowlist_path,
            speaker_pattern=speaker_pattern,
        )
        for transcript, text_path in texts.items()
    }
    for transcript, (text, offsets) in gated.items():
        write_canonical(text, Path(text_dir) / f"{transcript}.txt")
        write_parquet(offsets, Path(offsets_dir) / f"{transcript}.parquet")


def _check_policy(policy: str) -> None:
    if policy not in POLICIES:
        raise ThematicaError(f"deid.policy must be one of {list(POLICIES)}, not {policy!r}")
