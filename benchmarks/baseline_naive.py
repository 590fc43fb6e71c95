"""The usual one-off analysis script, as a baseline for ``benchmarks/bench_perf.py``.

    .venv/bin/python benchmarks/baseline_naive.py WORKDIR STUDY [STUDY ...] [--replicates 1000] [--out PATH]

For each study it reads the segments the pipeline made (``WORKDIR/data/processed/<study>/segments.parquet``)
and fits BERTopic with its defaults on them (``BERTopic(embedding_model=model).fit_transform(docs)``; the
model is the bundled all-MiniLM-L6-v2 loaded with sentence-transformers, because BERTopic's default would
fetch it from a hub), then computes Krippendorff's alpha per code with the ``krippendorff`` package (nominal)
and a naive bootstrap: resample segments with replacement and recompute alpha, ``--replicates`` times.
It writes a JSON with the timings of each part. No determinism, no outputs beyond that, no checks.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _timed(clock: dict, name: str, start: tuple[float, float]) -> tuple[float, float]:
    now = (time.perf_counter(), time.process_time())
    clock[name] = {"seconds": now[0] - start[0], "cpu_s": now[1] - start[1]}
    return now


def _alpha(krippendorff, data) -> float:
    """Nominal alpha, NaN when the data hold a single value (the package refuses those)."""
    try:
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except ValueError:
        return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workdir")
    parser.add_argument("studies", nargs="+")
    parser.add_argument("--replicates", type=int, default=1000)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()

    clock: dict = {}
    t = (time.perf_counter(), time.process_time())
    import krippendorff
    import numpy as np
    import pandas as pd
    from bertopic import BERTopic
    from sentence_transformers import SentenceTransformer

    from thematica.embed.model import model_dir

    t = _timed(clock, "imports", t)
    model = SentenceTransformer(str(model_dir()))
    t = _timed(clock, "load_model", t)
    out: dict = {"replicates": args.replicates, "studies": {}}
    for study in args.studies:
        processed = Path(args.workdir) / "data" / "processed" / study
        segments = pd.read_parquet(processed / "segments.parquet")
        docs = segments["text"].astype(str).tolist()
        topics, _ = BERTopic(embedding_model=model).fit_transform(docs)
        t = _timed(clock, f"{study}:bertopic", t)
        alphas = {}
        codes_path = processed / "segment_codes.parquet"
        if codes_path.is_file():
            codes = pd.read_parquet(codes_path)
            rng = np.random.default_rng()
            for code, rows in codes.groupby("code"):
                data = rows.pivot_table(index="coder", columns="segment_id", values="applied").to_numpy(float)
                alpha = _alpha(krippendorff, data)
                boot = []
                for _ in range(args.replicates):
                    pick = rng.integers(0, data.shape[1], data.shape[1])
                    boot.append(_alpha(krippendorff, data[:, pick]))
                low, high = (
                    np.nanpercentile(boot, [2.5, 97.5]) if np.isfinite(boot).any() else (np.nan, np.nan)
                )
                alphas[str(code)] = [float(alpha), float(low), float(high)]
            t = _timed(clock, f"{study}:alpha", t)
        out["studies"][study] = {
            "segments": len(docs),
            "topics": int(len(set(topics)) - (1 if -1 in topics else 0)),
            "outlier_share": float(np.mean(np.asarray(topics) == -1)),
            "codes": len(alphas),
        }
    out["clock"] = clock
    out["seconds"] = sum(v["seconds"] for v in clock.values())
    text = json.dumps(out, indent=2, sort_keys=True)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
