"""The committed demo studies pass the gate: no flagged identifier in any of their transcripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from thematica.deid.scan import read_allowlist, scan_text
from thematica.demo import DEMO_STUDIES
from thematica.ingest.folder import load_study
from thematica.ingest.formats import read_transcript
from thematica.ingest.turns import DEFAULT_SPEAKER_PATTERN

RAW = Path(__file__).resolve().parents[3] / "data" / "raw"


@pytest.mark.parametrize("name", DEMO_STUDIES)
def test_demo_study_has_no_flagged_identifier(name):
    study = load_study(RAW / name)
    allow = read_allowlist(study.root / "deid_allowlist.txt").extended(
        [*study.interviewer_labels, *study.participants["participant_id"]]
    )
    flagged = []
    for transcript, path in study.transcripts.items():
        text = read_transcript(path)
        found = scan_text(
            text, allowlist=allow, speaker_pattern=study.speaker_pattern or DEFAULT_SPEAKER_PATTERN
        )
        flagged += [(transcript, f.kind) for f in found if f.status == "flagged"]
    assert flagged == []


@pytest.mark.parametrize("name", DEMO_STUDIES)
def test_without_the_allowlist_the_product_names_are_caught(name):
    """The allowlist is doing real work: the scan is not blind to the demo's invented names."""
    study = load_study(RAW / name)
    first = next(iter(study.transcripts.values()))
    text = read_transcript(first)
    allow = read_allowlist(None).extended([*study.interviewer_labels, *study.participants["participant_id"]])
    assert any(f.status == "flagged" for f in scan_text(text, allowlist=allow))
