"""Read one transcript to canonical text and speaker turns."""

from thematica.ingest import ingest_transcript, write_canonical
from thematica.runlog import step_logging
from thematica.schemas import TURNS, validated
from thematica.tables import write_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    canonical, turns = ingest_transcript(
        sm.input[0],
        transcript=sm.wildcards.transcript,
        interviewer_labels=sm.params.interviewer_labels,
        speaker_pattern=sm.params.speaker_pattern,
    )
    write_canonical(canonical, sm.output.text)
    write_parquet(validated(turns, TURNS), sm.output.turns)
