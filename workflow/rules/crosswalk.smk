# Crosswalk of candidate themes and human consensus codes (studies with codes only; needs codes.smk,
# topics.smk and embed.smk included before this file).
register_coded_targets(
    "results/{study}/topics/crosswalk.csv",
    "results/{study}/topics/crosswalk_summary.csv",
    "results/{study}/topics/code_keywords.csv",
    "results/{study}/figures/crosswalk.{ext}",
)


rule crosswalk:
    input:
        npy="data/processed/{study}/embeddings.npy",
        meta="data/processed/{study}/embeddings.json",
        segments="data/processed/{study}/segments.parquet",
        segment_topics="results/{study}/topics/segment_topics.parquet",
        consensus="data/processed/{study}/consensus.parquet",
        codebook="data/processed/{study}/codebook.parquet",
    output:
        crosswalk=report(
            "results/{study}/topics/crosswalk.csv",
            caption="../report/crosswalk.rst",
            category="{study}",
            subcategory="Candidate themes",
        ),
        summary="results/{study}/topics/crosswalk_summary.csv",
        keywords=report(
            "results/{study}/topics/code_keywords.csv",
            caption="../report/code_keywords.rst",
            category="{study}",
            subcategory="Candidate themes",
        ),
    log:
        "logs/{study}/topics/crosswalk.log",
    benchmark:
        "benchmarks/{study}/topics/crosswalk.tsv"
    params:
        settings=config["topics"],
        facts=get_crosswalk_facts,
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/crosswalk.py"


rule figure_crosswalk:
    input:
        crosswalk="results/{study}/topics/crosswalk.csv",
        topic_info="results/{study}/topics/topic_info.csv",
        codebook="data/processed/{study}/codebook.parquet",
    output:
        report(
            "results/{study}/figures/crosswalk.{ext}",
            caption="../report/crosswalk_figure.rst",
            category="{study}",
            subcategory="Candidate themes",
        ),
    log:
        "logs/{study}/figures/crosswalk.{ext}.log",
    params:
        facts=get_crosswalk_facts,
        dpi=config["figures"]["dpi"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/figure_crosswalk.py"
