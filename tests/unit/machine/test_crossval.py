import numpy as np

import thematica.machine.crossval as crossval
from thematica.machine.classifier import CodeClassifier
from thematica.machine.settings import MachineSettings

SETTINGS = MachineSettings(seed=11, folds=4, inner_folds=3)


def test_no_segment_of_a_test_transcript_is_in_its_training_fold(study, monkeypatch):
    x, y = study["x"], study["y"]
    groups = study["segments"]["transcript"].to_numpy()
    seen = []

    def spy(x_train, y_train, groups_train, settings):
        seen.append(set(groups_train))
        return CodeClassifier(C=settings.C, inner_folds=settings.inner_folds, random_state=settings.seed).fit(
            x_train, y_train, groups_train
        )

    monkeypatch.setattr(crossval, "fit_code", spy)
    cv = crossval.cross_validate(x, y, groups, SETTINGS)
    k = y.shape[1]
    assert len(seen) == SETTINGS.folds * k
    for f in range(SETTINGS.folds):
        tested = set(groups[cv.fold == f])
        assert tested
        for trained in seen[f * k : (f + 1) * k]:
            assert not trained & tested
            assert trained | tested == set(groups)  # and every other transcript is used


def test_shapes_and_the_same_result_twice(study):
    x, y = study["x"], study["y"]
    groups = study["segments"]["transcript"].to_numpy()
    one = crossval.cross_validate(x, y, groups, SETTINGS)
    two = crossval.cross_validate(x, y, groups, SETTINGS)
    assert one.probability.shape == y.shape and one.applied.shape == y.shape
    assert one.threshold.shape == (SETTINGS.folds, y.shape[1]) and one.fold.min() == 0
    for name in ("fold", "probability", "threshold", "applied"):
        assert getattr(one, name).tobytes() == getattr(two, name).tobytes()
    assert (one.applied == y).mean() > 0.9  # the synthetic codes are learnable


def test_thresholds_are_chosen_from_the_training_folds_only(study):
    x, y = study["x"], study["y"].copy()
    groups = study["segments"]["transcript"].to_numpy()
    before = crossval.cross_validate(x, y, groups, SETTINGS)
    test0 = before.fold == 0
    y[test0] = 1 - y[test0]  # change every label of fold 0's test transcripts
    after = crossval.cross_validate(x, y, groups, SETTINGS)
    assert np.array_equal(after.threshold[0], before.threshold[0])
    assert np.array_equal(after.probability[test0], before.probability[test0])
    assert not np.array_equal(after.threshold[1:], before.threshold[1:])  # they trained on fold 0
