"""Read a study's codebook (codebook.csv, .qdc, or the coders' .qdpx code trees) into the codebook table."""

from thematica.codes.schemas import CODEBOOK
from thematica.codes.study import read_codebook
from thematica.schemas import validated
from thematica.support.runlog import step_logging
from thematica.support.tables import write_csv, write_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    book = read_codebook(list(sm.input), theme_level=sm.params.theme_level, theme_codes=sm.params.theme_codes)
    write_parquet(validated(book, CODEBOOK), sm.output.table)
    write_csv(book, sm.output.shown)
