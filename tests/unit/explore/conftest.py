"""A pipeline folder in miniature: a study, its segments, embeddings, codes and the stages' tables.

The tables are written by the stages' own functions (:func:`thematica.topics.study.study_topics`,
:func:`thematica.saturation.saturation_tables`), as the workflow's scripts write them, on the synthetic corpus
of the topic tests (four planted topics, twelve participants in two groups).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from tests.unit.topics.conftest import make_corpus
from thematica.embed.model import model_identity, text_digest, write_embeddings
from thematica.ingest.folder import read_participants
from thematica.saturation import saturation_tables
from thematica.support.tables import write_csv, write_parquet
from thematica.topics.study import study_topics

STUDY = "mini"
SEED = 7
TOPICS = {"representation": "ctfidf", "stability_runs": 0, "min_segments": 30}
SATURATION = {"base_size": 3, "run_length": 2, "threshold": 0.05, "n_permutations": 50, "n_bootstrap": 20}
CODEBOOK = pd.DataFrame(
    {
        "code": ["c0", "c1", "c2", "c3"],
        "theme": ["t0", "t0", "t1", "t1"],
        "label": ["Privacy", "Homework", "Crisis", "Empathy"],
        "definition": ["", "", "", ""],
    }
)


def _codes(segments: pd.DataFrame, planted: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Consensus = the planted topic as code; coder_1 codes exactly that, coder_2 misses every fifth."""
    rows, consensus = [], []
    for i, (segment_id, topic) in enumerate(zip(segments["segment_id"], planted, strict=True)):
        for k, code in enumerate(CODEBOOK["code"]):
            truth = int(topic == k)
            consensus.append({"segment_id": segment_id, "code": code, "applied": truth})
            rows.append({"segment_id": segment_id, "coder": "coder_1", "code": code, "applied": truth})
            rows.append(
                {"segment_id": segment_id, "coder": "coder_2", "code": code, "applied": truth * (i % 5 != 0)}
            )
    return pd.DataFrame(rows), pd.DataFrame(consensus)


@pytest.fixture(scope="session")
def pipeline_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("explore")
    segments, embeddings, planted = make_corpus(n_per_topic=60, seed=3)
    order = segments.sort_values("segment_id").index
    segments, embeddings, planted = segments.loc[order], embeddings[order], planted[order]
    segments = segments.reset_index(drop=True).assign(turn=1)

    folder = root / "raw" / STUDY
    (folder / "transcripts").mkdir(parents=True)
    (folder / "study.yaml").write_text("group_column: group\ngroups: [a, b]\ninterviewer_labels: [I]\n")
    people = segments.drop_duplicates("participant_id").sort_values("participant_id")
    people[["participant_id", "transcript", "group"]].to_csv(folder / "participants.csv", index=False)
    config = {
        "studies": {STUDY: "raw/mini"},
        "seed": SEED,
        "topics": TOPICS,
        "saturation": SATURATION,
    }
    (root / "config").mkdir()
    (root / "config" / "config.yaml").write_text(yaml.safe_dump(config))

    processed = root / "data" / "processed" / STUDY
    write_parquet(segments, processed / "segments.parquet")
    for transcript in segments["transcript"].unique():
        (folder / "transcripts" / f"{transcript}.txt").write_text("P: text\n")
        rows = segments.loc[segments["transcript"] == transcript]
        text = " ".join(rows["text"])  # a canonical text for the span tests: the segments one after another
        (processed / "text").mkdir(parents=True, exist_ok=True)
        (processed / "text" / f"{transcript}.txt").write_text(text)
    sidecar = {
        **model_identity(),
        "n_segments": len(segments),
        "segment_ids": segments["segment_id"].tolist(),
        "text_sha256": text_digest(segments["text"].tolist()),
    }
    npy, meta = [processed / "embeddings.npy"], [processed / "embeddings.json"]
    write_embeddings(embeddings, sidecar, npy[0], meta[0])

    themes = study_topics(
        segments, npy_paths=npy, json_paths=meta, settings=TOPICS, seed=SEED, groups=["a", "b"]
    )
    results = root / "results" / STUDY
    write_csv(themes.topic_info, results / "topics" / "topic_info.csv")
    write_parquet(themes.segment_topics, results / "topics" / "segment_topics.parquet")
    write_csv(themes.quotes, results / "topics" / "quotes.csv")

    segment_codes, consensus = _codes(segments, planted)
    write_parquet(segment_codes, processed / "segment_codes.parquet")
    write_parquet(consensus, processed / "consensus.parquet")
    write_parquet(CODEBOOK, processed / "codebook.parquet")
    tables = saturation_tables(
        consensus=consensus,
        segment_codes=segment_codes,
        codebook=CODEBOOK,
        segments=segments,
        participants=read_participants(folder / "participants.csv", "group", ["a", "b"]),
        group_column="group",
        groups=["a", "b"],
        seed=SEED,
        settings=SATURATION,
    )
    write_csv(tables.curve, results / "saturation" / "curve.csv")
    write_csv(tables.summary, results / "saturation" / "summary.csv")
    write_csv(tables.extrapolation, results / "saturation" / "extrapolation.csv")
    return root
