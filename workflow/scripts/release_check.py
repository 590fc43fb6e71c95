"""Rebuild from a release bundle: compare every rebuilt output with the SHA-256 the bundle recorded."""

from thematica.release.study import check_rebuild
from thematica.support.runlog import step_logging
from thematica.support.tables import write_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    write_csv(check_rebuild(sm.input.manifest, dict(sm.params.config)), sm.output[0])
