"""Gather a study's deidentification findings into results/<study>/qa/deid_report.csv."""

from thematica.deid.gate import gather_report
from thematica.runlog import step_logging
from thematica.tables import write_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    write_csv(gather_report(list(sm.input), policy=sm.params.policy), sm.output[0])
