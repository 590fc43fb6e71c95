"""Alpha for unitizing: agreement on where coded passages begin and end, computed on the raw spans.

Coders do not code predefined units: they mark passages (spans) of a continuum, here the canonical text of
a transcript, measured in Unicode code points. Each coder's marks cut the continuum into *sections*:
units (spans) and the gaps between them. Two families of coefficients compare these sections directly,
without any segmentation.

Per category: Krippendorff's alpha_U (1995, 2004 ch. 12)
-----------------------------------------------------------
For one category (one code, or a theme = the union of its codes), coder ``i``'s units ``g`` have
beginning ``b_ig``, length ``l_ig`` and end ``e_ig = b_ig + l_ig``; gaps are the rest of the continuum.
The difference between a section ``g`` of coder ``i`` and a section ``h`` of coder ``j`` is

- ``(b_ig - b_jh)^2 + (e_ig - e_jh)^2`` if both are units and they overlap;
- ``l_ig^2`` if ``g`` is a unit lying inside the gap ``h`` (coder ``j`` did not mark it at all), and
  ``l_jh^2`` for the converse;
- 0 otherwise (two gaps, or a unit that only partly meets a gap: the overlapping unit accounts for it).

For ``m`` coders on a continuum of length ``L``, with ``N_c`` units in all and ``n = m L``:

.. math::

    D_o = \\frac{\\sum_i \\sum_{j \\ne i} \\sum_g \\sum_h \\delta^2_{ig,jh}}{m (m-1) L^2}, \\qquad
    D_e = \\frac{\\frac{2}{L} \\sum_{ig \\in \\text{units}} \\Big[\\frac{N_c - 1}{3}(2 l_{ig}^3
          - 3 l_{ig}^2 + l_{ig}) + l_{ig}^2 \\sum_{jh \\in \\text{gaps},\\, l_{jh} \\ge l_{ig}}
          (l_{jh} - l_{ig} + 1)\\Big]}
          {n (n - 1) - \\sum_{ig \\in \\text{units}} l_{ig} (l_{ig} - 1)},

and ``alpha_U = 1 - D_o / D_e`` (Krippendorff 2004, p. 253; ``D_e`` is the disagreement expected when the
same units and gaps are placed at random). Over all categories ``alpha_U = 1 - sum_c D_oc / sum_c D_ec``.
This reproduces the 2004 book's worked example (``D_o = .0144``, ``D_e = .0532``, ``alpha_c = .7286``;
``alpha_k = 1``; overall ``.8591``) and, in the continuous limit, the 1995 paper's four examples.

Codebook: u-alpha and |u-alpha (Krippendorff, Mathet, Bouvry & Widlöcher 2016)
-------------------------------------------------------------------------------
Every section of coder ``i`` carries a value: the gap value ``∅`` or a category. Observed coincidences
are lengths of intersections between sections of different coders,

.. math::

    \\ell_{ck} = \\frac{1}{m - 1} \\sum_i \\sum_{j \\ne i} \\sum_{g: c} \\sum_{h: k} |s_{ig} \\cap s_{jh}|,

(so ``ell_.. = m L``), and expected coincidences keep each unit whole (it cannot pair with itself) while
gaps, having no structure, are treated as single points:

.. math::

    \\varepsilon_{ck} = \\ell_{..} \\frac{\\ell_{c.} \\ell_{.k} - [c = k] S_c}{\\ell_{..}^2 - \\sum_c S_c},
    \\qquad S_c = \\sum_{ig: c} l_{ig}^2 \\ (c \\ne ∅), \\qquad S_∅ = \\sum_{ig: ∅} l_{ig}.

``u-alpha = 1 - (ell_.. - sum_c ell_cc) / (ell_.. - sum_c eps_cc)`` measures agreement on the whole
unitization, boundaries and values together (nominal); ``|u-alpha`` collapses all non-gap values into one,
``1 - ell_(∅,rel) / eps_(∅,rel)``: agreement on what is relevant at all. When every section has length 1,
``u-alpha`` is the ordinary nominal alpha of the position x coder matrix (a test checks this against the
``krippendorff`` package). This reproduces the paper's worked example of three observers on a continuum of
60 (also Krippendorff 2019, section 12.6): ``u-alpha = .510``, ``|u-alpha = .414``; there adjacent units of
one value stay separate units (merging them would give .513 and .417).

Choices made here, beyond the papers
------------------------------------
- **Many transcripts.** Each transcript is its own continuum of length ``L_t`` (its canonical text),
  judged only by the coders who saw it (``m_t``; transcripts with ``m_t < 2`` are unpairable and skipped).
  Sums run over all pairable transcripts, pairs of coders are weighted ``1 / (m_t - 1)`` as values in
  ordinary alpha, and ``n = sum_t m_t L_t``; ``L`` cancels from ``alpha_U``. A gap never crosses a
  transcript boundary. With one transcript and every coder, the formulas are the papers'.
- **Overlapping spans.** Two overlapping spans of one category by one coder are merged into one unit (the
  formulas assume a coder's units of a category do not overlap); touching spans stay separate units.
  Spans of *different* codes may overlap in qualitative coding; for the 2016 coefficients the value of a
  section is the *set* of codes covering it (sections are cut at every span boundary), compared nominally.

References
----------
Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological Methodology, 25,
47-76. Krippendorff, K. (2004). Content analysis: An introduction to its methodology (2nd ed.), ch. 12.
Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016). On the reliability of unitizing textual
continua: Further developments. Quality & Quantity, 50, 2347-2364.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from thematica.errors import ThematicaError

log = logging.getLogger(__name__)

#: One coder's units of a category on one continuum: an ``(k, 2)`` array of ``[start, end)`` offsets.
Units = np.ndarray


@dataclass(frozen=True)
class Continuum:
    """One continuum (a transcript) and the units each of its coders marked.

    Attributes
    ----------
    length
        Length ``L`` of the continuum.
    units
        One entry per coder who saw the continuum: shape ``(k, 2)`` ``[start, end)`` of the coder's units
        of one category (``k`` may be 0), or for :func:`u_alpha` a sequence of ``(start, end, value)``.
    """

    length: int
    units: Sequence


@dataclass(frozen=True)
class AlphaU:
    """Per-category alpha_U with its disagreements (Krippendorff 1995/2004)."""

    alpha: float
    observed: float
    expected: float
    n_units: int
    pairable_length: float


@dataclass(frozen=True)
class UAlphaFamily:
    """u-alpha and |u-alpha (Krippendorff et al. 2016) with the coincidences behind them.

    Attributes
    ----------
    u_alpha, bar_u_alpha
        The two coefficients (``NaN`` if undefined).
    values
        Shape ``(V,)``: the section values, the gap value first.
    observed, expected
        Shape ``(V, V)``: the coincidences ``ell_ck`` and ``eps_ck``.
    """

    u_alpha: float
    bar_u_alpha: float
    values: list
    observed: np.ndarray
    expected: np.ndarray


def merge_overlaps(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Sort spans and merge those that overlap; touching spans stay separate.

    Parameters
    ----------
    starts, ends
        Shape ``(k,)``: ``[start, end)`` offsets.

    Returns
    -------
    numpy.ndarray
        Shape ``(k', 2)``, sorted, non-overlapping; empty spans dropped.

    Examples
    --------
    >>> merge_overlaps(np.array([5, 0, 8, 10]), np.array([9, 3, 10, 12])).tolist()
    [[0, 3], [5, 10], [10, 12]]
    """
    s = np.asarray(starts, dtype=np.int64)
    e = np.asarray(ends, dtype=np.int64)
    keep = e > s
    s, e = s[keep], e[keep]
    if len(s) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    order = np.lexsort((e, s))
    s, e = s[order], e[order]
    running_end = np.maximum.accumulate(e)
    new = np.ones(len(s), dtype=bool)
    new[1:] = s[1:] >= running_end[:-1]
    group = np.cumsum(new) - 1
    merged_start = s[new]
    merged_end = np.zeros(len(merged_start), dtype=np.int64)
    np.maximum.at(merged_end, group, e)
    return np.column_stack([merged_start, merged_end])


