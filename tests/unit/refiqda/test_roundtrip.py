"""Tests that what thematica writes, thematica reads back unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.unit.refiqda.samples import CODES, CODINGS, SOURCES, USERS, sorted_codings, write_project
from thematica.refiqda import Coding, canonicalise, code_guid, project_xml, read_qdc, read_qdpx, write_qdc
from thematica.refiqda.units import WRITE_UNITS


def test_qdpx_round_trip(tmp_path: Path) -> None:
    project = read_qdpx(write_project(tmp_path / "study.qdpx"))
    assert project.sources == SOURCES
    assert project.raw_sources == SOURCES
    assert sorted(project.codes, key=lambda c: c.code) == sorted(CODES, key=lambda c: c.code)
    assert sorted_codings(project.codings) == sorted_codings(CODINGS)
    assert sorted(project.users.values()) == USERS
    assert project.name == "Clinic study"
    assert project.origin == "thematica"
    assert project.code_guids["trust"] == code_guid("trust").lower()
    for coding in project.codings:
        original = SOURCES[coding.source][coding.start : coding.end]
        assert project.sources[coding.source][coding.start : coding.end] == original


def test_round_trip_keeps_parents_before_children(tmp_path: Path) -> None:
    project = read_qdpx(write_project(tmp_path / "study.qdpx"))
    order = [c.code for c in project.codes]
    for code in project.codes:
        if code.parent is not None:
            assert order.index(code.parent) < order.index(code.code)


def test_qdc_round_trip(tmp_path: Path) -> None:
    path = write_qdc(tmp_path / "codebook.qdc", CODES)
    data = path.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert b'xmlns="urn:QDA-XML:codebook:1.0"' in data
    assert b'isCodable="true"' in data
    assert sorted(read_qdc(path), key=lambda c: c.code) == sorted(CODES, key=lambda c: c.code)
    assert write_qdc(tmp_path / "again.qdc", CODES).read_bytes() == data


HARD = {
    # a BOM, CRLF line breaks, emoji (astral: two UTF-16 units each) and a decomposed accent
    "P03": "\ufeffQ: And then?\r\nA: The cafe\u0301 \U0001f600 was \U0001f44d\U0001f3fd "
    "my refuge \U0001d538.\r\n"
    "A: Yes.\r\n",
}
HARD_WORDS = ["The cafe\u0301 \U0001f600 was", "my refuge", "\U0001d538", "Yes."]


@pytest.mark.parametrize("program", ["refi-qda", "nvivo", "atlas.ti"])
def test_round_trip_lands_on_the_same_text_in_every_unit(tmp_path: Path, program: str) -> None:
    text = HARD["P03"]
    codings = [Coding("P03", "trust", text.index(w), text.index(w) + len(w), "ana") for w in HARD_WORDS]
    path = write_project(tmp_path / "hard.qdpx", sources=HARD, codings=codings, for_program=program)
    project = read_qdpx(path)
    assert project.unit == WRITE_UNITS[program].name
    assert {c.status for c in project.checks} == {"verified"}  # each selection carries its text
    canonical = project.sources["P03"]
    marked = sorted((c.start, canonical[c.start : c.end]) for c in project.codings)
    assert [m for _, m in marked] == [canonicalise(w) for w in HARD_WORDS]


def test_nvivo_positions_count_utf16_units_without_the_bom(tmp_path: Path) -> None:
    text = HARD["P03"]
    start = text.index("my refuge")
    qde = project_xml(
        project_name="p",
        sources=HARD,
        codes=CODES,
        codings=[Coding("P03", "trust", start, start + 9, "ana")],
        users=["ana"],
        for_program="nvivo",
    ).decode()
    units = len(text[1:start].encode("utf-16-le")) // 2  # independent count: UTF-16 code units, no BOM
    assert f'startPosition="{units}" endPosition="{units + 9}"' in qde
    assert units == start - 1 + 3  # BOM not counted; three astral characters before it count two units each
    assert 'origin="thematica (positions for NVivo)"' in qde


def test_guids_are_lower_case(tmp_path: Path) -> None:
    qde = project_xml(project_name="p", sources=SOURCES, codes=CODES, codings=CODINGS, users=USERS).decode()
    guids = re.findall(r'(?:guid|GUID|creatingUser)="([^"]+)"', qde)
    assert guids and all(g == g.lower() for g in guids)


def _pyqdpx_selections(path: Path) -> list[tuple[str, str, str]]:
    from pyqdpx import QDPX

    project = QDPX(str(path)).get_project()
    out = []
    for source in project.sources.values():
        for sel in source.coded_selections.values():
            out.append((source.name, sel.code.name, sel.text.replace("\u200b", "")))
    return sorted(out)


def test_pyqdpx_reads_our_nvivo_export(tmp_path: Path) -> None:
    """pyqdpx models NVivo's rule (UTF-16 units, BOM dropped); it reads back every selection's text."""
    text = HARD["P03"]
    codings = [Coding("P03", "trust", text.index(w), text.index(w) + len(w), "ana") for w in HARD_WORDS]
    path = write_project(tmp_path / "hard.qdpx", sources=HARD, codings=codings, for_program="nvivo")
    got = _pyqdpx_selections(path)
    assert got == sorted(("P03", "Trust in clinicians", w) for w in HARD_WORDS)


def test_pyqdpx_reads_our_default_export(tmp_path: Path) -> None:
    got = _pyqdpx_selections(write_project(tmp_path / "study.qdpx"))
    labels = {c.code: c.label for c in CODES}
    want = [
        (c.source, labels[c.code], SOURCES[c.source][c.start : c.end])
        for c in CODINGS
        if not any(ord(ch) > 0xFFFF for ch in SOURCES[c.source][: c.end])  # code points = UTF-16 units here
    ]
    assert len(got) == len(CODINGS) and set(want) <= set(got)


def _qualcoder_import(path: Path) -> list[tuple[str, str]]:
    """QualCoder's importer logic (src/qualcoder/refi.py, load_text_source and load_codings_for_text): the
    source file read as UTF-8 in text mode, a space added after each line break when the file has CRLF line
    breaks and the origin is not ATLAS.ti, and each selection's text the slice [startPosition:endPosition]."""
    import io
    import xml.etree.ElementTree as ET
    import zipfile

    ns = "{urn:QDA-XML:project:1.0}"
    out = []
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("project.qde"))
        for source in root.iter(f"{ns}TextSource"):
            member = "sources/" + source.get("plainTextPath").removeprefix("internal://")
            data = archive.read(member)
            fulltext = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()
            if b"\r\n" in data and "ATLAS" not in root.get("origin"):
                fulltext = fulltext.replace("\n", "\n ")
            for sel in source.iter(f"{ns}PlainTextSelection"):
                a, b = int(sel.get("startPosition")), int(sel.get("endPosition"))
                out.append((source.get("name"), fulltext[a:b]))
    return sorted(out)


def test_qualcoder_import_logic_reads_our_default_export(tmp_path: Path) -> None:
    path = write_project(tmp_path / "study.qdpx")
    want = sorted((c.source, SOURCES[c.source][c.start : c.end]) for c in CODINGS)
    assert _qualcoder_import(path) == want
