"""What UMAP's epochs cost and buy: the topic fits at UMAP's own number of epochs and at fewer.

    .venv/bin/python benchmarks/bench_layouts.py [--epochs 200] [--seeds 5] [--out results/bench]
                                                 [--workdir DIR]

Every topic fit, the four stability refits included, spends most of its CPU in UMAP's layout, whose
length is ``topics.n_epochs`` (``null``: UMAP's choice, 500 epochs below 10,000 segments). In a copy of
the demo studies this script

- runs the pipeline cold with ``topics.n_epochs`` set to ``--epochs``, then removes and adds one interview
  of demo_physicians, as ``make bench`` does at the default (its ``add one interview`` figure);
- fits each demo study's segments with ``--seeds`` seeds at both settings (assignments only, the way the
  stability refits fit), two fits at a time, and reports each setting's CPU per fit, the agreement between
  the fits of different seeds (mean and lowest pairwise ARI: what the stability figures measure), the
  agreement of the two settings for the same seed, and the recovery of the planted codes (ARI and NMI,
  coded segments only).

It writes ``results/bench/layouts.json`` and prints a table; nothing is asserted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_perf import (  # noqa: E402
    DEMO,
    ENV,
    machine,
    prepare_workdir,
    remove_and_add_interview,
    slim,
    snakemake,
)

#: What the forked fits read: set before they fork.
_FITS: dict = {}


def _fit(job: tuple[int | None, int]) -> tuple[list[int], float]:
    """One fit's topics and CPU seconds, for ``(n_epochs, seed)``."""
    from dataclasses import replace

    from thematica.topics.model import fit_topics

    epochs, seed = job
    settings = replace(_FITS["settings"], n_epochs=epochs)
    cpu = time.process_time()
    fit = fit_topics(
        _FITS["docs"], _FITS["embeddings"], settings, seed=seed, represent=False, neighbors=_FITS["neighbors"]
    )
    return fit.topics.tolist(), time.process_time() - cpu


def compare_fits(work: Path, study: str, epochs: int, seeds: list[int]) -> dict:
    """Fits of one study at UMAP's own epochs (``null``) and at ``epochs``, with each seed."""
    from sklearn.metrics import adjusted_rand_score

    from thematica.support.tables import read_parquet
    from thematica.support.workers import map_in_processes
    from thematica.topics.bertopic_import import import_bertopic
    from thematica.topics.model import corpus_neighbors
    from thematica.topics.recovery import planted_labels, read_truth_sentences, recovery_scores
    from thematica.topics.settings import TopicSettings

    config = yaml.safe_load((work / "config.yaml").read_text(encoding="utf-8"))
    settings = TopicSettings.from_config({**config["topics"], "n_epochs": None})
    segments = read_parquet(work / "data" / "processed" / study / "segments.parquet").reset_index(drop=True)
    vectors = np.load(work / "data" / "processed" / study / "embeddings.npy")
    labels = planted_labels(
        segments, read_truth_sentences(work / "data" / "raw" / study / "truth" / "sentences.csv")
    )
    import_bertopic(embeds=False)  # before the workers fork
    _FITS.update(
        docs=segments["text"].astype(str).tolist(),
        embeddings=vectors,
        settings=settings,
        neighbors=corpus_neighbors(vectors, settings, seed=seeds[0]),
    )
    jobs = [(e, s) for e in (None, epochs) for s in seeds]
    try:
        done = dict(zip(jobs, map_in_processes(_fit, jobs, processes=os.cpu_count() or 1), strict=True))
    finally:
        _FITS.clear()
    out: dict = {"segments": len(segments), "seeds": seeds}
    for e in (None, epochs):
        topics = [np.asarray(done[(e, s)][0]) for s in seeds]
        pairs = [adjusted_rand_score(a, b) for a, b in itertools.combinations(topics, 2)]
        recovery = [recovery_scores(labels, t).set_index("variant").loc["uncoded_excluded"] for t in topics]
        out["null" if e is None else str(e)] = {
            "fit_cpu_s": statistics.median(done[(e, s)][1] for s in seeds),
            "n_topics": [int(len(set(t.tolist()) - {-1})) for t in topics],
            "seed_pair_ari_mean": float(np.mean(pairs)),
            "seed_pair_ari_min": float(np.min(pairs)),
            "recovery_ari_mean": float(np.mean([r["ari"] for r in recovery])),
            "recovery_nmi_mean": float(np.mean([r["nmi"] for r in recovery])),
        }
    out["same_seed_ari"] = [
        float(adjusted_rand_score(done[(None, s)][0], done[(epochs, s)][0])) for s in seeds
    ]
    return out


def add_one(work: Path, epochs: int) -> dict:
    """Cold run with ``topics.n_epochs: epochs``, then one interview removed and added again."""
    config = yaml.safe_load((work / "config.yaml").read_text(encoding="utf-8"))
    config["topics"]["n_epochs"] = epochs
    (work / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    env = {"NUMBA_CACHE_DIR": str(work / "numba-cold")}
    cold = slim(snakemake(work, env=env))
    add = slim(remove_and_add_interview(work, env)[1])
    return {
        "n_epochs": epochs,
        "cold": cold,
        "add_one": add,
        "share_of_cold": add["seconds"] / cold["seconds"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=200, help="the fewer epochs compared with UMAP's own")
    parser.add_argument("--seeds", type=int, default=5, help="fits per setting and study")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "results" / "bench"))
    parser.add_argument("--workdir", default=None, help="keep the pipeline copy here (default: a temp dir)")
    args = parser.parse_args()
    os.environ.update(ENV)
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="thematica-layouts-"))
    if args.workdir and work.exists() and any(work.iterdir()):
        parser.error(f"--workdir {work} is not empty")
    work.mkdir(parents=True, exist_ok=True)
    prepare_workdir(work, quick=False)
    result: dict = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M")}
    result["pipeline"] = add_one(work, args.epochs)
    seed = yaml.safe_load((work / "config.yaml").read_text(encoding="utf-8"))["seed"]
    seeds = [seed + i for i in range(args.seeds)]
    result["fits"] = {study: compare_fits(work, study, args.epochs, seeds) for study in DEMO}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "layouts.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    p = result["pipeline"]
    print(f"n_epochs {args.epochs}: cold run {p['cold']['seconds']:.0f} s (CPU {p['cold']['cpu_s']:.0f} s), "
          f"add one interview {p['add_one']['seconds']:.0f} s (CPU {p['add_one']['cpu_s']:.0f} s) = "
          f"{100 * p['share_of_cold']:.0f}% of the cold run")  # fmt: skip
    print("| study | epochs | CPU per fit | seed-pair ARI mean (min) | recovery ARI / NMI | topics |")
    print("|---|---|---|---|---|---|")
    for study, fits in result["fits"].items():
        for name in ("null", str(args.epochs)):
            f = fits[name]
            agree = f"{f['seed_pair_ari_mean']:.2f} ({f['seed_pair_ari_min']:.2f})"
            recovery = f"{f['recovery_ari_mean']:.3f} / {f['recovery_nmi_mean']:.3f}"
            topics = f"{min(f['n_topics'])}-{max(f['n_topics'])}"
            print(f"| {study} | {name} | {f['fit_cpu_s']:.1f} s | {agree} | {recovery} | {topics} |")
        same = ", ".join(f"{a:.2f}" for a in fits["same_seed_ari"])
        print(f"| {study} | null vs {args.epochs}, same seed | | {same} | | |")
    print(f"\nwrote {out}/layouts.json" + (f"; pipeline copy kept in {work}" if args.workdir else ""))
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
