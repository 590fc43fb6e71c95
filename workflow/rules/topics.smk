# Candidate themes: BERTopic on a study's segment embeddings. The reference fit with its keywords (topics)
# and the stability refits (topic_refits) run side by side, each process paying BERTopic's imports and
# UMAP's numba start once; topic_stability, a light job, joins them into topic_info.csv. Then the REFI-QDA
# export, figures, and, for demo studies with a truth/ folder, recovery.csv. A study with fewer participant
# segments than topics.min_segments skips its candidate themes: the topics step warns once, every table here
# has its columns and no rows, the figures say so in one panel, and every other stage runs.
import thematica.topics.facts  # noqa: F401  (registers the "topics" and "crosswalk" caption facts)

register_targets(
    "results/{study}/topics/topic_info.csv",
    "results/{study}/topics/segment_topics.parquet",
    "results/{study}/topics/quotes.csv",
    "results/{study}/topics/themes.csv",
    "results/{study}/topics/stability.csv",
    "results/{study}/topics/candidate_themes.qdc",
    "results/{study}/topics/candidate_themes.qdpx",
    "results/{study}/figures/topics_overview.{ext}",
    "results/{study}/figures/topic_stability.{ext}",
)

# Evaluation only: studies whose folder holds the planted truth (the demo studies).
TRUTH_STUDIES = [name for name, s in STUDIES.items() if (s.root / "truth" / "sentences.csv").is_file()]
TARGETS.extend(expand("results/{study}/topics/recovery.csv", study=TRUTH_STUDIES))


TOPIC_INPUTS = {
    name: {
        "groups": list(study.groups),
        "truth": str(study.root / "truth" / "sentences.csv"),
    }
    for name, study in STUDIES.items()
}


# numba compiles the topic fits' code once per run, at its start, instead of in both studies' reference
# fits side by side (thematica.topics.warmup). It runs once per work folder (again only when the topic
# settings change, when the fits rerun anyway); the fits wait for it but never rerun for its date (ancient).
JIT_STAMP = "data/processed/jit_cache.json"


rule jit_cache:
    output:
        JIT_STAMP,
    log:
        "logs/jit_cache.log",
    params:
        settings=config["topics"],
    priority: PRIORITY["jit_cache"]
    threads: 1
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/jit_cache.py"


rule topic_refits:
    input:
        compiled=ancient(JIT_STAMP),
        npy="data/processed/{study}/embeddings.npy",
        meta="data/processed/{study}/embeddings.json",
        segments="data/processed/{study}/segments.parquet",
    output:
        "data/processed/{study}/topics/refits.npy",
    log:
        "logs/{study}/topics/refits.log",
    benchmark:
        "benchmarks/{study}/topics/refits.tsv"
    params:
        settings=config["topics"],
        seed=config["seed"],
    priority: PRIORITY["topic_refits"]
    # forked processes share the seeds (each refit is a serial, seeded UMAP layout); capped at --cores
    threads: max(1, config["topics"]["stability_runs"])
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/topic_refits.py"


rule topics:
    input:
        compiled=ancient(JIT_STAMP),
        npy="data/processed/{study}/embeddings.npy",
        meta="data/processed/{study}/embeddings.json",
        segments="data/processed/{study}/segments.parquet",
        # the ONNX export for an onnx backend: KeyBERT embeds keywords with the segments' own model
        model=get_embed_model_files,
    output:
        topic_table="data/processed/{study}/topics/reference.parquet",
        segment_topics="results/{study}/topics/segment_topics.parquet",
        quotes=report(
            "results/{study}/topics/quotes.csv",
            caption="../report/topic_quotes.rst",
            category="{study}",
            subcategory="Candidate themes",
        ),
        themes=report(
            "results/{study}/topics/themes.csv",
            caption="../report/topic_themes.rst",
            category="{study}",
            subcategory="Candidate themes",
        ),
    log:
        "logs/{study}/topics/topics.log",
    benchmark:
        "benchmarks/{study}/topics/topics.tsv"
    params:
        settings=config["topics"],
        seed=config["seed"],
        groups=lookup(dpath="{study}/groups", within=TOPIC_INPUTS),
        model=EMBED_MODEL,
        backend=EMBED_BACKEND,
        facts=get_topics_facts,  # the quotes' caption: whether the study was too small for candidate themes
    priority: PRIORITY["topics"]
    threads: 1
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/topics.py"


