# thematica: a reproducible thematic-analysis pipeline for qualitative interview studies.
from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/ingest.smk"
include: "workflow/rules/deid.smk"
include: "workflow/rules/segment.smk"
include: "workflow/rules/embed.smk"
include: "workflow/rules/topics.smk"
include: "workflow/rules/codes.smk"
include: "workflow/rules/crosswalk.smk"
include: "workflow/rules/reliability.smk"
include: "workflow/rules/saturation.smk"
include: "workflow/rules/compare.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/release.smk"
include: "workflow/rules/manifest.smk"


rule all:
    input:
        TARGETS,
    default_target: True
