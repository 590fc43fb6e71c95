"""Performance benchmark of the pipeline (``make bench``): every figure measured in one run.

    .venv/bin/python benchmarks/bench_perf.py [--out results/bench] [--quick] [--workdir DIR]
                                              [--sections imports,bootstrap,embedding,numba,pipeline]

writes ``results/bench/<section>.json``, ``results/bench/summary.json`` and ``summary.md`` (the table
docs/performance.md shows) and prints the summary table. Sections:

- ``imports``: start-up cost of every workflow script's imports in a fresh interpreter, and whether a
  light rule pulls in torch, BERTopic, sentence-transformers, UMAP or HDBSCAN;
- ``bootstrap``: Krippendorff's bootstrap vectorised vs a naive Python loop, 10,000 replicates, each method
  the fastest of five passes
  (``benchmarks/bench_bootstrap.py``);
- ``embedding``: sentences per CPU-second of torch fp32, the ONNX fp32 export and the int8 export on demo
  segments, one thread, each backend's fastest of three interleaved passes, and the start-up of an
  embedding process for each backend;
- ``numba``: the first UMAP fit of a process with a cold, a warm and no persistent numba cache;
- ``scale`` (only when asked for, with ``--interviews N``): a cold run on a generated study of N interviews
  (``python -m thematica.demo --scale N``) with time and peak memory per rule;
- ``pipeline``: in a temporary copy of the repository's demo studies (``--workdir`` to keep it): the cold
  full run, per-rule time and memory from Snakemake's ``benchmark:`` files and job records, the no-op
  rerun (and what Snakemake itself costs), removing and adding one interview of demo_physicians, the embed
  stage again with the other of the two compared backends (``torch`` when the config uses ``onnx_int8``,
  the default), the fidelity of the int8 embeddings (cosine to torch fp32) and of the topics fitted on
  them (ARI to the torch fit, beside the ARI of a refit with another seed and of the fp32 export), and the
  naive baseline script (``benchmarks/baseline_naive.py``) on the same segments.

``--quick`` runs everything small (8 interviews per study, fewer replicates) to check the benchmark itself.
Timings are wall-clock seconds on this machine unless named ``cpu_s``; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SNAKEMAKE = BIN / "snakemake"
SECTIONS = ("imports", "bootstrap", "embedding", "numba", "pipeline", "scale")
DEFAULT_SECTIONS = ("imports", "bootstrap", "embedding", "numba", "pipeline")
DEMO = ("demo_physicians", "demo_alliance")
EMBED_PASSES = 3
ADDED = ("demo_physicians", "interview_42")
LIGHT_PREFIXES = ("ingest", "segment", "deid", "import_codes", "align_codes", "topic_stability",
                  "merge_codes", "codebook", "reconcile_codes", "reliability", "saturation", "compare",
                  "figure_", "manifest", "topic_recovery", "export_topics")  # fmt: skip
ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "MPLBACKEND": "agg", "PYTHONHASHSEED": "0"}


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": list(os.getloadavg()),
    }


def run(command: list[str], *, cwd: Path | None = None, env: dict | None = None, check: bool = True) -> dict:
    """Run a command; wall seconds, CPU seconds of its process tree, peak RSS of its largest process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, env={**os.environ, **ENV, **(env or {})}, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command[:4]))}... failed:\n{done.stderr[-4000:]}")
    return {
        "seconds": seconds,
        "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "max_rss_mb_any_child": after.ru_maxrss / 1024,
        "returncode": done.returncode,
        "stdout": done.stdout,
        "stderr": done.stderr,
    }


def slim(result: dict) -> dict:
    return {k: v for k, v in result.items() if k not in ("stdout", "stderr")}


# --------------------------------------------------------------------------------------------- imports
def bench_imports(quick: bool) -> dict:
    from thematica.evaluation.perf import profile_scripts

    scripts = sorted((REPO / "workflow" / "scripts").glob("*.py"))
    table = profile_scripts(scripts).drop(columns=["listed"])
    light = table.loc[table["script"].str.startswith(LIGHT_PREFIXES) & (table["script"] != "deid_scan")]
    return {
        "scripts": table.to_dict(orient="records"),
        "light_scripts": len(light),
        "light_with_heavy_imports": light.loc[light["heavy"] != "", "script"].tolist(),
        "light_import_s_max": float(light["import_s"].max()),
        "light_import_s_median": float(light["import_s"].median()),
        "light_process_s_max": float(light["process_s"].max()),
    }


