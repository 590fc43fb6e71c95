"""Compose synthetic interviews from a text bank, planting known structure.

Each participant gets a planted set of codes (exact per-group prevalences, late-emerging codes only
from a given interview on), a verbosity and a disfluency rate; the interview walks through cases or
guide sections, the interviewer asks and probes, and the participant answers with chunks of coded
sentences mixed with uncoded talk. Every participant sentence is recorded with its source code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace

import numpy as np

HEDGES = [
    "Um, ",
    "Uh, ",
    "I mean, ",
    "So, ",
    "Yeah, ",
    "Well, ",
    "Honestly, ",
    "And, um, ",
    "Hmm. ",
    "Okay, so ",
    "I think ",
    "You know, ",
]
TAILS = [
    ", I guess.",
    ", if that makes sense.",
    ", at least for me.",
    ", I don't know.",
    ", you know?",
    ", or something like that.",
]
BACKCHANNELS = ["Mm-hm.", "Right.", "Okay.", "Sure, go on.", "Yeah.", "I see."]
NOTHING_TO_ADD = [
    "I'm not sure, to be honest.",
    "Hard to say, really.",
    "Nothing else comes to mind right now.",
    "I haven't thought about that much, honestly.",
    "That's probably all I've got on that one.",
]
EXCHANGES = 18  # question-answer exchanges per interview at verbosity 1, spread over its cases or sections
RESTART_WORDS = {"I", "It's", "We", "They", "You", "That's", "The", "It", "My", "So", "And", "But", "If"}


@dataclass
class Sentence:
    """One participant sentence and the code it was drawn for (None: uncoded)."""

    text: str
    code: str | None
    section: str


@dataclass
class Turn:
    """A speaker turn; participant turns keep their sentences for the truth file."""

    speaker: str
    role: str
    sentences: list[Sentence] = field(default_factory=list)
    text: str = ""

    def render(self) -> str:
        return self.text if self.role == "interviewer" else " ".join(s.text for s in self.sentences)


@dataclass
class Participant:
    """A planted participant: who, in which order, and what they will say."""

    order: int
    participant_id: str
    group: str
    codes: list[str]
    verbosity: float
    disfluency: float


def plant_participants(
    bank: SimpleNamespace, rng: np.random.Generator, id_prefix: str = "P"
) -> list[Participant]:
    """Interview order, groups and exact per-group code sets.

    For each code and group, exactly ``round(prevalence * n_eligible)`` participants of the group voice it,
    where eligible participants are those at or after the code's ``emerges_from`` interview.
    """
    groups = [g for g, n in bank.STUDY["groups"].items() for _ in range(n)]
    order = [groups[i] for i in rng.permutation(len(groups))]
    people = [
        Participant(
            k,
            f"{id_prefix}{k:0{max(2, len(str(len(groups))))}d}",
            g,
            [],
            float(np.clip(rng.lognormal(0.15, 0.25), 0.6, 1.8)),
            float(rng.uniform(0.15, 0.45)),
        )
        for k, g in enumerate(order, start=1)
    ]
    for code in bank.CODES:
        first = code["emerges_from"] or 1
        for group, share in code["prevalence"].items():
            eligible = [p for p in people if p.group == group and p.order >= first]
            n = int(round(share * len(eligible)))
            for i in sorted(rng.choice(len(eligible), size=n, replace=False)):
                eligible[i].codes.append(code["code"])
    return people


def sections_of(bank: SimpleNamespace) -> dict[str, dict]:
    """Cases (physicians) or guide sections (alliance) as {id: {label, prompts, codes}}."""
    if hasattr(bank, "CASES"):
        return {
            k: {"label": v["label"], "prompts": v["vignettes"], "codes": v["codes"]}
            for k, v in bank.CASES.items()
        }
    return {
        k: {"label": v["label"], "prompts": v["questions"], "codes": v["codes"]}
        for k, v in bank.TOPICS.items()
    }


class Speaker:
    """Draws a participant's sentences without repeating one within the interview."""

    def __init__(self, bank: SimpleNamespace, person: Participant, rng: np.random.Generator):
        self.bank, self.person, self.rng = bank, person, rng
        self.used: set[str] = set()

    def _pick(self, pool: list[str]) -> str | None:
        fresh = [s for s in pool if s not in self.used]
        if not fresh:
            return None
        choice = fresh[int(self.rng.integers(len(fresh)))]
        self.used.add(choice)
        return self._fill(choice)

    def _fill(self, text: str) -> str:
        def slot(match: re.Match) -> str:
            options = self.bank.SLOTS[match.group(1)]
            return options[int(self.rng.integers(len(options)))]

        return re.sub(r"\{(\w+)\}", slot, text)

    def coded(self, code: str, section: str, n: int = 1) -> list[Sentence]:
        """Up to ``n`` fresh sentences voicing ``code`` (fewer once the bank is used up)."""
        pool = self.bank.SENTENCES[code]["any"] + self.bank.SENTENCES[code][self.person.group]
        return self._draw(pool, n, code, section)

    def uncoded(self, pool: list[str], section: str, n: int = 1) -> list[Sentence]:
        """Up to ``n`` fresh uncoded sentences from ``pool``."""
        return self._draw(pool, n, None, section)

    def _draw(self, pool: list[str], n: int, code: str | None, section: str) -> list[Sentence]:
        picked = [self._pick(pool) for _ in range(n)]
        return [Sentence(self.disfluent(text), code, section) for text in picked if text is not None]

    def disfluent(self, text: str) -> str:
        """Add hedges, restarts, fillers or tails at the participant's disfluency rate."""
        rng, rate = self.rng, self.person.disfluency
        first, _, rest = text.partition(" ")
        keep_case = first == "I" or first.startswith("I'") or (len(first) > 1 and first[1].isupper())
        if rng.random() < rate * 0.5 and first in RESTART_WORDS and rest:
            text = f"{first} — {first if keep_case else first.lower()} {rest}"
        elif rng.random() < rate:
            hedge = HEDGES[int(rng.integers(len(HEDGES)))]
            text = hedge + (text if keep_case or hedge.endswith(". ") else text[0].lower() + text[1:])
        comma = text.find(", ", 12)
        if rng.random() < rate * 0.4 and comma > 0 and "you know" not in text:
            text = text[: comma + 2] + "you know, " + text[comma + 2 :]
        if rng.random() < rate * 0.25 and text.endswith("."):
            text = text[:-1] + TAILS[int(rng.integers(len(TAILS)))]
        return text


