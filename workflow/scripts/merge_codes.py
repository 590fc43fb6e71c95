"""Merge the coders' segment codes into consensus codes under the configured rule."""

from thematica.codes.schemas import CONSENSUS
from thematica.codes.study import merge_consensus
from thematica.schemas import validated
from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    table = merge_consensus(read_parquet(sm.input[0]), rule=sm.params.rule, ties=sm.params.ties)
    write_parquet(validated(table, CONSENSUS), sm.output[0])
