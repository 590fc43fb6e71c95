"""The finding: one possible identifier in a transcript's canonical text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Kind = Literal[
    "email",
    "url",
    "record_number",
    "phone",
    "address",
    "postcode",
    "age",
    "date",
    "name",
    "facility",
    "location",
    "organization",
]
#: Kinds of identifier, in the order used to label a span that several detectors found (most specific first).
KINDS: tuple[str, ...] = get_args(Kind)
#: ``flagged`` findings count against the gate; ``allowlisted`` ones matched the study's allowlist.
Status = Literal["flagged", "allowlisted"]
#: What the gate does with flagged findings.
Policy = Literal["fail", "warn", "redact"]
POLICIES = ("fail", "warn", "redact")


@dataclass(frozen=True)
class Finding:
    """A possible identifier.

    Attributes
    ----------
    start, end
        Code-point offsets into the canonical text (end exclusive).
    kind
        One of :data:`KINDS`.
    detector
        What found it: ``pattern:<name>`` or ``ner:<spaCy label>``; several joined by ``+``.
    status
        ``flagged`` or ``allowlisted``.
    """

    start: int
    end: int
    kind: str
    detector: str
    status: str = "flagged"
