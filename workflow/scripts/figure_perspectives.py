"""Combined perspectives figure: how the compared groups differ, study by study."""

import pandas as pd

from thematica.figures.compare import plot_studies_perspectives
from thematica.figures.style import save_figure
from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    figure = plot_studies_perspectives(
        [pd.read_csv(p, keep_default_na=False, na_values=[""]) for p in sm.input.prevalence],
        [read_parquet(p) for p in sm.input.codebook],
        [dict(g) for g in sm.params.group_labels],
        list(sm.params.studies),
        pairwise=[pd.read_csv(p, keep_default_na=False, na_values=[""]) for p in sm.input.pairwise],
    )
    save_figure(figure, sm.output, dpi=sm.params.dpi)