# ------------------------------------------------------------------------------------------- bootstrap
def bench_bootstrap(quick: bool) -> dict:
    """Three runs of ``run_benchmark`` of ``benchmarks/bench_bootstrap.py``; the median of each figure (the
    vectorised pass takes a few hundredths of a second, so one timing is noisy)."""
    from bench_bootstrap import run_benchmark  # beside this script (benchmarks/ is on sys.path)

    codes, segments, replicates = (4, 2000, 2000) if quick else (16, 5000, 10_000)
    tables = [
        run_benchmark(codes, segments, replicates, loop_replicates=50 if quick else 200) for _ in range(3)
    ]
    rows = [t.set_index("method") for t in tables]

    def median(method: str, column: str) -> float:
        return float(statistics.median(float(r.loc[method, column]) for r in rows))

    return {
        "codes": codes,
        "segments": segments,
        "replicates": replicates,
        "tables": [t.to_dict(orient="records") for t in tables],
        "vectorised_s": median("vectorised", "seconds"),
        "naive_loop_s": median("naive loop", "seconds"),
        "speedup_vs_naive_loop": median("naive loop", "speedup"),
        "speedup_vs_unit_resampling": median("unit resampling (krippendorff)", "speedup"),
        "speedup_vs_naive_loop_runs": [float(r.loc["naive loop", "speedup"]) for r in rows],
    }


# ------------------------------------------------------------------------------------------- embedding
_STARTUP = """
import json, time
t = time.perf_counter(); c = time.process_time()
from thematica.embed.model import load_encoder
encoder = load_encoder({backend!r}, onnx_path={path!r})
from thematica.embed.model import embed_texts
embed_texts(["warm up"], model=encoder)
print(json.dumps({{"seconds": time.perf_counter() - t, "cpu_s": time.process_time() - c}}))
"""


def demo_texts(n: int) -> list[str]:
    """Participant segments of demo_alliance, made here from the committed transcripts (no pipeline run)."""
    from thematica.ingest.folder import load_study
    from thematica.ingest.study import read_source, transcript_turns
    from thematica.ingest.turns import DEFAULT_SPEAKER_PATTERN
    from thematica.segment.sentences import segment_turns

    study = load_study(REPO / "data" / "raw" / "demo_alliance")
    texts: list[str] = []
    for transcript, path in study.transcripts.items():
        text = read_source(path)
        turns = transcript_turns(
            text,
            transcript=transcript,
            interviewer_labels=study.interviewer_labels,
            speaker_pattern=study.speaker_pattern or DEFAULT_SPEAKER_PATTERN,
        )
        segments = segment_turns(turns, text, **study.participant_of(transcript))
        texts += segments["text"].astype(str).tolist()
        if len(texts) >= n:
            break
    return texts[:n]


