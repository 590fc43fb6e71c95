"""Eight short interviews (demo sentences, real model): candidate themes, not one outlier topic."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from thematica.embed.model import embed_texts, load_model
from thematica.ingest.formats import read_transcript
from thematica.topics.model import fit_topics
from thematica.topics.settings import TopicSettings
from thematica.topics.study import candidate_themes

DEMO = Path(__file__).resolve().parents[3] / "data" / "raw" / "demo_alliance"
INTERVIEWS = [f"interview_{i:02d}" for i in (2, 6, 8, 12, 14, 18, 20, 24)]
SENTENCES_PER_INTERVIEW = 15


@pytest.fixture(scope="module")
def short_corpus():
    """The first 15 participant sentences of 8 demo interviews (about 10 minutes of talk each)."""
    truth = pd.read_csv(DEMO / "truth" / "sentences.csv", dtype=str, keep_default_na=False)
    rows = []
    for transcript in INTERVIEWS:
        path = next((DEMO / "transcripts").glob(f"{transcript}.*"))
        text = read_transcript(path)
        own = truth.loc[truth["transcript"] == transcript].head(SENTENCES_PER_INTERVIEW)
        for i, row in enumerate(own.itertuples(), start=1):
            rows.append(
                {
                    "segment_id": f"{transcript}_s{i:04d}",
                    "transcript": transcript,
                    "participant_id": row.participant_id,
                    "group": row.group,
                    "start": int(row.start),
                    "end": int(row.end),
                    "text": text[int(row.start) : int(row.end)],
                    "code": row.code,
                }
            )
    segments = pd.DataFrame(rows)
    model = load_model()
    return segments, embed_texts(segments["text"].tolist(), model=model), model


def test_short_interviews_give_candidate_themes(short_corpus):
    segments, emb, model = short_corpus
    assert len(segments) == 8 * SENTENCES_PER_INTERVIEW
    settings = TopicSettings(stability_runs=1)
    result = candidate_themes(
        segments, emb, settings, seed=3, groups=["therapist", "client"], embedding_model=model
    )
    fit = result.fit
    assert fit.n_topics >= 3
    assert fit.reassigned.mean() < 0.5  # HDBSCAN's own outliers: far from everything
    assert fit.outlier_share == 0.0  # and outlier reduction placed them
    info = result.topic_info
    assert info["keywords"].str.len().gt(0).all()
    assert (info["n_participants"] >= 2).sum() >= 2  # themes shared across interviews
    assert not info["keywords"].str.contains(r"\b(?:um|uh|yeah|dont|im)\b").any()


def test_outliers_stay_without_reduction_and_refits_are_deterministic(short_corpus):
    segments, emb, _ = short_corpus
    docs = segments["text"].tolist()
    kept = fit_topics(docs, emb, TopicSettings(outlier_reduction="none"), seed=3, represent=False)
    reduced = fit_topics(docs, emb, TopicSettings(), seed=3, represent=False)
    assert kept.outlier_share > 0
    assert reduced.outlier_share == 0 and reduced.reassigned.sum() == (kept.topics == -1).sum()
    assert (reduced.probability[reduced.reassigned] == 0).all()
    again = fit_topics(docs, emb, TopicSettings(), seed=3, represent=False)
    assert np.array_equal(again.topics, reduced.topics)
    assert again.probability.tobytes() == reduced.probability.tobytes()
