"""Validation of REFI-QDA project XML against the bundled ``Project.xsd``."""

from __future__ import annotations

import functools
import io
import xml.etree.ElementTree as ET
from pathlib import Path

from thematica.errors import ThematicaError

PROJECT_XSD = Path(__file__).resolve().parent.parent / "data" / "refi-qda-project.xsd"
"""The REFI-QDA ``Project.xsd`` shipped with thematica (MIT-licensed copy)."""


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
    xml_bytes: bytes,
    xsd_path: str | Path = PROJECT_XSD,
    *,
    name: str = "project.qde",
    max_errors: int = 5,
) -> None:
    """Validate a REFI-QDA project XML document against ``Project.xsd``.

    Parameters
    ----------
    xml_bytes
        The document.
    xsd_path
        Path of the REFI-QDA ``Project.xsd``; defaults to the bundled copy
        :data:`PROJECT_XSD`.
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
