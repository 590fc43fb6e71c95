"""Apply the deidentification policy to every transcript of a study: stop, warn, or write the redacted
texts and their offset maps."""

from thematica.deid.study import gate_study
from thematica.support.runlog import step_logging

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    gate_study(
        sm.params.texts,
        sm.params.findings,
        policy=sm.params.policy,
        sources=sm.params.sources,
        allowlist_path=sm.params.allowlist,
        text_dir=sm.output.text,
        offsets_dir=sm.output.offsets,
        speaker_pattern=sm.params.speaker_pattern,
        report_path=sm.input.report,
        suggested_path=sm.input.suggested,
    )