def _gaps(units: Units, length: int) -> np.ndarray:
    """Lengths of the gaps a coder's units leave on ``[0, length)`` (shape ``(k,)``, positive only)."""
    edges = np.concatenate([[0], units.reshape(-1), [length]]).reshape(-1, 2)
    gaps = edges[:, 1] - edges[:, 0]
    return gaps[gaps > 0]


def _pair_difference(a: Units, b: Units) -> float:
    """``sum_g sum_h delta^2`` between two coders' units of one category (one order of the pair)."""
    if len(a) == 0 and len(b) == 0:
        return 0.0
    total = 0.0
    lo = np.searchsorted(b[:, 1], a[:, 0], side="right") if len(b) else np.zeros(len(a), dtype=np.int64)
    hi = np.searchsorted(b[:, 0], a[:, 1], side="left") if len(b) else np.zeros(len(a), dtype=np.int64)
    count = np.maximum(hi - lo, 0)
    if count.sum():
        ia = np.repeat(np.arange(len(a)), count)
        offsets = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
        ib = np.repeat(lo, count) + offsets
        total += float(((a[ia, 0] - b[ib, 0]) ** 2 + (a[ia, 1] - b[ib, 1]) ** 2).astype(float).sum())
    a_alone = a[count == 0]
    total += float(((a_alone[:, 1] - a_alone[:, 0]).astype(float) ** 2).sum())
    if len(b):
        lo_b = np.searchsorted(a[:, 1], b[:, 0], side="right") if len(a) else np.zeros(len(b), dtype=np.int64)
        hi_b = np.searchsorted(a[:, 0], b[:, 1], side="left") if len(a) else np.zeros(len(b), dtype=np.int64)
        b_alone = b[np.maximum(hi_b - lo_b, 0) == 0]
        total += float(((b_alone[:, 1] - b_alone[:, 0]).astype(float) ** 2).sum())
    return total


