"""One code's classifier: a balanced logistic regression with a threshold chosen inside its training data.

:class:`CodeClassifier` follows scikit-learn's conventions (``fit`` returns ``self``, learned attributes
end in ``_``). ``fit`` runs a cross-validation grouped by transcript *inside* the training data; the
out-of-fold probabilities of those inner folds choose the threshold (:func:`best_threshold`, the one at
which the code's alpha against the training labels is highest), and a final model is fitted on all the
training data. The segments a classifier is later tested on never take part in choosing its threshold.

A monotone calibration of the probabilities (Platt, isotonic) would move the threshold with them and
select the same segments, so none is fitted: the threshold does the work calibration would do here.
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from thematica.reliability.alpha import binary_alpha


def grouped_folds(groups: np.ndarray, n_splits: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Train and test indices of a cross-validation grouped by ``groups`` (transcripts), seeded.

    Parameters
    ----------
    groups
        Shape ``(n,)``: each row's group.
    n_splits
        Folds; capped at the number of groups (at least 2 groups are needed).
    seed
        Shuffles the groups before they are dealt into folds.

    Returns
    -------
    list of (train, test)
        Sorted index arrays; a group's rows are all in one test fold.

    Examples
    --------
    >>> g = np.array(["a", "a", "b", "c", "c", "d"])
    >>> [sorted(map(str, set(g[test]))) for _, test in grouped_folds(g, 2, seed=1)]
    [['c', 'd'], ['a', 'b']]
    """
    groups = np.asarray(groups)
    k = min(int(n_splits), len(np.unique(groups)))
    if k < 2:
        raise ValueError(f"a grouped cross-validation needs at least 2 groups, got {k}")
    splitter = GroupKFold(n_splits=k, shuffle=True, random_state=int(seed))
    return [(np.sort(a), np.sort(b)) for a, b in splitter.split(np.zeros(len(groups)), groups=groups)]


def threshold_alphas(scores: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Alpha of every distinct threshold: the units scoring at least it coded 1, against ``labels``.

    Parameters
    ----------
    scores
        Shape ``(n,)``: a score per unit (a probability).
    labels
        Shape ``(n,)``: 0/1.

    Returns
    -------
    thresholds, alphas
        Shape ``(T,)`` each: the distinct scores, highest first, and binary nominal alpha of coding the
        units at or above each (``NaN`` where undefined).

    Examples
    --------
    >>> t, a = threshold_alphas(np.array([0.9, 0.8, 0.3, 0.1]), np.array([1, 1, 0, 0]))
    >>> t.tolist(), a.round(3).tolist()
    ([0.9, 0.8, 0.3, 0.1], [0.533, 1.0, 0.533, -0.167])
    """
    scores = np.asarray(scores, dtype=float)
    labels = np.asarray(labels, dtype=float)
    order = np.argsort(-scores, kind="stable")
    sorted_scores = scores[order]
    true_pos = np.cumsum(labels[order])
    last = np.r_[sorted_scores[1:] != sorted_scores[:-1], True]  # the end of each run of tied scores
    k = np.flatnonzero(last) + 1.0  # units coded 1 at that threshold
    tp = true_pos[last]
    n, p = float(len(scores)), float(labels.sum())
    o01 = (k - tp) + (p - tp)
    o = np.stack(
        [np.stack([2.0 * (n - k - p + tp), o01], axis=-1), np.stack([o01, 2.0 * tp], axis=-1)], axis=-2
    )
    return sorted_scores[last], np.asarray(binary_alpha(o), dtype=float)


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    """The threshold at which coding ``scores >= threshold`` agrees best with ``labels`` (highest alpha).

    It lies halfway between the chosen score and the next lower one; the highest such threshold among
    ties. With no positive label, or no defined alpha, it is ``inf`` (code nothing).

    Examples
    --------
    >>> best_threshold(np.array([0.9, 0.8, 0.3, 0.1]), np.array([1, 1, 0, 0]))
    0.55
    """
    thresholds, alphas = threshold_alphas(scores, labels)
    if not len(thresholds) or not np.isfinite(alphas).any() or not np.asarray(labels).any():
        return float("inf")
    best = int(np.nanargmax(alphas))
    lower = thresholds[best + 1] if best + 1 < len(thresholds) else thresholds[best] - 1.0
    return float((thresholds[best] + lower) / 2.0)


class CodeClassifier:
    """A balanced logistic regression for one code, its threshold chosen by inner grouped folds.

    Parameters
    ----------
    C
        Inverse regularisation strength.
    inner_folds
        Folds, grouped by transcript, inside the training data that choose the threshold.
    random_state
        Seeds the inner folds (an int).

    Attributes
    ----------
    model_
        The logistic regression fitted on all training data (``None`` when the training labels are all
        one value: then every probability is that value).
    threshold_
        The chosen threshold (0.5 without two training groups to choose it from).
    inner_probabilities_
        Shape ``(n,)``: the inner out-of-fold probabilities it was chosen from (``NaN`` where none).
    constant_
        The probability of every segment when ``model_`` is ``None``.
    """

    def __init__(self, C: float = 10.0, inner_folds: int = 4, random_state: int = 0) -> None:
        self.C = C
        self.inner_folds = inner_folds
        self.random_state = random_state

    def _model(self, x: np.ndarray, y: np.ndarray) -> LogisticRegression | None:
        if len(np.unique(y)) < 2:
            return None
        model = LogisticRegression(C=self.C, class_weight="balanced", max_iter=5000)
        return model.fit(x, y)

    @staticmethod
    def _proba(model: LogisticRegression | None, x: np.ndarray, constant: float) -> np.ndarray:
        return np.full(len(x), constant) if model is None else model.predict_proba(x)[:, 1]

    def fit(self, x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> CodeClassifier:
        """Fit on features ``x`` (``(n, d)``) and labels ``y`` (``(n,)``, 0/1) of segments in ``groups``."""
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.int64)
        groups = np.asarray(groups)
        self.constant_ = float(y[0]) if len(y) and len(np.unique(y)) == 1 else 0.0
        self.model_ = self._model(x, y)
        inner = np.full(len(y), np.nan)
        if self.model_ is not None and len(np.unique(groups)) >= 2:
            for train, test in grouped_folds(groups, self.inner_folds, self.random_state):
                constant = float(y[train].mean()) if len(train) else 0.0
                inner[test] = self._proba(self._model(x[train], y[train]), x[test], constant)
            self.threshold_ = best_threshold(inner, y)
        else:
            self.threshold_ = 0.5
        self.inner_probabilities_ = inner
        return self

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """Shape ``(n,)``: the probability that the code applies."""
        return self._proba(self.model_, np.asarray(x, dtype=np.float64), self.constant_)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Shape ``(n,)``: 1 where the probability reaches the threshold, else 0 (int8)."""
        return (self.predict_proba(x) >= self.threshold_).astype(np.int8)
