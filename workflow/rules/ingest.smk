# Ingest: every transcript of a study -> its canonical source text (data/processed/<study>/source_text/
# <transcript>.txt), which the deidentification gate (deid.smk) reads; the gated text is split into turns and
# segments by segment.smk. One job per study: reading a transcript costs far less than starting a process.


rule ingest:
    input:
        get_transcript_files,
    output:
        directory("data/processed/{study}/source_text"),
    log:
        "logs/{study}/ingest.log",
    params:
        sources=get_transcript_sources,
    priority: PRIORITY["ingest"]
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/ingest.py"
