"""Place raw export spans on transcripts: match source names, then re-anchor or locate the text.

Source names
    A ``.qdpx`` source is tried by its ``name``, then the stem of its ``plainTextPath``, then of its
    ``richTextPath``, then its GUID (the ledger's ``source_match`` says which matched). Each of those
    (or a CSV's ``transcript`` value) names a transcript when it equals, in this
    order, a transcript id, a participant id, or either of them compared loosely: case-folded, a
    file suffix such as ``.txt``/``.docx`` dropped, runs of other characters read as ``_`` and
    numbers without leading zeros (``Interview 1.docx`` names ``interview_01``). Each step must
    give a single transcript. A source that names none is listed in QA (``unknown_source``).

Offsets (how a placed span got its place, the ledger's ``method``)
    ``offsets``
        A CSV's offsets, or a ``.qdpx`` whose source text equals the canonical transcript text
        (after the reader's BOM/CRLF/NFC re-anchoring); a CSV quote given with the offsets must
        match the text there (after folding, see :mod:`thematica.codes.locate`).
    ``reanchored``
        The export's text differs from the transcript only in normalisation: whitespace (line
        breaks, doubled spaces, a docx's blank lines), quote marks, dashes, case, compatibility
        characters, or the stored text had a BOM, CRLF or decomposed characters. Offsets are
        mapped character by character through the folded texts, which are identical.
    ``located``
        The export's text differs otherwise (the transcript was edited after coding), or the export
        gives a quote: the coded text is searched in the transcript. A ``.qdpx`` coding whose text
        occurs several times is disambiguated with the export's surrounding text (16, 64, 256, then
        1024 characters each side); a quote without context must occur exactly once.

Verified or not (the ledger's ``spans_verified`` and ``spans_unverifiable``)
    A placement is verified when the export carries the coded text and it matches what the span
    marks: a CSV quote, or a ``.qdpx`` selection's text (:mod:`thematica.refiqda.verify`). CSV offsets
    without a quote, and ``.qdpx`` selections that carry no text (NVivo's), are unverifiable: placed
    by their offsets, in the unit the export's selections verified under.

Unplaced (listed in ``results/<study>/qa/codes_unplaced.csv``, never dropped silently)
    ``unknown_source``, ``quote_not_found``, ``quote_ambiguous``, ``text_not_found``,
    ``text_ambiguous``, ``blank_span`` (the coded text is only whitespace), and from the ``.qdpx``
    reader ``text_mismatch`` (the selection's text is not what its positions mark) and
    ``outside_text`` (its positions do not fit the stored text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from thematica.codes.locate import Folded, find_all, fold, locate_quote
from thematica.codes.raw_spans import Export, RawSpan
from thematica.errors import ThematicaError
from thematica.ingest.formats.registry import supported_suffixes

Method = Literal["offsets", "reanchored", "located"]
_SUFFIXES = (*supported_suffixes(), ".doc", ".rtf", ".odt", ".pdf", ".htm", ".html")
_CONTEXT = (16, 64, 256, 1024)


def loose_name(name: str) -> str:
    """Normalise a source or transcript name for loose matching.

    Examples
    --------
    >>> loose_name("Interview 1.docx"), loose_name("interview_01")
    ('interview_1', 'interview_1')
    """
    name = name.strip()
    for suffix in _SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    name = re.sub(r"[\W_]+", "_", name.casefold()).strip("_")
    return re.sub(r"\d+", lambda m: str(int(m.group())), name)


class TranscriptIndex:
    """The study's canonical transcript texts, looked up by the names exports use.

    Parameters
    ----------
    texts
        Transcript id -> canonical text.
    participants
        Transcript id -> participant id (optional; lets exports name sources by participant).
    """

    def __init__(self, texts: dict[str, str], participants: dict[str, str] | None = None) -> None:
        self.texts = texts
        participants = participants or {}
        levels: list[list[tuple[str, str]]] = [
            [(t, t) for t in texts],
            [(p, t) for t, p in participants.items() if t in texts],
            [(loose_name(t), t) for t in texts],
            [(loose_name(p), t) for t, p in participants.items() if t in texts],
        ]
        self._levels = []
        for i, pairs in enumerate(levels):
            found: dict[str, set[str]] = {}
            for key, t in pairs:
                found.setdefault(key, set()).add(t)
            self._levels.append((i >= 2, {k: next(iter(v)) for k, v in found.items() if len(v) == 1}))
        self._folded: dict[str, Folded] = {}

    def match(self, name: str) -> str | None:
        """The transcript an export's source name refers to, or None."""
        for loose, table in self._levels:
            hit = table.get(loose_name(name) if loose else name.strip())
            if hit is not None:
                return hit
        return None

    def folded(self, transcript: str) -> Folded:
        if transcript not in self._folded:
            self._folded[transcript] = fold(self.texts[transcript])
        return self._folded[transcript]


@dataclass(frozen=True)
class Placement:
    """Where a raw span landed: a transcript span and a method, or a reason it could not be placed."""

    transcript: str | None
    start: int = -1
    end: int = -1
    method: Method | None = None
    reason: str = ""
    detail: str = ""
    verified: bool = False
    matched_by: str = ""

    @property
    def placed(self) -> bool:
        return self.method is not None


