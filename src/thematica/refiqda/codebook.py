"""The code tree of a codebook: ``<Codes>`` to and from :class:`Code` lists.

:func:`read_code_tree` reads the tree, with each code's ``isCodable`` flag, from a ``.qdc``, a bare
project file or a ``.qdpx`` archive (a ``.qdc`` member if the archive holds one, else the project's
``<CodeBook>``), without reading sources or codings.

The writer names a REFI-QDA code after the code's label and appends a
``[code id: <id>]`` line to its description when the id differs from the label;
the reader takes the id back from that line, else from the name, the
``Parent/Child`` path or the GUID, whichever is unique first.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from thematica.errors import ThematicaError
from thematica.refiqda.model import Code, code_guid, norm_guid
from thematica.refiqda.xmlutil import check_xml_text, find_child, find_children, local_name, parse_xml

logger = logging.getLogger(__name__)
_PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999")
_CODE_ID_LINE = re.compile(r"(?:\r?\n)*\[code id: ([^\]\r\n]+)\]\s*\Z")


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
        "name": check_xml_text(name, f"label of code {code.code!r}", path),
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
        desc.text = check_xml_text(description, f"definition of code {code.code!r}", path)
    for child in children.get(code.code, []):
        elem.append(_code_element(child, children, color, path))
    return elem


def codes_element(codes: list[Code], path: Path) -> ET.Element:
    """Return ``<Codes>`` with themes coloured in turn and children nested in their parents."""
    _, children = _ordered_codes(codes, path)
    codes_elem = ET.Element("Codes")
    for i, theme in enumerate(children.get(None, [])):
        codes_elem.append(_code_element(theme, children, _PALETTE[i % len(_PALETTE)], path))
    return codes_elem


@dataclass(frozen=True)
class _RawCode:
    guid: str
    name: str
    description: str
    parent_guid: str | None
    path: tuple[str, ...]
    codable: bool = True


def _walk_codes(
    elems: Iterable[ET.Element], parent: _RawCode | None, out: list[_RawCode], path: Path
) -> None:
    for elem in elems:
        name = elem.get("name", "")
        guid = norm_guid(elem.get("guid", ""))
        if not guid:
            guid = f"no-guid-{len(out)}"
            logger.warning("%s: code %r has no guid; it cannot be referenced by codings", path, name)
        desc_elem = find_child(elem, "Description")
        raw = _RawCode(
            guid=guid,
            name=name,
            description=(desc_elem.text or "") if desc_elem is not None else "",
            parent_guid=parent.guid if parent else None,
            path=(parent.path if parent else ()) + (name,),
            codable=elem.get("isCodable", "true").strip().lower() not in ("false", "0"),
        )
        out.append(raw)
        _walk_codes(find_children(elem, "Code"), raw, out, path)


def codes_from(codes_elem: ET.Element | None, path: Path) -> tuple[list[Code], dict[str, str]]:
    """Turn a ``<Codes>`` element into codes; also return guid -> code id."""
    codes, ids, _ = _codes_and_raws(codes_elem, path)
    return codes, ids


def _codes_and_raws(
    codes_elem: ET.Element | None, path: Path
) -> tuple[list[Code], dict[str, str], list[_RawCode]]:
    if codes_elem is None:
        return [], {}, []
    raws: list[_RawCode] = []
    _walk_codes(find_children(codes_elem, "Code"), None, raws, path)
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
    return codes, ids, raws


@dataclass(frozen=True)
class CodeTree:
    """The codes of a codebook with their ``isCodable`` flags.

    Attributes
    ----------
    codes
        Codes in pre-order (parents before children), ids as :func:`codes_from` assigns them.
    codable
        Code id -> the ``isCodable`` attribute (True when absent).
    sources
        The files the tree was read from.
    """

    codes: list[Code]
    codable: dict[str, bool] = field(default_factory=dict)
    sources: tuple[Path, ...] = ()


def code_tree_from(codes_elem: ET.Element | None, path: Path) -> CodeTree:
    """Like :func:`codes_from`, keeping each code's ``isCodable`` flag."""
    codes, ids, raws = _codes_and_raws(codes_elem, path)
    return CodeTree(codes, {ids[raw.guid]: raw.codable for raw in raws}, (path,))


def codes_element_of(root: ET.Element, path: Path, what: str) -> ET.Element:
    """The ``<CodeBook><Codes>`` of a codebook or project root; raise naming ``what`` when it has none."""
    book = root if local_name(root.tag) == "CodeBook" else find_child(root, "CodeBook")
    codes_elem = find_child(book, "Codes") if book is not None else None
    if codes_elem is None:
        raise ThematicaError(
            f"{what} (root element <{local_name(root.tag)}>) holds no <CodeBook><Codes>; export the "
            "project with its codebook, or add codebook.csv or a REFI-QDA codebook.qdc to the study",
            path=path,
        )
    return codes_elem


def read_code_tree(path: str | Path) -> CodeTree:
    """Read the code tree of a ``.qdc``, a bare project file (``.qde``/``.xml``) or a ``.qdpx``.

    In a ``.qdpx`` the tree comes from a ``.qdc`` member when the archive holds exactly one, else
    from the project file's ``<CodeBook><Codes>``. Sources, selections and codings are not read.

    Raises
    ------
    ThematicaError
        If the file cannot be read, is not XML (or not a zip, for a ``.qdpx``), holds several
        ``.qdc`` members or has no ``<CodeBook><Codes>``.
    """
    from thematica.refiqda.archive import Archive

    path = Path(path)
    if path.suffix.lower() == ".qdpx":
        archive = Archive(path)
        try:
            qdcs = [n for n in archive.names if n.lower().endswith(".qdc") and not n.startswith("__MACOSX/")]
            if len(qdcs) > 1:
                raise ThematicaError(
                    f"the archive holds several codebooks ({', '.join(sorted(qdcs))}); keep one",
                    path=path,
                )
            member = qdcs[0] if qdcs else archive.project_member()
            data = archive.read(member)
        finally:
            archive.close()
        what = f"member {member}"
    else:
        member = ""
        what = "the codebook"
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ThematicaError(
                f"cannot read the codebook ({exc.strerror}); check the path", path=path
            ) from None
    codes_elem = codes_element_of(parse_xml(data, path=path, what=what), path, what)
    tree = code_tree_from(codes_elem, path)
    logger.info("read %d codes from %s%s", len(tree.codes), path.name, f" ({member})" if member else "")
    return tree


def union_code_trees(trees: list[CodeTree]) -> CodeTree:
    """Merge code trees: a code id seen before counts once (its first parent, label and flag win).

    Codes keep the pre-order of the merged tree: a new code follows the siblings it had in the
    file that brought it.
    """
    first: dict[str, Code] = {}
    codable: dict[str, bool] = {}
    children: dict[str | None, list[str]] = {}
    for tree in trees:
        for code in tree.codes:
            known = first.get(code.code)
            if known is None:
                first[code.code] = code
                codable[code.code] = tree.codable.get(code.code, True)
                children.setdefault(code.parent, []).append(code.code)
            elif known.parent != code.parent:
                logger.warning(
                    "%s: code %r sits under %r here but under %r in an earlier file; the first is kept",
                    tree.sources[0] if tree.sources else "?",
                    code.code,
                    code.parent,
                    known.parent,
                )
    ordered: list[Code] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        code_id = stack.pop()
        ordered.append(first[code_id])
        stack.extend(reversed(children.get(code_id, [])))
    sources = tuple(p for tree in trees for p in tree.sources)
    return CodeTree(ordered, {c.code: codable[c.code] for c in ordered}, sources)
