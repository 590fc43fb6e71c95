"""The gate's three steps on files: scan, report, then fail / warn / redact."""

from __future__ import annotations

import logging

import pytest

from thematica.deid.redact import map_span
from thematica.deid.study import gate_transcript, gather_report, scan_file
from thematica.errors import ThematicaError
from thematica.ingest.study import write_canonical
from thematica.support.tables import write_csv

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


def test_fail_lists_one_masked_finding_per_line(scanned, tmp_path):
    source, findings, allow = scanned
    with pytest.raises(ThematicaError) as error:
        gate_transcript(
            source,
            findings,
            policy="fail",
            source="raw/int_01.txt",
            allowlist_path=allow,
            report_path="results/s/qa/deid_report.csv",
            suggested_path="data/processed/s/deid/deid_allowlist.suggested.txt",
        )
    lines = str(error.value).splitlines()
    assert lines[0] == "3 possible personal identifiers in 1 transcript; see results/s/qa/deid_report.csv"
    # file:line:column, kind, masked: the two names and the phone number, in text order
    assert lines[1] == "  raw/int_01.txt:2:16: name 'M******* *******'"
    assert lines[2] == "  raw/int_01.txt:3:6: name 'M*******'"
    assert lines[3] == "  raw/int_01.txt:3:28: phone '6**-***-****'"
    advice = " ".join(lines[4:])
    assert "placeholder such as [NAME]" in advice
    assert f"copy its line from data/processed/s/deid/deid_allowlist.suggested.txt into {allow}" in advice
    assert not any(secret in str(error.value) for secret in SECRETS)


def test_fail_names_canonical_line_for_non_text_sources(scanned):
    source, findings, allow = scanned
    with pytest.raises(ThematicaError) as error:
        gate_transcript(source, findings, policy="fail", source="raw/int_01.vtt", allowlist_path=allow)
    assert f"  {source}:2:16: name 'M******* *******' (from raw/int_01.vtt)" in str(error.value).splitlines()


def test_fail_message_lists_at_most_twenty(tmp_path):
    from thematica.deid.study import MAX_LISTED, stop_message

    lines = {f"t{i}": [f"t{i}.txt:{j}:1: phone '6**-****'" for j in range(1, 4)] for i in range(10)}
    message = stop_message(lines, report_path="qa/deid_report.csv", allowlist_path="allow.txt").splitlines()
    assert message[0] == "30 possible personal identifiers in 10 transcripts; see qa/deid_report.csv"
    listed = [line for line in message if line.startswith("  ") and "phone" in line]
    assert len(listed) == MAX_LISTED == 15
    assert "  ... and 15 more in qa/deid_report.csv" in message
    assert all(line.startswith("  ") for line in message[1:]) and len(message) <= 20
    assert len(set(message)) == len(message)  # nothing said twice


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
    from thematica.deid.study import scan_study

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
    from thematica.deid.study import gate_study

    paths, findings, _ = _study(tmp_path, {"int_01": TEXT, "int_02": CLEAN, "int_03": TEXT})
    sources = {t: f"raw/{t}.txt" for t in paths}
    folders = {"text_dir": tmp_path / "text", "offsets_dir": tmp_path / "offsets"}
    with pytest.raises(ThematicaError) as error:
        gate_study(paths, findings, policy="fail", sources=sources, allowlist_path="allow.txt", **folders)
    lines = str(error.value).splitlines()
    # without spaCy here, the phone number on line 3 is the only finding of each
    assert lines[0] == "2 possible personal identifiers in 2 transcripts"
    assert lines[1:3] == [
        "  raw/int_01.txt:3:28: phone '6**-***-****'",
        "  raw/int_03.txt:3:28: phone '6**-***-****'",
    ]
    assert "int_02" not in str(error.value)
    assert not any(secret in str(error.value) for secret in SECRETS)
    assert not (tmp_path / "text").exists() and not (tmp_path / "offsets").exists()


def test_study_gate_redacts_each_transcript_with_its_offset_map(tmp_path):
    from thematica.deid.redact import read_offset_map
    from thematica.deid.study import gate_study

    paths, findings, _ = _study(tmp_path, {"int_01": TEXT, "int_02": CLEAN})
    sources = {t: f"raw/{t}.txt" for t in paths}
    folders = {"text_dir": tmp_path / "text", "offsets_dir": tmp_path / "offsets"}
    gate_study(paths, findings, policy="redact", sources=sources, allowlist_path="allow.txt", **folders)
    redacted = (tmp_path / "text" / "int_01.txt").read_text(encoding="utf-8")
    assert "555-0134" not in redacted and "[PHONE_1]" in redacted  # no spaCy here: names are not sought
    assert (tmp_path / "text" / "int_02.txt").read_text(encoding="utf-8") == CLEAN
    assert not read_offset_map(tmp_path / "offsets" / "int_01.parquet").empty
    assert read_offset_map(tmp_path / "offsets" / "int_02.parquet").empty


def test_study_scan_writes_the_suggested_allowlist(tmp_path):
    from thematica.deid.study import scan_study

    paths = {}
    for transcript, text in {"int_01": TEXT, "int_02": CLEAN, "int_03": TEXT}.items():
        paths[transcript] = tmp_path / "source_text" / f"{transcript}.txt"
        write_canonical(text, paths[transcript])
    suggested = tmp_path / "deid" / "deid_allowlist.suggested.txt"
    scan_study(
        paths,
        tmp_path / "qa",
        policy="fail",
        known_terms={t: ["Interviewer"] for t in paths},
        allowlist_path="raw/s/deid_allowlist.txt",
        ner=False,
        suggested_path=suggested,
    )
    text = suggested.read_text(encoding="utf-8")
    assert "raw/s/deid_allowlist.txt" in text
    # without spaCy only the phone numbers are flagged, and a phone number is never suggested
    assert text.splitlines()[-1] == "# The scan flagged nothing to suggest."
    assert "555" not in text


def test_suggested_allowlist_lines_can_be_copied_into_the_allowlist(tmp_path):
    from thematica.deid.scan import read_allowlist
    from thematica.deid.study import suggested_allowlist

    flagged = {
        "int_01": [
            ("Confidentiality", "organization", 3),
            ("617-555-0134", "phone", 4),
            ("CalmCircle", "name", 9),
        ],
        "int_02": [("confidentiality", "organization", 2), ("12 Baker  Street", "address", 5)],
    }
    lines = suggested_allowlist(flagged, allowlist_path="raw/s/deid_allowlist.txt").splitlines()
    terms = [line for line in lines if not line.startswith("#")]
    assert terms == [
        "Confidentiality  # organization; 2 findings in 2 transcripts, first int_01 line 3",
        "CalmCircle  # name; 1 finding in 1 transcript, first int_01 line 9",
    ]
    allow = tmp_path / "deid_allowlist.txt"
    allow.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert read_allowlist(allow).terms == ("Confidentiality", "CalmCircle")


def test_suggested_allowlist_withholds_terms_under_redact(tmp_path):
    from thematica.deid.study import scan_study

    source = tmp_path / "source_text" / "int_01.txt"
    write_canonical(TEXT, source)
    suggested = tmp_path / "suggested.txt"
    scan_study(
        {"int_01": source},
        tmp_path / "qa",
        policy="redact",
        known_terms={"int_01": ["Interviewer", "P01"]},
        suggested_path=suggested,
    )
    text = suggested.read_text(encoding="utf-8")
    assert "deid.policy is 'redact'" in text
    assert not any(secret in text for secret in SECRETS)
