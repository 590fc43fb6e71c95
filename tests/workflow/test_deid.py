"""The deidentification gate in the DAG: fail stops the run masked, warn goes on, redact leaks nothing."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pandas as pd
import pytest
import yaml

from tests.conftest import TRANSCRIPTS, make_study
from tests.workflow.conftest import run_snakemake, small_study, write_config

PLANTED_LINE = "P02: My sister Margaret Okonkwo told me about it, call her on 617-555-0134.\n"
#: Identifiers planted into a small copy of demo_alliance, one or more per transcript format.
PLANTS = {
    "interview_02.txt": (
        "P02: Honestly my supervisor, Margaret Okonkwo, pushed me to try it, and Dr. Feldman agreed. "
        "You can reach me at m.okonkwo@example.org or 617-555-0134. "
        "My MRN is 00482917, and the clinic is at 12 Baker Street, Springfield, IL 62704. "
        "I started on March 3, 2019, and my mother, who is 93 years old, uses it too.\n"
    ),
    "interview_01.vtt": (
        "\n146\n00:22:52.100 --> 00:22:58.000\n"
        "<v Rosalind Whitcombe>Sorry, that was me at the door, Margaret Okonkwo says hi.</v>\n"
    ),
    "interview_03.docx": (
        "P03: I moved from Springfield after Dr. Feldman retired, my chart number is 77310452."
    ),
}
SECRETS = [
    "Margaret",
    "Okonkwo",
    "Feldman",
    "Rosalind",
    "Whitcombe",
    "m.okonkwo@example.org",
    "617-555-0134",
    "00482917",
    "77310452",
    "Baker Street",
    "Springfield",
    "62704",
    "March 3, 2019",
    "93 years old",
]


def _tiny(tmp_path: Path, policy: str) -> Path:
    transcripts = {**TRANSCRIPTS, "int_02.txt": TRANSCRIPTS["int_02.txt"] + PLANTED_LINE}
    study = make_study(tmp_path / "raw" / "tiny", transcripts=transcripts)
    write_config(tmp_path, {"tiny": study}, deid={"policy": policy})
    return tmp_path


def test_planted_name_stops_the_run_with_a_masked_message(tmp_path):
    result = run_snakemake(_tiny(tmp_path, "fail"))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    head = next(x for x in output.splitlines() if "possible personal identifiers in 1 transcript" in x)
    assert head.endswith(
        "2 possible personal identifiers in 1 transcript; see results/tiny/qa/deid_report.csv"
    )
    lines = output.splitlines()
    assert sum(x.endswith("int_02.txt:3:16: name 'M******* *******'") for x in lines) == 1
    assert sum(x.endswith("int_02.txt:3:63: phone '6**-***-****'") for x in lines) == 1
    assert any("data/processed/tiny/deid/deid_allowlist.suggested.txt into" in x for x in lines)
    assert "Traceback (most recent call last)" not in output
    for secret in ("Margaret", "Okonkwo", "555-0134"):
        assert secret not in output
    # the report is written before the gate stops the run, and nothing downstream ran
    report = pd.read_csv(tmp_path / "results" / "tiny" / "qa" / "deid_report.csv")
    assert set(report.loc[report["status"] == "flagged", "kind"]) == {"name", "phone"}
    assert set(report.loc[report["status"] == "flagged", "action"]) == {"stop"}
    assert not (tmp_path / "data" / "processed" / "tiny" / "segments.parquet").exists()


def _plant(folder: Path) -> None:
    for name, text in PLANTS.items():
        path = folder / "transcripts" / name
        if name.endswith(".docx"):
            document = docx.Document(str(path))
            document.add_paragraph(text)
            document.save(str(path))
        else:
            with open(path, "a", encoding="utf-8", newline="") as handle:
                handle.write(text)


def _texts_under(root: Path, skip: str) -> dict[str, str]:
    """Every file's text under ``root`` (parquet tables decoded, zip archives such as .qdpx opened
    member by member), except folders named ``skip``.

    Figures are saved with their text as paths; their text comes from the tables scanned here.
    """
    out = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file() or skip in path.parts:
            continue
        if path.suffix == ".parquet":
            out[str(path)] = pd.read_parquet(path).astype(str).to_csv()
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    out[f"{path}:{member}"] = archive.read(member).decode("utf-8", errors="ignore")
        else:
            out[str(path)] = path.read_bytes().decode("utf-8", errors="ignore")
    return out


@pytest.fixture(scope="module")
def redacted_run(tmp_path_factory, demo_raw) -> Path:
    work = tmp_path_factory.mktemp("deid_redact")
    picks = ["interview_01", "interview_02", "interview_03"]  # .vtt, .txt, .docx
    study = small_study(demo_raw / "demo_alliance", work / "raw" / "demo_alliance", picks)
    assert (study / "deid_allowlist.txt").is_file()  # small_study copies the allowlist
    _plant(study)
    write_config(work, {"demo_alliance": study}, deid={"policy": "redact"})
    result = run_snakemake(work)
    assert result.returncode == 0, result.stderr[-4000:]
    return work


def test_redact_mode_leaks_no_planted_identifier(redacted_run):
    texts = {
        **_texts_under(redacted_run / "results", skip="source_text"),
        **_texts_under(redacted_run / "data" / "processed", skip="source_text"),
    }
    assert len(texts) > 10
    # the candidate themes' REFI-QDA project is read unzipped, its transcripts included
    assert any(path.endswith(".qdpx:project.qde") for path in texts)
    leaks = [(path, secret) for path, text in texts.items() for secret in SECRETS if secret in text]
    assert leaks == []
    # the unredacted source text is kept (codes are anchored on it), and does hold them
    source = (
        redacted_run / "data" / "processed" / "demo_alliance" / "source_text" / "interview_02.txt"
    ).read_text()
    assert "Okonkwo" in source


def test_redacted_text_is_consistent_and_reconciles(redacted_run):
    processed = redacted_run / "data" / "processed" / "demo_alliance"
    text = (processed / "text" / "interview_02.txt").read_text(encoding="utf-8")
    assert len(set(re.findall(r"\[PERSON_\d+\]", text))) >= 2
    turns = pd.read_parquet(processed / "turns.parquet")
    zoom = turns.loc[turns["transcript"] == "interview_01", "speaker"]
    assert any(re.fullmatch(r"PERSON_\d+", s) for s in zoom)  # a named Zoom speaker, pseudonymised
    ledger = pd.read_csv(redacted_run / "results" / "demo_alliance" / "qa" / "ledger.csv")
    assert ledger["reconciled"].all()
    report = pd.read_csv(redacted_run / "results" / "demo_alliance" / "qa" / "deid_report.csv")
    assert set(report.loc[report["status"] == "flagged", "action"]) == {"redact"}
    assert set(report["transcript"]) >= {"interview_01", "interview_02", "interview_03"}


def test_offset_map_moves_source_spans_onto_the_redacted_text(redacted_run):
    from thematica.deid.redact import map_span, read_offset_map

    processed = redacted_run / "data" / "processed" / "demo_alliance"
    source = (processed / "source_text" / "interview_02.txt").read_text(encoding="utf-8")
    text = (processed / "text" / "interview_02.txt").read_text(encoding="utf-8")
    offsets = read_offset_map(processed / "offsets" / "interview_02.parquet")
    phrase = "pushed me to try it"
    start = source.index(phrase)
    new_start, new_end = map_span(offsets, start, start + len(phrase))
    assert text[new_start:new_end] == phrase
    clean = read_offset_map(processed / "offsets" / "interview_03.parquet")
    assert not clean.empty  # the docx paragraph was redacted too


def test_editing_one_transcript_reruns_the_study_jobs_and_parses_only_it(redacted_run):
    """Ingest, scan and gate are one job per study each; spaCy parses only the edited transcript."""
    path = redacted_run / "raw" / "demo_alliance" / "transcripts" / "interview_02.txt"
    path.write_bytes(path.read_bytes() + b"P02: One more thing, it helps.\n")
    dry = run_snakemake(redacted_run, "--dry-run")
    output = dry.stdout + dry.stderr
    pattern = r"^(deid|deid_scan|deid_entities|ingest)\s+(\d+)\s*$"
    counts = dict(re.findall(pattern, output, flags=re.MULTILINE))
    assert counts == {"ingest": "1", "deid_entities": "1", "deid_scan": "1", "deid": "1"}, output[-3000:]
    result = run_snakemake(redacted_run, "--until", "deid")
    assert result.returncode == 0, result.stderr[-3000:]
    log = (redacted_run / "logs" / "demo_alliance" / "deid" / "entities.log").read_text()
    assert re.search(r"parsed 1 transcript\(s\) in 1 process\(es\), read 2 unchanged", log), log
    text = (redacted_run / "data" / "processed" / "demo_alliance" / "text" / "interview_02.txt").read_text()
    assert text.endswith("P02: One more thing, it helps.\n")


def test_config_rejects_an_unknown_policy(tmp_path):
    work = _tiny(tmp_path, "fail")
    config = yaml.safe_load((work / "config.yaml").read_text())
    config["deid"]["policy"] = "ignore"
    (work / "config.yaml").write_text(yaml.safe_dump(config))
    result = run_snakemake(work, "--dry-run")
    assert result.returncode != 0 and "deid.policy" in result.stdout + result.stderr
