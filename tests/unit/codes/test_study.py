"""Importing coder exports: the demo exports recover the planted spans; hand-built QDA exports land on the
right text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from tests.unit.codes.fixtures import EXPORTS, atlas_qdpx, mini_study, mini_texts, nvivo_qdpx
from thematica.codes import find_code_files, import_codes, read_codebook, read_export
from thematica.ingest.folder import load_study
from thematica.ingest.formats import read_transcript

DEMO = Path(__file__).resolve().parents[3] / "data" / "raw"
KEY = ["coder", "transcript", "code", "start", "end"]
PARTICIPANTS = {"interview_01": "P01", "interview_02": "P02"}


@pytest.fixture(scope="module", params=["demo_physicians", "demo_alliance"])
def demo(request):
    study = load_study(DEMO / request.param)
    texts = {t: read_transcript(p) for t, p in study.transcripts.items()}
    files = find_code_files(study.root)
    participants = dict(
        zip(study.participants["transcript"], study.participants["participant_id"], strict=True)
    )
    result = import_codes(
        files.exports,
        codebook=read_codebook(files.codebook),
        texts=texts,
        participants=participants,
        coders=files.coders,
    )
    return request.param, result, texts, files


def _truth(study: str) -> pd.DataFrame:
    events = pd.read_csv(DEMO / study / "truth" / "coder_events.csv", dtype={"transcript": str})
    return events.loc[events["event"] != "missed", KEY]


def _sorted(table: pd.DataFrame) -> pd.DataFrame:
    return table[KEY].sort_values(KEY, kind="stable").reset_index(drop=True)


def test_demo_import_recovers_every_planted_span(demo):
    study, result, _, _ = demo
    pd.testing.assert_frame_equal(_sorted(result.codings), _sorted(_truth(study)), check_dtype=False)
    assert result.unplaced.empty
    assert result.ledger["reconciled"].all()


def test_each_demo_export_alone_recovers_its_coder(demo):
    study, result, texts, files = demo
    truth = _truth(study)
    for path in files.exports:
        export = read_export(path)
        (coder,) = export.coders
        assert len(export.spans) == int((truth["coder"] == coder).sum())
        mine = result.codings.loc[result.codings["source"] == path.name]
        assert set(mine["coder"]) == {coder}
        pd.testing.assert_frame_equal(
            _sorted(mine), _sorted(truth.loc[truth["coder"] == coder]), check_dtype=False
        )


def test_demo_anchoring_methods(demo):
    study, result, _, _ = demo
    ledger = result.ledger.set_index("file")
    if study == "demo_physicians":  # .qdpx sources equal the canonical transcripts
        assert (ledger["kind"] == "qdpx").all()
        assert (ledger["placed_offsets"] == ledger["spans_in"]).all()
        return
    assert ledger.loc["coder_2_quotes.csv", "kind"] == "quotes"
    assert ledger.loc["coder_2_quotes.csv", "placed_located"] == ledger.loc["coder_2_quotes.csv", "spans_in"]
    assert ledger.loc["coder_1.csv", "placed_offsets"] == ledger.loc["coder_1.csv", "spans_in"]


def test_demo_assignment_from_coders_csv_equals_inferred(demo):
    study, result, texts, files = demo
    listed = pd.read_csv(files.coders, dtype=str).sort_values(["coder", "transcript"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(result.coder_transcripts, listed)
    inferred = import_codes(files.exports, codebook=read_codebook(files.codebook), texts=texts)
    pd.testing.assert_frame_equal(inferred.coder_transcripts, listed)


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    root = mini_study(tmp_path_factory.mktemp("mini") / "mini")
    files = find_code_files(root)
    result = import_codes(
        files.exports,
        codebook=read_codebook(files.codebook),
        texts=mini_texts(),
        participants=PARTICIPANTS,
        coders=files.coders,
    )
    return result


def _placed_text(result, file: str) -> list[tuple[str, str, str, str]]:
    texts = mini_texts()
    rows = result.codings.loc[result.codings["source"] == file]
    return [(r.coder, r.transcript, r.code, texts[r.transcript][r.start : r.end]) for r in rows.itertuples()]


def test_nvivo_export_every_coding_lands_on_its_selection_text(mini):
    root = ET.parse(EXPORTS / "nvivo_project.qde").getroot()
    ns = {"q": "urn:QDA-XML:project:1.0"}
    expected = []
    code_of = {
        "Trust in clinicians": "trust",
        "Continuity of care": "continuity",
        "Waiting times": "waiting",
        "Cost of care": "cost",
        "Around-the-clock availability": "availability",
    }
    # NVivo carries no selected text (name=""): these are the texts its coder selected, in file order
    selected = iter(
        [
            "I trust my doctor completely.",
            "She knows my history, and that matters to me.",
            "The waiting times are awful — three weeks for a chat at the café 🙂 is too long.",
            'The cost is a worry too, because "free" care still costs me bus fares.',
            "I don't trust the app's advice -- it's generic.",
            "But I use it at night when nobody else answers.",
            "She reads the summaries before each session, which helps us start faster.",
        ]
    )
    names = {c.get("guid"): c.get("name") for c in root.iter("{urn:QDA-XML:project:1.0}Code")}
    for source, transcript in zip(
        root.findall(".//q:TextSource", ns), ["interview_01", "interview_02"], strict=True
    ):
        for sel in source.findall("q:PlainTextSelection", ns):
            ref = sel.find("q:Coding/q:CodeRef", ns).get("targetGUID")
            expected.append(("Ana Lima", transcript, code_of[names[ref]], next(selected)))
    assert len(expected) == 7
    assert sorted(_placed_text(mini, "ana.qdpx")) == sorted(expected)


def test_nvivo_coder_comes_from_the_coding_not_the_selection(tmp_path):
    export = read_export(nvivo_qdpx(tmp_path))
    assert export.coders == ["Ana Lima"]  # the selections' creatingUser is "Project Owner"
    assert export.renormalised == {"Interview 01", "P02"}  # BOM / CRLF / NFD in the stored text


def test_nvivo_offsets_are_reanchored_not_searched(mini):
    row = mini.ledger.set_index("file").loc["ana.qdpx"]
    assert (row["placed_reanchored"], row["placed_located"], row["spans_unplaced"]) == (7, 0, 0)


def test_atlas_export_located_by_text_with_context(mini):
    assert sorted(_placed_text(mini, "ben.qdpx")) == [
        ("ben", "interview_01", "cost", "bus fares"),
        ("ben", "interview_01", "waiting", "The waiting times are awful"),
        ("ben", "interview_01", "waiting", "Yes, exactly."),
    ]
    text = mini_texts()["interview_01"]
    second = text.index("Yes, exactly.", text.index("Yes, exactly.") + 1)
    row = mini.codings.loc[(mini.codings["source"] == "ben.qdpx") & (mini.codings["start"] > 300)]
    assert int(row["start"].iloc[0]) == second  # the second occurrence, told apart by its context
    lost = mini.unplaced.loc[mini.unplaced["file"] == "ben.qdpx"]
    assert lost[["reason", "place"]].values.tolist() == [
        [
            "text_not_found",
            "source 'interview_01', selection F0000000-0000-4000-8000-000000000001, positions 52..80",
        ]
    ]


def test_atlas_export_reads_renamed_project_and_capital_sources(tmp_path):
    export = read_export(atlas_qdpx(tmp_path))
    assert export.coders == ["ben"]
    assert list(export.sources) == ["interview_01"]
    assert [s.code_names[0] for s in export.spans] == ["TRUST", "Waiting", "Waiting", "cost"]


def test_maxqda_quote_export(mini):
    assert sorted(_placed_text(mini, "cara.csv")) == [
        ("cara", "interview_01", "cost", 'because "free" care still costs me bus fares'),
        ("cara", "interview_01", "trust", "I trust my doctor completely."),
        (
            "cara",
            "interview_01",
            "waiting",
            "The waiting times are awful \u2014 three weeks for a chat at the caf\u00e9 \U0001f642 is too "
            "long.",
        ),
        ("cara", "interview_02", "trust", "I don't trust the app's advice -- it's generic."),
    ]
    lost = mini.unplaced.loc[mini.unplaced["file"] == "cara.csv"].set_index("place")
    assert lost["reason"].to_dict() == {
        "line 6": "quote_ambiguous",
        "line 7": "quote_not_found",
        "line 8": "unknown_source",
    }
    assert lost.loc["line 6", "detail"].startswith("2 occurrences")


def test_mini_ledger_reconciles(mini):
    ledger = mini.ledger.set_index("file")
    assert (ledger["spans_in"] == ledger["spans_placed"] + ledger["spans_unplaced"]).all()
    assert ledger["spans_in"].to_dict() == {"ana.qdpx": 7, "ben.qdpx": 4, "cara.csv": 7}
    assert ledger["spans_placed"].sum() == len(mini.codings) == 14
    assert ledger["spans_unplaced"].sum() == len(mini.unplaced) == 4


def test_sources_named_by_participant_or_loosely(mini):
    assert set(mini.codings.loc[mini.codings["source"] == "ana.qdpx", "transcript"]) == {
        "interview_01",  # "Interview 01"
        "interview_02",  # "P02", a participant id
    }


def test_inferred_assignment_counts_qdpx_sources(tmp_path):
    root = mini_study(tmp_path / "mini")
    (root / "coders.csv").unlink()
    files = find_code_files(root)
    result = import_codes(
        files.exports, codebook=read_codebook(files.codebook), texts=mini_texts(), participants=PARTICIPANTS
    )
    pairs = set(map(tuple, result.coder_transcripts.to_numpy()))
    assert pairs == {
        ("Ana Lima", "interview_01"),
        ("Ana Lima", "interview_02"),
        ("ben", "interview_01"),
        ("cara", "interview_01"),
        ("cara", "interview_02"),
    }


def test_spans_follow_redaction_onto_the_redacted_text(tmp_path):
    from thematica.deid import Finding, redact_text

    text = "Interviewer: Hi.\nP01: Dr. Al told me. I trust my doctor completely.\n"
    start = text.index("I trust")
    redacted, offsets = redact_text(text, [Finding(text.index("Al"), text.index("Al") + 2, "name", "ner")])
    path = tmp_path / "x.csv"
    path.write_text(
        f"coder,transcript,code,start,end\nx,t1,trust,{start},{start + 29}\nx,t1,trust,22,33\n",
        encoding="utf-8",
    )
    book = read_codebook(Path(__file__).resolve().parents[2] / "data" / "codes" / "mini" / "codebook.csv")
    result = import_codes([path], codebook=book, texts={"t1": text}, offset_maps={"t1": offsets})
    spans = [redacted[s:e] for s, e in zip(result.codings["start"], result.codings["end"], strict=True)]
    assert spans == ["Dr. [PERSON_1] told", "I trust my doctor completely."]


def test_team_project_keeps_each_coders_codings_apart(tmp_path):
    """An NVivo team project: the coder of each coding is its Coding's creatingUser, else its selection's,
    resolved through <Users>; the ledger has a row per coder."""
    import pandas as pd

    from tests.unit.refiqda.samples import nvivo_archive

    codebook = pd.DataFrame(
        {
            "code": ["Trust", "Waiting", "Access"],
            "theme": ["Relationships", "Access", "Access"],
            "label": ["Trust", "Waiting", "Access"],
            "definition": ["", "", ""],
            "theme_label": ["Relationships", "Access", "Access"],
            "parent": ["Relationships", "Access", "Access"],
        }
    )
    from tests.unit.refiqda.samples import NVIVO_RAW
    from thematica.refiqda import canonicalise

    result = import_codes(
        [nvivo_archive(tmp_path)], codebook=codebook, texts={"P01": canonicalise(NVIVO_RAW)}
    )
    text = canonicalise(NVIVO_RAW)
    got = sorted((r.coder, r.code, text[r.start : r.end]) for r in result.codings.itertuples())
    assert got == [
        ("Coder Ana", "Trust", "I trust my doctor"),
        ("Coder Ana", "Waiting", "Waiting times are awful, honestly"),
        ("Project Owner", "Access", "Waiting times are awful, honestly"),
    ]
    assert result.ledger[["coder", "spans_in", "spans_placed"]].values.tolist() == [
        ["Coder Ana", 2, 2],
        ["Project Owner", 1, 1],
    ]
