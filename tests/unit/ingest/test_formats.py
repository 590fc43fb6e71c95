"""Transcripts as tools export them (tests/data/formats/, shapes cited in its README.md): each fixture's
turns, their text and the role each speaker gets."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from thematica.errors import ThematicaError
from thematica.ingest.formats import read_transcript
from thematica.ingest.study import transcript_turns

FORMATS = Path(__file__).resolve().parents[2] / "data" / "formats"

OTTER = [
    ("Speaker 1", "interviewer", "Thanks for making the time. How did you come to use the app?"),
    ("Zoë", "participant", "My therapist suggested it after our third session."),
    ("Speaker 1", "interviewer", "What changed your mind?"),
    ("Zoë", "participant", "The mood check-ins. They were short enough that I actually did them."),
    ("", "unattributed", "Transcribed by https://otter.ai"),
]
TEAMS_DOCX = [
    (
        "",
        "unattributed",
        "Interview N04 – nurse-20240312_090312-Meeting Recording\nMarch 12, 2024, 9:03AM\n45m 12s",
    ),
    ("", "unattributed", "Ann Smith started transcription"),
    ("Ann Smith", "interviewer", "Thanks for joining. Can you tell me about your role on the ward?"),
    ("N04", "participant", "I've been a nurse there for eleven years, mostly nights."),
    ("Ann Smith", "interviewer", "And the handover?"),
    ("N04", "participant", "That's where the new tool shows up first."),
    ("", "unattributed", "Ann Smith stopped transcription"),
]


def _turns(name, labels, participant_id, **kwargs):
    path = FORMATS / name
    return transcript_turns(
        read_transcript(path),
        transcript=path.stem,
        interviewer_labels=labels,
        participant_id=participant_id,
        path=path.name,
        **kwargs,
    )


def _rows(turns):
    return list(zip(turns["speaker"], turns["role"], turns["text"], strict=True))


def test_otter_txt_name_time_lines_and_footer():
    turns = _turns("otter.txt", ["Speaker 1"], "C03")
    assert _rows(turns) == [
        (
            "Speaker 1",
            "interviewer",
            "Thanks for making the time. Could you start by telling me how you came to use the app?",
        ),
        (
            "Zoë",
            "participant",
            "Sure. My therapist suggested it after our third session, and I was sceptical at first.\n"
            "Then it became part of my evenings.",
        ),
        ("Speaker 1", "interviewer", "What changed your mind?"),
        (
            "Zoë",
            "participant",
            "Honestly, the mood check-ins. They were short enough that I actually did them.",
        ),
        ("", "unattributed", "Transcribed by https://otter.ai"),
    ]


def test_otter_docx():
    assert _rows(_turns("otter.docx", ["Speaker 1"], "C03")) == OTTER


def test_teams_docx_title_and_transcription_notices_are_unattributed():
    assert _rows(_turns("teams.docx", ["Ann Smith"], "N04")) == TEAMS_DOCX


def test_teams_vtt_voice_tags():
    assert _rows(_turns("teams.vtt", ["Ann Smith"], "N04")) == [
        ("Ann Smith", "interviewer", "Thanks for joining. Can you tell me about your role on the ward?"),
        (
            "N04",
            "participant",
            "I've been a nurse there for eleven years, mostly nights. "
            "The handover notes are where the new tool shows up first.",
        ),
    ]


def test_zoom_vtt_and_zoom_txt():
    answer = "It was slower than I expected, to be honest. The alerts kept firing for patients I already knew"
    answer += " about."
    assert _rows(_turns("zoom.vtt", ["Interviewer"], "P12")) == [
        ("Interviewer", "interviewer", "Okay, I think the recording is on. How did the first week go?"),
        ("P12", "participant", answer),
    ]
    assert _rows(_turns("zoom_transcript.txt", ["Interviewer"], "P12")) == [
        ("Interviewer", "interviewer", "How did the first week go?"),
        ("P12", "participant", answer),
        ("Interviewer", "interviewer", "And after that?"),
        ("P12", "participant", "After that I muted half of them."),
    ]


def test_rev_speaker_time_colon_lines():
    turns = _turns("rev.txt", ["Speaker 1"], "N04")
    assert _rows(turns) == [
        ("", "unattributed", "Interview N04 – nurse"),
        ("Speaker 1", "interviewer", "Thanks for joining. Can you tell me about your role on the ward?"),
        (
            "Speaker 2",
            "participant",
            "I've been a nurse there for eleven years, mostly nights. "
            "The handover notes are where the new tool shows up first.",
        ),
        ("Speaker 1", "interviewer", "And how does that change the handover?"),
        ("Speaker 2", "participant", "It means I read less and check more, if that makes sense."),
    ]


def test_rev_without_an_interviewer_label_stops_naming_file_line_and_fix():
    with pytest.raises(ThematicaError) as info:
        _turns("rev.txt", ["Interviewer"], "N04")
    message = str(info.value)
    assert message.startswith("rev.txt, line 3: no label is an interviewer label")
    assert "'Speaker 1', 'Speaker 2'" in message and "'interviewer_labels' in study.yaml" in message


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "hand_i_r.txt",
            [
                ("I", "interviewer", "How long have you worked in family medicine?"),
                ("R", "participant", "Twelve years now, all of them in the same practice."),
                ("I", "interviewer", "And when did the assistant first come up?"),
                (
                    "R",
                    "participant",
                    "Last spring. A colleague mentioned it at a meeting.\nWe tried it on a few patients.",
                ),
            ],
        ),
        (
            "hand_q_a.txt",
            [
                ("Q", "interviewer", "What did you expect from the chatbot?"),
                ("A", "participant", "Not much, honestly. I thought it would be a toy."),
                ("Q", "interviewer", "And now?"),
                ("A", "participant", "Now I use it most evenings."),
            ],
        ),
        (
            "hand_caps.txt",
            [
                ("INTERVIEWER", "interviewer", "Could you describe a typical day?"),
                ("RESPONDENT", "participant", "I start with the overnight messages, then clinic."),
                ("INTERVIEWER", "interviewer", "Where does the tool fit in?"),
                ("RESPONDENT", "participant", "Mostly in the afternoon, when I write up notes."),
            ],
        ),
        (
            "hand_timestamped.txt",
            [
                ("Interviewer", "interviewer", "Thanks for agreeing to talk with me."),
                ("Participant", "participant", "Happy to. It's been on my mind a lot."),
                ("Interviewer", "interviewer", "What has, specifically?"),
                ("Participant", "participant", "Whether I can trust what it flags."),
            ],
        ),
        (
            "hand_bold.md",
            [
                ("", "unattributed", "# Interview P03"),
                ("Interviewer", "interviewer", "What made you try the app?"),
                (
                    "P03",
                    "participant",
                    "My sister used it. "
                    "She said the summaries helped her remember what she'd said in therapy.",
                ),
                ("Interviewer", "interviewer", "Did they help you too?"),
                ("P03", "participant", "Some weeks. Other weeks I didn't open them at all."),
            ],
        ),
        (
            "hand_hungarian.txt",
            [
                ("Kérdező", "interviewer", "Mióta dolgozik háziorvosként?"),
                ("Válaszadó", "participant", "Tizenkét éve, mindig ugyanabban a rendelőben."),
                ("Kérdező", "interviewer", "És mikor hallott először a programról?"),
                ("Válaszadó", "participant", "Tavaly tavasszal, egy kollégától."),
            ],
        ),
        (
            "hand_spanish.txt",
            [
                ("Entrevistadora", "interviewer", "¿Cómo fue la primera semana con la aplicación?"),
                ("Zoë", "participant", "Más lenta de lo que esperaba, la verdad."),
                ("Entrevistadora", "interviewer", "¿Y después?"),
                ("Zoë", "participant", "Después silencié la mitad de las alertas."),
            ],
        ),
    ],
)
def test_hand_typed_conventions_with_only_the_study_default_labels(name, expected, caplog):
    # study.yaml lists only "Interviewer": I, Q, INTERVIEWER, Kérdező, Entrevistadora are interviewers anyway
    with caplog.at_level(logging.WARNING, logger="thematica.ingest.speakers"):
        turns = _turns(name, ["Interviewer"], "P03" if name == "hand_bold.md" else "X01")
    assert _rows(turns) == expected
    # nothing to warn about: every role is decided by a rule
    assert not [r for r in caplog.records if r.name == "thematica.ingest.speakers"]


def test_offsets_point_at_the_text_in_every_fixture():
    for path in sorted(FORMATS.iterdir()):
        if path.suffix not in (".txt", ".md", ".docx", ".vtt") or path.name.startswith(
            ("pdf", "rev", "README")
        ):
            continue
        text = read_transcript(path)
        turns = transcript_turns(
            text, transcript=path.stem, interviewer_labels=["Speaker 1", "Ann Smith"], path=path.name
        )
        assert all(
            text[s:e] == t for s, e, t in zip(turns["start"], turns["end"], turns["text"], strict=True)
        )


def test_pdf_saved_as_txt_is_named_a_pdf():
    with pytest.raises(ThematicaError) as info:
        read_transcript(FORMATS / "pdf_saved_as.txt")
    assert str(info.value).endswith(
        "pdf_saved_as.txt, line 1: is a PDF, not a text file: its text cannot be "
        "read reliably; export the transcript as text (.txt, UTF-8), .docx, .vtt or .srt from the program "
        "that made the PDF"
    )
