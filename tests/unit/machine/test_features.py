import numpy as np
import pandas as pd
import pytest

from thematica.machine.features import segment_features


def test_context_is_the_mean_of_the_neighbours_in_the_same_transcript():
    x = np.arange(10, dtype=float).reshape(5, 2)
    # rows out of order: neighbours follow start within each transcript
    segments = pd.DataFrame({"transcript": ["a", "b", "a", "a", "b"], "start": [20, 0, 0, 10, 5]})
    features = segment_features(x, segments, context=True)
    assert features.shape == (5, 4)
    assert np.array_equal(features[:, :2], x)
    # a: rows 2 (0), 3 (10), 0 (20); b: rows 1 (0), 4 (5)
    assert features[3, 2:].tolist() == ((x[2] + x[0]) / 2).tolist()
    assert features[2, 2:].tolist() == x[3].tolist() and features[0, 2:].tolist() == x[3].tolist()
    assert features[1, 2:].tolist() == x[4].tolist() and features[4, 2:].tolist() == x[1].tolist()


def test_without_context_the_features_are_the_embeddings():
    x = np.ones((2, 3), dtype=np.float32)
    segments = pd.DataFrame({"transcript": ["a", "a"], "start": [0, 1]})
    assert segment_features(x, segments).dtype == np.float64
    with pytest.raises(ValueError, match="3 embeddings for 2 segments"):
        segment_features(np.ones((3, 3)), segments)
