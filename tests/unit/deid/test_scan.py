"""The scan: NER plus patterns, placeholders clean, allowlist, overlaps merged."""

from __future__ import annotations

import pytest

from thematica.deid.model import Finding
from thematica.deid.scan import Allowlist, is_clean, merge_overlapping, read_allowlist, scan_text
from thematica.errors import ThematicaError


def _flagged(text, **kwargs):
    return [(f.kind, text[f.start : f.end]) for f in scan_text(text, **kwargs) if f.status == "flagged"]


@pytest.mark.parametrize(
    "text",
    [
        "P01: I told [NAME] about it and she called <CLINIC> the next day.",
        "P01: Dr. [REDACTED] said it was fine, and XXX agreed.",
        "P01: My therapist *** thinks so too, at [name of clinic].",
        "P01: [PERSON_1] said [PHONE_1] was the number for [ORGANIZATION_2].",
        "PERSON_1: I went to {CITY} with [patient's husband].",
        "Interviewer: Mm-hm. Hmm. Okay.\nP01: CBT and DBT, and the PHQ-9, honestly.",
    ],
)
def test_placeholders_and_neutral_words_are_clean(text):
    assert _flagged(text, allowlist=Allowlist(("Interviewer", "P01"))) == []


def test_names_places_and_organisations_found():
    text = (
        "P01: My sister Margaret Okonkwo drove me to Massachusetts General Hospital in Chicago, "
        "and Dr. Feldman said I should call her on 617-555-0134."
    )
    flagged = dict((v, k) for k, v in _flagged(text, allowlist=Allowlist(("P01",))))
    assert flagged.get("Margaret Okonkwo") == "name"
    assert flagged.get("Feldman") == "name"
    assert flagged.get("617-555-0134") == "phone"
    assert flagged.get("Chicago") == "location"
    assert any("Massachusetts General" in v for v in flagged)


def test_bracketed_real_name_is_not_a_placeholder():
    assert not is_clean("[John]") and not is_clean("[NAME] Okafor")
    assert is_clean("[JOHN DOE]")  # all capitals in brackets is taken as a placeholder (documented)


def test_allowlist_terms_and_patterns(tmp_path):
    path = tmp_path / "allow.txt"
    path.write_text("# products\nMindMate\nDr. Google  # the search engine\nre:Calm\\w+\n", encoding="utf-8")
    allow = read_allowlist(path)
    text = "P01: MindMate and CalmCircle are fine, Dr. Google too, but Tala Okafor called."
    found = scan_text(text, allowlist=allow.extended(["P01"]))
    by_text = {text[f.start : f.end]: f.status for f in found}
    assert by_text.get("MindMate", "allowlisted") == "allowlisted"
    assert all(status == "allowlisted" for v, status in by_text.items() if "Calm" in v or "Google" in v)
    assert by_text.get("Tala Okafor") == "flagged"


def test_allowlisted_term_inside_a_name_does_not_hide_it():
    allow = Allowlist(("Tala",))
    assert allow.covers("Tala") and allow.covers("the Tala app's")
    assert not allow.covers("Tala Okafor")


def test_missing_allowlist_file_is_empty(tmp_path):
    assert read_allowlist(tmp_path / "nope.txt") == Allowlist()
    assert read_allowlist(None) == Allowlist()


def test_bad_allowlist_regex_names_file_and_line(tmp_path):
    path = tmp_path / "allow.txt"
    path.write_text("MindMate\nre:Calm(\n", encoding="utf-8")
    with pytest.raises(ThematicaError, match=r"allow.txt, line 2: allowlist pattern"):
        read_allowlist(path)


def test_kinds_filter_and_unknown_kind():
    text = "P01: mail a.b@example.org or call 617-555-0134"
    assert _flagged(text, kinds=["phone"], ner=False) == [("phone", "617-555-0134")]
    with pytest.raises(ThematicaError, match="unknown identifier kind"):
        scan_text(text, kinds=["phonee"], ner=False)


def test_overlaps_merged_to_most_specific_kind():
    merged = merge_overlapping(
        [
            Finding(0, 10, "organization", "ner:ORG"),
            Finding(5, 20, "email", "pattern:email"),
            Finding(30, 35, "name", "n"),
        ],
        "flagged",
    )
    assert [(f.start, f.end, f.kind) for f in merged] == [(0, 20, "email"), (30, 35, "name")]


def test_findings_never_overlap_and_stay_in_range():
    text = (
        "P01: Ask Dr. Maria Lopez at maria.lopez@example.org, MRN 00482917, "
        "12 Baker Street, Boston, MA 02139."
    )
    found = sorted(scan_text(text, allowlist=Allowlist(("P01",))), key=lambda f: f.start)
    assert all(0 <= f.start < f.end <= len(text) for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    kinds = {f.kind for f in found if f.status == "flagged"}
    assert {"name", "email", "record_number", "address", "postcode"} <= kinds


def test_a_finding_never_crosses_a_line_break():
    text = "P01: call 617\n555 0134 and 12 Baker\nStreet"
    found = scan_text(text, ner=False)
    assert found and all("\n" not in text[f.start : f.end] for f in found)
