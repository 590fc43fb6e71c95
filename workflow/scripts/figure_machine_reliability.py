"""Forest plot of the machine coder's alpha against the consensus and each coder, beside the humans'."""

from thematica.figures.machine import plot_machine_reliability
from thematica.figures.style import save_figure
from thematica.support.runlog import step_logging
from thematica.support.tables import read_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    figure = plot_machine_reliability(
        read_csv(sm.input.table),
        study=sm.wildcards.study,
        alpha_min=sm.params.alpha_min,
        alpha_good=sm.params.alpha_good,
        ci_level=sm.params.ci_level,
    )
    save_figure(figure, sm.output, dpi=sm.params.dpi)