def bench_embedding(quick: bool, workdir: Path) -> dict:
    from thematica.embed.model import embed_texts, load_model
    from thematica.embed.onnx import INT8_BATCH, OnnxEncoder, export_onnx

    n = 200 if quick else 1500
    texts = demo_texts(n)
    exports = {}
    for precision in ("int8", "fp32"):
        path = workdir / f"minilm-{precision}.onnx"
        start = time.perf_counter()
        export_onnx(path, quantize=precision == "int8")
        exports[precision] = {"path": str(path), "export_s": time.perf_counter() - start}
    model = load_model()
    encoders = {
        "torch_fp32": (model, 64),
        "onnx_fp32": (OnnxEncoder(exports["fp32"]["path"]), 32),
        "onnx_int8": (OnnxEncoder(exports["int8"]["path"]), INT8_BATCH),
    }
    import torch

    torch.set_num_threads(1)
    out: dict = {"texts": len(texts), "mean_chars": float(np.mean([len(t) for t in texts])), "backends": {}}
    # Each backend embeds the texts in PASSES passes, interleaved (torch, fp32, int8, torch, ...) so that a
    # slow spell of the machine falls on all of them, and keeps its fastest pass (the timeit convention,
    # as for the bootstrap: slower passes measure what else the machine was doing).
    passes = 2 if quick else EMBED_PASSES
    cpu_runs: dict[str, list[float]] = {name: [] for name in encoders}
    vectors: dict[str, np.ndarray] = {}
    for encoder, batch in encoders.values():
        embed_texts(texts[:32], model=encoder, batch_size=batch)  # warm up
    for _ in range(passes):
        for name, (encoder, batch) in encoders.items():
            cpu = time.process_time()
            vectors[name] = embed_texts(texts, model=encoder, batch_size=batch)
            cpu_runs[name].append(time.process_time() - cpu)
    reference = vectors["torch_fp32"]
    for name, (_, batch) in encoders.items():
        cosine = (vectors[name] * reference).sum(axis=1)
        cpu = min(cpu_runs[name])
        out["backends"][name] = {
            "batch_size": batch,
            "cpu_s": cpu,
            "cpu_s_passes": cpu_runs[name],
            "sentences_per_cpu_s": len(texts) / cpu,
            "cosine_to_torch_mean": float(cosine.mean()),
            "cosine_to_torch_min": float(cosine.min()),
        }
    base = out["backends"]["torch_fp32"]["sentences_per_cpu_s"]
    for row in out["backends"].values():
        row["speedup"] = row["sentences_per_cpu_s"] / base
    for name, path in (("torch", None), ("onnx_int8", exports["int8"]["path"])):
        runs = [
            run([sys.executable, "-c", _STARTUP.format(backend=name, path=path)])
            for _ in range(2 if quick else 3)
        ]
        inner = [json.loads(r["stdout"].strip().splitlines()[-1]) for r in runs]
        out["backends"]["torch_fp32" if name == "torch" else name]["process_start_s"] = statistics.median(
            r["seconds"] for r in runs
        )
        out["backends"]["torch_fp32" if name == "torch" else name]["load_cpu_s"] = statistics.median(
            r["cpu_s"] for r in inner
        )
    out["exports"] = {
        k: {"export_s": v["export_s"], "bytes": Path(v["path"]).stat().st_size} for k, v in exports.items()
    }
    return out


# ----------------------------------------------------------------------------------------------- numba
_UMAP = """
import json, sys, time
from thematica.support.jitcache import enable_jit_cache
if sys.argv[1] != "off":
    enable_jit_cache(sys.argv[1])
t = time.perf_counter(); c = time.process_time()
import numpy as np
from umap import UMAP
imported = time.process_time() - c
x = np.random.default_rng(0).normal(size=(2000, 384)).astype(np.float32)
c2 = time.process_time()
UMAP(n_neighbors=15, n_components=5, metric="cosine", random_state=1, init="pca").fit(x)
fit = time.process_time() - c2
print(json.dumps({"import_cpu_s": imported, "fit_cpu_s": fit, "seconds": time.perf_counter() - t}))
"""


def bench_numba(quick: bool, workdir: Path) -> dict:
    cache = workdir / "numba-bench"
    shutil.rmtree(cache, ignore_errors=True)
    env = {"NUMBA_CACHE_DIR": "", "THEMATICA_JIT_CACHE": "1"}
    out = {}
    for label, arg in (("cold_cache", str(cache)), ("warm_cache", str(cache)), ("no_cache", "off")):
        result = run([sys.executable, "-c", _UMAP, arg], env=env)
        out[label] = json.loads(result["stdout"].strip().splitlines()[-1])
    out["first_fit_saved_cpu_s"] = out["no_cache"]["fit_cpu_s"] - out["warm_cache"]["fit_cpu_s"]
    return out


# -------------------------------------------------------------------------------------------- pipeline
def snakemake(
    work: Path, *args: str, config: str = "config.yaml", env: dict | None = None, check=True
) -> dict:
    command = [
        str(SNAKEMAKE),
        "--snakefile",
        str(REPO / "Snakefile"),
        "--directory",
        str(work),
        "--configfile",
        str(work / config),
        "--profile",
        str(REPO / "workflow" / "profiles" / "default"),
        "--nocolor",
        *args,
    ]
    return run(command, cwd=work, env=env, check=check)


