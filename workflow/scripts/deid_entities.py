"""Find spaCy's named entities in every transcript of a study, in one process, for the scans."""

from thematica.deid.study import study_entities
from thematica.support.runlog import step_logging
from thematica.support.tables import write_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    write_parquet(study_entities(sm.params.texts, sm.params.cache, processes=sm.threads), sm.output[0])
