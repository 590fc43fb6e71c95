"""Codebook from CSV or REFI-QDA .qdc; resolving export code names."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from thematica.codes.codebook import CodeMatcher, read_codebook
from thematica.errors import ThematicaError
from thematica.refiqda import Code, write_qdc

DEMO = Path(__file__).resolve().parents[3] / "data" / "raw"


@pytest.mark.parametrize("study", ["demo_physicians", "demo_alliance"])
def test_csv_and_qdc_give_the_same_codes(study):
    csv_book = read_codebook(DEMO / study / "codebook.csv")
    qdc_book = read_codebook(DEMO / study / "codebook.qdc")
    cols = ["code", "theme", "label", "definition", "parent"]
    pd.testing.assert_frame_equal(csv_book[cols], qdc_book[cols])
    assert list(csv_book.columns[:6]) == ["code", "theme", "label", "definition", "theme_label", "parent"]
    assert (qdc_book["theme_label"] != qdc_book["theme"]).all()  # the .qdc knows the theme labels


def test_extra_csv_columns_are_kept():
    book = read_codebook(DEMO / "demo_alliance" / "codebook.csv")
    assert "bordin" in book.columns
    assert set(book["bordin"]) == {"", "goal", "task", "bond"}


def test_nested_qdc_uses_the_top_level_ancestor_as_theme(tmp_path):
    path = write_qdc(
        tmp_path / "book.qdc",
        [
            Code("access", "Access"),
            Code("barriers", "Barriers", parent="access"),
            Code("waiting", "Waiting times", "How long.", parent="barriers"),
            Code("lonely", "Loneliness"),
        ],
    )
    book = read_codebook(path).set_index("code")
    assert book.loc["waiting", "theme"] == "access"
    assert book.loc["waiting", "parent"] == "barriers"
    assert book.loc["barriers", "theme"] == "access"
    assert "access" not in book.index  # a theme with children is not a code
    assert book.loc["lonely", "theme"] == "lonely"  # a childless top-level code is its own theme


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ("code,label\nx,X\n", "missing column(s) ['theme']", 1),
        ("code,theme\nx,t\nx,u\n", "duplicate code 'x' (also on line 2)", 3),
        ("code,theme\nx,\n", "empty 'theme'", 2),
        ("code,theme\n,t\n", "empty 'code'", 2),
        ("code,theme\n", "holds no codes", None),
    ],
)
def test_bad_csv_codebook(tmp_path, content, message, line):
    path = tmp_path / "codebook.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ThematicaError) as err:
        read_codebook(path)
    assert message in str(err.value)
    assert err.value.path == str(path)
    assert err.value.line == line


def test_unsupported_codebook_type(tmp_path):
    path = tmp_path / "codebook.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(ThematicaError, match="unsupported codebook type"):
        read_codebook(path)


def test_corrupt_qdc(tmp_path):
    path = tmp_path / "codebook.qdc"
    path.write_text("<CodeBook><Codes><Code name='x'></CodeBook>", encoding="utf-8")
    with pytest.raises(ThematicaError, match="not well-formed XML"):
        read_codebook(path)


@pytest.fixture()
def matcher():
    book = pd.DataFrame(
        {
            "code": ["trust", "wait", "wait_er", "Trust_2"],
            "theme": ["rel", "access", "access", "rel"],
            "label": ["Trust in clinicians", "Waiting", "Emergency waits", "Trust in clinicians"],
            "theme_label": ["Relationships", "Access", "Access", "Relationships"],
        }
    )
    return CodeMatcher(book)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["wait"], ("wait", "")),
        (["Emergency waits"], ("wait_er", "")),
        (["emergency-waits"], ("wait_er", "")),
        (["WAIT ER"], ("wait_er", "")),
        (["guid-123", "Waiting"], ("wait", "")),
        (["Trust in clinicians"], (None, "unknown")),  # two codes share the label: no guess
        (["Relationships"], (None, "theme")),
        (["access"], (None, "theme")),
        (["Parking"], (None, "unknown")),
    ],
)
def test_code_matcher(matcher, names, expected):
    assert matcher.resolve(names) == expected
