"""A synthetic corpus with planted topics: clustered embeddings and topic-specific words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

VOCAB = {
    0: ["privacy", "data", "company", "records", "insurer", "confidential", "leak", "vendor"],
    1: ["homework", "exercises", "practice", "skills", "worksheet", "breathing", "journal", "streak"],
    2: ["crisis", "safety", "emergency", "hotline", "suicidal", "escalate", "alarm", "danger"],
    3: ["empathy", "warmth", "hollow", "scripted", "caring", "validation", "fake", "feelings"],
}
FILLERS = ["um,", "you know,", "uh,", "kind of", "I mean,", "yeah,"]


def make_corpus(n_per_topic: int = 60, *, seed: int = 0, dim: int = 32, spread: float = 0.25):
    """Segments of 12 participants in two groups with four planted topics, in shuffled order.

    Returns
    -------
    (pandas.DataFrame, numpy.ndarray, numpy.ndarray)
        Segments (segment_id, transcript, participant_id, group, start, end, text), unit-length embeddings
        of shape ``(n, dim)``, and the planted topic of each segment, shape ``(n,)``.
    """
    rng = np.random.default_rng(seed)
    centres = np.linalg.qr(rng.normal(size=(dim, dim)))[0][: len(VOCAB)]
    rows, vectors = [], []
    for topic, words in VOCAB.items():
        for i in range(n_per_topic):
            picked = rng.choice(words, size=4, replace=False)
            rows.append(
                {
                    "participant_id": f"P{i % 12 + 1:02d}",
                    "group": "a" if i % 12 < 6 else "b",
                    "text": f"{rng.choice(FILLERS)} the {picked[0]} and the {picked[1]}, "
                    + " ".join(picked[2:]),
                    "planted": topic,
                }
            )
            vectors.append(centres[topic] + spread * rng.normal(size=dim) / np.sqrt(dim))
    order = rng.permutation(len(rows))
    table = pd.DataFrame([rows[i] for i in order])
    table["transcript"] = "int_" + table["participant_id"].str[1:]
    table["segment_id"] = (
        table["transcript"] + "_s" + (table.groupby("transcript").cumcount() + 1).map("{:04d}".format)
    )
    table["start"] = 0
    table["end"] = table["text"].str.len()
    emb = np.array([vectors[i] for i in order], dtype=np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    segments = table[["segment_id", "transcript", "participant_id", "group", "start", "end", "text"]]
    return segments, emb, table["planted"].to_numpy()


@pytest.fixture(scope="session")
def corpus():
    return make_corpus()
