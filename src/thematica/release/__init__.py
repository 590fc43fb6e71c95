"""The release bundle: the text-free tables that rebuild every figure and statistic of a study."""

from thematica.support.lazy import lazy_exports

__all__ = [
    "BUNDLE_FILES",
    "CODEBOOK_SOURCES",
    "MANIFEST",
    "NOT_REBUILT",
    "README",
    "SEGMENT_COLUMNS",
    "TEXT_COLUMN",
    "BundleFile",
    "bundle_code_files",
    "bundle_files",
    "check_rebuild",
    "check_rebuild_workdir",
    "check_text_free",
    "compare_rebuild",
    "load_bundle_study",
    "read_bundle_manifest",
    "rebuild_differences",
    "rebuilt_outputs",
    "table_columns",
    "text_free_segments",
    "text_lengths",
    "transcript_lengths",
    "verify_bundle",
    "write_bundle_index",
    "write_text_free_tables",
]

# names load from their submodules on first use (thematica.support.lazy)
__getattr__, __dir__ = lazy_exports(__name__, dict.fromkeys(__all__, "bundle"))
