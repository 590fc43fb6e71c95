# Group comparison: participant-level prevalence by group (codes, themes, Bordin dimensions, candidate themes),
# and the combined perspectives figure across studies.
import thematica.compare.facts  # noqa: F401  (registers the "prevalence" caption facts)
from thematica.compare.study import codebook_has_bordin

register_coded_targets(
    "results/{study}/compare/prevalence.csv",
    "results/{study}/compare/segment_rates.csv",
    "results/{study}/compare/pairwise.csv",
    "results/{study}/figures/compare_codes.{ext}",
    "results/{study}/figures/compare_themes.{ext}",
    "results/{study}/figures/compare_topics.{ext}",
)


BORDIN_STUDIES = [s for s in CODED_STUDIES if codebook_has_bordin(STUDIES[s].root)]
TARGETS.extend(
    expand("results/{study}/figures/compare_bordin.{ext}", study=BORDIN_STUDIES, ext=config["figures"]["formats"])
)
if len(CODED_STUDIES) > 1:
    TARGETS.extend(expand("results/figures/perspectives.{ext}", ext=config["figures"]["formats"]))
PERSPECTIVE_GROUP_LABELS = [
    {g: STUDIES[s].group_labels[g] for g in STUDIES[s].groups} for s in CODED_STUDIES
]


rule compare:
    input:
        consensus="data/processed/{study}/consensus.parquet",
        segments="data/processed/{study}/segments.parquet",
        codebook="data/processed/{study}/codebook.parquet",
        segment_topics="results/{study}/topics/segment_topics.parquet",
    output:
        prevalence=report(
            "results/{study}/compare/prevalence.csv",
            caption="../report/compare_prevalence.rst",
            category="{study}",
            subcategory="Group comparison",
        ),
        rates="results/{study}/compare/segment_rates.csv",
        pairwise=report(
            "results/{study}/compare/pairwise.csv",
            caption="../report/compare_pairwise.rst",
            category="{study}",
            subcategory="Group comparison",
        ),
    log:
        "logs/{study}/compare/compare.log",
    params:
        participants=get_participant_groups,
        groups=get_compare_groups,
        alpha=config["compare"]["alpha"],
        confidence=config["compare"]["confidence"],
        seed=config["seed"],
        facts=get_prevalence_facts,
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/compare.py"


rule figure_compare:
    input:
        prevalence="results/{study}/compare/prevalence.csv",
        codebook="data/processed/{study}/codebook.parquet",
        topic_info="results/{study}/topics/topic_info.csv",
    output:
        figure_files(
            "results/{study}/figures/compare_{level}.{ext}",
            caption="../report/compare_figure.rst",
            category="{study}",
            subcategory="Group comparison",
        ),
    wildcard_constraints:
        level="codes|themes|bordin|topics",
    log:
        "logs/{study}/figures/compare_{level}.log",
    params:
        group_labels=get_group_labels,
        dpi=config["figures"]["dpi"],
        alpha=config["compare"]["alpha"],
        facts=get_prevalence_facts,
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/figure_compare.py"


rule figure_perspectives:
    input:
        prevalence=expand("results/{study}/compare/prevalence.csv", study=CODED_STUDIES),
        pairwise=expand("results/{study}/compare/pairwise.csv", study=CODED_STUDIES),
        codebook=expand("data/processed/{study}/codebook.parquet", study=CODED_STUDIES),
    output:
        figure_files(
            "results/figures/perspectives.{ext}",
            caption="../report/perspectives.rst",
            category="Perspectives",
        ),
    log:
        "logs/figures/perspectives.log",
    params:
        studies=CODED_STUDIES,
        group_labels=PERSPECTIVE_GROUP_LABELS,
        dpi=config["figures"]["dpi"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/figure_perspectives.py"
