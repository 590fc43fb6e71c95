# Deidentification gate: scan every transcript's canonical source text for personal identifiers,
# gather the study's report, then stop the run (policy fail), warn, or redact before anything else
# reads the text. The report is always written first: the gate rule needs it (ancient: rewriting the
# report when one transcript changes does not rerun the others). spaCy's entities are found by one job
# per study (deid_entities: spaCy loads once, unchanged transcripts come from its cache); each scan reads
# its own rows (ancient: a new transcript does not rescan the others; a scan checks that its rows were
# found in its current text, and the recogniser's identity is a param of both rules).
from thematica.deid.ner import ner_identity

NER_IDENTITY = ner_identity()
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
        "sources": [f"data/processed/{name}/source_text/{t}.txt" for t in study.transcripts],
    }
    for name, study in STUDIES.items()
}


rule deid_entities:
    input:
        lookup(dpath="{study}/sources", within=DEID_INPUTS),
    output:
        "data/processed/{study}/deid/entities.parquet",
    log:
        "logs/{study}/deid/entities.log",
    benchmark:
        "benchmarks/{study}/deid/entities.tsv"
    params:
        cache="data/processed/{study}/deid/entities",
        ner=NER_IDENTITY,
    # forked workers share the transcripts, one spaCy each (capped at --cores; the entities are the same)
    threads: 4
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/deid_entities.py"


rule deid_scan:
    input:
        text="data/processed/{study}/source_text/{transcript}.txt",
        entities=ancient("data/processed/{study}/deid/entities.parquet"),
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
        ner=NER_IDENTITY,
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
