"""Pattern detectors: each kind found in its usual written forms, and not in look-alikes."""

from __future__ import annotations

import pytest

from thematica.deid.patterns import find_patterns


def _found(text: str) -> set[tuple[str, str]]:
    return {(f.kind, text[f.start : f.end]) for f in find_patterns(text)}


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("write to maria.lopez@clinic-mail.org today", "email", "maria.lopez@clinic-mail.org"),
        ("mail j_smith+notes@uni.ac.uk.", "email", "j_smith+notes@uni.ac.uk"),
        ("see https://www.example.com/path?q=1.", "url", "https://www.example.com/path?q=1"),
        ("go to www.mindfulnessclinic.org now", "url", "www.mindfulnessclinic.org"),
        ("it's on harbourside-therapy.com", "url", "harbourside-therapy.com"),
        ("call 617-555-0134 now", "phone", "617-555-0134"),
        ("call (617) 555-0134 now", "phone", "(617) 555-0134"),
        ("call (617)555-0134 now", "phone", "(617)555-0134"),
        ("call 617.555.0134 now", "phone", "617.555.0134"),
        ("call +1-617-555-0134 now", "phone", "+1-617-555-0134"),
        ("call 001-617-555-0134x12345 now", "phone", "001-617-555-0134x12345"),
        ("call 617-555-0134 ext. 22 now", "phone", "617-555-0134 ext. 22"),
        ("call +44 20 7946 0958 now", "phone", "+44 20 7946 0958"),
        ("call 020 7946 0958 now", "phone", "020 7946 0958"),
        ("call 555-0134 now", "phone", "555-0134"),
        ("my MRN is 00482917.", "record_number", "00482917"),
        ("medical record number: 4829-1734", "record_number", "4829-1734"),
        ("patient ID AB-482913 on it", "record_number", "AB-482913"),
        ("SSN 123-45-6789", "record_number", "123-45-6789"),
        ("the code 48291734 was printed", "record_number", "48291734"),
        ("member ID XQZ482913004 there", "record_number", "XQZ482913004"),
        ("we live at 4820 Smith Trail Suite 115, near", "address", "4820 Smith Trail Suite 115"),
        ("at 12 Baker Street in", "address", "12 Baker Street"),
        ("at 350 5th Ave. in", "address", "350 5th Ave."),
        ("P.O. Box 4421 please", "address", "P.O. Box 4421"),
        ("Boston, MA 02139 is", "postcode", "02139"),
        ("zip code is 90210", "postcode", "90210"),
        ("it's 02139-4307 there", "postcode", "02139-4307"),
        ("near SW1A 1AA in London", "postcode", "SW1A 1AA"),
        ("Lake Jamie, NV 48291", "location", "Lake Jamie"),
        ("she is 93 years old", "age", "93"),
        ("a 101-year-old man", "age", "101"),
        ("I'm 95, so", "age", "95"),
        ("aged 97 at the time", "age", "97"),
        ("my grandmother is ninety-two years old", "age", "ninety-two"),
        ("admitted on March 3, 2019 and", "date", "March 3, 2019"),
        ("admitted on 03/14/2020 and", "date", "03/14/2020"),
        ("admitted on 2019-03-14 and", "date", "2019-03-14"),
        ("born 14 March 1961 in", "date", "14 March 1961"),
        ("on the third of March I", "date", "third of March"),
        ("in May 2020 we", "date", "May 2020"),
    ],
)
def test_detects(text, kind, value):
    assert (kind, value) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "I see about 30 patients a week, maybe 40 in flu season.",
        "PHQ-9 scores went from 18 to 9 over twelve weeks, and the GAD-7 dropped too.",
        "A CYP2D6 poor metabolizer on 1000mg of something, that's a lot.",
        "It costs $250000 a year, or 250,000 dollars, roughly.",
        "The years 1990-2000 were different; in 2019 it changed.",
        "[00:01:02] P07: I think it's 95 percent accurate, maybe 93.5.",
        "We may talk about it in March, or on Monday, or next week.",
        "e.g. the app, i.e. the chatbot, etc. and so on.",
        "Session 3 of 12 covered the homework.",
        "I was 93 minutes late, ha.",
    ],
)
def test_no_false_positives_in_ordinary_speech(text):
    assert _found(text) == set()


def test_keyword_not_in_span():
    text = "my MRN is 00482917"
    (finding,) = find_patterns(text)
    assert text[finding.start : finding.end] == "00482917"
