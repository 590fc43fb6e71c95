"""The release bundle: the text-free tables that rebuild every figure and statistic of a study.

Transcripts are usually confidential, so reviewers often get only ``results/<study>/release/``: segment ids,
offsets, participants, groups, every coder's codes, the consensus, the candidate themes and the QA counts,
with no transcript text and no quotes. With ``release.rebuild_from`` set, the workflow checks a bundle
(:func:`~thematica.release.study.verify_bundle`), restores its tables where its later stages read them and
reruns only those stages (reliability, saturation, group comparison, the crosswalk's overlap counts and every
figure); :func:`~thematica.release.study.check_rebuild` then compares each rebuilt output with the SHA-256
the bundle recorded for the original.

A bundle holds

- the study folder's own small files: ``study.yaml``, ``participants.csv`` and the codebook as written;
- tables copied byte for byte from the pipeline (:data:`~thematica.release.bundle.BUNDLE_FILES`,
  ``kind="table"``); :func:`~thematica.release.study.write_bundle_index` refuses any file with a column that
  may hold text (:func:`~thematica.release.text_free.check_text_free`);
- ``segments.parquet`` without its ``text`` column and ``transcript_lengths.csv`` (what unitized alpha needs
  of the texts);
- ``README.md`` (every file, its rows and SHA-256, how to rebuild) and ``manifest.json`` (SHA-256 of every
  bundle file and of every output the bundle rebuilds, the config and package versions).

Modules: :mod:`~thematica.release.bundle` (the bundle's files, the outputs it rebuilds, its manifest),
:mod:`~thematica.release.text_free` (text-free tables and the check for text columns),
:mod:`~thematica.release.index` (the README), :mod:`~thematica.release.rebuild` (comparing a rebuild with
the original) and :mod:`~thematica.release.study` (the entry points of the workflow's release scripts).
"""

from thematica.support.lazy import lazy_exports

__all__ = [
    "BUNDLE_FILES",
    "BundleFile",
    "CODEBOOK_SOURCES",
    "MANIFEST",
    "NOT_REBUILT",
    "README",
    "SEGMENT_COLUMNS",
    "TEXT_COLUMN",
    "bundle_code_files",
    "bundle_files",
    "bundle_readme",
    "check_rebuild",
    "check_rebuild_workdir",
    "check_text_free",
    "compare_rebuild",
    "load_bundle_study",
    "read_bundle_manifest",
    "rebuild_differences",
    "rebuilt_outputs",
    "table_columns",
    "table_rows",
    "text_free_segments",
    "text_lengths",
    "transcript_lengths",
    "verify_bundle",
    "write_bundle_index",
    "write_text_free_tables",
]

# names load from their submodules on first use (thematica.support.lazy)
__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "BUNDLE_FILES": "bundle",
        "CODEBOOK_SOURCES": "bundle",
        "MANIFEST": "bundle",
        "NOT_REBUILT": "bundle",
        "README": "bundle",
        "BundleFile": "bundle",
        "bundle_code_files": "bundle",
        "bundle_files": "bundle",
        "load_bundle_study": "bundle",
        "read_bundle_manifest": "bundle",
        "rebuilt_outputs": "bundle",
        "bundle_readme": "index",
        "table_rows": "index",
        "check_rebuild_workdir": "rebuild",
        "compare_rebuild": "rebuild",
        "rebuild_differences": "rebuild",
        "check_rebuild": "study",
        "verify_bundle": "study",
        "write_bundle_index": "study",
        "write_text_free_tables": "study",
        "SEGMENT_COLUMNS": "text_free",
        "TEXT_COLUMN": "text_free",
        "check_text_free": "text_free",
        "table_columns": "text_free",
        "text_free_segments": "text_free",
        "text_lengths": "text_free",
        "transcript_lengths": "text_free",
    },
)
