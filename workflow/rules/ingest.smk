rule ingest:
    input:
        get_transcript_file,
    output:
        text="data/processed/{study}/text/{transcript}.txt",
        turns="data/processed/{study}/turns/{transcript}.parquet",
    log:
        "logs/{study}/ingest/{transcript}.log",
    params:
        interviewer_labels=get_interviewer_labels,
        speaker_pattern=get_speaker_pattern,
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/ingest.py"
