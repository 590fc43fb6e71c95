"""Tests for thematica.refiqda.read on broken, corrupted and hostile archives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.refiqda.samples import (
    NVIVO_RAW,
    fixture_bytes,
    make_zip,
    nvivo_archive,
    nvivo_with,
    write_project,
)
from thematica.errors import ThematicaError
from thematica.refiqda import read_qdpx


def test_error_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "plain.qdpx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(ThematicaError, match=r"cannot be opened as a \.qdpx \(zip\) archive") as info:
        read_qdpx(path)
    assert "plain.qdpx" in str(info.value)


def test_error_truncated_zip(tmp_path: Path) -> None:
    whole = write_project(tmp_path / "whole.qdpx").read_bytes()
    path = tmp_path / "cut.qdpx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ThematicaError, match="re-export"):
        read_qdpx(path)


def test_error_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ThematicaError, match="does not exist"):
        read_qdpx(tmp_path / "nope.qdpx")


def test_error_no_qde(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "empty.qdpx", {"sources/a.txt": b"hello"})
    with pytest.raises(ThematicaError, match=r"no project file \(\*\.qde\)"):
        read_qdpx(path)


def test_error_several_qde(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "two.qdpx", {"a.qde": b"<Project/>", "b.qde": b"<Project/>"})
    with pytest.raises(ThematicaError, match="several project files"):
        read_qdpx(path)


def test_error_xml_parse_has_line_number(tmp_path: Path) -> None:
    path = nvivo_with(tmp_path, "<Sources>", "<Sources><<")
    with pytest.raises(ThematicaError) as info:
        read_qdpx(path)
    assert info.value.line == 20
    assert "line 20" in str(info.value) and "project.qde" in str(info.value)


def test_error_wrong_root(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "root.qdpx", {"project.qde": b"<CodeBook/>"})
    with pytest.raises(ThematicaError, match="not <Project>"):
        read_qdpx(path)


def test_error_missing_source_text(tmp_path: Path) -> None:
    path = nvivo_with(tmp_path, "<Sources>", "<Sources>", with_text=False)
    with pytest.raises(ThematicaError, match="source 'P01'.*text is missing"):
        read_qdpx(path)


def test_error_unknown_code(tmp_path: Path) -> None:
    path = nvivo_with(
        tmp_path,
        'targetGUID="C1000000-0000-4000-8000-000000000002"',
        'targetGUID="99999999-0000-4000-8000-000000000002"',
    )
    with pytest.raises(ThematicaError) as info:
        read_qdpx(path)
    message = str(info.value)
    assert "99999999-0000-4000-8000-000000000002" in message
    assert "5E100000-0000-4000-8000-000000000001" in message


@pytest.mark.parametrize(
    ("new", "needle"),
    [
        ('startPosition="39" endPosition="500"', "39..500"),
        ('startPosition="56" endPosition="39"', "56..39"),
        ('startPosition="-1" endPosition="56"', "-1..56"),
    ],
)
def test_selection_outside_the_text_is_listed_not_placed(tmp_path: Path, new: str, needle: str) -> None:
    path = nvivo_with(tmp_path, 'startPosition="39" endPosition="56"', new)
    project = read_qdpx(path)
    bad = [c for c in project.checks if c.status == "unplaced"]
    assert [(c.code, c.reason, c.selection) for c in bad] == [
        ("Trust", "outside_text", "5E100000-0000-4000-8000-000000000001")
    ]
    assert needle in bad[0].detail and "utf16" in bad[0].detail
    assert {c.code for c in project.codings} == {"Waiting", "Access"}  # the others are still placed


def test_selection_splitting_an_astral_character_is_outside_the_text(tmp_path: Path) -> None:
    # position 31 lies between the two UTF-16 units of the emoji after "feel? "
    project = read_qdpx(
        nvivo_with(tmp_path, 'startPosition="39" endPosition="56"', 'startPosition="31" endPosition="56"')
    )
    (bad,) = [c for c in project.checks if c.status == "unplaced"]
    assert bad.reason == "outside_text"


def test_most_codings_outside_the_text_stop_the_import(tmp_path: Path) -> None:
    path = nvivo_with(
        tmp_path, 'startPosition="72" endPosition="105"', 'startPosition="72" endPosition="900"'
    )
    with pytest.raises(ThematicaError) as info:
        read_qdpx(path)
    message = str(info.value)
    assert "broken.qdpx" in message and "2 of its 3 codings" in message and "utf16" in message
    assert "NVivo" in message and "re-export" in message


def test_error_position_not_an_integer(tmp_path: Path) -> None:
    path = nvivo_with(tmp_path, 'startPosition="39"', 'startPosition="3x"')
    with pytest.raises(ThematicaError) as info:
        read_qdpx(path)
    message = str(info.value)
    assert "'3x'" in message
    assert "'P01'" in message and "5E100000-0000-4000-8000-000000000001" in message


def test_error_undecodable_source_text(tmp_path: Path) -> None:
    path = make_zip(
        tmp_path / "latin1.qdpx",
        {
            "project.qde": fixture_bytes("nvivo_project.qde"),
            "sources/7a1b2c3d-0000-4000-8000-0000000000f1.txt": "caf\u00e9".encode("latin-1"),
        },
    )
    with pytest.raises(ThematicaError, match="not valid UTF-8"):
        read_qdpx(path)


def test_error_duplicate_source_names(tmp_path: Path) -> None:
    qde = fixture_bytes("inline_project.qde").decode("utf-8")
    start = qde.index("<TextSource")
    end = qde.index("</TextSource>") + len("</TextSource>")
    twin = qde[start:end].replace("DD000000", "DD000001")
    path = make_zip(
        tmp_path / "dup.qdpx", {"project.qde": qde.replace("</Sources>", twin + "</Sources>").encode()}
    )
    with pytest.raises(ThematicaError, match="two sources are named 'P03'"):
        read_qdpx(path)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blob=st.binary(max_size=2048))
def test_arbitrary_bytes_never_crash_the_reader(tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "fuzz.qdpx"
    path.write_bytes(blob)
    try:
        read_qdpx(path)
    except ThematicaError:
        pass


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_corrupted_exports_never_crash_the_reader(tmp_path: Path, data) -> None:
    whole = bytearray(nvivo_archive(tmp_path).read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        whole[data.draw(st.integers(0, len(whole) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "corrupt.qdpx"
    path.write_bytes(bytes(whole))
    try:
        read_qdpx(path)
    except ThematicaError:
        pass


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mangled_project_xml_never_crashes_the_reader(tmp_path: Path, data) -> None:
    qde = fixture_bytes("nvivo_project.qde").decode("utf-8")
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(qde)))
        j = data.draw(st.integers(i, min(len(qde), i + 40)))
        qde = (
            qde[:i]
            + data.draw(st.text(alphabet='<>/"= {}-0123456789abcdefCodingSel\n', max_size=12))
            + qde[j:]
        )
    path = make_zip(
        tmp_path / "mangled.qdpx",
        {
            "project.qde": qde.encode("utf-8"),
            "sources/7a1b2c3d-0000-4000-8000-0000000000f1.txt": NVIVO_RAW.encode("utf-8"),
        },
    )
    try:
        read_qdpx(path)
    except ThematicaError:
        pass


def test_project_breaking_the_schema_warns_once_and_is_read(tmp_path: Path, caplog) -> None:
    """A selection without its required guid breaks Project.xsd: one warning, the codings still read."""
    import logging

    caplog.set_level(logging.WARNING)
    path = nvivo_with(tmp_path, 'guid="5E100000-0000-4000-8000-000000000001" ', "")
    project = read_qdpx(path)
    warnings = [r.getMessage() for r in caplog.records if "schema" in r.getMessage()]
    assert len(warnings) == 1 and "broken.qdpx" in warnings[0] and "re-export" in warnings[0]
    assert "\n" not in warnings[0]
    assert len(project.checks) == 3 and all(c.placed for c in project.checks)


def test_valid_project_gives_no_schema_warning(tmp_path: Path, caplog) -> None:
    import logging

    caplog.set_level(logging.WARNING)
    read_qdpx(nvivo_archive(tmp_path))
    assert not [r for r in caplog.records if "schema" in r.getMessage()]
