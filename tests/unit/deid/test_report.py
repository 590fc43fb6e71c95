"""Reports and messages mask every identifier."""

from __future__ import annotations

from thematica.deid.model import Finding
from thematica.deid.report import excerpt, findings_table, mask, study_report


def test_mask_keeps_only_the_first_character():
    for value in ("Margaret Okonkwo", "617-555-0134", "m.okonkwo@example.org", "00482917"):
        masked = mask(value)
        assert len(masked) == len(value) and masked[0] == value[0]
        assert sum(ch.isalnum() for ch in masked) == 1


def test_excerpt_masks_neighbouring_identifiers_and_cuts_at_the_line():
    text = "Interviewer: Hi.\nP01: Ask Maria Lopez or Tom Reyes on 617-555-0134 today.\nInterviewer: Ok."
    found = [
        Finding(26, 37, "name", "t"),
        Finding(41, 50, "name", "t"),
        Finding(54, 66, "phone", "t"),
    ]
    shown = excerpt(text, found[1], found, context=40)
    for secret in ("Maria", "Lopez", "Tom", "Reyes", "555", "0134"):
        assert secret not in shown
    assert "Interviewer" not in shown and shown.startswith("P01: Ask M")


def test_findings_table_and_study_report():
    text = "P01: Ask Maria Lopez.\nP01: MindMate helps."
    found = [Finding(9, 20, "name", "ner:PERSON"), Finding(27, 35, "organization", "ner:ORG", "allowlisted")]
    table = findings_table("t1", text, found)
    assert table["line"].tolist() == [1, 2]
    assert "Maria" not in table.to_csv() and "MindMate" not in table.to_csv()
    report = study_report([table], "fail")
    assert report["action"].tolist() == ["stop", "allow"]
    assert study_report([table.iloc[:0]], "redact").empty
