"""thematica init: a study folder from a folder of transcripts."""

import csv
import io

import pytest
import yaml

from thematica.cli.main import main
from thematica.cli.scaffold import init_study, is_interviewer_label
from thematica.errors import ThematicaError
from thematica.ingest.folder import load_study

TRANSCRIPTS = {
    "interview_2.txt": "Interviewer: How did it start?\nP02: With the app my sister used. It helped.\n",
    "interview_10.txt": "Q: And for you?\nP10: I never trusted it with the hard things, to be honest.\n",
    "Interview 3.md": "Moderator: Tell me more.\nMaria: The reminders were too much, so I turned them off.\n",
}


@pytest.fixture()
def transcripts(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    for name, text in TRANSCRIPTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    return folder


def test_init_writes_study_yaml_participants_and_config(tmp_path, transcripts):
    report = init_study(tmp_path / "study", transcripts, workdir=tmp_path, scan=False)
    root = tmp_path / "study"
    assert sorted(p.name for p in (root / "transcripts").iterdir()) == [
        "Interview_3.md",
        "interview_10.txt",
        "interview_2.txt",
    ]
    assert [p.name for p in report.skipped] == ["notes.pdf"]
    meta = yaml.safe_load((root / "study.yaml").read_text(encoding="utf-8"))
    # the interviewer-like labels found, every other label a participant's
    assert meta["interviewer_labels"] == ["Interviewer", "Moderator", "Q"]
    assert meta["group_column"] == "group" and len(meta["groups"]) == 2
    text = (root / "study.yaml").read_text(encoding="utf-8")
    assert "#   Maria: 1" in text and "#   Q: 1  <- proposed interviewer" in text
    rows = list(csv.DictReader(io.StringIO((root / "participants.csv").read_text(encoding="utf-8"))))
    # interview order: numbers by value; a transcript's one participant label that is an id is its id
    assert rows == [
        {"participant_id": "P02", "transcript": "interview_2", "group": ""},
        {"participant_id": "P01", "transcript": "Interview_3", "group": ""},
        {"participant_id": "P10", "transcript": "interview_10", "group": ""},
    ]
    config = yaml.safe_load((tmp_path / "study.yaml").read_text(encoding="utf-8"))
    assert config == {"studies": {"study": "study"}}
    # filling in the groups is all that is left to do
    filled = (root / "participants.csv").read_text(encoding="utf-8").replace(",\n", ",group_a\n")
    (root / "participants.csv").write_text(filled, encoding="utf-8")
    study = load_study(root)
    assert study.interviewer_labels == ["Interviewer", "Moderator", "Q"]
    assert set(study.transcripts) == {"interview_2", "Interview_3", "interview_10"}


def test_init_suggests_an_allowlist_from_a_first_scan(tmp_path, transcripts):
    (transcripts / "interview_2.txt").write_text(
        "Interviewer: Which app?\nP02: MindMate, mostly. My therapist at Riverside Clinic suggested it.\n"
        "Call me on (617) 555-0134.\n",
        encoding="utf-8",
    )
    init_study(tmp_path / "study", transcripts, workdir=tmp_path)
    suggested = (tmp_path / "study" / "deid_allowlist.suggested.txt").read_text(encoding="utf-8")
    assert "does\n# NOT read this file" in suggested
    terms = [line.split("  #")[0] for line in suggested.splitlines() if line and not line.startswith("#")]
    assert "555" not in suggested  # contact details are never suggested
    assert "MindMate" in terms or "Riverside Clinic" in terms
    assert not (tmp_path / "study" / "deid_allowlist.txt").exists()


def test_init_refuses_a_folder_with_files_and_a_folder_without_transcripts(tmp_path, transcripts):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "study.yaml").write_text("name: x\n")
    with pytest.raises(ThematicaError, match="is not empty"):
        init_study(tmp_path / "full", transcripts, scan=False)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ThematicaError, match="holds no transcript"):
        init_study(tmp_path / "new", tmp_path / "empty", scan=False)


def test_interviewer_labels():
    assert [is_interviewer_label(x) for x in ("I", "Int", "Facilitator", "Interviewer 2", "R", "P07")] == [
        True,
        True,
        True,
        True,
        False,
        False,
    ]


def test_cli_init_then_check(tmp_path, transcripts):
    out = io.StringIO()
    code = main(
        [
            "--workdir",
            str(tmp_path),
            "init",
            str(tmp_path / "study"),
            "--from",
            str(transcripts),
            "--no-scan",
        ],
        out=out,
    )
    assert code == 0
    assert "thematica check" in out.getvalue() and "thematica run" in out.getvalue()
    out = io.StringIO()
    assert main(["check", str(tmp_path / "study")], out=out) == 1  # the groups are still to fill in
    assert out.getvalue().count("empty 'group'; fill it in") == 3


def _otter(path, first: str, second: str) -> None:
    """An Otter.ai-style transcript (label and time on their own line) where ``first`` asks the questions."""
    path.write_text(
        f"{first}  0:03\nHow did you start using it?\n\n{second}  0:09\nA colleague showed me.\n\n"
        f"{first}  0:20\nAnd what changed?\n\n{second}  0:24\nI check in every evening now.\n\n"
        f"{first}  0:40\nWhat would you keep?\n\n{second}  0:45\nThe reminders.\n",
        encoding="utf-8",
    )


def test_init_proposes_the_generic_label_that_asks_the_questions(tmp_path):
    src = tmp_path / "otter"
    src.mkdir()
    _otter(src / "n01.txt", "Speaker 1", "Speaker 2")
    _otter(src / "n02.txt", "Speaker 1", "Speaker 2")
    report = init_study(tmp_path / "study", src, workdir=tmp_path, scan=False)
    assert report.askers == {"Speaker 1": 2}
    assert report.interviewer_labels == ["Speaker 1"]
    text = (tmp_path / "study" / "study.yaml").read_text(encoding="utf-8")
    assert 'interviewer_labels: ["Speaker 1"]' in text
    assert "Speaker 1: 2  <- proposed interviewer (asks the questions in 2 transcript(s)" in text


def test_init_does_not_propose_a_label_that_answers_somewhere(tmp_path):
    src = tmp_path / "otter"
    src.mkdir()
    _otter(src / "n01.txt", "Speaker 1", "Speaker 2")
    _otter(src / "n02.txt", "Speaker 2", "Speaker 1")  # here Speaker 2 interviews
    report = init_study(tmp_path / "study", src, workdir=tmp_path, scan=False)
    assert report.askers == {} and report.interviewer_labels == []
    assert "TODO: no label looks like an interviewer's" in (tmp_path / "study" / "study.yaml").read_text()
