"""Tests for thematica.refiqda.read: codebooks and exports from QDA packages."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.unit.refiqda.samples import ATLAS_RAW, NVIVO_RAW, fixture_bytes, make_zip, nvivo_archive
from thematica.errors import ThematicaError
from thematica.refiqda import Code, Coding, read_qdc, read_qdpx


def test_read_qdc_accepts_foreign_codebook(tmp_path: Path) -> None:
    path = tmp_path / "nvivo.qdc"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo">'
        '<Codes><Code guid="{11111111-1111-4111-8111-111111111111}" name="Other" isCodable="true">'
        '<Code guid="22222222-2222-4222-8222-222222222222" name="Other" isCodable="true">'
        "<Description>nested</Description></Code></Code></Codes></CodeBook>",
        encoding="utf-8",
    )
    codes = read_qdc(path)
    assert codes == [Code("Other", "Other"), Code("Other/Other", "Other", "nested", parent="Other")]


def test_read_qdc_errors(tmp_path: Path) -> None:
    with pytest.raises(ThematicaError, match="cannot read"):
        read_qdc(tmp_path / "missing.qdc")
    broken = tmp_path / "broken.qdc"
    broken.write_text("<CodeBook>\n<Codes>\n</CodeBook>", encoding="utf-8")
    with pytest.raises(ThematicaError) as info:
        read_qdc(broken)
    assert info.value.line == 3 and "broken.qdc" in str(info.value)
    empty = tmp_path / "empty.qdc"
    empty.write_text("<Something/>", encoding="utf-8")
    with pytest.raises(ThematicaError, match="Codes"):
        read_qdc(empty)


def test_nvivo_export_coder_comes_from_coding_element(tmp_path: Path) -> None:
    project = read_qdpx(nvivo_archive(tmp_path))
    assert project.origin == "NVivo for Windows 12.6"
    by_code = {c.code: c for c in project.codings}
    assert by_code["Trust"].user == "Coder Ana"
    assert by_code["Waiting"].user == "Coder Ana"
    # a Coding without creatingUser falls back to the selection's user
    assert by_code["Access"].user == "Project Owner"
    assert project.users["0b1f0d2e-0000-4000-8000-00000000000b"] == "Coder Ana"


def test_nvivo_export_crlf_bom_offsets_are_reanchored(tmp_path: Path) -> None:
    project = read_qdpx(nvivo_archive(tmp_path))
    text = project.sources["P01"]
    assert project.raw_sources["P01"] == NVIVO_RAW
    assert "\r" not in text and not text.startswith("\ufeff")
    spans = {c.code: text[c.start : c.end] for c in project.codings}
    assert spans["Trust"] == "I trust my doctor"
    assert spans["Waiting"] == "Waiting times are awful, honestly"
    assert spans["Access"] == "Waiting times are awful, honestly"
    trust = next(c for c in project.codings if c.code == "Trust")
    assert (trust.start, trust.end) == (
        39 - 1 - 1,
        56 - 1 - 1,
    )  # an astral emoji (2 units) and a CR precede it
    # NVivo's rule, the program's documented unit; no selection carries text, so none is verified
    assert (project.program, project.unit, project.unit_rule) == ("NVivo", "utf16", "program's rule")
    assert {c.status for c in project.checks} == {"unverifiable"}


def test_nvivo_positions_read_as_code_points_would_land_elsewhere(tmp_path: Path) -> None:
    """The old importer's rule (code points, BOM counted) marks other text: the fixture can tell."""
    from thematica.refiqda.units import UNITS, UnitText

    wrong = UnitText(NVIVO_RAW, UNITS["codepoint+bom"])
    assert NVIVO_RAW[wrong.to_raw(72) : wrong.to_raw(105)] != "Waiting times are awful, honestly"


def test_nvivo_export_code_hierarchy(tmp_path: Path) -> None:
    project = read_qdpx(nvivo_archive(tmp_path))
    assert project.codes == [
        Code("Relationships", "Relationships", "How participants relate to staff."),
        Code("Trust", "Trust", "Expressions of trust in clinicians.", parent="Relationships"),
        Code("Access", "Access"),
        Code("Waiting", "Waiting", parent="Access"),
    ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8"])
def test_source_text_encodings(tmp_path: Path, encoding: str) -> None:
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8": b"\xef\xbb\xbf"}[encoding]
    body = NVIVO_RAW.lstrip("\ufeff").encode(encoding)
    path = make_zip(
        tmp_path / "enc.qdpx",
        {
            "project.qde": fixture_bytes("nvivo_project.qde"),
            "sources/7A1B2C3D-0000-4000-8000-0000000000F1.txt": bom + body,
        },
    )
    project = read_qdpx(path)
    spans = {c.code: project.sources["P01"][c.start : c.end] for c in project.codings}
    assert spans["Trust"] == "I trust my doctor"


def test_atlas_export_renamed_project_file_and_capital_sources_folder(tmp_path: Path) -> None:
    path = make_zip(
        tmp_path / "atlas.qdpx",
        {
            "My Project.qde": fixture_bytes("atlas_project.qde"),
            "Sources/DD000000-0000-4000-8000-000000000001.txt": ATLAS_RAW.encode("utf-8"),
        },
    )
    project = read_qdpx(path)
    assert project.name == "My Project"
    assert list(project.sources) == ["P02"]
    text = project.sources["P02"]
    assert text == unicodedata.normalize("NFC", ATLAS_RAW)
    assert project.raw_sources["P02"] == ATLAS_RAW
    (coding,) = project.codings
    assert coding == Coding("P02", "Refuge", 46, 55, "Ben")
    assert text[coding.start : coding.end] == "my refuge"
    assert project.codes[1] == Code("Refuge", "Refuge", "Places that feel safe.", parent="Place")


def test_project_file_in_a_subfolder(tmp_path: Path) -> None:
    path = make_zip(
        tmp_path / "nested.qdpx",
        {
            "export/My Project.qde": fixture_bytes("atlas_project.qde"),
            "export/Sources/dd000000-0000-4000-8000-000000000001.txt": ATLAS_RAW.encode("utf-8"),
        },
    )
    assert read_qdpx(path).codings[0].user == "Ben"


def test_inline_plain_text_content(tmp_path: Path) -> None:
    project = read_qdpx(
        make_zip(tmp_path / "inline.qdpx", {"project.qde": fixture_bytes("inline_project.qde")})
    )
    assert project.sources == {"P03": "Hello there.\nHow are you?"}
    assert project.codings == [Coding("P03", "Greeting", 0, 5, "Cleo")]
