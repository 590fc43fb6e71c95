"""Nothing lost: the ledgers reconcile on the demo studies and on malformed input that is accepted.

Malformed input either stops with a ThematicaError (tests/robustness/test_malformed.py) or is read
with a warning; in the second case every turn, segment, coded span and aligned code must still be
accounted for. The pipeline's stages run here at library level (as the workflow's scripts call them)
so that the demo studies reconcile in seconds without Snakemake.
"""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.conftest import RAW, REPO, SAMPLES, only_thematica_errors, sample_bytes, written
from tests.unit.codes.fixtures import EXPORTS, MINI, atlas_qdpx, mini_texts, nvivo_qdpx
from thematica.codes import align_segments, find_code_files, import_codes, merge_consensus, read_codebook
from thematica.codes.spans_ledger import reconcile_codes
from thematica.ingest.folder import load_study
from thematica.ingest.study import read_source, transcript_turns
from thematica.ingest.turns import DEFAULT_SPEAKER_PATTERN
from thematica.segment.ledger import build_ledger, check_ledger, ledger_row
from thematica.segment.sentences import segment_turns

CONFIG = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
ALIGN = {k: CONFIG["codes"][k] for k in ("min_overlap", "min_span_share")}


def _turns_and_segments(canonical: str, transcript: str, labels, pattern=DEFAULT_SPEAKER_PATTERN):
    turns = transcript_turns(
        canonical, transcript=transcript, interviewer_labels=labels, speaker_pattern=pattern, path=transcript
    )
    segments = segment_turns(
        turns, canonical, participant_id="P01", group="a", min_words=CONFIG["segment"]["min_words"]
    )
    return turns, segments


def _codes_stage(
    exports, codebook, texts, segments, *, participants=None, coders=None, source_texts=None, offset_maps=None
):
    """Import, align, merge and reconcile, as the codes rules do. Codes are anchored on ``source_texts``
    (default ``texts``) and moved onto ``texts`` through ``offset_maps`` (redaction)."""
    book = read_codebook(codebook)
    imported = import_codes(
        exports,
        codebook=book,
        texts=source_texts or texts,
        participants=participants,
        coders=coders,
        offset_maps=offset_maps,
    )
    segment_codes = align_segments(
        segments, imported.codings, imported.coder_transcripts, book, texts, **ALIGN
    )
    consensus = merge_consensus(
        segment_codes, rule=CONFIG["codes"]["consensus"], ties=CONFIG["codes"]["majority_ties"]
    )
    ledger = reconcile_codes(
        import_ledger=imported.ledger,
        codings=imported.codings,
        unplaced=imported.unplaced,
        coder_transcripts=imported.coder_transcripts,
        codebook=book,
        segments=segments,
        segment_codes=segment_codes,
        consensus=consensus,
        texts=texts,
    )
    return imported, ledger


# --------------------------------------------------------------------------------------------------
# the demo studies


@pytest.fixture(scope="module", params=["demo_physicians", "demo_alliance"])
def demo(request):
    study = load_study(RAW / request.param)
    texts, rows, parts = {}, [], []
    for transcript, path in study.transcripts.items():
        canonical = read_source(path)  # the demo studies pass the deid gate: the text is the source text
        turns = transcript_turns(
            canonical,
            transcript=transcript,
            interviewer_labels=study.interviewer_labels,
            speaker_pattern=study.speaker_pattern or DEFAULT_SPEAKER_PATTERN,
            path=path,
        )
        who = study.participant_of(transcript)
        segments = segment_turns(
            turns, canonical, participant_id=who["participant_id"], group=who["group"], min_words=5
        )
        texts[transcript] = canonical
        rows.append(ledger_row(canonical, turns, segments))
        parts.append(segments)
    files = find_code_files(study.root)
    participants = dict(
        zip(study.participants["transcript"], study.participants["participant_id"], strict=True)
    )
    segments = pd.concat(parts, ignore_index=True)
    imported, spans = _codes_stage(
        files.exports, files.codebook, texts, segments, participants=participants, coders=files.coders
    )
    return study, build_ledger(rows), segments, imported, spans


def test_demo_turns_and_segments_reconcile(demo):
    study, ledger, segments, _, _ = demo
    check_ledger(ledger)
    assert len(ledger) == len(study.transcripts)
    assert ledger["segments"].sum() == len(segments)
    assert (ledger["participant_turns"] > 0).all() and (ledger["unattributed_turns"] == 0).all()


