"""The QA ledgers on hand-built tables: counts worked out by hand, and each identity made to fail."""

from __future__ import annotations

import pandas as pd
import pytest

from thematica.codes import align_segments, merge_consensus
from thematica.codes.spans_ledger import SPAN_LEDGER_COLUMNS, reconcile_codes
from thematica.errors import ThematicaError
from thematica.segment.ledger import (
    LEDGER_COLUMNS,
    TRANSCRIPT_IDENTITIES,
    build_ledger,
    check_ledger,
    ledger_row,
)
from thematica.support.reconcile import Identity, reconcile

TEXT = "Interviewer: Hi there?\nP01: I am fine. Thanks a lot.\n"


def _span(text: str, piece: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


def _turns(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "transcript": "t01",
                "turn": i,
                "speaker": sp,
                "role": role,
                "start": s,
                "end": e,
                "text": TEXT[s:e],
            }
            for i, (sp, role, s, e) in enumerate(rows)
        ]
    )


def _segments(spans, text: str = TEXT, transcript: str = "t01") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "segment_id": f"{transcript}_s{i:04d}",
                "transcript": transcript,
                "participant_id": "P01",
                "group": "a",
                "turn": 1,
                "start": s,
                "end": e,
                "text": text[s:e],
            }
            for i, (s, e) in enumerate(spans, start=1)
        ]
    )


TURNS = _turns(
    [
        ("Interviewer", "interviewer", *_span(TEXT, "Hi there?")),
        ("P01", "participant", *_span(TEXT, "I am fine. Thanks a lot.")),
    ]
)
SEGMENTS = _segments([_span(TEXT, "I am fine."), _span(TEXT, "Thanks a lot.")])


# --------------------------------------------------------------------------------------------------
# transcript ledger


def test_counts_of_a_hand_checked_transcript():
    row = ledger_row(TEXT, TURNS, SEGMENTS)
    assert list(row) == LEDGER_COLUMNS
    # "Interviewer:" 12 + "Hi there?" 8 + "P01:" 4 + "I am fine. Thanks a lot." 19 non-blank characters
    assert {k: row[k] for k in LEDGER_COLUMNS[3:]} == {
        "turns": 2,
        "interviewer_turns": 1,
        "participant_turns": 1,
        "unattributed_turns": 0,
        "segments": 2,
        "participant_words": 6,
        "chars_in": 43,
        "chars_in_turns": 27,
        "chars_in_labels": 16,
        "chars_participant": 19,
        "chars_segments": 19,
        "chars_segments_in_turns": 19,
        "turn_overlaps": 0,
        "segment_overlaps": 0,
        "text_mismatches": 0,
        "reconciled": True,
    }
    check_ledger(build_ledger([row]))


def _broken(turns=TURNS, segments=SEGMENTS) -> str:
    ledger = build_ledger([ledger_row(TEXT, turns, segments)])
    assert not ledger["reconciled"].iloc[0]
    with pytest.raises(ThematicaError) as err:
        check_ledger(ledger, path="results/s/qa/ledger.csv")
    assert str(err.value).startswith(
        "results/s/qa/ledger.csv: ledger.csv does not reconcile: transcript 't01'"
    )
    return err.value.message


def test_a_dropped_segment_is_named():
    message = _broken(segments=SEGMENTS.iloc[:1])
    assert "all participant speech is in segments (chars_participant = 19, chars_segments = 8)" in message


def test_a_segment_of_interviewer_speech_is_named():
    segments = pd.concat([_segments([_span(TEXT, "Hi there?")]), SEGMENTS], ignore_index=True)
    message = _broken(segments=segments)
    assert (
        "segments hold participant speech only (chars_segments = 27, chars_segments_in_turns = 19)" in message
    )


def test_overlapping_segments_are_named():
    s, e = _span(TEXT, "fine. Thanks")
    message = _broken(segments=pd.concat([SEGMENTS, _segments([(s, e)])], ignore_index=True))
    assert "segments do not overlap (segment_overlaps = 2, 0 = 0)" in message


def test_a_turn_without_a_known_role_is_named():
    turns = TURNS.assign(role=["interviewer", "observer"])
    message = _broken(turns=turns)
    roles = "interviewer_turns + participant_turns + unattributed_turns"
    assert f"every turn has a role (turns = 2, {roles} = 1)" in message


def test_overlapping_turns_and_wrong_texts_are_named():
    turns = TURNS.copy()
    turns.loc[0, "end"] = turns.loc[1, "start"] + 2  # the interviewer's turn runs into P01's
    message = _broken(turns=turns)
    assert "turns do not overlap" in message
    assert "every character is in a turn or a speaker label" in message
    assert "turn and segment texts are the canonical text at their offsets (text_mismatches = 1" in message


