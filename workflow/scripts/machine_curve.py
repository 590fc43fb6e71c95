"""The machine coder's learning curve: alpha against the number of hand-coded transcripts."""

from thematica.machine import MachineSettings, machine_learning_curve
from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    curve = machine_learning_curve(
        read_parquet(sm.input.segments),
        read_parquet(sm.input.consensus),
        read_parquet(sm.input.codebook),
        npy_paths=[sm.input.npy],
        json_paths=[sm.input.meta],
        settings=MachineSettings.from_config(sm.params.settings, seed=sm.params.seed),
    )
    write_csv(curve, sm.output[0])
