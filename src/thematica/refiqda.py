"""Read and write REFI-QDA codebooks (.qdc) and projects (.qdpx).

REFI-QDA is the exchange standard understood by NVivo, ATLAS.ti, MAXQDA and
QualCoder. A codebook (``.qdc``) is one XML file in the namespace
``urn:QDA-XML:codebook:1.0``. A project (``.qdpx``) is a zip archive holding an
XML project file (``project.qde``, namespace ``urn:QDA-XML:project:1.0``) and a
``sources/`` folder with one plain-text file per transcript, referenced from the
project as ``plainTextPath="internal://<guid>.txt"``.

Offsets everywhere in thematica are 0-based Unicode code-point offsets into the
*canonical* text of a source (no byte-order mark, ``\\n`` line ends, NFC), with
the end exclusive. REFI-QDA ``startPosition``/``endPosition`` are read as offsets
into the text exactly as stored in the export (the "raw" text) and re-anchored
onto the canonical text with :func:`reanchor`.

Writers are byte-deterministic: GUIDs are ``uuid5`` values over a fixed
namespace, no timestamps are written and zip members carry a fixed date.

Code identity
-------------
REFI-QDA codes carry a GUID, a ``name`` and a ``Description`` only. The writer
uses the code's ``label`` as ``name`` (what coders see) and its ``definition`` as
``Description``. When the thematica code id differs from the label, a final
line ``[code id: <id>]`` is appended to the description so the id survives a
round trip through a QDA package (descriptions are carried along by the tools).
The reader takes the id from that line when present, otherwise from the code
name, falling back to the ``Parent/Child`` path and then the GUID when names are
not unique.
"""

from __future__ import annotations

import functools
import io
import logging
import re
import struct
import unicodedata
import uuid
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from thematica.errors import ThematicaError

__all__ = [
    "CODEBOOK_NS",
    "PROJECT_NS",
    "Code",
    "Coding",
    "QdpxProject",
    "canonicalise",
    "codebook_xml",
    "code_guid",
    "project_xml",
    "read_qdc",
    "read_qdpx",
    "reanchor",
    "source_guid",
    "user_guid",
    "validate_project_xml",
    "write_qdc",
    "write_qdpx",
]

logger = logging.getLogger(__name__)

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"

_GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:thematica:refi-qda")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_ZIP_ATTR = 0o100644 << 16  # regular file, rw-r--r--
_MAX_MEMBER_BYTES = 256 * 1024 * 1024
_BOM = "\ufeff"
_PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999")
_CODE_ID_LINE = re.compile(r"(?:\r?\n)*\[code id: ([^\]\r\n]+)\]\s*\Z")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XSD_INTEGER = re.compile(r"\s*[+-]?[0-9]+\s*\Z")
_SOURCE_SUFFIXES = (".txt", ".docx", ".doc", ".rtf", ".odt", ".pdf", ".htm", ".html")
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    OverflowError,
    LookupError,
    struct.error,
    zlib.error,
)


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Code:
    """One code of a codebook; a flat list with parent ids gives the hierarchy.

    Parameters
    ----------
    code
        Stable identifier, unique in the codebook.
    label
        Human-readable name shown in QDA packages.
    definition
        What the code means and when to apply it.
    parent
        Identifier of the parent code; ``None`` for top-level codes (themes).
    """

    code: str
    label: str
    definition: str = ""
    parent: str | None = None


@dataclass(frozen=True)
class Coding:
    """One code applied to one span of one source.

    Parameters
    ----------
    source
        Transcript name (file stem).
    code
        Identifier of the applied :class:`Code`.
    start, end
        0-based code-point offsets into the canonical source text, end exclusive.
    user
        Name of the coder.
    """

    source: str
    code: str
    start: int
    end: int
    user: str


@dataclass(frozen=True)
class QdpxProject:
    """What :func:`read_qdpx` recovers from a REFI-QDA project.

    Attributes
    ----------
    sources
        Source name -> canonical text (no BOM, ``\\n`` line ends, NFC).
    codes
        Codes in codebook pre-order, hierarchy via :attr:`Code.parent`.
    codings
        Codings with offsets into the canonical texts.
    users
        User GUID (normalised: lower case, no braces) -> user name.
    raw_sources
        Source name -> text as decoded from the export, before canonicalisation.
    name
        Project name.
    origin
        The ``origin`` attribute of the project (the exporting software), or "".
    code_guids
        Code id -> code GUID (normalised: lower case, no braces).
    """

    sources: dict[str, str]
    codes: list[Code]
    codings: list[Coding]
    users: dict[str, str]
    raw_sources: dict[str, str]
    name: str = ""
    origin: str = ""
    code_guids: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- GUIDs


