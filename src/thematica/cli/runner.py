"""``thematica run``: the pipeline on exactly the studies of one config, with a terminal a person can read.

Snakemake runs as a child process with the default profile; everything it prints goes to
``logs/run/<config name>.log`` (``--verbose`` also shows it). The terminal gets, instead:

- the studies and the number of steps, then one line per stage as it starts for a study
  (``[ 12/140] topics  my_study``), from Snakemake's own "rule ..." and "N of M steps" lines;
- inside the long steps (spaCy's scan and sentences, the embedding, the stability refits), a progress bar
  on an interactive terminal, from the ``<what> i/n`` lines the step logs
  (:class:`thematica.support.runlog.ProgressLog`);
- when a step fails, its error once, as the last thing printed: the ``ERROR`` lines that
  :func:`thematica.support.runlog.step_logging` wrote to the step's log (a :class:`~thematica.errors.ThematicaError`
  names the file, line and fix), else the lines of Snakemake's own message, without its wrapper;
- after a run, the warnings of the config's studies by kind, with the logs that hold them, and where the
  results, the report and the manifest are. The report is built after a successful run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from thematica.support.manifest import manifest_path, report_path, run_name

#: Rule name -> the stage it belongs to, as printed (a rule not listed is its own stage).
STAGES = {
    "ingest": "read transcripts",
    "deid_entities": "deidentification scan",
    "deid_scan": "deidentification scan",
    "deid": "deidentification gate",
    "segment": "segments",
    "speakers": "segments",
    "onnx_model": "embedding model",
    "embed": "embeddings",
    "jit_cache": "topic model set-up",
    "topics": "candidate themes",
    "topic_refits": "candidate themes",
    "topic_stability": "candidate themes",
    "export_topics": "candidate themes",
    "topic_recovery": "candidate themes",
    "codebook": "human codes",
    "import_codes": "human codes",
    "align_codes": "human codes",
    "merge_codes": "human codes",
    "reconcile_codes": "human codes",
    "code_keywords": "crosswalk",
    "crosswalk": "crosswalk",
    "reliability": "reliability",
    "saturation": "saturation",
    "compare": "group comparison",
    "manifest": "manifest",
}

_RULE = re.compile(r"^(?:local)?(?:checkpoint|rule) (?P<rule>\w+):\s*$")
#: A long step's progress line (:class:`thematica.support.runlog.ProgressLog`), as its standard error passes it on.
_PROGRESS = re.compile(r"^INFO thematica\.progress: (?P<what>.+) (?P<done>\d+)/(?P<total>\d+)\s*$")
_WILDCARDS = re.compile(r"^\s+wildcards: (?P<wildcards>.*)$")
_STEPS = re.compile(r"^(?P<done>\d+) of (?P<total>\d+) steps \(\d+%\) done")
_ERROR_RULE = re.compile(r"^Error in rule (?P<rule>\w+):")
_LOG = re.compile(r"^\s+log: (?P<logs>.*?)(?: \(check log file\(s\) for error details\))?\s*$")
_JOBS = re.compile(r"^(?P<rule>\w+)\s+(?P<count>\d+)\s*$")
_LOG_LINE = re.compile(r"^(?P<level>WARNING|ERROR) (?P<logger>[\w.]+): (?P<message>.*)$")
_NOISE = (
    "Shutting down, this might take some time.",
    "Exiting because a job execution failed. Look below for error messages",
    "Complete log(s):",
    "Storing output in storage.",
    "Will exit after finishing currently running jobs (scheduler).",
)


def stage_of(rule: str) -> str:
    """The stage a rule belongs to (figure rules: ``figures``; release rules: ``release bundle``).

    Examples
    --------
    >>> stage_of("embed"), stage_of("figure_saturation"), stage_of("release_copy")
    ('embeddings', 'figures', 'release bundle')
    """
    if rule.startswith("figure_"):
        return "figures"
    if rule.startswith("release_"):
        return "release bundle"
    return STAGES.get(rule, rule.replace("_", " "))


@dataclass
class RunProgress:
    """What a Snakemake log says so far: steps, stages started, failed jobs and their logs.

    :meth:`feed` takes Snakemake's output line by line and returns the lines to show (stage starts).
    """

    total: int = 0
    done: int = 0
    studies: list[str] = field(default_factory=list)
    planned: dict[str, int] = field(default_factory=dict)
    failed: list[tuple[str, list[str]]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    _rule: str | None = None
    _error: bool = False
    _seen: set = field(default_factory=set)
    _in_stats: bool = False

    def feed(self, line: str) -> list[str]:
        line = line.rstrip("\n")
        shown: list[str] = []
        if line.startswith("Job stats:"):
            self._in_stats = True
            return shown
        if self._in_stats:
            match = _JOBS.match(line)
            if match and match["rule"] not in ("job", "total"):
                self.planned[match["rule"]] = int(match["count"])
            elif match and match["rule"] == "total":
                self.total = self.total or int(match["count"])
                self._in_stats = False
            elif not line.strip():
                self._in_stats = bool(not self.planned)
            return shown
        match = _ERROR_RULE.match(line)
        if match:
            self._rule, self._error = match["rule"], True
            self.failed.append((match["rule"], []))
            return shown
        match = _RULE.match(line)
        if match:
            self._rule, self._error = match["rule"], False
            return shown
        match = _LOG.match(line)
        if match and self._error and self.failed:
            self.failed[-1][1].extend(p.strip() for p in match["logs"].split(",") if p.strip())
            return shown
        match = _WILDCARDS.match(line)
        if match and self._rule and not self._error:
            study = dict(part.split("=", 1) for part in match["wildcards"].split(", ") if "=" in part).get(
                "study", ""
            )
            if study and study not in self.studies:
                self.studies.append(study)
            shown += self._start(self._rule, study)
            return shown
        match = _STEPS.match(line)
        if match:
            self.done, self.total = int(match["done"]), int(match["total"])
            return shown
        if line.startswith("    jobid:") and self._rule and not self._error:
            # a job without wildcards (the model export, the manifest): its jobid line comes last
            if self._rule in ("onnx_model", "jit_cache", "manifest", "figure_perspectives"):
                shown += self._start(self._rule, "")
            return shown
        if not line.startswith(" ") and line.strip():
            self.messages.append(line)
        return shown

    def _start(self, rule: str, study: str) -> list[str]:
        stage = stage_of(rule)
        if (stage, study) in self._seen:
            return []
        self._seen.add((stage, study))
        width = len(str(self.total or 0))
        count = f"[{self.done:>{width}}/{self.total}]" if self.total else "[...]"
        where = study or ("all studies" if rule == "figure_perspectives" else "")
        return [f"{count} {stage}" + (f": {where}" if where else "")]


def progress_bar(line: str, width: int = 30) -> str | None:
    """The bar to draw for a long step's progress line, or None for any other line.

    Examples
    --------
    >>> progress_bar("INFO thematica.progress: transcripts embedded 21/42", width=10)
    '      [#####.....] 21/42 transcripts embedded'
    >>> progress_bar("rule embed:") is None
    True
    """
    match = _PROGRESS.match(line.rstrip("\n"))
    if not match:
        return None
    done, total = int(match["done"]), max(1, int(match["total"]))
    filled = round(width * min(done, total) / total)
    return f"      [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {match['what']}"


def error_lines(progress: RunProgress, workdir: Path) -> list[str]:
    """The error of a failed run, once: each failed step's ERROR log lines, else Snakemake's own message."""
    lines: list[str] = []
    for rule, logs in progress.failed:
        found = []
        for log in logs:
            path = workdir / log
            if path.is_file():
                found += _log_errors(path.read_text(encoding="utf-8", errors="replace").splitlines(), log)
        lines += found or [f"step '{rule}' failed; its log: {', '.join(logs) or '(none)'}"]
    if lines:
        return list(dict.fromkeys(lines))
    # an error while Snakemake reads the workflow (a study folder's problem, the config): its message
    kept = [m for m in progress.messages if not m.startswith(_NOISE) and not _is_banner(m)]
    for i, message in enumerate(kept):
        match = re.match(r"^(?:\w+Error|\w+Exception)(?: in file .*)?:?\s*(?P<rest>.*)$", message)
        if match:
            rest = [match["rest"]] if match["rest"] else []
            return [line for line in rest + kept[i + 1 :] if not line.startswith("  File ")] or [message]
    return kept[-3:] or ["Snakemake failed; see its output in the run log"]


_BANNER = re.compile(
    r"^(Using profile|Assuming unrestricted|Building DAG|Provided cores|Rules claiming|Select jobs|"
    r"Execute \d+ jobs|\[\w{3} \w{3}|Finished jobid|Nothing to be done|Job stats|Complete log|host:|"
    r"Config file|Job \d+|Removing output|Touching output|Waiting at most|Reasons:|This was a dry-run|"
    r"Conda environment|Activating|Checking)"
)


def _log_errors(lines: list[str], log: str, most: int = 20) -> list[str]:
    """A step log's ERROR messages, each with the indented lines that continue it (at most ``most``)."""
    found: list[str] = []
    extra = 0
    in_error = False
    for text in lines:
        match = _LOG_LINE.match(text)
        if match:
            in_error = match["level"] == "ERROR"
            if in_error:
                found.append(match["message"])
        elif in_error and text.startswith((" ", "\t")) and text.strip():
            if len(found) < most:
                found.append(text.rstrip())
            else:
                extra += 1
        else:
            in_error = False
    if extra:
        found.append(f"  ... and {extra} more lines in {log}")
    return found


def _is_banner(line: str) -> bool:
    return bool(_BANNER.match(line))


def collect_warnings(studies: Iterable[str], workdir: Path) -> dict[str, dict[str, list[str]]]:
    """WARNING lines of the studies' step logs (``logs/<study>/**/*.log``), by kind (the module that
    warned): kind -> log file -> messages."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for study in studies:
        for path in sorted((workdir / "logs" / study).rglob("*.log")):
            for text in path.read_text(encoding="utf-8", errors="replace").splitlines():
                match = _LOG_LINE.match(text)
                if match and match["level"] == "WARNING":
                    kind = match["logger"].removeprefix("thematica.")
                    found[kind][str(path.relative_to(workdir))].append(match["message"])
    return {kind: dict(files) for kind, files in sorted(found.items())}


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
