"""The demo studies' sentence banks, read from ``banks/<study>.yaml`` in this package.

A bank holds everything the generator draws from for one demo study: the study's description and group
sizes, its codebook (themes, codes with their planted prevalences), the interview guide (``topics``) or
case vignettes (``cases``), participant sentences per code and group, interviewer questions and probes,
and the fillers of ``{slot}`` placeholders. Each top-level key of the file becomes an upper-case
attribute of the returned namespace (``study`` -> ``bank.STUDY``), the names the composer reads.
"""

from __future__ import annotations

from importlib import resources
from types import SimpleNamespace

import yaml

BANK_NAMES = ("demo_physicians", "demo_alliance")


def load_bank(name: str) -> SimpleNamespace:
    """The sentence bank of demo study ``name``, a fresh copy on each call.

    Parameters
    ----------
    name
        One of :data:`BANK_NAMES`.

    Returns
    -------
    SimpleNamespace
        ``STUDY``, ``THEMES``, ``DEID_ALLOWLIST``, ``CODES``, ``TOPICS`` or ``CASES``, ``SENTENCES``,
        ``CODE_PROBES``, ``PROBES``, ``UNCODED``, ``SMALL_TALK``, ``BACKGROUND``, ``OPENING``,
        ``TRANSITIONS``, ``CLOSING``, ``CLOSING_ANSWERS`` and ``SLOTS``, in the file's order.

    Examples
    --------
    >>> bank = load_bank("demo_alliance")
    >>> bank.STUDY["groups"], bank.SLOTS["app"][0]
    ({'therapist': 10, 'client': 15}, 'MindMate')
    """
    if name not in BANK_NAMES:
        raise ValueError(f"no demo bank {name!r}: one of {', '.join(BANK_NAMES)}")
    text = resources.files(__package__).joinpath("banks", f"{name}.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return SimpleNamespace(**{key.upper(): value for key, value in yaml.load(text, Loader=loader).items()})
