"""A study made of transcripts as transcription tools export them runs with `thematica init` and
`thematica run`, with no hand-written pattern: every transcript gets its interviewer, speakers.csv accounts
for every label, and the deidentification scan finds nothing on labels, timestamps or tool text."""

from __future__ import annotations

import csv
import io
import shutil

import pandas as pd
import yaml

from tests.workflow.conftest import REPO, shared_export
from thematica.cli.main import main

FORMATS = REPO / "tests" / "data" / "formats"
# the fixture file -> the name a user's folder gives it (two tools' exports of one interview share a stem)
FILES = {
    "otter.txt": "otter.txt",
    "otter.docx": "otter_word.docx",
    "teams.vtt": "teams.vtt",
    "teams.docx": "teams_word.docx",
    "zoom.vtt": "zoom.vtt",
    "zoom_transcript.txt": "zoom_transcript.txt",
    "rev.txt": "rev.txt",
    "hand_i_r.txt": "hand_i_r.txt",
    "hand_q_a.txt": "hand_q_a.txt",
    "hand_caps.txt": "hand_caps.txt",
    "hand_timestamped.txt": "hand_timestamped.txt",
    "hand_bold.md": "hand_bold.md",
    "hand_hungarian.txt": "hand_hungarian.txt",
    "hand_spanish.txt": "hand_spanish.txt",
}
INTERVIEWERS = {
    "otter": "Speaker 1",
    "otter_word": "Speaker 1",
    "teams": "Ann Smith",
    "teams_word": "Ann Smith",
    "zoom": "Interviewer",
    "zoom_transcript": "Interviewer",
    "rev": "Speaker 1",
    "hand_i_r": "I",
    "hand_q_a": "Q",
    "hand_caps": "INTERVIEWER",
    "hand_timestamped": "Interviewer",
    "hand_bold": "Interviewer",
    "hand_hungarian": "Kérdező",
    "hand_spanish": "Entrevistadora",
}


def test_tool_exports_run_with_init_then_run(tmp_path):
    work = tmp_path / "work"
    (work / "config").mkdir(parents=True)
    shutil.copy(REPO / "config" / "config.yaml", work / "config" / "config.yaml")
    shared_export(work)
    exports = tmp_path / "exports"
    exports.mkdir()
    for fixture, name in FILES.items():
        shutil.copy(FORMATS / fixture, exports / name)
    study, config = work / "studies" / "tools", work / "tools.yaml"
    out = io.StringIO()
    assert (
        main(
            ["--workdir", str(work), "init", str(study), "--from", str(exports), "--config", str(config)],
            out=out,
        )
        == 0
    ), out.getvalue()
    meta = yaml.safe_load((study / "study.yaml").read_text(encoding="utf-8"))
    # generic labels are proposed because they ask the questions; no pattern was written by hand
    assert {"Speaker 1", "Ann Smith", "I", "Q", "Kérdező"} <= set(meta["interviewer_labels"])
    assert "speaker_pattern" not in meta and "speaker_patterns" not in meta
    # what the user fills in: the groups, and the reviewed allowlist (spaCy's English model takes two
    # Hungarian words for a name and a place; nothing on labels, timestamps or tool text is suggested)
    suggested = (study / "deid_allowlist.suggested.txt").read_text(encoding="utf-8")
    terms = [line.split("#")[0].strip() for line in suggested.splitlines() if line.split("#")[0].strip()]
    assert sorted(terms) == ["Mióta", "Tavaly"]
    shutil.copy(study / "deid_allowlist.suggested.txt", study / "deid_allowlist.txt")
    text = (
        (study / "study.yaml")
        .read_text(encoding="utf-8")
        .replace("[group_a, group_b]", "[nurses, pharmacists]")
    )
    (study / "study.yaml").write_text(
        text.replace("  group_a:", "  nurses:").replace("  group_b:", "  pharmacists:")
    )
    rows = list(csv.DictReader(io.StringIO((study / "participants.csv").read_text(encoding="utf-8"))))
    for i, row in enumerate(rows):
        row["group"] = "nurses" if i % 2 else "pharmacists"
    with open(study / "participants.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    out = io.StringIO()
    code = main(["--workdir", str(work), "run", str(config), "--cores", "2", "--no-report"], out=out)
    log = work / "logs" / "run" / "tools.log"
    assert code == 0, out.getvalue() + (log.read_text() if log.is_file() else "")
    assert "done:" in out.getvalue()

    speakers = pd.read_csv(work / "results" / "tools" / "qa" / "speakers.csv", keep_default_na=False)
    assert set(speakers["transcript"]) == set(INTERVIEWERS)
    for transcript, interviewer in INTERVIEWERS.items():
        rows = speakers.loc[speakers["transcript"] == transcript]
        assert rows.loc[rows["role"] == "interviewer", "label"].tolist() == [interviewer], transcript
        assert (rows.loc[rows["role"] == "participant", "decided_by"] != "unknown").all(), transcript
    turns = pd.read_parquet(work / "data" / "processed" / "tools" / "turns.parquet")
    counted = turns.loc[turns["role"] != "unattributed"].groupby(["transcript", "speaker"]).size()
    assert counted.sum() == speakers.loc[speakers["role"] != "unattributed", "turns"].sum()
    # tool text is never speech; interviewer questions never become segments
    segments = pd.read_parquet(work / "data" / "processed" / "tools" / "segments.parquet")
    joined = " ".join(segments["text"])
    for tool_text in ("otter.ai", "started transcription", "stopped transcription", "Can you tell me about"):
        assert tool_text not in joined
    report = pd.read_csv(work / "results" / "tools" / "qa" / "deid_report.csv", keep_default_na=False)
    assert (report["status"] != "flagged").all()
    allowed = report.loc[report["status"] == "allowlisted"]
    # the reviewed Hungarian words, and the interviewer's name as a label (the study's interviewer labels
    # are allowlisted: the team knows who interviewed)
    assert set(allowed["transcript"]) <= {"hand_hungarian", "teams", "teams_word"}
    assert (
        allowed.loc[allowed["transcript"] != "hand_hungarian", "detector"] == "pattern:speaker_label"
    ).all()