def _guid(kind: str, key: str) -> str:
    return str(uuid.uuid5(_GUID_NAMESPACE, f"{kind}\x1f{key}")).upper()


def code_guid(code: str) -> str:
    """Return the GUID the writers give to the code with identifier ``code``.

    Examples
    --------
    >>> code_guid("trust") == code_guid("trust") != code_guid("Trust")
    True
    """
    return _guid("code", code)


def source_guid(source: str) -> str:
    """Return the GUID the writers give to the source named ``source``."""
    return _guid("source", source)


def user_guid(user: str) -> str:
    """Return the GUID the writers give to the user named ``user``."""
    return _guid("user", user)


def _norm_guid(value: str) -> str:
    return value.strip().strip("{}").lower()


# --------------------------------------------------------------------------- text


def canonicalise(raw: str) -> str:
    """Return the canonical form of a source text.

    Drops a leading byte-order mark, turns ``\\r\\n`` and lone ``\\r`` into
    ``\\n`` and applies Unicode NFC.

    Examples
    --------
    >>> canonicalise("\\ufeffa\\r\\nb\\re\\u0301")
    'a\\nb\\né'
    """
    return unicodedata.normalize("NFC", _newline_map(raw)[0])


def _newline_map(raw: str) -> tuple[str, list[int]]:
    """Drop a leading BOM and fold CR/CRLF to LF.

    Returns the folded text and ``pos`` with ``len(raw) + 1`` entries where
    ``pos[i]`` is the folded offset of raw offset ``i`` (deleted characters
    collapse onto the next kept one).
    """
    out: list[str] = []
    pos: list[int] = []
    n = len(raw)
    for i, ch in enumerate(raw):
        pos.append(len(out))
        if i == 0 and ch == _BOM:
            continue
        if ch == "\r":
            if i + 1 < n and raw[i + 1] == "\n":
                continue
            out.append("\n")
        else:
            out.append(ch)
    pos.append(len(out))
    return "".join(out), pos


def _nfc_chunks(text: str) -> Iterator[str]:
    """Split ``text`` into chunks that NFC-normalise independently."""
    chunk = ""
    seg = ""
    for ch in text:
        if seg and unicodedata.combining(ch) == 0:
            if chunk and unicodedata.normalize("NFC", chunk + seg) != (
                unicodedata.normalize("NFC", chunk) + unicodedata.normalize("NFC", seg)
            ):
                chunk += seg
            else:
                if chunk:
                    yield chunk
                chunk = seg
            seg = ""
        seg += ch
    if seg:
        if chunk and unicodedata.normalize("NFC", chunk + seg) != (
            unicodedata.normalize("NFC", chunk) + unicodedata.normalize("NFC", seg)
        ):
            chunk += seg
        else:
            if chunk:
                yield chunk
            chunk = seg
    if chunk:
        yield chunk


def _nfc_maps(text: str) -> tuple[str, list[int], list[int]]:
    """Map offsets of ``text`` onto ``NFC(text)``.

    Returns the normalised text and two maps with ``len(text) + 1`` entries: one
    for start offsets (an offset inside a composed character moves to its
    start) and one for end offsets (moves to its end).
    """
    if unicodedata.is_normalized("NFC", text):
        ident = list(range(len(text) + 1))
        return text, ident, ident
    starts: list[int] = []
    ends: list[int] = []
    parts: list[str] = []
    done = 0
    for chunk in _nfc_chunks(text):
        norm = unicodedata.normalize("NFC", chunk)
        starts.append(done)
        ends.append(done)
        if len(chunk) > 1:
            starts.extend([done] * (len(chunk) - 1))
            ends.extend([done + len(norm)] * (len(chunk) - 1))
        parts.append(norm)
        done += len(norm)
    starts.append(done)
    ends.append(done)
    joined = "".join(parts)
    if joined != unicodedata.normalize("NFC", text):  # pragma: no cover - defensive
        whole = unicodedata.normalize("NFC", text)
        n = len(text)
        return whole, [0] * n + [len(whole)], [0] + [len(whole)] * n
    return joined, starts, ends


@dataclass(frozen=True)
class _OffsetMap:
    canonical: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def build(cls, raw: str) -> _OffsetMap:
        folded, pos = _newline_map(raw)
        canonical, nfc_starts, nfc_ends = _nfc_maps(folded)
        return cls(
            canonical,
            tuple(nfc_starts[p] for p in pos),
            tuple(nfc_ends[p] for p in pos),
        )

    def map(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end]


