"""Read a study's codebook (codebook.csv or .qdc) into the codebook table."""

from thematica.codes import read_codebook
from thematica.codes.schemas import CODEBOOK
from thematica.runlog import step_logging
from thematica.schemas import validated
from thematica.tables import write_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    write_parquet(validated(read_codebook(sm.input[0]), CODEBOOK), sm.output[0])
