"""Quote location: whitespace, quote marks, dashes, ambiguity and absence."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thematica.codes.locate import find_all, fold, locate_quote

TEXT = (
    "Interviewer: Tell me about the app.\n"
    "P03: It\u2019s \u201chelpful\u201d \u2014 mostly.  I use it\nevery night. Every night!\n"
    "Interviewer: Why?\n"
    "P03: Because the caf\u00e9 closes early -- and nobody else answers.\n"
)


def _found(quote: str) -> str:
    loc = locate_quote(quote, TEXT)
    assert loc.outcome == "found", loc
    return TEXT[loc.start : loc.end]


def test_exact_quote():
    assert _found("I use it") == "I use it"


@pytest.mark.parametrize(
    "quote",
    [
        "I use it every night.",
        "I use it\n\nevery   night.",
        " I use it\tevery night. ",
        "i USE it every NIGHT.",
    ],
)
def test_whitespace_and_case_differences(quote):
    assert _found(quote) == "I use it\nevery night."


@pytest.mark.parametrize(
    "quote",
    [
        'It\'s "helpful" -- mostly.',
        "It\u2019s \u201chelpful\u201d \u2013 mostly.",
        'It`s "helpful" - mostly.',
    ],
)
def test_straight_versus_curly_quotes_and_dashes(quote):
    assert _found(quote) == "It\u2019s \u201chelpful\u201d \u2014 mostly."


@pytest.mark.parametrize("quote", ["caf\u00e9 closes early \u2014 and", "cafe\u0301 closes early \u2014and"])
def test_em_dash_matches_double_hyphen_and_nfd(quote):
    assert _found(quote) == "caf\u00e9 closes early -- and"


def test_span_ends_at_last_dash_of_a_run():
    assert _found("closes early \u2014") == "closes early --"


def test_ambiguous_quote_lists_every_occurrence():
    loc = locate_quote("every night", TEXT)
    assert loc.outcome == "ambiguous"
    assert [TEXT[c : c + 11].lower() for c in loc.candidates] == ["every night", "every night"]


@pytest.mark.parametrize("quote", ["I use it every day.", "helpful mostly"])
def test_not_found(quote):
    assert locate_quote(quote, TEXT).outcome == "not_found"


def test_blank_quote_is_empty():
    assert locate_quote(" \n\t", TEXT).outcome == "empty"


def test_folded_text_can_be_reused():
    folded = fold(TEXT)
    assert locate_quote("Why?", folded).start == TEXT.index("Why?")


def test_find_all_overlapping():
    assert find_all("abababa", "aba") == [0, 2, 4]
    assert find_all("abc", "") == []


def test_astral_characters_count_as_one_code_point():
    text = "P01: \U0001f642 ok \U0001f642 then fine.\n"
    loc = locate_quote("then fine", text)
    assert (loc.start, loc.end) == (text.index("then"), text.index("then") + 9)


_WORDS = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "delta", "it's", "--", "\u201cq\u201d", "caf\u00e9"]),
    min_size=3,
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(words=_WORDS, data=st.data())
def test_perturbed_substring_is_found_where_it_was_taken(words, data):
    text = " ".join(words)
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i + 1, len(words)))
    quote_words = words[i:j]
    start = len(" ".join(words[:i])) + (1 if i else 0)
    end = start + len(" ".join(quote_words))
    perturbed = "\n  ".join(quote_words).replace("it's", "it\u2019s").replace("--", "\u2014")
    perturbed = perturbed.replace("\u201c", '"').replace("\u201d", '"')
    perturbed = unicodedata.normalize("NFD", perturbed).upper()
    loc = locate_quote(perturbed, text)
    if loc.outcome == "found":
        assert fold(text[loc.start : loc.end]).text == fold(text[start:end]).text
        # the place it was taken from; a dash run ("-- --") folds to one dash and may widen the span
        assert loc.start <= start and loc.end >= end
        assert fold(text[loc.start : start]).text in ("", "-") and fold(text[end : loc.end]).text in ("", "-")
    else:
        assert loc.outcome == "ambiguous"
        assert any(c <= start and fold(text[c:start]).text in ("", "-") for c in loc.candidates)
