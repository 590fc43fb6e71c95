"""Tests for thematica.refiqda.write: the .qdpx and .qdc writers."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.unit.refiqda.samples import CODES, CODINGS, SOURCES, write_project
from thematica.errors import ThematicaError
from thematica.refiqda import Code, Coding, source_guid, write_qdc


def test_archive_layout(tmp_path: Path) -> None:
    path = write_project(tmp_path / "study.qdpx")
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names[0] == "project.qde"
        assert set(names[1:]) == {f"sources/{source_guid(n)}.txt" for n in SOURCES}
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)
        text = archive.read(f"sources/{source_guid('P02')}.txt")
        assert text == SOURCES["P02"].encode("utf-8")
        qde = archive.read("project.qde").decode("utf-8")
    assert qde.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert f'plainTextPath="internal://{source_guid("P01")}.txt"' in qde
    assert "DateTime" not in qde


def test_write_qdpx_is_byte_deterministic(tmp_path: Path) -> None:
    first = write_project(tmp_path / "a.qdpx").read_bytes()
    second = write_project(tmp_path / "b.qdpx").read_bytes()
    shuffled = write_project(
        tmp_path / "c.qdpx",
        sources=dict(reversed(list(SOURCES.items()))),
        codings=list(reversed(CODINGS)),
    ).read_bytes()
    assert first == second == shuffled
    changed = write_project(tmp_path / "d.qdpx", project_name="Other").read_bytes()
    assert changed != first


@pytest.mark.parametrize(
    ("overrides", "needle"),
    [
        ({"codings": [Coding("P09", "trust", 0, 1, "ana")]}, "P09"),
        ({"codings": [Coding("P01", "nope", 0, 1, "ana")]}, "nope"),
        ({"codings": [Coding("P01", "trust", 0, 1, "zed")]}, "zed"),
        ({"codings": [Coding("P01", "trust", 5, 500, "ana")]}, "500"),
        ({"codings": [Coding("P01", "trust", 5, 4, "ana")]}, "5..4"),
        ({"codes": [*CODES, Code("trust", "again")]}, "twice"),
        ({"codes": [Code("a", "A", parent="ghost")], "codings": []}, "ghost"),
        ({"codes": [Code("a", "A", parent="b"), Code("b", "B", parent="a")], "codings": []}, "cycle"),
        ({"codes": [Code("a", "bad\x01label")], "codings": []}, "U+0001"),
        ({"codes": [Code("a]b", "AB")], "codings": []}, "simple id"),
    ],
)
def test_write_qdpx_rejects_inconsistent_input(tmp_path: Path, overrides: dict, needle: str) -> None:
    with pytest.raises(ThematicaError, match=re.escape(needle)):
        write_project(tmp_path / "bad.qdpx", **overrides)


def test_qdc_nests_children_and_omits_marker_when_id_is_label(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(write_qdc(tmp_path / "c.qdc", CODES).read_bytes())
    ns = {"q": "urn:QDA-XML:codebook:1.0"}
    themes = root.findall("q:Codes/q:Code", ns)
    assert [t.get("name") for t in themes] == ["Relationships", "Access"]
    access_children = [c.get("name") for c in themes[1].findall("q:Code", ns)]
    assert access_children == ["Waiting", "Cost"]
    cost = themes[1].findall("q:Code", ns)[1]
    assert cost.find("q:Description", ns) is None
