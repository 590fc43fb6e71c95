# thematica: a reproducible thematic-analysis pipeline for qualitative interview studies.
from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/ingest.smk"
include: "workflow/rules/segment.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/manifest.smk"


rule all:
    input:
        TARGETS,
    default_target: True
