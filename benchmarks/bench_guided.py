"""Benchmark of the codebook-guided themes: ``python benchmarks/bench_guided.py [--studies ...] [--no-fit]``.

For each demo study (its segments, embeddings and codebook under ``data/processed/<study>/``, from a run of
the pipeline; the planted truth under ``data/raw/<study>/truth/``) it prints NMI and ARI against the
planted codes on the segments that carry one (the ``uncoded_excluded`` variant of ``recovery.csv``: each
such segment carries exactly one planted code) for:

- ``topics``: the ordinary candidate themes (``results/<study>/topics/segment_topics.parquet``);
- ``nearest definition``: the issue's starting point, each segment to the code whose label and definition
  (embedded together with the study's model) is most similar;
- ``+ code texts``, ``+ context``, ``+ centred``, ``+ refined``: the guided mode's steps added one at a
  time (:mod:`thematica.topics.guided`), still nearest code only, no threshold;
- ``guided``: the full guided mode with the config's settings: BERTopic's zero-shot topic modelling, the
  segments under the Otsu threshold clustered into new themes (slow: one UMAP fit; ``--no-fit`` skips it);
- a grid of ``context_weight`` x ``refine_share`` (nearest code, no threshold), to show how the choice made
  on demo_alliance carries to demo_physicians.

The defaults were chosen on demo_alliance; demo_physicians is the held-out study. Target (issue 27): NMI
>= 0.6 on both demo studies. Nothing is asserted or timed.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from thematica.embed.model import embed_texts, load_encoder
from thematica.topics.guided import (
    GuidedSettings,
    centre,
    code_prototypes,
    code_texts,
    context_embeddings,
    guided_space,
    refine_prototypes,
)
from thematica.topics.guided_study import guided_themes, split_settings, turn_keys
from thematica.topics.recovery import planted_labels, read_truth_sentences

ROOT = Path(__file__).resolve().parents[1]


def scores(labels: np.ndarray, assigned: np.ndarray) -> str:
    keep = labels != ""
    nmi = normalized_mutual_info_score(labels[keep], assigned[keep])
    ari = adjusted_rand_score(labels[keep], assigned[keep])
    return f"NMI {nmi:.3f}  ARI {ari:.3f}  ({len(set(assigned[keep].tolist()))} clusters)"


def nearest(segments: np.ndarray, prototypes: np.ndarray) -> np.ndarray:
    return (segments @ prototypes.T).argmax(axis=1)


def bench_study(study: str, config: dict, encoder, fit: bool) -> None:
    processed = ROOT / "data" / "processed" / study
    segments = pd.read_parquet(processed / "segments.parquet")
    embeddings = np.load(processed / "embeddings.npy").astype(np.float64)
    codebook = pd.read_parquet(processed / "codebook.parquet")
    labels = planted_labels(
        segments, read_truth_sentences(ROOT / "data" / "raw" / study / "truth" / "sentences.csv")
    )
    settings, guided = split_settings(config["topics"])
    n_coded = int((labels != "").sum())
    print(f"\n{study}: {len(segments)} segments, {n_coded} with a planted code, {len(codebook)} codes")
    topics = ROOT / "results" / study / "topics" / "segment_topics.parquet"
    if topics.is_file():
        table = segments[["segment_id"]].merge(pd.read_parquet(topics), on="segment_id", how="left")
        print(f"  {'topics (ordinary fit)':28s} {scores(labels, table['topic'].to_numpy())}")
    texts = code_texts(codebook)
    plain = embed_texts([own[1] if len(own) > 1 else own[0] for own in texts], model=encoder).astype(
        np.float64
    )
    print(f"  {'nearest definition':28s} {scores(labels, nearest(embeddings, plain))}")
    vectors = embed_texts([t for own in texts for t in own], model=encoder)
    prototypes = code_prototypes(texts, vectors)
    print(f"  {'+ code texts':28s} {scores(labels, nearest(embeddings, prototypes))}")
    turns = turn_keys(segments)
    context = context_embeddings(embeddings, turns, weight=guided.context_weight, span=guided.context_span)
    print(f"  {'+ context':28s} {scores(labels, nearest(context, prototypes))}")
    mean = embeddings.mean(axis=0)
    space, centred = centre(context, mean), centre(prototypes, mean)
    print(f"  {'+ centred':28s} {scores(labels, nearest(space, centred))}")
    refined = refine_prototypes(space, centred, guided.refine_share)
    print(f"  {'+ refined (nearest code)':28s} {scores(labels, nearest(space, refined))}")
    grid = []
    for weight in (0.0, 0.3, 0.5, 1.0):
        for share in (0.0, 0.25, 0.5, 1.0):
            options = GuidedSettings(
                context_weight=weight, context_span=guided.context_span, refine_share=share
            )
            s, p, _ = guided_space(embeddings, turns, vectors, texts, options)
            keep = labels != ""
            grid.append((weight, share, normalized_mutual_info_score(labels[keep], nearest(s, p)[keep])))
    table = pd.DataFrame(grid, columns=["context_weight", "refine_share", "nmi"])
    print("  NMI of the nearest code, context_weight (rows) x refine_share (columns):")
    print(table.pivot(index="context_weight", columns="refine_share", values="nmi").round(3).to_string())
    if fit:
        result = guided_themes(
            segments, embeddings, codebook, settings, guided, seed=config["seed"], encoder=encoder
        )
        themes = result.segments["theme"].to_numpy()
        new = int((result.info["code"] == "not in the codebook").sum())
        print(f"  {'guided (zero-shot + new)':28s} {scores(labels, themes)}")
        joined = float(np.mean((themes >= 0) & (themes < len(codebook))))
        print(
            f"    threshold {result.fit.threshold:.3f}; {joined:.1%} of segments joined a code, "
            f"{new} new themes, {float(np.mean(themes < 0)):.1%} unassigned"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", nargs="+", default=["demo_alliance", "demo_physicians"])
    parser.add_argument("--no-fit", action="store_true", help="skip the full guided fit (slow)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    processed = ROOT / "data" / "processed"
    backend = config["embed"]["backend"]
    onnx = None
    if backend != "torch":
        precision = backend.removeprefix("onnx_")
        onnx = next(
            p for p in sorted((processed / "embedding_model").glob("*.onnx")) if p.stem.endswith(precision)
        )
    encoder = load_encoder(backend, onnx_path=onnx)
    for study in args.studies:
        bench_study(study, config, encoder, fit=not args.no_fit)


if __name__ == "__main__":
    main()
