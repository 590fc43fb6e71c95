"""The saturation figure: drawn from the tables alone, saved byte-identically, one row of panels for a
deductive codebook and two for an inductive one, and code labels that overlap no other text and stay inside
the figure at 18 interviews and at 1,000."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

from tests.unit.saturation.test_study import _inputs
from thematica.figures.saturation import LABEL_GID, LIST_GID, code_labels, plot_saturation
from thematica.figures.style import save_figure
from thematica.saturation.settings import SaturationSettings
from thematica.saturation.study import saturation_tables
from thematica.support.tables import read_csv, write_csv


@pytest.mark.parametrize(("kind", "n_axes"), [("deductive", 3), ("inductive", 6)])
def test_figure_from_written_tables(tmp_path, kind, n_axes):
    tables = saturation_tables(
        **_inputs(),
        settings=SaturationSettings(n_permutations=50, n_bootstrap=20, codebook_kind=kind),
        seed=0,
    )
    paths = {}
    for name in ("curve", "summary", "extrapolation"):
        paths[name] = tmp_path / f"{name}.csv"
        write_csv(getattr(tables, name), paths[name])
    digests = []
    for i in range(2):
        fig = plot_saturation(
            *(read_csv(paths[n]) for n in ("curve", "summary", "extrapolation")),
            study="tiny",
            group_labels={"g1": "Group one", "g2": "Group two"},
        )
        assert len(fig.axes) == n_axes
        assert f"{kind} codebook" in fig._suptitle.get_text()
        out = tmp_path / f"fig{i}.svg"
        save_figure(fig, out)
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    theme = plot_saturation(
        *(read_csv(paths[n]) for n in ("curve", "summary", "extrapolation")),
        study="tiny",
        group_labels={"g1": "Group one", "g2": "Group two"},
        level="theme",
        source="c2",
    )
    save_figure(theme, tmp_path / "theme.png")


def _study(n: int, n_codes: int, seed: int) -> dict:
    """A study of n interviews in two groups: common codes early, rare ones late, long codebook labels."""
    rng = np.random.default_rng(seed)
    ids = [f"P{i:04d}" for i in range(1, n + 1)]
    p = np.concatenate([np.full(n_codes - 6, 0.5), np.full(6, 3.0 / n)])  # six rare codes
    presence = rng.random((n_codes, n)) < p[:, None]
    presence[:, 0] |= p > 0.4  # the common codes all appear in the first interview
    codes = [f"code_{k:02d}" for k in range(n_codes)]
    labels = [f"A long codebook label for code number {k}" for k in range(n_codes)]
    participants = pd.DataFrame({"participant_id": ids, "grp": ["g1" if i % 2 else "g2" for i in range(n)]})
    segments = pd.DataFrame({"segment_id": [f"{x}_s0" for x in ids], "participant_id": ids})
    consensus = pd.DataFrame(
        {
            "segment_id": np.tile(segments["segment_id"].to_numpy(), n_codes),
            "code": np.repeat(codes, n),
            "applied": presence.astype(int).ravel(),
        }
    )
    codebook = pd.DataFrame(
        {"code": codes, "theme": [f"T{k % 4}" for k in range(n_codes)], "label": labels, "theme_label": ""}
    )
    return dict(
        consensus=consensus,
        segment_codes=None,
        codebook=codebook,
        segments=segments,
        participants=participants,
        group_column="grp",
        groups=["g1", "g2"],
    )


def _texts(fig):
    texts = [t for ax in fig.axes for t in ax.texts] + list(fig.texts)
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize(
    ("n", "kind"), [(18, "deductive"), (18, "inductive"), (1000, "deductive"), (1000, "inductive")]
)
def test_labels_overlap_nothing_and_stay_inside_the_figure(n, kind):
    study = _study(n, 16 if n == 18 else 40, seed=n)
    settings = SaturationSettings(
        n_permutations=30, n_bootstrap=10, codebook_kind=kind, coders=False, levels=("code",)
    )
    tables = saturation_tables(**study, settings=settings, seed=0)
    fig = plot_saturation(
        tables.curve,
        tables.summary,
        tables.extrapolation,
        study="shape",
        group_labels={"g1": "Group one", "g2": "Group two"},
        codebook=study["codebook"],
    )
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = _texts(fig)
    labels = [t for t in texts if t.get_gid() in (LABEL_GID, LIST_GID)]
    assert labels, "the late codes are named, on the curve or in a list"
    assert all("long codebook label" in t.get_text() for t in labels)  # labels, not ids
    assert not any("code_" in t.get_text() for t in labels)
    frame = fig.bbox
    boxes = [Text.get_window_extent(t, renderer) for t in texts]
    for t, box in zip(texts, boxes, strict=True):
        if t.get_gid() in (LABEL_GID, LIST_GID):
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
    for (a, box_a), (b, box_b) in [(x, y) for x, y in _pairs(list(zip(texts, boxes, strict=True)))]:
        if LABEL_GID in (a.get_gid(), b.get_gid()) or LIST_GID in (a.get_gid(), b.get_gid()):
            assert not box_a.overlaps(box_b), (a.get_text(), b.get_text())
    if kind == "deductive":
        assert len(fig.axes) in (3, 4) and "Chao2" not in " ".join(t.get_text() for t in texts)


def _pairs(items):
    return [(items[i], items[j]) for i in range(len(items)) for j in range(i + 1, len(items))]


def test_code_labels_fall_back_to_ids():
    book = pd.DataFrame({"code": ["a", "b"], "label": ["Alpha", None], "theme": ["T", "T"]})
    assert code_labels(book) == {"a": "Alpha", "b": "b"}
    assert code_labels(book, "theme") == {"T": "T"}
    assert code_labels(None) == {}
