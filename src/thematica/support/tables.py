"""Reading and writing tables so that reruns give identical bytes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def write_parquet(table: pd.DataFrame, path: str | Path) -> None:
    """Write a table to parquet without the index (pyarrow; no timestamps in the file)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    table.reset_index(drop=True).to_parquet(path, index=False, engine="pyarrow", compression="zstd")


def read_parquet(path: str | Path) -> pd.DataFrame:
    """Read a parquet table written by :func:`write_parquet`."""
    import pandas as pd

    return pd.read_parquet(path, engine="pyarrow")


def write_csv(table: pd.DataFrame, path: str | Path) -> None:
    """Write a CSV with ``\\n`` line endings, UTF-8, full float precision, no index."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def read_csv(path: str | Path) -> pd.DataFrame:
    """Read a CSV written by :func:`write_csv`; identifiers stay strings."""
    import pandas as pd

    return pd.read_csv(path, encoding="utf-8", dtype={"transcript": str, "participant_id": str, "group": str})
