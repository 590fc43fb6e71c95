"""Scan one transcript's canonical source text for personal identifiers (masked findings table), with
the named entities its study's deid_entities job found."""

from thematica.deid.gate import scan_file
from thematica.runlog import step_logging
from thematica.tables import write_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    findings = scan_file(
        sm.input.text,
        transcript=sm.wildcards.transcript,
        allowlist_path=sm.params.allowlist,
        known_terms=sm.params.known_terms,
        kinds=sm.params.kinds,
        speaker_pattern=sm.params.speaker_pattern,
        entities_path=sm.input.entities,
    )
    write_csv(findings, sm.output[0])