def test_reconcile_lists_at_most_five_rows():
    table = pd.DataFrame({"k": list("abcdefg"), "x": [1] * 7, "y": [0] * 7})
    with pytest.raises(ThematicaError, match=r"k 'e': x equals y \(x = 1, y = 0\); and 2 more"):
        reconcile(table, [Identity("x equals y", ("x",), ("y",))], key=["k"], name="t")
    reconcile(table.assign(y=1), [Identity("x equals y", ("x",), ("y",))], key=["k"], name="t")


def test_identities_name_existing_columns():
    for identity in TRANSCRIPT_IDENTITIES:
        assert set(identity.left) | set(identity.right) <= set(LEDGER_COLUMNS)


# --------------------------------------------------------------------------------------------------
# span ledger

STUDY_TEXT = "Interviewer: What helps?\nP01: The app helps me sleep. I like the reminders a lot.\n"
BOOK = pd.DataFrame({"code": ["sleep", "reminders"]})
SEGS = _segments(
    [_span(STUDY_TEXT, "The app helps me sleep."), _span(STUDY_TEXT, "I like the reminders a lot.")],
    STUDY_TEXT,
)
S1, S2 = SEGS["segment_id"]


def _coding(coder, code, piece, source="a.csv", nth=0):
    if piece == "":
        s = e = STUDY_TEXT.index("P01:")
    else:
        s, e = _span(STUDY_TEXT, piece, nth)
    return {"coder": coder, "transcript": "t01", "code": code, "start": s, "end": e, "source": source}


CODINGS = pd.DataFrame(
    [
        _coding("a", "sleep", "The app helps me sleep."),  # aligned
        _coding("a", "sleep", "helps me sleep"),  # aligned (same cell, containment)
        _coding("a", "reminders", "What helps?"),  # interviewer speech
        _coding("a", "reminders", "helps?\nP01: The app"),  # 6 of S1's 19 characters, 6 of its own 16
        _coding("a", "sleep", ""),  # an empty span
        _coding("b", "reminders", "I like the reminders", source="b.qdpx"),
    ]
)
UNPLACED = pd.DataFrame(
    [{"file": "a.csv", "place": "line 7", "coder": "a", "source": "t09", "transcript": None, "code": "sleep"}]
)
IMPORT_LEDGER = pd.DataFrame({"file": ["a.csv", "b.qdpx"], "coder": ["a", "b"], "spans_in": [6, 1]})
SEEN = pd.DataFrame({"coder": ["a", "b"], "transcript": ["t01", "t01"]})


def _study(**changes) -> dict:
    tables = {
        "import_ledger": IMPORT_LEDGER,
        "codings": CODINGS,
        "unplaced": UNPLACED,
        "coder_transcripts": SEEN,
        "codebook": BOOK,
        "segments": SEGS,
        "texts": {"t01": STUDY_TEXT},
    }
    tables.update({k: v for k, v in changes.items() if k not in ("segment_codes", "consensus")})
    sc = changes.get("segment_codes")
    if sc is None:
        sc = align_segments(
            tables["segments"], tables["codings"], tables["coder_transcripts"], BOOK, tables["texts"]
        )
    tables["segment_codes"] = sc
    tables["consensus"] = changes.get("consensus", merge_consensus(sc, rule="majority", ties="applied"))
    return tables


def test_every_span_and_aligned_code_is_accounted_for():
    result = reconcile_codes(**_study())
    assert list(result.ledger.columns) == SPAN_LEDGER_COLUMNS
    rows = result.ledger.set_index(["coder", "transcript"])
    assert rows.drop(columns="reconciled").astype(int).to_dict("index") == {
        ("a", ""): dict(
            seen=0, spans_placed=0, spans_unplaced=1, spans_aligned=0, spans_unaligned=0,
            spans_out_of_range=0, segments=0,
            segment_code_rows=0, expected_rows=0, codes_applied=0, codes_applied_with_span=0,
        ),
        ("a", "t01"): dict(
            seen=1, spans_placed=5, spans_unplaced=0, spans_aligned=2, spans_unaligned=3,
            spans_out_of_range=0, segments=2,
            segment_code_rows=4, expected_rows=4, codes_applied=1, codes_applied_with_span=1,
        ),
        ("b", "t01"): dict(
            seen=1, spans_placed=1, spans_unplaced=0, spans_aligned=1, spans_unaligned=0,
            spans_out_of_range=0, segments=2,
            segment_code_rows=4, expected_rows=4, codes_applied=1, codes_applied_with_span=1,
        ),
    }  # fmt: skip
    assert rows["reconciled"].all()
    unaligned = result.unaligned
    assert unaligned[["coder", "code", "reason"]].values.tolist() == [
        ["a", "reminders", "outside_participant_speech"],
        ["a", "reminders", "below_threshold"],
        ["a", "sleep", "blank"],
    ]
    assert unaligned["detail"].iloc[1] == f"touches 1 segment(s); at most 32% of {S1} (38% of the span)"