def reanchor(raw: str, canonical: str, start: int, end: int) -> tuple[int, int]:
    """Map code-point offsets into ``raw`` onto ``canonical``.

    ``canonical`` must be :func:`canonicalise` of ``raw``. A removed leading BOM
    and the ``\\r`` of each ``\\r\\n`` shift later offsets left; NFC composition
    is followed character by character, and an offset that falls inside a
    character composed by NFC is widened to cover the whole character.

    Parameters
    ----------
    raw
        The text the offsets were counted on.
    canonical
        The canonical form of ``raw``.
    start, end
        Offsets into ``raw``, ``0 <= start <= end <= len(raw)``.

    Returns
    -------
    tuple of int
        ``(start, end)`` into ``canonical``.

    Raises
    ------
    ThematicaError
        If the offsets are out of range or ``canonical`` is not the canonical
        form of ``raw``.

    Examples
    --------
    >>> raw = "\\ufeffHi\\r\\nthere"
    >>> reanchor(raw, canonicalise(raw), 5, 10)
    (3, 8)
    """
    if not 0 <= start <= end <= len(raw):
        raise ThematicaError(
            f"offsets {start}..{end} do not fit a text of {len(raw)} characters; "
            "use 0 <= start <= end <= length"
        )
    offsets = _OffsetMap.build(raw)
    if offsets.canonical != canonical:
        raise ThematicaError(
            "the canonical text is not the canonical form of the raw text; pass canonicalise(raw)"
        )
    return offsets.map(start, end)


def _decode_text(data: bytes, *, archive: Path, member: str) -> str:
    """Decode a source file, keeping any BOM as U+FEFF (offsets may count it)."""
    try:
        if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
            enc = "utf-32-le" if data[0] == 0xFF else "utf-32-be"
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            enc = "utf-16-le" if data[0] == 0xFF else "utf-16-be"
        else:
            enc = "utf-8"
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise ThematicaError(
            f"source file {member} is not valid UTF-8/UTF-16 text (byte {exc.start}); "
            "re-export the project with UTF-8 plain-text sources",
            path=archive,
        ) from None


# --------------------------------------------------------------------------- writing


def _check_xml_text(value: str, what: str, path: Path) -> str:
    match = _XML_ILLEGAL.search(value)
    if match:
        raise ThematicaError(
            f"{what} contains the character U+{ord(match.group()):04X}, which XML cannot hold; remove it",
            path=path,
        )
    return value


def _ordered_codes(codes: list[Code], path: Path) -> tuple[list[Code], dict[str | None, list[Code]]]:
    """Check ids/parents and group codes by parent (input order kept)."""
    by_id: dict[str, Code] = {}
    for c in codes:
        if c.code in by_id:
            raise ThematicaError(f"code id {c.code!r} is used twice; give every code a unique id", path=path)
        by_id[c.code] = c
    children: dict[str | None, list[Code]] = {}
    for c in codes:
        if c.parent is not None and c.parent not in by_id:
            raise ThematicaError(
                f"code {c.code!r} has unknown parent {c.parent!r}; add the parent code or clear the parent",
                path=path,
            )
        children.setdefault(c.parent, []).append(c)
    for c in codes:
        seen = {c.code}
        parent = c.parent
        while parent is not None:
            if parent in seen:
                raise ThematicaError(
                    f"code {c.code!r} is its own ancestor (parent cycle); fix the parent ids", path=path
                )
            seen.add(parent)
            parent = by_id[parent].parent
    return codes, children


def _code_element(code: Code, children: dict[str | None, list[Code]], color: str, path: Path) -> ET.Element:
    name = code.label or code.code
    attrs = {
        "guid": code_guid(code.code),
        "name": _check_xml_text(name, f"label of code {code.code!r}", path),
    }
    attrs["isCodable"] = "true"
    attrs["color"] = color
    elem = ET.Element("Code", attrs)
    description = code.definition
    if code.code != name:
        if not code.code.strip() or code.code != code.code.strip() or re.search(r"[\]\r\n]", code.code):
            raise ThematicaError(
                f"code id {code.code!r} has surrounding spaces, a line break or ']'; "
                "use a simple id (letters, digits, '_', '-')",
                path=path,
            )
        description = f"{description}\n\n[code id: {code.code}]" if description else f"[code id: {code.code}]"
    if description:
        desc = ET.SubElement(elem, "Description")
        desc.text = _check_xml_text(description, f"definition of code {code.code!r}", path)
    for child in children.get(code.code, []):
        elem.append(_code_element(child, children, color, path))
    return elem


