"""Each speaker label of a transcript gets a role, and the reason for it.

A label is compared by its *key* (:func:`label_key`): case-folded, all whitespace removed
(``"Interviewer"``, ``"interviewer "`` and ``"INTER VIEWER"`` are one speaker; ``"P 07"`` is ``"P07"``).
Rules, first match wins (:func:`decide_roles`; the reason is the ``decided_by`` column of
``results/<study>/qa/speakers.csv``):

1. ``interviewer_labels``: the study's own ``interviewer_labels`` -> interviewer;
2. ``default_interviewer_label``: a common interviewer label (:data:`DEFAULT_INTERVIEWER_LABELS`,
   optionally followed by a number: ``Interviewer 2``) -> interviewer;
3. ``participant_id``: the transcript's participant id from participants.csv -> participant;
4. ``participant_label``: a common participant label (:data:`PARTICIPANT_LABELS`, optionally numbered:
   ``Participant 7``, ``P07`` when the participant id is not known) -> participant;
5. ``only_other_speaker``: the transcript's other labels, when there are at most
   ``participants_per_interview`` non-interviewer speakers (a participant whose name is the label)
   -> participant;
6. ``unknown``: anything else -> participant (its speech is analysed, as before), with a warning
   (:func:`thematica.ingest.speakers.check_speakers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Interviewer labels recognised in every study (keys: case-folded, without spaces), in the languages of
#: the studies we know of; a study adds its own through ``interviewer_labels``.
DEFAULT_INTERVIEWER_LABELS = frozenset(
    {
        "i",
        "q",
        "int",
        "intv",
        "interviewer",
        "interviewerin",
        "moderator",
        "moderatorin",
        "facilitator",
        "researcher",
        "kérdező",
        "riporter",
        "entrevistador",
        "entrevistadora",
        "intervieweur",
        "intervieweuse",
        "enquêteur",
        "enquêtrice",
        "intervistatore",
        "intervistatrice",
        "entrevistador(a)",
    }
)

#: Labels that name the participant without naming them (keys, as above).
PARTICIPANT_LABELS = frozenset(
    {
        "p",
        "r",
        "a",
        "respondent",
        "participant",
        "interviewee",
        "befragte",
        "befragter",
        "teilnehmer",
        "teilnehmerin",
        "válaszadó",
        "interjúalany",
        "entrevistado",
        "entrevistada",
        "participante",
        "répondant",
        "répondante",
        "enquêté",
        "enquêtée",
        "intervistato",
        "intervistata",
    }
)

#: ``decided_by`` values, in the order the rules are tried; ``unlabelled_text`` is the row of a transcript's
#: unattributed text (before the first label, tool headers and footers).
DECIDED_BY = (
    "interviewer_labels",
    "default_interviewer_label",
    "participant_id",
    "participant_label",
    "only_other_speaker",
    "unknown",
    "unlabelled_text",
)

_NUMBERED = re.compile(r"^(?P<base>.+?)(?:[-_#.]?\d+)?$")


def label_key(label: str) -> str:
    """The key two labels of one speaker share: case-folded, all whitespace removed.

    Examples
    --------
    >>> label_key(" Inter viewer ") == label_key("INTERVIEWER") == "interviewer"
    True
    >>> label_key("P 07")
    'p07'
    """
    return "".join(label.split()).casefold()


def _base(key: str) -> str:
    """A key without a trailing number (``interviewer2`` -> ``interviewer``; ``p07`` -> ``p``)."""
    match = _NUMBERED.match(key)
    return match["base"] if match else key


@dataclass(frozen=True)
class Decision:
    """The role of one speaker of a transcript and why."""

    label: str
    role: str
    decided_by: str


def decide_roles(
    labels: Iterable[str],
    *,
    interviewer_labels: Iterable[str],
    participant_id: str | None = None,
    participants_per_interview: int = 1,
) -> dict[str, Decision]:
    """Decide the role of every speaker label of one transcript.

    Parameters
    ----------
    labels
        The transcript's labels in order of appearance (repeats allowed).
    interviewer_labels
        The study's interviewer labels.
    participant_id
        The transcript's participant id (participants.csv), if known.
    participants_per_interview
        How many participants may speak in one interview (a couple: 2).

    Returns
    -------
    dict
        Label key (:func:`label_key`) -> :class:`Decision` (the label as first spelled), in order of
        appearance.

    Examples
    --------
    >>> d = decide_roles(["I", "R", "I"], interviewer_labels=["Interviewer"])
    >>> [(x.label, x.role, x.decided_by) for x in d.values()]
    [('I', 'interviewer', 'default_interviewer_label'), ('R', 'participant', 'participant_label')]
    """
    study = {label_key(str(label)) for label in interviewer_labels}
    own = label_key(participant_id) if participant_id else None
    first: dict[str, str] = {}
    for label in labels:
        first.setdefault(label_key(label), label)
    decided: dict[str, tuple[str, str] | None] = {}
    for key in first:
        if key in study:
            decided[key] = ("interviewer", "interviewer_labels")
        elif key in DEFAULT_INTERVIEWER_LABELS or _base(key) in DEFAULT_INTERVIEWER_LABELS:
            decided[key] = ("interviewer", "default_interviewer_label")
        elif own is not None and key == own:
            decided[key] = ("participant", "participant_id")
        elif key in PARTICIPANT_LABELS or (
            _base(key) in PARTICIPANT_LABELS and not (own is not None and _base(key) == "p" and key != own)
        ):
            # another participant's id (P08 in P07's interview) is not the participant's label
            decided[key] = ("participant", "participant_label")
        else:
            decided[key] = None
    others = [key for key, d in decided.items() if d is None or d[0] == "participant"]
    fallback = "only_other_speaker" if len(others) <= participants_per_interview else "unknown"
    return {key: Decision(first[key], *(decided[key] or ("participant", fallback))) for key in first}
