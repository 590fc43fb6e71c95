# Crosswalk of candidate themes and human consensus codes, and c-TF-IDF keywords of the codes (studies with
# codes only; needs codes.smk, topics.smk and embed.smk included before this file). The keywords need no
# candidate themes: that heavy job runs beside the topic fits, and the crosswalk after them is light.
register_coded_targets(
    "results/{study}/topics/crosswalk.csv",
    "results/{study}/topics/crosswalk_summary.csv",
    "results/{study}/topics/code_keywords.csv",
    "results/{study}/figures/crosswalk.{ext}",
)


rule code_keywords:
    input:
        npy="data/processed/{study}/embeddings.npy",
        meta="data/processed/{study}/embeddings.json",
        segments="data/processed/{study}/segments.parquet",
        consensus="data/processed/{study}/consensus.parquet",
        codebook="data/processed/{study}/codebook.parquet",
    output:
        report(
            "results/{study}/topics/code_keywords.csv",
            caption="../report/code_keywords.rst",
            category="{study}",
            subcategory="Candidate themes",
        ),
    log:
        "logs/{study}/topics/code_keywords.log",
    benchmark:
        "benchmarks/{study}/topics/code_keywords.tsv"
    params:
        settings=config["topics"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/code_keywords.py"


# Light: overlap and lift only (no text or embeddings), so it also runs in a rebuild from a release bundle.
rule crosswalk:
    input:
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
    log:
        "logs/{study}/topics/crosswalk.log",
    params:
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
        figure_files(
            "results/{study}/figures/crosswalk.{ext}",
            caption="../report/crosswalk_figure.rst",
            category="{study}",
            subcategory="Candidate themes",
        ),
    log:
        "logs/{study}/figures/crosswalk.log",
    params:
        facts=get_crosswalk_facts,
        dpi=config["figures"]["dpi"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/figure_crosswalk.py"
