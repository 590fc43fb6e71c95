# Embeddings of participant segments, one job per transcript: adding an interview embeds only that one.
# The model's identity (package, version, SHA-256 of the weights, backend) is a param, so another model or
# backend reruns it. The onnx backends' export (fp32 or int8) is made once per model weights by onnx_model.
from thematica.embed import model_identity
from thematica.embed_onnx import onnx_file_name

EMBED_BACKEND = config["embed"]["backend"]
EMBED_MODEL = model_identity(EMBED_BACKEND)
ONNX_PRECISION = "fp32" if EMBED_BACKEND == "onnx_fp32" else "int8"
ONNX_MODEL = f"data/processed/embedding_model/{onnx_file_name(EMBED_MODEL, ONNX_PRECISION)}"


# Per study: every transcript's embedding file and sidecar (inputs of the topics and crosswalk rules).
EMBEDDINGS = {
    name: {
        "npy": [f"data/processed/{name}/embeddings/{t}.npy" for t in study.transcripts],
        "json": [f"data/processed/{name}/embeddings/{t}.json" for t in study.transcripts],
    }
    for name, study in STUDIES.items()
}


rule onnx_model:
    output:
        onnx=ONNX_MODEL,
        meta=f"{ONNX_MODEL}.json",
    log:
        "logs/embedding_model/onnx_model.log",
    benchmark:
        "benchmarks/embedding_model/onnx_model.tsv"
    params:
        model=EMBED_MODEL,
        precision=ONNX_PRECISION,
    threads: 1
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/export_onnx.py"


rule embed:
    input:
        segments="data/processed/{study}/segments/{transcript}.parquet",
        model=get_embed_model_files,
    output:
        npy="data/processed/{study}/embeddings/{transcript}.npy",
        meta="data/processed/{study}/embeddings/{transcript}.json",
    log:
        "logs/{study}/embed/{transcript}.log",
    benchmark:
        "benchmarks/{study}/embed/{transcript}.tsv"
    params:
        model=EMBED_MODEL,
        backend=EMBED_BACKEND,
        batch_size=config["embed"]["batch_size"],
    threads: 1
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/embed.py"