def test_demo_spans_and_aligned_codes_reconcile(demo):
    study, _, _, imported, spans = demo
    ledger = spans.ledger
    assert ledger["reconciled"].all()
    assert ledger["spans_placed"].sum() == len(imported.codings)
    assert ledger["spans_placed"].sum() + ledger["spans_unplaced"].sum() == imported.ledger["spans_in"].sum()
    events = pd.read_csv(study.root / "truth" / "coder_events.csv", dtype={"transcript": str})
    assert imported.ledger["spans_in"].sum() == (events["event"] != "missed").sum()  # every planted span read
    # the demo coders coded participant speech only: every span supports an applied code
    assert len(spans.unaligned) == 0 and len(imported.unplaced) == 0
    assert ledger["spans_aligned"].sum() == len(imported.codings)
    seen = ledger.loc[ledger["seen"] == 1]
    assert (
        seen["segment_code_rows"]
        == seen["segments"] * len(read_codebook(find_code_files(study.root).codebook))
    ).all()


# --------------------------------------------------------------------------------------------------
# malformed transcripts that are read (with a warning) must lose nothing

LENIENT = {
    "mixed-line-endings": (
        b"Interviewer: one?\r\nP01: Two words here.\rthree more words\nP01: four.\r\n",
        "t.txt",
    ),
    "bom-crlf": ("\ufeffInterviewer: Hi?\r\nP01: I am fine, thank you very much.\r\n".encode(), "t.txt"),
    "cp1252": ("Interviewer: café?\nP01: A naïve question, I think, but fine.\n".encode("cp1252"), "t.txt"),
    "utf16": ("Interviewer: Hi?\nP01: Hello there, how are you today?\n".encode("utf-16"), "t.txt"),
    "text-before-labels": (
        b"Recorded 3 May.\nNotes: none\nInterviewer: Hi?\nP01: Hello there you.\n",
        "t.txt",
    ),
    "empty-turns": (
        b"Interviewer:\nP01: \nInterviewer: Go on?\nP01: Well.\nP01: Then it went fine.\n",
        "t.txt",
    ),
    "nfd-odd-spaces": (
        "Interviewer: Cafe\u0301?\nP01: Tabs\there\u00a0and\u2003wide, fine.\n".encode(),
        "t.txt",
    ),
    "interviewer-twice": (b"Interviewer: A?\nInterviewer: B?\nP01: Yes. No. Maybe so, I guess.\n", "t.md"),
}


@pytest.mark.parametrize(("data", "name"), list(LENIENT.values()), ids=list(LENIENT))
def test_lenient_transcripts_reconcile(data, name):
    with written(data, name) as path:
        canonical = read_source(path)
    turns, segments = _turns_and_segments(canonical, "t", ["Interviewer"])
    check_ledger(build_ledger([ledger_row(canonical, turns, segments)]))


@pytest.mark.parametrize("key", [".vtt", ".srt", ".docx"])
def test_other_formats_reconcile(key):
    canonical = read_source(SAMPLES[key])
    study = load_study(SAMPLES[key].parents[1])
    turns, segments = _turns_and_segments(canonical, SAMPLES[key].stem, study.interviewer_labels)
    row = ledger_row(canonical, turns, segments)
    check_ledger(build_ledger([row]))
    assert row["segments"] > 10


@st.composite
def damaged_transcript(draw) -> bytes:
    data = bytearray(sample_bytes(".txt", 2500))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete"]))
        if action == "flip":
            data[at] = draw(st.sampled_from(b"\n\r\t :.?!\x85\xa0abcP0"))
        elif action == "insert":
            data[at:at] = draw(
                st.sampled_from([b"\n", b"\r\n", b"\nP01: ", b"\nInterviewer: ", b"  ", b"\xc2\xa0"])
            )
        else:
            del data[at : at + draw(st.integers(1, 40))]
    return bytes(data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_transcript())
def test_damaged_transcripts_that_are_read_reconcile(data):
    with written(data, "interview_02.txt") as path:
        parsed = []
        error = only_thematica_errors(lambda: parsed.append(read_source(path)))
        if error is None:
            error = only_thematica_errors(
                lambda: parsed.append(_turns_and_segments(parsed[0], "t", ["Interviewer"]))
            )
    if error is None:
        turns, segments = parsed[1]
        check_ledger(build_ledger([ledger_row(parsed[0], turns, segments)]))


# --------------------------------------------------------------------------------------------------
# malformed coder exports that are listed, not fatal, must lose nothing