def compose_interview(
    bank: SimpleNamespace, person: Participant, rng: np.random.Generator, labels: tuple[str, str]
) -> list[Turn]:
    """One interview as a list of turns (interviewer label, participant label)."""
    interviewer, participant = labels
    group = person.group
    sections = sections_of(bank)
    speaker = Speaker(bank, person, rng)

    def ask(text: str) -> Turn:
        return Turn(interviewer, "interviewer", text=text)

    def pick(pool: list[str]) -> str:
        return pool[int(rng.integers(len(pool)))]

    uncoded_pool = bank.UNCODED["any"] + bank.UNCODED[group]
    turns = [ask(pick(bank.OPENING))]
    n_bg = int(rng.integers(2, 5))
    turns.append(
        Turn(participant, "participant", speaker.uncoded(bank.BACKGROUND[group], "background", n_bg))
    )

    chosen = _choose_sections(bank, sections, rng)
    plan = _assign_codes(person.codes, chosen, sections, rng)
    for i, section in enumerate(chosen):
        prompt = pick(sections[section]["prompts"])
        if i:
            prompt = f"{pick(bank.TRANSITIONS)} {prompt}"
        n_exchanges = int(np.clip(round(rng.normal(EXCHANGES / len(chosen), 1.0) * person.verbosity), 2, 8))
        exchanges: list[list[str]] = [[] for _ in range(n_exchanges)]
        for code in plan[section]:
            times = int(np.clip(round(rng.normal(3.0, 1.0) * person.verbosity), 1, n_exchanges))
            for j in rng.choice(n_exchanges, size=min(times, n_exchanges), replace=False):
                exchanges[int(j)].append(code)
        for j, codes in enumerate(exchanges):
            if j:
                probe_codes = [c for c in codes if c in bank.CODE_PROBES]
                prompt = (
                    pick(bank.CODE_PROBES[probe_codes[0]])
                    if probe_codes and rng.random() < 0.6
                    else pick(bank.PROBES)
                )
            turns.append(ask(prompt))
            turns += _answer(speaker, codes, section, uncoded_pool, bank, rng, participant, interviewer)
    turns.append(ask(pick(bank.CLOSING)))
    closing = speaker.uncoded(bank.CLOSING_ANSWERS, "closing")
    for code in plan["closing"]:
        closing += speaker.coded(code, "closing", int(rng.integers(1, 3)))
    turns.append(Turn(participant, "participant", closing))
    return turns


