"""Reviewable candidate themes on the demo studies: top-level themes, interview talk and key-phrase labels.

    PYTHONHASHSEED=0 .venv/bin/python benchmarks/bench_themes.py [--study demo_physicians ...]
                                                                 [--top-level 12] [--out results/bench]

From a finished demo run (``data/processed/<study>/segments.parquet``, ``embeddings.npy`` and the ONNX export
the embed step wrote) this script fits each study's reference topic model as the topics step does
(:func:`thematica.topics.study.study_topics` with the config's settings and seed, no stability refits) and
reports, per study:

- the number of fitted topics, of top-level candidate themes (target: 8 to 20) and of talk topics, and
  whether any top-level theme is talk (target: none);
- the recovery of the planted codes (``truth/sentences.csv``; ARI and NMI, coded segments only and with the
  uncoded as one label) by the fitted topics and by the top-level themes (talk as one more cluster);
- the share of planted-uncoded segments in the talk topics and in the themes;
- whether any label holds a filler or stop word, or a word twice;
- example labels of the top-level themes with their sub-themes.

It writes ``<out>/themes.json`` and prints the figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parent.parent


def measure(study: str, top_level: int | None) -> dict:
    from thematica.embed.onnx import export_path
    from thematica.topics.labels import _stop_words
    from thematica.topics.recovery import planted_labels, read_truth_sentences, recovery_scores
    from thematica.topics.settings import TopicSettings
    from thematica.topics.study import study_topics

    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    settings = TopicSettings.from_config(config["topics"])
    if top_level is not None:
        settings = replace(settings, top_level=top_level)
    processed = ROOT / "data" / "processed" / study
    segments = pd.read_parquet(processed / "segments.parquet")
    meta = json.loads((processed / "embeddings.json").read_text(encoding="utf-8"))
    backend = meta.get("backend", "torch")
    groups = sorted(segments["group"].unique())
    reference = study_topics(
        segments,
        npy_paths=[str(processed / "embeddings.npy")],
        json_paths=[str(processed / "embeddings.json")],
        settings=settings,
        seed=config["seed"],
        groups=groups,
        refit=False,
        backend=backend,
        onnx_path=None if backend == "torch" else str(ROOT / export_path(backend)),
        study=study,
    )
    info = reference.topic_table
    topics = reference.fit.topics
    theme_of = dict(zip(info["topic"], info["theme"], strict=True))
    themes = np.array([theme_of[t] for t in topics.tolist()])
    truth = read_truth_sentences(ROOT / "data" / "raw" / study / "truth" / "sentences.csv")
    planted = planted_labels(segments, truth)
    scores = {
        "topics": recovery_scores(planted, topics).set_index("variant")[["ari", "nmi"]].to_dict("index"),
        "top_level": recovery_scores(planted, themes).set_index("variant")[["ari", "nmi"]].to_dict("index"),
    }
    talk = info.loc[info["kind"] == "talk"]
    is_talk = np.isin(topics, talk["topic"].to_numpy())
    stop = _stop_words(settings.fillers)
    bad = []
    for label in pd.concat([info.loc[info["topic"] != -1, "label"], reference.themes["label"]]):
        if label.startswith("("):
            continue
        words = label.replace(",", " ").split()
        if set(words) & stop or len(set(words)) != len(words):
            bad.append(label)
    examples = {
        f"{row.theme} {row.label}": [
            info.set_index("topic").loc[int(t), "label"] for t in str(row.topics).split("; ")
        ]
        for row in reference.themes.itertuples()
        if row.kind == "theme"
    }
    content = reference.themes.loc[reference.themes["kind"] == "theme"]
    return {
        "study": study,
        "n_topics": int(len(info.loc[info["topic"] != -1])),
        "n_top_level": int(len(content)),
        "n_talk_topics": len(talk),
        "talk_topics": {int(t): label for t, label in zip(talk["topic"], talk["keywords"], strict=True)},
        "talk_among_top_level": bool((content["kind"] == "talk").any()),
        "uncoded_share_talk": float(np.mean(planted[is_talk] == "")) if is_talk.any() else None,
        "uncoded_share_themes": float(np.mean(planted[~is_talk & (topics != -1)] == "")),
        "recovery": scores,
        "labels_with_filler_or_repeat": bad,
        "top_level_sizes": content["n_segments"].astype(int).tolist(),
        "examples": examples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--study", nargs="+", default=["demo_physicians", "demo_alliance"])
    parser.add_argument(
        "--top-level", type=int, default=None, help="topics.top_level (default: the config's)"
    )
    parser.add_argument("--out", default="results/bench")
    args = parser.parse_args()
    if os.environ.get("PYTHONHASHSEED") != "0":
        print("note: run with PYTHONHASHSEED=0, as the Makefile does", file=sys.stderr)
    os.chdir(ROOT)
    results = [measure(study, args.top_level) for study in args.study]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "themes.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    for r in results:
        print(
            f"\n{r['study']}: {r['n_topics']} topics -> {r['n_top_level']} top-level candidate themes "
            f"(sizes {r['top_level_sizes']}), {r['n_talk_topics']} talk topics; "
            f"talk among top level: {r['talk_among_top_level']}"
        )
        for level, variants in r["recovery"].items():
            for variant, s in variants.items():
                print(f"  {level:9s} {variant:17s} ARI {s['ari']:.3f}  NMI {s['nmi']:.3f}")
        print(
            f"  planted-uncoded share: talk topics {r['uncoded_share_talk']}, "
            f"themes {r['uncoded_share_themes']:.3f}"
        )
        print(f"  labels with a filler/stop word or a repeated word: {r['labels_with_filler_or_repeat']}")
        for t, label in r["talk_topics"].items():
            print(f"  talk T{t:02d}: {label}")
        for theme, subs in r["examples"].items():
            print(f"  {theme}\n      " + " | ".join(subs))


if __name__ == "__main__":
    main()