def test_a_coder_who_saw_a_transcript_but_coded_nothing_has_rows_of_zeros():
    seen = pd.concat([SEEN, pd.DataFrame({"coder": ["c"], "transcript": ["t01"]})], ignore_index=True)
    ledger = reconcile_codes(**_study(coder_transcripts=seen)).ledger.set_index(["coder", "transcript"])
    assert ledger.loc[
        ("c", "t01"), ["seen", "spans_placed", "segment_code_rows", "codes_applied"]
    ].tolist() == [
        1,
        0,
        4,
        0,
    ]


def _fails(**changes) -> str:
    with pytest.raises(ThematicaError) as err:
        reconcile_codes(**_study(**changes))
    return err.value.message


def test_a_span_dropped_after_import_is_named():
    message = _fails(codings=CODINGS.iloc[1:])
    assert message.startswith(
        "codes_ledger.csv does not reconcile: file 'a.csv', coder 'a': every span read from an export is in "
        "codings.parquet or codes_unplaced.csv (spans_in = 6, spans_in_codings + spans_in_unplaced = 5)"
    )


def test_a_missing_segment_codes_row_is_named():
    sc = align_segments(SEGS, CODINGS, SEEN, BOOK, {"t01": STUDY_TEXT}).iloc[1:]
    message = _fails(segment_codes=sc)
    assert (
        "spans_ledger.csv does not reconcile: coder 'a', transcript 't01': one segment_codes row per"
        in message
    )
    assert "(segment_code_rows = 3, expected_rows = 4)" in message


def test_rows_for_a_coder_who_never_saw_the_transcript_are_named():
    sc = align_segments(SEGS, CODINGS, SEEN, BOOK, {"t01": STUDY_TEXT})
    extra = sc.loc[sc["coder"] == "b"].assign(coder="z", applied=0)
    message = _fails(segment_codes=pd.concat([sc, extra], ignore_index=True))
    assert "coder 'z', transcript 't01': one segment_codes row per segment and code" in message
    assert "(segment_code_rows = 4, expected_rows = 0)" in message


def test_an_applied_code_without_a_span_is_named():
    sc = align_segments(SEGS, CODINGS, SEEN, BOOK, {"t01": STUDY_TEXT})
    sc.loc[(sc["coder"] == "b") & (sc["code"] == "sleep") & (sc["segment_id"] == S1), "applied"] = 1
    message = _fails(segment_codes=sc)
    assert "coder 'b', transcript 't01': every applied code rests on a span of its coder and code" in message
    assert "(codes_applied = 2, codes_applied_with_span = 1)" in message


def test_a_span_marking_nothing_is_listed_not_lost():
    sc = align_segments(SEGS, CODINGS, SEEN, BOOK, {"t01": STUDY_TEXT})
    sc.loc[sc["coder"] == "b", "applied"] = 0  # b's span no longer supports any applied code
    result = reconcile_codes(**_study(segment_codes=sc))
    assert result.unaligned.loc[result.unaligned["coder"] == "b", "reason"].tolist() == ["below_threshold"]


def test_a_span_of_an_unassigned_coder_is_listed():
    result = reconcile_codes(**_study(coder_transcripts=SEEN.iloc[:1]))
    assert result.unaligned.loc[result.unaligned["coder"] == "b", "reason"].tolist() == ["not_seen"]


def test_consensus_that_does_not_add_up_is_named():
    sc = align_segments(SEGS, CODINGS, SEEN, BOOK, {"t01": STUDY_TEXT})
    consensus = merge_consensus(sc, rule="majority", ties="applied")
    message = _fails(segment_codes=sc, consensus=consensus.assign(n_applied=0))
    assert message.startswith(
        "consensus.parquet does not reconcile: transcript 't01': n_applied counts the coders' applied codes "
        "(n_applied = 0, codes_applied = 2)"
    )
    message = _fails(segment_codes=sc, consensus=consensus.iloc[1:])
    assert "one consensus row per coded segment and code (consensus_rows = 3, expected_rows = 4)" in message


def test_rows_naming_unknown_segments_are_named():
    sc = align_segments(SEGS, CODINGS, SEEN, BOOK, {"t01": STUDY_TEXT})
    ghost = sc.iloc[:2].assign(segment_id="t01_s0099", coder="b")
    message = _fails(segment_codes=pd.concat([sc, ghost], ignore_index=True))
    assert "transcript '(unknown segments)': segment_codes and consensus name only known segments" in message


def test_a_span_outside_the_text_is_named():
    codings = CODINGS.copy()
    codings.loc[5, "end"] = len(STUDY_TEXT) + 3
    sc = align_segments(SEGS, CODINGS, SEEN, BOOK, {"t01": STUDY_TEXT})
    message = _fails(codings=codings, segment_codes=sc)
    assert "coder 'b', transcript 't01': every placed span lies inside its transcript's text" in message
    assert "(spans_out_of_range = 1, 0 = 0)" in message


def test_a_transcript_without_text_is_a_clear_error():
    tables = _study()
    with pytest.raises(ThematicaError, match="no canonical text for transcript 't01'"):
        reconcile_codes(**(tables | {"texts": {}}))
