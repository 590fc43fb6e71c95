"""Split one transcript's participant turns into segments."""

from thematica.ingest import read_canonical
from thematica.runlog import step_logging
from thematica.schemas import SEGMENTS, validated
from thematica.segment import segment_turns
from thematica.tables import read_parquet, write_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    segments = segment_turns(
        read_parquet(sm.input.turns),
        read_canonical(sm.input.text),
        participant_id=sm.params.participant["participant_id"],
        group=sm.params.participant["group"],
        min_words=sm.params.min_words,
    )
    write_parquet(validated(segments, SEGMENTS), sm.output[0])
