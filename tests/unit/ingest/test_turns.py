import pytest

from thematica.errors import ThematicaError
from thematica.ingest.turns import parse_turns

TRICKY = """Interview 7, deidentified
Interviewer: So, what's your gut reaction?
P07: Um, mixed. I mean: it depends.
And a second line of the same turn.
**Interviewer:** Say more?
**P07**: Sure.
[00:01:02] P07: With a timestamp.
00:01:05.250 INTERVIEWER: Shouting label.
Participant 7 (psychiatrist): With a note.
INT:   Extra spaces.
P 07: Spaced id.
Note that this line has no colon label
"""


@pytest.fixture()
def turns():
    return parse_turns(TRICKY, transcript="t07", interviewer_labels=["Interviewer", "INT"])


def test_tricky_labels_become_speakers(turns):
    assert turns["speaker"].tolist() == [
        "",
        "Interviewer",
        "P07",
        "Interviewer",
        "P07",
        "P07",
        "INTERVIEWER",
        "Participant 7",
        "INT",
        "P 07",
    ]
    assert turns["role"].tolist() == [
        "unattributed",
        "interviewer",
        "participant",
        "interviewer",
        "participant",
        "participant",
        "interviewer",
        "participant",
        "interviewer",
        "participant",
    ]


def test_offsets_point_at_turn_text(turns):
    for row in turns.itertuples():
        assert TRICKY[row.start : row.end] == row.text
    assert turns["text"].iloc[2] == "Um, mixed. I mean: it depends.\nAnd a second line of the same turn."
    assert turns["text"].iloc[8] == "Extra spaces."
    assert turns["text"].iloc[-1] == "Spaced id.\nNote that this line has no colon label"


def test_colon_inside_speech_is_not_a_label(turns):
    assert "I mean" not in set(turns["speaker"])


def test_turn_numbers_are_sequential(turns):
    assert turns["turn"].tolist() == list(range(len(turns)))
    assert set(turns["transcript"]) == {"t07"}


def test_no_label_is_an_error_naming_the_file():
    with pytest.raises(ThematicaError, match=r"t\.txt: no line starts with a speaker label"):
        parse_turns("just prose\nwithout labels\n", transcript="t", interviewer_labels=["I"], path="t.txt")


def test_custom_pattern_and_bad_pattern():
    text = "Q) hello\nA) answer here\n"
    turns = parse_turns(
        text, transcript="t", interviewer_labels=["Q"], speaker_pattern=r"^(?P<speaker>[QA])\)\s+"
    )
    assert turns["role"].tolist() == ["interviewer", "participant"]
    with pytest.raises(ThematicaError, match="named group"):
        parse_turns(text, transcript="t", interviewer_labels=["Q"], speaker_pattern=r"^[QA]\)")
    with pytest.raises(ThematicaError, match="not a valid regular expression"):
        parse_turns(text, transcript="t", interviewer_labels=["Q"], speaker_pattern=r"^(?P<speaker>[QA")


def test_labels_in_any_script_start_turns():
    """`Zoë:` used to be merged into the previous turn (only ASCII letters made a label)."""
    text = "Kérdező: Mióta használja?\nZoë: Egy éve.\nEntrevistador: ¿Y ahora?\nZoë: Cada noche.\n"
    turns = parse_turns(text, transcript="t", interviewer_labels=["Interviewer"])
    assert list(zip(turns["speaker"], turns["role"], turns["text"], strict=True)) == [
        ("Kérdező", "interviewer", "Mióta használja?"),
        ("Zoë", "participant", "Egy éve."),
        ("Entrevistador", "interviewer", "¿Y ahora?"),
        ("Zoë", "participant", "Cada noche."),
    ]


def test_tool_lines_are_unattributed_and_speech_after_them_continues_the_speaker():
    text = (
        "Ann Smith started transcription\n"
        "Interviewer: Shall we begin?\n"
        "P07: Yes.\n"
        "Ann Smith stopped transcription\n"
        "and I meant it.\n"
        "Interviewer: Thank you.\n"
        "Transcribed by https://otter.ai\n"
    )
    turns = parse_turns(text, transcript="t", interviewer_labels=["Interviewer"], participant_id="P07")
    assert list(zip(turns["speaker"], turns["role"], turns["text"], strict=True)) == [
        ("", "unattributed", "Ann Smith started transcription"),
        ("Interviewer", "interviewer", "Shall we begin?"),
        ("P07", "participant", "Yes."),
        ("", "unattributed", "Ann Smith stopped transcription"),
        ("P07", "participant", "and I meant it."),
        ("Interviewer", "interviewer", "Thank you."),
        ("", "unattributed", "Transcribed by https://otter.ai"),
    ]
    assert all(text[s:e] == t for s, e, t in zip(turns["start"], turns["end"], turns["text"], strict=True))


def test_a_time_inside_speech_is_not_a_label_line():
    text = "Interviewer: When?\nP07: In the evening,\nat about 10:30\nmost days.\n"
    turns = parse_turns(text, transcript="t", interviewer_labels=["Interviewer"])
    assert turns["text"].tolist() == ["When?", "In the evening,\nat about 10:30\nmost days."]


def test_a_replacing_speaker_pattern_still_replaces_the_built_in_ones():
    text = "Q) hello\nInterviewer: not a label here\nA) answer\n"
    turns = parse_turns(
        text, transcript="t", interviewer_labels=["Q"], speaker_pattern=r"^(?P<speaker>[QA])\)\s+"
    )
    assert list(zip(turns["speaker"], turns["text"], strict=True)) == [
        ("Q", "hello\nInterviewer: not a label here"),
        ("A", "answer"),
    ]
