"""Prevalence-by-group figure of one study at one level (codes, themes, Bordin dimensions, topics)."""

import pandas as pd

from thematica.figures.compare import plot_study_comparison
from thematica.figures.style import save_figure
from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet

LEVELS = {"codes": "code", "themes": "theme", "bordin": "bordin", "topics": "topic"}

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    figure = plot_study_comparison(
        pd.read_csv(sm.input.prevalence, keep_default_na=False, na_values=[""]),
        read_parquet(sm.input.codebook),
        level=LEVELS[sm.wildcards.level],
        group_labels=dict(sm.params.group_labels),
        study=sm.wildcards.study,
        topic_info=pd.read_csv(sm.input.topic_info),
    )
    save_figure(figure, sm.output, dpi=sm.params.dpi)
