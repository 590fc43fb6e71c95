"""BERTopic fitting on precomputed embeddings: recovery of planted topics, determinism, small corpora."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from thematica.errors import ThematicaError
from thematica.topics.model import FillerRemover, build_vectorizer, fit_topics, renumber_by_size
from thematica.topics.settings import TopicSettings
from thematica.topics.study import candidate_themes

from .conftest import VOCAB, make_corpus

SETTINGS = TopicSettings(representation="ctfidf", stability_runs=2)


@pytest.fixture(scope="module")
def fitted(corpus):
    segments, emb, planted = corpus
    return fit_topics(segments["text"].tolist(), emb, SETTINGS, seed=11)


def test_planted_topics_are_recovered(corpus, fitted):
    _, _, planted = corpus
    assert fitted.n_topics == len(VOCAB)
    assert adjusted_rand_score(planted, fitted.topics) > 0.95
    assert fitted.outlier_share == 0.0  # outlier reduction assigns every segment


def test_topics_numbered_by_size(fitted):
    sizes = np.bincount(fitted.topics[fitted.topics >= 0])
    assert list(sizes) == sorted(sizes, reverse=True)


def test_keywords_are_topic_words_without_fillers(corpus, fitted):
    _, _, planted = corpus
    for topic, words in fitted.keywords.items():
        source = np.bincount(planted[fitted.topics == topic]).argmax()
        top = [w for w, _ in words[:3]]
        assert all(any(v in w for v in VOCAB[source]) for w in top), (topic, top)
        assert not {"um", "uh", "yeah", "know", "kind"} & {t for w, _ in words for t in w.split()}


def test_same_seed_gives_identical_assignments(corpus, fitted):
    segments, emb, _ = corpus
    again = fit_topics(segments["text"].tolist(), emb, SETTINGS, seed=11)
    assert np.array_equal(again.topics, fitted.topics)
    assert again.probability.tobytes() == fitted.probability.tobytes()
    assert again.keywords == fitted.keywords


def test_umap_is_seeded_and_starts_from_a_reproducible_layout():
    from thematica.topics.model import build_topic_model

    model = build_topic_model(TopicSettings(representation="ctfidf"), 500, seed=7)
    assert model.umap_model.random_state == 7 and model.umap_model.init == "pca"
    assert model.hdbscan_model.min_cluster_size == 11 and model.umap_model.n_neighbors == 11
    assert model.umap_model.n_epochs is None  # UMAP's own number of epochs, unless the config sets one
    fewer = build_topic_model(TopicSettings(representation="ctfidf", n_epochs=200), 500, seed=7)
    assert fewer.umap_model.n_epochs == 200


def test_too_small_corpus_is_a_clear_error():
    segments, emb, _ = make_corpus(n_per_topic=5)
    with pytest.raises(ThematicaError, match="too few to find candidate themes"):
        fit_topics(segments["text"].tolist(), emb, TopicSettings(representation="ctfidf"), seed=1)


def test_no_structure_is_a_clear_error():
    rng = np.random.default_rng(0)
    emb = rng.normal(size=(60, 16)).astype(np.float32)
    settings = TopicSettings(representation="ctfidf", min_topic_size=40, min_samples=40)
    with pytest.raises(ThematicaError, match="no candidate themes"):
        fit_topics([f"segment {i}" for i in range(60)], emb, settings, seed=1)


def test_embeddings_must_match_segments(corpus):
    segments, emb, _ = corpus
    with pytest.raises(ThematicaError, match="embeddings"):
        fit_topics(segments["text"].tolist()[:-1], emb, SETTINGS, seed=1)


def test_filler_phrases_removed_but_words_kept():
    remove = FillerRemover(["you know", "kind of"])
    assert remove("Patients KNOW, you know, the kind of risk").split() == ["patients", "know", "the", "risk"]
    vec = build_vectorizer(TopicSettings(fillers=("um", "you know"), ngram_range=(1, 2)))
    vec.fit(["um you know the app keeps my data private", "um the data goes to the company"])
    vocabulary = set(vec.get_feature_names_out())
    assert "data" in vocabulary and "keeps data" in vocabulary
    assert not {"um", "you know", "know"} & vocabulary


def test_renumber_by_size_is_stable_on_ties():
    topics, mapping = renumber_by_size(np.array([4, 4, 2, 2, -1, 9]))
    assert topics.tolist() == [1, 1, 0, 0, -1, 2]
    assert mapping == {2: 0, 4: 1, 9: 2}


def test_candidate_themes_tables(corpus):
    segments, emb, planted = corpus
    result = candidate_themes(segments, emb, SETTINGS, seed=11, groups=["a", "b"])
    info = result.topic_info
    assert list(info["topic"]) == list(range(len(VOCAB)))
    assert info["n_segments"].sum() == len(segments)
    assert (info["n_segments_a"] + info["n_segments_b"] == info["n_segments"]).all()
    assert (info["n_participants"] == 12).all() and (info["share_participants_a"] == 1.0).all()
    assert info["stable"].all() and (info["stability"] > 0.9).all()
    assert len(result.stability) == 2 and (result.stability["ari"] > 0.9).all()
    assert list(result.segment_topics.columns) == ["segment_id", "topic", "probability"]
    assert result.segment_topics["segment_id"].tolist() == segments["segment_id"].tolist()
    assert (result.quotes.groupby("topic").size() == SETTINGS.n_quotes).all()
    assert info["label"].str.len().gt(0).all()


def test_refits_made_elsewhere_give_the_same_tables(corpus, tmp_path):
    """The workflow refits in a process beside the reference fit (rule topic_refits); given those refits,
    the tables are exactly those of refitting in one process."""
    from thematica.topics.stability import refit_seeds
    from thematica.topics.study import stability_refits

    segments, emb, _ = corpus
    alone = candidate_themes(segments, emb, SETTINGS, seed=11, groups=["a", "b"])
    refits = stability_refits(
        segments["text"].tolist(), emb, SETTINGS, refit_seeds(11, SETTINGS.stability_runs), reference_seed=11
    )
    assert refits.shape == (2, len(segments)) and refits.dtype == np.int64
    np.save(tmp_path / "refits.npy", refits)
    given = candidate_themes(
        segments, emb, SETTINGS, seed=11, groups=["a", "b"], refits=np.load(tmp_path / "refits.npy")
    )
    assert given.topic_info.equals(alone.topic_info)
    assert given.stability.equals(alone.stability)
    # refits of the wrong shape (another topics.stability_runs) are refused
    with pytest.raises(ThematicaError, match="rerun the topic_refits step"):
        candidate_themes(segments, emb, SETTINGS, seed=11, groups=["a", "b"], refits=refits[:1])


def test_the_workflow_split_gives_the_tables_of_one_process(corpus, tmp_path):
    """The workflow fits the reference (rule topics) and refits (topic_refits) in two processes and joins
    them (topic_stability), passing tables through parquet and .npy files: the CSVs are byte for byte
    those of :func:`candidate_themes` in one process."""
    from thematica.support.tables import read_parquet, write_csv, write_parquet
    from thematica.topics.stability import refit_seeds, study_stability
    from thematica.topics.study import reference_themes, stability_refits

    settings = TopicSettings(representation="ctfidf", stability_runs=3)
    segments, emb, _ = corpus
    alone = candidate_themes(segments, emb, settings, seed=11, groups=["a", "b"])
    reference = reference_themes(segments, emb, settings, seed=11, groups=["a", "b"])
    write_parquet(reference.topic_table, tmp_path / "reference.parquet")
    write_parquet(reference.segment_topics, tmp_path / "segment_topics.parquet")
    refits = stability_refits(segments["text"].tolist(), emb, settings, refit_seeds(11, 3), reference_seed=11)
    np.save(tmp_path / "refits.npy", refits)
    info, runs = study_stability(
        read_parquet(tmp_path / "reference.parquet"),
        read_parquet(tmp_path / "segment_topics.parquet"),
        np.load(tmp_path / "refits.npy"),
        settings=settings,
        seed=11,
    )
    assert runs["seed"].tolist() == [12, 13, 14]
    for name, split, whole in (("info", info, alone.topic_info), ("runs", runs, alone.stability)):
        write_csv(split, tmp_path / f"{name}_split.csv")
        write_csv(whole, tmp_path / f"{name}_whole.csv")
        assert (tmp_path / f"{name}_split.csv").read_bytes() == (tmp_path / f"{name}_whole.csv").read_bytes()
    # a stale refit file (another topics.stability_runs) is refused, naming the step to rerun
    with pytest.raises(
        ThematicaError, match=r"shape \(2, \d+\), not \(3, \d+\).*rerun the topic_refits step"
    ):
        study_stability(info, reference.segment_topics, refits[:2], settings=settings, seed=11)


def test_refits_shared_among_processes_are_the_same_bytes():
    """topic_refits shares its seeds among forked processes: the refits are the bytes of fitting them all
    in one process, and the parent fits none itself (numba's threads never start there)."""
    import json
    import subprocess
    import sys
    import textwrap

    code = """
        import json
        import numba.np.ufunc.parallel as numba_parallel
        from tests.unit.topics.conftest import make_corpus
        from thematica.topics.settings import TopicSettings
        from thematica.topics.study import stability_refits
        segments, emb, _ = make_corpus()
        settings = TopicSettings(representation="ctfidf", stability_runs=3)
        docs = segments["text"].tolist()
        shared = stability_refits(docs, emb, settings, [12, 13, 14], reference_seed=11, workers=2)
        parent_fitted = numba_parallel._is_initialized
        alone = stability_refits(docs, emb, settings, [12, 13, 14], reference_seed=11, workers=1)
        print(json.dumps({"shared": shared.tolist(), "alone": alone.tolist(), "parent_fitted": parent_fitted,
                          "alone_fitted": numba_parallel._is_initialized}))
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert not found["parent_fitted"] and found["alone_fitted"]
    assert found["shared"] == found["alone"]
    assert len(found["alone"]) == 3 and all(max(row) >= 1 for row in found["alone"])  # topics were found
