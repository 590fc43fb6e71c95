"""Saturation tables: accumulation curves, Guest et al. (2020) saturation, Chao2 and coverage."""

from pathlib import Path

from thematica.runlog import step_logging
from thematica.saturation import saturation_tables
from thematica.study import read_participants
from thematica.tables import read_parquet, write_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    p = dict(sm.params.items())
    participants = read_participants(Path(sm.input.participants), p["group_column"], p["groups"])
    tables = saturation_tables(
        consensus=read_parquet(sm.input.consensus),
        segment_codes=read_parquet(sm.input.segment_codes),
        codebook=read_parquet(sm.input.codebook),
        segments=read_parquet(sm.input.segments),
        participants=participants,
        participants_path=sm.input.participants,
        **p,
    )
    for name in ("curve", "summary", "extrapolation"):
        write_csv(getattr(tables, name), sm.output[name])
