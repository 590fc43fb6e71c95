"""Saturation tables: accumulation curves, Guest et al. (2020) saturation, codebook coverage, and (inductive
codebook) Chao2 and sample coverage."""

from pathlib import Path

from thematica.ingest.folder import read_participants
from thematica.saturation.settings import SaturationSettings
from thematica.saturation.study import saturation_tables
from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    groups = list(sm.params.groups)
    participants = read_participants(Path(sm.input.participants), sm.params.group_column, groups)
    tables = saturation_tables(
        consensus=read_parquet(sm.input.consensus),
        segment_codes=read_parquet(sm.input.segment_codes),
        codebook=read_parquet(sm.input.codebook),
        segments=read_parquet(sm.input.segments),
        participants=participants,
        participants_path=sm.input.participants,
        group_column=sm.params.group_column,
        groups=groups,
        settings=SaturationSettings.from_config(sm.params.settings, codebook_kind=sm.params.codebook_kind),
        seed=sm.params.seed,
    )
    for name in ("curve", "summary", "extrapolation"):
        write_csv(getattr(tables, name), sm.output[name])
