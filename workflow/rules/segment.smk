register_targets("results/{study}/qa/ledger.csv")


rule segment:
    input:
        text="data/processed/{study}/text/{transcript}.txt",
        turns="data/processed/{study}/turns/{transcript}.parquet",
    output:
        "data/processed/{study}/segments/{transcript}.parquet",
    log:
        "logs/{study}/segment/{transcript}.log",
    params:
        participant=get_participant,
        min_words=config["segment"]["min_words"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/segment.py"


rule gather_segments:
    input:
        unpack(get_segment_parts),
    output:
        segments="data/processed/{study}/segments.parquet",
        ledger=report(
            "results/{study}/qa/ledger.csv",
            caption="../report/ledger.rst",
            category="{study}",
            subcategory="Quality assurance",
        ),
    log:
        "logs/{study}/gather_segments.log",
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/gather_segments.py"
