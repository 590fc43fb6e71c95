"""The machine coder's proposals for the segments no two coders saw, as a REFI-QDA project for review."""

from thematica.machine import MachineSettings, machine_proposals
from thematica.support.runlog import step_logging
from thematica.support.tables import read_csv, read_parquet, write_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    proposals = machine_proposals(
        read_parquet(sm.input.segments),
        read_parquet(sm.input.consensus),
        read_parquet(sm.input.codebook),
        read_parquet(sm.input.predictions),
        read_csv(sm.input.table),
        npy_paths=[sm.input.npy],
        json_paths=[sm.input.meta],
        settings=MachineSettings.from_config(sm.params.settings, seed=sm.params.seed),
        study=sm.wildcards.study,
        text_paths=list(sm.params.texts.values()),
        qdpx_path=sm.output.qdpx,
        export_for=sm.params.export_for,
    )
    write_csv(proposals, sm.output.proposals)
