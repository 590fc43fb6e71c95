"""Text-free tables: segments without their text, the texts' lengths, and the refusal of text columns."""

from __future__ import annotations

import pandas as pd
import pytest

from thematica.errors import ThematicaError
from thematica.ingest.study import write_canonical
from thematica.release.study import write_bundle_index
from thematica.release.text_free import (
    SEGMENT_COLUMNS,
    check_text_free,
    text_free_segments,
    text_lengths,
    transcript_lengths,
)
from thematica.support.tables import write_csv, write_parquet

SEGMENTS = pd.DataFrame(
    {
        "segment_id": ["int_01_s0001", "int_02_s0001"],
        "transcript": ["int_01", "int_02"],
        "participant_id": ["P01", "P02"],
        "group": ["therapist", "client"],
        "turn": [1, 1],
        "start": [5, 5],
        "end": [40, 30],
        "text": ["Mostly for homework between sessions.", "At two in the morning."],
    }
)


def test_segments_lose_only_their_text():
    table = text_free_segments(SEGMENTS)
    assert list(table.columns) == SEGMENT_COLUMNS == [c for c in SEGMENTS.columns if c != "text"]
    pd.testing.assert_frame_equal(table, SEGMENTS.drop(columns="text"))
    with pytest.raises(ThematicaError, match="lacks column"):
        text_free_segments(SEGMENTS.drop(columns="turn"))


def test_lengths_count_code_points_and_a_lengths_table_stands_in(tmp_path):
    texts = {"int_01": "P01: caf\u00e9 \U0001f600 ok\n", "int_02": "P02: plain\n"}
    paths = []
    for name, text in texts.items():
        paths.append(tmp_path / f"{name}.txt")
        write_canonical(text, paths[-1])
    table = transcript_lengths(paths)
    assert table.to_dict("list") == {"transcript": ["int_01", "int_02"], "length": [15, 11]}
    assert len(texts["int_01"]) == 15 and len(texts["int_01"].encode("utf-8")) != 15
    write_csv(table, tmp_path / "transcript_lengths.csv")
    assert (
        text_lengths(paths)
        == text_lengths([tmp_path / "transcript_lengths.csv"])
        == {"int_01": 15, "int_02": 11}
    )
    assert text_lengths({"x": paths[1]}) == {"x": 11}
    write_csv(table.rename(columns={"length": "chars"}), tmp_path / "bad.csv")
    with pytest.raises(ThematicaError, match="needs columns transcript, length"):
        text_lengths([tmp_path / "bad.csv"])


@pytest.mark.parametrize("column", ["text", "quote", "coded_text", "masked_excerpt", "Context", "sentence"])
def test_text_columns_are_refused(tmp_path, column):
    path = tmp_path / "t.parquet"
    write_parquet(pd.DataFrame({"segment_id": ["a"], column: ["said something"]}), path)
    with pytest.raises(ThematicaError, match=f"column '{column}' may hold transcript text"):
        check_text_free(path)
    with pytest.raises(ThematicaError, match="may hold transcript text"):
        write_bundle_index(tmp_path, study="s", files=[path], outputs=[], config={})
    assert not (tmp_path / "manifest.json").exists()


def test_counts_named_after_text_are_allowed(tmp_path):
    path = tmp_path / "ledger.csv"
    write_csv(pd.DataFrame({"transcript": ["a"], "text_mismatches": [0], "chars_in_turns": [9]}), path)
    check_text_free(path)
