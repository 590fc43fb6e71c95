"""Split one transcript's canonical text (after the deidentification gate) into speaker turns."""

from thematica.ingest import read_canonical, transcript_turns
from thematica.runlog import step_logging
from thematica.schemas import TURNS, validated
from thematica.tables import write_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    turns = transcript_turns(
        read_canonical(sm.input[0]),
        transcript=sm.wildcards.transcript,
        interviewer_labels=sm.params.interviewer_labels,
        speaker_pattern=sm.params.speaker_pattern,
        path=sm.params.source,
    )
    write_parquet(validated(turns, TURNS), sm.output[0])
