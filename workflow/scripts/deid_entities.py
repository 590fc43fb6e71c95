"""Find spaCy's named entities in every transcript of a study, in one process, for the scans."""

from pathlib import Path

from thematica.deid.entities import study_entities
from thematica.runlog import step_logging
from thematica.tables import write_parquet

with step_logging(snakemake.log[0]):  # noqa: F821
    sm = snakemake  # noqa: F821
    texts = {Path(path).name.removesuffix(".txt"): path for path in sm.input}
    write_parquet(study_entities(texts, sm.params.cache, processes=sm.threads), sm.output[0])
