"""c-TF-IDF keywords of each human code (BERTopic with the codes as labels), beside the topic fits."""

from thematica.support.runlog import step_logging
from thematica.support.tables import read_parquet, write_csv
from thematica.topics.crosswalk import study_code_keywords

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    keywords = study_code_keywords(
        read_parquet(sm.input.segments),
        read_parquet(sm.input.consensus),
        read_parquet(sm.input.codebook),
        npy_paths=[sm.input.npy],
        json_paths=[sm.input.meta],
        settings=sm.params.settings,
    )
    write_csv(keywords, sm.output[0])
