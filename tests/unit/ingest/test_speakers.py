"""Speaker roles that cannot silently go wrong: decisions, warnings, strict errors and the speakers table."""

from __future__ import annotations

import logging

import pytest

from thematica.errors import ThematicaError
from thematica.ingest.speakers import SpeakerSettings, decide_roles, read_speaker_settings, speakers_table
from thematica.ingest.study import transcript_turns


def _turns(text, labels=("Interviewer",), participant_id="P07", **settings):
    return transcript_turns(
        text,
        transcript="t07",
        interviewer_labels=list(labels),
        participant_id=participant_id,
        settings=SpeakerSettings(**settings),
        path="t07.txt",
    )


def _rows(turns):
    return list(zip(turns["speaker"], turns["role"], turns["text"], strict=True))


def test_i_r_labels_are_interviewer_and_participant_even_if_the_study_lists_neither(caplog):
    """The silent-wrong case: `I` not in interviewer_labels used to be analysed as participant speech."""
    with caplog.at_level(logging.WARNING):
        turns = _turns("I: How did it start?\nR: With a referral.\n", labels=["Interviewer"])
    assert _rows(turns) == [
        ("I", "interviewer", "How did it start?"),
        ("R", "participant", "With a referral."),
    ]
    assert not [r for r in caplog.records if r.name == "thematica.ingest.speakers"]


def test_decisions_name_their_rule():
    decided = decide_roles(
        ["Moderator 2", "P07", "Interviewer", "Nurse", "P08"],
        interviewer_labels=["Interviewer"],
        participant_id="P07",
    )
    assert [(d.label, d.role, d.decided_by) for d in decided.values()] == [
        ("Moderator 2", "interviewer", "default_interviewer_label"),
        ("P07", "participant", "participant_id"),
        ("Interviewer", "interviewer", "interviewer_labels"),
        ("Nurse", "participant", "unknown"),
        ("P08", "participant", "unknown"),  # another participant's id is not this participant's label
    ]
    only = decide_roles(["Interviewer", "Zoë"], interviewer_labels=["Interviewer"], participant_id="P07")
    assert only["zoë"].decided_by == "only_other_speaker" and only["zoë"].role == "participant"


def test_an_unknown_extra_speaker_gives_one_warning_line_with_the_fix(caplog):
    text = "Interviewer: And then?\nP07: Then my husband came in.\nHusband: I did, yes.\nP07: He did.\n"
    with caplog.at_level(logging.WARNING, logger="thematica.ingest.speakers"):
        turns = _turns(text)
    assert _rows(turns) == [
        ("Interviewer", "interviewer", "And then?"),
        ("P07", "participant", "Then my husband came in."),
        ("Husband", "participant", "I did, yes."),
        ("P07", "participant", "He did."),
    ]
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].startswith("t07.txt, line 3: 2 non-interviewer speakers where 1 is expected")
    assert "'Husband' (line 3)" in warnings[0] and "'participants_per_interview'" in warnings[0]


def test_participants_per_interview_2_accepts_a_couple(caplog):
    text = "Interviewer: And then?\nAnn: Then Bob came in.\nBob: I did, yes.\n"
    with caplog.at_level(logging.WARNING, logger="thematica.ingest.speakers"):
        turns = _turns(text, participants_per_interview=2)
    assert turns["role"].tolist() == ["interviewer", "participant", "participant"]
    assert not caplog.records
    table = speakers_table(
        turns,
        {"t07": text},
        interviewer_labels=["Interviewer"],
        participant_ids={"t07": "P07"},
        participants_per_interview=2,
    )
    assert table[["label", "role", "decided_by"]].values.tolist() == [
        ["Interviewer", "interviewer", "interviewer_labels"],
        ["Ann", "participant", "only_other_speaker"],
        ["Bob", "participant", "only_other_speaker"],
    ]


def test_strict_makes_the_warning_an_error_naming_file_line_label_and_fix():
    text = "Interviewer: And then?\nP07: Then my husband came in.\nHusband: I did, yes.\n"
    with pytest.raises(ThematicaError) as info:
        _turns(text, strict=True)
    message = str(info.value)
    assert message.startswith("t07.txt, line 3: 2 non-interviewer speakers where 1 is expected")
    assert "'Husband' (line 3)" in message and message.endswith("[speakers.strict: true in study.yaml]")


