"""Tests for thematica.refiqda.anchor: canonical text and re-anchored offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thematica.errors import ThematicaError
from thematica.refiqda import canonicalise, reanchor


def test_reanchor_crlf_and_bom() -> None:
    raw = "\ufeffA: hi\r\nB: I trust you\r\n"
    canonical = canonicalise(raw)
    assert canonical == "A: hi\nB: I trust you\n"
    start = raw.index("I trust")
    new = reanchor(raw, canonical, start, start + len("I trust you"))
    assert canonical[new[0] : new[1]] == "I trust you"
    assert reanchor(raw, canonical, 0, len(raw)) == (0, len(canonical))


def test_reanchor_nfc_composition_and_partial_characters() -> None:
    raw = "cafe\u0301 ok"
    canonical = canonicalise(raw)
    assert canonical == "café ok"
    assert reanchor(raw, canonical, 0, 5) == (0, 4)
    assert reanchor(raw, canonical, 6, 8) == (5, 7)
    # an end between "e" and its accent is widened to the whole "é"
    assert reanchor(raw, canonical, 0, 4) == (0, 4)
    # a start between "e" and its accent moves to the start of "é"
    assert reanchor(raw, canonical, 4, 5) == (3, 4)


def test_reanchor_hangul_jamo_compose() -> None:
    raw = "x\u1100\u1161\u11a8y"
    canonical = canonicalise(raw)
    assert canonical == "x\uac01y"
    assert reanchor(raw, canonical, 1, 4) == (1, 2)
    assert reanchor(raw, canonical, 4, 5) == (2, 3)


def test_reanchor_rejects_bad_input() -> None:
    with pytest.raises(ThematicaError):
        reanchor("abc", "abc", 2, 1)
    with pytest.raises(ThematicaError):
        reanchor("abc", "abc", 0, 4)
    with pytest.raises(ThematicaError):
        reanchor("a\r\nb", "a\r\nb", 0, 1)


_TOKENS = ["a", "b", " ", "\r\n", "\n", "\r", "e\u0301", "\u00e9", "\u1100\u1161", "o\u0308\u0323", "😀"]


@settings(max_examples=200, deadline=None)
@given(
    bom=st.booleans(),
    tokens=st.lists(st.sampled_from(_TOKENS), max_size=25),
    data=st.data(),
)
def test_reanchor_property(bom: bool, tokens: list[str], data) -> None:
    # a lone "\r" token followed by a "\n" token would merge into one CRLF: drop such "\r"s
    kept: list[str] = []
    for token in reversed(tokens):
        if not (token == "\r" and kept and kept[-1] == "\n"):
            kept.append(token)
    tokens = kept[::-1]
    raw = ("\ufeff" if bom else "") + "".join(tokens)
    canonical = canonicalise(raw)
    bounds = [0]
    for token in ([("\ufeff")] if bom else []) + tokens:
        bounds.append(bounds[-1] + len(token))
    i = data.draw(st.integers(0, len(bounds) - 1))
    j = data.draw(st.integers(i, len(bounds) - 1))
    start, end = reanchor(raw, canonical, bounds[i], bounds[j])
    assert 0 <= start <= end <= len(canonical)
    assert canonical[start:end] == canonicalise(raw[bounds[i] : bounds[j]])
    # arbitrary offsets (not on token boundaries) stay ordered and in range
    a = data.draw(st.integers(0, len(raw)))
    b = data.draw(st.integers(a, len(raw)))
    s2, e2 = reanchor(raw, canonical, a, b)
    assert 0 <= s2 <= e2 <= len(canonical)
