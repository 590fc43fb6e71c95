"""REFI-QDA records (codes, codings, projects), namespaces and the writers' stable GUIDs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:thematica:refi-qda")


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


def stable_guid(kind: str, key: str) -> str:
    """Return the writers' GUID for the ``kind`` of thing identified by ``key``."""
    return str(uuid.uuid5(_GUID_NAMESPACE, f"{kind}\x1f{key}")).upper()


def code_guid(code: str) -> str:
    """Return the GUID the writers give to the code with identifier ``code``.

    Examples
    --------
    >>> code_guid("trust") == code_guid("trust") != code_guid("Trust")
    True
    """
    return stable_guid("code", code)


def source_guid(source: str) -> str:
    """Return the GUID the writers give to the source named ``source``."""
    return stable_guid("source", source)


def user_guid(user: str) -> str:
    """Return the GUID the writers give to the user named ``user``."""
    return stable_guid("user", user)


def norm_guid(value: str) -> str:
    """Return ``value`` as a comparable GUID: no braces or spaces, lower case."""
    return value.strip().strip("{}").lower()
