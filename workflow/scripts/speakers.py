"""Write a study's speakers table: every transcript's speaker labels, the role each got and why."""

from thematica.ingest.study import read_canonical, speakers_table
from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_csv

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    table = speakers_table(
        read_parquet(sm.input.turns),
        {transcript: read_canonical(path) for transcript, path in sm.params.texts.items()},
        interviewer_labels=sm.params.interviewer_labels,
        participant_ids=sm.params.participant_ids,
        participants_per_interview=sm.params.participants_per_interview,
    )
    write_csv(table, sm.output[0])
