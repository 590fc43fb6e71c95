"""The release stage's entry points, one for each of the workflow's release scripts.

Writing a bundle (``release.rebuild_from`` unset): :func:`write_text_free_tables` writes its segments without
their text and the texts' lengths; :func:`write_bundle_index` writes its ``README.md`` and ``manifest.json``.
Rebuilding from bundles: :func:`verify_bundle` checks every bundle file against ``manifest.json``;
:func:`check_rebuild` compares every rebuilt output with the SHA-256 the bundle recorded.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from thematica.errors import ThematicaError
from thematica.release.bundle import BUNDLE_FILES, CODEBOOK_SOURCES, MANIFEST, README, read_bundle_manifest
from thematica.release.index import bundle_readme, table_rows
from thematica.release.rebuild import compare_rebuild, rebuild_differences
from thematica.release.text_free import check_text_free, text_free_segments, transcript_lengths
from thematica.support.manifest import file_sha256, package_versions
from thematica.support.tables import write_csv, write_parquet

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)


def write_text_free_tables(
    segments: pd.DataFrame, texts: Sequence[str | Path], segments_path: str | Path, lengths_path: str | Path
) -> None:
    """Write a bundle's ``segments.parquet`` (:func:`~thematica.release.text_free.text_free_segments`) and
    ``transcript_lengths.csv``."""
    write_parquet(text_free_segments(segments), segments_path)
    write_csv(transcript_lengths(texts), lengths_path)


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
        recorded under ``outputs`` in the manifest (``python -m thematica.support.manifest verify`` reads
        it too).
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
    readme = bundle_readme(
        study, [(p.name, described.get(p.name, ""), table_rows(p), hashes[p.name]) for p in paths]
    )
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


def check_rebuild(manifest_path: str | Path, config: dict, root: str | Path = ".") -> pd.DataFrame:
    """:func:`~thematica.release.rebuild.compare_rebuild`, raising when a rebuilt output differs from the
    original.

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
