"""A config given on the command line runs exactly its studies, with its own manifest and report."""

import io
import subprocess
from pathlib import Path

import yaml

from tests.workflow.conftest import REPO, SNAKEMAKE, small_study
from thematica.cli.main import main


def _workdir(tmp_path: Path, demo_raw: Path) -> Path:
    """A work folder laid out as the repository: config/config.yaml lists two studies (the default)."""
    work = tmp_path / "work"
    alpha = small_study(
        demo_raw / "demo_physicians", work / "studies" / "alpha", ["interview_01", "interview_02"]
    )
    beta = small_study(
        demo_raw / "demo_alliance", work / "studies" / "beta", ["interview_02", "interview_06"]
    )
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text())
    config["studies"] = {"alpha": str(alpha), "beta": str(beta)}
    (work / "config").mkdir()
    (work / "config" / "config.yaml").write_text(yaml.safe_dump(config))
    # the user's config: only the study and one changed key; everything else from config/config.yaml
    (work / "mine.yaml").write_text(f"studies:\n  beta: {beta}\nsegment:\n  min_words: 4\n")
    return work


def _dry_run(work: Path, config: str) -> str:
    command = [
        str(SNAKEMAKE), "--snakefile", str(REPO / "Snakefile"), "--directory", str(work),
        "--configfile", config, "--cores", "1", "--nocolor", "--dry-run",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, cwd=work)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_a_users_config_runs_only_its_studies(tmp_path, demo_raw):
    work = _workdir(tmp_path, demo_raw)
    mine = _dry_run(work, str(work / "mine.yaml"))
    assert "study=beta" in mine
    assert "alpha" not in mine  # the default config's studies are not added to the user's
    assert "results/mine/manifest.json" in mine and "results/manifest.json" not in mine
    default = _dry_run(work, "config/config.yaml")
    assert "study=alpha" in default and "study=beta" in default
    assert "results/manifest.json" in default and "results/mine/" not in default


def test_thematica_run_dry_run_lists_the_users_study(tmp_path, demo_raw):
    work = _workdir(tmp_path, demo_raw)
    out = io.StringIO()
    code = main(
        ["--workdir", str(work), "run", str(work / "mine.yaml"), "--dry-run", "--cores", "1"], out=out
    )
    text = out.getvalue()
    assert code == 0, text + (work / "logs" / "run" / "mine.log").read_text()
    assert "for beta:" in text and "alpha" not in text
    assert "read transcripts" in text and "manifest" in text
    assert (work / "logs" / "run" / "mine.log").is_file()
