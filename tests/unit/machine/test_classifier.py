import numpy as np
import pytest

from thematica.machine.classifier import CodeClassifier, best_threshold, grouped_folds, threshold_alphas
from thematica.reliability.alpha import krippendorff_alpha


def test_threshold_alphas_equal_alpha_of_each_cut():
    rng = np.random.default_rng(1)
    scores = np.round(rng.random(60), 1)  # ties on purpose
    labels = (rng.random(60) < 0.3).astype(int)
    thresholds, alphas = threshold_alphas(scores, labels)
    assert list(thresholds) == sorted(set(scores), reverse=True)
    for t, a in zip(thresholds, alphas, strict=True):
        coded = (scores >= t).astype(float)
        expected = krippendorff_alpha(np.vstack([coded, labels]), "nominal")
        assert a == pytest.approx(expected, nan_ok=True)


def test_best_threshold_separates_perfectly_separable_scores():
    scores = np.array([0.95, 0.9, 0.7, 0.4, 0.2, 0.1])
    labels = np.array([1, 1, 1, 0, 0, 0])
    threshold = best_threshold(scores, labels)
    assert 0.4 < threshold < 0.7
    assert ((scores >= threshold) == labels).all()
    assert best_threshold(scores, np.zeros(6)) == float("inf")  # nothing to find: code nothing


def test_grouped_folds_keep_each_group_in_one_test_fold():
    groups = np.repeat([f"t{i}" for i in range(7)], 5)
    folds = grouped_folds(groups, 3, seed=4)
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested) == list(range(len(groups)))  # every row tested once
    for train, test in folds:
        assert not set(groups[train]) & set(groups[test])
    again = grouped_folds(groups, 3, seed=4)
    assert all((a == c).all() and (b == d).all() for (a, b), (c, d) in zip(folds, again, strict=True))
    other = grouped_folds(groups, 3, seed=5)
    assert any(not np.array_equal(a[1], b[1]) for a, b in zip(folds, other, strict=True))
    with pytest.raises(ValueError, match="at least 2 groups"):
        grouped_folds(np.array(["a", "a"]), 3, seed=0)


def test_classifier_threshold_comes_from_its_inner_folds(study):
    x, y, groups = study["x"], study["y"][:, 0], study["segments"]["transcript"].to_numpy()
    model = CodeClassifier(C=10.0, inner_folds=3, random_state=0).fit(x, y, groups)
    assert np.isfinite(model.inner_probabilities_).all()
    assert model.threshold_ == best_threshold(model.inner_probabilities_, y)
    predicted = model.predict(x)
    assert predicted.dtype == np.int8 and set(np.unique(predicted)) <= {0, 1}


def test_classifier_of_one_label_gives_that_label(study):
    x, groups = study["x"], study["segments"]["transcript"].to_numpy()
    model = CodeClassifier().fit(x, np.zeros(len(x), dtype=int), groups)
    assert model.model_ is None and (model.predict_proba(x) == 0.0).all() and not model.predict(x).any()
