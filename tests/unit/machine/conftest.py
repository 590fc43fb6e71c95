"""A small synthetic coded study for the machine coder: transcripts of segments whose embeddings carry the
codes (each code one direction plus noise), a consensus, two noisy coders and a codebook."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thematica.embed.model import model_identity, sidecar, write_embeddings
from thematica.reliability.settings import ReliabilitySettings

CODES = ["alpha_code", "beta_code", "gamma_code"]


def make_study(n_transcripts: int = 8, per: int = 24, dim: int = 8, seed: int = 0) -> dict:
    """Segments, embeddings, consensus, segment_codes (coders ``c1`` on all, ``c2`` on all but the last
    transcript) and a codebook; codes appear in runs of segments, as coders code passages."""
    rng = np.random.default_rng(seed)
    rows, truth = [], []
    for t in range(n_transcripts):
        labels = np.zeros((per, len(CODES)), dtype=int)
        for k in range(len(CODES)):
            start = rng.integers(0, per - 4)
            labels[start : start + rng.integers(2, 5), k] = 1
        for i in range(per):
            rows.append(
                {
                    "segment_id": f"t{t:02d}_s{i:04d}",
                    "transcript": f"t{t:02d}",
                    "participant_id": f"P{t:02d}",
                    "group": "a",
                    "turn": i // 3,
                    "start": 10 * i,
                    "end": 10 * i + 9,
                    "text": f"segment {t} {i}",
                }
            )
        truth.append(labels)
    segments = pd.DataFrame(rows)
    y = np.vstack(truth)
    x = rng.normal(0.0, 0.6, size=(len(y), dim))
    x[:, : len(CODES)] += 2.0 * y
    consensus = pd.DataFrame(
        {
            "segment_id": np.repeat(segments["segment_id"], len(CODES)),
            "code": np.tile(CODES, len(segments)),
            "applied": y.ravel().astype("int8"),
        }
    )
    coded = []
    for coder, flip in (("c1", 0.02), ("c2", 0.04)):
        noisy = np.where(rng.random(y.shape) < flip, 1 - y, y)
        frame = consensus.assign(coder=coder, applied=noisy.ravel().astype("int8"))
        if coder == "c2":
            last = segments["transcript"].iloc[-1]
            frame = frame.loc[~frame["segment_id"].str.startswith(last)]
        coded.append(frame)
    segment_codes = pd.concat(coded, ignore_index=True)[["segment_id", "coder", "code", "applied"]]
    n_coders = segment_codes.groupby("segment_id")["coder"].nunique()
    consensus = consensus.assign(
        n_coders=consensus["segment_id"].map(n_coders).astype("int64"), n_applied=consensus["applied"]
    )
    codebook = pd.DataFrame(
        {
            "code": CODES,
            "theme": ["first", "first", "second"],
            "label": ["Alpha code", "Beta code", "Gamma code"],
            "definition": ["About alpha.", "About beta.", "About gamma."],
            "theme_label": ["First theme", "First theme", "Second theme"],
        }
    )
    return {
        "segments": segments,
        "x": x,
        "y": y,
        "consensus": consensus,
        "segment_codes": segment_codes,
        "codebook": codebook,
    }


@pytest.fixture(scope="module")
def study() -> dict:
    return make_study()


def write_study_embeddings(folder, segments: pd.DataFrame, x: np.ndarray) -> tuple[list, list]:
    """The embeddings as the embed step writes them (with the installed model's identity)."""
    npy, meta = folder / "embeddings.npy", folder / "embeddings.json"
    write_embeddings(x.astype(np.float32), sidecar(model_identity(), segments), npy, meta)
    return [npy], [meta]


@pytest.fixture
def reliability() -> ReliabilitySettings:
    return ReliabilitySettings(seed=3, n_bootstrap=200)
