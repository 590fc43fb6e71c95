"""Bad input stops the run with one plain line naming the file and place; no Python traceback."""

from __future__ import annotations

import pytest

from tests.conftest import PARTICIPANTS, make_study
from tests.workflow.conftest import run_snakemake, write_config
from thematica.segment.ledger import check_ledger
from thematica.support.tables import read_csv, read_parquet


def _run(tmp_path, config_overrides=None, **study_changes):
    study = make_study(tmp_path / "raw" / "tiny", **study_changes)
    write_config(tmp_path, {"tiny": study}, **(config_overrides or {}))
    # a two-interview study is too small for a topic model: run the stages up to the ledger
    return run_snakemake(tmp_path, "results/tiny/qa/ledger.csv")


def _assert_clean_failure(result, *fragments):
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for fragment in fragments:
        assert fragment in output, output[-3000:]
    assert "Traceback (most recent call last)" not in output, output[-3000:]


def test_a_valid_tiny_study_runs(tmp_path):
    result = _run(tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    ledger = read_csv(tmp_path / "results" / "tiny" / "qa" / "ledger.csv")
    check_ledger(ledger)  # every turn and segment accounted for
    assert ledger["segments"].sum() == len(
        read_parquet(tmp_path / "data" / "processed" / "tiny" / "segments.parquet")
    )


def test_config_typo(tmp_path):
    result = _run(tmp_path, {"segmnet": {"min_words": 3}})
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "unknown key 'segmnet'; did you mean 'segment'?" in output


def test_participant_without_transcript(tmp_path):
    result = _run(tmp_path, participants=PARTICIPANTS + "P03,int_03,client\n")
    _assert_clean_failure(result, "participants.csv, line 4", "int_03")


def test_duplicate_participant_ids(tmp_path):
    result = _run(tmp_path, participants=PARTICIPANTS.replace("P02,", "P01,"))
    _assert_clean_failure(result, "participants.csv, line 3", "duplicate participant_id 'P01'")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"   \n\n", "int_02.txt: is empty"),
        (b"Interviewer: caf\x81\x8d\nP02: ok\n", "int_02.txt"),
        (b"just some prose\nwith no labels at all\n", "no line starts with a speaker label"),
        (b"\x00\x01\x02binary", "binary"),
    ],
)
def test_bad_transcript_content(tmp_path, content, fragment):
    from tests.conftest import TRANSCRIPTS

    result = _run(tmp_path, transcripts={**TRANSCRIPTS, "int_02.txt": content})
    _assert_clean_failure(result, fragment)
