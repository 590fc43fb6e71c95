"""The codebook: ``codebook.csv`` or a REFI-QDA ``.qdc``, as one table of codes under themes.

Themes are parents; codes are what coders apply. The table has one row per code, in file order:

``code, theme, label, definition, theme_label, parent`` and, from a CSV, any further columns
(such as ``bordin``) as text. ``parent`` is the code's direct parent (the theme itself unless a
``.qdc`` nests deeper); ``theme`` is its top-level ancestor.

In a ``.qdc`` the top-level codes are the themes and every code below them is a code; a
top-level code without children is a code of its own one-code theme (with a warning).
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from thematica.errors import ThematicaError
from thematica.textio import read_text_file

logger = logging.getLogger(__name__)

CODEBOOK_COLUMNS = ["code", "theme", "label", "definition", "theme_label", "parent"]
_REQUIRED = ("code", "theme")


def read_codebook(path: str | Path) -> pd.DataFrame:
    """Read a codebook from ``codebook.csv`` or a REFI-QDA ``.qdc``.

    Parameters
    ----------
    path
        A ``.csv`` with columns ``code`` and ``theme`` (``label``, ``definition`` and any other
        columns optional) or a ``.qdc`` whose top-level codes are themes.

    Returns
    -------
    pandas.DataFrame
        One row per code: ``code, theme, label, definition, theme_label, parent`` + extra CSV
        columns, all strings, in file order.

    Raises
    ------
    ThematicaError
        Naming the file and line for a missing column, an empty or duplicate code id, an empty
        theme, a file without codes or XML that cannot be read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        table = _read_csv_codebook(path)
    elif suffix in (".qdc", ".xml"):
        table = _read_qdc_codebook(path)
    else:
        raise ThematicaError(
            f"unsupported codebook type '{path.suffix}'; give codebook.csv or a REFI-QDA codebook.qdc",
            path=path,
        )
    if table.empty:
        raise ThematicaError("the codebook holds no codes; list at least one code under a theme", path=path)
    logger.info("codebook %s: %d codes in %d themes", path.name, len(table), table["theme"].nunique())
    return table.reset_index(drop=True)


def _read_csv_codebook(path: Path) -> pd.DataFrame:
    rows = list(csv.reader(io.StringIO(read_text_file(path))))
    header = [h.strip() for h in rows[0]] if rows else []
    lower = [h.lower() for h in header]
    missing = [c for c in _REQUIRED if c not in lower]
    if missing:
        raise ThematicaError(
            f"missing column(s) {missing}; a codebook CSV needs code and theme (label, definition "
            f"optional); found {header}",
            path=path,
            line=1,
        )
    names = [c if c in CODEBOOK_COLUMNS else header[i] for i, c in enumerate(lower)]
    records = []
    seen: dict[str, int] = {}
    for line, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise ThematicaError(
                f"has {len(values)} fields but the header has {len(header)}; quote fields that "
                "contain commas",
                path=path,
                line=line,
            )
        rec = {name: value.strip() for name, value in zip(names, values, strict=True)}
        for column in _REQUIRED:
            if not rec[column]:
                raise ThematicaError(
                    f"empty '{column}'; every code needs an id and a theme", path=path, line=line
                )
        if rec["code"] in seen:
            raise ThematicaError(
                f"duplicate code {rec['code']!r} (also on line {seen[rec['code']]}); code ids must be unique",
                path=path,
                line=line,
            )
        seen[rec["code"]] = line
        rec.setdefault("label", "")
        rec["label"] = rec["label"] or rec["code"]
        rec.setdefault("definition", "")
        rec.setdefault("theme_label", "")
        rec["theme_label"] = rec["theme_label"] or rec["theme"]
        rec.setdefault("parent", "")
        rec["parent"] = rec["parent"] or rec["theme"]
        records.append(rec)
    extras = [n for n in names if n not in CODEBOOK_COLUMNS]
    return pd.DataFrame(records, columns=CODEBOOK_COLUMNS + extras).astype(str)


def _read_qdc_codebook(path: Path) -> pd.DataFrame:
    from thematica.refiqda import read_qdc

    codes = read_qdc(path)
    by_id = {c.code: c for c in codes}
    has_children = {c.parent for c in codes if c.parent is not None}
    records = []
    for c in codes:
        top = c
        while top.parent is not None:
            top = by_id[top.parent]
        if c.parent is None and c.code in has_children:
            continue
        if c.parent is None:
            logger.warning("%s: top-level code %r has no sub-codes; it is its own theme", path, c.code)
        records.append(
            {
                "code": c.code,
                "theme": top.code,
                "label": c.label or c.code,
                "definition": c.definition,
                "theme_label": top.label or top.code,
                "parent": c.parent or top.code,
            }
        )
    return pd.DataFrame(records, columns=CODEBOOK_COLUMNS).astype(str)


def normalise_name(name: str) -> str:
    """Compare names loosely: case-folded, runs of non-alphanumerics as one ``_``.

    Examples
    --------
    >>> normalise_name("  Human presence ") == normalise_name("human_presence")
    True
    """
    return re.sub(r"[\W_]+", "_", name.casefold()).strip("_")


class CodeMatcher:
    """Resolve the code names used in an export to codebook code ids.

    A name matches, in this order: a code id exactly, a code label exactly, then a code id or label
    compared with :func:`normalise_name`; each step must give a single code. A name that matches
    only a theme is reported as a theme.

    Parameters
    ----------
    codebook
        The table from :func:`read_codebook`.

    Examples
    --------
    >>> book = pd.DataFrame({"code": ["trust", "wait"], "theme": ["rel", "access"],
    ...                      "label": ["Trust in staff", "Waiting"], "theme_label": ["Rel", "Access"]})
    >>> m = CodeMatcher(book)
    >>> m.resolve(["Trust in staff"]), m.resolve(["WAIT"]), m.resolve(["Access"]), m.resolve(["x"])
    (('trust', ''), ('wait', ''), (None, 'theme'), (None, 'unknown'))
    """

    def __init__(self, codebook: pd.DataFrame) -> None:
        self.codes = list(codebook["code"])
        self._ids = set(self.codes)
        self._label = _unique_map(zip(codebook["label"], codebook["code"], strict=True))
        loose = [(normalise_name(c), c) for c in codebook["code"]]
        loose += [
            (normalise_name(lab), c) for lab, c in zip(codebook["label"], codebook["code"], strict=True)
        ]
        self._loose = _unique_map(loose)
        themes = set(codebook["theme"])
        if "theme_label" in codebook:
            themes |= set(codebook["theme_label"])
        self._themes = {normalise_name(t) for t in themes} - set(self._loose)

    def resolve(self, names: Iterable[str]) -> tuple[str | None, str]:
        """Return ``(code id, "")`` or ``(None, "theme" | "unknown")`` for the first name that matches."""
        names = [n.strip() for n in names if n and n.strip()]
        for table in (None, self._label, self._loose):
            for name in names:
                if table is None:
                    if name in self._ids:
                        return name, ""
                    continue
                key = name if table is self._label else normalise_name(name)
                code = table.get(key)
                if code is not None:
                    return code, ""
        if any(normalise_name(n) in self._themes for n in names):
            return None, "theme"
        return None, "unknown"


def _unique_map(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Key -> value for keys that map to one value only."""
    found: dict[str, set[str]] = {}
    for key, value in pairs:
        if key:
            found.setdefault(key, set()).add(value)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
