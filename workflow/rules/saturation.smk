# Saturation: code accumulation curves in interview order with the exact random-order mean and a
# permutation band, Guest et al. (2020) saturation, the share of the codebook observed, and (for an inductive
# codebook, codes.codebook_kind) iNEXT-style Chao2 richness, sample coverage and extrapolation.
# Needs the human codes, so only studies with a codes/ folder take part (CODED_STUDIES, codes.smk).
import thematica.saturation.facts  # noqa: F401  (registers the "saturation" caption facts)

register_coded_targets(
    "results/{study}/saturation/curve.csv",
    "results/{study}/saturation/summary.csv",
    "results/{study}/saturation/extrapolation.csv",
    "results/{study}/figures/saturation.{ext}",
)


SATURATION_INPUTS = {
    name: {
        "participants": str(STUDIES[name].root / "participants.csv"),
        "group_column": STUDIES[name].group_column,
        "groups": list(STUDIES[name].groups),
    }
    for name in CODED_STUDIES
}


rule saturation:
    input:
        consensus="data/processed/{study}/consensus.parquet",
        segment_codes="data/processed/{study}/segment_codes.parquet",
        codebook="data/processed/{study}/codebook.parquet",
        segments="data/processed/{study}/segments.parquet",
        participants=lookup(dpath="{study}/participants", within=SATURATION_INPUTS),
    output:
        curve=report(
            "results/{study}/saturation/curve.csv",
            caption="../report/saturation_curve.rst",
            category="{study}",
            subcategory="Saturation",
        ),
        summary=report(
            "results/{study}/saturation/summary.csv",
            caption="../report/saturation_summary.rst",
            category="{study}",
            subcategory="Saturation",
        ),
        extrapolation="results/{study}/saturation/extrapolation.csv",
    log:
        "logs/{study}/saturation/saturation.log",
    benchmark:
        "benchmarks/{study}/saturation/saturation.tsv"
    params:
        group_column=lookup(dpath="{study}/group_column", within=SATURATION_INPUTS),
        groups=lookup(dpath="{study}/groups", within=SATURATION_INPUTS),
        settings=config["saturation"],
        codebook_kind=config["codes"]["codebook_kind"],
        seed=config["seed"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/saturation.py"


rule figure_saturation:
    input:
        curve="results/{study}/saturation/curve.csv",
        summary="results/{study}/saturation/summary.csv",
        extrapolation="results/{study}/saturation/extrapolation.csv",
        codebook="data/processed/{study}/codebook.parquet",
    output:
        figure_files(
            "results/{study}/figures/saturation.{ext}",
            caption="../report/saturation_figure.rst",
            category="{study}",
            subcategory="Saturation",
        ),
    log:
        "logs/{study}/figures/saturation.log",
    params:
        group_labels=get_group_labels,
        level=config["saturation"]["levels"][0],
        facts=get_saturation_facts,
        dpi=config["figures"]["dpi"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/figure_saturation.py"
