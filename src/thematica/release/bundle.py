"""What a release bundle holds: its files (:data:`BUNDLE_FILES`), the outputs it rebuilds, its manifest, and
the study and codes a rebuild reads from it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from thematica.errors import ThematicaError

MANIFEST = "manifest.json"
README = "README.md"


@dataclass(frozen=True)
class BundleFile:
    """One file of a release bundle.

    Attributes
    ----------
    name
        File name inside the bundle.
    kind
        ``study``: copied from the study folder; ``table``: a pipeline table copied byte for byte;
        ``derived``: written from pipeline tables without their text.
    path
        Where the pipeline keeps it (``{study}`` pattern): the copy's source, and where a rebuild restores
        it; None for the study folder's files, which a rebuild reads in the bundle.
    coded
        Only studies with human codes have it.
    description
        One line for the bundle's README.
    """

    name: str
    kind: Literal["study", "table", "derived"]
    path: str | None
    coded: bool
    description: str


BUNDLE_FILES = (
    BundleFile(
        "study.yaml",
        "study",
        None,
        False,
        "the study folder's study.yaml: the groups compared and their labels",
    ),
    BundleFile(
        "participants.csv",
        "study",
        None,
        False,
        "the study folder's participants.csv: participant_id, transcript, group and the other attributes, "
        "in interview order",
    ),
    BundleFile(
        "segments.parquet",
        "derived",
        "data/processed/{study}/segments.parquet",
        False,
        "participant segments without their text: segment_id, transcript, participant_id, group, turn, "
        "start, end (code-point offsets into the canonical texts, which are not included)",
    ),
    BundleFile(
        "transcript_lengths.csv",
        "derived",
        "data/processed/{study}/transcript_lengths.csv",
        False,
        "transcript, length: code points of each canonical text (unitized alpha measures spans against it)",
    ),
    BundleFile(
        "ledger.csv",
        "table",
        "results/{study}/qa/ledger.csv",
        False,
        "the QA ledger: per transcript, turns by role, segments, words and characters",
    ),
    BundleFile(
        "topic_info.csv",
        "table",
        "results/{study}/topics/topic_info.csv",
        False,
        "candidate themes: label and keywords (corpus vocabulary, no quotes), sizes by group, stability",
    ),
    BundleFile(
        "themes.csv",
        "table",
        "results/{study}/topics/themes.csv",
        False,
        "top-level candidate themes: label (key phrases, corpus vocabulary, no quotes), sub-themes, sizes",
    ),
    BundleFile(
        "segment_topics.parquet",
        "table",
        "results/{study}/topics/segment_topics.parquet",
        False,
        "segment_id, topic, probability: each segment's candidate theme",
    ),
    BundleFile(
        "stability.csv",
        "table",
        "results/{study}/topics/stability.csv",
        False,
        "the topic model's refits with other seeds and their agreement with the reported fit",
    ),
    BundleFile(
        "codebook.parquet",
        "table",
        "data/processed/{study}/codebook.parquet",
        True,
        "the codebook: code, theme, label, definition and further columns",
    ),
    BundleFile(
        "codings.parquet",
        "table",
        "data/processed/{study}/codings.parquet",
        True,
        "every coder's raw spans: coder, transcript, code, start, end, source export (no coded text)",
    ),
    BundleFile(
        "coder_transcripts.parquet",
        "table",
        "data/processed/{study}/coder_transcripts.parquet",
        True,
        "coder, transcript: which coder saw which transcript",
    ),
    BundleFile(
        "segment_codes.parquet",
        "table",
        "data/processed/{study}/segment_codes.parquet",
        True,
        "segment_id, coder, code, applied: each coder's codes per segment of the transcripts it saw",
    ),
    BundleFile(
        "consensus.parquet",
        "table",
        "data/processed/{study}/consensus.parquet",
        True,
        "segment_id, code, applied under the configured consensus rule, with coders seeing and applying it",
    ),
    BundleFile(
        "code_keywords.csv",
        "table",
        "results/{study}/topics/code_keywords.csv",
        True,
        "c-TF-IDF keywords of each human code (corpus vocabulary, no quotes)",
    ),
    BundleFile(
        "codes_ledger.csv",
        "table",
        "results/{study}/qa/codes_ledger.csv",
        True,
        "per coder export: spans read, placed and unplaced",
    ),
)
#: The codebook as the study folder holds it (one of these), copied for reviewers and the Bordin levels.
CODEBOOK_SOURCES = ("codebook.csv", "codebook.qdc")
#: Registered outputs that are not rebuilt: everything under ``qa/`` (checks of the inputs, which need the
#: transcripts or the coder exports; the bundle carries the two ledgers) and what needs the text or the truth,
#: or the embeddings (the machine coder's tables and figures, the codebook-guided themes).
NOT_REBUILT = (
    "results/{study}/qa/",
    "results/{study}/topics/quotes.csv",
    "results/{study}/topics/candidate_themes.qdc",
    "results/{study}/topics/candidate_themes.qdpx",
    "results/{study}/topics/recovery.csv",
    "results/{study}/topics/guided_info.csv",
    "results/{study}/topics/guided_segments.parquet",
    "results/{study}/topics/guided_recovery.csv",
    "results/{study}/reliability/machine.csv",
    "results/{study}/machine/",
    *(
        f"results/{{study}}/figures/machine_{f}.{ext}"
        for f in ("reliability", "learning_curve")
        for ext in ("png", "svg", "pdf")
    ),
)


def rebuilt_outputs(targets: Iterable[str], studies: Iterable[str]) -> list[str]:
    """The registered targets a bundle rebuilds: those under ``results/`` but not :data:`NOT_REBUILT`
    (a pattern ending in ``/`` covers its folder), in the order given, without repeats.

    Examples
    --------
    >>> rebuilt_outputs(["results/s/qa/ledger.csv", "results/s/figures/a.png", "data/processed/s/x.parquet",
    ...                  "results/s/topics/quotes.csv", "results/figures/b.svg"], ["s"])
    ['results/s/figures/a.png', 'results/figures/b.svg']
    """
    skip = [pattern.format(study=study) for pattern in NOT_REBUILT for study in studies]
    return [
        t
        for t in dict.fromkeys(targets)
        if t.startswith("results/") and not any(t == p or (p.endswith("/") and t.startswith(p)) for p in skip)
    ]


def bundle_files(*, coded: bool) -> list[BundleFile]:
    """The bundle files of a study with (``coded``) or without human codes, study folder files first."""
    return [f for f in BUNDLE_FILES if coded or not f.coded]


def read_bundle_manifest(folder: str | Path) -> dict:
    """A bundle's ``manifest.json``.

    Raises
    ------
    ThematicaError
        If the folder or its manifest is missing or unreadable.
    """
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise ThematicaError(
            "no release bundle here (manifest.json is missing); put the study's bundle at this place or "
            "change release.rebuild_from",
            path=path,
        )
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ThematicaError(f"is not valid JSON: {exc.msg}", path=path, line=exc.lineno) from None


def load_bundle_study(folder: str | Path, name: str):
    """The :class:`~thematica.ingest.folder.Study` of a release bundle: its study.yaml and participants.csv.

    Its transcripts are known by id only; their paths (``<bundle>/transcripts/<id>``) do not exist.
    """
    from thematica.ingest.folder import _read_study_yaml, read_participant_rows, study_from

    folder = Path(folder)
    read_bundle_manifest(folder)
    meta = _read_study_yaml(folder / "study.yaml")
    columns, rows, _ = read_participant_rows(
        folder / "participants.csv", meta["group_column"], meta["groups"]
    )
    transcripts = {row["transcript"]: folder / "transcripts" / row["transcript"] for row in rows}
    return study_from(meta, folder, columns, rows, transcripts, name=name)


def bundle_code_files(folder: str | Path):
    """The codes of a bundle as :class:`~thematica.codes.exports.StudyCodeFiles` (no exports; the codebook
    table), or None when the bundle holds no codes."""
    from thematica.codes.exports import StudyCodeFiles

    folder = Path(folder)
    if not (folder / "codings.parquet").is_file():
        return None
    return StudyCodeFiles([], folder / "codebook.parquet", None)
