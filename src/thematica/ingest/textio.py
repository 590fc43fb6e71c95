"""Text input: bytes -> canonical text.

The canonical text of a transcript is a Python ``str`` that is NFC-normalised, uses ``\\n`` line
endings only and carries no byte-order mark. Every offset in the pipeline is a code-point offset
into it.

Decoding order (:func:`decode_bytes`):

1. a byte-order mark decides: UTF-8 BOM -> ``utf-8-sig``; UTF-32 LE/BE -> ``utf-32``;
   UTF-16 LE/BE -> ``utf-16``;
2. otherwise a NUL byte means the file is binary, not a transcript;
3. strict UTF-8;
4. strict Windows-1252 (with a warning), which fails on the five bytes it leaves undefined.

A file that starts like a PDF (``%PDF-``), RTF or old Word (.doc) document is named as such, whatever its
suffix, with what to export instead (:func:`check_not_document`); any other file with NUL bytes is binary.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import unicodedata
from pathlib import Path

from thematica.errors import ThematicaError

log = logging.getLogger(__name__)

PathLike = str | os.PathLike

#: Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_RESAVE = "re-save it as UTF-8 (in most editors: Save As -> Encoding: UTF-8)"


def _export() -> str:
    """What to export a transcript as: the registered formats (:mod:`thematica.ingest.formats`)."""
    from thematica.ingest.formats.registry import formats  # the formats read text through this module

    text, *others = formats()
    rest = [suffix for fmt in others for suffix in fmt.suffixes]
    return f"export the transcript as text ({text.suffixes[0]}, UTF-8), " + (
        ", ".join(rest[:-1]) + f" or {rest[-1]}" if len(rest) > 1 else "".join(rest)
    )


#: Files that are not text though their name says so: (leading bytes, what the file is, what to do).
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF", "its text cannot be read reliably; {export} from the program that made the PDF"),
    (b"{\\rtf", "an RTF document", "open it in a word processor and save it as .docx or plain text (.txt)"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc (a binary file)", "save it as .docx from Word"),
)


def _bom_encoding(data: bytes) -> str | None:
    """Return the codec named by ``data``'s byte-order mark, or None if it has none."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _decode_with_bom(data: bytes, encoding: str, path: PathLike | None) -> str:
    """Decode ``data`` strictly with the codec its BOM named."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ThematicaError(
            f"starts with a {encoding.upper()} byte-order mark but byte offset {exc.start} cannot be "
            f"decoded ({exc.reason}); the file is damaged or mislabelled: {_RESAVE}",
            path=path,
        ) from None


def _decode_without_bom(data: bytes, path: PathLike | None) -> tuple[str, str]:
    """Decode ``data`` as strict UTF-8, falling back to strict cp1252 with a warning."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as cp_error:
        raise ThematicaError(
            f"cannot be decoded: byte offset {first_bad} (0x{data[first_bad]:02X}) is not valid UTF-8, "
            f"and byte offset {cp_error.start} (0x{data[cp_error.start]:02X}) is not valid "
            f"Windows-1252 either; {_RESAVE}",
            path=path,
        ) from None
    log.warning(
        "%s: not valid UTF-8 (first bad byte at offset %d); read it as Windows-1252 (cp1252). "
        "Check accented letters and %s",
        path,
        first_bad,
        _RESAVE,
    )
    return text, "cp1252"


def decode_bytes(data: bytes, path: PathLike | None = None) -> tuple[str, str]:
    """Decode the raw bytes of a text file.

    Parameters
    ----------
    data
        The file's bytes.
    path
        The file's name, used in messages only.

    Returns
    -------
    tuple of (str, str)
        The decoded text (not yet canonicalised; a UTF-8/16/32 BOM is consumed) and the name of
        the codec used: ``utf-8-sig``, ``utf-16``, ``utf-32``, ``utf-8`` or ``cp1252``.

    Raises
    ------
    ThematicaError
        If the data contains NUL bytes without a UTF-16/32 byte-order mark (a binary file), or
        cannot be decoded; the message gives the byte offset of the first undecodable byte.

    Examples
    --------
    >>> decode_bytes("café".encode("utf-8"))
    ('café', 'utf-8')
    >>> decode_bytes(b"\\xef\\xbb\\xbfhi")
    ('hi', 'utf-8-sig')
    """
    check_not_document(data, path)
    encoding = _bom_encoding(data)
    if encoding is not None:
        text = _decode_with_bom(data, encoding, path)
    elif b"\x00" in data:
        raise ThematicaError(
            f"looks like a binary file, not a transcript (NUL byte at byte offset {data.index(0)}); "
            + _export(),
            path=path,
        )
    else:
        text, encoding = _decode_without_bom(data, path)
    if "\x00" in text:
        raise ThematicaError(
            "looks like a binary file, not a transcript (it contains NUL characters); " + _export(),
            path=path,
        )
    return text, encoding


def check_not_document(data: bytes, path: PathLike | None = None) -> None:
    """Raise if ``data`` starts like a PDF, RTF or old Word file (:data:`_SIGNATURES`), not text.

    Examples
    --------
    >>> check_not_document(b"Interviewer: hi")
    >>> check_not_document(b"%PDF-1.7 ...", "P01.txt")
    Traceback (most recent call last):
    ...
    thematica.errors.ThematicaError: P01.txt, line 1: is a PDF, not a text file: its text cannot be read ...
    """
    for signature, what, fix in _SIGNATURES:
        if data.startswith(signature):
            fix = fix.format(export=_export()) if "{export}" in fix else fix
            raise ThematicaError(f"is {what}, not a text file: {fix}", path=path, line=1)


def canonicalize(text: str) -> str:
    """Return the canonical form of ``text``.

    Drops one leading U+FEFF, turns ``\\r\\n`` and lone ``\\r`` into ``\\n`` and applies Unicode
    NFC. Nothing else changes: no stripping, no whitespace collapsing.

    Examples
    --------
    >>> canonicalize("\\ufeffa\\r\\nb\\rc\\u0301")
    'a\\nb\\nć'
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_bytes(path: PathLike) -> bytes:
    """Read a file's bytes, turning operating-system errors into :class:`ThematicaError`."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ThematicaError("does not exist; check the file name and folder", path=path) from None
    except IsADirectoryError:
        raise ThematicaError(
            "is a folder, not a file; point to the transcript file itself", path=path
        ) from None
    except OSError as exc:
        raise ThematicaError(
            f"cannot be read ({exc.strerror or exc}); check that it exists and that you may read it",
            path=path,
        ) from None


def require_text(text: str, path: PathLike | None) -> str:
    """Return ``text`` unchanged, or raise if it is empty or only whitespace."""
    if not text.strip():
        raise ThematicaError(
            "is empty (or contains only whitespace); add the transcript text or remove the file", path=path
        )
    return text


def read_text_file(path: PathLike) -> str:
    """Read a plain-text file into canonical text.

    Parameters
    ----------
    path
        The file to read.

    Returns
    -------
    str
        The canonical text (see :func:`canonicalize`).

    Raises
    ------
    ThematicaError
        If the file cannot be read or decoded, looks binary, or is empty or only whitespace.
    """
    text, _encoding = decode_bytes(read_bytes(path), path)
    return require_text(canonicalize(text), path)


def sha256_text(text: str) -> str:
    """Return the hex SHA-256 digest of ``text`` encoded as UTF-8.

    Examples
    --------
    >>> sha256_text("")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
