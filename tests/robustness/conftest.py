"""Helpers for the robustness suite: valid sample files to damage, and the one allowed error type."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from thematica.errors import ThematicaError

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "data" / "raw"
#: Small valid files of every format the parsers read, taken from the demo studies.
SAMPLES = {
    ".txt": RAW / "demo_alliance" / "transcripts" / "interview_02.txt",
    ".vtt": RAW / "demo_alliance" / "transcripts" / "interview_01.vtt",
    ".srt": RAW / "demo_alliance" / "transcripts" / "interview_05.srt",
    ".docx": RAW / "demo_alliance" / "transcripts" / "interview_03.docx",
    ".qdpx": RAW / "demo_physicians" / "codes" / "coder_1.qdpx",
    ".qdc": RAW / "demo_physicians" / "codebook.qdc",
    "codes.csv": RAW / "demo_alliance" / "codes" / "coder_1.csv",
    "codebook.csv": RAW / "demo_alliance" / "codebook.csv",
}


def sample_bytes(key: str, limit: int | None = None) -> bytes:
    data = SAMPLES[key].read_bytes()
    return data if limit is None else data[:limit]


@contextmanager
def written(data: bytes, name: str):
    """A temporary file called ``name`` holding ``data`` (hypothesis-safe: no pytest fixture)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


def only_thematica_errors(call: Callable[[], object]) -> ThematicaError | None:
    """Run ``call``; return the ThematicaError it raised, None if it succeeded; anything else fails."""
    try:
        call()
    except ThematicaError as error:
        assert str(error).strip(), "an empty error message"
        return error
    return None


def small_zip_of(entries: dict[str, bytes]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()