def test_no_interviewer_turn_warns_or_stops_under_strict(caplog):
    text = "P07: I wrote this down before the interview.\nIt is all mine.\n"
    with caplog.at_level(logging.WARNING, logger="thematica.ingest.speakers"):
        turns = _turns(text)
    assert _rows(turns) == [
        ("P07", "participant", "I wrote this down before the interview.\nIt is all mine.")
    ]
    assert [r.getMessage()[:44] for r in caplog.records] == ["t07.txt, line 1: no interviewer turn: no lab"]
    with pytest.raises(ThematicaError, match=r"^t07.txt, line 1: no interviewer turn: no label among 'P07'"):
        _turns(text, strict=True)


def test_every_label_unknown_stops_the_run():
    text = "Kate: How did it start?\nJohn: With a referral.\nKate: And then?\n"
    with pytest.raises(ThematicaError) as info:
        _turns(text)
    assert str(info.value).startswith(
        "t07.txt, line 1: no label is an interviewer label and the speakers 'Kate', 'John' are all unknown"
    )
    # naming the interviewer fixes it: John is then the only other speaker
    turns = _turns(text, labels=["Kate"])
    assert _rows(turns) == [
        ("Kate", "interviewer", "How did it start?"),
        ("John", "participant", "With a referral."),
        ("Kate", "interviewer", "And then?"),
    ]


def test_labels_differing_in_case_or_spacing_are_one_speaker_with_a_warning(caplog):
    text = "Interviewer: Hi?\nP07: Hello.\ninterviewer : And?\nP 07: More.\n"
    with caplog.at_level(logging.INFO, logger="thematica.ingest.speakers"):
        turns = _turns(text)
    assert _rows(turns) == [
        ("Interviewer", "interviewer", "Hi?"),
        ("P07", "participant", "Hello."),
        ("interviewer", "interviewer", "And?"),
        ("P 07", "participant", "More."),
    ]
    messages = [r.getMessage() for r in caplog.records]
    assert messages[0] == (
        "t07.txt, line 3: labels 'Interviewer' (line 1), 'interviewer' (line 3) differ only in case or "
        "spacing and are treated as one speaker; write them the same way to silence this"
    )
    assert [r.levelno for r in caplog.records] == [logging.WARNING, logging.INFO]  # one warning line
    table = speakers_table(
        turns, {"t07": text}, interviewer_labels=["Interviewer"], participant_ids={"t07": "P07"}
    )
    assert table.values.tolist() == [
        ["t07", "Interviewer", "interviewer", "interviewer_labels", 2, 2, 1],
        ["t07", "P07", "participant", "participant_id", 2, 2, 2],
    ]


def test_speakers_table_counts_unattributed_text_and_label_lines():
    text = "Interview N04 – nurse\n\nSpeaker 1 (00:03):\nHow long?\n\n"
    text += "N04 (00:09):\nEleven years, mostly nights.\n"
    turns = _turns(text, labels=["Speaker 1"], participant_id="N04")
    table = speakers_table(
        turns, {"t07": text}, interviewer_labels=["Speaker 1"], participant_ids={"t07": "N04"}
    )
    assert table.values.tolist() == [
        ["t07", "Speaker 1", "interviewer", "interviewer_labels", 1, 2, 3],
        ["t07", "N04", "participant", "participant_id", 1, 4, 6],
        ["t07", "", "unattributed", "unlabelled_text", 1, 4, 1],  # the dash is a word,
    ]


def test_study_speaker_patterns_add_to_the_built_in_ones():
    text = "Interviewer: Hi?\n>> P07 << Hello there.\nP07: And more.\n"
    turns = _turns(text, speaker_patterns=(r"^>> (?P<speaker>\w+) << ",))
    assert _rows(turns) == [
        ("Interviewer", "interviewer", "Hi?"),
        ("P07", "participant", "Hello there."),
        ("P07", "participant", "And more."),
    ]


def test_read_speaker_settings(tmp_path):
    path = tmp_path / "study.yaml"
    assert read_speaker_settings(path) == SpeakerSettings()
    path.write_text(
        "groups: [a, b]\nspeaker_patterns: ['^(?P<speaker>Q)> ']\nparticipants_per_interview: 2\n"
        "speakers: {strict: true}\n",
        encoding="utf-8",
    )
    assert read_speaker_settings(path) == SpeakerSettings(("^(?P<speaker>Q)> ",), 2, True)
    path.write_text("speaker_patterns: ['^(?P<who>Q)> ']\n", encoding="utf-8")
    with pytest.raises(ThematicaError, match=r"study.yaml: 'speaker_patterns' entry .* named group"):
        read_speaker_settings(path)
    path.write_text("participants_per_interview: 0\n", encoding="utf-8")
    with pytest.raises(ThematicaError, match="whole number of at least 1"):
        read_speaker_settings(path)
