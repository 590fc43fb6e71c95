"""Topic settings from the config and their scaling with corpus size."""

from __future__ import annotations

import pytest

from thematica.errors import ThematicaError
from thematica.topics.settings import DEFAULT_FILLERS, TopicSettings, resolve_sizes


def test_auto_sizes_grow_with_the_corpus_but_sublinearly():
    sizes = [resolve_sizes(TopicSettings(), n) for n in (100, 400, 1600, 6400, 100_000)]
    mts = [s["min_topic_size"] for s in sizes]
    assert mts == sorted(mts) and mts[0] == 5 and mts[-1] == 100
    assert mts[3] / mts[2] < 4  # four times the segments, not four times the topic size
    assert all(2 <= s["min_samples"] <= s["min_topic_size"] for s in sizes)
    assert [s["n_neighbors"] for s in sizes] == [10, 10, 20, 40, 50]


def test_n_neighbors_stays_below_the_corpus():
    assert resolve_sizes(TopicSettings(n_neighbors=50), 20)["n_neighbors"] == 19


def test_from_config_defaults_and_errors():
    settings = TopicSettings.from_config({"fillers": None, "nr_topics": None, "ngram_range": [1, 3]})
    assert settings.fillers == DEFAULT_FILLERS and settings.ngram_range == (1, 3)
    assert TopicSettings.from_config({}) == TopicSettings()
    with pytest.raises(ThematicaError, match="unknown topics setting"):
        TopicSettings.from_config({"min_topic_sise": 3})
    with pytest.raises(ThematicaError, match="ngram_range"):
        TopicSettings.from_config({"ngram_range": [2, 1]})
