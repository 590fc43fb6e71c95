"""The code tree with isCodable flags, read without sources or codings; unions of trees."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest

from thematica.errors import ThematicaError
from thematica.refiqda import Code, write_qdc
from thematica.refiqda.codebook import read_code_tree, union_code_trees

DATA = Path(__file__).resolve().parents[2] / "data" / "refiqda"


def test_bare_project_file_keeps_the_codable_flags():
    tree = read_code_tree(DATA / "nvivo_project.qde")
    assert [(c.code, c.parent) for c in tree.codes] == [
        ("Relationships", None),
        ("Trust", "Relationships"),
        ("Access", None),
        ("Waiting", "Access"),
    ]
    assert tree.codable == {"Relationships": True, "Trust": True, "Access": False, "Waiting": True}


def test_union_keeps_the_first_parent_and_warns(tmp_path, caplog):
    a = read_code_tree(write_qdc(tmp_path / "a.qdc", [Code("t", "T"), Code("x", "X", parent="t")]))
    b_codes = [Code("u", "U"), Code("x", "X", parent="u"), Code("y", "Y", parent="u")]
    b = read_code_tree(write_qdc(tmp_path / "b.qdc", b_codes))
    with caplog.at_level(logging.WARNING, logger="thematica.refiqda.codebook"):
        tree = union_code_trees([a, b])
    assert [(c.code, c.parent) for c in tree.codes] == [("t", None), ("x", "t"), ("u", None), ("y", "u")]
    assert "code 'x' sits under 'u' here but under 't'" in caplog.text
    assert tree.sources == (tmp_path / "a.qdc", tmp_path / "b.qdc")


def test_qdpx_without_codebook_is_refused(tmp_path):
    path = tmp_path / "x.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", '<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>')
    with pytest.raises(ThematicaError, match="holds no <CodeBook><Codes>") as err:
        read_code_tree(path)
    assert err.value.path == str(path)
