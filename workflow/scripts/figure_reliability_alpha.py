"""Forest plot of Krippendorff's alpha per code and theme with bootstrap intervals."""

from thematica.figures.reliability import plot_reliability_alpha
from thematica.figures.style import save_figure
from thematica.support.runlog import step_logging
from thematica.support.tables import read_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    figure = plot_reliability_alpha(
        read_csv(sm.input.alpha),
        study=sm.wildcards.study,
        alpha_min=sm.params.alpha_min,
        alpha_good=sm.params.alpha_good,
        ci_level=sm.params.ci_level,
    )
    save_figure(figure, sm.output, dpi=sm.params.dpi)
