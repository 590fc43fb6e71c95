"""Write otter.docx and teams.docx, the Word exports of Otter.ai and Microsoft Teams (see README.md).

Run from the repository root: ``.venv/bin/python tests/data/formats/make_docx.py``. The files are committed;
python-docx writes no timestamps we read, so rerunning changes nothing the tests see.
"""

from pathlib import Path

import docx

HERE = Path(__file__).parent


def otter() -> None:
    """Otter.ai's .docx: a paragraph "Name  0:03", the speech in the next paragraph, the footer last."""
    document = docx.Document()
    for speaker, time, text in [
        ("Speaker 1", "0:03", "Thanks for making the time. How did you come to use the app?"),
        ("Zoë", "0:12", "My therapist suggested it after our third session."),
        ("Speaker 1", "1:05", "What changed your mind?"),
        ("Zoë", "1:09", "The mood check-ins. They were short enough that I actually did them."),
    ]:
        document.add_paragraph(f"{speaker}  {time}")
        document.add_paragraph(text)
    document.add_paragraph("Transcribed by https://otter.ai")
    document.save(HERE / "otter.docx")


def teams() -> None:
    """Teams' .docx: title, date and duration lines, "X started transcription", then one paragraph per turn
    holding "Name   0:03", a line break and the speech; "X stopped transcription" last."""
    document = docx.Document()
    document.add_paragraph("Interview N04 – nurse-20240312_090312-Meeting Recording")
    document.add_paragraph("March 12, 2024, 9:03AM")
    document.add_paragraph("45m 12s")
    document.add_paragraph("Ann Smith started transcription")
    for speaker, time, text in [
        ("Ann Smith", "0:03", "Thanks for joining. Can you tell me about your role on the ward?"),
        ("N04", "0:13", "I've been a nurse there for eleven years, mostly nights."),
        ("Ann Smith", "1:02", "And the handover?"),
        ("N04", "1:07", "That's where the new tool shows up first."),
    ]:
        paragraph = document.add_paragraph(f"{speaker}   {time}")
        paragraph.add_run().add_break()
        paragraph.add_run(text)
    document.add_paragraph("Ann Smith stopped transcription")
    document.save(HERE / "teams.docx")


if __name__ == "__main__":
    otter()
    teams()