def alpha_u(continua: Sequence[Continuum]) -> AlphaU:
    """Krippendorff's alpha_U for one category over one or more continua.

    Parameters
    ----------
    continua
        Each with its length and, per coder who saw it, the ``(k, 2)`` units of the category (overlapping
        units are merged first). Continua with fewer than two coders are skipped.

    Returns
    -------
    AlphaU
        ``alpha`` is ``NaN`` when no coder marked any unit (``D_e = 0``).

    Examples
    --------
    Krippendorff's (2004, p. 254) example, category c on a continuum from 150 to 450, shifted to 0:

    >>> c = Continuum(300, [np.array([[75, 145], [220, 250]]), np.array([[70, 150], [205, 225], [250, 270]])])
    >>> result = alpha_u([c])
    >>> round(result.observed, 4), round(result.expected, 4), round(result.alpha, 4)
    (0.0144, 0.0532, 0.7286)
    """
    observed_sum = 0.0
    n = 0.0
    total_length = 0.0
    unit_lengths: list[np.ndarray] = []
    gap_lengths: list[np.ndarray] = []
    for continuum in continua:
        m = len(continuum.units)
        if m < 2 or continuum.length <= 0:
            continue
        units = [
            merge_overlaps(u[:, 0], u[:, 1]) if len(u) else np.zeros((0, 2), np.int64)
            for u in map(_as_units, continuum.units)
        ]
        pair_total = 0.0
        for i in range(m):
            for j in range(i + 1, m):
                pair_total += _pair_difference(units[i], units[j])
        observed_sum += 2.0 * pair_total / (m - 1)
        n += m * continuum.length
        total_length += continuum.length
        for u in units:
            unit_lengths.append((u[:, 1] - u[:, 0]).astype(float))
            gap_lengths.append(_gaps(u, continuum.length).astype(float))
    lengths = np.concatenate(unit_lengths) if unit_lengths else np.zeros(0)
    if n == 0:
        return AlphaU(float("nan"), float("nan"), float("nan"), 0, 0.0)
    observed = observed_sum / (n * total_length)
    gaps = np.sort(np.concatenate(gap_lengths)) if gap_lengths else np.zeros(0)
    n_units = len(lengths)
    if n_units == 0:
        return AlphaU(float("nan"), observed, 0.0, 0, n)
    # sum over gaps with g >= l of (g - l + 1) = (sum of those g) - (l - 1) * (their count)
    suffix = np.concatenate([np.cumsum(gaps[::-1])[::-1], [0.0]])
    first = np.searchsorted(gaps, lengths, side="left")
    in_gaps = suffix[first] - (lengths - 1.0) * (len(gaps) - first)
    numerator = (
        (n_units - 1) / 3.0 * (2 * lengths**3 - 3 * lengths**2 + lengths) + lengths**2 * in_gaps
    ).sum()
    denominator = n * (n - 1.0) - (lengths * (lengths - 1.0)).sum()
    expected = 2.0 / total_length * numerator / denominator
    value = 1.0 - observed / expected if expected > 0 else float("nan")
    return AlphaU(float(value), float(observed), float(expected), n_units, float(n))


def _as_units(units) -> np.ndarray:
    array = np.asarray(units, dtype=np.int64)
    return array.reshape(-1, 2)


