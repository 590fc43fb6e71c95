"""Write the release bundle's README.md and manifest.json (SHA-256 of its files and of what it rebuilds)."""

from pathlib import Path

from thematica.release.study import write_bundle_index
from thematica.support.runlog import step_logging

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    write_bundle_index(
        Path(sm.output.manifest).parent,
        study=sm.wildcards.study,
        files=list(sm.input.files),
        outputs=list(sm.input.outputs),
        config=dict(sm.params.config),
    )
