# Ingest: each transcript -> its canonical source text, which the deidentification gate (deid.smk) reads;
# the gated text is split into turns and segments by segment.smk.


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

