"""Bad coder exports: a clear error naming the file and place, or a listed QA row."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from tests.unit.codes.fixtures import EXPORTS, MINI, mini_texts, nvivo_sources
from thematica.codes import find_code_files, import_codes, merge_consensus, read_codebook, read_export
from thematica.errors import ThematicaError

BOOK = read_codebook(MINI / "codebook.csv")
TEXT1 = mini_texts()["interview_01"]


def _csv(tmp_path: Path, body: str, name: str = "coder.csv") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def _import(*paths, coders=None):
    return import_codes(list(paths), codebook=BOOK, texts=mini_texts(), coders=coders)


def test_code_not_in_codebook_names_file_code_and_line(tmp_path):
    path = _csv(
        tmp_path,
        "coder,transcript,code,start,end\nx,interview_01,trust,0,5\nx,interview_01,parking,5,9\n"
        "x,interview_01,parking,9,12\n",
    )
    with pytest.raises(ThematicaError) as err:
        _import(path)
    assert err.value.path == str(path)
    assert err.value.message.startswith(
        "code 'parking' is not in the codebook (2 coding(s), first at line 3)"
    )
    assert "add the code to the codebook" in err.value.message


def test_unknown_codes_in_several_exports_are_listed_together(tmp_path):
    one = _csv(tmp_path, "coder,transcript,code,start,end\nx,interview_01,parking,0,5\n", "one.csv")
    two = _csv(tmp_path, "coder,transcript,code,text\ny,interview_01,Relationships,I trust\n", "two.csv")
    with pytest.raises(ThematicaError) as err:
        _import(one, two)
    assert err.value.path == str(tmp_path)
    assert (
        "one.csv: code 'parking' is not in the codebook (1 coding(s), first at line 2)" in err.value.message
    )
    assert "two.csv: code 'Relationships' is a theme, not a code" in err.value.message


def test_theme_used_as_a_code(tmp_path):
    path = _csv(tmp_path, "coder,transcript,code,start,end\nx,interview_01,Relationships,0,5\n")
    with pytest.raises(ThematicaError, match="code 'Relationships' is a theme, not a code") as err:
        _import(path)
    assert "codes.theme_codes: true" in err.value.message


def test_unknown_code_in_qdpx_names_the_source_and_characters(tmp_path):
    qde = (EXPORTS / "atlas_project.qde").read_text(encoding="utf-8").replace('name="cost"', 'name="Parking"')
    path = tmp_path / "ben.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/E0000000-0000-4000-8000-000000000001.txt", TEXT1)
    with pytest.raises(
        ThematicaError,
        match=r"ben.qdpx: code 'Parking' is not in the codebook \(1 coding\(s\), "
        r"first at source 'interview_01', selection F0000000-0000-4000-8000-000000000004, "
        r"positions 392..401\)",
    ):
        _import(path)


def test_offsets_outside_the_text(tmp_path):
    path = _csv(
        tmp_path,
        f"coder,transcript,code,start,end\nx,interview_01,trust,0,5\nx,interview_01,trust,10,"
        f"{len(TEXT1) + 1}\n",
    )
    with pytest.raises(ThematicaError) as err:
        _import(path)
    assert err.value.path == str(path) and err.value.line == 3
    assert f"lie outside transcript 'interview_01' ({len(TEXT1)} characters)" in str(err.value)


def test_offsets_outside_the_text_in_qdpx(tmp_path):
    qde = (
        (EXPORTS / "atlas_project.qde")
        .read_text(encoding="utf-8")
        .replace('endPosition="401"', 'endPosition="4001"')
    )
    path = tmp_path / "ben.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/E0000000-0000-4000-8000-000000000001.txt", TEXT1)
    export = read_export(path)
    (bad,) = [s for s in export.spans if s.reason]
    assert (bad.reason, bad.status, bad.start) == ("outside_text", "unplaced", None)
    assert "F0000000-0000-4000-8000-000000000004" in bad.place and "392..4001" in bad.detail
    assert sum(s.status != "unplaced" for s in export.spans) == len(export.spans) - 1


def test_start_after_end(tmp_path):
    path = _csv(tmp_path, "coder,transcript,code,start,end\nx,interview_01,trust,9,5\n")
    with pytest.raises(ThematicaError, match="start 9 is after end 5") as err:
        read_export(path)
    assert err.value.line == 2


@pytest.mark.parametrize("value", ["1.5", "-3", "ten", ""])
def test_offsets_that_are_not_whole_numbers(tmp_path, value):
    path = _csv(tmp_path, f"coder,transcript,code,start,end\nx,interview_01,trust,{value},9\n")
    with pytest.raises(ThematicaError, match="is not a whole number") as err:
        read_export(path)
    assert err.value.line == 2


def test_source_matching_no_transcript_is_a_qa_row(tmp_path):
    path = _csv(
        tmp_path, "coder,transcript,code,start,end\nx,interview_01,trust,52,81\nx,interview_09,trust,0,4\n"
    )
    result = _import(path)
    assert len(result.codings) == 1
    row = result.unplaced.iloc[0]
    assert (row["file"], row["place"], row["reason"], row["source"]) == (
        "coder.csv",
        "line 3",
        "unknown_source",
        "interview_09",
    )
    assert result.ledger[["spans_in", "spans_placed", "spans_unplaced"]].values.tolist() == [[2, 1, 1]]


def test_export_without_codings(tmp_path):
    path = _csv(tmp_path, "coder,transcript,code,start,end\n")
    with pytest.raises(ThematicaError, match="the export holds no codings") as err:
        read_export(path)
    assert err.value.path == str(path)


def test_qdpx_without_codings(tmp_path):
    qde = (EXPORTS / "atlas_project.qde").read_text(encoding="utf-8")
    start, end = qde.index("<qda:PlainTextSelection"), qde.index("</qda:TextSource>")
    path = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde[:start] + qde[end:])
        archive.writestr("sources/E0000000-0000-4000-8000-000000000001.txt", TEXT1)
    with pytest.raises(ThematicaError, match="the export holds no codings"):
        read_export(path)


def test_coder_in_coders_csv_without_codings(tmp_path):
    path = _csv(tmp_path, "coder,transcript,code,start,end\nx,interview_01,trust,52,81\n")
    coders = _csv(tmp_path, "coder,transcript\nx,interview_01\ny,interview_02\n", "coders.csv")
    with pytest.raises(ThematicaError, match="coder 'y' has no codings in any export") as err:
        _import(path, coders=coders)
    assert (err.value.path, err.value.line) == (str(coders), 3)


def test_coding_on_a_transcript_not_assigned_to_its_coder(tmp_path):
    path = _csv(
        tmp_path, "coder,transcript,code,start,end\nx,interview_01,trust,52,81\nx,interview_02,trust,0,4\n"
    )
    coders = _csv(tmp_path, "coder,transcript\nx,interview_01\n", "coders.csv")
    with pytest.raises(ThematicaError, match=r"x -> interview_02 \(coder.csv\); add the rows"):
        _import(path, coders=coders)


def test_coders_csv_rows_for_other_transcripts_are_skipped(tmp_path, caplog):
    path = _csv(tmp_path, "coder,transcript,code,start,end\nx,interview_01,trust,52,81\n")
    coders = _csv(tmp_path, "coder,transcript\nx,interview_01\nx,interview_77\n", "coders.csv")
    result = _import(path, coders=coders)
    assert result.coder_transcripts.values.tolist() == [["x", "interview_01"]]
    assert "'interview_77' (line 3)" in caplog.text


def test_coders_csv_missing_column(tmp_path):
    path = _csv(tmp_path, "coder,transcript,code,start,end\nx,interview_01,trust,52,81\n")
    coders = _csv(tmp_path, "coder,interview\nx,interview_01\n", "coders.csv")
    with pytest.raises(ThematicaError, match=r"missing column\(s\) \['transcript'\]"):
        _import(path, coders=coders)


def test_corrupt_zip(tmp_path):
    good = tmp_path / "good.qdpx"
    with zipfile.ZipFile(good, "w") as archive:
        archive.writestr("project.qde", (EXPORTS / "atlas_project.qde").read_bytes())
    path = tmp_path / "broken.qdpx"
    path.write_bytes(good.read_bytes()[:-40])
    with pytest.raises(ThematicaError, match="cannot be opened as a .qdpx") as err:
        read_export(path)
    assert err.value.path == str(path)


def test_corrupt_xml(tmp_path):
    qde = (EXPORTS / "nvivo_project.qde").read_text(encoding="utf-8").replace("</Sources>", "</Source>")
    path = tmp_path / "ana.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        for member, text in nvivo_sources().items():
            archive.writestr(member, text)
    with pytest.raises(ThematicaError, match="not well-formed XML") as err:
        read_export(path)
    assert err.value.path == str(path) and err.value.line is not None


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("coder,transcript,start,end", "['code']"),
        ("coder,code,text", "['transcript']"),
        ("coder,transcript,code,start", "['start and end, or text']"),
    ],
)
def test_csv_with_missing_columns(tmp_path, header, missing):
    path = _csv(tmp_path, header + "\nx,interview_01,1,2\n")
    with pytest.raises(ThematicaError) as err:
        read_export(path)
    assert f"missing column(s) {missing}" in str(err.value)
    assert (err.value.path, err.value.line) == (str(path), 1)


def test_csv_with_empty_cells(tmp_path):
    path = _csv(tmp_path, "coder,transcript,code,text\nx,interview_01,,some words\n")
    with pytest.raises(ThematicaError, match="empty 'code'") as err:
        read_export(path)
    assert err.value.line == 2


def test_csv_row_without_offsets_or_quote(tmp_path):
    path = _csv(tmp_path, "coder,transcript,code,start,end,text\nx,interview_01,trust,,,\n")
    with pytest.raises(ThematicaError, match="neither offsets nor a quote"):
        read_export(path)


def test_line_numbers_count_multi_line_quotes(tmp_path):
    path = _csv(
        tmp_path, 'coder,transcript,code,text\nx,interview_01,trust,"two\nlines"\nx,interview_01,,y\n'
    )
    with pytest.raises(ThematicaError) as err:
        read_export(path)
    assert err.value.line == 4


def test_unknown_consensus_coder():
    sc = pd.DataFrame({"segment_id": ["s1"], "coder": ["ana"], "code": ["trust"], "applied": [1]})
    with pytest.raises(
        ThematicaError, match=r"names coder 'bob', who is not among the coders \['ana'\]"
    ) as err:
        merge_consensus(sc, rule="coder:bob")
    assert err.value.path == "config"


def test_unsupported_file_in_codes_folder(tmp_path):
    root = tmp_path / "study"
    shutil.copytree(MINI, root)
    (root / "codes").mkdir()
    (root / "codes" / "ana.nvp").write_bytes(b"\x00")
    (root / "codes" / ".DS_Store").write_bytes(b"\x00")
    with pytest.raises(ThematicaError, match=r"unsupported export type '.nvp' \(a native NVivo file\)"):
        find_code_files(root)


def test_codes_without_codebook(tmp_path):
    root = tmp_path / "study"
    (root / "codes").mkdir(parents=True)
    shutil.copy(EXPORTS / "maxqda_segments.csv", root / "codes" / "cara.csv")
    with pytest.raises(ThematicaError, match="has no codebook"):
        find_code_files(root)


def test_study_without_codes_folder_is_not_coded(tmp_path):
    assert find_code_files(tmp_path) is None
