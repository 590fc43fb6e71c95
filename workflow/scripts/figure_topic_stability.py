"""Topic-stability figure: per-theme best-match overlap across refits and each refit's agreement."""

from thematica.figures.style import save_figure
from thematica.figures.topics import plot_topic_stability
from thematica.support.runlog import step_logging
from thematica.support.tables import read_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    figure = plot_topic_stability(
        read_csv(sm.input.topic_info),
        read_csv(sm.input.stability),
        study=sm.wildcards.study,
        threshold=sm.params.threshold,
    )
    save_figure(figure, sm.output, dpi=sm.params.dpi)
