"""Zip helpers for .qdpx archives: fixed-date members for writing, a guarded view for reading."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from thematica.errors import ThematicaError

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_ZIP_ATTR = 0o100644 << 16  # regular file, rw-r--r--
_MAX_MEMBER_BYTES = 256 * 1024 * 1024
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    OverflowError,
    LookupError,
    struct.error,
    zlib.error,
)


def decode_text(data: bytes, *, archive: Path, member: str) -> str:
    """Decode a source file, keeping any BOM as U+FEFF (offsets may count it)."""
    try:
        if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
            enc = "utf-32-le" if data[0] == 0xFF else "utf-32-be"
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            enc = "utf-16-le" if data[0] == 0xFF else "utf-16-be"
        else:
            enc = "utf-8"
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise ThematicaError(
            f"source file {member} is not valid UTF-8/UTF-16 text (byte {exc.start}); "
            "re-export the project with UTF-8 plain-text sources",
            path=archive,
        ) from None


def zip_info(name: str) -> zipfile.ZipInfo:
    """Return a deflated, fixed-date, rw-r--r-- zip entry header for ``name``."""
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = _ZIP_ATTR
    return info


class Archive:
    """A read-only view of a .qdpx zip that converts every zip error."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
            infos = self.zip.infolist()
        except FileNotFoundError:
            raise ThematicaError("the project file does not exist; check the path", path=path) from None
        except _ZIP_ERRORS as exc:
            raise ThematicaError(
                f"{path.name} cannot be opened as a .qdpx (zip) archive ({exc}); re-export it",
                path=path,
            ) from None
        self.names = [i.filename for i in infos if i.filename and not i.filename.endswith("/")]
        self.sizes = {i.filename: i.file_size for i in infos}
        self.lower = {}
        for name in self.names:
            self.lower.setdefault(name.replace("\\", "/").lower(), name)

    def read(self, member: str) -> bytes:
        if self.sizes.get(member, 0) > _MAX_MEMBER_BYTES:
            raise ThematicaError(
                f"member {member} is larger than {_MAX_MEMBER_BYTES >> 20} MiB; this is not a usable export",
                path=self.path,
            )
        try:
            return self.zip.read(member)
        except _ZIP_ERRORS as exc:
            raise ThematicaError(
                f"{self.path.name} cannot be opened as a .qdpx (zip) archive: member {member} "
                f"is damaged ({exc}); re-export it",
                path=self.path,
            ) from None

    def close(self) -> None:
        self.zip.close()

    def project_member(self) -> str:
        qdes = [n for n in self.names if n.lower().endswith(".qde") and not n.startswith("__MACOSX/")]
        if not qdes:
            raise ThematicaError(
                "the archive holds no project file (*.qde); export a REFI-QDA project (.qdpx) again",
                path=self.path,
            )
        exact = [n for n in qdes if n.lower() == "project.qde"]
        if exact:
            return exact[0]
        top = [n for n in qdes if "/" not in n.replace("\\", "/")]
        pool = top or qdes
        if len(pool) > 1:
            raise ThematicaError(
                f"the archive holds several project files ({', '.join(sorted(pool))}); "
                "export a single project",
                path=self.path,
            )
        return pool[0]

    def find_source(self, text_path: str) -> str | None:
        """Find the member behind an ``internal://`` (or relative) plain-text path."""
        ref = text_path.strip()
        ref = re.sub(r"^internal://", "", ref, flags=re.IGNORECASE).replace("\\", "/").lstrip("/").lower()
        for candidate in (ref, f"sources/{ref}"):
            if candidate in self.lower:
                return self.lower[candidate]
        base = PurePosixPath(ref).name
        hits = [n for low, n in self.lower.items() if PurePosixPath(low).name == base]
        return hits[0] if len(hits) == 1 else None
