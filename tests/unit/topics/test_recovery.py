"""Recovery of planted codes: segment labels by character overlap, ARI/NMI both ways."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thematica.topics.recovery import planted_labels, recovery_scores, topic_recovery


def test_label_is_the_code_covering_most_characters():
    truth = pd.DataFrame(
        {
            "transcript": ["t1", "t1", "t1", "t2"],
            "start": [0, 20, 50, 0],
            "end": [20, 50, 60, 10],
            "code": ["a", "", "b", "c"],
        }
    )
    segments = pd.DataFrame(
        {
            "transcript": ["t1", "t1", "t1", "t2", "t3"],
            "start": [0, 15, 45, 0, 0],
            "end": [15, 45, 60, 10, 5],
        }
    )
    assert planted_labels(segments, truth).tolist() == ["a", "", "b", "c", ""]


def test_scores_perfect_and_variants():
    labels = np.array(["a", "a", "b", "b", "", ""])
    perfect = recovery_scores(labels, np.array([0, 0, 1, 1, 2, 2])).set_index("variant")
    assert perfect.loc["uncoded_as_label", "ari"] == pytest.approx(1.0)
    assert perfect.loc["uncoded_excluded", "nmi"] == pytest.approx(1.0)
    assert perfect.loc["uncoded_excluded", "n_segments"] == 4
    assert perfect.loc["uncoded_as_label", "n_codes"] == 2
    mixed = recovery_scores(labels, np.array([0, 1, 0, 1, -1, -1])).set_index("variant")
    assert mixed.loc["uncoded_excluded", "ari"] < 0.1
    assert mixed.loc["uncoded_as_label", "outlier_share"] == pytest.approx(1 / 3)


def test_topic_recovery_reads_truth(tmp_path):
    path = tmp_path / "sentences.csv"
    path.write_text(
        "transcript,participant_id,group,turn,start,end,section,code\nt,P1,a,1,0,10,x,k\n", "utf-8"
    )
    segments = pd.DataFrame(
        {"segment_id": ["s1", "s2"], "transcript": ["t", "t"], "start": [0, 10], "end": [10, 20]}
    )
    topics = pd.DataFrame({"segment_id": ["s2", "s1"], "topic": [1, 0], "probability": [1.0, 1.0]})
    table = topic_recovery(segments, topics, path)
    assert table.set_index("variant").loc["uncoded_as_label", "ari"] == pytest.approx(1.0)
