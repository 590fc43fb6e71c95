# Embeddings of participant segments, one job per transcript: adding an interview embeds only that one.
# The model's identity (package, version, SHA-256 of the weights) is a param, so another model reruns it.
from thematica.embed import model_identity

EMBED_MODEL = model_identity()


# Per study: every transcript's embedding file and sidecar (inputs of the topics and crosswalk rules).
EMBEDDINGS = {
    name: {
        "npy": [f"data/processed/{name}/embeddings/{t}.npy" for t in study.transcripts],
        "json": [f"data/processed/{name}/embeddings/{t}.json" for t in study.transcripts],
    }
    for name, study in STUDIES.items()
}


rule embed:
    input:
        segments="data/processed/{study}/segments/{transcript}.parquet",
    output:
        npy="data/processed/{study}/embeddings/{transcript}.npy",
        meta="data/processed/{study}/embeddings/{transcript}.json",
    log:
        "logs/{study}/embed/{transcript}.log",
    benchmark:
        "benchmarks/{study}/embed/{transcript}.tsv"
    params:
        model=EMBED_MODEL,
        batch_size=config["embed"]["batch_size"],
    threads: 1
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/embed.py"
