# Deidentification gate: scan every transcript's canonical source text for personal identifiers,
# gather the study's report, then stop the run (policy fail), warn, or redact before anything else
# reads the text. The report is always written first: the gate rule needs it (ancient: rewriting the
# report when one transcript changes does not rerun the others).
register_targets("results/{study}/qa/deid_report.csv")


DEID_INPUTS = {
    name: {
        "allowlist_path": str(study.root / config["deid"]["allowlist"]),
        "allowlist": (
            [str(study.root / config["deid"]["allowlist"])]
            if (study.root / config["deid"]["allowlist"]).is_file()
            else []
        ),
        "findings": [f"results/{name}/qa/deid/{t}.csv" for t in study.transcripts],
    }
    for name, study in STUDIES.items()
}


rule deid_scan:
    input:
        text="data/processed/{study}/source_text/{transcript}.txt",
        allowlist=get_deid_allowlist,
    output:
        "results/{study}/qa/deid/{transcript}.csv",
    log:
        "logs/{study}/deid/scan_{transcript}.log",
    benchmark:
        "benchmarks/{study}/deid/scan_{transcript}.tsv"
    params:
        allowlist=get_deid_allowlist_path,
        known_terms=get_deid_known_terms,
        kinds=config["deid"]["kinds"],
        speaker_pattern=get_speaker_pattern,
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/deid_scan.py"


rule deid_report:
    input:
        lookup(dpath="{study}/findings", within=DEID_INPUTS),
    output:
        report(
            "results/{study}/qa/deid_report.csv",
            caption="../report/deid_report.rst",
            category="{study}",
            subcategory="Quality assurance",
        ),
    log:
        "logs/{study}/deid/report.log",
    params:
        policy=config["deid"]["policy"],
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/deid_report.py"


rule deid:
    input:
        text="data/processed/{study}/source_text/{transcript}.txt",
        findings="results/{study}/qa/deid/{transcript}.csv",
        report=ancient("results/{study}/qa/deid_report.csv"),
    output:
        text="data/processed/{study}/text/{transcript}.txt",
        offsets="data/processed/{study}/deid/{transcript}.offsets.parquet",
    log:
        "logs/{study}/deid/gate_{transcript}.log",
    params:
        policy=config["deid"]["policy"],
        source=get_transcript_file,
        allowlist=get_deid_allowlist_path,
        speaker_pattern=get_speaker_pattern,
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/deid.py"
