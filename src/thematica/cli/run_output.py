"""What ``thematica run`` reads: Snakemake's output and the steps' logs.

- Snakemake's output, line by line (:class:`RunProgress`): the steps planned and done, the stage each
  rule belongs to (:func:`stage_of`), the stages started per study, the failed jobs and their logs;
- a long step's ``<what> i/n`` progress lines (:class:`thematica.support.runlog.ProgressLog`), drawn as a
  bar (:func:`progress_bar`);
- a failed run's error, once (:func:`error_lines`): the ``ERROR`` lines of the failed steps' logs, else
  Snakemake's own message without its wrapper;
- the ``WARNING`` lines of the studies' step logs, by the module that warned (:func:`collect_warnings`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

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
#: A long step's progress line (:class:`thematica.support.runlog.ProgressLog`), as its standard error
#: passes it on.
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
