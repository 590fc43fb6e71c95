"""Rebuilding from release bundles: where a rebuild may run, and each rebuilt output against the SHA-256
its bundle recorded, with what differs from the original run."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from thematica.errors import ThematicaError
from thematica.support.manifest import file_sha256, package_versions

if TYPE_CHECKING:
    import pandas as pd


def check_rebuild_workdir(studies: Iterable[str], root: str | Path = ".") -> None:
    """Refuse to rebuild from bundles where a full run of a study lives (its canonical texts are there):
    restoring the bundle's text-free segments table would overwrite that run's.

    Raises
    ------
    ThematicaError
        Naming the folder and where to rebuild instead.
    """
    for name in studies:
        folder = Path(root) / "data" / "processed" / name / "text"
        if folder.is_dir():
            raise ThematicaError(
                f"this working directory holds a full run of study {name!r}; rebuilding from release bundles "
                "here would overwrite its tables: rebuild in another directory (make from-release uses "
                "build/from-release)",
                path=folder,
            )


def compare_rebuild(manifest_path: str | Path, root: str | Path = ".") -> pd.DataFrame:
    """Every output a bundle recorded against the rebuilt file under ``root``.

    Returns
    -------
    pandas.DataFrame
        ``path, recorded_sha256, rebuilt_sha256, identical`` (``rebuilt_sha256`` empty when missing).
    """
    import pandas as pd

    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    rows = []
    for rel, expected in sorted(manifest["outputs"].items()):
        path = Path(root) / rel
        rebuilt = file_sha256(path) if path.is_file() else ""
        rows.append((rel, expected, rebuilt, rebuilt == expected))
    return pd.DataFrame(rows, columns=["path", "recorded_sha256", "rebuilt_sha256", "identical"])


def _flat(value, prefix: str = "") -> dict[str, object]:
    if isinstance(value, Mapping):
        out: dict[str, object] = {}
        for key, item in value.items():
            out.update(_flat(item, f"{prefix}{key}."))
        return out
    return {prefix.rstrip("."): value}


def rebuild_differences(manifest: dict, config: dict) -> list[str]:
    """What differs between the original run (as the bundle recorded it) and this one: config keys other
    than ``studies`` and ``release``, and package versions."""
    skip = ("studies", "release")
    old = {k: v for k, v in _flat(manifest.get("config", {})).items() if not k.startswith(skip)}
    new = {k: v for k, v in _flat(config).items() if not k.startswith(skip)}
    notes = [
        f"{k}: {old.get(k)!r} -> {new.get(k)!r}"
        for k in sorted(set(old) | set(new))
        if old.get(k) != new.get(k)
    ]
    current = package_versions()
    notes += [
        f"{name} {version} -> {current.get(name)}"
        for name, version in sorted(manifest.get("packages", {}).items())
        if current.get(name) != version
    ]
    return notes
