"""What a release bundle's ``README.md`` says: every file, its rows and SHA-256, and how to rebuild."""

from __future__ import annotations

from pathlib import Path

from thematica.release.bundle import MANIFEST


def table_rows(path: str | Path) -> int | None:
    """Rows of a parquet table (from its metadata) or a CSV table; None for any other file."""
    import pandas as pd

    path = Path(path)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return int(pq.read_metadata(path).num_rows)
    if path.suffix == ".csv":
        return len(pd.read_csv(path, dtype=str))
    return None


def bundle_readme(study: str, rows: list[tuple[str, str, int | None, str]]) -> str:
    """A bundle's ``README.md``: what it holds, one row per file (name, description, rows, SHA-256), and
    how to rebuild from it."""
    table = "\n".join(
        f"| `{name}` | {text} | {'' if n is None else n} | `{sha}` |" for name, text, n, sha in rows
    )
    return f"""# Release bundle: {study}

The text-free tables of the study `{study}`: enough to rebuild every figure and every statistic of
`results/{study}/` except the representative quotes. No transcript text, no quotes, no embeddings:
segments are identified by id and by code-point offsets into the canonical texts, which stay with the
study team. Topic labels and keywords are words of the corpus vocabulary, not quotes.

| file | what it holds | rows | SHA-256 |
|---|---|---|---|
{table}

`{MANIFEST}` repeats these hashes (with this README's) and records the SHA-256 of every output the bundle
rebuilds, the configuration and the package versions of the original run.

## Rebuild

In a checkout of the same thematica version, put this folder at `results/{study}/release/` (and every
other study's bundle at its place; the combined perspectives figure needs all of them), then run

```bash
make from-release
```

which copies the bundles into a fresh `build/from-release/` and runs the pipeline there with
`release.rebuild_from: results/{{study}}/release`: every bundle file is checked against `{MANIFEST}`, the
tables are restored where the pipeline reads them, and only reliability, saturation, the group comparison,
the crosswalk and the figures run. `build/from-release/results/{study}/qa/release_check.csv` compares every
rebuilt output with the original's SHA-256; the run stops if one differs, naming the config keys and package
versions that differ from the original run.

Not included, because they need the transcripts, the coder exports or the demo truth: the deidentification
report, unplaced codings, representative quotes, the REFI-QDA exports of the candidate themes and the demo
studies' recovery scores.
"""
