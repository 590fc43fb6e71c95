"""Builders for the hand-written exports in tests/data/codes/ (their source texts are exact bytes)."""

from __future__ import annotations

import shutil
import unicodedata
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "codes"
MINI = DATA / "mini"
EXPORTS = DATA / "exports"


def transcript(name: str) -> str:
    return (MINI / "transcripts" / f"{name}.txt").read_text(encoding="utf-8")


def nvivo_sources() -> dict[str, str]:
    """Source texts of the NVivo export, keyed by archive member."""
    t1, t2 = transcript("interview_01"), transcript("interview_02")
    s1 = "\ufeff" + unicodedata.normalize("NFD", t1).replace("\n", "\r\n")
    s2 = t2.replace("don't", "don\u2019t").replace("app's", "app\u2019s").replace("it's", "it\u2019s")
    s2 = "\ufeff" + s2.replace(" -- ", " \u2014 ").rstrip("\n").replace("\n", "\r\n\r\n") + "\r\n"
    return {
        "sources/5A000000-0000-4000-8000-000000000001.txt": s1,
        "sources/5A000000-0000-4000-8000-000000000002.txt": s2,
    }


def atlas_sources() -> dict[str, str]:
    return {
        "Sources/E0000000-0000-4000-8000-000000000001.txt": transcript("interview_01").replace(
            "completely.", "completly."
        )
    }


def _zip(path: Path, project_name: str, qde: Path, sources: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(project_name, qde.read_bytes())
        for member, text in sources.items():
            archive.writestr(member, text.encode("utf-8"))
    return path


def nvivo_qdpx(folder: Path) -> Path:
    return _zip(folder / "ana.qdpx", "project.qde", EXPORTS / "nvivo_project.qde", nvivo_sources())


def atlas_qdpx(folder: Path) -> Path:
    return _zip(folder / "ben.qdpx", "Mini study.qde", EXPORTS / "atlas_project.qde", atlas_sources())


def mini_study(root: Path) -> Path:
    """The mini study with all three exports in codes/."""
    shutil.copytree(MINI, root)
    (root / "codes").mkdir()
    nvivo_qdpx(root / "codes")
    atlas_qdpx(root / "codes")
    shutil.copy(EXPORTS / "maxqda_segments.csv", root / "codes" / "cara.csv")
    return root


def mini_texts() -> dict[str, str]:
    return {name: transcript(name) for name in ("interview_01", "interview_02")}