def _choose_sections(bank: SimpleNamespace, sections: dict, rng: np.random.Generator) -> list[str]:
    ids = list(sections)
    if hasattr(bank, "CASES"):
        k = 2 + int(rng.random() < 0.5)
        return [ids[i] for i in sorted(rng.choice(len(ids), size=k, replace=False))]
    return ids


def _assign_codes(codes: list[str], chosen: list[str], sections: dict, rng: np.random.Generator) -> dict:
    """Each planted code goes to a section that tends to elicit it, else any chosen section or the close."""
    plan: dict[str, list[str]] = {s: [] for s in chosen} | {"closing": []}
    for code in codes:
        fits = [s for s in chosen if code in sections[s]["codes"]]
        if fits:
            plan[fits[int(rng.integers(len(fits)))]].append(code)
        elif rng.random() < 0.7:
            plan[chosen[int(rng.integers(len(chosen)))]].append(code)
        else:
            plan["closing"].append(code)
    return plan


def _answer(
    speaker: Speaker,
    codes: list[str],
    section: str,
    uncoded_pool: list[str],
    bank: SimpleNamespace,
    rng: np.random.Generator,
    participant: str,
    interviewer: str,
) -> list[Turn]:
    """A participant answer: coded chunks of 1-4 sentences mixed with uncoded talk, sometimes interrupted."""
    verbosity = speaker.person.verbosity
    chunks: list[list[Sentence]] = []
    for code in codes:
        n = int(np.clip(round(rng.normal(2.2, 0.8) * verbosity), 1, 4))
        chunks.append(speaker.coded(code, section, n))
    n_uncoded = int(np.clip(round(rng.normal(3.2, 1.2) * verbosity), 0 if codes else 1, 6))
    chunks += [[s] for s in speaker.uncoded(uncoded_pool, section, n_uncoded)]
    chunks = [c for c in chunks if c]
    order = rng.permutation(len(chunks))
    sentences = [s for i in order for s in chunks[int(i)]]
    if rng.random() < 0.07 or not sentences:
        sentences[:0] = speaker.uncoded(bank.SMALL_TALK, section)
    if not sentences:
        sentences = speaker.uncoded(NOTHING_TO_ADD, section) or [Sentence(NOTHING_TO_ADD[0], None, section)]
    if len(sentences) > 4 and rng.random() < 0.15:
        cut = int(rng.integers(2, len(sentences) - 1))
        back = BACKCHANNELS[int(rng.integers(len(BACKCHANNELS)))]
        return [
            Turn(participant, "participant", sentences[:cut]),
            Turn(interviewer, "interviewer", text=back),
            Turn(participant, "participant", sentences[cut:]),
        ]
    return [Turn(participant, "participant", sentences)]
