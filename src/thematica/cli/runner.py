"""``thematica run``: the pipeline on exactly the studies of one config, with a terminal a person can read.

Snakemake runs as a child process with the default profile; everything it prints goes to
``logs/run/<config name>.log`` (``--verbose`` also shows it). The terminal gets, instead:

- the studies and the number of steps, then one line per stage as it starts for a study
  (``[ 12/140] topics  my_study``), from Snakemake's own "rule ..." and "N of M steps" lines;
- inside the long steps (spaCy's scan and sentences, the embedding, the stability refits), a progress bar
  on an interactive terminal, from the ``<what> i/n`` lines the step logs
  (:class:`thematica.support.runlog.ProgressLog`);
- when a step fails, its error once, as the last thing printed: the ``ERROR`` lines that
  :func:`thematica.support.runlog.step_logging` wrote to the step's log (a
  :class:`~thematica.errors.ThematicaError` names the file, line and fix), else the lines of Snakemake's
  own message, without its wrapper;
- after a run, the warnings of the config's studies by kind, with the logs that hold them, and where the
  results, the report and the manifest are. The report is built after a successful run.

Snakemake's output and the step logs are read by :mod:`thematica.cli.run_output`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from thematica.cli.run_output import (
    STAGES,
    RunProgress,
    collect_warnings,
    error_lines,
    progress_bar,
    stage_of,
)
from thematica.support.manifest import manifest_path, report_path, run_name


def pipeline_folder(workdir: Path) -> Path:
    """Where the Snakefile and the profiles are: ``workdir`` when it holds a Snakefile, else the checkout
    this package was installed from."""
    if (workdir / "Snakefile").is_file():
        return workdir
    return Path(__file__).resolve().parents[3]


def snakemake_command(
    config: Path,
    *,
    pipeline: Path | None = None,
    cores: str | None = None,
    dry_run: bool = False,
    extra: Iterable[str] = (),
) -> list[str]:
    """The Snakemake command of a run with ``config`` (the default profile, no colours); ``pipeline``: the
    folder of the Snakefile and profiles, when it is not the working directory."""
    snakemake = Path(sys.executable).parent / "snakemake"
    command = [str(snakemake) if snakemake.exists() else "snakemake"]
    if pipeline is None:
        command += ["--profile", "workflow/profiles/default"]
    else:
        command += ["--snakefile", str(pipeline / "Snakefile")]
        command += ["--profile", str(pipeline / "workflow" / "profiles" / "default")]
    command += ["--configfile", str(config), "--nocolor"]
    if cores:
        command += ["--cores", str(cores)]
    if dry_run:
        command += ["--dry-run"]
    return [*command, *extra]


def run_environment() -> dict[str, str]:
    """The environment the Makefile gives every run: offline, no display, fixed hash seed."""
    return {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "MPLBACKEND": "agg",
        "PYTHONHASHSEED": "0",
    }


def _stream(command: list[str], workdir: Path, log_file, on_line: Callable[[str], None]) -> int:
    process = subprocess.Popen(
        command,
        cwd=workdir,
        env=run_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        bufsize=1,
    )
    assert process.stdout is not None
    for line in process.stdout:
        log_file.write(line)
        log_file.flush()
        on_line(line)
    return process.wait()


def run(
    config: str | Path,
    *,
    workdir: str | Path = ".",
    cores: str | None = None,
    dry_run: bool = False,
    verbose: bool = False,
    report: bool = True,
    extra: Iterable[str] = (),
    out=None,
) -> int:
    """Run the pipeline on exactly the studies of ``config``, then build its report.

    Parameters
    ----------
    config
        The run's config file (its ``studies`` are the studies run; other keys default to
        ``config/config.yaml``).
    workdir
        The pipeline's folder (where the Snakefile is).
    cores, dry_run, extra
        Snakemake's ``--cores`` (the profile's ``all`` by default), ``--dry-run``, further arguments.
    verbose
        Also print Snakemake's own output.
    report
        Build the HTML report after a successful run.
    out
        Where to print (default stdout).

    Returns
    -------
    int
        Snakemake's exit status.
    """
    out = out or sys.stdout
    workdir = Path(workdir).resolve()
    config = Path(config).resolve()
    name = run_name(config) or "config"
    log_path = workdir / "logs" / "run" / f"{name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    progress = RunProgress()
    interactive = bool(getattr(out, "isatty", lambda: False)()) and not verbose and not dry_run
    bar = {"open": False}

    def say(text: str = "") -> None:
        if bar["open"]:  # a progress bar is drawn on the last line: clear it first
            out.write("\r\033[K")
            bar["open"] = False
        out.write(text + "\n")
        out.flush()

    def on_line(line: str) -> None:
        if verbose:
            out.write(line)
        drawn = progress_bar(line)
        if drawn is not None:  # a long step's progress: a bar on an interactive terminal, else nothing
            if interactive:
                out.write("\r\033[K" + drawn)
                out.flush()
                bar["open"] = True
            return
        for shown in progress.feed(line):
            if not verbose and not dry_run:
                say(shown)

    started = time.monotonic()
    pipeline = pipeline_folder(workdir)
    pipeline = None if pipeline == workdir else pipeline
    command = snakemake_command(config, pipeline=pipeline, cores=cores, dry_run=dry_run, extra=extra)
    with open(log_path, "w", encoding="utf-8") as log_file:
        log_file.write("$ " + " ".join(command) + "\n")
        code = _stream(command, workdir, log_file, on_line)
        if code == 0 and report and not dry_run:
            say("building the report")
            report_command = snakemake_command(
                config, pipeline=pipeline, cores=cores, extra=["--report", report_path(config)]
            )
            log_file.write("$ " + " ".join(report_command) + "\n")
            code = _stream(
                report_command, workdir, log_file, lambda line: out.write(line) if verbose else None
            )
    relative_log = log_path.relative_to(workdir)
    if dry_run and code == 0:
        _dry_run_summary(progress, say)
        say(f"Snakemake's output: {relative_log}")
        return code
    if code != 0:
        say("")
        say(f"stopped after {progress.done} of {progress.total} steps; Snakemake's output: {relative_log}")
        for line in error_lines(progress, workdir):
            say(line if line.startswith((" ", "\t")) else f"ERROR: {line}")
        return code
    studies = progress.studies or _config_studies(config, workdir)
    _summary(progress, studies, config, workdir, relative_log, time.monotonic() - started, say)
    return code


def _config_studies(config: Path, workdir: Path) -> list[str]:
    from thematica.cli.check import read_run_config

    try:
        return list(read_run_config(config, workdir)["studies"])
    except Exception:  # noqa: BLE001 - only for the summary
        return []


def _dry_run_summary(progress: RunProgress, say) -> None:
    if not progress.planned:
        say("nothing to do: every output is up to date")
        return
    order = {stage: i for i, stage in enumerate(dict.fromkeys(STAGES.values()))}
    stages: dict[str, int] = defaultdict(int)
    for rule, count in sorted(
        progress.planned.items(), key=lambda kv: order.get(stage_of(kv[0]), len(order))
    ):
        if rule != "all":
            stages[stage_of(rule)] += count
    total = sum(stages.values())
    say(f"would run {total} steps for {', '.join(progress.studies) or 'no study'}:")
    for stage, count in stages.items():
        say(f"  {count:>4}  {stage}")


def _summary(progress, studies, config, workdir, relative_log, seconds, say) -> None:
    warnings = collect_warnings(studies, workdir)
    say("")
    if progress.total:
        say(f"done: {progress.done} of {progress.total} steps in {seconds:.0f} s")
    else:
        say("done: every output was up to date")
    if warnings:
        count = sum(len(m) for files in warnings.values() for m in files.values())
        say(f"{count} warning(s):")
        for kind, files in warnings.items():
            n = sum(len(m) for m in files.values())
            say(f"  {kind}: {n}, in {', '.join(files)}")
            first = next(iter(files.values()))[0]
            say(f"    e.g. {first}")
    else:
        say("no warnings")
    for study in studies:
        say(f"results of {study}: results/{study}/ (tables, figures, qa/), data/processed/{study}/")
    say(f"report: {report_path(config)}")
    say(f"manifest: {manifest_path(config)}")
    say(f"Snakemake's output: {relative_log}")
