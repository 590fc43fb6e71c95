"""The gate's three steps on files: scan, report, then fail / warn / redact."""

from __future__ import annotations

import logging

import pytest

from thematica.deid.gate import gate_transcript, gather_report, scan_file
from thematica.deid.redact import map_span
from thematica.errors import ThematicaError
from thematica.ingest import write_canonical
from thematica.tables import write_csv

TEXT = (
    "Interviewer: Who helped?\n"
    "P01: My sister Margaret Okonkwo did, and MindMate too.\n"
    "P01: Margaret called me on 617-555-0134 after.\n"
)
SECRETS = ("Margaret", "Okonkwo", "617-555-0134", "555-0134")


@pytest.fixture()
def scanned(tmp_path):
    source = tmp_path / "source_text" / "int_01.txt"
    write_canonical(TEXT, source)
    allow = tmp_path / "deid_allowlist.txt"
    allow.write_text("MindMate\n", encoding="utf-8")
    table = scan_file(source, transcript="int_01", allowlist_path=allow, known_terms=["Interviewer", "P01"])
    findings = tmp_path / "qa" / "int_01.csv"
    write_csv(table, findings)
    return source, findings, allow


def test_scan_table_is_masked(scanned):
    _source, findings, _allow = scanned
    written = findings.read_text(encoding="utf-8")
    assert not any(secret in written for secret in SECRETS)
    assert "name" in written and "phone" in written


def test_fail_stops_with_one_masked_line(scanned, tmp_path):
    source, findings, allow = scanned
    with pytest.raises(ThematicaError) as error:
        gate_transcript(source, findings, policy="fail", source="raw/int_01.txt", allowlist_path=allow)
    message = str(error.value)
    assert message.startswith("raw/int_01.txt, line 2: possible personal identifier: name 'M")
    assert "\n" not in message
    assert not any(secret in message for secret in SECRETS)


def test_fail_names_canonical_line_for_non_text_sources(scanned):
    source, findings, allow = scanned
    with pytest.raises(ThematicaError, match=r"raw/int_01.vtt: .*\(line 2 of its canonical text"):
        gate_transcript(source, findings, policy="fail", source="raw/int_01.vtt", allowlist_path=allow)


def test_warn_passes_text_unchanged(scanned, caplog):
    source, findings, allow = scanned
    with caplog.at_level(logging.WARNING):
        text, offsets = gate_transcript(source, findings, policy="warn", source="r.txt", allowlist_path=allow)
    assert text == TEXT and offsets.empty
    assert "possible personal identifier" in caplog.text
    assert not any(secret in caplog.text for secret in SECRETS)


def test_redact_replaces_and_maps(scanned):
    source, findings, allow = scanned
    text, offsets = gate_transcript(source, findings, policy="redact", source="r.txt", allowlist_path=allow)
    assert not any(secret in text for secret in SECRETS)
    assert "MindMate" in text and "[PERSON_1]" in text and "[PHONE_1]" in text
    start = TEXT.index("Margaret called")
    new_start, new_end = map_span(offsets, start, start + len("Margaret called"))
    assert text[new_start:new_end] == "[PERSON_1] called"


def test_clean_transcript_passes_under_fail(tmp_path):
    source = tmp_path / "t.txt"
    write_canonical("Interviewer: Hi.\nP01: The app helps between sessions.\n", source)
    write_csv(scan_file(source, transcript="t", known_terms=["Interviewer", "P01"]), tmp_path / "f.csv")
    text, offsets = gate_transcript(
        source, tmp_path / "f.csv", policy="fail", source="t.txt", allowlist_path="a"
    )
    assert text.startswith("Interviewer") and offsets.empty


def test_report_always_lists_findings(scanned):
    _source, findings, _allow = scanned
    report = gather_report([findings], policy="fail")
    assert set(report["action"]) == {"stop"}
    assert len(report) >= 3


def test_unknown_policy(scanned):
    _source, findings, _allow = scanned
    with pytest.raises(ThematicaError, match="deid.policy must be one of"):
        gather_report([findings], policy="ignore")


def _study(tmp_path, texts: dict[str, str]):
    """Source texts of a study and their scan, as the workflow's study-level jobs see them."""
    from thematica.deid.gate import scan_study

    paths = {}
    for transcript, text in texts.items():
        paths[transcript] = tmp_path / "source_text" / f"{transcript}.txt"
        write_canonical(text, paths[transcript])
    known = {t: ["Interviewer", f"P{t[-2:]}"] for t in texts}
    report = scan_study(paths, tmp_path / "qa" / "deid", policy="fail", known_terms=known, ner=False)
    findings = {t: tmp_path / "qa" / "deid" / f"{t}.csv" for t in texts}
    return paths, findings, report


CLEAN = "Interviewer: Who helped?\nP02: Nobody really, I tried it alone.\n"


def test_study_scan_writes_each_transcripts_findings_and_the_report(tmp_path):
    paths, findings, report = _study(tmp_path, {"int_01": TEXT, "int_02": CLEAN})
    assert all(path.is_file() for path in findings.values())
    assert set(report.loc[report["status"] == "flagged", "transcript"]) == {"int_01"}
    one = scan_file(paths["int_01"], transcript="int_01", known_terms=["Interviewer", "P01"], ner=False)
    assert findings["int_01"].read_text(encoding="utf-8") == _csv_text(one, tmp_path)


def _csv_text(table, tmp_path) -> str:
    write_csv(table, tmp_path / "alone.csv")
    return (tmp_path / "alone.csv").read_text(encoding="utf-8")


def test_study_gate_names_every_flagged_transcript_and_writes_nothing(tmp_path):
    from thematica.deid.gate import gate_study

    paths, findings, _ = _study(tmp_path, {"int_01": TEXT, "int_02": CLEAN, "int_03": TEXT})
    sources = {t: f"raw/{t}.txt" for t in paths}
    folders = {"text_dir": tmp_path / "text", "offsets_dir": tmp_path / "offsets"}
    with pytest.raises(ThematicaError) as error:
        gate_study(paths, findings, policy="fail", sources=sources, allowlist_path="allow.txt", **folders)
    message = str(error.value)
    # without spaCy here, the phone number on line 3 is the first finding of each
    assert message.startswith("2 transcripts hold possible personal identifiers: raw/int_01.txt, line 3: ")
    assert "raw/int_03.txt, line 3: " in message and "int_02" not in message
    assert not any(secret in message for secret in SECRETS)
    assert not (tmp_path / "text").exists() and not (tmp_path / "offsets").exists()


def test_study_gate_redacts_each_transcript_with_its_offset_map(tmp_path):
    from thematica.deid.gate import gate_study
    from thematica.deid.redact import read_offset_map

    paths, findings, _ = _study(tmp_path, {"int_01": TEXT, "int_02": CLEAN})
    sources = {t: f"raw/{t}.txt" for t in paths}
    folders = {"text_dir": tmp_path / "text", "offsets_dir": tmp_path / "offsets"}
    gate_study(paths, findings, policy="redact", sources=sources, allowlist_path="allow.txt", **folders)
    redacted = (tmp_path / "text" / "int_01.txt").read_text(encoding="utf-8")
    assert "555-0134" not in redacted and "[PHONE_1]" in redacted  # no spaCy here: names are not sought
    assert (tmp_path / "text" / "int_02.txt").read_text(encoding="utf-8") == CLEAN
    assert not read_offset_map(tmp_path / "offsets" / "int_01.parquet").empty
    assert read_offset_map(tmp_path / "offsets" / "int_02.parquet").empty
