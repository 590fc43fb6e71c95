# Ingest: each transcript -> its canonical source text; after the deidentification gate (deid.smk)
# has written data/processed/{study}/text/{transcript}.txt, that text -> speaker turns.


rule ingest:
    input:
        get_transcript_file,
    output:
        "data/processed/{study}/source_text/{transcript}.txt",
    log:
        "logs/{study}/ingest/{transcript}.log",
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/ingest.py"


rule turns:
    input:
        "data/processed/{study}/text/{transcript}.txt",
    output:
        "data/processed/{study}/turns/{transcript}.parquet",
    log:
        "logs/{study}/turns/{transcript}.log",
    params:
        source=get_transcript_file,
        interviewer_labels=get_interviewer_labels,
        speaker_pattern=get_speaker_pattern,
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/turns.py"
