"""The ``thematica`` command: start, check and run a study.

::

    thematica init STUDY_DIR --from TRANSCRIPTS   # a study folder and its run config from your transcripts
    thematica check STUDY_DIR | CONFIG            # every problem at once, in seconds; exit 1 if any
    thematica run CONFIG                          # exactly the config's studies, then the report

Run it in the pipeline's folder (where the Snakefile is); ``.venv/bin/thematica`` after ``make install``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from thematica.errors import ThematicaError


def _workdir(given: str | None) -> Path:
    """The pipeline's folder: ``--workdir``, else the current folder or one above it holding the Snakefile,
    else the source checkout this package was installed from."""
    if given:
        return Path(given)
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "Snakefile").is_file() and (folder / "workflow" / "rules").is_dir():
            return folder
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "Snakefile").is_file():
        return checkout
    raise ThematicaError("no Snakefile here or above; run thematica in the pipeline's folder", path=here)


def _print_problems(report, out) -> None:
    for warning in report.warnings:
        out.write(f"warning: {warning}\n")
    for error in report.errors:
        out.write(f"error: {error}\n")


def cmd_init(args, out) -> int:
    from thematica.cli.scaffold import init_study

    workdir = _workdir(args.workdir)
    report = init_study(
        args.study_dir,
        args.source,
        name=args.name,
        config=args.config,
        workdir=workdir,
        scan=not args.no_scan,
    )
    out.write(f"{report.study_dir}: {len(report.transcripts)} transcript(s) copied to transcripts/\n")
    labels = ", ".join(f"{label} ({n})" for label, n in report.labels.most_common(12)) or "none found"
    out.write(f"  speaker labels (transcripts): {labels}\n")
    out.write(f"  proposed interviewer labels: {', '.join(report.interviewer_labels) or 'none: set them'}\n")
    out.write("  wrote study.yaml, participants.csv (fill in the group column)")
    out.write(", deid_allowlist.suggested.txt (review it)\n" if not args.no_scan else "\n")
    for path in report.skipped:
        out.write(f"  skipped (not a transcript): {path}\n")
    for problem in report.problems:
        out.write(f"  problem: {problem}\n")
    config = report.config or args.config or f"{report.name}.yaml"
    if report.config:
        out.write(f"  wrote the run config {report.config}\n")
    out.write("next:\n")
    out.write(f"  1. edit {report.study_dir}/study.yaml (groups, interviewer labels) and participants.csv\n")
    out.write(f"  2. thematica check {report.study_dir}\n")
    out.write(f"  3. thematica run {config}\n")
    return 0


def cmd_check(args, out) -> int:
    from thematica.cli.check import check_config_file, check_study

    target = Path(args.target)
    workdir = _workdir(args.workdir) if target.is_file() else Path(args.workdir or ".")
    if target.is_file():
        report = check_config_file(target, workdir=workdir)
    else:
        report = check_study(target)
    _print_problems(report, out)
    checked = ", ".join(f"{name} ({n} transcripts)" for name, n in report.studies.items()) or str(target)
    if report.errors:
        out.write(f"{len(report.errors)} problem(s), {len(report.warnings)} warning(s) in {checked}\n")
        return 1
    out.write(f"ok: {checked}, {len(report.warnings)} warning(s)\n")
    return 0


def cmd_run(args, out) -> int:
    from thematica.cli.check import check_config_file
    from thematica.cli.runner import run

    workdir = _workdir(args.workdir)
    config = Path(args.config)
    if not config.is_absolute() and not config.is_file():
        config = workdir / config
    if not args.no_check:  # the study folders' problems, all at once, before Snakemake starts
        report = check_config_file(config, workdir=workdir)
        _print_problems(report, out)
        if report.errors:
            out.write(f"{len(report.errors)} problem(s); nothing was run\n")
            return 1
    return run(
        config,
        workdir=workdir,
        cores=args.cores,
        dry_run=args.dry_run,
        verbose=args.verbose,
        report=not args.no_report,
        extra=args.snakemake_args,
        out=out,
    )


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="thematica", description=__doc__.split("\n\n")[0])
    main.add_argument("--workdir", help="the pipeline's folder (default: the one holding the Snakefile)")
    sub = main.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", help="make a study folder from a folder of transcripts")
    init.add_argument("study_dir", help="the study folder to create (e.g. data/raw/my_study)")
    init.add_argument("--from", dest="source", required=True, help="the folder holding your transcripts")
    init.add_argument("--name", help="the study's name (default: the folder's name)")
    init.add_argument(
        "--config", help="the run config to write (default: <name>.yaml in the pipeline's folder)"
    )
    init.add_argument(
        "--no-scan", action="store_true", help="skip the deidentification scan (no suggestions)"
    )

    check = sub.add_parser("check", help="report every problem of a study folder or a config's studies")
    check.add_argument("target", help="a study folder, or a config file (checks each study it lists)")

    run = sub.add_parser("run", help="run the pipeline on exactly the studies of a config, then the report")
    run.add_argument(
        "config", help="the config file (e.g. my_study.yaml, or config/config.yaml for the demo)"
    )
    run.add_argument("--cores", "-c", help="cores to use (default: all)")
    run.add_argument("--dry-run", "-n", action="store_true", help="list the steps that would run")
    run.add_argument("--verbose", "-v", action="store_true", help="also show Snakemake's own output")
    run.add_argument("--no-report", action="store_true", help="skip the HTML report")
    run.add_argument("--no-check", action="store_true", help="skip the check of the study folders")
    run.add_argument("snakemake_args", nargs="*", help="further Snakemake arguments, after --")
    return main


def main(argv: list[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    args = parser().parse_args(argv)
    # the library's warnings reach the user through the commands' own reports
    logging.getLogger("thematica").addHandler(logging.NullHandler())
    logging.getLogger("thematica").propagate = False
    try:
        return {"init": cmd_init, "check": cmd_check, "run": cmd_run}[args.command](args, out)
    except ThematicaError as exc:
        out.write(f"error: {exc}\n")
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
