# Embeddings of participant segments, one job per study: the model is loaded once, each transcript is
# embedded on its own and cached (thematica.embed.study), so adding an interview embeds only that one.
# The model's identity (package, version, SHA-256 of the weights, backend) is a param, so another model or
# backend reruns it. The onnx backends' export (fp32 or int8) is made once per model weights by onnx_model.
from thematica.embed.bundled import model_identity
from thematica.embed.onnx import export_path, onnx_precision

EMBED_BACKEND = config["embed"]["backend"]
EMBED_MODEL = model_identity(EMBED_BACKEND)
ONNX_PRECISION = onnx_precision(EMBED_BACKEND)
ONNX_MODEL = export_path(EMBED_BACKEND)
# the job's per-transcript cache (thematica.support.workers.cache_entry); the transcripts it lacks set the threads
EMBED_CACHE = "data/processed/{study}/embeddings"


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
    priority: PRIORITY["onnx_model"]
    threads: 1
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/export_onnx.py"


rule embed:
    input:
        segments="data/processed/{study}/segments.parquet",
        model=get_embed_model_files,
    output:
        npy="data/processed/{study}/embeddings.npy",
        meta="data/processed/{study}/embeddings.json",
    log:
        "logs/{study}/embed.log",
    benchmark:
        "benchmarks/{study}/embed/embed.tsv"
    params:
        cache=EMBED_CACHE,
        model=EMBED_MODEL,
        backend=EMBED_BACKEND,
        batch_size=config["embed"]["batch_size"],
    priority: PRIORITY["embed"]
    # forked workers share the transcripts to compute, each running the model on one thread: a thread per
    # uncached transcript, up to 4 (capped at --cores; the vectors are the same for any number)
    threads: cache_workers(EMBED_CACHE)
    conda:
        "../envs/thematica.yaml"
    script:
        "../scripts/embed.py"
