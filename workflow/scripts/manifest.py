"""Write results/manifest.json: hashes of every output and input, the config and package versions."""

from thematica.support.manifest import build_manifest, write_manifest
from thematica.support.runlog import step_logging

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    manifest = build_manifest(list(sm.input.outputs), list(sm.input.inputs), dict(sm.params.config))
    write_manifest(manifest, sm.output[0])
