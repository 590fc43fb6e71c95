"""Benchmark of the deidentification scan: recall and precision on a planted-identifier corpus,
false positives on the demo studies, and scan time per transcript.

    .venv/bin/python benchmarks/bench_deid.py [--transcripts 40] [--seed 20261123] [--out PATH]

writes results/bench/deid.json (default) and prints a table.

The planted corpus (thematica.evaluation.planted_pii, Faker-generated identifiers in interview-like text
from the demo sentence banks) is scanned exactly as the workflow's deid_scan rule scans a
transcript (patterns, spaCy NER, speaker labels, the demo allowlists). Recall counts a planted
identifier as found only if all its letters and digits lie inside flagged findings.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from thematica.deid.scan import Allowlist, read_allowlist, scan_text
from thematica.demo import DEMO_STUDIES
from thematica.evaluation.planted_pii import planted_corpus, score
from thematica.ingest.folder import load_study
from thematica.ingest.formats import read_transcript
from thematica.ingest.turns import DEFAULT_SPEAKER_PATTERN

REPO = Path(__file__).resolve().parents[1]


def bench_planted(n_transcripts: int, seed: int) -> dict:
    corpus = planted_corpus(n_transcripts, seed=seed)
    allow = Allowlist(corpus.allowlist)
    started = time.perf_counter()
    found = {
        t: scan_text(text, allowlist=allow, speaker_pattern=DEFAULT_SPEAKER_PATTERN)
        for t, text in corpus.texts.items()
    }
    elapsed = time.perf_counter() - started
    table = score(corpus, found)
    return {
        "transcripts": n_transcripts,
        "seed": seed,
        "characters": sum(len(t) for t in corpus.texts.values()),
        "seconds": elapsed,
        "per_kind": table.to_dict(orient="records"),
    }


def bench_demo() -> dict:
    out = {}
    for name in DEMO_STUDIES:
        study = load_study(REPO / "data" / "raw" / name)
        known = [*study.interviewer_labels, *study.participants["participant_id"]]
        with_list = read_allowlist(study.root / "deid_allowlist.txt").extended(known)
        without = Allowlist().extended(known)
        pattern = study.speaker_pattern or DEFAULT_SPEAKER_PATTERN
        flagged, flagged_without, seconds, chars = 0, 0, [], 0
        for path in study.transcripts.values():
            text = read_transcript(path)
            chars += len(text)
            started = time.perf_counter()
            found = scan_text(text, allowlist=with_list, speaker_pattern=pattern)
            seconds.append(time.perf_counter() - started)
            flagged += sum(f.status == "flagged" for f in found)
            # the same findings judged without the study allowlist
            flagged_without += sum(not without.covers(text[f.start : f.end]) for f in found)
        out[name] = {
            "transcripts": len(study.transcripts),
            "characters": chars,
            "flagged_with_allowlist": flagged,
            "flagged_without_allowlist": flagged_without,
            "seconds_per_transcript_mean": sum(seconds) / len(seconds),
            "seconds_per_transcript_max": max(seconds),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcripts", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--out", default=str(REPO / "results" / "bench" / "deid.json"))
    args = parser.parse_args()

    from thematica.deid.ner import entity_recognizer

    started = time.perf_counter()
    entity_recognizer()
    load_seconds = time.perf_counter() - started
    result = {
        "machine": {
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
        },
        "model_load_seconds": load_seconds,
        "planted": bench_planted(args.transcripts, args.seed),
        "demo": bench_demo(),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    planted = result["planted"]
    print(
        f"planted corpus: {planted['transcripts']} transcripts, seed {planted['seed']}, "
        f"{planted['characters']} characters, scanned in {planted['seconds']:.1f} s"
    )
    print(
        f"{'kind':<14}{'planted':>8}{'found':>7}{'recall':>8}{'partial':>9}{'findings':>10}{'precision':>11}"
    )
    for row in planted["per_kind"]:
        print(
            f"{row['kind']:<14}{row['planted']:>8}{row['detected']:>7}{row['recall']:>8.3f}"
            f"{row['partial_recall']:>9.3f}{row['findings']:>10}{row['precision']:>11.3f}"
        )
    print(f"spaCy model load: {load_seconds:.1f} s")
    for name, row in result["demo"].items():
        print(
            f"{name}: {row['transcripts']} transcripts, flagged {row['flagged_with_allowlist']} "
            f"with the allowlist, {row['flagged_without_allowlist']} without; scan "
            f"{row['seconds_per_transcript_mean']:.2f} s per transcript "
            f"(max {row['seconds_per_transcript_max']:.2f} s)"
        )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
