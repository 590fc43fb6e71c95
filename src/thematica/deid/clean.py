"""What a finding may hold and still be clean: placeholders, pseudonyms, masks and neutral words.

A finding is **clean** (:func:`is_clean`) when nothing is left of its text once placeholders, titles,
articles, fillers and a few generic clinical acronyms are taken out: ``Dr. [NAME]``, ``<CLINIC>``,
``[REDACTED]``, ``***``, ``XXX``, a pseudonym such as ``[PERSON_1]`` written by
:func:`thematica.deid.redact.redact_text`, "Hmm" or "CBT" tagged as an entity. The scan
(:func:`thematica.deid.scan.scan_text`) drops such findings.
"""

from __future__ import annotations

import re

#: Labels used in pseudonyms (``[PERSON_1]``) and accepted as placeholders.
PSEUDONYM_LABELS = {
    "name": "PERSON",
    "location": "LOCATION",
    "facility": "FACILITY",
    "organization": "ORGANIZATION",
    "date": "DATE",
    "email": "EMAIL",
    "phone": "PHONE",
    "url": "URL",
    "record_number": "ID",
    "address": "ADDRESS",
    "postcode": "POSTCODE",
    "age": "AGE",
}
_PLACEHOLDER_WORDS = frozenset(
    (
        "name names redacted removed deleted anonymised anonymized deidentified de-identified withheld "
        "person participant patient client therapist doctor clinician provider staff colleague friend "
        "partner spouse husband wife family relative child son daughter sibling clinic hospital practice "
        "service organisation organization company employer school university college workplace agency "
        "place location city town village county state country region area street address postcode zip "
        "date day month year age number phone email e-mail url website id identifier redaction"
    ).split()
)
_CONNECTORS = frozenset(
    "of the a an and or my her his their our your own first last full given family "
    "maiden home work other another same s".split()
)
_BRACKETED = re.compile(r"[\[<{]([^\[\]<>{}\n]{1,60})[\]>}]")
_CAPS_CONTENT = re.compile(r"\s*[A-Z][A-Z0-9_ .&/'-]{0,40}\s*")
_MASKS = re.compile(
    r"\*{2,}|(?<![A-Za-z])[Xx]{3,}(?![A-Za-z])|_{3,}|#{3,}"  # ***, XXX, ___
    r"|\b(?:" + "|".join(PSEUDONYM_LABELS.values()) + r")_\d+\b"  # PERSON_1 (a pseudonymised speaker label)
)


def _is_placeholder_content(content: str) -> bool:
    """Bracket content that marks a removed identifier: all capitals, or only placeholder words."""
    if _CAPS_CONTENT.fullmatch(content):
        return True
    words = re.findall(r"[A-Za-z][A-Za-z-]*|\d+", content.replace("’", "'"))
    return (
        bool(words)
        and any(w.casefold() in _PLACEHOLDER_WORDS for w in words)
        and all(
            w.casefold() in _PLACEHOLDER_WORDS or w.casefold() in _CONNECTORS or w.isdigit() for w in words
        )
    )


def strip_placeholders(text: str) -> str:
    """``text`` with placeholders blanked out.

    Placeholders are bracketed (``[]``, ``<>``, ``{}``) text in capitals (``[NAME]``,
    ``<CLINIC>``, ``[PERSON_1]``) or made only of placeholder words (``[name of clinic]``,
    ``[patient's husband]``, ``[redacted]``), masks (``***``, ``XXX``, ``___``) and bare
    pseudonyms (``PERSON_1``).

    Examples
    --------
    >>> strip_placeholders("[Name] and <CLINIC> and [John] and XXX").split()
    ['and', 'and', '[John]', 'and']
    """
    text = _BRACKETED.sub(lambda m: " " if _is_placeholder_content(m[1]) else m[0], text)
    return _MASKS.sub(" ", text)


#: Words that are never an identifier on their own.
NEUTRAL_WORDS = frozenset(
    (
        # titles and forms of address
        "dr doctor mr mrs ms miss mx prof professor sir madam madame nurse rev sister brother "
        "mom mum mother dad father grandma grandpa auntie uncle aunt md phd rn np lcsw msw psyd "
        # articles, pronouns and fillers
        "the a an my our your his her their this that hmm hm mm mmm mm-hm mhm uh um er erm ah oh yeah yes "
        "no okay ok right well so like wow sorry thanks hi hello bye s "
        # generic clinical and technical acronyms
        "ai ml app apps cbt dbt act emdr ect tms ipt mbct phq gad phq-9 gad-7 ptsd adhd ocd bpd mdd "
        "gp er ed icu ehr emr ssri ssris snri maoi nhs fda hipaa gdpr irb covid covid-19 "
        # words that announce an identifier (the identifier itself is found by a pattern)
        "mrn ssn id chart record records account number no "
        "monday tuesday wednesday thursday friday saturday sunday weekend today tomorrow yesterday"
    ).split()
)
_WORD = re.compile(r"[\w][\w'’.-]*")


def is_clean(text: str) -> bool:
    """Whether ``text`` is only placeholders, punctuation and neutral words.

    Examples
    --------
    >>> is_clean("Dr. [NAME]"), is_clean("<CLINIC>"), is_clean("XXX-XXX"), is_clean("[PERSON_2]'s")
    (True, True, True, True)
    >>> is_clean("Dr. Okafor"), is_clean("[NAME] Okafor")
    (False, False)
    """
    rest = strip_placeholders(text)
    for word in _WORD.findall(rest):
        word = re.sub(r"['’]s?$", "", word).casefold().rstrip(".")
        if word and word not in NEUTRAL_WORDS and f"{word}." not in NEUTRAL_WORDS:
            return False
    return True