def u_alpha(continua: Sequence[Continuum], gap: Hashable = None) -> UAlphaFamily:
    """u-alpha and |u-alpha over one or more continua.

    Parameters
    ----------
    continua
        Each with its length and, per coder who saw it, a sequence of ``(start, end, value)`` spans; a
        position covered by several spans of one coder takes the set of their values, a position covered
        by none the gap value.
    gap
        The gap value (only used to label the output).

    Returns
    -------
    UAlphaFamily

    Examples
    --------
    Two coders on a continuum of 10; one marks [2, 6) as "a", the other [3, 6) as "a":

    >>> c = Continuum(10, [[(2, 6, "a")], [(3, 6, "a")]])
    >>> result = u_alpha([c])
    >>> round(result.u_alpha, 4), round(result.bar_u_alpha, 4)
    (0.8011, 0.8011)
    """
    value_ids: dict[frozenset, int] = {frozenset(): 0}
    cells: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    section_sums: dict[int, float] = {}
    for continuum in continua:
        m = len(continuum.units)
        if m < 2 or continuum.length <= 0:
            continue
        sections = [_sections(spans, continuum.length, value_ids) for spans in continuum.units]
        for bounds, values in sections:
            lengths = np.diff(bounds).astype(float)
            for v, length in zip(values, lengths, strict=True):
                section_sums[int(v)] = section_sums.get(int(v), 0.0) + (length if v == 0 else length**2)
        cuts = np.unique(np.concatenate([b for b, _ in sections]))
        widths = np.diff(cuts).astype(float)
        at = [vals[np.searchsorted(b, cuts[:-1], side="right") - 1] for b, vals in sections]
        for i in range(m):
            for j in range(m):
                if i != j:
                    cells.append((at[i], at[j], widths / (m - 1)))
    v = len(value_ids)
    ell = np.zeros((v, v))
    for ci, ck, w in cells:
        np.add.at(ell, (ci, ck), w)
    names: list = [None] * v
    for key, index in value_ids.items():
        names[index] = (
            gap if index == 0 else (next(iter(key)) if len(key) == 1 else tuple(sorted(key, key=str)))
        )
    total = ell.sum()
    if total == 0:
        return UAlphaFamily(float("nan"), float("nan"), names, ell, np.zeros_like(ell))
    margins = ell.sum(axis=1)
    s_c = np.array([section_sums.get(k, 0.0) for k in range(v)])
    eps = total * (np.outer(margins, margins) - np.diag(s_c)) / (total**2 - s_c.sum())
    expected_dis = total - np.trace(eps)
    u = 1.0 - (total - np.trace(ell)) / expected_dis if expected_dis > 0 else float("nan")
    gap_rel_observed = ell[0, 1:].sum()
    gap_rel_expected = eps[0, 1:].sum()
    bar = 1.0 - gap_rel_observed / gap_rel_expected if gap_rel_expected > 0 else float("nan")
    return UAlphaFamily(float(u), float(bar), names, ell, eps)


def _sections(spans, length: int, value_ids: dict[frozenset, int]) -> tuple[np.ndarray, np.ndarray]:
    """A coder's sections on ``[0, length)``: boundaries (shape ``(s+1,)``) and value ids (shape ``(s,)``)."""
    spans = list(spans)
    bounds = np.unique(np.array([0, length] + [x for s, e, _ in spans for x in (s, e)], dtype=np.int64))
    covering: list[set] = [set() for _ in range(len(bounds) - 1)]
    for start, end, value in spans:
        first = int(np.searchsorted(bounds, start))
        last = int(np.searchsorted(bounds, end))
        for k in range(first, last):
            covering[k].add(value)
    ids = np.empty(len(covering), dtype=np.int64)
    for k, values in enumerate(covering):
        key = frozenset(values)
        ids[k] = value_ids.setdefault(key, len(value_ids))
    return bounds, ids


def continua_from_spans(
    spans: pd.DataFrame,
    coder_transcripts: pd.DataFrame,
    lengths: Mapping[str, int],
    *,
    labelled: bool,
) -> list[Continuum]:
    """Build one :class:`Continuum` per transcript from a span table.

    Parameters
    ----------
    spans
        Columns ``coder, transcript, code, start, end`` (offsets into the canonical text).
    coder_transcripts
        Columns ``coder, transcript``: who saw which transcript; a coder with no span on a transcript
        they saw contributes one gap.
    lengths
        Transcript -> length of its canonical text.
    labelled
        True: units as ``(start, end, code)`` for :func:`u_alpha`, overlapping spans of one code merged;
        False: ``(k, 2)`` arrays for :func:`alpha_u` (all spans treated as one category).
    """
    seen = coder_transcripts.groupby("transcript")["coder"].agg(lambda c: sorted(set(c))).to_dict()
    by_key = {key: group for key, group in spans.groupby(["transcript", "coder"], sort=True)}
    continua = []
    for transcript in sorted(seen):
        if transcript not in lengths:
            raise ThematicaError(
                f"transcript {transcript!r} is listed in coder_transcripts but has no canonical text; "
                "rerun the ingest step or remove it from coders.csv"
            )
        per_coder = []
        for coder in seen[transcript]:
            own = by_key.get((transcript, coder))
            if own is None or own.empty:
                per_coder.append([] if labelled else np.zeros((0, 2), np.int64))
            elif labelled:
                units = []
                for code, group in own.groupby("code", sort=True):
                    merged = merge_overlaps(group["start"].to_numpy(), group["end"].to_numpy())
                    units.extend((int(s), int(e), code) for s, e in merged)
                per_coder.append(units)
            else:
                per_coder.append(merge_overlaps(own["start"].to_numpy(), own["end"].to_numpy()))
        continua.append(Continuum(int(lengths[transcript]), per_coder))
    return continua
