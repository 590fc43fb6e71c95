"""The int8 ONNX backend: export, tokenisation and pooling as sentence-transformers does them, fidelity to
the fp32 model, determinism, length-sorted passes, and no torch in the embedding process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from thematica.embed import model as embed
from thematica.embed.bundled import ENCODE_RECIPE, INT8_BATCH, RECIPE
from thematica.embed.onnx import (
    OnnxEncoder,
    export_onnx,
    mean_pool,
    onnx_file_name,
)
from thematica.errors import ThematicaError

TEXTS = [
    "I worry about where my data goes and who can read my messages.",
    "The privacy policy never says which companies get my information.",
    "The breathing exercises between sessions help me practise the skills.",
    "Um, you know, I do the homework worksheets on the bus.",
    "Honestly? No.",
    "The flag came up for a patient I had seen the week before, and I went back through every note "
    "to see what the tool had picked up that I had not, which took most of an afternoon.",
]
LONG = " ".join(["The assistant suggested a differential I had not considered."] * 60)  # > 256 tokens


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("onnx")
    int8 = folder / "int8.onnx"
    fp32 = folder / "fp32.onnx"
    return {
        "int8": int8,
        "fp32": fp32,
        "int8_meta": export_onnx(int8),
        "fp32_meta": export_onnx(fp32, quantize=False),
    }


@pytest.fixture(scope="module")
def reference():
    model = embed.load_model()
    return model, embed.embed_texts([*TEXTS, LONG], model=model)


def test_file_name_is_keyed_by_weights_and_recipe():
    identity = embed.model_identity()
    name = onnx_file_name(identity)
    assert identity["sha256"][:16] in name and name.endswith("-int8.onnx")
    assert onnx_file_name({"sha256": "0" * 64}) != name


def test_sidecar_records_identity_recipe_and_hash(exports):
    meta = json.loads((exports["int8"].parent / "int8.onnx.json").read_text())
    assert meta["sha256"] == embed.model_identity()["sha256"]
    assert meta["recipe"] == RECIPE and meta["precision"] == "int8"
    assert set(meta["versions"]) == {"torch", "onnx", "onnxruntime"}
    # the matrix multiplications hold int8 weights; the token embedding table stays fp32 (47 MB)
    assert exports["int8"].stat().st_size < 0.7 * exports["fp32"].stat().st_size


def test_tokenizer_matches_sentence_transformers(exports, reference):
    model, _ = reference
    encoder = OnnxEncoder(exports["fp32"])
    texts = [*TEXTS, LONG]
    ours = [e.ids for e in encoder.tokenizer.encode_batch(texts)]
    theirs = model.tokenizer(texts, padding=True, truncation=True, max_length=model.max_seq_length)[
        "input_ids"
    ]
    assert ours == theirs
    assert len(ours[-1]) == model.max_seq_length == encoder.max_seq_length == 256


def test_fp32_export_reproduces_the_torch_model(exports, reference):
    _, expected = reference
    got = OnnxEncoder(exports["fp32"]).encode([*TEXTS, LONG])
    assert got.shape == expected.shape == (len(TEXTS) + 1, 384) and got.dtype == np.float32
    assert np.abs(got - expected).max() < 1e-4
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_int8_is_close_and_keeps_the_meaning(exports, reference):
    _, expected = reference
    got = OnnxEncoder(exports["int8"]).encode([*TEXTS, LONG])
    cosine = (got * expected).sum(axis=1)
    assert cosine.mean() > 0.98 and cosine.min() > 0.95, cosine
    sim = got @ got.T
    assert sim[0, 1] > sim[0, 2] and sim[0, 1] > sim[0, 3]  # privacy with privacy
    assert sim[2, 3] > sim[2, 0] and sim[2, 3] > sim[2, 1]  # homework with homework


def test_int8_runs_length_sorted_passes_of_at_most_sixteen(exports):
    encoder = OnnxEncoder(exports["int8"])
    texts = [f"{t} ({i})" for i in range(3) for t in TEXTS]  # 18 texts: two passes
    together = encoder.encode(texts, batch_size=64)
    assert together.tobytes() == encoder.encode(texts, batch_size=64).tobytes()  # deterministic
    assert together.tobytes() == encoder.encode(texts, batch_size=INT8_BATCH).tobytes()  # capped at 16
    # the two passes by hand: the 16 longest texts, then the 2 shortest (ties keep their order)
    order = np.argsort([-len(t) for t in texts], kind="stable")
    first, second = order[:INT8_BATCH], order[INT8_BATCH:]
    assert encoder.encode([texts[i] for i in first], batch_size=64).tobytes() == together[first].tobytes()
    assert encoder.encode([texts[i] for i in second], batch_size=64).tobytes() == together[second].tobytes()
    # a pass quantises its activations with one scale: alone, a text comes out a little differently
    alone = encoder.encode([texts[first[-1]]])[0]
    assert alone.tobytes() != together[first[-1]].tobytes()
    assert float(alone @ together[first[-1]]) > 0.95


def test_mean_pool_ignores_padding_like_sentence_transformers():
    rng = np.random.default_rng(0)
    tokens = rng.normal(size=(2, 5, 4)).astype(np.float32)
    mask = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]])
    pooled = mean_pool(tokens, mask)
    expected = tokens[0, :3].mean(axis=0)
    assert np.allclose(pooled[0], expected / np.linalg.norm(expected), atol=1e-6)
    tokens[0, 3:] = 1e6  # padding positions never count
    assert np.allclose(mean_pool(tokens, mask)[0], pooled[0])


def test_identity_names_the_backend():
    assert embed.model_identity()["backend"] == "torch"
    onnx = embed.model_identity("onnx_int8")
    assert onnx["backend"] == "onnx_int8" and onnx["onnx_recipe"] == RECIPE
    assert onnx["onnx_encode"] == ENCODE_RECIPE
    assert {k: v for k, v in onnx.items() if k not in ("backend", "onnx_recipe", "onnx_encode")} == {
        k: v for k, v in embed.model_identity().items() if k != "backend"
    }
    with pytest.raises(ThematicaError, match="unknown embedding backend 'tensorflow'"):
        embed.model_identity("tensorflow")


def test_missing_export_is_a_clear_error(tmp_path):
    with pytest.raises(
        ThematicaError, match="the ONNX embedding model is missing; run the workflow's onnx_model"
    ):
        OnnxEncoder(tmp_path / "absent.onnx")


def test_study_embeddings_from_one_backend_load_and_mixed_ones_fail(exports, tmp_path):
    segments = pd.DataFrame({"segment_id": ["a-1", "a-2", "b-1"], "text": TEXTS[:3]})
    paths = []
    for name, part in (("a", segments.iloc[:2]), ("b", segments.iloc[2:])):
        vectors, meta = embed.embed_segments(part, backend="onnx_int8", onnx_path=exports["int8"])
        assert meta["backend"] == "onnx_int8"
        embed.write_embeddings(vectors, meta, tmp_path / f"{name}.npy", tmp_path / f"{name}.json")
        paths.append((tmp_path / f"{name}.npy", tmp_path / f"{name}.json"))
    npy, js = zip(*paths, strict=True)
    stacked = embed.load_study_embeddings(segments, npy, js)
    assert stacked.shape == (3, 384)
    with pytest.raises(ThematicaError, match="another model"):
        embed.load_study_embeddings(segments, npy, js, identity=embed.model_identity("torch"))
    meta = json.loads(js[1].read_text())
    js[1].write_text(json.dumps({**meta, "backend": "torch"}))
    with pytest.raises(ThematicaError, match="different backends \\(onnx_int8, torch\\)"):
        embed.load_study_embeddings(segments, npy, js)


def test_onnx_embedding_process_never_imports_torch(exports, tmp_path):
    code = (
        "import sys, pandas as pd\n"
        "from thematica.embed.model import embed_segments\n"
        "segments = pd.DataFrame({'segment_id': ['s1'], 'text': ['a short check']})\n"
        f"vectors, meta = embed_segments(segments, backend='onnx_int8', onnx_path={str(exports['int8'])!r})\n"
        "heavy = sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules)\n"
        "print(vectors.shape, meta['backend'], heavy)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "(1, 384) onnx_int8 []"


def test_keybert_keywords_with_the_int8_encoder_never_import_torch(exports):
    """The topics step with an onnx backend: KeyBERT embeds the representative segments and candidate words
    with the ONNX encoder (through BERTopic's BaseEmbedder), and nothing imports torch."""
    code = f"""
import json, sys
import numpy as np
from tests.unit.topics.conftest import VOCAB, make_corpus
from thematica.topics.keyword_model import bertopic_embedder, keyword_model, needs_torch
from thematica.topics.model import fit_topics
from thematica.topics.settings import TopicSettings
segments, emb, planted = make_corpus()
settings = TopicSettings(representation="keybert", stability_runs=0)
model = keyword_model(settings, backend="onnx_int8", onnx_path={str(exports["int8"])!r})
texts = ["a check", "another, longer check of the wrapper"]
same = bool(np.array_equal(bertopic_embedder(model).embed(texts), model.encode(texts)))
fit = fit_topics(segments["text"].tolist(), emb, settings, seed=11, embedding_model=model)
words = {{}}
for topic, keywords in fit.keywords.items():
    source = list(VOCAB)[int(np.bincount(planted[fit.topics == topic]).argmax())]
    words[source] = [w for w, _ in keywords]
print(json.dumps({{"same": same, "needs_torch": needs_torch(model), "words": words,
                  "heavy": sorted(m for m in ("torch", "sentence_transformers") if m in sys.modules)}}))
"""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["heavy"] == [] and found["same"] and not found["needs_torch"]
    from tests.unit.topics.conftest import VOCAB

    assert sorted(found["words"]) == sorted(str(k) for k in VOCAB)
    for source, words in found["words"].items():  # a theme's keywords are its own planted words
        assert words and words[0].split()[0] in VOCAB[int(source)], (source, words)
