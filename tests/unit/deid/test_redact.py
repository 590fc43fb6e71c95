"""Redaction: consistent pseudonyms, speaker labels still parse, spans re-anchored exactly."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thematica.deid.model import Finding
from thematica.deid.redact import empty_offset_map, map_span, map_spans, pseudonyms, redact_text
from thematica.errors import ThematicaError
from thematica.ingest.turns import DEFAULT_SPEAKER_PATTERN, parse_turns


def test_same_identifier_same_pseudonym_within_a_transcript():
    text = "Maria Lopez came. Then maria lopez left. Dr. Lopez called 617-555-0134 and (617) 555-0134."
    spans = [(0, 11, "name"), (23, 34, "name"), (45, 50, "name"), (58, 70, "phone"), (75, 89, "phone")]
    found = [Finding(s, e, k, "t") for s, e, k in spans]
    assert [text[s:e] for s, e, _ in spans][-1] == "(617) 555-0134"
    assert pseudonyms(text, found) == ["PERSON_1", "PERSON_1", "PERSON_1", "PHONE_1", "PHONE_1"]


def test_ambiguous_surname_gets_its_own_pseudonym():
    text = "Ann Lee and Tom Lee met Lee."
    found = [Finding(0, 7, "name", "t"), Finding(12, 19, "name", "t"), Finding(24, 27, "name", "t")]
    assert pseudonyms(text, found) == ["PERSON_1", "PERSON_2", "PERSON_3"]


def test_numbering_follows_first_appearance_per_kind():
    text = "Bob, Boston, Ann, Bob, Chicago."
    found = [
        Finding(0, 3, "name", "t"),
        Finding(5, 11, "location", "t"),
        Finding(13, 16, "name", "t"),
        Finding(18, 21, "name", "t"),
        Finding(23, 30, "location", "t"),
    ]
    redacted, _ = redact_text(text, found)
    assert redacted == "[PERSON_1], [LOCATION_1], [PERSON_2], [PERSON_1], [LOCATION_2]."


def test_only_flagged_findings_are_replaced_and_age_is_bucketed():
    text = "MindMate is fine; she is 93 years old."
    found = [Finding(0, 8, "organization", "t", "allowlisted"), Finding(25, 27, "age", "t")]
    redacted, offsets = redact_text(text, found)
    assert redacted == "MindMate is fine; she is [AGE_OVER_89] years old."
    assert len(offsets) == 1


def test_speaker_label_pseudonym_has_no_brackets_and_turns_still_parse():
    text = "Interviewer: Hello?\nMaria Lopez: Hi, I am Maria Lopez.\n"
    found = [Finding(20, 31, "name", "t"), Finding(42, 53, "name", "t")]
    redacted, _ = redact_text(text, found, speaker_pattern=DEFAULT_SPEAKER_PATTERN)
    assert redacted == "Interviewer: Hello?\nPERSON_1: Hi, I am [PERSON_1].\n"
    turns = parse_turns(redacted, transcript="t", interviewer_labels=["Interviewer"])
    assert turns["speaker"].tolist() == ["Interviewer", "PERSON_1"]


def test_overlapping_findings_rejected():
    with pytest.raises(ThematicaError, match="overlap"):
        redact_text("abcdefgh", [Finding(0, 5, "name", "t"), Finding(3, 7, "name", "t")])


def test_nothing_found_is_identity():
    text, offsets = redact_text("Nothing here.", [])
    assert text == "Nothing here." and offsets.empty
    assert map_span(empty_offset_map(), 3, 7) == (3, 7)


def test_map_span_rejects_reversed_span():
    with pytest.raises(ThematicaError, match="ends before it starts"):
        map_span(empty_offset_map(), 9, 3)


@st.composite
def redaction_cases(draw):
    """A random text, non-overlapping findings in it and a span of the original text."""
    text = draw(st.text(alphabet="ab c\n", min_size=1, max_size=80))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12, unique=True)))
    pairs = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if b > a]
    kinds = draw(
        st.lists(st.sampled_from(["name", "phone", "location"]), min_size=len(pairs), max_size=len(pairs))
    )
    found = [Finding(a, b, k, "t") for (a, b), k in zip(pairs, kinds, strict=True)]
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, found, start, end


@settings(max_examples=300, deadline=None)
@given(redaction_cases())
def test_mapped_spans_keep_unredacted_text_and_cover_touched_pseudonyms(case):
    text, found, start, end = case
    redacted, offsets = redact_text(text, found)
    new_start, new_end = map_span(offsets, start, end)
    assert 0 <= new_start <= new_end <= len(redacted)
    touched = [f for f in found if f.start < end and start < f.end]
    if not touched:
        # a span clear of every identifier maps onto the same characters
        assert redacted[new_start:new_end] == text[start:end]
    for row in offsets.itertuples():
        if row.start < end and start < row.end:  # a touched identifier's pseudonym lies wholly inside
            assert new_start <= row.new_start and row.new_end <= new_end
    # every replacement row points at its pseudonym
    for row in offsets.itertuples():
        assert redacted[row.new_start : row.new_end] == row.replacement


@settings(max_examples=100, deadline=None)
@given(redaction_cases())
def test_map_spans_vectorised_equals_one_by_one(case):
    text, found, _start, _end = case
    _redacted, offsets = redact_text(text, found)
    starts = list(range(0, len(text) + 1))
    ends = [min(len(text), s + 3) for s in starts]
    many = map_spans(offsets, starts, ends)
    one = [map_span(offsets, s, e) for s, e in zip(starts, ends, strict=True)]
    assert list(zip(many[0].tolist(), many[1].tolist(), strict=True)) == one


def test_offset_map_roundtrips_through_parquet(tmp_path):
    from thematica.deid.redact import read_offset_map
    from thematica.support.tables import write_parquet

    _text, offsets = redact_text("Ask Maria now", [Finding(4, 9, "name", "t")])
    write_parquet(offsets, tmp_path / "o.parquet")
    write_parquet(empty_offset_map(), tmp_path / "e.parquet")
    assert map_span(read_offset_map(tmp_path / "o.parquet"), 10, 13) == (15, 18)
    assert isinstance(read_offset_map(tmp_path / "e.parquet"), pd.DataFrame)
    assert map_span(read_offset_map(tmp_path / "e.parquet"), 10, 13) == (10, 13)
