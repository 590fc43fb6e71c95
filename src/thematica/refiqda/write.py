"""Byte-deterministic writers for REFI-QDA codebooks (.qdc) and projects (.qdpx)."""

from __future__ import annotations

import io
import logging
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from pathlib import Path

from thematica.errors import ThematicaError
from thematica.refiqda.archive import zip_info
from thematica.refiqda.codebook import codes_element
from thematica.refiqda.model import (
    CODEBOOK_NS,
    PROJECT_NS,
    Code,
    Coding,
    code_guid,
    source_guid,
    stable_guid,
    user_guid,
)
from thematica.refiqda.units import WRITE_UNITS, count_positions, origin_for
from thematica.refiqda.xmlutil import check_xml_text, xml_bytes

logger = logging.getLogger(__name__)


def codebook_xml(codes: list[Code], *, origin: str = "thematica", path: str | Path = "<codebook>") -> bytes:
    """Return the bytes of a REFI-QDA codebook (``.qdc``) for ``codes``."""
    path = Path(path)
    if not codes:
        raise ThematicaError("there are no codes to write; a REFI-QDA codebook needs at least one", path=path)
    root = ET.Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": origin})
    root.append(codes_element(codes, path))
    return xml_bytes(root)


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
    for_program: str = "refi-qda",
    path: str | Path = "<project>",
) -> bytes:
    """Return the bytes of ``project.qde`` for :func:`write_qdpx` (same parameters)."""
    path = Path(path)
    if for_program not in WRITE_UNITS:
        raise ThematicaError(
            f"cannot write positions for {for_program!r}; use one of {', '.join(WRITE_UNITS)}", path=path
        )
    unit = WRITE_UNITS[for_program]
    user_names = list(dict.fromkeys(users))
    checked = _check_codings(codings, sources, {c.code for c in codes}, set(user_names), path)
    root = ET.Element(
        "Project",
        {
            "xmlns": PROJECT_NS,
            "name": check_xml_text(project_name, "the project name", path),
            "origin": origin_for(for_program, origin),
        },
    )
    if user_names:
        users_elem = ET.SubElement(root, "Users")
        for name in user_names:
            ET.SubElement(
                users_elem,
                "User",
                {"guid": user_guid(name), "name": check_xml_text(name, f"user name {name!r}", path)},
            )
    if codes:
        codebook = ET.SubElement(root, "CodeBook")
        codebook.append(codes_element(codes, path))
    if sources:
        sources_elem = ET.SubElement(root, "Sources")
        by_source: dict[str, list[Coding]] = {}
        for c in checked:
            by_source.setdefault(c.source, []).append(c)
        for name in sorted(sources):
            guid = source_guid(name)
            positions = count_positions(sources[name], unit) if by_source.get(name) else None
            src = ET.SubElement(
                sources_elem,
                "TextSource",
                {
                    "guid": guid,
                    "name": check_xml_text(name, f"source name {name!r}", path),
                    "plainTextPath": f"internal://{guid}.txt",
                },
            )
            for c in by_source.get(name, []):
                key = f"{c.source}\x1f{c.code}\x1f{c.start}\x1f{c.end}\x1f{c.user}"
                sel = ET.SubElement(
                    src,
                    "PlainTextSelection",
                    {
                        "guid": stable_guid("selection", key),
                        "name": check_xml_text(
                            sources[name][c.start : c.end], f"text of a coding in {name!r}", path
                        ),
                        "startPosition": str(positions[c.start]),
                        "endPosition": str(positions[c.end]),
                        "creatingUser": user_guid(c.user),
                    },
                )
                coding = ET.SubElement(
                    sel, "Coding", {"guid": stable_guid("coding", key), "creatingUser": user_guid(c.user)}
                )
                ET.SubElement(coding, "CodeRef", {"targetGUID": code_guid(c.code)})
    return xml_bytes(root)


def write_qdpx(
    path: str | Path,
    *,
    project_name: str,
    sources: dict[str, str],
    codes: list[Code],
    codings: list[Coding],
    users: list[str],
    origin: str = "thematica",
    for_program: str = "refi-qda",
    validate: bool = False,
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
        Value of the project's ``origin`` attribute; a ``for_program`` other
        than ``refi-qda`` adds "(positions for <program>)" to it, so that
        thematica reads the positions back in their unit.
    for_program
        The program that will open the file, which decides what positions count
        (:data:`thematica.refiqda.units.WRITE_UNITS`): ``refi-qda`` (code points,
        as the standard, QualCoder and MAXQDA read them), ``nvivo`` (UTF-16 code
        units, a BOM not counted) or ``atlas.ti`` (a CRLF line break counted as
        one). Each selection carries its text as its ``name``, so any reader can
        check what it marks.
    validate
        Check the project document against REFI-QDA's ``Project.xsd`` before anything is written
        (:func:`thematica.refiqda.validate.validate_project_xml`).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ThematicaError
        If a coding names an unknown source, code or user, has offsets outside
        its source, the codebook is inconsistent or ``for_program`` is unknown; with
        ``validate``, if the document does not validate.
    """
    path = Path(path)
    qde = project_xml(
        project_name=project_name,
        sources=sources,
        codes=codes,
        codings=codings,
        users=users,
        origin=origin,
        for_program=for_program,
        path=path,
    )
    if validate:
        from thematica.refiqda.validate import validate_project_xml

        validate_project_xml(qde, name=str(path))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zip_info("project.qde"), qde, compresslevel=6)
        for name in sorted(sources):
            archive.writestr(
                zip_info(f"sources/{source_guid(name)}.txt"), sources[name].encode("utf-8"), compresslevel=6
            )
    path.write_bytes(buffer.getvalue())
    logger.info("wrote %d sources and %d codings to %s", len(sources), len(codings), path)
    return path
