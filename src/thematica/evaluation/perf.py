"""Measuring the pipeline: import cost of workflow scripts, heavy modules, Snakemake benchmark files.

Used by ``benchmarks/bench_perf.py`` (``make bench``) and by the tests that keep heavy libraries out of
the light rules. Nothing here imports snakemake.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

HEAVY_MODULES: tuple[str, ...] = ("torch", "bertopic", "sentence_transformers", "umap", "hdbscan")
"""Modules a light rule must never import: together they cost seconds and hundreds of MB per process."""

_PROBE = """
import json, resource, sys, time
_t0, _c0 = time.perf_counter(), time.process_time()
{body}
_wall, _cpu = time.perf_counter() - _t0, time.process_time() - _c0
print(json.dumps({{
    "import_s": _wall,
    "import_cpu_s": _cpu,
    "modules": len(sys.modules),
    "heavy": sorted(m for m in {heavy!r} if m in sys.modules),
    "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "listed": sorted(m for m in sys.modules if {prefix!r} and m.startswith({prefix!r})),
}}))
"""


def script_imports(path: str | Path) -> list[str]:
    """The module-level import statements of a workflow script, as source lines (snakemake excluded).

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "s.py"
    >>> source = "import os\\nfrom thematica.support.tables import read_csv\\n"
    >>> _ = f.write_text(source + "with x:\\n    import torch\\n")
    >>> script_imports(f)
    ['import os', 'from thematica.support.tables import read_csv']
    """
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    lines = []
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if any(n.split(".")[0] == "snakemake" for n in names):
                continue
            lines.append(ast.unparse(node))
    return lines


def import_profile(
    statements: Sequence[str],
    *,
    python: str | None = None,
    env: dict[str, str] | None = None,
    heavy: Sequence[str] = HEAVY_MODULES,
    list_prefix: str = "",
    timeout: float = 300.0,
) -> dict:
    """Run import statements in a fresh interpreter and report their cost.

    Parameters
    ----------
    statements
        Python import statements (:func:`script_imports`).
    python
        Interpreter; defaults to the running one.
    env
        Environment; defaults to the current one.
    heavy
        Module names to look for in ``sys.modules`` afterwards.
    list_prefix
        When given, the loaded modules whose names start with it are listed (``listed``).
    timeout
        Seconds before the probe is abandoned.

    Returns
    -------
    dict
        ``import_s`` (wall), ``import_cpu_s``, ``modules`` (count in ``sys.modules``), ``heavy`` (those of
        ``heavy`` that were imported), ``max_rss_mb``, ``listed`` and ``process_s`` (the whole interpreter,
        start to exit, wall).
    """
    import time

    code = _PROBE.format(body="\n".join(statements), heavy=tuple(heavy), prefix=list_prefix)
    start = time.perf_counter()
    done = subprocess.run(
        [python or sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"import probe failed: {done.stderr.strip().splitlines()[-1:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_s"] = elapsed
    return result


def profile_scripts(paths: Iterable[str | Path], **kwargs) -> pd.DataFrame:
    """:func:`import_profile` of every script's imports, one row per script (sorted by name).

    Returns
    -------
    pandas.DataFrame
        ``script, import_s, import_cpu_s, process_s, modules, max_rss_mb, heavy, listed`` (``heavy`` and
        ``listed`` joined by commas, empty when none).
    """
    rows = []
    for path in sorted(Path(p) for p in paths):
        row = import_profile(script_imports(path), **kwargs)
        rows.append(
            {"script": path.stem, **row, "heavy": ",".join(row["heavy"]), "listed": ",".join(row["listed"])}
        )
    columns = ["script", "import_s", "import_cpu_s", "process_s", "modules", "max_rss_mb", "heavy", "listed"]
    return pd.DataFrame(rows, columns=columns)


def heavy_imports_in_source(module_name: str, heavy: Sequence[str] = HEAVY_MODULES) -> list[str]:
    """Heavy packages a module imports anywhere in its source, also inside functions (found statically).

    Examples
    --------
    >>> heavy_imports_in_source("thematica.topics.model")
    ['bertopic', 'hdbscan', 'umap']
    >>> heavy_imports_in_source("thematica.support.tables")
    []
    """
    import importlib.util

    spec = importlib.util.find_spec(module_name)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return []
    found = set()
    for node in ast.walk(ast.parse(Path(spec.origin).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        found |= {n.split(".")[0] for n in names} & set(heavy)
    return sorted(found)


BENCHMARK_COLUMNS = {
    "s": "seconds",
    "max_rss": "max_rss_mb",
    "max_uss": "max_uss_mb",
    "cpu_time": "cpu_s",
    "mean_load": "mean_load",
}


def read_rule_benchmarks(
    folder: str | Path, transcripts: dict[str, Iterable[str]] | None = None
) -> pd.DataFrame:
    """Every Snakemake ``benchmark:`` file under ``folder``, one row per job.

    Files are laid out as ``<folder>/<study>/<stage>/<job>.tsv`` (or ``<folder>/<stage>/<job>.tsv``). A job
    named after a transcript (``interview_03``) or ending in one (``scan_interview_03``) is a per-transcript
    job of step ``<stage>`` (``deid/scan``); any other is a step of its own (``codes/align``).

    Parameters
    ----------
    folder
        The benchmark folder.
    transcripts
        Study -> its transcript ids, to recognise per-transcript jobs.

    Returns
    -------
    pandas.DataFrame
        ``path, study, step, job, seconds, cpu_s, max_rss_mb, max_uss_mb, mean_load``; empty when none.
    """
    folder = Path(folder)
    known = {study: set(ids) for study, ids in (transcripts or {}).items()}
    rows = []
    for path in sorted(folder.rglob("*.tsv")):
        table = pd.read_csv(path, sep="\t")
        if table.empty or "s" not in table:
            continue
        parts = path.relative_to(folder).with_suffix("").parts
        study = parts[0] if len(parts) >= 3 else ""
        stage, job = (parts[-2] if len(parts) >= 2 else "", parts[-1])
        step = f"{stage}/{job}"
        for transcript in known.get(study, ()):
            if job == transcript:
                step = stage
                break
            if job.endswith(f"_{transcript}"):
                step, job = f"{stage}/{job[: -len(transcript) - 1]}", transcript
                break
        last = table.iloc[-1]
        row = {"path": str(path.relative_to(folder)), "study": study, "step": step, "job": job}
        for source, name in BENCHMARK_COLUMNS.items():
            row[name] = (
                float(pd.to_numeric(last[source], errors="coerce")) if source in table else float("nan")
            )
        rows.append(row)
    columns = ["path", "study", "step", "job", *BENCHMARK_COLUMNS.values()]
    return pd.DataFrame(rows, columns=columns)


def summarise_rule_benchmarks(jobs: pd.DataFrame) -> pd.DataFrame:
    """Per step (over all studies): jobs, total and longest seconds, total CPU seconds, peak resident memory.

    Returns
    -------
    pandas.DataFrame
        ``step, jobs, total_s, max_s, cpu_s, max_rss_mb``, longest total first.
    """
    columns = ["step", "jobs", "total_s", "max_s", "cpu_s", "max_rss_mb"]
    if jobs.empty:
        return pd.DataFrame(columns=columns)
    table = jobs.groupby("step", sort=True).agg(
        jobs=("job", "size"),
        total_s=("seconds", "sum"),
        max_s=("seconds", "max"),
        cpu_s=("cpu_s", "sum"),
        max_rss_mb=("max_rss_mb", "max"),
    )
    table = table.reset_index()[columns]
    return table.sort_values(["total_s", "step"], ascending=[False, True], ignore_index=True)


def read_job_times(workdir: str | Path) -> pd.DataFrame:
    """Start and end of every job Snakemake recorded in ``<workdir>/.snakemake/metadata`` (one row per job).

    Snakemake writes one record per output file with the job's rule, hash and times; records of one job are
    merged.

    Returns
    -------
    pandas.DataFrame
        ``rule, job_hash, start, end, seconds``, by start time; empty when none.
    """
    rows = {}
    folder = Path(workdir) / ".snakemake" / "metadata"
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if record.get("incomplete") or record.get("starttime") is None or record.get("endtime") is None:
            continue
        key = (record.get("rule"), record.get("job_hash"))  # one record per output file of the job
        rows[key] = {
            "rule": record.get("rule"),
            "job_hash": record.get("job_hash"),
            "start": float(record["starttime"]),
            "end": float(record["endtime"]),
        }
    table = pd.DataFrame(list(rows.values()), columns=["rule", "job_hash", "start", "end"])
    table["seconds"] = table["end"] - table["start"]
    return table.sort_values(["start", "rule"], ignore_index=True)


def summarise_job_times(jobs: pd.DataFrame, since: float | None = None) -> pd.DataFrame:
    """Per rule: jobs, total and longest seconds (jobs that started at or after ``since`` only).

    Returns
    -------
    pandas.DataFrame
        ``rule, jobs, total_s, max_s``, longest total first.
    """
    columns = ["rule", "jobs", "total_s", "max_s"]
    if since is not None:
        jobs = jobs.loc[jobs["start"] >= since]
    if jobs.empty:
        return pd.DataFrame(columns=columns)
    table = jobs.groupby("rule", sort=True).agg(
        jobs=("job_hash", "size"), total_s=("seconds", "sum"), max_s=("seconds", "max")
    )
    table = table.reset_index()[columns]
    return table.sort_values(["total_s", "rule"], ascending=[False, True], ignore_index=True)
