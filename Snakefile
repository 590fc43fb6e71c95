# thematica: a reproducible thematic-analysis pipeline for qualitative interview studies.
from snakemake.utils import min_version

min_version("9.0")


# Every key's default. A config given on the command line (`--configfile my_study.yaml`) overrides keys, and its
# `studies` replace these instead of adding to them: exactly its studies run (workflow/rules/common.smk).
configfile: "config/config.yaml"


report: "workflow/report/workflow.rst"


# One file per stage, in pipeline order, each holding its rules and the figure rules that draw its tables.
include: "workflow/rules/common.smk"
include: "workflow/rules/ingest.smk"
include: "workflow/rules/deid.smk"
include: "workflow/rules/segment.smk"
include: "workflow/rules/embed.smk"
include: "workflow/rules/topics.smk"
include: "workflow/rules/codes.smk"
include: "workflow/rules/crosswalk.smk"
include: "workflow/rules/reliability.smk"
include: "workflow/rules/machine.smk"
include: "workflow/rules/saturation.smk"
include: "workflow/rules/compare.smk"


# Two modes. From the study folders (the default): every stage above runs and release.smk writes each study's
# text-free release bundle. From release bundles (release.rebuild_from, `make from-release`): rebuild.smk
# checks the bundles and restores their tables, and only the stages after them run (reliability, saturation,
# the group comparison, the crosswalk and the figures).
if RELEASE_FROM:

    include: "workflow/rules/rebuild.smk"

else:

    include: "workflow/rules/release.smk"


include: "workflow/rules/manifest.smk"


rule all:
    input:
        TARGETS,
    default_target: True
