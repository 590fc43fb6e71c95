"""Codebook-guided themes: code texts, context, refinement, threshold, and the zero-shot fit on a synthetic
study with three codes in its codebook and a fourth subject that no code describes."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from thematica.embed.onnx import OnnxEncoder
from thematica.errors import ThematicaError
from thematica.topics.guided import (
    NEW_THEME,
    GuidedSettings,
    code_texts,
    context_embeddings,
    otsu_threshold,
    refine_prototypes,
)
from thematica.topics.guided_study import (
    GUIDED_INFO_COLUMNS,
    GUIDED_RECOVERY_COLUMNS,
    GUIDED_SEGMENT_COLUMNS,
    guided_recovery,
    guided_themes,
    split_settings,
    study_guided_themes,
)
from thematica.topics.settings import TopicSettings

DIM = 24
WORDS = {
    0: ["privacy", "data", "records", "leak", "vendor", "confidential"],
    1: ["homework", "exercises", "practice", "skills", "worksheet", "journal"],
    2: ["crisis", "safety", "emergency", "hotline", "alarm", "danger"],
    3: ["weather", "traffic", "parking", "commute", "train", "bus"],  # in no code
}
CODEBOOK = pd.DataFrame(
    {
        "code": ["privacy", "homework", "crisis"],
        "label": ["Privacy of data", "Homework practice", "Crisis safety"],
        "definition": [
            "Worries about records and data. Include leak and vendor.",
            "Practice of skills between sessions. Include worksheet and journal.",
            None,  # no definition: the label alone describes the code
        ],
    }
)


def _centres() -> np.ndarray:
    return np.linalg.qr(np.random.default_rng(7).normal(size=(DIM, DIM)))[0][: len(WORDS)]


class WordEncoder(OnnxEncoder):
    """A stand-in for the study's model: a text's vector is the mean of its subject words' directions."""

    def __init__(self) -> None:  # no ONNX file
        self.centres = _centres()
        self.dimension = DIM
        self.precision = "fp32"

    def encode(self, texts, batch_size: int = 64) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            words = str(text).lower().replace(".", " ").replace(",", " ").split()
            hits = [self.centres[t] for t, own in WORDS.items() for w in words if w in own]
            seed = sum(map(ord, str(text)))
            noise = np.random.default_rng(seed).normal(size=DIM) * 0.05
            vector = (np.mean(hits, axis=0) if hits else np.zeros(DIM)) + noise
            out[i] = vector / np.linalg.norm(vector)
        return out


def make_study(n_turns: int = 36, per_turn: int = 4, seed: int = 0):
    """Segments in transcript order, each turn about one subject; embeddings near the subject's direction."""
    rng = np.random.default_rng(seed)
    centres = _centres()
    rows, vectors, planted = [], [], []
    for turn in range(n_turns):
        subject = turn % len(WORDS)
        transcript = f"int_{turn % 6 + 1:02d}"
        for _ in range(per_turn):
            words = rng.choice(WORDS[subject], size=3, replace=False)
            rows.append(
                {
                    "transcript": transcript,
                    "participant_id": f"P{turn % 6 + 1:02d}",
                    "group": "a",
                    "turn": turn,
                    "text": f"well the {words[0]} and the {words[1]}, {words[2]}",
                }
            )
            vectors.append(centres[subject] + 0.9 * rng.normal(size=DIM) / np.sqrt(DIM))
            planted.append(subject)
    table = pd.DataFrame(rows)
    order = np.argsort(table["transcript"].to_numpy(), kind="stable")
    table = table.iloc[order].reset_index(drop=True)
    table["segment_id"] = (
        table["transcript"] + "_s" + (table.groupby("transcript").cumcount() + 1).map("{:04d}".format)
    )
    table["start"] = table.groupby("transcript").cumcount() * 100
    table["end"] = table["start"] + 90
    emb = np.asarray(vectors, dtype=np.float32)[order]
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    return table, emb, np.asarray(planted)[order]


# plain c-TF-IDF keywords: the stand-in model ranks words too crudely for KeyBERT
SETTINGS = TopicSettings(
    min_topic_size=8, n_neighbors=10, n_epochs=50, min_segments=30, representation="ctfidf"
)


@pytest.fixture(scope="module")
def study():
    return make_study()


@pytest.fixture(scope="module")
def fitted(study):
    segments, emb, _ = study
    return guided_themes(segments, emb, CODEBOOK, SETTINGS, GuidedSettings(), seed=3, encoder=WordEncoder())


def test_code_texts_fall_back_to_labels_and_ids():
    book = pd.DataFrame(
        {
            "code": ["a", "b", "c"],
            "label": ["Trust", "Cost", None],
            "definition": ["Relying on it.", None, ""],
        }
    )
    assert code_texts(book) == [["Trust", "Trust. Relying on it.", "Relying on it."], ["Cost"], ["c"]]
    assert code_texts(book.drop(columns="definition")) == [["Trust"], ["Cost"], ["c"]]


def test_context_stays_within_a_turn():
    emb = np.eye(4)
    out = context_embeddings(emb, ["x", "x", "y", "y"], weight=0.5, span=2)
    assert out.shape == (4, 4)
    assert out[0, 2] == 0 and out[1, 2] == 0 and out[2, 1] == 0  # nothing crosses from turn x to y
    assert out[0, 1] == pytest.approx(0.5 / np.sqrt(1.25))
    assert np.allclose(context_embeddings(emb, list("xxyy"), weight=0.0), emb)