rule topic_stability:
    input:
        topic_table="data/processed/{study}/topics/reference.parquet",
        segment_topics="results/{study}/topics/segment_topics.parquet",
        refits="data/processed/{study}/topics/refits.npy",
    output:
        topic_info=report(
            "results/{study}/topics/topic_info.csv",
            caption="../report/topic_info.rst",
            category="{study}",
            subcategory="Candidate themes",
        ),
        stability="results/{study}/topics/stability.csv",
    log:
        "logs/{study}/topics/stability.log",
    params:
        settings=config["topics"],
        seed=config["seed"],
        facts=get_topics_facts,
    priority: PRIORITY["topic_stability"]
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/topic_stability.py"


rule export_topics:
    input:
        topic_info="results/{study}/topics/topic_info.csv",
        quotes="results/{study}/topics/quotes.csv",
        segment_topics="results/{study}/topics/segment_topics.parquet",
        segments="data/processed/{study}/segments.parquet",
        texts="data/processed/{study}/text",
    output:
        qdc="results/{study}/topics/candidate_themes.qdc",
        qdpx="results/{study}/topics/candidate_themes.qdpx",
    log:
        "logs/{study}/topics/export.log",
    params:
        texts=transcript_paths("data/processed/{study}/text"),
        export_for=config["qda_export"]["program"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/export_topics.py"


rule topic_recovery:
    input:
        segments="data/processed/{study}/segments.parquet",
        segment_topics="results/{study}/topics/segment_topics.parquet",
        truth=lookup(dpath="{study}/truth", within=TOPIC_INPUTS),
    output:
        report(
            "results/{study}/topics/recovery.csv",
            caption="../report/topic_recovery.rst",
            category="{study}",
            subcategory="Candidate themes",
        ),
    log:
        "logs/{study}/topics/recovery.log",
    params:
        facts=get_topics_facts,
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/topic_recovery.py"


rule figure_topics_overview:
    input:
        topic_info="results/{study}/topics/topic_info.csv",
    output:
        figure_files(
            "results/{study}/figures/topics_overview.{ext}",
            caption="../report/topics_overview.rst",
            category="{study}",
            subcategory="Candidate themes",
        ),
    log:
        "logs/{study}/figures/topics_overview.log",
    params:
        group_labels=get_group_labels,
        facts=get_topics_facts,
        dpi=config["figures"]["dpi"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/figure_topics_overview.py"


rule figure_topic_stability:
    input:
        topic_info="results/{study}/topics/topic_info.csv",
        stability="results/{study}/topics/stability.csv",
    output:
        figure_files(
            "results/{study}/figures/topic_stability.{ext}",
            caption="../report/topic_stability.rst",
            category="{study}",
            subcategory="Candidate themes",
        ),
    log:
        "logs/{study}/figures/topic_stability.log",
    params:
        threshold=config["topics"]["stability_threshold"],
        facts=get_topics_facts,
        dpi=config["figures"]["dpi"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/figure_topic_stability.py"


# Codebook-guided themes (thematica.topics.guided): the codes' labels and definitions as BERTopic's zero-shot
# topics, the rest clustered into new themes "not in the codebook". A study without codes (no codebook input)
# writes the tables' columns and one info line; guided_recovery.csv scores both modes on the demo studies.
# They need the segments' embeddings, which a release bundle does not hold: a rebuild from bundles skips them.
if not RELEASE_FROM:
    register_targets(
        "results/{study}/topics/guided_info.csv",
        "results/{study}/topics/guided_segments.parquet",
    )
    TARGETS.extend(expand("results/{study}/topics/guided_recovery.csv", study=TRUTH_STUDIES))


rule guided_topics:
    input:
        compiled=ancient(JIT_STAMP),
        npy="data/processed/{study}/embeddings.npy",
        meta="data/processed/{study}/embeddings.json",
        segments="data/processed/{study}/segments.parquet",
        codebook=get_guided_codebook,
        model=get_embed_model_files,
    output:
        info=report(
            "results/{study}/topics/guided_info.csv",
            caption="../report/guided_info.rst",
            category="{study}",
            subcategory="Candidate themes",
        ),
        segments="results/{study}/topics/guided_segments.parquet",
    log:
        "logs/{study}/topics/guided.log",
    benchmark:
        "benchmarks/{study}/topics/guided.tsv"
    params:
        settings=config["topics"],
        seed=config["seed"],
        backend=EMBED_BACKEND,
    threads: 1
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/guided_topics.py"


rule guided_recovery:
    input:
        segments="data/processed/{study}/segments.parquet",
        segment_topics="results/{study}/topics/segment_topics.parquet",
        guided_segments="results/{study}/topics/guided_segments.parquet",
        truth=lookup(dpath="{study}/truth", within=TOPIC_INPUTS),
    output:
        report(
            "results/{study}/topics/guided_recovery.csv",
            caption="../report/guided_recovery.rst",
            category="{study}",
            subcategory="Candidate themes",
        ),
    log:
        "logs/{study}/topics/guided_recovery.log",
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/guided_recovery.py"