DAN = (
    "coder,transcript,code,start,end\n"
    "dan,interview_01,trust,{interviewer},{interviewer_end}\n"  # interviewer speech
    "dan,interview_01,waiting,{straddle},{straddle_end}\n"  # a sliver of a segment and a label
    "dan,interview_01,cost,{blank},{blank_end}\n"  # whitespace only
    "dan,interview_07,cost,0,10\n"  # a transcript the study does not have
    "dan,interview_01,trust,{trust},{trust_end}\n"  # aligned
    "dan,interview_01,trust,{trust},{trust_end}\n"  # the same span twice
    "dan,interview_01,trust,{inner},{trust_end}\n"  # overlapping it
)


def _offsets(text: str) -> dict[str, int]:
    def at(piece: str) -> tuple[int, int]:
        start = text.index(piece)
        return start, start + len(piece)

    places = {
        "interviewer": at("How do you feel about the clinic?"),
        "straddle": at("matters to me.\nInterviewer: And the"),
        "blank": (at("clinic?\n")[1] - 1, at("clinic?\n")[1]),
        "trust": at("I trust my doctor completely."),
        "inner": at("my doctor"),
    }
    return {k: v for name, (s, e) in places.items() for k, v in ((name, s), (f"{name}_end", e))}


def test_malformed_exports_are_listed_and_reconcile(tmp_path):
    texts = mini_texts()
    parts = [_turns_and_segments(texts[t], t, ["Interviewer"])[1] for t in sorted(texts)]
    segments = pd.concat(parts, ignore_index=True)
    codes = tmp_path / "codes"
    codes.mkdir()
    exports = [nvivo_qdpx(codes), atlas_qdpx(codes), codes / "cara.csv", codes / "dan.csv"]
    shutil.copy(EXPORTS / "maxqda_segments.csv", exports[2])
    exports[3].write_text(DAN.format(**_offsets(texts["interview_01"])), encoding="utf-8")
    coders = tmp_path / "coders.csv"
    coders.write_text(
        (MINI / "coders.csv").read_text(encoding="utf-8") + "dan,interview_01\n", encoding="utf-8"
    )
    imported, spans = _codes_stage(
        exports,
        MINI / "codebook.csv",
        texts,
        segments,
        participants={"interview_01": "P01", "interview_02": "P02"},
        coders=coders,
    )
    ledger = spans.ledger
    assert ledger["reconciled"].all()
    assert set(imported.unplaced["reason"]) == {
        "unknown_source",
        "quote_ambiguous",
        "quote_not_found",
        "text_not_found",
    }
    dan = spans.unaligned.loc[spans.unaligned["coder"] == "dan"]
    assert dan["reason"].tolist() == ["outside_participant_speech", "blank", "below_threshold"]
    assert imported.ledger["spans_in"].sum() == ledger["spans_placed"].sum() + ledger["spans_unplaced"].sum()
    assert ledger["spans_placed"].sum() == ledger["spans_aligned"].sum() + len(spans.unaligned)
    row = ledger.set_index(["coder", "transcript"]).loc[("dan", "interview_01")]
    assert row[["spans_placed", "spans_aligned", "spans_unaligned", "codes_applied"]].tolist() == [6, 3, 3, 1]
    assert ledger.set_index(["coder", "transcript"]).loc[("dan", ""), "spans_unplaced"] == 1


def test_redaction_moves_every_span_and_loses_none():
    """Codes anchored on the source text follow redaction (pseudonyms of other lengths, some inside coded
    spans) onto the redacted text the segments are cut from: every span still supports an applied code."""
    from thematica.deid import Finding, redact_text

    study = load_study(RAW / "demo_alliance")
    transcript = "interview_02"
    source = read_source(study.transcripts[transcript])
    found = [Finding(m.start(), m.end(), "name", "ner") for m in re.finditer(r"\b(?:app|SoothBot)\b", source)]
    redacted, offsets = redact_text(source, found)
    assert len(found) > 5 and len(redacted) != len(source)
    _, segments = _turns_and_segments(redacted, transcript, study.interviewer_labels)
    files = find_code_files(study.root)
    imported, spans = _codes_stage(
        files.exports,
        files.codebook,
        {transcript: redacted},
        segments,
        coders=files.coders,
        source_texts={transcript: source},
        offset_maps={transcript: offsets},
    )
    codings = imported.codings
    pseudonymised = [
        "[PERSON_" in redacted[s:e] for s, e in zip(codings["start"], codings["end"], strict=True)
    ]
    assert sum(pseudonymised) >= 10  # spans that held a replaced word now hold its pseudonym
    rows = spans.ledger.loc[spans.ledger["transcript"] == transcript]
    assert len(rows) == 2 and rows["reconciled"].all()
    assert (rows["spans_placed"] == rows["spans_aligned"]).all() and rows["spans_placed"].min() > 0
    assert set(imported.unplaced["reason"]) == {"unknown_source"}  # the other transcripts' spans
