# The machine coder: per code, a classifier on the segments' embeddings learns the consensus codes. It is
# cross-validated in folds grouped by transcript and measured as a coder (alpha against the consensus and
# each human coder, with the humans' bootstrap intervals: reliability/machine.csv); a learning curve shows
# how much hand coding it needs; fitted on every coded transcript, it proposes codes for the segments no
# two coders saw as a REFI-QDA project for review. It never enters the consensus. Needs the embeddings and
# the human codes: coded studies only, and never in a rebuild from release bundles (no embeddings there).
if config["machine"]["enabled"] and not RELEASE_FROM:

    register_coded_targets(
        "results/{study}/reliability/machine.csv",
        "results/{study}/machine/learning_curve.csv",
        "results/{study}/machine/proposals.csv",
        "results/{study}/machine/proposals.qdpx",
        "results/{study}/figures/machine_reliability.{ext}",
        "results/{study}/figures/machine_learning_curve.{ext}",
    )


rule machine:
    input:
        npy="data/processed/{study}/embeddings.npy",
        meta="data/processed/{study}/embeddings.json",
        segments="data/processed/{study}/segments.parquet",
        consensus="data/processed/{study}/consensus.parquet",
        segment_codes="data/processed/{study}/segment_codes.parquet",
        codebook="data/processed/{study}/codebook.parquet",
    output:
        predictions="data/processed/{study}/machine/predictions.parquet",
        table=report(
            "results/{study}/reliability/machine.csv",
            caption="../report/machine_reliability.rst",
            category="{study}",
            subcategory="Machine coder",
        ),
    log:
        "logs/{study}/machine/machine.log",
    benchmark:
        "benchmarks/{study}/machine/machine.tsv"
    params:
        settings=config["machine"],
        reliability=config["reliability"],
        seed=config["seed"],
    threads: 1
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/machine.py"


rule machine_learning_curve:
    input:
        npy="data/processed/{study}/embeddings.npy",
        meta="data/processed/{study}/embeddings.json",
        segments="data/processed/{study}/segments.parquet",
        consensus="data/processed/{study}/consensus.parquet",
        codebook="data/processed/{study}/codebook.parquet",
    output:
        report(
            "results/{study}/machine/learning_curve.csv",
            caption="../report/machine_learning_curve.rst",
            category="{study}",
            subcategory="Machine coder",
        ),
    log:
        "logs/{study}/machine/learning_curve.log",
    benchmark:
        "benchmarks/{study}/machine/learning_curve.tsv"
    params:
        settings=config["machine"],
        seed=config["seed"],
    threads: 1
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/machine_curve.py"


rule machine_proposals:
    input:
        npy="data/processed/{study}/embeddings.npy",
        meta="data/processed/{study}/embeddings.json",
        segments="data/processed/{study}/segments.parquet",
        consensus="data/processed/{study}/consensus.parquet",
        codebook="data/processed/{study}/codebook.parquet",
        predictions="data/processed/{study}/machine/predictions.parquet",
        table="results/{study}/reliability/machine.csv",
        texts="data/processed/{study}/text",
    output:
        proposals=report(
            "results/{study}/machine/proposals.csv",
            caption="../report/machine_proposals.rst",
            category="{study}",
            subcategory="Machine coder",
        ),
        qdpx="results/{study}/machine/proposals.qdpx",
    log:
        "logs/{study}/machine/proposals.log",
    params:
        settings=config["machine"],
        seed=config["seed"],
        texts=transcript_paths("data/processed/{study}/text"),
        export_for=config["qda_export"]["program"],
    threads: 1
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/machine_proposals.py"


rule figure_machine_reliability:
    input:
        table="results/{study}/reliability/machine.csv",
    output:
        figure_files(
            "results/{study}/figures/machine_reliability.{ext}",
            caption="../report/machine_reliability_figure.rst",
            category="{study}",
            subcategory="Machine coder",
        ),
    log:
        "logs/{study}/figures/machine_reliability.log",
    params:
        alpha_min=config["reliability"]["alpha_min"],
        alpha_good=config["reliability"]["alpha_good"],
        ci_level=config["reliability"]["ci_level"],
        dpi=config["figures"]["dpi"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/figure_machine_reliability.py"


rule figure_machine_learning_curve:
    input:
        curve="results/{study}/machine/learning_curve.csv",
        table="results/{study}/reliability/machine.csv",
    output:
        figure_files(
            "results/{study}/figures/machine_learning_curve.{ext}",
            caption="../report/machine_learning_curve_figure.rst",
            category="{study}",
            subcategory="Machine coder",
        ),
    log:
        "logs/{study}/figures/machine_learning_curve.log",
    params:
        alpha_min=config["reliability"]["alpha_min"],
        alpha_good=config["reliability"]["alpha_good"],
        dpi=config["figures"]["dpi"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/figure_machine_learning_curve.py"
