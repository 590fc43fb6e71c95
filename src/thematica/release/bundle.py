"""The release bundle: the text-free tables that rebuild every figure and statistic of a study.

Transcripts are usually confidential, so reviewers often get only ``results/<study>/release/``: segment ids,
offsets, participants, groups, every coder's codes, the consensus, the candidate themes and the QA counts,
with no transcript text and no quotes. With ``release.rebuild_from`` set, the workflow checks a bundle
(:func:`verify_bundle`), restores its tables where its later stages read them and reruns only those stages
(reliability, saturation, group comparison, the crosswalk's overlap counts and every figure);
:func:`check_rebuild` then compares each rebuilt output with the SHA-256 the bundle recorded for the original.

A bundle holds

- the study folder's own small files: ``study.yaml``, ``participants.csv`` and the codebook as written;
- tables copied byte for byte from the pipeline (:data:`BUNDLE_FILES`, ``kind="table"``);
  :func:`write_bundle_index` refuses any file with a column that may hold text (:func:`check_text_free`);
- ``segments.parquet`` without its ``text`` column and ``transcript_lengths.csv`` (what unitized alpha needs
  of the texts);
- ``README.md`` (every file, its rows and SHA-256, how to rebuild) and ``manifest.json`` (SHA-256 of every
  bundle file and of every output the bundle rebuilds, the config and package versions).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from thematica.errors import ThematicaError
from thematica.support.manifest import file_sha256, package_versions
from thematica.support.tables import write_csv, write_parquet

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

#: The columns of ``segments.parquet`` a bundle keeps (everything but ``text``).
SEGMENT_COLUMNS = ["segment_id", "transcript", "participant_id", "group", "turn", "start", "end"]
#: Column names a bundle table may not have: they hold (or may hold) transcript text.
TEXT_COLUMN = re.compile(r"(^|_)(text|texts|quote|quotes|excerpt|snippet|sentence|context)$", re.I)
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
#: transcripts or the coder exports; the bundle carries the two ledgers) and what needs the text or the truth.
NOT_REBUILT = (
    "results/{study}/qa/",
    "results/{study}/topics/quotes.csv",
    "results/{study}/topics/candidate_themes.qdc",
    "results/{study}/topics/candidate_themes.qdpx",
    "results/{study}/topics/recovery.csv",
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


def text_free_segments(segments: pd.DataFrame) -> pd.DataFrame:
    """``segments.parquet`` without its text: the columns :data:`SEGMENT_COLUMNS`, rows unchanged.

    Parameters
    ----------
    segments
        ``n`` segments with at least :data:`SEGMENT_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        ``n`` rows, columns :data:`SEGMENT_COLUMNS`.
    """
    missing = [c for c in SEGMENT_COLUMNS if c not in segments]
    if missing:
        raise ThematicaError(f"segments table lacks column(s) {missing}; rerun the segment step")
    return segments[SEGMENT_COLUMNS].reset_index(drop=True)


def transcript_lengths(texts: Sequence[str | Path]) -> pd.DataFrame:
    """Length in code points of each canonical text (``data/processed/<s>/text/<t>.txt``).

    Returns
    -------
    pandas.DataFrame
        ``transcript, length``, one row per text, in the order given.
    """
    import pandas as pd

    from thematica.ingest.study import read_canonical

    rows = [(Path(p).stem, len(read_canonical(p))) for p in texts]
    return pd.DataFrame(rows, columns=["transcript", "length"])


def text_lengths(texts: Mapping[str, str | Path] | Iterable[str | Path]) -> dict[str, int]:
    """Transcript -> length of its canonical text, from the texts or from a bundle's lengths table.

    Parameters
    ----------
    texts
        Canonical texts as transcript -> path, or paths named ``<transcript>.txt``; a path ending in
        ``.csv`` is a ``transcript_lengths.csv`` (columns ``transcript, length``) and contributes its rows.
    """
    import pandas as pd

    from thematica.ingest.study import read_canonical

    items = texts.items() if isinstance(texts, Mapping) else ((Path(p).stem, p) for p in texts)
    lengths: dict[str, int] = {}
    for transcript, path in items:
        if Path(path).suffix.lower() == ".csv":
            table = pd.read_csv(path, dtype={"transcript": str})
            if list(table.columns) != ["transcript", "length"]:
                raise ThematicaError(
                    "a transcript lengths table needs columns transcript, length; "
                    f"found {list(table.columns)}",
                    path=path,
                )
            lengths.update(zip(table["transcript"], table["length"].astype(int).tolist(), strict=True))
        else:
            lengths[str(transcript)] = len(read_canonical(path))
    return lengths


def table_columns(path: str | Path) -> list[str]:
    """Column names of a parquet or CSV table (reads the parquet schema or the CSV header only)."""
    import pandas as pd

    path = Path(path)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    if path.suffix == ".csv":
        return list(pd.read_csv(path, nrows=0).columns)
    return []


def check_text_free(path: str | Path) -> None:
    """Refuse a table with a column that holds, or may hold, transcript text (``text``, ``quote``...).

    Raises
    ------
    ThematicaError
        Naming the file and the column.
    """
    found = [c for c in table_columns(path) if TEXT_COLUMN.search(str(c))]
    if found:
        raise ThematicaError(
            f"column {found[0]!r} may hold transcript text and cannot go into a release bundle; "
            "drop it from the table or from the bundle",
            path=path,
        )


def write_text_free_tables(
    segments: pd.DataFrame, texts: Sequence[str | Path], segments_path: str | Path, lengths_path: str | Path
) -> None:
    """Write a bundle's ``segments.parquet`` (:func:`text_free_segments`) and ``transcript_lengths.csv``."""

    write_parquet(text_free_segments(segments), segments_path)
    write_csv(transcript_lengths(texts), lengths_path)


def _rows(path: Path) -> int | None:
    import pandas as pd

    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return int(pq.read_metadata(path).num_rows)
    if path.suffix == ".csv":
        return len(pd.read_csv(path, dtype=str))
    return None


def write_bundle_index(
    folder: str | Path,
    *,
    study: str,
    files: Sequence[str | Path],
    outputs: Sequence[str | Path],
    config: dict,
) -> dict:
    """Write a bundle's ``README.md`` and ``manifest.json``.

    Parameters
    ----------
    folder
        The bundle folder (``results/<study>/release``).
    study
        The study's name in the config.
    files
        The bundle's files (study files and tables), all inside ``folder``.
    outputs
        The outputs the bundle rebuilds, as paths relative to the working directory; their SHA-256 is
        recorded under ``outputs`` in the manifest (``python -m thematica.support.manifest verify`` reads it too).
    config
        The run's configuration.

    Returns
    -------
    dict
        The manifest written.
    """
    folder = Path(folder)
    paths = sorted({Path(p) for p in files}, key=lambda p: p.name)
    outside = [p for p in paths if p.parent.resolve() != folder.resolve()]
    if outside:
        raise ThematicaError("a bundle file lies outside the bundle folder", path=outside[0])
    for path in paths:
        check_text_free(path)
    described = {f.name: f.description for f in BUNDLE_FILES}
    described.update({name: "the study folder's codebook, as the team wrote it" for name in CODEBOOK_SOURCES})
    hashes = {p.name: file_sha256(p) for p in paths}
    readme = _readme(study, [(p.name, described.get(p.name, ""), _rows(p), hashes[p.name]) for p in paths])
    (folder / README).write_text(readme, encoding="utf-8")
    hashes[README] = file_sha256(folder / README)
    manifest = {
        "study": study,
        "files": dict(sorted(hashes.items())),
        "outputs": {str(p): file_sha256(p) for p in sorted({str(p) for p in outputs})},
        "config": config,
        "packages": package_versions(),
    }
    text = json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8")
    log.info(
        "release bundle of %s: %d files, %d outputs recorded", study, len(hashes), len(manifest["outputs"])
    )
    return manifest


def _readme(study: str, rows: list[tuple[str, str, int | None, str]]) -> str:
    table = "\n".join(
        f"| `{name}` | {text} | {'' if n is None else n} | `{sha}` |" for name, text, n, sha in rows
    )
    return f"""# Release bundle: {study}

The text-free tables of the study `{study}`: enough to rebuild every figure and every statistic of
`results/{study}/` except the representative quotes. No transcript text, no quotes, no embeddings:
segments are identified by id and by code-point offsets into the canonical texts, which stay with the
study team. Topic labels and keywords are words of the corpus vocabulary, not quotes.

| file | what it holds | rows | SHA-256 |
|---|---|---|---|
{table}

`{MANIFEST}` repeats these hashes (with this README's) and records the SHA-256 of every output the bundle
rebuilds, the configuration and the package versions of the original run.

## Rebuild

In a checkout of the same thematica version, put this folder at `results/{study}/release/` (and every
other study's bundle at its place; the combined perspectives figure needs all of them), then run

```bash
make from-release
```

which copies the bundles into a fresh `build/from-release/` and runs the pipeline there with
`release.rebuild_from: results/{{study}}/release`: every bundle file is checked against `{MANIFEST}`, the
tables are restored where the pipeline reads them, and only reliability, saturation, the group comparison,
the crosswalk and the figures run. `build/from-release/results/{study}/qa/release_check.csv` compares every
rebuilt output with the original's SHA-256; the run stops if one differs, naming the config keys and package
versions that differ from the original run.

Not included, because they need the transcripts, the coder exports or the demo truth: the deidentification
report, unplaced codings, representative quotes, the REFI-QDA exports of the candidate themes and the demo
studies' recovery scores.
"""


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


def check_rebuild_workdir(studies: Iterable[str], root: str | Path = ".") -> None:
    """Refuse to rebuild from bundles where a full run of a study lives (its canonical texts are there):
    restoring the bundle's text-free segments table would overwrite that run's.

    Raises
    ------
    ThematicaError
        Naming the folder and where to rebuild instead.
    """
    for name in studies:
        folder = Path(root) / "data" / "processed" / name / "text"
        if folder.is_dir():
            raise ThematicaError(
                f"this working directory holds a full run of study {name!r}; rebuilding from release bundles "
                "here would overwrite its tables: rebuild in another directory (make from-release uses "
                "build/from-release)",
                path=folder,
            )


def bundle_code_files(folder: str | Path):
    """The codes of a bundle as :class:`~thematica.codes.exports.StudyCodeFiles` (no exports; the codebook
    table), or None when the bundle holds no codes."""
    from thematica.codes.exports import StudyCodeFiles

    folder = Path(folder)
    if not (folder / "codings.parquet").is_file():
        return None
    return StudyCodeFiles([], folder / "codebook.parquet", None)


def verify_bundle(folder: str | Path) -> pd.DataFrame:
    """Check every file a bundle's ``manifest.json`` lists against its recorded SHA-256.

    Returns
    -------
    pandas.DataFrame
        ``file, recorded_sha256, sha256, identical``, one row per listed file.

    Raises
    ------
    ThematicaError
        Naming the first file that is missing or differs.
    """
    import pandas as pd

    folder = Path(folder)
    rows = []
    for name, expected in sorted(read_bundle_manifest(folder).get("files", {}).items()):
        path = folder / name
        if not path.is_file():
            raise ThematicaError("is missing from the release bundle; get a complete copy", path=path)
        digest = file_sha256(path)
        if digest != expected:
            raise ThematicaError(
                "differs from the SHA-256 in the bundle's manifest.json: the bundle was changed or damaged; "
                "get a fresh copy",
                path=path,
            )
        rows.append((name, expected, digest, True))
    log.info("release bundle %s: %d files match manifest.json", folder, len(rows))
    return pd.DataFrame(rows, columns=["file", "recorded_sha256", "sha256", "identical"])


def compare_rebuild(manifest_path: str | Path, root: str | Path = ".") -> pd.DataFrame:
    """Every output a bundle recorded against the rebuilt file under ``root``.

    Returns
    -------
    pandas.DataFrame
        ``path, recorded_sha256, rebuilt_sha256, identical`` (``rebuilt_sha256`` empty when missing).
    """
    import pandas as pd

    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    rows = []
    for rel, expected in sorted(manifest["outputs"].items()):
        path = Path(root) / rel
        rebuilt = file_sha256(path) if path.is_file() else ""
        rows.append((rel, expected, rebuilt, rebuilt == expected))
    return pd.DataFrame(rows, columns=["path", "recorded_sha256", "rebuilt_sha256", "identical"])


def _flat(value, prefix: str = "") -> dict[str, object]:
    if isinstance(value, Mapping):
        out: dict[str, object] = {}
        for key, item in value.items():
            out.update(_flat(item, f"{prefix}{key}."))
        return out
    return {prefix.rstrip("."): value}


def rebuild_differences(manifest: dict, config: dict) -> list[str]:
    """What differs between the original run (as the bundle recorded it) and this one: config keys other
    than ``studies`` and ``release``, and package versions."""
    skip = ("studies", "release")
    old = {k: v for k, v in _flat(manifest.get("config", {})).items() if not k.startswith(skip)}
    new = {k: v for k, v in _flat(config).items() if not k.startswith(skip)}
    notes = [
        f"{k}: {old.get(k)!r} -> {new.get(k)!r}"
        for k in sorted(set(old) | set(new))
        if old.get(k) != new.get(k)
    ]
    current = package_versions()
    notes += [
        f"{name} {version} -> {current.get(name)}"
        for name, version in sorted(manifest.get("packages", {}).items())
        if current.get(name) != version
    ]
    return notes


def check_rebuild(manifest_path: str | Path, config: dict, root: str | Path = ".") -> pd.DataFrame:
    """:func:`compare_rebuild`, raising when a rebuilt output differs from the original.

    Raises
    ------
    ThematicaError
        Naming how many outputs differ, the first, and what differs from the original run.
    """
    table = compare_rebuild(manifest_path, root)
    bad = table.loc[~table["identical"]]
    log.info("%d of %d recorded outputs rebuilt byte for byte", len(table) - len(bad), len(table))
    if len(bad):
        notes = rebuild_differences(json.loads(Path(manifest_path).read_text(encoding="utf-8")), config)
        why = "; ".join(notes[:5]) if notes else "same config and package versions"
        raise ThematicaError(
            f"{len(bad)} of {len(table)} rebuilt outputs differ from the original "
            f"(first: {bad['path'].iloc[0]}); differences from the original run: {why}",
            path=manifest_path,
        )
    return table
