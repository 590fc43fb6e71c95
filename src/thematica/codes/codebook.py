"""The codebook: ``codebook.csv``, a REFI-QDA ``.qdc`` or the code tree of coders' ``.qdpx``.

Themes are parents; codes are what coders apply. The table has one row per code, in file order:

``code, theme, label, definition, theme_label, parent, level, path`` and, from a CSV, any further
columns (such as ``bordin``) as text. ``parent`` is the code's direct parent (the theme itself for
a code that is its own theme); ``theme`` is its ancestor at the theme level; ``level`` is its depth
in the tree (1 = top level, after folders are set aside) and ``path`` the labels from level 1 down
to the code, joined by `` > ``.

A CSV names each code's theme: codes are at level 2 under their level-1 theme (deeper when the
``parent`` column names another code), a code whose id is its theme's id is level 1.

A tree (``.qdc``/``.qdpx``) is mapped with these rules, applied in order:

1. **Folders.** A top-level code with ``isCodable="false"`` whose subtree is more than two levels
   deep (it has grandchildren) is a folder: neither theme nor code, its children count as top
   level (again a folder if they match the rule). A non-codable top-level code whose children are
   all leaves (NVivo's "Access" > "Waiting") stays a theme.
2. **Themes** are the codes at ``theme_level`` (default 1, the top level after folders).
3. **Grouping codes** above the theme level are not rows; they appear in ``path``.
4. **Codes** are the codable codes below the theme level, at any depth (an intermediate code that
   has children is a code too). A non-codable code below the theme level only groups its
   children (it stays their ``parent`` and in their ``path``).
5. A branch that ends at or above the theme level (a leaf theme, or a leaf grouping code) is a
   code of its own one-code theme (with a warning).
6. A codable theme that has children is a code too (``code == theme``) only with
   ``theme_codes=True``; otherwise a coding that applies it stops the import ("is a theme, not a
   code").

Several ``.qdpx`` give the union of their code trees: codes are identified by the id
:func:`thematica.refiqda.codebook.codes_from` gives them (the ``[code id: ...]`` line, else the
name when unique in its file, else the ``Parent/Child`` path, else the GUID); a code in several
files counts once, the first file in sorted order decides its place.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from thematica.errors import ThematicaError
from thematica.ingest.textio import read_text_file

logger = logging.getLogger(__name__)

CODEBOOK_COLUMNS = ["code", "theme", "label", "definition", "theme_label", "parent", "level", "path"]
_REQUIRED = ("code", "theme")
_TREE_SUFFIXES = (".qdc", ".xml", ".qdpx", ".qde")
PATH_SEPARATOR = " > "


def read_codebook(
    path: str | Path | Sequence[str | Path], *, theme_level: int = 1, theme_codes: bool = False
) -> pd.DataFrame:
    """Read a codebook from ``codebook.csv``, a REFI-QDA ``.qdc`` or one or more ``.qdpx``.

    Parameters
    ----------
    path
        A ``.csv`` with columns ``code`` and ``theme`` (``label``, ``definition``, ``parent`` and
        any other columns optional); a ``.qdc``; or one ``.qdpx`` or a list of them, whose code
        trees are united (see the module docstring for the rules).
    theme_level
        For a code tree: the level (>= 1, counted after folders) whose codes are the themes.
        Ignored for a CSV, which names the themes.
    theme_codes
        For a code tree: keep a codable theme that has children as a code as well.

    Returns
    -------
    pandas.DataFrame
        One row per code: ``code, theme, label, definition, theme_label, parent, level, path`` +
        extra CSV columns; ``level`` is an integer, every other column a string; in file order.

    Raises
    ------
    ThematicaError
        Naming the file and line for a missing column, an empty or duplicate code id, an empty
        theme, a file without codes, XML that cannot be read, or a theme level deeper than the tree.
    """
    paths = [Path(path)] if isinstance(path, (str, Path)) else [Path(p) for p in path]
    if not paths:
        raise ThematicaError("no codebook given; add codebook.csv, codebook.qdc or a coder's .qdpx")
    if isinstance(theme_level, bool) or not isinstance(theme_level, int) or theme_level < 1:
        raise ThematicaError(f"codes.theme_level must be an integer >= 1, not {theme_level!r}")
    suffixes = [p.suffix.lower() for p in paths]
    if len(paths) == 1 and suffixes[0] == ".csv":
        table = _read_csv_codebook(paths[0])
    elif all(s in _TREE_SUFFIXES for s in suffixes) and (len(paths) == 1 or set(suffixes) == {".qdpx"}):
        table = _read_tree_codebook(paths, theme_level, theme_codes)
    else:
        bad = next((p for p, s in zip(paths, suffixes, strict=True) if s not in _TREE_SUFFIXES), paths[0])
        raise ThematicaError(
            f"unsupported codebook type '{bad.suffix}'; give codebook.csv, a REFI-QDA codebook.qdc or "
            "coders' .qdpx exports",
            path=bad,
        )
    where = paths[0] if len(paths) == 1 else paths[0].parent
    if table.empty:
        raise ThematicaError("the codebook holds no codes; list at least one code under a theme", path=where)
    logger.info(
        "codebook %s: %d codes in %d themes",
        ", ".join(p.name for p in paths),
        len(table),
        table["theme"].nunique(),
    )
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
    computed = ("level", "path")
    clash = [header[i] for i, c in enumerate(lower) if c in computed]
    if clash:
        raise ThematicaError(
            f"column(s) {clash} are computed from the theme and parent columns; rename or remove them",
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
    by_code = {rec["code"]: rec for rec in records}
    for rec in records:
        chain = _csv_chain(rec, by_code, path, seen)
        rec["level"] = len(chain)
        rec["path"] = PATH_SEPARATOR.join(chain)
    extras = [n for n in names if n not in CODEBOOK_COLUMNS]
    table = pd.DataFrame(records, columns=CODEBOOK_COLUMNS + extras)
    return _typed(table)


def _csv_chain(rec: dict, by_code: dict[str, dict], path: Path, lines: dict[str, int]) -> list[str]:
    """Labels from the theme down to a CSV code, following ``parent`` through other codes."""
    if rec["code"] == rec["theme"]:
        return [rec["label"]]
    chain = [rec["label"]]
    seen = {rec["code"]}
    parent = rec["parent"]
    while parent != rec["theme"] and parent in by_code:
        if parent in seen:
            raise ThematicaError(
                f"code {rec['code']!r} is its own ancestor through the parent column; fix the parents",
                path=path,
                line=lines[rec["code"]],
            )
        seen.add(parent)
        chain.append(by_code[parent]["label"])
        parent = by_code[parent]["parent"]
    chain.append(rec["theme_label"])
    return chain[::-1]


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    table = table.astype(str)
    table["level"] = table["level"].astype("int64")
    return table


def _read_tree_codebook(paths: list[Path], theme_level: int, theme_codes: bool) -> pd.DataFrame:
    from thematica.refiqda.codebook import read_code_tree, union_code_trees

    trees = [read_code_tree(p) for p in paths]
    tree = trees[0] if len(trees) == 1 else union_code_trees(trees)
    if len(paths) > 1:
        logger.info(
            "codebook: the union of the code trees of %d exports (%s): %d codes",
            len(paths),
            ", ".join(p.name for p in paths),
            len(tree.codes),
        )
    where = paths[0] if len(paths) == 1 else paths[0].parent
    return map_code_tree(
        tree.codes, tree.codable, theme_level=theme_level, theme_codes=theme_codes, path=where
    )


def map_code_tree(
    codes: list,
    codable: dict[str, bool] | None = None,
    *,
    theme_level: int = 1,
    theme_codes: bool = False,
    path: str | Path | None = None,
) -> pd.DataFrame:
    """Map a code tree onto the codebook table under the rules of the module docstring.

    Parameters
    ----------
    codes
        :class:`thematica.refiqda.Code` records in pre-order (parents before children).
    codable
        Code id -> ``isCodable``; absent ids are codable.
    theme_level, theme_codes
        As in :func:`read_codebook`.
    path
        The file named in messages.

    Examples
    --------
    >>> from thematica.refiqda import Code
    >>> tree = [Code("f", "Folder"), Code("a", "A", parent="f"), Code("b", "B", parent="a"),
    ...         Code("c", "C", parent="b")]
    >>> book = map_code_tree(tree, {"f": False})
    >>> book[["code", "theme", "parent", "level", "path"]].values.tolist()
    [['b', 'a', 'a', 2, 'A > B'], ['c', 'a', 'b', 3, 'A > B > C']]
    """
    codable = codable or {}
    by_id = {c.code: c for c in codes}
    children: dict[str | None, list[str]] = {}
    for c in codes:
        children.setdefault(c.parent, []).append(c.code)
    depth: dict[str, int] = {}
    for c in reversed(codes):
        depth[c.code] = 1 + max((depth[k] for k in children.get(c.code, [])), default=0)
    folders: set[str] = set()
    roots: list[str] = []
    pending = list(children.get(None, []))
    while pending:
        code_id = pending.pop(0)
        if not codable.get(code_id, True) and depth[code_id] > 2:
            folders.add(code_id)
            pending = children.get(code_id, []) + pending
        else:
            roots.append(code_id)
    if folders:
        logger.info(
            "%s: %d non-codable folder(s) set aside, their children count as top level: %s",
            path,
            len(folders),
            ", ".join(sorted(by_id[f].label for f in folders)),
        )
    deepest = max((depth[r] for r in roots), default=0)
    if theme_level > deepest:
        raise ThematicaError(
            f"codes.theme_level is {theme_level} but the deepest code (after {len(folders)} folder(s)) "
            f"is at level {deepest}; lower codes.theme_level",
            path=path,
        )
    records: list[dict] = []
    skipped = 0
    stack: list[tuple[str, int, tuple[str, ...], str | None]] = [(r, 1, (), None) for r in reversed(roots)]
    while stack:
        code_id, level, above, theme = stack.pop()
        c = by_id[code_id]
        label = c.label or c.code
        labels = above + (label,)
        kids = children.get(code_id, [])
        if level == theme_level:
            theme = code_id
        row_theme, row_parent = theme, c.parent
        if not kids and level <= theme_level:
            what = "theme" if level == theme_level else f"code at level {level}, above the theme level"
            logger.warning("%s: %s %r has no sub-codes; it is its own theme", path, what, c.code)
            keep, row_theme, row_parent = True, code_id, code_id
        elif level == theme_level:
            keep = theme_codes and codable.get(code_id, True)
            row_parent = code_id
        elif level > theme_level:
            keep = codable.get(code_id, True)
            skipped += not keep
        else:
            keep = False
        if keep:
            theme_code = by_id[row_theme]
            records.append(
                {
                    "code": c.code,
                    "theme": row_theme,
                    "label": label,
                    "definition": c.definition,
                    "theme_label": theme_code.label or theme_code.code,
                    "parent": row_parent or row_theme,
                    "level": level,
                    "path": PATH_SEPARATOR.join(labels),
                }
            )
        stack.extend((k, level + 1, labels, theme) for k in reversed(kids))
    if skipped:
        logger.info(
            "%s: %d non-codable code(s) below the theme level only group their sub-codes", path, skipped
        )
    return _typed(pd.DataFrame(records, columns=CODEBOOK_COLUMNS))


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
    only a theme (or a grouping code of the ``path`` column) is reported as a theme.

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
        if "path" in codebook:  # grouping codes above the theme level and non-codable codes
            themes |= {name for p in codebook["path"] for name in str(p).split(PATH_SEPARATOR)}
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
