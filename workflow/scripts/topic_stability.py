"""Each candidate theme's stability across the refits (rule topic_refits): topic_info.csv, stability.csv."""

import numpy as np

from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_csv
from thematica.topics.stability import study_stability

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    topic_info, stability = study_stability(
        read_parquet(sm.input.topic_table),
        read_parquet(sm.input.segment_topics),
        np.load(sm.input.refits, allow_pickle=False),
        settings=sm.params.settings,
        seed=sm.params.seed,
    )
    write_csv(topic_info, sm.output.topic_info)
    write_csv(stability, sm.output.stability)
