"""Codebooks from code trees: .qdpx without a codebook file, unions, .qdc members, deep trees, folders."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from tests.real_exports import real_export
from thematica.codes import find_code_files, read_codebook
from thematica.codes.codebook import CodeMatcher, map_code_tree
from thematica.codes.schemas import CODEBOOK
from thematica.errors import ThematicaError
from thematica.refiqda import Code, Coding, codebook_xml, write_qdpx
from thematica.refiqda.codebook import read_code_tree
from thematica.schemas import validated

ROOT = Path(__file__).resolve().parents[3]
NVIVO_FIXTURE = ROOT / "tests" / "data" / "refiqda" / "nvivo_project.qde"
NVIVO_REAL = "qualitative_coding/refi_qda/nvivo_project.qdpx"
TEXT = "I trust the nurses. The wait was long."


def _qdpx(path: Path, codes: list[Code], coded: str, user: str = "ana") -> Path:
    return write_qdpx(
        path,
        project_name="p",
        sources={"P01": TEXT},
        codes=codes,
        codings=[Coding("P01", coded, 0, 18, user)],
        users=[user],
    )


def _project_xml(codes_xml: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="p">'
        f"<CodeBook><Codes>{codes_xml}</Codes></CodeBook></Project>"
    ).encode()


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _code(guid: int, name: str, codable: bool = True, children: str = "") -> str:
    flag = "true" if codable else "false"
    return (
        f'<Code guid="C0000000-0000-4000-8000-{guid:012d}" name="{name}" isCodable="{flag}">{children}</Code>'
    )


# Folder "Project nodes" (non-codable, 4 levels) > Care > Relationships > Trust, Continuity;
# Care > Access (non-codable) > Waiting; and a non-codable "Access points" with only leaves (a theme).
DEEP = _code(
    1,
    "Project nodes",
    False,
    _code(
        2,
        "Care",
        True,
        _code(3, "Relationships", True, _code(4, "Trust") + _code(5, "Continuity"))
        + _code(6, "Barriers", False, _code(7, "Waiting")),
    )
    + _code(8, "Loneliness"),
) + _code(9, "Access points", False, _code(10, "Parking"))


def test_study_without_codebook_file_reads_the_qdpx(tmp_path):
    codes = [Code("rel", "Relationships"), Code("trust", "Trust", "Trust in staff.", parent="rel")]
    (tmp_path / "codes").mkdir()
    export = _qdpx(tmp_path / "codes" / "ana.qdpx", codes, "trust")
    files = find_code_files(tmp_path)
    assert files.codebook == [export]
    assert files.codebook_files == [export]
    book = validated(read_codebook(files.codebook), CODEBOOK)
    assert book.to_dict("records") == [
        {
            "code": "trust",
            "theme": "rel",
            "label": "Trust",
            "definition": "Trust in staff.",
            "theme_label": "Relationships",
            "parent": "rel",
            "level": 2,
            "path": "Relationships > Trust",
        }
    ]


def test_study_without_any_codebook_still_fails(tmp_path):
    (tmp_path / "codes").mkdir()
    (tmp_path / "codes" / "ana.csv").write_text("coder,transcript,code,start,end\na,P01,x,0,1\n")
    with pytest.raises(ThematicaError, match="no codebook; add codebook.csv"):
        find_code_files(tmp_path)


def test_a_codebook_file_wins_over_the_qdpx(tmp_path):
    (tmp_path / "codes").mkdir()
    _qdpx(tmp_path / "codes" / "ana.qdpx", [Code("t", "T"), Code("x", "X", parent="t")], "x")
    (tmp_path / "codebook.csv").write_text("code,theme\nx,t\n")
    assert find_code_files(tmp_path).codebook == tmp_path / "codebook.csv"


def test_union_of_two_qdpx_counts_a_shared_code_once(tmp_path, caplog):
    a = _qdpx(
        tmp_path / "a.qdpx",
        [Code("rel", "Relationships"), Code("trust", "Trust", "From a.", parent="rel")],
        "trust",
        "ana",
    )
    b = _qdpx(
        tmp_path / "b.qdpx",
        [
            Code("access", "Access"),
            Code("waiting", "Waiting", parent="access"),
            Code("rel", "Relationships"),
            Code("trust", "Trust", "From b.", parent="rel"),
            Code("continuity", "Continuity", parent="rel"),
        ],
        "waiting",
        "ben",
    )
    with caplog.at_level(logging.INFO, logger="thematica.codes.codebook"):
        book = read_codebook([a, b])
    assert "a.qdpx, b.qdpx" in caplog.text
    assert list(book["code"]) == ["trust", "continuity", "waiting"]  # a's tree first, b's new codes in place
    assert list(book["theme"]) == ["rel", "rel", "access"]
    assert book.set_index("code").loc["trust", "definition"] == "From a."  # the first file wins
    assert list(book["path"]) == ["Relationships > Trust", "Relationships > Continuity", "Access > Waiting"]
    assert read_codebook([b, a])["code"].tolist() == ["waiting", "trust", "continuity"]


def test_a_qdc_member_inside_the_qdpx_is_the_codebook(tmp_path):
    qdc = codebook_xml([Code("place", "Place"), Code("refuge", "Refuge", "A safe place.", parent="place")])
    project = _project_xml(_code(1, "Other", True, _code(2, "Ignored")))
    path = _zip(tmp_path / "team.qdpx", {"project.qde": project, "codebook.qdc": qdc})
    book = read_codebook(path)
    assert book[["code", "theme", "definition", "path"]].values.tolist() == [
        ["refuge", "place", "A safe place.", "Place > Refuge"]
    ]


def test_two_qdc_members_are_refused(tmp_path):
    qdc = codebook_xml([Code("a", "A")])
    path = _zip(tmp_path / "x.qdpx", {"project.qde": _project_xml(""), "a.qdc": qdc, "b.qdc": qdc})
    with pytest.raises(ThematicaError, match="several codebooks"):
        read_codebook(path)


def test_deep_tree_theme_level_1_sets_the_folder_aside(tmp_path):
    path = _zip(tmp_path / "nvivo.qdpx", {"project.qde": _project_xml(DEEP)})
    tree = read_code_tree(path)
    assert tree.codable["Project nodes"] is False and tree.codable["Care"] is True
    book = validated(read_codebook(path), CODEBOOK).set_index("code")
    assert list(book.index) == ["Relationships", "Trust", "Continuity", "Waiting", "Loneliness", "Parking"]
    # Care (the folder's child) is the theme; Barriers is non-codable so it only groups Waiting
    assert book.loc["Trust", ["theme", "parent", "level", "path"]].tolist() == [
        "Care",
        "Relationships",
        3,
        "Care > Relationships > Trust",
    ]
    assert book.loc["Relationships", ["theme", "parent", "level"]].tolist() == ["Care", "Care", 2]
    assert book.loc["Waiting", ["parent", "path"]].tolist() == ["Barriers", "Care > Barriers > Waiting"]
    # a childless top-level code is its own theme; a non-codable theme with leaves stays a theme
    assert book.loc["Loneliness", ["theme", "parent", "level"]].tolist() == ["Loneliness", "Loneliness", 1]
    assert book.loc["Parking", ["theme", "theme_label", "level"]].tolist() == [
        "Access points",
        "Access points",
        2,
    ]
    assert "Care" not in book.index and "Project nodes" not in set(book["path"].str.split(" > ").sum())


def test_deep_tree_theme_level_2_keeps_the_level_above_as_path(tmp_path):
    path = _zip(tmp_path / "nvivo.qdpx", {"project.qde": _project_xml(DEEP)})
    book = read_codebook(path, theme_level=2).set_index("code")
    assert list(book.index) == ["Trust", "Continuity", "Waiting", "Loneliness", "Parking"]
    assert book.loc[["Trust", "Continuity"], "theme"].tolist() == ["Relationships", "Relationships"]
    assert book.loc["Trust", ["parent", "level", "path"]].tolist() == [
        "Relationships",
        3,
        "Care > Relationships > Trust",
    ]
    assert book.loc["Waiting", ["theme", "parent"]].tolist() == ["Barriers", "Barriers"]
    # Loneliness ends above the theme level: its own theme; Parking is now a theme
    assert book.loc["Loneliness", ["theme", "level"]].tolist() == ["Loneliness", 1]
    assert book.loc["Parking", ["theme", "level", "path"]].tolist() == [
        "Parking",
        2,
        "Access points > Parking",
    ]
    matcher = CodeMatcher(book.reset_index())
    assert matcher.resolve(["Care"]) == (None, "theme")  # a grouping code is not a code
    with pytest.raises(ThematicaError, match="theme_level is 4 but the deepest code .* is at level 3"):
        read_codebook(path, theme_level=4)


def test_theme_codes_keeps_an_applied_codable_theme():
    tree = [Code("care", "Care"), Code("trust", "Trust", parent="care"), Code("folder", "F")]
    tree += [Code("a", "A", parent="folder"), Code("b", "B", parent="a"), Code("c", "C", parent="b")]
    tree += [Code("g", "G"), Code("h", "H", parent="g")]
    codable = {"folder": False, "a": False, "g": False}
    default = map_code_tree(tree, codable)
    # F and then A are folders (non-codable, grandchildren): B is a theme; G (non-codable, leaves) a theme
    assert default[["code", "theme"]].values.tolist() == [["trust", "care"], ["c", "b"], ["h", "g"]]
    kept = map_code_tree(tree, codable, theme_codes=True)
    assert kept["code"].tolist() == ["care", "trust", "b", "c", "h"]  # G is not codable: never a code
    assert kept.iloc[0][["theme", "parent", "level", "path"]].tolist() == ["care", "care", 1, "Care"]
    assert CodeMatcher(default).resolve(["Care"]) == (None, "theme")
    assert CodeMatcher(kept).resolve(["Care"]) == ("care", "")


def test_nvivo_fixture_non_codable_access_stays_a_theme():
    book = read_codebook(NVIVO_FIXTURE).set_index("code")
    assert book.loc["Waiting", ["theme", "parent", "level", "path"]].tolist() == [
        "Access",
        "Access",
        2,
        "Access > Waiting",
    ]
    assert book.loc["Trust", "theme"] == "Relationships"


def test_csv_codebook_gets_level_and_path(tmp_path):
    path = tmp_path / "codebook.csv"
    path.write_text(
        "code,theme,label,parent\nrel,rel,Relationships,\ntrust,rel,Trust,\ndeep,rel,Deep,trust\n"
    )
    book = validated(read_codebook(path), CODEBOOK)
    assert book[["code", "level", "path"]].values.tolist() == [
        ["rel", 1, "Relationships"],
        ["trust", 2, "rel > Trust"],
        ["deep", 3, "rel > Trust > Deep"],
    ]
    assert list(book.columns[:8]) == list(CODEBOOK.columns)


@pytest.fixture(scope="module")
def nvivo_real():
    return real_export(NVIVO_REAL)


def test_real_nvivo_mac_project_codebook(nvivo_real, tmp_path):
    tree = read_code_tree(nvivo_real)
    assert len(tree.codes) == 262 and all(tree.codable.values())
    by_id = {c.code: c for c in tree.codes}
    assert [c.code for c in tree.codes if c.parent is None] == [
        "rq1_definition",
        "rq2_curriculum_and_instruction",
        "rq3_process",
    ]
    assert by_id["abstraction"].parent == "concepts" and by_id["concepts"].parent == "rq1_definition"
    # "programming" is named twice: both get their Parent/Child path as id
    assert "programming" not in by_id
    assert by_id["rq1_definition/competencies/programming"].parent == "competencies"

    level1 = read_codebook(nvivo_real).set_index("code")
    assert len(level1) == 259 and set(level1["theme"]) == set(by_id) - set(level1.index)
    assert level1.loc["abstraction", ["theme", "parent", "level", "path"]].tolist() == [
        "rq1_definition",
        "concepts",
        3,
        "rq1_definition > concepts > abstraction",
    ]
    assert level1.loc["concepts", ["theme", "level"]].tolist() == ["rq1_definition", 2]  # a parent, codable
    assert level1["level"].max() == 7

    level2 = read_codebook(nvivo_real, theme_level=2).set_index("code")
    themes = [
        c.code
        for c in tree.codes
        if c.parent in {"rq1_definition", "rq2_curriculum_and_instruction", "rq3_process"}
    ]
    assert len(themes) == 18
    # 262 - 3 grouping codes - 18 themes, plus the two themes without sub-codes as their own codes
    assert len(level2) == 243
    assert set(level2["theme"]) == set(themes)
    assert level2.loc["abstraction", ["theme", "level"]].tolist() == ["concepts", 3]
    assert level2.loc["importance_of_defining_cs", ["theme", "level"]].tolist() == [
        "importance_of_defining_cs",
        2,
    ]

    # the export's project.qde has no BOM; one in front of the XML declaration still parses the same
    with zipfile.ZipFile(nvivo_real) as archive:
        data = archive.read("project.qde")
    assert data.startswith(b"<?xml")
    bom = _zip(tmp_path / "bom.qdpx", {"project.qde": b"\xef\xbb\xbf" + data})
    pd.testing.assert_frame_equal(read_codebook(bom).set_index("code"), level1)