def _codes_element(codes: list[Code], path: Path) -> ET.Element:
    _, children = _ordered_codes(codes, path)
    codes_elem = ET.Element("Codes")
    for i, theme in enumerate(children.get(None, [])):
        codes_elem.append(_code_element(theme, children, _PALETTE[i % len(_PALETTE)], path))
    return codes_elem


def _xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def codebook_xml(codes: list[Code], *, origin: str = "thematica", path: str | Path = "<codebook>") -> bytes:
    """Return the bytes of a REFI-QDA codebook (``.qdc``) for ``codes``."""
    path = Path(path)
    if not codes:
        raise ThematicaError("there are no codes to write; a REFI-QDA codebook needs at least one", path=path)
    root = ET.Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": origin})
    root.append(_codes_element(codes, path))
    return _xml_bytes(root)


def write_qdc(path: str | Path, codes: list[Code], *, origin: str = "thematica") -> Path:
    """Write a REFI-QDA codebook.

    Parameters
    ----------
    path
        Destination ``.qdc`` file.
    codes
        Codes; a code's children are written nested inside it.
    origin
        Value of the ``origin`` attribute.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ThematicaError
        If ``codes`` is empty, ids repeat, a parent is unknown or cyclic, or a
        text holds characters XML cannot represent.
    """
    path = Path(path)
    data = codebook_xml(codes, origin=origin, path=path)
    path.write_bytes(data)
    logger.info("wrote %d codes to %s", len(codes), path)
    return path


def _check_codings(
    codings: Iterable[Coding],
    sources: dict[str, str],
    code_ids: set[str],
    users: set[str],
    path: Path,
) -> list[Coding]:
    unique: dict[tuple[str, str, int, int, str], Coding] = {}
    for c in codings:
        if c.source not in sources:
            raise ThematicaError(
                f"a coding refers to source {c.source!r}, which is not among the sources; add its text",
                path=path,
            )
        if c.code not in code_ids:
            raise ThematicaError(
                f"a coding in {c.source!r} uses code {c.code!r}, which is not in the codebook; add the code",
                path=path,
            )
        if c.user not in users:
            raise ThematicaError(
                f"a coding in {c.source!r} was made by {c.user!r}, who is not in the users list; "
                "add the user",
                path=path,
            )
        if not 0 <= c.start <= c.end <= len(sources[c.source]):
            raise ThematicaError(
                f"coding {c.start}..{c.end} of code {c.code!r} does not fit source {c.source!r} "
                f"({len(sources[c.source])} characters); fix the offsets",
                path=path,
            )
        key = (c.source, c.code, c.start, c.end, c.user)
        if key in unique:
            logger.warning("dropping duplicate coding %s", key)
        unique.setdefault(key, c)
    return sorted(unique.values(), key=lambda c: (c.source, c.start, c.end, c.code, c.user))


def project_xml(
    *,
    project_name: str,
    sources: dict[str, str],
    codes: list[Code],
    codings: list[Coding],
    users: list[str],
    origin: str = "thematica",
    path: str | Path = "<project>",
) -> bytes:
    """Return the bytes of ``project.qde`` for :func:`write_qdpx` (same parameters)."""
    path = Path(path)
    user_names = list(dict.fromkeys(users))
    checked = _check_codings(codings, sources, {c.code for c in codes}, set(user_names), path)
    root = ET.Element(
        "Project",
        {
            "xmlns": PROJECT_NS,
            "name": _check_xml_text(project_name, "the project name", path),
            "origin": origin,
        },
    )
    if user_names:
        users_elem = ET.SubElement(root, "Users")
        for name in user_names:
            ET.SubElement(
                users_elem,
                "User",
                {"guid": user_guid(name), "name": _check_xml_text(name, f"user name {name!r}", path)},
            )
    if codes:
        codebook = ET.SubElement(root, "CodeBook")
        codebook.append(_codes_element(codes, path))
    if sources:
        sources_elem = ET.SubElement(root, "Sources")
        by_source: dict[str, list[Coding]] = {}
        for c in checked:
            by_source.setdefault(c.source, []).append(c)
        for name in sorted(sources):
            guid = source_guid(name)
            src = ET.SubElement(
                sources_elem,
                "TextSource",
                {
                    "guid": guid,
                    "name": _check_xml_text(name, f"source name {name!r}", path),
                    "plainTextPath": f"internal://{guid}.txt",
                },
            )
            for c in by_source.get(name, []):
                key = f"{c.source}\x1f{c.code}\x1f{c.start}\x1f{c.end}\x1f{c.user}"
                sel = ET.SubElement(
                    src,
                    "PlainTextSelection",
                    {
                        "guid": _guid("selection", key),
                        "startPosition": str(c.start),
                        "endPosition": str(c.end),
                        "creatingUser": user_guid(c.user),
                    },
                )
                coding = ET.SubElement(
                    sel, "Coding", {"guid": _guid("coding", key), "creatingUser": user_guid(c.user)}
                )
                ET.SubElement(coding, "CodeRef", {"targetGUID": code_guid(c.code)})
    return _xml_bytes(root)


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = _ZIP_ATTR
    return info


