"""Scan every transcript of a study for personal identifiers (one masked findings table each, with the named
entities its study's deid_entities job found), write the study's deid report and its suggested allowlist."""

from thematica.deid.study import scan_study
from thematica.support.runlog import step_logging
from thematica.support.tables import write_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    report = scan_study(
        sm.params.texts,
        sm.output.findings,
        policy=sm.params.policy,
        known_terms=sm.params.known_terms,
        allowlist_path=sm.params.allowlist,
        kinds=sm.params.kinds,
        speaker_pattern=sm.params.speaker_pattern,
        entities_path=sm.input.entities,
        suggested_path=sm.output.suggested,
    )
    write_csv(report, sm.output.report)
