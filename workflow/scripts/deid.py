"""Apply the deidentification policy to one transcript: stop, warn, or write the redacted text."""

from thematica.deid.gate import gate_transcript
from thematica.ingest import write_canonical
from thematica.runlog import step_logging
from thematica.tables import write_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    text, offsets = gate_transcript(
        sm.input.text,
        sm.input.findings,
        policy=sm.params.policy,
        source=sm.params.source,
        allowlist_path=sm.params.allowlist,
        speaker_pattern=sm.params.speaker_pattern,
    )
    write_canonical(text, sm.output.text)
    write_parquet(offsets, sm.output.offsets)
