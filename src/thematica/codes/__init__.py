"""Human codes: import coder exports, align them to segments and merge them into a consensus.

Modules
-------
``codebook``
    :func:`read_codebook` (``codebook.csv``, ``.qdc``, or the code trees of the coders' ``.qdpx``) and
    :class:`CodeMatcher`.
``exports``
    :func:`find_code_files`, :func:`read_export`: ``.qdpx``, CSV with offsets, CSV with quotes.
``raw_spans``
    :class:`RawSpan` and :class:`Export`: the codings as an export states them.
``csv_exports``
    Coder exports as CSV (offsets or quotes), column aliases.
``locate``
    :func:`fold` and :func:`locate_quote`: find coded text despite whitespace, quote-mark and dash
    differences.
``anchor``
    Match export sources to transcripts and place spans (offsets, re-anchoring, location).
``study``
    The workflow's entry (every codes script calls it): :func:`import_codes`, the codings, coder assignment,
    unplaced spans and ledger of a study; and the align, merge, codebook and ledger steps.
``coders``
    :func:`read_coders`: which coder saw which transcript (``coders.csv``, else inferred).
``align``
    :func:`align_segments`: per-segment 0/1 codes for each coder (missing when unseen).
``merge``
    :func:`merge_consensus`: majority, union, intersection or a named coder.
``spans_ledger``
    :func:`reconcile_codes`: every coded span accounted for, from export to consensus.
"""

from thematica.support.lazy import lazy_exports

__all__ = [
    "CodeMatcher",
    "ImportedCodes",
    "align_segments",
    "find_code_files",
    "fold",
    "import_codes",
    "locate_quote",
    "merge_consensus",
    "read_codebook",
    "read_export",
]

# names load from their submodules on first use (thematica.support.lazy)
__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "align_segments": "align",
        "CodeMatcher": "codebook",
        "read_codebook": "codebook",
        "ImportedCodes": "study",
        "import_codes": "study",
        "find_code_files": "exports",
        "read_export": "exports",
        "fold": "locate",
        "locate_quote": "locate",
        "merge_consensus": "merge",
    },
)