def write_qdpx(
    path: str | Path,
    *,
    project_name: str,
    sources: dict[str, str],
    codes: list[Code],
    codings: list[Coding],
    users: list[str],
    origin: str = "thematica",
) -> Path:
    """Write a REFI-QDA project archive.

    Parameters
    ----------
    path
        Destination ``.qdpx`` file.
    project_name
        Project name shown by QDA packages.
    sources
        Source name -> text; offsets in ``codings`` index these texts.
    codes
        The codebook.
    codings
        Codings; each becomes one ``PlainTextSelection`` with one ``Coding``.
        Exact duplicates are written once.
    users
        Coder names; every coding's user must be listed.
    origin
        Value of the project's ``origin`` attribute.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ThematicaError
        If a coding names an unknown source, code or user, has offsets outside
        its source, or the codebook is inconsistent.
    """
    path = Path(path)
    qde = project_xml(
        project_name=project_name,
        sources=sources,
        codes=codes,
        codings=codings,
        users=users,
        origin=origin,
        path=path,
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_zip_info("project.qde"), qde, compresslevel=6)
        for name in sorted(sources):
            archive.writestr(
                _zip_info(f"sources/{source_guid(name)}.txt"), sources[name].encode("utf-8"), compresslevel=6
            )
    path.write_bytes(buffer.getvalue())
    logger.info("wrote %d sources and %d codings to %s", len(sources), len(codings), path)
    return path


# --------------------------------------------------------------------------- validation


@functools.lru_cache(maxsize=4)
def _load_schema(xsd_path: str):  # noqa: ANN202 - xmlschema is imported lazily
    try:
        import xmlschema
    except ImportError:  # pragma: no cover - depends on the environment
        raise ThematicaError(
            "validating REFI-QDA XML needs the xmlschema package; install it with `pip install xmlschema`"
        ) from None
    try:
        return xmlschema.XMLSchema(xsd_path)
    except (OSError, xmlschema.XMLSchemaException, ET.ParseError) as exc:
        raise ThematicaError(
            f"cannot load the XML schema ({exc}); check the schema file", path=xsd_path
        ) from None


def validate_project_xml(
    xml_bytes: bytes, xsd_path: str | Path, *, name: str = "project.qde", max_errors: int = 5
) -> None:
    """Validate a REFI-QDA project XML document against ``Project.xsd``.

    Parameters
    ----------
    xml_bytes
        The document.
    xsd_path
        Path of the REFI-QDA ``Project.xsd``.
    name
        Name of the document used in error messages.
    max_errors
        How many schema errors to list.

    Raises
    ------
    ThematicaError
        Listing the first ``max_errors`` schema violations, or the parse error.
    """
    schema = _load_schema(str(xsd_path))
    import xmlschema

    try:
        ET.fromstring(xml_bytes)
    except ET.ParseError as exc:
        raise ThematicaError(
            f"{name} is not well-formed XML ({exc}); re-export it", path=name, line=exc.position[0]
        ) from None
    except (ValueError, LookupError, RecursionError) as exc:
        raise ThematicaError(f"{name} cannot be parsed as XML ({exc}); re-export it", path=name) from None
    problems: list[str] = []
    try:
        for error in schema.iter_errors(io.BytesIO(xml_bytes)):
            where = error.path or "/"
            problems.append(f"{where}: {error.reason or error.message}")
            if len(problems) >= max_errors:
                break
    except xmlschema.XMLSchemaException as exc:
        problems.append(str(exc).splitlines()[0])
    if problems:
        raise ThematicaError(
            f"{name} does not match the REFI-QDA project schema: "
            + "; ".join(problems)
            + "; fix these elements or re-export the project",
            path=name,
        )


# --------------------------------------------------------------------------- reading


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(elem: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in elem if _local(child.tag) == name]


def _child(elem: ET.Element, name: str) -> ET.Element | None:
    found = _children(elem, name)
    return found[0] if found else None


