"""ElementTree helpers: checked text, deterministic serialisation and namespace-blind lookup."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from thematica.errors import ThematicaError

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_xml_text(value: str, what: str, path: Path) -> str:
    """Return ``value``, or raise if it holds a character XML 1.0 cannot represent."""
    match = _XML_ILLEGAL.search(value)
    if match:
        raise ThematicaError(
            f"{what} contains the character U+{ord(match.group()):04X}, which XML cannot hold; remove it",
            path=path,
        )
    return value


def xml_bytes(root: ET.Element) -> bytes:
    """Serialise ``root`` indented, with an XML declaration, as UTF-8."""
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def local_name(tag: object) -> str:
    """Return a tag without its ``{namespace}``; "" for comments and processing instructions."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def find_children(elem: ET.Element, name: str) -> list[ET.Element]:
    """Return the children of ``elem`` with local name ``name``, in any namespace."""
    return [child for child in elem if local_name(child.tag) == name]


def find_child(elem: ET.Element, name: str) -> ET.Element | None:
    """Return the first child of ``elem`` with local name ``name``, or None."""
    found = find_children(elem, name)
    return found[0] if found else None


def parse_xml(data: bytes, *, path: Path, what: str) -> ET.Element:
    """Parse ``data``, turning any parse failure into a :class:`ThematicaError` about ``what``."""
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
