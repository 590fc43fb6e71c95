"""Compile the topic fit's numba code once, before the topic steps (each would otherwise compile it)."""

from thematica.runlog import step_logging
from thematica.topics.warmup import warm_jit_cache, write_warm_record

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    write_warm_record(warm_jit_cache(sm.params.settings, seed=sm.params.seed), sm.output[0])
