"""Rebuild from a release bundle: check every bundle file against the SHA-256 in its manifest.json."""

from pathlib import Path

from thematica.release.study import verify_bundle
from thematica.support.runlog import step_logging
from thematica.support.tables import write_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    write_csv(verify_bundle(Path(sm.input.manifest).parent), sm.output[0])
