"""Split a study's gated transcripts into speaker turns and participant segments, and write its QA ledger;
unchanged transcripts are read from the cache."""

from thematica.ingest.speakers import speaker_settings
from thematica.segment.study import TranscriptSource, segment_study
from thematica.support.runlog import step_logging
from thematica.support.tables import write_csv, write_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    segments, turns, ledger = segment_study(
        {transcript: TranscriptSource(**where) for transcript, where in sm.params.transcripts.items()},
        sm.params.cache,
        interviewer_labels=sm.params.interviewer_labels,
        speaker_pattern=sm.params.speaker_pattern,
        speaker_settings=speaker_settings(sm.params.speaker_settings),
        min_words=sm.params.min_words,
        processes=sm.threads,
    )
    write_parquet(segments, sm.output.segments)
    write_parquet(turns, sm.output.turns)
    write_csv(ledger, sm.output.ledger)
