"""thematica check: every problem of a study folder at once; a group differing only in case."""

import io
import logging
from pathlib import Path

import pytest

from tests.conftest import PARTICIPANTS, TRANSCRIPTS, make_study
from thematica.cli.check import check_config_file, check_study
from thematica.cli.main import main
from thematica.errors import ThematicaError
from thematica.ingest.folder import load_study


def test_check_reports_every_problem_at_once(tmp_path):
    root = make_study(
        tmp_path / "bad",
        transcripts={**TRANSCRIPTS, "int_03.txt": "", "int_04.txt": "no labels on this line at all\n"},
        participants=PARTICIPANTS.replace("P02,int_02,client", "P02,int_02,psychiatrist")
        + "P03,int_03,client\nP04,int_04,client\nP05,int_05,client\n",
    )
    (root / "codes").mkdir()
    (root / "codes" / "coder_1.nvp").write_bytes(b"x")
    (root / "deid_allowlist.txt").write_text("re:([unclosed\n", encoding="utf-8")
    report = check_study(root)
    messages = [str(e) for e in report.errors]
    expected = [
        r"participants\.csv, line 3: unknown group 'psychiatrist'",
        r"participants\.csv, line 6: participant row names transcript 'int_05' but transcripts/ has no",
        r"int_03\.txt: .*empty",
        r"int_04\.txt: no line starts with a speaker label",
        r"coder_1\.nvp: unsupported export type",
        r"deid_allowlist\.txt, line 1: allowlist pattern",
    ]
    import re

    for pattern in expected:
        assert any(re.search(pattern, m) for m in messages), (pattern, messages)
    assert len(messages) == len(expected)
    # the pipeline stops at the first of them
    with pytest.raises(ThematicaError, match="unknown group 'psychiatrist'"):
        load_study(root)


def test_check_exit_codes_and_a_clean_study(tmp_path, tiny_study):
    out = io.StringIO()
    assert main(["check", str(tiny_study)], out=out) == 0
    assert out.getvalue().startswith("ok: tiny (2 transcripts)")
    (tiny_study / "participants.csv").write_text(PARTICIPANTS + "P03,int_03,nobody\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["check", str(tiny_study)], out=out) == 1
    assert "2 problem(s)" in out.getvalue()


def test_group_differing_only_in_case_is_accepted_with_a_warning(tmp_path, caplog):
    root = make_study(
        tmp_path / "s", participants=PARTICIPANTS.replace("P02,int_02,client", "P02,int_02,Client")
    )
    with caplog.at_level(logging.WARNING, logger="thematica"):
        study = load_study(root)
    assert study.participant_of("int_02")["group"] == "client"
    assert (
        "participants.csv, line 3: group 'Client' differs from study.yaml's 'client' only in case"
        in caplog.text
    )
    report = check_study(root)
    assert not report.errors
    assert ["only in case" in str(w) for w in report.warnings] == [True]


def test_empty_study_folder_says_how_to_fill_it(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(
        ThematicaError, match=r"empty: the study folder is empty; fill it with `thematica init"
    ):
        load_study(tmp_path / "empty")
    assert len(check_study(tmp_path / "empty").errors) == 1


def test_check_a_config_file_checks_its_studies_only(tmp_path, tiny_study):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.yaml").write_text("studies:\n  demo: nowhere\nseed: 1\n", encoding="utf-8")
    config = tmp_path / "mine.yaml"
    config.write_text(f"studies:\n  tiny: {tiny_study}\n", encoding="utf-8")
    report = check_config_file(config, workdir=tmp_path)
    assert report.studies == {"tiny": 2} and not report.errors
    config.write_text(f"studies:\n  tiny: {tiny_study}\nsegmnet: {{}}\n", encoding="utf-8")
    report = check_config_file(config, workdir=tmp_path)
    assert [str(e) for e in report.errors] == [f"{config}: unknown key 'segmnet'; did you mean 'segment'?"]


def test_the_documented_study_yaml_loads(tmp_path):
    """config/README.md's annotated study.yaml and participants.csv are a valid study."""
    import re

    text = (Path(__file__).resolve().parents[3] / "config" / "README.md").read_text(encoding="utf-8")
    section = text[text.index("A complete `study.yaml`") :]
    study_yaml, participants = re.findall(r"```(?:yaml)?\n(.*?)```", section, flags=re.S)[:2]
    root = make_study(
        tmp_path / "doc",
        transcripts={
            "interview_01.txt": "Interviewer: Why?\nP01: Because it helps between sessions.\n",
            "interview_02.txt": "Q: And you?\nP02: I use it at night, when nobody else answers.\n",
        },
        participants=participants,
        study_yaml=study_yaml,
    )
    study = load_study(root)
    assert study.groups == ["therapist", "client"] and study.interviewer_labels == ["Interviewer", "I", "Q"]
    assert not check_study(root).errors