def test_refinement_moves_towards_the_confident_segments():
    seg = np.array([[1.0, 0.0], [0.8, 0.6], [0.6, 0.8], [0.0, 1.0], [0.1, 0.995]])
    seg /= np.linalg.norm(seg, axis=1, keepdims=True)
    start = np.array([[1.0, 0.0], [0.0, 1.0]])
    half = refine_prototypes(seg, start, share=0.5)
    assert np.allclose(np.linalg.norm(half, axis=1), 1)
    assert np.allclose(refine_prototypes(seg, start, share=0.0), start)
    # the second prototype is re-centred on its 3 nearest segments (the minimum): it moves off the axis
    assert half[1, 0] > 0.05


def test_otsu_splits_two_groups():
    values = np.r_[
        np.random.default_rng(0).normal(0.2, 0.03, 200), np.random.default_rng(1).normal(0.6, 0.03, 100)
    ]
    assert 0.3 < otsu_threshold(values) < 0.5


def test_settings_from_the_topics_section():
    topics, guided = split_settings({"min_topic_size": 9, "guided": {"refine_share": 0.25}})
    assert topics.min_topic_size == 9 and guided.refine_share == 0.25 and guided.min_similarity == "otsu"
    assert TopicSettings.from_config({"guided": {"enabled": False}}) == TopicSettings()
    with pytest.raises(ThematicaError, match="unknown topics.guided"):
        GuidedSettings.from_config({"threshold": 0.3})
    with pytest.raises(ThematicaError, match="min_similarity"):
        GuidedSettings.from_config({"min_similarity": "high"})


def test_shapes_and_columns(study, fitted):
    segments, _, _ = study
    assert list(fitted.info.columns) == GUIDED_INFO_COLUMNS
    assert list(fitted.segments.columns) == GUIDED_SEGMENT_COLUMNS
    assert len(fitted.segments) == len(segments)
    assert fitted.segments["segment_id"].tolist() == segments["segment_id"].tolist()
    # every code has its row, in codebook order, numbered by its position
    assert fitted.info["code"].head(3).tolist() == CODEBOOK["code"].tolist()
    assert fitted.info["theme"].head(3).tolist() == [0, 1, 2]
    assert fitted.info["label"].head(3).tolist() == CODEBOOK["label"].tolist()
    assert fitted.info["n_segments"].sum() == len(segments)
    assert set(fitted.info["code"]) <= {*CODEBOOK["code"], NEW_THEME, "unassigned"}


def test_codes_and_a_new_theme_are_recovered(study, fitted):
    _, _, planted = study
    table = fitted.segments
    for subject, code in enumerate(CODEBOOK["code"]):
        # the code without a definition (crisis) is found from its label
        assert (table["code"][planted == subject] == code).mean() > 0.8, code
    # the subject no code describes is not forced into a code: it forms a theme "not in the codebook"
    assert (table["code"][planted == 3] == NEW_THEME).mean() > 0.8
    assert (fitted.info["code"] == NEW_THEME).sum() >= 1
    new = fitted.info.loc[fitted.info["code"] == NEW_THEME].iloc[0]
    assert any(w in new["keywords"] for w in WORDS[3])


def test_same_bytes_twice(study, fitted, tmp_path):
    from thematica.support.tables import write_csv, write_parquet

    segments, emb, _ = study
    again = guided_themes(segments, emb, CODEBOOK, SETTINGS, GuidedSettings(), seed=3, encoder=WordEncoder())
    for name, result in (("a", fitted), ("b", again)):
        write_parquet(result.segments, tmp_path / f"{name}.parquet")
        write_csv(result.info, tmp_path / f"{name}.csv")
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_a_study_without_a_codebook_is_skipped_with_one_line(study, caplog):
    segments, _, _ = study
    with caplog.at_level(logging.INFO, logger="thematica"):
        result = study_guided_themes(
            segments,
            None,
            npy_paths=["missing.npy"],
            json_paths=["missing.json"],
            settings={},
            seed=1,
            study="s",
        )
    lines = [r for r in caplog.records if r.name.startswith("thematica")]
    assert len(lines) == 1 and lines[0].levelno == logging.INFO
    assert "s: no codebook: codebook-guided themes skipped" in lines[0].getMessage()
    assert result.fit is None and result.info.empty and result.segments.empty
    assert list(result.info.columns) == GUIDED_INFO_COLUMNS
    assert list(result.segments.columns) == GUIDED_SEGMENT_COLUMNS


def test_disabled_is_skipped(study, caplog):
    segments, _, _ = study
    with caplog.at_level(logging.INFO, logger="thematica"):
        result = study_guided_themes(
            segments, CODEBOOK, npy_paths=[], json_paths=[], settings={"guided": {"enabled": False}}, seed=1
        )
    assert result.info.empty and "enabled is false" in caplog.text


def test_recovery_has_both_modes(study, fitted, tmp_path):
    segments, _, planted = study
    truth = segments[["transcript", "start", "end"]].assign(
        code=np.array(["privacy", "homework", "crisis", ""], dtype=object)[planted]
    )
    truth.to_csv(tmp_path / "sentences.csv", index=False)
    topics = pd.DataFrame({"segment_id": segments["segment_id"], "topic": 0, "probability": 1.0})
    table = guided_recovery(segments, fitted.segments, tmp_path / "sentences.csv", segment_topics=topics)
    assert list(table.columns) == GUIDED_RECOVERY_COLUMNS
    assert table["mode"].tolist() == ["topics", "topics", "guided", "guided"]
    guided = table.set_index(["mode", "variant"])
    assert guided.loc[("guided", "uncoded_excluded"), "nmi"] > 0.7
    assert guided.loc[("topics", "uncoded_excluded"), "nmi"] == pytest.approx(0.0)
    only = guided_recovery(segments, fitted.segments, tmp_path / "sentences.csv")
    assert only["mode"].tolist() == ["guided", "guided"]