def prepare_workdir(work: Path, quick: bool) -> None:
    for name in DEMO:
        dst = work / "data" / "raw" / name
        shutil.copytree(REPO / "data" / "raw" / name, dst)
        if quick:
            keep = [f"interview_{i:02d}" for i in range(1, 8)] + [
                ADDED[1] if name == ADDED[0] else "interview_08"
            ]
            participants = pd.read_csv(dst / "participants.csv", dtype=str, keep_default_na=False)
            participants.loc[participants["transcript"].isin(keep)].to_csv(
                dst / "participants.csv", index=False, lineterminator="\n"
            )
            for path in (dst / "transcripts").iterdir():
                if path.stem not in keep:
                    path.unlink()
            shutil.rmtree(dst / "truth", ignore_errors=True)
            (dst / "coders.csv").unlink(missing_ok=True)
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
    config["studies"] = {name: f"data/raw/{name}" for name in DEMO}
    if quick:
        config["reliability"]["n_bootstrap"] = 500
        config["saturation"]["n_permutations"] = 100
        config["topics"]["stability_runs"] = 1
    (work / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    # the embed stage is also run with the other of the two compared backends (torch, onnx_int8)
    other = {**config, "embed": {**config.get("embed", {}), "backend": other_backend(config)}}
    (work / "config_other.yaml").write_text(yaml.safe_dump(other, sort_keys=False), encoding="utf-8")


def other_backend(config: dict) -> str:
    """The compared backend the config does not use: torch for onnx_int8 (the default), else onnx_int8."""
    return "torch" if config.get("embed", {}).get("backend", "onnx_int8") == "onnx_int8" else "onnx_int8"


def transcripts_of(work: Path) -> dict[str, list[str]]:
    from thematica.ingest.folder import load_study

    return {name: list(load_study(work / "data" / "raw" / name).transcripts) for name in DEMO}


def remove_interview(work: Path) -> Path:
    """Move one interview out of its study folder (participants.csv row and transcript)."""
    study, transcript = ADDED
    root = work / "data" / "raw" / study
    stash = work / "stash"
    stash.mkdir(exist_ok=True)
    shutil.copy2(root / "participants.csv", stash / "participants.csv")
    participants = pd.read_csv(root / "participants.csv", dtype=str, keep_default_na=False)
    participants.loc[participants["transcript"] != transcript].to_csv(
        root / "participants.csv", index=False, lineterminator="\n"
    )
    for path in (root / "transcripts").glob(f"{transcript}.*"):
        shutil.move(path, stash / path.name)
    return stash


def restore_interview(work: Path, stash: Path) -> None:
    """Put the interview back, after deleting everything the pipeline made from it before."""
    study, transcript = ADDED
    for top in ("data/processed", "results", "logs", "benchmarks"):
        for path in (work / top / study).rglob(f"*{transcript}*"):
            if path.is_file():
                path.unlink()
    root = work / "data" / "raw" / study
    for path in stash.iterdir():
        target = root / (
            "participants.csv" if path.name == "participants.csv" else f"transcripts/{path.name}"
        )
        shutil.copy2(path, target)


def remove_and_add_interview(work: Path, env: dict) -> tuple[dict, dict]:
    """Run the pipeline without one interview, then with it again: the two runs (:func:`run`), the second
    with the time it ``started`` (for the job records it made)."""
    stash = remove_interview(work)
    removed = snakemake(work, env=env)
    restore_interview(work, stash)
    started = time.time()
    return removed, {**snakemake(work, env=env), "started": started}


def embeddings(work: Path) -> dict[str, np.ndarray]:
    out = {}
    for name in DEMO:
        stem = work / "data" / "processed" / name / "embeddings"
        segments = pd.read_parquet(work / "data" / "processed" / name / "segments.parquet")
        meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        assert meta["segment_ids"] == segments["segment_id"].tolist(), name
        out[name] = np.load(stem.with_suffix(".npy"))
    return out


def topic_agreement(work: Path, torch_vectors: np.ndarray, int8_vectors: np.ndarray, study: str, quick: bool):
    """Two agreements with the torch fit (the pipeline's settings and seed): the topics of a refit on int8
    embeddings, on the fp32 ONNX export's and with another seed (``ari_to_torch``); and the topics the
    torch-fitted model assigns to each backend's embeddings of the same segments (``assignment_ari``, its
    ``transform`` against its ``transform`` of the torch embeddings; that model is fitted with UMAP's own
    neighbour search, which keeps the index ``transform`` needs): the backend alone, without a refit."""
    from sklearn.metrics import adjusted_rand_score

    from thematica.embed.onnx import OnnxEncoder, export_onnx
    from thematica.topics import TopicSettings
    from thematica.topics.model import fit_topics

    config = yaml.safe_load((work / "config.yaml").read_text(encoding="utf-8"))
    settings = TopicSettings.from_config(config["topics"])
    seed = int(config["seed"])
    segments = pd.read_parquet(work / "data" / "processed" / study / "segments.parquet")
    docs = segments["text"].astype(str).tolist()
    fp32_path = work / "minilm-fp32.onnx"
    if not fp32_path.is_file():
        export_onnx(fp32_path, quantize=False)
    fp32_vectors = OnnxEncoder(fp32_path).encode(docs, batch_size=32)
    fits = {}
    for label, vectors, fit_seed in (
        ("torch", torch_vectors, seed),
        ("onnx_int8", int8_vectors, seed),
        ("onnx_fp32", fp32_vectors, seed),
        ("torch_next_seed", torch_vectors, seed + 1),
    ):
        fits[label] = fit_topics(docs, vectors, settings, seed=fit_seed, represent=False)
    reference = fits["torch"].topics
    # The pipeline's fits hand UMAP precomputed neighbours and so cannot transform new vectors (UMAP keeps
    # no search index); the assignment check fits the torch model once more with UMAP's own search.
    model = fit_topics(docs, torch_vectors, settings, seed=seed, represent=False, umap_search=True).model
    assigned = {
        label: np.asarray(model.transform(docs, embeddings=vectors)[0])
        for label, vectors in (
            ("torch", torch_vectors),
            ("onnx_int8", int8_vectors),
            ("onnx_fp32", fp32_vectors),
        )
    }
    return {
        "assignment_ari": {
            label: float(adjusted_rand_score(assigned["torch"], topics)) for label, topics in assigned.items()
        },
        "study": study,
        "segments": len(docs),
        "topics": {label: fit.n_topics for label, fit in fits.items()},
        "ari_to_torch": {
            label: float(adjusted_rand_score(reference, fit.topics)) for label, fit in fits.items()
        },
        "fp32_export_max_abs_diff": float(np.abs(fp32_vectors - torch_vectors).max()),
    }


def bench_pipeline(quick: bool, work: Path, fidelity_study: str, out: dict) -> dict:
    from thematica.evaluation.perf import (
        read_job_times,
        read_rule_benchmarks,
        summarise_job_times,
        summarise_rule_benchmarks,
    )

    prepare_workdir(work, quick)
    env = {"NUMBA_CACHE_DIR": str(work / "numba-cold")}  # the cold run compiles numba's code too
    out.update({"workdir": str(work), "quick": quick})  # filled step by step: kept if a step fails
    dry = snakemake(work, "--dry-run", "--quiet", "rules", env=env)
    totals = [
        int(line.split()[-1]) for line in dry["stdout"].splitlines() if line.strip().startswith("total")
    ]
    out["jobs_planned"] = totals[0] if totals else 0  # the job-stats table is printed twice

    started = time.time()
    out["cold"] = slim(snakemake(work, env=env))
    transcripts = transcripts_of(work)
    rules = read_rule_benchmarks(work / "benchmarks", transcripts)
    out["rule_benchmarks"] = rules.to_dict(orient="records")
    out["rules"] = summarise_rule_benchmarks(rules).to_dict(orient="records")
    cold_jobs = read_job_times(work)
    cold_jobs = cold_jobs.loc[cold_jobs["start"] >= started]
    out["job_times"] = summarise_job_times(cold_jobs).to_dict(orient="records")

    noop = [snakemake(work, env=env) for _ in range(3)]
    out["noop"] = {
        "seconds": statistics.median(r["seconds"] for r in noop),
        "cpu_s": statistics.median(r["cpu_s"] for r in noop),
        "runs": [slim(r) for r in noop],
        "nothing_to_do": all("Nothing to be done" in r["stdout"] + r["stderr"] for r in noop),
    }
    version = [run([str(SNAKEMAKE), "--version"]) for _ in range(3)]
    dry_runs = [snakemake(work, "--dry-run", "--quiet", env=env) for _ in range(3)]
    out["snakemake_itself"] = {
        "cli_start_s": statistics.median(r["seconds"] for r in version),
        "dry_run_s": statistics.median(r["seconds"] for r in dry_runs),
        "dry_run_cpu_s": statistics.median(r["cpu_s"] for r in dry_runs),
    }

    default_vectors = embeddings(work)
    removed, add = remove_and_add_interview(work, env)
    out["remove_one"] = slim(removed)
    out["add_one"] = {**slim(add), "share_of_cold": add["seconds"] / out["cold"]["seconds"]}
    out["add_one"]["job_times"] = summarise_job_times(read_job_times(work), since=add["started"]).to_dict(
        orient="records"
    )

    # the embed stage again with the other backend (every transcript: the backend is in the cache key)
    config = yaml.safe_load((work / "config.yaml").read_text(encoding="utf-8"))
    default, other = config["embed"]["backend"], other_backend(config)
    started = time.time()
    targets = [f"data/processed/{name}/embeddings.json" for name in DEMO]
    other_run = snakemake(work, *targets, config="config_other.yaml", env=env)
    other_jobs = read_job_times(work)
    other_jobs = other_jobs.loc[other_jobs["start"] >= started]
    rules_after = read_rule_benchmarks(work / "benchmarks", transcripts)
    stages = {
        default: (rules.loc[rules["step"] == "embed/embed"], default_vectors),
        other: (rules_after.loc[rules_after["step"] == "embed/embed"], embeddings(work)),
    }
    (torch_embed, torch_vectors), (onnx_embed, int8_vectors) = stages["torch"], stages["onnx_int8"]
    exports = cold_jobs if default == "onnx_int8" else other_jobs  # the run that made the export
    n_segments = sum(len(v) for v in torch_vectors.values())
    out["embed_stage"] = {
        "segments": n_segments,
        "default": default,
        "other_run_seconds": other_run["seconds"],
        "torch": {
            "jobs": len(torch_embed),
            "cpu_s": float(torch_embed["cpu_s"].sum()),
            "job_seconds_mean": float(torch_embed["seconds"].mean()),
            "max_rss_mb": float(torch_embed["max_rss_mb"].max()),
        },
        "onnx_int8": {
            "jobs": len(onnx_embed),
            "cpu_s": float(onnx_embed["cpu_s"].sum()),
            "job_seconds_mean": float(onnx_embed["seconds"].mean()),
            "max_rss_mb": float(onnx_embed["max_rss_mb"].max()),
            "export_s": float(exports.loc[exports["rule"] == "onnx_model", "seconds"].sum()),
        },
    }
    stage = out["embed_stage"]
    stage["speedup_cpu"] = stage["torch"]["cpu_s"] / max(stage["onnx_int8"]["cpu_s"], 1e-9)
    stage["torch"]["segments_per_cpu_s"] = n_segments / max(stage["torch"]["cpu_s"], 1e-9)
    stage["onnx_int8"]["segments_per_cpu_s"] = n_segments / max(stage["onnx_int8"]["cpu_s"], 1e-9)
    cosine = np.concatenate([(torch_vectors[s] * int8_vectors[s]).sum(axis=1) for s in DEMO])
    out["fidelity"] = {
        "cosine_mean": float(cosine.mean()),
        "cosine_min": float(cosine.min()),
        "cosine_p01": float(np.quantile(cosine, 0.01)),
        **topic_agreement(
            work, torch_vectors[fidelity_study], int8_vectors[fidelity_study], fidelity_study, quick
        ),
    }
    out["fidelity"]["passes"] = bool(
        out["fidelity"]["cosine_mean"] >= 0.99 and out["fidelity"]["assignment_ari"]["onnx_int8"] >= 0.99
    )

    out["baseline"] = bench_baseline(work, quick)
    out["cold_vs_baseline"] = out["cold"]["seconds"] / out["baseline"]["seconds"]
    return out


def bench_baseline(work: Path, quick: bool) -> dict:
    """The naive script on the segments (and codes) of a finished pipeline copy."""
    replicates = "100" if quick else "1000"
    script = str(REPO / "benchmarks" / "baseline_naive.py")
    baseline = run([sys.executable, script, str(work), *DEMO, "--replicates", replicates])
    return {**slim(baseline), "detail": json.loads(baseline["stdout"])}


# ----------------------------------------------------------------------------------------------- scale
def bench_scale(interviews: int, work: Path) -> dict:
    """Cold run on a generated study of ``interviews`` interviews: time and peak memory per rule."""
    from thematica.demo import generate
    from thematica.evaluation.perf import (
        read_job_times,
        read_rule_benchmarks,
        summarise_job_times,
        summarise_rule_benchmarks,
    )
    from thematica.ingest.folder import load_study

    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    (root,) = generate(work / "data" / "raw", studies=("demo_physicians",), scale=interviews)
    generated = time.perf_counter() - start
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
    config["studies"] = {root.name: f"data/raw/{root.name}"}
    (work / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    env = {"NUMBA_CACHE_DIR": str(work / "numba-cold")}
    started = time.time()
    cold = snakemake(work, env=env)
    transcripts = {root.name: list(load_study(root).transcripts)}
    rules = read_rule_benchmarks(work / "benchmarks", transcripts)
    segments = pd.read_parquet(work / "data" / "processed" / root.name / "segments.parquet")
    noop = snakemake(work, env=env)
    return {
        "study": root.name,
        "interviews": interviews,
        "segments": len(segments),
        "generate_s": generated,
        "cold": slim(cold),
        "noop": slim(noop),
        "rules": summarise_rule_benchmarks(rules).to_dict(orient="records"),
        "job_times": summarise_job_times(read_job_times(work), since=started).to_dict(orient="records"),
    }


# --------------------------------------------------------------------------------------------- summary
def summary_rows(results: dict) -> list[tuple[str, str, str]]:
    """(figure, value, target) rows of the summary table."""
    rows = []
    p = results.get("pipeline")
    if p:
        base, itself, add = p["baseline"], p["snakemake_itself"], p["add_one"]
        stage, f = p["embed_stage"], p["fidelity"]
        ari = ", ".join(f"{k} {v:.2f}" for k, v in f["ari_to_torch"].items() if k != "torch")
        rows += [
            (
                f"cold full run (demo studies, {stage.get('default', 'torch')} embeddings)",
                f"{p['cold']['seconds']:.0f} s, {p['jobs_planned']} jobs",
                "",
            ),
            ("naive baseline script", f"{base['seconds']:.0f} s", ""),
            ("cold run / baseline", f"{p['cold_vs_baseline']:.2f}", "<= 1"),
            ("no-op rerun", f"{p['noop']['seconds']:.2f} s (CPU {p['noop']['cpu_s']:.2f} s)", "<= 2 s"),
            (
                "  snakemake --version / dry run",
                f"{itself['cli_start_s']:.2f} s / {itself['dry_run_s']:.2f} s",
                "",
            ),
            (
                "add one interview",
                f"{add['seconds']:.0f} s = {100 * add['share_of_cold']:.0f}% of cold",
                "<= 25%",
            ),
            (
                "embed stage CPU, torch -> onnx_int8",
                f"{stage['torch']['cpu_s']:.0f} s -> {stage['onnx_int8']['cpu_s']:.0f} s "
                f"({stage['speedup_cpu']:.1f}x)",
                ">= 3x",
            ),
            (
                "int8 cosine to fp32 (mean / min)",
                f"{f['cosine_mean']:.4f} / {f['cosine_min']:.4f}",
                ">= 0.99",
            ),
            (f"refit topics, ARI to the torch fit ({f['study']})", ari, ""),
            (
                f"same model's topics for each backend's vectors, ARI ({f['study']})",
                ", ".join(f"{k} {v:.3f}" for k, v in f["assignment_ari"].items() if k != "torch"),
                ">= 0.99 (int8)",
            ),
        ]
        for row in sorted(p["rules"], key=lambda r: -r["total_s"])[:6]:
            value = f"{row['total_s']:.0f} s in {row['jobs']} jobs, peak {row['max_rss_mb']:.0f} MB"
            rows.append((f"  rule {row['step']}", value, ""))
    e = results.get("embedding")
    if e:
        b = e["backends"]
        rates = ", ".join(f"{k} {v['sentences_per_cpu_s']:.0f}" for k, v in b.items())
        start = f"{b['torch_fp32']['process_start_s']:.2f} s / {b['onnx_int8']['process_start_s']:.2f} s"
        rows += [
            ("embedding, sentences per CPU-second", rates, ""),
            ("onnx_int8 / torch fp32 throughput", f"{b['onnx_int8']['speedup']:.2f}x", ">= 3x"),
            ("embedding process start (torch / int8)", start, ""),
        ]
    bs = results.get("bootstrap")
    if bs:
        value = (
            f"{bs['vectorised_s']:.2f} s vs naive {bs['naive_loop_s']:.0f} s "
            f"({bs['speedup_vs_naive_loop']:.0f}x)"
        )
        rows.append((f"bootstrap {bs['replicates']} x {bs['codes']} codes", value, ">= 500x"))
        runs = ", ".join(f"{x:.0f}" for x in bs["speedup_vs_naive_loop_runs"])
        rows.append(("  naive-loop speedup in each of the 3 runs", runs, ""))
        rows.append(
            ("  vs the krippendorff package resampling units", f"{bs['speedup_vs_unit_resampling']:.0f}x", "")
        )
    i = results.get("imports")
    if i:
        heavy = ", ".join(i["light_with_heavy_imports"]) or "none"
        value = (
            f"median {i['light_import_s_median']:.2f} s, max {i['light_import_s_max']:.2f} s; heavy: {heavy}"
        )
        rows.append((f"light-rule imports ({i['light_scripts']} scripts)", value, "no heavy"))
    sc = results.get("scale")
    if sc:
        value = (
            f"{sc['cold']['seconds']:.0f} s, {sc['segments']} segments; no-op {sc['noop']['seconds']:.1f} s"
        )
        rows.append((f"cold run, {sc['interviews']} interviews", value, ""))
        for row in sorted(sc["rules"], key=lambda r: -r["total_s"])[:5]:
            value = f"{row['total_s']:.0f} s in {row['jobs']} jobs, peak {row['max_rss_mb']:.0f} MB"
            rows.append((f"  rule {row['step']}", value, ""))
    n = results.get("numba")
    if n:
        value = f"{n['no_cache']['fit_cpu_s']:.1f} s / {n['warm_cache']['fit_cpu_s']:.1f} s"
        rows.append(("first UMAP fit CPU: no cache / warm cache", value, ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "results" / "bench"))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--workdir", default=None, help="keep the pipeline copy here (default: a temp dir)")
    parser.add_argument("--sections", default=",".join(DEFAULT_SECTIONS))
    parser.add_argument("--interviews", type=int, default=100, help="size of the scale section's study")
    parser.add_argument("--fidelity-study", default="demo_alliance", choices=DEMO)
    args = parser.parse_args()
    sections = [s for s in args.sections.split(",") if s]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    os.environ.update(ENV)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="thematica-bench-"))
    if args.workdir and work.exists() and any(work.iterdir()):
        parser.error(f"--workdir {work} is not empty")
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": machine(), "quick": args.quick, "started": time.strftime("%Y-%m-%d %H:%M")}
    for section in sections:
        start = time.perf_counter()
        print(f"[bench] {section} ...", file=sys.stderr, flush=True)
        value: dict = {}
        try:
            if section == "imports":
                value = bench_imports(args.quick)
            elif section == "bootstrap":
                value = bench_bootstrap(args.quick)
            elif section == "embedding":
                value = bench_embedding(args.quick, work)
            elif section == "numba":
                value = bench_numba(args.quick, work)
            elif section == "scale":
                value = bench_scale(args.interviews, work / "scale")
            else:
                bench_pipeline(args.quick, work / "pipeline", args.fidelity_study, value)
        except Exception as exc:  # keep what was measured; the summary skips the section
            value["error"] = f"{type(exc).__name__}: {exc}"
            print(f"[bench] {section} failed: {value['error'][:2000]}", file=sys.stderr, flush=True)
        value["bench_seconds"] = time.perf_counter() - start
        results[section] = value
        (out / f"{section}.json").write_text(json.dumps(value, indent=2, sort_keys=True, default=str) + "\n")
    rows = summary_rows({k: v for k, v in results.items() if not (isinstance(v, dict) and "error" in v)})
    results["summary"] = [{"figure": a, "value": b, "target": c} for a, b, c in rows]
    (out / "summary.json").write_text(
        json.dumps({k: results[k] for k in ("machine", "quick", "started", "summary")}, indent=2) + "\n"
    )
    m = results["machine"]
    header = (
        f"{m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']} ({results['started']})"
    )
    lines = [f"Measured on {header}" + (" -- QUICK MODE" if args.quick else ""), "",
             "| figure | value | target |", "|---|---|---|"]  # fmt: skip
    lines += [f"| {a.strip()} | {b} | {c} |" for a, b, c in rows]
    (out / "summary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    width = max(len(a) for a, _, _ in rows) if rows else 10
    print(f"\n{header}" + ("  [quick]" if args.quick else ""))
    for a, b, c in rows:
        print(f"{a:<{width}}  {b}" + (f"   (target {c})" if c else ""))
    print(
        f"\nwrote {out}/*.json and summary.md" + (f"; pipeline copy kept in {work}" if args.workdir else "")
    )
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    failed = [name for name, value in results.items() if isinstance(value, dict) and "error" in value]
    if failed:
        print(
            f"\nFAILED: {', '.join(failed)} (see results/bench/<section>.json, key 'error')", file=sys.stderr
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
