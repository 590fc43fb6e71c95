"""Tests for thematica.refiqda.validate: schema validation with the bundled Project.xsd."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.unit.refiqda.samples import write_project
from thematica.errors import ThematicaError
from thematica.refiqda import PROJECT_XSD, validate_project_xml, write_qdpx


def test_written_project_validates_against_schema(tmp_path: Path) -> None:
    path = write_project(tmp_path / "study.qdpx")
    with zipfile.ZipFile(path) as archive:
        qde = archive.read("project.qde")
    validate_project_xml(qde, PROJECT_XSD)
    import xmlschema

    xmlschema.XMLSchema(str(PROJECT_XSD)).validate(io.BytesIO(qde))


def test_minimal_project_without_codes_or_users_validates(tmp_path: Path) -> None:
    path = write_qdpx(tmp_path / "m.qdpx", project_name="M", sources={}, codes=[], codings=[], users=[])
    with zipfile.ZipFile(path) as archive:
        validate_project_xml(archive.read("project.qde"), PROJECT_XSD)


def test_validate_project_xml_reports_schema_errors() -> None:
    bad = (
        b'<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0">'
        b'<CodeBook><Codes><Code guid="not-a-guid" name="x"/></Codes></CodeBook></Project>'
    )
    with pytest.raises(ThematicaError) as info:
        validate_project_xml(bad, PROJECT_XSD)
    message = str(info.value)
    assert "project.qde" in message
    assert "isCodable" in message or "name" in message
    with pytest.raises(ThematicaError, match="line 1"):
        validate_project_xml(b"<Project", PROJECT_XSD)


def test_validate_project_xml_defaults_to_the_bundled_schema(tmp_path: Path) -> None:
    path = write_project(tmp_path / "study.qdpx")
    with zipfile.ZipFile(path) as archive:
        validate_project_xml(archive.read("project.qde"))
    with pytest.raises(ThematicaError, match="does not match the REFI-QDA project schema"):
        validate_project_xml(b'<Project xmlns="urn:QDA-XML:project:1.0"><Nonsense/></Project>')


def test_bundled_schema_is_the_shared_project_xsd() -> None:
    assert PROJECT_XSD.is_file()
    repo = Path(__file__).resolve().parents[3]
    shared = repo.parent / "shared" / "refi-qda" / "Project.xsd"
    if not shared.is_file():
        pytest.skip(f"{shared} not available")
    assert PROJECT_XSD.read_bytes() == shared.read_bytes()
