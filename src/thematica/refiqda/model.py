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
    checks
        Every coding read, placed or not, with its verification (:class:`SelectionCheck`).
    unit, unit_rule, program
        The position unit the selections were read in, how it was chosen and the program the
        ``origin`` names (:mod:`thematica.refiqda.verify`).
    source_keys
        Source name -> ``(rule, name)`` pairs it may match a transcript by, best first.
    """

    sources: dict[str, str]
    codes: list[Code]
    codings: list[Coding]
    users: dict[str, str]
    raw_sources: dict[str, str]
    name: str = ""
    origin: str = ""
    code_guids: dict[str, str] = field(default_factory=dict)
    checks: list[SelectionCheck] = field(default_factory=list)
    unit: str = "codepoint"
    unit_rule: str = ""
    program: str = ""
    source_keys: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class SelectionCheck:
    """One coding of an export and what its verification found.

    Attributes
    ----------
    source, code, user
        Source name, code id and coder.
    selection
        The selection's GUID.
    position_start, position_end
        The positions as the export states them (in its unit).
    start, end
        Offsets into the canonical source text; -1 when unplaced.
    status
        ``verified`` (the selected text the export carries matches), ``unverifiable`` (it carries
        none) or ``unplaced``.
    reason, detail
        Why it is unplaced (``text_mismatch``, ``outside_text``) and what was found.
    """

    source: str
    code: str
    user: str
    selection: str
    position_start: int
    position_end: int
    start: int
    end: int
    status: str
    reason: str = ""
    detail: str = ""

    @property
    def placed(self) -> bool:
        return self.status != "unplaced"

    @property
    def coding(self) -> Coding:
        return Coding(self.source, self.code, self.start, self.end, self.user)


def stable_guid(kind: str, key: str) -> str:
    """Return the writers' GUID for the ``kind`` of thing identified by ``key``."""
    return str(uuid.uuid5(_GUID_NAMESPACE, f"{kind}\x1f{key}"))


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