class Anchorer:
    """Place the spans of one export on the study's transcripts (see the module docstring)."""

    def __init__(self, export: Export, index: TranscriptIndex) -> None:
        self.export = export
        self.index = index
        self._folded: dict[str, Folded] = {}
        self._same: dict[tuple[str, str], str] = {}

    def _source_folded(self, source: str) -> Folded:
        if source not in self._folded:
            self._folded[source] = fold(self.export.sources[source])
        return self._folded[source]

    def _relation(self, source: str, transcript: str) -> str:
        """``equal``, ``normalised`` (equal once folded) or ``different``."""
        key = (source, transcript)
        if key not in self._same:
            text = self.export.sources[source]
            canonical = self.index.texts[transcript]
            if text == canonical:
                relation = "equal"
            elif self._source_folded(source).text == self.index.folded(transcript).text:
                relation = "normalised"
            else:
                relation = "different"
            self._same[key] = relation
        return self._same[key]

    def _match(self, span: RawSpan) -> tuple[str | None, str]:
        """The transcript a span's source names and the rule that matched it."""
        for rule, key in span.source_keys or (("transcript", span.source),):
            transcript = self.index.match(key)
            if transcript is not None:
                return transcript, rule
        return None, ""

    def place(self, span: RawSpan) -> Placement:
        """Place one span; raise for offsets that do not fit a CSV's transcript."""
        transcript, rule = self._match(span)
        if transcript is None:
            tried = " or ".join(repr(key) for _, key in span.source_keys) or repr(span.source)
            return Placement(None, reason="unknown_source", detail=f"no transcript is named {tried}")
        where = self._place(span, transcript)
        return replace(where, matched_by=rule)

    def _place(self, span: RawSpan, transcript: str) -> Placement:
        if self.export.kind == "qdpx":
            if span.reason:
                return Placement(transcript, reason=span.reason, detail=span.detail)
            return replace(self._place_qdpx(span, transcript), verified=span.status == "verified")
        text = self.index.texts[transcript]
        if span.start is not None and span.end is not None:
            if not span.end <= len(text):
                raise ThematicaError(
                    f"offsets {span.start}..{span.end} lie outside transcript {transcript!r} "
                    f"({len(text)} characters); offsets count code points of the canonical text "
                    f"(data/processed/<study>/text/{transcript}.txt), 0-based, end exclusive",
                    path=self.export.path,
                    line=span.line,
                )
            if span.text is None:
                return Placement(transcript, span.start, span.end, "offsets")
            if fold(text[span.start : span.end]).text == fold(span.text).text:
                return Placement(transcript, span.start, span.end, "offsets", verified=True)
        loc = locate_quote(span.text or "", self.index.folded(transcript))
        if loc.found:
            return Placement(transcript, loc.start, loc.end, "located", verified=True)
        reason = {"not_found": "quote_not_found", "ambiguous": "quote_ambiguous", "empty": "blank_span"}
        return Placement(transcript, reason=reason[loc.outcome], detail=_candidates(loc.candidates))

    def _place_qdpx(self, span: RawSpan, transcript: str) -> Placement:
        source = span.source
        start, end = int(span.start or 0), int(span.end or 0)
        relation = self._relation(source, transcript)
        if relation == "equal":
            method: Method = "reanchored" if source in self.export.renormalised else "offsets"
            return Placement(transcript, start, end, method)
        src = self._source_folded(source)
        i, j = src.index_range(start, end)
        if relation == "normalised":
            target = self.index.folded(transcript)
            if i < j:
                s, e = target.span(i, j)
            else:  # an empty or blank span: keep its position
                s = e = int(target.starts[i]) if i < len(target.starts) else len(self.index.texts[transcript])
            return Placement(transcript, s, e, "reanchored")
        if i >= j:
            return Placement(transcript, reason="blank_span", detail="the coded text is only whitespace")
        return self._locate_in_context(src, i, j, transcript)

    def _locate_in_context(self, src: Folded, i: int, j: int, transcript: str) -> Placement:
        target = self.index.folded(transcript)
        needle = src.text[i:j]
        hits = find_all(target.text, needle)
        if len(hits) == 1:
            return Placement(transcript, *target.span(hits[0], hits[0] + len(needle)), "located")
        if not hits:
            return Placement(
                transcript, reason="text_not_found", detail="the coded text is not in the transcript"
            )
        n = len(src.text)
        for k in _CONTEXT:
            lo, hi = max(0, i - k), min(n, j + k)
            for a, b in ((lo, hi), (lo, j), (i, hi)):
                found = find_all(target.text, src.text[a:b])
                if len(found) == 1:
                    pos = found[0] + (i - a)
                    return Placement(transcript, *target.span(pos, pos + len(needle)), "located")
        starts = tuple(int(target.starts[h]) for h in hits)
        return Placement(transcript, reason="text_ambiguous", detail=_candidates(starts))


def _candidates(starts: tuple[int, ...]) -> str:
    if not starts:
        return ""
    shown = ", ".join(str(s) for s in starts[:5])
    more = f" and {len(starts) - 5} more" if len(starts) > 5 else ""
    return f"{len(starts)} occurrences, at offsets {shown}{more}"
