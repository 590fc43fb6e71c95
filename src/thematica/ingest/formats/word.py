"""Word documents (.docx): body paragraphs, one line each."""

from __future__ import annotations

import io
import logging

from thematica.errors import ThematicaError
from thematica.ingest.formats.registry import TranscriptFormat
from thematica.ingest.textio import PathLike, canonicalize, check_not_document, read_bytes, require_text

log = logging.getLogger(__name__)


def read_docx(path: PathLike) -> str:
    """Read a Word transcript: its body paragraphs, one line each.

    Paragraphs that are empty or only whitespace are skipped; tables, headers, footers and text
    boxes are ignored (a warning is logged if the document has tables).

    Raises
    ------
    ThematicaError
        If the file cannot be opened as .docx or contains no text.
    """
    data = read_bytes(path)
    if not data:
        raise ThematicaError("is empty (0 bytes); re-save it from Word", path=path)
    check_not_document(data, path)  # a PDF or .doc renamed .docx
    paragraphs, n_tables = _docx_paragraphs(data, path)
    if n_tables:
        log.warning(
            "%s: ignoring %d table(s); only body paragraphs are read. Move interview text "
            "out of tables if it should be analysed",
            path,
            n_tables,
        )
    lines = [text for text in paragraphs if text.strip()]
    text = canonicalize("".join(f"{line}\n" for line in lines))
    return require_text(text, path)


def _docx_paragraphs(data: bytes, path: PathLike) -> tuple[list[str], int]:
    """Return the body paragraph texts of a .docx and its number of tables."""
    import docx  # imported lazily: only .docx input needs python-docx

    try:
        document = docx.Document(io.BytesIO(data))
        return [paragraph.text for paragraph in document.paragraphs], len(document.tables)
    except Exception as exc:  # python-docx raises many types (zip, XML, KeyError) on damaged files
        raise ThematicaError(
            f"cannot be opened as .docx: {type(exc).__name__}: {exc}; the file is damaged or not a "
            "Word document: re-save it from Word (File -> Save As -> Word Document)",
            path=path,
        ) from None


FORMAT = TranscriptFormat("Word document", (".docx",), read_docx, order=2)
