"""Readers for REFI-QDA codebooks (.qdc) and project archives (.qdpx) exported by QDA packages."""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from thematica.errors import ThematicaError
from thematica.refiqda.anchor import OffsetMap
from thematica.refiqda.archive import Archive, decode_text
from thematica.refiqda.codebook import codes_from, read_code_tree
from thematica.refiqda.model import Code, QdpxProject, SelectionCheck, norm_guid
from thematica.refiqda.validate import validate_project_xml
from thematica.refiqda.verify import RawSelection, choose_unit
from thematica.refiqda.xmlutil import find_child, find_children, local_name, parse_xml

logger = logging.getLogger(__name__)


_XSD_INTEGER = re.compile(r"\s*[+-]?[0-9]+\s*\Z")
_SOURCE_SUFFIXES = (".txt", ".docx", ".doc", ".rtf", ".odt", ".pdf", ".htm", ".html")


def read_qdc(path: str | Path) -> list[Code]:
    """Read a REFI-QDA codebook.

    Accepts a ``.qdc`` file (root ``CodeBook``) and, for convenience, a bare
    project file (root ``Project`` holding a ``CodeBook``), in any namespace, or
    a ``.qdpx`` (:func:`thematica.refiqda.codebook.read_code_tree`).

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
    return read_code_tree(path).codes


def _strip_suffix(name: str) -> str:
    for suffix in _SOURCE_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _path_stem(value: str | None) -> str:
    """The file stem of an ``internal://``, relative or absolute path ("" when there is none)."""
    ref = re.sub(r"^internal://", "", (value or "").strip(), flags=re.IGNORECASE).replace("\\", "/")
    return _strip_suffix(ref.rsplit("/", 1)[-1]).strip()


def source_keys(elem: ET.Element) -> tuple[tuple[str, str], ...]:
    """The names a source may match a transcript by, best first: ``(rule, name)`` pairs.

    The rules are ``name`` (the ``name`` attribute, a file suffix dropped), ``plainTextPath`` and
    ``richTextPath`` (the stem of the path, ``internal://`` or relative) and ``guid``.
    """
    keys = [
        ("name", _strip_suffix((elem.get("name") or "").strip())),
        ("plainTextPath", _path_stem(elem.get("plainTextPath"))),
        ("richTextPath", _path_stem(elem.get("richTextPath"))),
        ("guid", norm_guid(elem.get("guid", ""))),
    ]
    return tuple((rule, key) for rule, key in keys if key)


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


@dataclass(frozen=True)
class _Coded:
    """One coding of a selection: code id and coder."""

    code: str
    user: str


def _read_selections(
    src: ET.Element,
    name: str,
    code_ids: dict[str, str],
    users: dict[str, str],
    path: Path,
) -> list[tuple[RawSelection, list[_Coded]]]:
    out = []
    for sel in find_children(src, "PlainTextSelection"):
        sel_guid = sel.get("guid", "?")
        start = _xsd_int(sel.get("startPosition"), what="startPosition", source=name, sel=sel_guid, path=path)
        end = _xsd_int(sel.get("endPosition"), what="endPosition", source=name, sel=sel_guid, path=path)
        coded = []
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
            coded.append(
                _Coded(code_ids[target], _resolve_user(user_ref, users, f"selection {sel_guid}", path))
            )
        if not coded:
            continue  # a selection without codings is an annotation or a memo link
        desc = find_child(sel, "Description")
        carried = ((sel.get("name") or ""), (desc.text or "") if desc is not None else "")
        out.append((RawSelection(name, sel_guid, start, end, carried, len(coded)), coded))
    if find_children(src, "Coding"):
        logger.warning("%s: source %r has whole-source codings; they are skipped", path, name)
    return out


def read_qdpx(path: str | Path) -> QdpxProject:
    """Read a REFI-QDA project archive exported by a QDA package.

    Tolerates a project file with another name than ``project.qde``, a
    ``Sources/`` or ``sources/`` folder, case differences in ``internal://``
    paths, inline ``PlainTextContent``, source files with a BOM, CRLF line ends
    or UTF-16, and namespaced or un-namespaced XML. Positions are read in the
    unit of the program that wrote them, checked against the selections
    (:func:`thematica.refiqda.verify.choose_unit`) and re-anchored onto the
    canonical text; a selection that does not verify is kept in
    :attr:`QdpxProject.checks` with its reason, not placed. Sources are named by
    their ``name``, else the stem of their ``plainTextPath`` or ``richTextPath``,
    else their GUID (:func:`source_keys`). The coder of a coding is the
    ``creatingUser`` of its ``Coding`` element when present (NVivo puts the
    source's owner on the selection), else that of the selection, resolved
    through ``<Users>``.

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
        code, no unit places the selections, or most codings do not verify.
    """
    path = Path(path)
    archive = Archive(path)
    try:
        return _read_project(archive)
    finally:
        archive.close()


def _check_schema(data: bytes, member: str, path: Path) -> None:
    """Warn (one line) when the project file breaks REFI-QDA's schema; its codings are still each verified."""
    try:
        validate_project_xml(data, name=member, max_errors=1)
    except ThematicaError as exc:
        logger.warning(
            "%s: %s; reading what it holds, every coding verified or listed (re-export it if codings are "
            "missing)",
            path,
            str(exc).split("; fix these elements", 1)[0],
        )


def _read_project(archive: Archive) -> QdpxProject:
    path = archive.path
    member = archive.project_member()
    data = archive.read(member)
    root = parse_xml(data, path=path, what=f"project file {member}")
    if local_name(root.tag) != "Project":
        raise ThematicaError(
            f"project file {member} has root <{local_name(root.tag)}>, not <Project>; "
            "export a REFI-QDA project (.qdpx)",
            path=path,
        )
    _check_schema(data, member, path)
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
    keys: dict[str, tuple[tuple[str, str], ...]] = {}
    selections: list[tuple[RawSelection, list[_Coded]]] = []
    seen: dict[str, str] = {}
    sources_elem = find_child(root, "Sources")
    for src in list(sources_elem) if sources_elem is not None else []:
        kind = local_name(src.tag)
        if kind != "TextSource":
            if kind:
                logger.info("%s: skipping %s %r (only text sources are read)", path, kind, src.get("name"))
            continue
        src_keys = source_keys(src)
        name = src_keys[0][1] if src_keys else "unnamed"
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
        raw_sources[name] = raw
        keys[name] = src_keys
        selections.extend(_read_selections(src, name, code_ids, users, path))
    origin = root.get("origin", "")
    choice = choose_unit(raw_sources, [s for s, _ in selections], origin=origin, path=path)
    offsets = {name: OffsetMap.build(raw) for name, raw in raw_sources.items()}
    sources = {name: m.canonical for name, m in offsets.items()}
    checks: list[SelectionCheck] = []
    for (sel, coded), verdict in zip(selections, choice.verdicts, strict=True):
        start, end = (-1, -1)
        if verdict.status != "unplaced":
            start, end = offsets[sel.source].map(verdict.start, verdict.end)
        for c in coded:
            checks.append(
                SelectionCheck(
                    sel.source,
                    c.code,
                    c.user,
                    sel.guid,
                    sel.start,
                    sel.end,
                    start,
                    end,
                    verdict.status,
                    verdict.reason,
                    verdict.detail,
                )
            )
    codings = [c.coding for c in checks if c.placed]
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
        origin=origin,
        code_guids={code_id: guid for guid, code_id in code_ids.items()},
        checks=checks,
        unit=choice.unit.name,
        unit_rule=choice.rule,
        program=choice.program,
        source_keys=keys,
    )