def _parse_xml(data: bytes, *, path: Path, what: str) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise ThematicaError(
            f"{what} is not well-formed XML ({exc}); re-export it from the QDA software",
            path=path,
            line=exc.position[0],
        ) from None
    except (ValueError, LookupError, RecursionError) as exc:
        raise ThematicaError(f"{what} cannot be parsed as XML ({exc}); re-export it", path=path) from None


@dataclass(frozen=True)
class _RawCode:
    guid: str
    name: str
    description: str
    parent_guid: str | None
    path: tuple[str, ...]


def _walk_codes(
    elems: Iterable[ET.Element], parent: _RawCode | None, out: list[_RawCode], path: Path
) -> None:
    for elem in elems:
        name = elem.get("name", "")
        guid = _norm_guid(elem.get("guid", ""))
        if not guid:
            guid = f"no-guid-{len(out)}"
            logger.warning("%s: code %r has no guid; it cannot be referenced by codings", path, name)
        desc_elem = _child(elem, "Description")
        raw = _RawCode(
            guid=guid,
            name=name,
            description=(desc_elem.text or "") if desc_elem is not None else "",
            parent_guid=parent.guid if parent else None,
            path=(parent.path if parent else ()) + (name,),
        )
        out.append(raw)
        _walk_codes(_children(elem, "Code"), raw, out, path)


def _codes_from(codes_elem: ET.Element | None, path: Path) -> tuple[list[Code], dict[str, str]]:
    """Turn a ``<Codes>`` element into codes; also return guid -> code id."""
    if codes_elem is None:
        return [], {}
    raws: list[_RawCode] = []
    _walk_codes(_children(codes_elem, "Code"), None, raws, path)
    markers: dict[str, str] = {}
    for raw in raws:
        match = _CODE_ID_LINE.search(raw.description)
        if match:
            markers[raw.guid] = match.group(1).strip()
    marker_count: dict[str, int] = {}
    for marker in markers.values():
        marker_count[marker] = marker_count.get(marker, 0) + 1
    name_count: dict[str, int] = {}
    for raw in raws:
        name_count[raw.name] = name_count.get(raw.name, 0) + 1
    ids: dict[str, str] = {}
    used: set[str] = set()
    for raw in raws:
        candidates = []
        if raw.guid in markers and marker_count[markers[raw.guid]] == 1:
            candidates.append(markers[raw.guid])
        if raw.name and name_count[raw.name] == 1:
            candidates.append(raw.name)
        if all(raw.path):
            candidates.append("/".join(raw.path))
        candidates.append(raw.guid)
        chosen = next((c for c in candidates if c not in used), None)
        if chosen is None:
            raise ThematicaError(
                f"code guid {raw.guid} appears twice in the codebook; re-export it", path=path
            )
        if chosen != candidates[0]:
            logger.warning("%s: code %r gets id %r because its name is not unique", path, raw.name, chosen)
        ids[raw.guid] = chosen
        used.add(chosen)
    codes = []
    for raw in raws:
        definition = _CODE_ID_LINE.sub("", raw.description) if raw.guid in markers else raw.description
        codes.append(
            Code(
                code=ids[raw.guid],
                label=raw.name or ids[raw.guid],
                definition=definition,
                parent=ids[raw.parent_guid] if raw.parent_guid else None,
            )
        )
    return codes, ids


