"""thematica run: progress from Snakemake's output, the error once, warnings by kind."""

import io
from pathlib import Path

from thematica.cli.runner import RunProgress, collect_warnings, error_lines, stage_of

LOG = """Using profile workflow/profiles/default for setting default command line arguments.
Building DAG of jobs...
Job stats:
job                       count
----------------------  -------
ingest                        1
embed                         1
figure_saturation             1
all                           1
total                         4

Select jobs to execute...

[Sun Dec  6 06:49:45 2026]
localrule ingest:
    input: data/raw/mine/transcripts/a.txt
    output: data/processed/mine/source_text
    log: logs/mine/ingest.log
    jobid: 3
    wildcards: study=mine
    resources: tmpdir=/tmp

[Sun Dec  6 06:49:47 2026]
Finished jobid: 3 (Rule: ingest)
1 of 4 steps (25%) done

[Sun Dec  6 06:49:48 2026]
rule embed:
    input: data/processed/mine/segments.parquet
    log: logs/mine/embed.log
    jobid: 2
    wildcards: study=mine
[Sun Dec  6 06:49:50 2026]
Error in rule embed:
    message: None
    jobid: 2
    log: logs/mine/embed.log (check log file(s) for error details)
RuleException:
CalledProcessError in file "/x/workflow/rules/embed.smk", line 40:
Command 'set -euo pipefail;  python script.py' returned non-zero exit status 1.
Shutting down, this might take some time.
Exiting because a job execution failed. Look below for error messages
"""


def test_progress_shows_each_stage_once_with_steps(tmp_path):
    progress = RunProgress()
    shown = [line for text in LOG.splitlines() for line in progress.feed(text)]
    assert shown == ["[0/4] read transcripts: mine", "[1/4] embeddings: mine"]
    assert progress.planned == {"ingest": 1, "embed": 1, "figure_saturation": 1, "all": 1}
    assert progress.studies == ["mine"]
    assert progress.failed == [("embed", ["logs/mine/embed.log"])]


def test_the_error_is_the_steps_own_message(tmp_path):
    progress = RunProgress()
    for text in LOG.splitlines():
        progress.feed(text)
    log = tmp_path / "logs" / "mine" / "embed.log"
    log.parent.mkdir(parents=True)
    log.write_text(
        "INFO thematica.embed.model: loading\nERROR thematica: 2 transcripts cannot be read\n  a.txt: empty\n"
        "INFO thematica: done\n",
        encoding="utf-8",
    )
    assert error_lines(progress, tmp_path) == ["2 transcripts cannot be read", "  a.txt: empty"]


def test_an_error_while_reading_the_workflow_loses_the_wrapper(tmp_path):
    progress = RunProgress()
    text = (
        "Using profile workflow/profiles/default for setting default command line arguments.\n"
        'ThematicaError in file "/x/workflow/rules/common.smk", line 27:\n'
        "data/raw/mine/participants.csv, line 4: unknown group 'x'; study.yaml allows ['a', 'b']\n"
        '  File "/x/workflow/rules/common.smk", line 27, in <module>\n'
    )
    for line in text.splitlines():
        progress.feed(line)
    assert error_lines(progress, tmp_path) == [
        "data/raw/mine/participants.csv, line 4: unknown group 'x'; study.yaml allows ['a', 'b']"
    ]


def test_warnings_by_kind_with_their_files(tmp_path):
    logs = tmp_path / "logs" / "mine"
    (logs / "deid").mkdir(parents=True)
    (logs / "segment.log").write_text(
        "INFO thematica.segment.sentences: 3 turns\n"
        "WARNING thematica.ingest.speakers: a.txt, line 2: unknown label 'X'\n"
        "WARNING thematica.ingest.speakers: b.txt, line 9: unknown label 'Y'\n",
        encoding="utf-8",
    )
    (logs / "deid" / "scan.log").write_text("WARNING thematica.deid.study: 2 allowlisted\n", encoding="utf-8")
    (tmp_path / "logs" / "other").mkdir()
    (tmp_path / "logs" / "other" / "x.log").write_text("WARNING thematica.x: not this study\n")
    assert collect_warnings(["mine"], Path(tmp_path)) == {
        "deid.study": {"logs/mine/deid/scan.log": ["2 allowlisted"]},
        "ingest.speakers": {
            "logs/mine/segment.log": ["a.txt, line 2: unknown label 'X'", "b.txt, line 9: unknown label 'Y'"]
        },
    }


def test_stages():
    assert [stage_of(r) for r in ("deid_entities", "topic_refits", "figure_compare", "release_index")] == [
        "deidentification scan",
        "candidate themes",
        "figures",
        "release bundle",
    ]


class _Terminal:
    """An interactive terminal for run(): it records what is written."""

    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass

    def isatty(self):
        return True


def test_long_steps_draw_a_progress_bar_on_a_terminal(tmp_path, monkeypatch):
    import thematica.cli.runner as runner

    (tmp_path / "Snakefile").write_text("")
    config = tmp_path / "mine.yaml"
    config.write_text("studies: {}\n")
    lines = LOG.split("Finished jobid: 3")[0].splitlines(keepends=True) + [
        "INFO thematica.progress: transcripts embedded 1/4\n",
        "INFO thematica.progress: transcripts embedded 4/4\n",
        "Finished jobid: 3 (Rule: ingest)\n",
        "4 of 4 steps (100%) done\n",
    ]

    def fake_stream(command, workdir, log_file, on_line):
        for line in lines if "--report" not in command else []:
            on_line(line)
        return 0

    monkeypatch.setattr(runner, "_stream", fake_stream)
    terminal = _Terminal()
    assert runner.run(config, workdir=tmp_path, out=terminal) == 0
    text = terminal.text
    assert "\r\x1b[K      [########......................] 1/4 transcripts embedded" in text
    assert (
        "[##############################] 4/4 transcripts embedded\r\x1b[K" in text
    )  # cleared before the next line
    assert "INFO thematica.progress" not in text

    plain = io.StringIO()  # not a terminal (a log, CI): no bar at all
    assert runner.run(config, workdir=tmp_path, out=plain) == 0
    assert "transcripts embedded" not in plain.getvalue() and "read transcripts" in plain.getvalue()


def test_map_in_processes_logs_progress_as_items_finish(caplog):
    import logging

    from thematica.support.workers import map_in_processes

    caplog.set_level(logging.INFO, logger="thematica.progress")
    assert map_in_processes(str.upper, ["a", "b", "c"], processes=1, progress="letters") == ["A", "B", "C"]
    assert [r.getMessage() for r in caplog.records if r.name == "thematica.progress"] == [
        "letters 1/3",
        "letters 2/3",
        "letters 3/3",
    ]
