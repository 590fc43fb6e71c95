"""Deidentification gate: find personal identifiers in transcripts, then stop, warn or redact.

Modules
-------
``model``
    :class:`Finding`, :data:`KINDS`, :data:`POLICIES`.
``patterns``
    Regular expressions: e-mail, URLs, phone numbers, record and other ID numbers, street
    addresses, postcodes, ages over 89, calendar dates.
``ner``
    spaCy named entities: people, places, facilities, organisations, dates.
``clean``
    What a finding may hold and still be clean: placeholders, pseudonyms, masks, neutral words.
``allowlist``
    A study's :class:`Allowlist` of known false positives (:func:`read_allowlist`); the suggested one.
``scan``
    :func:`scan_text` combines both detectors; clean findings are dropped, allowlisted ones kept apart.
``redact``
    :func:`redact_text` (consistent pseudonyms per transcript) and :func:`map_span` /
    :func:`map_spans` to move spans of the original text onto the redacted one.
``report``
    Findings tables with masked excerpts; the study report.
``messages``
    What the gate says of flagged findings: one masked line each; the message that stops a run.
``study``
    The workflow's entry (every deid script calls it): scan and gather the report, apply the policy, the
    named entities per transcript, the offset maps of redacted transcripts.

The planted-identifier corpus that measures the scan is :mod:`thematica.evaluation.planted_pii`.
"""

from thematica.support.lazy import lazy_exports

__all__ = [
    "KINDS",
    "POLICIES",
    "Allowlist",
    "Finding",
    "map_span",
    "map_spans",
    "mask",
    "read_allowlist",
    "read_offset_map",
    "redact_text",
    "scan_text",
]

# names load from their submodules on first use (thematica.support.lazy)
__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "KINDS": "model",
        "POLICIES": "model",
        "Finding": "model",
        "map_span": "redact",
        "map_spans": "redact",
        "read_offset_map": "redact",
        "redact_text": "redact",
        "mask": "report",
        "Allowlist": "allowlist",
        "read_allowlist": "allowlist",
        "scan_text": "scan",
    },
)
