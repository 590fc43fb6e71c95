"""The machine coder cross-validated by transcript and measured as a coder (reliability/machine.csv)."""

from thematica.machine import MachineSettings, machine_reliability
from thematica.reliability import ReliabilitySettings
from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_csv, write_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    result = machine_reliability(
        read_parquet(sm.input.segments),
        read_parquet(sm.input.consensus),
        read_parquet(sm.input.segment_codes),
        read_parquet(sm.input.codebook),
        npy_paths=[sm.input.npy],
        json_paths=[sm.input.meta],
        settings=MachineSettings.from_config(sm.params.settings, seed=sm.params.seed),
        reliability=ReliabilitySettings.from_config(sm.params.reliability, seed=sm.params.seed),
    )
    write_parquet(result.predictions, sm.output.predictions)
    write_csv(result.table, sm.output.table)
