"""Readers for REFI-QDA codebooks (.qdc) and project archives (.qdpx) exported by QDA packages."""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from thematica.errors import ThematicaError
from thematica.refiqda.anchor import OffsetMap
from thematica.refiqda.archive import Archive, decode_text
from thematica.refiqda.codebook import codes_from
from thematica.refiqda.model import Code, Coding, QdpxProject, norm_guid
from thematica.refiqda.xmlutil import find_child, find_children, local_name, parse_xml

logger = logging.getLogger(__name__)


_XSD_INTEGER = re.compile(r"\s*[+-]?[0-9]+\s*\Z")
_SOURCE_SUFFIXES = (".txt", ".docx", ".doc", ".rtf", ".odt", ".pdf", ".htm", ".html")


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
    root = parse_xml(data, path=path, what="the codebook")
    book = root if local_name(root.tag) == "CodeBook" else find_child(root, "CodeBook")
    codes_elem = find_child(book, "Codes") if book is not None else None
    if codes_elem is None:
        raise ThematicaError(
            f"root element <{local_name(root.tag)}> holds no <CodeBook><Codes>; "
            "export a REFI-QDA codebook (.qdc) and try again",
            path=path,
        )
    codes, _ = codes_from(codes_elem, path)
    logger.info("read %d codes from %s", len(codes), path)
    return codes


def _source_name(elem: ET.Element) -> str:
    name = (elem.get("name") or "").strip()
    if not name:
        return norm_guid(elem.get("guid", "")) or "unnamed"
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


def _source_text(elem: ET.Element, archive: Archive, name: str) -> str | None:
    inline = find_child(elem, "PlainTextContent")
    if inline is not None:
        return inline.text or ""
    text_path = elem.get("plainTextPath")
    if not text_path:
        return None
    member = archive.find_source(text_path)
    if member is None:
        return None
    return decode_text(archive.read(member), archive=archive.path, member=member)


def _resolve_user(guid: str | None, users: dict[str, str], where: str, path: Path) -> str:
    if not guid:
        logger.warning("%s: %s has no creatingUser; recording the coder as 'unknown'", path, where)
        return "unknown"
    key = norm_guid(guid)
    if key not in users:
        logger.warning("%s: %s names user %s, who is not in <Users>", path, where, guid)
        return key
    return users[key]


def _read_selections(
    src: ET.Element,
    name: str,
    offsets: OffsetMap,
    raw_len: int,
    code_ids: dict[str, str],
    users: dict[str, str],
    path: Path,
) -> list[Coding]:
    codings = []
    for sel in find_children(src, "PlainTextSelection"):
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
        for coding in find_children(sel, "Coding"):
            ref = find_child(coding, "CodeRef")
            target = norm_guid(ref.get("targetGUID", "")) if ref is not None else ""
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
    if find_children(src, "Coding"):
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
    archive = Archive(path)
    try:
        return _read_project(archive)
    finally:
        archive.close()


def _read_project(archive: Archive) -> QdpxProject:
    path = archive.path
    member = archive.project_member()
    root = parse_xml(archive.read(member), path=path, what=f"project file {member}")
    if local_name(root.tag) != "Project":
        raise ThematicaError(
            f"project file {member} has root <{local_name(root.tag)}>, not <Project>; "
            "export a REFI-QDA project (.qdpx)",
            path=path,
        )
    users: dict[str, str] = {}
    users_elem = find_child(root, "Users")
    for user in find_children(users_elem, "User") if users_elem is not None else []:
        guid = norm_guid(user.get("guid", ""))
        if guid:
            users[guid] = user.get("name") or user.get("id") or guid
    book = find_child(root, "CodeBook")
    codes, code_ids = codes_from(find_child(book, "Codes") if book is not None else None, path)

    sources: dict[str, str] = {}
    raw_sources: dict[str, str] = {}
    codings: list[Coding] = []
    seen: dict[str, str] = {}
    sources_elem = find_child(root, "Sources")
    for src in list(sources_elem) if sources_elem is not None else []:
        kind = local_name(src.tag)
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
            if find_children(src, "PlainTextSelection"):
                raise ThematicaError(
                    f"source {name!r} has coded selections but its text is missing from the archive "
                    f"(plainTextPath={src.get('plainTextPath')!r}); re-export including the sources",
                    path=path,
                )
            logger.warning("%s: source %r has no plain text; skipped", path, name)
            continue
        offsets = OffsetMap.build(raw)
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
