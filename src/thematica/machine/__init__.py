"""A machine coder measured the way human coders are.

Per code, a balanced logistic regression on the segments' embeddings learns the consensus codes. It is
evaluated by cross-validation grouped by transcript (no segment of a test transcript in training; each
threshold chosen inside the training transcripts) and reported as a coder: Krippendorff's alpha against
the consensus and each human coder with the humans' bootstrap intervals. Fitted on every coded
transcript, it proposes codes for what no two coders saw, as a REFI-QDA project for review; it never
enters the consensus. A learning curve shows how much hand coding it needs.

Modules
-------
``settings``
    :class:`MachineSettings` (the config's ``machine`` section).
``features``
    :func:`segment_features`: embeddings, optionally with their neighbours' mean.
``classifier``
    :class:`CodeClassifier`, :func:`grouped_folds`, :func:`best_threshold`.
``crossval``
    :func:`cross_validate`: out-of-fold codes of every coded segment.
``agreement``
    :func:`machine_alpha_table`: the rows of ``machine.csv``.
``curve``
    :func:`learning_curve`.
``proposals``
    The proposals and their REFI-QDA project.
``study``
    The workflow's entry: :func:`machine_reliability`, :func:`machine_learning_curve`,
    :func:`machine_proposals`.
"""

from thematica.support.lazy import lazy_exports

__all__ = [
    "MACHINE_USER",
    "CodeClassifier",
    "MachineSettings",
    "best_threshold",
    "cross_validate",
    "grouped_folds",
    "learning_curve",
    "machine_alpha_table",
    "machine_learning_curve",
    "machine_proposals",
    "machine_reliability",
    "segment_features",
]

# names load from their submodules on first use (thematica.support.lazy)
__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "MACHINE_USER": "agreement",
        "machine_alpha_table": "agreement",
        "CodeClassifier": "classifier",
        "best_threshold": "classifier",
        "grouped_folds": "classifier",
        "cross_validate": "crossval",
        "learning_curve": "curve",
        "segment_features": "features",
        "MachineSettings": "settings",
        "machine_learning_curve": "study",
        "machine_proposals": "study",
        "machine_reliability": "study",
    },
)
