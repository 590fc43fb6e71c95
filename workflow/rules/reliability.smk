# Reliability: Krippendorff's alpha (binary, per segment) for every code and theme with bootstrap intervals
# and q, per coder pair, and alpha for unitizing on the raw spans (alpha_U, u-alpha, |u-alpha); beside it
# the coefficients of reliability.coefficients (Cohen's and Fleiss' kappa, Gwet's AC1) in coefficients.csv.
# Needs the human codes, so only studies with a codes/ folder take part (CODED_STUDIES, codes.smk).
# A study with one coder (or coders who share no transcript) gets one row per table saying so, and figures and
# captions that state it once (thematica.reliability.note).
import thematica.reliability.facts  # noqa: F401  (registers the "reliability" caption facts)

register_coded_targets(
    "results/{study}/reliability/alpha.csv",
    "results/{study}/reliability/pairs.csv",
    "results/{study}/reliability/unitized.csv",
    "results/{study}/figures/reliability_alpha.{ext}",
    "results/{study}/reliability/coefficients.csv",
    "results/{study}/figures/reliability_coefficients.{ext}",
)


rule reliability:
    input:
        segment_codes="data/processed/{study}/segment_codes.parquet",
        segments="data/processed/{study}/segments.parquet",
        codings="data/processed/{study}/codings.parquet",
        coder_transcripts="data/processed/{study}/coder_transcripts.parquet",
        codebook="data/processed/{study}/codebook.parquet",
        texts=get_canonical_texts,
    output:
        alpha=report(
            "results/{study}/reliability/alpha.csv",
            caption="../report/reliability_alpha.rst",
            category="{study}",
            subcategory="Reliability",
        ),
        pairs=report(
            "results/{study}/reliability/pairs.csv",
            caption="../report/reliability_pairs.rst",
            category="{study}",
            subcategory="Reliability",
        ),
        unitized=report(
            "results/{study}/reliability/unitized.csv",
            caption="../report/reliability_unitized.rst",
            category="{study}",
            subcategory="Reliability",
        ),
        coefficients=report(
            "results/{study}/reliability/coefficients.csv",
            caption="../report/reliability_coefficients.rst",
            category="{study}",
            subcategory="Reliability",
        ),
    log:
        "logs/{study}/reliability/reliability.log",
    benchmark:
        "benchmarks/{study}/reliability/reliability.tsv"
    params:
        texts=get_canonical_text_paths,
        seed=config["seed"],
        settings=config["reliability"],
        facts=get_reliability_facts,
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/reliability.py"


rule figure_reliability_alpha:
    input:
        alpha="results/{study}/reliability/alpha.csv",
    output:
        figure_files(
            "results/{study}/figures/reliability_alpha.{ext}",
            caption="../report/reliability_figure.rst",
            category="{study}",
            subcategory="Reliability",
        ),
    log:
        "logs/{study}/figures/reliability_alpha.log",
    params:
        alpha_min=config["reliability"]["alpha_min"],
        alpha_good=config["reliability"]["alpha_good"],
        ci_level=config["reliability"]["ci_level"],
        facts=get_reliability_facts,
        dpi=config["figures"]["dpi"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/figure_reliability_alpha.py"


rule figure_reliability_coefficients:
    input:
        coefficients="results/{study}/reliability/coefficients.csv",
    output:
        figure_files(
            "results/{study}/figures/reliability_coefficients.{ext}",
            caption="../report/reliability_coefficients_figure.rst",
            category="{study}",
            subcategory="Reliability",
        ),
    log:
        "logs/{study}/figures/reliability_coefficients.log",
    params:
        alpha_min=config["reliability"]["alpha_min"],
        alpha_good=config["reliability"]["alpha_good"],
        ci_level=config["reliability"]["ci_level"],
        facts=get_reliability_facts,
        dpi=config["figures"]["dpi"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/figure_reliability_coefficients.py"