def read_qdc(path: str | Path) -> list[Code]:
    """Read a REFI-QDA codebook.

    Accepts a ``.qdc`` file (root ``CodeBook``) and, for convenience, a bare
    project file (root ``Project`` holding a ``CodeBook``), in any namespace.

    Parameters
    ----------
    path
        The codebook file.

    Returns
    -------
    list of Code
        Codes in pre-order; parents come before their children.

    Raises
    ------
    ThematicaError
        If the file is missing, not XML, or has no ``CodeBook/Codes``.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ThematicaError(
            f"cannot read the codebook ({exc.strerror}); check the path", path=path
        ) from None
    root = _parse_xml(data, path=path, what="the codebook")
    book = root if _local(root.tag) == "CodeBook" else _child(root, "CodeBook")
    codes_elem = _child(book, "Codes") if book is not None else None
    if codes_elem is None:
        raise ThematicaError(
            f"root element <{_local(root.tag)}> holds no <CodeBook><Codes>; "
            "export a REFI-QDA codebook (.qdc) and try again",
            path=path,
        )
    codes, _ = _codes_from(codes_elem, path)
    logger.info("read %d codes from %s", len(codes), path)
    return codes


class _Archive:
    """A read-only view of a .qdpx zip that converts every zip error."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
            infos = self.zip.infolist()
        except FileNotFoundError:
            raise ThematicaError("the project file does not exist; check the path", path=path) from None
        except _ZIP_ERRORS as exc:
            raise ThematicaError(
                f"{path.name} cannot be opened as a .qdpx (zip) archive ({exc}); re-export it",
                path=path,
            ) from None
        self.names = [i.filename for i in infos if i.filename and not i.filename.endswith("/")]
        self.sizes = {i.filename: i.file_size for i in infos}
        self.lower = {}
        for name in self.names:
            self.lower.setdefault(name.replace("\\", "/").lower(), name)

    def read(self, member: str) -> bytes:
        if self.sizes.get(member, 0) > _MAX_MEMBER_BYTES:
            raise ThematicaError(
                f"member {member} is larger than {_MAX_MEMBER_BYTES >> 20} MiB; this is not a usable export",
                path=self.path,
            )
        try:
            return self.zip.read(member)
        except _ZIP_ERRORS as exc:
            raise ThematicaError(
                f"{self.path.name} cannot be opened as a .qdpx (zip) archive: member {member} "
                f"is damaged ({exc}); re-export it",
                path=self.path,
            ) from None

    def close(self) -> None:
        self.zip.close()

    def project_member(self) -> str:
        qdes = [n for n in self.names if n.lower().endswith(".qde") and not n.startswith("__MACOSX/")]
        if not qdes:
            raise ThematicaError(
                "the archive holds no project file (*.qde); export a REFI-QDA project (.qdpx) again",
                path=self.path,
            )
        exact = [n for n in qdes if n.lower() == "project.qde"]
        if exact:
            return exact[0]
        top = [n for n in qdes if "/" not in n.replace("\\", "/")]
        pool = top or qdes
        if len(pool) > 1:
            raise ThematicaError(
                f"the archive holds several project files ({', '.join(sorted(pool))}); "
                "export a single project",
                path=self.path,
            )
        return pool[0]

    def find_source(self, text_path: str) -> str | None:
        """Find the member behind an ``internal://`` (or relative) plain-text path."""
        ref = text_path.strip()
        ref = re.sub(r"^internal://", "", ref, flags=re.IGNORECASE).replace("\\", "/").lstrip("/").lower()
        for candidate in (ref, f"sources/{ref}"):
            if candidate in self.lower:
                return self.lower[candidate]
        base = PurePosixPath(ref).name
        hits = [n for low, n in self.lower.items() if PurePosixPath(low).name == base]
        return hits[0] if len(hits) == 1 else None


def _source_name(elem: ET.Element) -> str:
    name = (elem.get("name") or "").strip()
    if not name:
        return _norm_guid(elem.get("guid", "")) or "unnamed"
    for suffix in _SOURCE_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _xsd_int(value: str | None, *, what: str, source: str, sel: str, path: Path) -> int:
    if value is None or not _XSD_INTEGER.match(value):
        raise ThematicaError(
            f"selection {sel} in source {source!r} has {what}={value!r}, not an integer; "
            "re-export the project",
            path=path,
        )
    return int(value)


def _source_text(elem: ET.Element, archive: _Archive, name: str) -> str | None:
    inline = _child(elem, "PlainTextContent")
    if inline is not None:
        return inline.text or ""
    text_path = elem.get("plainTextPath")
    if not text_path:
        return None
    member = archive.find_source(text_path)
    if member is None:
        return None
    return _decode_text(archive.read(member), archive=archive.path, member=member)


def _resolve_user(guid: str | None, users: dict[str, str], where: str, path: Path) -> str:
    if not guid:
        logger.warning("%s: %s has no creatingUser; recording the coder as 'unknown'", path, where)
        return "unknown"
    key = _norm_guid(guid)
    if key not in users:
        logger.warning("%s: %s names user %s, who is not in <Users>", path, where, guid)
        return key
    return users[key]


