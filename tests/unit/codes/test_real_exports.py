"""Real exports written by QDA programs (tests/real_exports.py) go through the codes import: every coding
lands on the text its coder selected, or is listed with a reason."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile

import pandas as pd
import pytest

from tests.real_exports import real_export
from thematica.codes import import_codes
from thematica.errors import ThematicaError
from thematica.refiqda import read_qdpx

QC_DEMO = "qualitative_coding/demo.qdpx"


def _selection_lines(path) -> dict[str, int]:
    """Selection GUID -> the 0-based line its qc name ``line:N`` says it codes (read from the XML)."""
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("project.qde"))
    out = {}
    for sel in root.iter("{urn:QDA-XML:project:1.0}PlainTextSelection"):
        out[sel.get("guid")] = int(re.fullmatch(r"line:(\d+)", sel.get("name")).group(1))
    return out


@pytest.fixture(scope="module")
def qc_demo():
    path = real_export(QC_DEMO)
    return path, read_qdpx(path)


def test_qc_project_reads_every_coding_on_its_line(qc_demo):
    path, project = qc_demo
    assert (project.origin, project.program, project.unit) == (
        "qc 1.3.2",
        "qc (qualitative-coding)",
        "codepoint",
    )
    assert len(project.checks) == 205 and all(c.placed for c in project.checks)
    # sources have no name attribute: they are named by the stem of their plainTextPath
    assert sorted(project.sources) == ["admin-1", "board_2017"]
    assert project.source_keys["board_2017"][0] == ("plainTextPath", "board_2017")
    lines = _selection_lines(path)
    text = project.sources["board_2017"]
    by_line = text.split("\n")
    for check in project.checks:
        n = lines[check.selection]
        assert text[check.start : check.end] == by_line[n] + "\n"


def test_qc_project_through_the_codes_import(qc_demo):
    path, project = qc_demo
    result = import_codes([path], codebook=_codebook(project), texts=dict(project.sources))
    (row,) = result.ledger.to_dict("records")
    assert row["spans_in"] == 205 and row["spans_placed"] == 205 and row["spans_unplaced"] == 0
    assert (row["spans_verified"], row["spans_unverifiable"]) == (0, 205)  # qc's selections carry no text
    assert row["source_match"] == "plainTextPath:205" and row["unit"] == "codepoint" and row["reconciled"]
    assert set(result.codings["coder"]) == {"cp"}
    lines = project.sources["board_2017"].split("\n")
    marked = {
        project.sources[t][s:e]
        for t, s, e in zip(
            result.codings["transcript"], result.codings["start"], result.codings["end"], strict=True
        )
    }
    assert marked <= {line + "\n" for line in lines}


def _top(project, code: str) -> str:
    parents = {c.code: c.parent for c in project.codes}
    while parents[code] is not None:
        code = parents[code]
    return code


def _codebook(project) -> pd.DataFrame:
    rows = []
    for c in project.codes:
        if c.parent is not None:
            top = _top(project, c.code)
            rows.append(
                {
                    "code": c.code,
                    "theme": top,
                    "label": c.label,
                    "definition": "",
                    "theme_label": top,
                    "parent": c.parent,
                }
            )
    return pd.DataFrame(rows)


def test_qc_project_sources_match_transcripts_named_by_guid(qc_demo):
    """Transcripts named after the sources' GUIDs are matched by the last rule, and the ledger says so."""
    path, project = qc_demo
    guid = dict(project.source_keys["board_2017"])["guid"]
    result = import_codes([path], codebook=_codebook(project), texts={guid: project.sources["board_2017"]})
    (row,) = result.ledger.to_dict("records")
    assert row["source_match"] == "guid:205" and row["spans_placed"] == 205


def test_qc_project_without_matching_transcripts_stops_naming_the_sources(qc_demo):
    path, project = qc_demo
    with pytest.raises(ThematicaError) as info:
        import_codes([path], codebook=_codebook(project), texts={"interview_01": "P01: something else\n"})
    message = str(info.value)
    assert message.startswith(str(path)) and "none of its 205 codings" in message
    assert "'board_2017'" in message and "interview_01" in message and "name the transcript files" in message
