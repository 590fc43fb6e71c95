# Human codes: import coder exports, align them to segments, merge them into a consensus.
# Exports are anchored on the transcripts' source text (what coders coded) and moved through the
# deidentification offset maps onto the text every other stage reads.
# Only studies with a codes/ folder take part (CODED_STUDIES); later stages that read these tables
# register their targets with register_coded_targets() (common.smk).
CODE_FILES = {name: get_code_files(study) for name, study in STUDIES.items()}
CODED_STUDIES = [name for name, files in CODE_FILES.items() if files is not None]


CODE_INPUTS = {
    name: {
        "codebook": [str(p) for p in files.codebook_files],
        "exports": [str(p) for p in files.exports],
        "coders": [str(files.coders)] if files.coders else [],
        "participants": STUDIES[name].transcript_participants(),
    }
    for name, files in CODE_FILES.items()
    if files is not None
}

TARGETS.extend(
    expand(
        [
            "data/processed/{study}/codebook.parquet",
            "data/processed/{study}/codings.parquet",
            "data/processed/{study}/coder_transcripts.parquet",
            "data/processed/{study}/segment_codes.parquet",
            "data/processed/{study}/consensus.parquet",
            "results/{study}/qa/codes_unplaced.csv",
            "results/{study}/qa/codes_ledger.csv",
            "results/{study}/qa/codebook.csv",
            "results/{study}/qa/spans_ledger.csv",
            "results/{study}/qa/codes_unaligned.csv",
        ],
        study=CODED_STUDIES,
    )
)


# The codebook: codebook.csv, else codebook.qdc, else the union of the code trees of the coders' .qdpx.
rule codebook:
    input:
        lookup(dpath="{study}/codebook", within=CODE_INPUTS),
    output:
        table="data/processed/{study}/codebook.parquet",
        shown=report(
            "results/{study}/qa/codebook.csv",
            caption="../report/codebook.rst",
            category="{study}",
            subcategory="Quality assurance",
        ),
    log:
        "logs/{study}/codes/codebook.log",
    params:
        theme_level=config["codes"]["theme_level"],
        theme_codes=config["codes"]["theme_codes"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/codebook.py"


rule import_codes:
    input:
        exports=lookup(dpath="{study}/exports", within=CODE_INPUTS),
        coders=lookup(dpath="{study}/coders", within=CODE_INPUTS),
        codebook="data/processed/{study}/codebook.parquet",
        source_texts="data/processed/{study}/source_text",
        offset_maps="data/processed/{study}/offsets",
    output:
        codings="data/processed/{study}/codings.parquet",
        coder_transcripts="data/processed/{study}/coder_transcripts.parquet",
        unplaced=report(
            "results/{study}/qa/codes_unplaced.csv",
            caption="../report/codes_unplaced.rst",
            category="{study}",
            subcategory="Quality assurance",
        ),
        ledger=report(
            "results/{study}/qa/codes_ledger.csv",
            caption="../report/codes_ledger.rst",
            category="{study}",
            subcategory="Quality assurance",
        ),
    log:
        "logs/{study}/codes/import.log",
    benchmark:
        "benchmarks/{study}/codes/import.tsv"
    params:
        participants=lookup(dpath="{study}/participants", within=CODE_INPUTS),
        source_texts=transcript_paths("data/processed/{study}/source_text"),
        offset_maps=transcript_paths("data/processed/{study}/offsets", ".parquet"),
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/import_codes.py"


rule align_codes:
    input:
        segments="data/processed/{study}/segments.parquet",
        codings="data/processed/{study}/codings.parquet",
        coder_transcripts="data/processed/{study}/coder_transcripts.parquet",
        codebook="data/processed/{study}/codebook.parquet",
        texts="data/processed/{study}/text",
    output:
        "data/processed/{study}/segment_codes.parquet",
    log:
        "logs/{study}/codes/align.log",
    benchmark:
        "benchmarks/{study}/codes/align.tsv"
    params:
        min_overlap=config["codes"]["min_overlap"],
        min_span_share=config["codes"]["min_span_share"],
        texts=transcript_paths("data/processed/{study}/text"),
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/align_codes.py"


rule merge_codes:
    input:
        "data/processed/{study}/segment_codes.parquet",
    output:
        "data/processed/{study}/consensus.parquet",
    log:
        "logs/{study}/codes/merge.log",
    params:
        rule=config["codes"]["consensus"],
        ties=config["codes"]["majority_ties"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/merge_codes.py"


# The span ledger: every coded span placed or listed, every placed span aligned or listed, every aligned
# code resting on a span, the consensus adding up (thematica.codes.spans_ledger); stops the run if anything is lost.
rule reconcile_codes:
    input:
        import_ledger="results/{study}/qa/codes_ledger.csv",
        unplaced="results/{study}/qa/codes_unplaced.csv",
        codings="data/processed/{study}/codings.parquet",
        coder_transcripts="data/processed/{study}/coder_transcripts.parquet",
        codebook="data/processed/{study}/codebook.parquet",
        segments="data/processed/{study}/segments.parquet",
        segment_codes="data/processed/{study}/segment_codes.parquet",
        consensus="data/processed/{study}/consensus.parquet",
        texts="data/processed/{study}/text",
    output:
        ledger=report(
            "results/{study}/qa/spans_ledger.csv",
            caption="../report/spans_ledger.rst",
            category="{study}",
            subcategory="Quality assurance",
        ),
        unaligned=report(
            "results/{study}/qa/codes_unaligned.csv",
            caption="../report/codes_unaligned.rst",
            category="{study}",
            subcategory="Quality assurance",
        ),
    log:
        "logs/{study}/codes/reconcile.log",
    params:
        texts=transcript_paths("data/processed/{study}/text"),
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/reconcile_codes.py"
