"""Refit a study's topic model with the stability seeds, in a process beside the reference fit."""

import numpy as np

from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet
from thematica.topics.study import study_refits

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    refits = study_refits(
        read_parquet(sm.input.segments),
        npy_paths=[sm.input.npy],
        json_paths=[sm.input.meta],
        settings=sm.params.settings,
        seed=sm.params.seed,
        threads=sm.threads,
    )
    np.save(sm.output[0], refits, allow_pickle=False)
