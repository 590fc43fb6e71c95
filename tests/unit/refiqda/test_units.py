"""Tests for thematica.refiqda.units and thematica.refiqda.verify: what positions count, and which unit an
export's selections verify under."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.unit.refiqda.samples import make_zip
from thematica.errors import ThematicaError
from thematica.refiqda import read_qdpx
from thematica.refiqda.units import ATLAS_TI, CODEPOINT, NVIVO, UNITS, UnitText, count_positions, origin_unit
from thematica.refiqda.verify import RawSelection, choose_unit

# a BOM, an emoji (two UTF-16 units), a CRLF: "\ufeffOK \U0001F600\r\nYes"
RAW = "\ufeffOK \U0001f600\r\nYes"


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        # position of "Yes" and of the end of the text in each unit
        (CODEPOINT, (6, 9)),  # code points, BOM not counted: O K space emoji CR LF
        (UNITS["codepoint+bom"], (7, 10)),
        (NVIVO, (7, 10)),  # the emoji counts two
        (ATLAS_TI, (5, 8)),  # the CRLF counts one
        (UNITS["utf16+bom+crlf1"], (7, 10)),
    ],
)
def test_unit_positions_map_to_the_same_characters(unit, expected):
    counted = UnitText(RAW, unit)
    yes, end = expected
    assert counted.length == end
    assert RAW[counted.to_raw(yes) : counted.to_raw(end)] == "Yes"
    assert counted.from_raw(RAW.index("Yes")) == yes


def test_a_position_inside_a_surrogate_pair_is_no_boundary():
    counted = UnitText(RAW, NVIVO)
    assert counted.to_raw(3) == 4  # the emoji's first unit, after "\ufeffOK "
    assert counted.to_raw(4) is None  # between its two units
    assert counted.to_raw(11) is None and counted.to_raw(-1) is None


def test_count_positions_is_the_writers_inverse():
    positions = count_positions(RAW, NVIVO)
    counted = UnitText(RAW, NVIVO)
    assert positions[0] == positions[1] == 0  # the BOM, which NVivo does not count
    for offset in range(2, len(RAW) + 1):
        assert counted.to_raw(int(positions[offset])) == offset


@pytest.mark.parametrize(
    ("origin", "unit", "program"),
    [
        ("NVivo for Windows 12.6", "utf16", "NVivo"),
        ("NVivo for Mac 15.0.0", "utf16", "NVivo"),
        ("ATLAS.ti 23.2.1 (Windows)", "codepoint+crlf1", "ATLAS.ti"),
        ("MAXQDA 2022 (Release 22.4.0)", "codepoint", "MAXQDA"),
        ("QualCoder 3.5", "codepoint", "QualCoder"),
        ("qc 1.3.2", "codepoint", "qc (qualitative-coding)"),
        ("thematica (positions for NVivo)", "utf16", "thematica (for NVivo)"),
        ("Some Tool", "codepoint", "unknown"),
    ],
)
def test_origin_units(origin, unit, program):
    found, name = origin_unit(origin)
    assert (found.name, name) == (unit, program)


TEXT = (
    "Interviewer: How was it \U0001f600?\nP01: Honestly \U0001f44d\U0001f3fd it was good.\n"
    "P01: The staff \U0001f600 were kind and \U0001d538 quick.\nP01: I would go again \U0001f600 tomorrow.\n"
)
PHRASES = ["Honestly", "it was good", "The staff", "were kind", "quick", "I would go again", "tomorrow"]


def _selections(unit, *, carried: bool = False, text: str = TEXT) -> list[RawSelection]:
    counted = count_positions(text, unit)
    out = []
    for k, phrase in enumerate(PHRASES):
        a = text.index(phrase)
        name = phrase if carried else ""
        out.append(RawSelection("P01", f"s{k}", int(counted[a]), int(counted[a + len(phrase)]), (name, "")))
    return out


def _marked(choice, text=TEXT):
    return [text[v.start : v.end] for v in choice.verdicts]


def test_documented_unit_kept_when_word_boundaries_agree():
    choice = choose_unit({"P01": TEXT}, _selections(NVIVO), origin="NVivo for Windows 12.6", path=Path("x"))
    assert (choice.unit, choice.rule) == (NVIVO, "program's rule")
    assert _marked(choice) == PHRASES
    assert {v.status for v in choice.verdicts} == {"unverifiable"}


def test_unknown_origin_gets_the_unit_its_selections_fit(caplog):
    caplog.set_level(logging.WARNING)
    choice = choose_unit({"P01": TEXT}, _selections(NVIVO), origin="Unknown QDA 1.0", path=Path("x"))
    assert (choice.unit, choice.rule) == (NVIVO, "word boundaries")
    assert _marked(choice) == PHRASES
    assert "utf16, not as codepoint" in caplog.text


def test_carried_text_decides_the_unit_and_verifies_each_selection():
    selections = _selections(NVIVO, carried=True)
    choice = choose_unit({"P01": TEXT}, selections, origin="ATLAS.ti 9", path=Path("x"))
    assert (choice.unit, choice.rule) == (NVIVO, "selected text")
    assert {v.status for v in choice.verdicts} == {"verified"}
    assert _marked(choice) == PHRASES


def test_truncated_preview_verifies_and_a_wrong_text_is_a_mismatch():
    selections = _selections(CODEPOINT, carried=True)
    selections[5] = RawSelection("P01", "s5", selections[5].start, selections[5].end, ("I would go...", ""))
    selections[6] = RawSelection("P01", "s6", selections[6].start, selections[6].end, ("yesterday", ""))
    choice = choose_unit({"P01": TEXT}, selections, origin="QualCoder 3.5", path=Path("x"))
    assert [v.status for v in choice.verdicts] == ["verified"] * 6 + ["unplaced"]
    assert choice.verdicts[6].reason == "text_mismatch"
    assert "'yesterday'" in choice.verdicts[6].detail and "'tomorrow'" in choice.verdicts[6].detail


def test_labels_that_are_not_text_do_not_count_as_carried_text():
    selections = [
        RawSelection(s.source, s.guid, s.start, s.end, (f"line:{k}", ""))
        for k, s in enumerate(_selections(CODEPOINT))
    ]
    choice = choose_unit({"P01": TEXT}, selections, origin="qc 1.3.2", path=Path("x"))
    assert choice.rule == "program's rule"
    assert {v.status for v in choice.verdicts} == {"unverifiable"}


def test_positions_that_fit_no_unit_stop_the_import():
    shifted = [RawSelection(s.source, s.guid, s.start + 2, s.end + 2) for s in _selections(NVIVO)]
    with pytest.raises(ThematicaError) as info:
        choose_unit({"P01": TEXT}, shifted, origin="NVivo 14", path=Path("ana.qdpx"))
    message = str(info.value)
    assert message.startswith("ana.qdpx:") and "utf16" in message and "NVivo" in message
    assert "re-export" in message


def test_units_agree_without_astral_characters_bom_or_crlf():
    plain = "P01: Honestly it was good.\nP01: The staff were kind and quick.\n"
    selections = [
        RawSelection("P01", "a", plain.index("Honestly"), plain.index("Honestly") + 8),
        RawSelection("P01", "b", plain.index("quick"), plain.index("quick") + 5),
    ]
    choice = choose_unit({"P01": plain}, selections, origin="NVivo 14", path=Path("x"))
    assert (choice.unit, choice.rule) == (NVIVO, "units agree")


def test_nvivo_export_read_as_nvivo_lands_on_the_selected_words(tmp_path):
    """An NVivo-like export whose drift under code points grows with each emoji, as in real NVivo exports."""
    text = "".join(f"P01: Line {k} says \U0001f600 something {k} important.\r\n" for k in range(30))
    raw = "\ufeff" + text
    positions = count_positions(raw, NVIVO)
    selections = []
    for k in range(30):
        phrase = f"something {k} important"
        a = raw.index(phrase)
        selections.append(
            f'<PlainTextSelection guid="00000000-0000-4000-8000-{k:012d}" name="" '
            f'startPosition="{positions[a]}" endPosition="{positions[a + len(phrase)]}">'
            '<Description/><Coding guid="10000000-0000-4000-8000-000000000001">'
            '<CodeRef targetGUID="20000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>'
        )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p" '
        'origin="NVivo for Windows 12.6"><CodeBook><Codes><Code guid="20000000-0000-4000-8000-000000000001" '
        'name="Importance" isCodable="true"/></Codes></CodeBook><Sources>'
        '<TextSource guid="30000000-0000-4000-8000-000000000001" name="P01.docx" '
        'plainTextPath="internal://30000000-0000-4000-8000-000000000001.txt">'
        + "".join(selections)
        + "</TextSource>"
        "</Sources></Project>"
    )
    path = make_zip(
        tmp_path / "nvivo.qdpx",
        {
            "project.qde": qde.encode(),
            "Sources/30000000-0000-4000-8000-000000000001.txt": raw.encode("utf-8"),
        },
    )
    project = read_qdpx(path)
    assert project.unit == "utf16"
    marked = [project.sources["P01"][c.start : c.end] for c in project.codings]
    assert marked == [f"something {k} important" for k in range(30)]
