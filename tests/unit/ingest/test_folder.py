import pytest

from tests.conftest import PARTICIPANTS, STUDY_YAML, TRANSCRIPTS, make_study
from thematica.errors import ThematicaError
from thematica.ingest.folder import load_study


def test_valid_study_loads(tiny_study):
    study = load_study(tiny_study)
    assert study.groups == ["therapist", "client"]
    assert sorted(study.transcripts) == ["int_01", "int_02"]
    assert study.participant_of("int_02") == {"participant_id": "P02", "group": "client"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"transcripts": {**TRANSCRIPTS, "int_03.txt": "Interviewer: x\nP03: y\n"}},
            r"int_03\.txt: transcript 'int_03' has no row in participants\.csv",
        ),
        (
            {"participants": PARTICIPANTS + "P03,int_03,client\n"},
            r"participants\.csv, line 4: participant row names transcript 'int_03' but",
        ),
        (
            {"participants": PARTICIPANTS + "P01,int_03,client\n"},
            r"participants\.csv, line 4: duplicate participant_id 'P01' \(also on line 2\)",
        ),
        (
            {"participants": PARTICIPANTS.replace("P02,int_02,client", "P02,int_02,psychiatrist")},
            r"participants\.csv, line 3: unknown group 'psychiatrist' in column 'role'",
        ),
        ({"participants": "participant_id,transcript\nP01,int_01\n"}, r"missing column\(s\) \['role'\]"),
        ({"participants": PARTICIPANTS.replace("P02,", ",")}, r"line 3: empty 'participant_id'"),
        ({"transcripts": {**TRANSCRIPTS, "notes.pdf": b"%PDF"}}, r"notes\.pdf: unsupported transcript type"),
        ({"transcripts": {**TRANSCRIPTS, "int_01.docx": b"x"}}, r"two transcripts share the id 'int_01'"),
        (
            {"study_yaml": STUDY_YAML.replace("groups: [therapist, client]", "groups: [client, client]")},
            r"study\.yaml: 'groups' must list one or more distinct groups",
        ),
        (
            {"study_yaml": STUDY_YAML + "group_colum: role\n"},
            r"study\.yaml: unknown key\(s\) \['group_colum'\]",
        ),
        ({"study_yaml": "groups: [a, b\n"}, r"study\.yaml, line \d+: is not valid YAML"),
        (
            {"participants": PARTICIPANTS.replace("P02,int_02,client", "P02,int_02,client,extra")},
            r"participants\.csv, line 3: 4 fields but the header names 3 columns",
        ),
        (
            {"participants": PARTICIPANTS.replace("participant_id,", "participant_id,role,", 1)},
            r"participants\.csv, line 1: column\(s\) \['role'\] appear more than once",
        ),
        (  # line numbers count the blank lines a table reader would skip
            {"participants": PARTICIPANTS.replace("\nP02,", "\n\nP01,")},
            r"participants\.csv, line 4: duplicate participant_id 'P01' \(also on line 2\)",
        ),
    ],
)
def test_bad_study_folders_name_file_and_fix(tmp_path, change, message):
    root = make_study(tmp_path / "bad", **change)
    with pytest.raises(ThematicaError, match=message):
        load_study(root)


def test_missing_folder_and_files(tmp_path):
    with pytest.raises(ThematicaError, match="study folder not found"):
        load_study(tmp_path / "nope")
    root = make_study(tmp_path / "s")
    (root / "study.yaml").unlink()
    with pytest.raises(ThematicaError, match=r"study\.yaml is missing"):
        load_study(root)


def test_participants_read_as_stripped_strings_in_file_order(tmp_path):
    root = make_study(
        tmp_path / "s", participants=PARTICIPANTS.replace("P02,int_02,client", " P02 , int_02,client\n")
    )
    study = load_study(root)
    table = study.participants
    assert table.columns.tolist() == list(study.participant_columns)
    assert table.to_dict(orient="records") == [dict(row) for row in study.participant_rows]
    assert table["participant_id"].tolist() == ["P01", "P02"]
    assert all(isinstance(v, str) for v in table.to_numpy().ravel())
    assert study.participant_groups() == {"P01": "therapist", "P02": "client"}
    assert study.transcript_participants() == {"int_01": "P01", "int_02": "P02"}


@pytest.mark.parametrize("groups", [["therapist"], ["therapist", "client", "supervisor"]])
def test_one_group_or_three_load_and_a_case_only_difference_warns(tmp_path, caplog, groups):
    participants = PARTICIPANTS.replace("P02,int_02,client", "P02,int_02,Therapist")
    yaml_text = STUDY_YAML.replace("groups: [therapist, client]", f"groups: [{', '.join(groups)}]")
    root = make_study(tmp_path / "s", study_yaml=yaml_text, participants=participants)
    with caplog.at_level("WARNING"):
        study = load_study(root)
    assert study.groups == groups
    assert study.participant_groups() == {"P01": "therapist", "P02": "therapist"}
    assert "participants.csv, line 3: group 'Therapist' differs from study.yaml's 'therapist'" in caplog.text
