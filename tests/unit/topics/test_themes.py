"""Reviewable candidate themes: hierarchy cut, key-phrase labels, interview talk set apart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thematica.topics.hierarchy import Merge, cut_merges, number_themes
from thematica.topics.labels import _stop_words, candidate_phrases, mmr_phrases, segment_phrases
from thematica.topics.settings import TopicSettings
from thematica.topics.study import candidate_themes
from thematica.topics.talk import talk_segments, talk_topics

from .conftest import make_corpus

SETTINGS = TopicSettings(representation="ctfidf", stability_runs=1, top_level=2)
TALK = [
    "Sorry, I lost my train of thought there, what was the question again?",
    "Um, sorry, can you hear me okay? My connection is spotty today.",
    "Hmm, let me think about that one, it's a hard one, you know.",
    "Oh sorry, I need to close the window, there's a lawnmower going.",
]


@pytest.fixture(scope="module")
def talk_corpus():
    """The planted corpus with planted topic 3 voiced as interview talk (its embeddings stay clustered)."""
    segments, emb, planted = make_corpus(n_per_topic=50, seed=3)
    segments = segments.copy()
    rng = np.random.default_rng(0)
    talk = planted == 3
    segments.loc[talk, "text"] = [TALK[i] for i in rng.integers(0, len(TALK), talk.sum())]
    segments["end"] = segments["text"].str.len()
    return segments, emb, planted


@pytest.fixture(scope="module")
def themes(talk_corpus):
    segments, emb, _ = talk_corpus
    return candidate_themes(segments, emb, SETTINGS, seed=5, groups=["a", "b"])


def test_talk_lexicon_marks_interview_talk_not_content():
    marked = talk_segments(TALK + ["The insurer could leak the records.", "Patients practise breathing."])
    assert marked.tolist() == [True] * len(TALK) + [False, False]
    assert not talk_segments(TALK, phrases=[]).any()  # topics.talk_phrases: [] marks nothing


def test_a_topic_is_talk_from_its_share_of_talk_segments():
    topics = np.array([0, 0, 0, 1, 1, 1])
    talk = np.array([1, 1, 0, 1, 0, 0], dtype=bool)
    assert talk_topics(topics, talk, share=0.5) == {0}
    assert talk_topics(topics, talk, share=0.3) == {0, 1}
    assert talk_topics(topics, talk, share=1.01) == set()


def test_the_talk_topic_is_set_apart_and_never_top_level(talk_corpus, themes):
    segments, _, planted = talk_corpus
    info = themes.topic_info.set_index("topic")
    talk = info.loc[info["kind"] == "talk"]
    assert len(talk) == 1 and (talk["theme"] == 0).all()
    members = themes.segment_topics["topic"].to_numpy() == talk.index[0]
    assert (planted[members] == 3).mean() > 0.9  # the planted talk, found by its words
    top = themes.themes
    assert (top.loc[top["theme"] != 0, "kind"] == "theme").all()
    assert top["theme"].tolist()[-1] == 0 and top["kind"].tolist()[-1] == "talk"
    assert int(top["n_segments"].sum()) == len(segments)  # nothing dropped: talk is counted


def test_top_level_themes_cut_at_top_level_with_topics_as_sub_themes(themes):
    info = themes.topic_info.loc[themes.topic_info["topic"] != -1]
    content = info.loc[info["kind"] == "theme"]
    assert 1 <= content["theme"].nunique() <= SETTINGS.top_level
    assert set(content["theme"]) == set(range(1, content["theme"].nunique() + 1))
    top = themes.themes.set_index("theme")
    for number, members in content.groupby("theme"):
        assert top.loc[number, "topics"] == "; ".join(str(t) for t in sorted(members["topic"]))
        assert top.loc[number, "n_segments"] == members["n_segments"].sum()
        assert (members["theme_label"] == top.loc[number, "label"]).all()
    sizes = top.loc[top.index != 0, "n_segments"].tolist()
    assert sizes == sorted(sizes, reverse=True)  # numbered by size


def test_quotes_carry_their_top_level_theme(themes):
    theme_of = themes.topic_info.set_index("topic")["theme"]
    assert (themes.quotes["theme"].to_numpy() == theme_of.loc[themes.quotes["topic"]].to_numpy()).all()


def test_labels_are_free_of_filler_and_repeated_words(themes):
    stop = _stop_words(SETTINGS.fillers)
    labels = themes.topic_info.loc[themes.topic_info["topic"] != -1, "label"].tolist()
    labels += themes.themes.loc[themes.themes["kind"] == "theme", "label"].tolist()
    for label in labels:
        words = label.replace(",", " ").split()
        assert words, label
        assert not set(words) & stop, label
        assert len(set(words)) == len(words), label
    assert not any("um" in label.split() for label in labels)


def test_the_themes_are_the_same_on_a_rerun(talk_corpus, themes):
    segments, emb, _ = talk_corpus
    again = candidate_themes(segments, emb, SETTINGS, seed=5, groups=["a", "b"])
    pd.testing.assert_frame_equal(again.topic_info, themes.topic_info)
    pd.testing.assert_frame_equal(again.themes, themes.themes)
    pd.testing.assert_frame_equal(again.quotes, themes.quotes)


def test_cut_splits_the_highest_merges_first_and_skips_talk():
    merges = [
        Merge(frozenset({0, 1}), 0.1, frozenset({0}), frozenset({1})),
        Merge(frozenset({2, 4}), 0.15, frozenset({2}), frozenset({4})),
        Merge(frozenset({2, 3, 4}), 0.2, frozenset({2, 4}), frozenset({3})),
        Merge(frozenset(range(5)), 0.9, frozenset({0, 1}), frozenset({2, 3, 4})),
    ]
    groups = cut_merges(merges, range(5), talk=[4], k=3)
    assert groups[4] is None
    assert {frozenset(g) for g in groups.values() if g is not None} == {
        frozenset({0, 1}), frozenset({2}), frozenset({3})
    }  # fmt: skip
    numbered = number_themes(groups, {0: 5, 1: 5, 2: 30, 3: 1, 4: 50})
    assert numbered == {4: 0, 0: 2, 1: 2, 2: 1, 3: 3}
    assert len({n for n in cut_merges(merges, range(5), k=99).values()}) == 5  # no more themes than topics


def test_noun_phrases_drop_fillers_and_stop_words():
    phrases = segment_phrases(
        ["Um, the gut reaction of my patients, you know, stuff like that.", "A lot of the decision support."],
        fillers=TopicSettings().fillers,
    )
    assert "gut reaction" in phrases[0] and "patients" in phrases[0]
    assert "decision support" in phrases[1]
    assert not {"stuff", "lot", "um", "the", "my"} & {w for p in phrases for x in p for w in x.split()}


def test_mmr_never_repeats_a_word_nor_a_plural():
    candidates = ["patients", "patient care", "gut reaction", "reaction time"]
    picked = mmr_phrases(candidates, np.array([0.9, 0.85, 0.8, 0.7]), None, k=3, diversity=0.3)
    assert picked == ["patients", "gut reaction"]


def test_candidates_need_two_segments_of_the_cluster():
    scored = candidate_phrases([["a b"], ["c"], ["c"]], np.array([0, 0, 0]))
    assert [p for p, _ in scored[0]] == ["c"]
