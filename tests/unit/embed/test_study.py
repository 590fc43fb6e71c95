"""A study's embeddings in one process: per-transcript batches, an exact cache, rows in table order."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from thematica.embed import model as embed
from thematica.embed.study import embed_study

TEXTS = {
    "t1": ["I worry about where my data goes.", "Who can read my messages at night?"],
    "t2": ["The breathing exercises help me.", "I do the worksheets on the bus.", "My therapist listens."],
}


def _segments(order: list[tuple[str, int]]) -> pd.DataFrame:
    rows = [{"segment_id": f"{t}_s{i}", "transcript": t, "text": TEXTS[t][i]} for t, i in order]
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def model():
    return embed.load_model()


def test_each_transcript_is_embedded_on_its_own(tmp_path, model):
    segments = _segments([("t1", 0), ("t1", 1), ("t2", 0), ("t2", 1), ("t2", 2)])
    vectors, meta = embed_study(segments, tmp_path / "cache")
    alone = np.concatenate([embed.embed_texts(TEXTS[t], model=model) for t in ("t1", "t2")])
    assert np.array_equal(vectors, alone)
    assert meta["segment_ids"] == segments["segment_id"].tolist() and meta["n_segments"] == 5
    assert meta["backend"] == "torch" and meta["batch_size"] == 64 and meta["runtime"].startswith("torch ")


def test_rows_follow_the_table_even_when_transcripts_interleave(tmp_path):
    tidy = _segments([("t1", 0), ("t1", 1), ("t2", 0), ("t2", 1), ("t2", 2)])
    mixed = _segments([("t2", 0), ("t1", 0), ("t2", 1), ("t1", 1), ("t2", 2)])
    tidy_vectors, _ = embed_study(tidy, tmp_path / "cache")
    mixed_vectors, _ = embed_study(mixed, tmp_path / "other")
    by_id = dict(zip(tidy["segment_id"], tidy_vectors, strict=True))
    assert np.array_equal(mixed_vectors, np.stack([by_id[i] for i in mixed["segment_id"]]))


def test_unchanged_transcripts_come_from_the_cache_byte_for_byte(tmp_path, caplog, monkeypatch):
    segments = _segments([("t1", 0), ("t1", 1), ("t2", 0), ("t2", 1), ("t2", 2)])
    cache = tmp_path / "cache"
    first, meta = embed_study(segments, cache)
    stamps = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded although every transcript is cached")

    monkeypatch.setattr("thematica.embed.study.load_encoder", no_model)
    with caplog.at_level("INFO", logger="thematica.support.workers"):
        again, meta_again = embed_study(segments, cache)
    assert np.array_equal(first, again) and meta == meta_again
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == stamps
    assert "embedded 0 transcript(s) in 1 process(es), read 2 unchanged one(s)" in caplog.text


def test_a_changed_transcript_or_setting_is_embedded_again(tmp_path, model):
    segments = _segments([("t1", 0), ("t1", 1), ("t2", 0), ("t2", 1), ("t2", 2)])
    cache = tmp_path / "cache"
    embed_study(segments, cache)
    stamp_t1 = (cache / "t1.npy").stat().st_mtime_ns
    edited = segments.copy()
    edited.loc[edited["segment_id"] == "t2_s1", "text"] = "I skip the worksheets entirely."
    vectors, _ = embed_study(edited, cache)
    assert (cache / "t1.npy").stat().st_mtime_ns == stamp_t1
    expected = embed.embed_texts(edited.loc[edited["transcript"] == "t2", "text"].tolist(), model=model)
    assert np.array_equal(vectors[2:], expected)
    assert json.loads((cache / "t2.json").read_text())["text_sha256"] == embed.text_digest(
        edited.loc[edited["transcript"] == "t2", "text"].tolist()
    )
    embed_study(edited, cache, batch_size=2)
    assert json.loads((cache / "t1.json").read_text())["batch_size"] == 2


def test_a_damaged_cache_entry_is_recomputed(tmp_path):
    segments = _segments([("t1", 0), ("t1", 1)])
    cache = tmp_path / "cache"
    first, _ = embed_study(segments, cache)
    (cache / "t1.npy").write_bytes(b"not an array")
    again, _ = embed_study(segments, cache)
    assert np.array_equal(first, again)
