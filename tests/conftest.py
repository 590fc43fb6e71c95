"""Shared fixtures: a tiny, valid study folder built in a temporary directory."""

from __future__ import annotations

from pathlib import Path

import pytest

STUDY_YAML = """name: tiny
group_column: role
groups: [therapist, client]
interviewer_labels: [Interviewer]
"""
PARTICIPANTS = "participant_id,transcript,role\nP01,int_01,therapist\nP02,int_02,client\n"
TRANSCRIPTS = {
    "int_01.txt": "Interviewer: How do you use the app?\n"
    "P01: Mostly for homework between sessions, honestly. It keeps the thought records going.\n",
    "int_02.txt": "Interviewer: And you?\nP02: At two in the morning it is the only thing that answers. "
    "So yeah, I use it when I cannot sleep.\n",
}


def make_study(
    root: Path,
    transcripts: dict[str, str | bytes] | None = None,
    participants: str = PARTICIPANTS,
    study_yaml: str = STUDY_YAML,
) -> Path:
    """Write a study folder; values of ``transcripts`` may be text or raw bytes."""
    (root / "transcripts").mkdir(parents=True, exist_ok=True)
    (root / "study.yaml").write_text(study_yaml, encoding="utf-8")
    (root / "participants.csv").write_text(participants, encoding="utf-8")
    for name, content in (TRANSCRIPTS if transcripts is None else transcripts).items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (root / "transcripts" / name).write_bytes(data)
    return root


@pytest.fixture()
def tiny_study(tmp_path: Path) -> Path:
    return make_study(tmp_path / "tiny")
