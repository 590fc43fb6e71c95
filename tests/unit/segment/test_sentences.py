import pytest

from thematica.ingest.turns import parse_turns
from thematica.segment.sentences import count_words, merge_short, segment_turns

TEXT = (
    "Interviewer: What do you think of the chatbot?\n"
    "P01: Yeah. I think the homework piece is great, honestly. But I worry about the ones who would rather "
    "talk to the app. Okay.\n"
    "Interviewer: Say more?\n"
    "P01: Hmm.\n"
    "Interviewer: Take your time.\n"
    "P01: With depression especially, a lot of what I pick up is not what they say. It's how they walk in.\n"
)


@pytest.fixture(scope="module")
def segments():
    turns = parse_turns(TEXT, transcript="t01", interviewer_labels=["Interviewer"])
    return segment_turns(turns, TEXT, participant_id="P01", group="psychiatry", min_words=5)


def test_offsets_point_at_segment_text(segments):
    for row in segments.itertuples():
        assert TEXT[row.start : row.end] == row.text


def test_short_fragments_merge_into_neighbours(segments):
    assert segments["text"].tolist() == [
        "Yeah. I think the homework piece is great, honestly.",
        "But I worry about the ones who would rather talk to the app. Okay.",
        "Hmm.",
        "With depression especially, a lot of what I pick up is not what they say.",
        "It's how they walk in.",
    ]


def test_interviewer_speech_is_never_segmented(segments):
    assert not segments["text"].str.contains("Say more").any()
    assert segments["turn"].tolist() == [1, 1, 3, 5, 5]


def test_ids_and_participant_columns(segments):
    assert segments["segment_id"].tolist() == [
        "t01_s0001",
        "t01_s0002",
        "t01_s0003",
        "t01_s0004",
        "t01_s0005",
    ]
    assert set(segments["participant_id"]) == {"P01"} and set(segments["group"]) == {"psychiatry"}


def test_every_participant_character_is_in_one_segment(segments):
    turns = parse_turns(TEXT, transcript="t01", interviewer_labels=["Interviewer"])
    speech = "".join(turns.loc[turns["role"] == "participant", "text"]).replace(" ", "")
    assert "".join(segments["text"]).replace(" ", "") == speech


@pytest.mark.parametrize(
    ("spans", "min_words", "expected"),
    [
        ([(0, 5), (6, 29), (30, 35)], 3, [(0, 35)]),
        ([(0, 5), (6, 29), (30, 35)], 1, [(0, 5), (6, 29), (30, 35)]),
        ([(6, 29), (30, 35)], 3, [(6, 35)]),
    ],
)
def test_merge_short(spans, min_words, expected):
    assert merge_short(spans, "Yeah. I think it helps a lot. Okay.", min_words) == expected


def test_count_words():
    assert count_words("I — I worry, you know?") == 5