def _read_selections(
    src: ET.Element,
    name: str,
    offsets: _OffsetMap,
    raw_len: int,
    code_ids: dict[str, str],
    users: dict[str, str],
    path: Path,
) -> list[Coding]:
    codings = []
    for sel in _children(src, "PlainTextSelection"):
        sel_guid = sel.get("guid", "?")
        start = _xsd_int(sel.get("startPosition"), what="startPosition", source=name, sel=sel_guid, path=path)
        end = _xsd_int(sel.get("endPosition"), what="endPosition", source=name, sel=sel_guid, path=path)
        if not 0 <= start <= end <= raw_len:
            raise ThematicaError(
                f"selection {sel_guid} in source {name!r} spans {start}..{end}, outside the text "
                f"(0..{raw_len}) or reversed; re-export the project or fix the offsets",
                path=path,
            )
        c_start, c_end = offsets.map(start, end)
        for coding in _children(sel, "Coding"):
            ref = _child(coding, "CodeRef")
            target = _norm_guid(ref.get("targetGUID", "")) if ref is not None else ""
            if not target:
                raise ThematicaError(
                    f"a Coding in selection {sel_guid} of source {name!r} has no CodeRef targetGUID; "
                    "re-export the project",
                    path=path,
                )
            if target not in code_ids:
                raise ThematicaError(
                    f"selection {sel_guid} in source {name!r} refers to code guid {ref.get('targetGUID')}, "
                    "which is not in the codebook; re-export the project with its codebook",
                    path=path,
                )
            user_ref = coding.get("creatingUser") or sel.get("creatingUser")
            user = _resolve_user(user_ref, users, f"selection {sel_guid}", path)
            codings.append(Coding(name, code_ids[target], c_start, c_end, user))
    if _children(src, "Coding"):
        logger.warning("%s: source %r has whole-source codings; they are skipped", path, name)
    return codings


def read_qdpx(path: str | Path) -> QdpxProject:
    """Read a REFI-QDA project archive exported by a QDA package.

    Tolerates a project file with another name than ``project.qde``, a
    ``Sources/`` or ``sources/`` folder, case differences in ``internal://``
    paths, inline ``PlainTextContent``, source files with a BOM, CRLF line ends
    or UTF-16, and namespaced or un-namespaced XML. Offsets are read as counted
    on the stored text and re-anchored onto the canonical text. The coder of a
    coding is the ``creatingUser`` of its ``Coding`` element when present (NVivo
    puts the source's owner on the selection), else that of the selection.

    Parameters
    ----------
    path
        The ``.qdpx`` file.

    Returns
    -------
    QdpxProject

    Raises
    ------
    ThematicaError
        If the archive cannot be opened, holds no project file, the XML is not
        well formed, a coded source has no text, a coding refers to an unknown
        code, or a selection's offsets do not fit its text.
    """
    path = Path(path)
    archive = _Archive(path)
    try:
        return _read_project(archive)
    finally:
        archive.close()


def _read_project(archive: _Archive) -> QdpxProject:
    path = archive.path
    member = archive.project_member()
    root = _parse_xml(archive.read(member), path=path, what=f"project file {member}")
    if _local(root.tag) != "Project":
        raise ThematicaError(
            f"project file {member} has root <{_local(root.tag)}>, not <Project>; "
            "export a REFI-QDA project (.qdpx)",
            path=path,
        )
    users: dict[str, str] = {}
    users_elem = _child(root, "Users")
    for user in _children(users_elem, "User") if users_elem is not None else []:
        guid = _norm_guid(user.get("guid", ""))
        if guid:
            users[guid] = user.get("name") or user.get("id") or guid
    book = _child(root, "CodeBook")
    codes, code_ids = _codes_from(_child(book, "Codes") if book is not None else None, path)

    sources: dict[str, str] = {}
    raw_sources: dict[str, str] = {}
    codings: list[Coding] = []
    seen: dict[str, str] = {}
    sources_elem = _child(root, "Sources")
    for src in list(sources_elem) if sources_elem is not None else []:
        kind = _local(src.tag)
        if kind != "TextSource":
            if kind:
                logger.info("%s: skipping %s %r (only text sources are read)", path, kind, src.get("name"))
            continue
        name = _source_name(src)
        guid = src.get("guid", "")
        if name in seen:
            raise ThematicaError(
                f"two sources are named {name!r} (guids {seen[name]} and {guid}); rename one and re-export",
                path=path,
            )
        seen[name] = guid
        raw = _source_text(src, archive, name)
        if raw is None:
            if _children(src, "PlainTextSelection"):
                raise ThematicaError(
                    f"source {name!r} has coded selections but its text is missing from the archive "
                    f"(plainTextPath={src.get('plainTextPath')!r}); re-export including the sources",
                    path=path,
                )
            logger.warning("%s: source %r has no plain text; skipped", path, name)
            continue
        offsets = _OffsetMap.build(raw)
        raw_sources[name] = raw
        sources[name] = offsets.canonical
        codings.extend(_read_selections(src, name, offsets, len(raw), code_ids, users, path))
    logger.info(
        "read %d sources, %d codes and %d codings from %s", len(sources), len(codes), len(codings), path
    )
    return QdpxProject(
        sources=sources,
        codes=codes,
        codings=codings,
        users=users,
        raw_sources=raw_sources,
        name=root.get("name", ""),
        origin=root.get("origin", ""),
        code_guids={code_id: guid for guid, code_id in code_ids.items()},
    )
