"""Tests that what thematica writes, thematica reads back unchanged."""

from __future__ import annotations

from pathlib import Path

from tests.unit.refiqda.samples import CODES, CODINGS, SOURCES, USERS, sorted_codings, write_project
from thematica.refiqda import code_guid, read_qdc, read_qdpx, write_qdc


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
