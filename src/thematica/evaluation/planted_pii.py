"""A planted-identifier corpus: interview-like transcripts with fake identifiers at known offsets.

The background is the demo studies' sentence banks (invented interview speech, product names in
the demo allowlists); into participant turns go template sentences carrying identifiers made by
Faker (a development dependency: ``pip install -e .[dev]``), seeded so that a seed gives the same
corpus. :func:`score` compares a scan with what was planted: per kind, recall (the planted
identifier's letters and digits all lie inside flagged findings, so nothing of it would leak),
partial recall (any overlap) and precision (flagged findings of that kind that touch a planted
identifier).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from thematica.deid.model import KINDS, Finding
from thematica.errors import ThematicaError

PLANTED_COLUMNS = ["transcript", "start", "end", "kind", "value"]
SCORE_COLUMNS = [
    "kind",
    "planted",
    "detected",
    "recall",
    "partial_recall",
    "findings",
    "true_findings",
    "precision",
]

# Templates: "{x}" fields are filled from the identifier generators below; "[kind:field]" marks a
# planted identifier (the field's value is recorded with that kind).
TEMPLATES: dict[str, list[str]] = {
    "name": [
        "My therapist, [name:full], was the one who suggested it.",
        "I talked to [name:first] about it afterwards and she agreed with me.",
        "Dr. [name:last] referred me to the program in the first place.",
        "[name:full] from the front desk called to remind me about it.",
        "Honestly, [name:first] is the only person I really trust with this stuff.",
        "My husband [name:first] thinks I spend way too much time on it.",
        "I remember [name:full] saying the same thing at the workshop.",
        "We had a case conference with [name:full] and two of the residents.",
        "My daughter [name:first] set the whole thing up for me.",
        "I asked Dr. [name:full] about the results and he just shrugged.",
        "When I called, a nurse named [name:first] answered and was really kind.",
        "Mr. [name:last] in the room next door had the same problem.",
        "I told my supervisor, [name:full], and she said to document everything.",
        "Even [name:first] noticed I was sleeping better.",
    ],
    "location": [
        "I grew up in [location:city], so the clinic is close to my family.",
        "We moved to [location:city] about two years ago for my husband's job.",
        "There's a practice in [location:city] that uses the same app.",
        "The nearest hospital is over in [location:city], which is a long drive.",
    ],
    "organization": [
        "I work at [organization:company], so my hours are all over the place.",
        "My sister works for [organization:company] and she uses it too.",
        "They sent me to [organization:hospital] for the tests.",
        "I did my residency at [organization:hospital], which was a while back.",
    ],
    "email": [
        "You can email me at [email:email] if you need anything else.",
        "Send the summary to [email:email], that's my work address.",
        "My old address was [email:email], but I don't check it anymore.",
    ],
    "phone": [
        "My cell is [phone:phone], texting is better than calling.",
        "The number on the card, [phone:phone], goes straight to the crisis line.",
        "You can reach the office at [phone:phone] most mornings.",
        "Call me at [phone:phone] after five if anything comes up.",
    ],
    "record_number": [
        "My MRN is [record_number:mrn], if that helps you find the chart.",
        "The patient ID on the letter was [record_number:patient_id].",
        "My insurance member ID is [record_number:member_id], I always have to read it out.",
        "They asked for my social security number, [record_number:ssn], on the intake form.",
        "Chart number [record_number:mrn] was printed on every page.",
        "The account number was [record_number:account], I had to call billing twice.",
    ],
    "url": [
        "I found it on [url:url], the forum everyone seems to use.",
        "They told me to go to [url:domain] and sign up there.",
        "The link they sent was [url:uri], and it didn't even work.",
    ],
    "address": [
        "We live at [address:street], right next to the park.",
        "The clinic is at [address:street], [location:city], [state] [postcode:zip].",
        "Mail it to [address:street], [location:city], [state] [postcode:zip].",
    ],
    "postcode": ["Our zip code is [postcode:zip], so we're outside the catchment area."],
    "date": [
        "I was admitted on [date:date], and discharged a week later.",
        "My first appointment was [date:date].",
        "It happened on [date:date], I remember because it was my birthday.",
        "I was born on [date:date], if you need that for the form.",
    ],
    "age": [
        "My mother is [age:age] years old and she uses it every day.",
        "I'm [age:age], so technology isn't really my thing.",
        "She was a [age:age]-year-old patient with mild dementia.",
        "He turned [age:age] last spring and still lives alone.",
    ],
}
#: How many identifiers of each template kind one transcript gets.
PER_TRANSCRIPT = {kind: 2 if kind == "name" else 1 for kind in TEMPLATES}
_FIELD = re.compile(r"\[(?:(?P<kind>[a-z_]+):)?(?P<field>[a-z_]+)\]")
_DATE_FORMATS = ["%B %d, %Y", "%m/%d/%Y", "%d %B %Y", "%Y-%m-%d", "%b. %d, %Y", "%B %d"]


@dataclass
class PlantedCorpus:
    """Transcripts with planted identifiers.

    Attributes
    ----------
    texts
        Transcript id -> canonical text (``Interviewer:`` / ``Pnn:`` turns, ``\\n`` line ends).
    planted
        One row per planted identifier: ``transcript, start, end, kind, value``.
    allowlist
        Terms to allow when scanning (the demo product names, speaker labels and ids).
    """

    texts: dict[str, str]
    planted: pd.DataFrame
    allowlist: tuple[str, ...]


def _faker(seed: int):
    try:
        from faker import Faker
    except ImportError:
        raise ThematicaError(
            "the planted-identifier corpus needs the 'faker' package: pip install -e '.[dev]'"
        ) from None
    fake = Faker("en_US")
    fake.seed_instance(seed)
    return fake


def _generators(fake, rng: random.Random) -> dict[str, Callable[[], str]]:
    return {
        "full": lambda: f"{fake.first_name()} {fake.last_name()}",
        "first": fake.first_name,
        "last": fake.last_name,
        "city": fake.city,
        "company": fake.company,
        "hospital": lambda: (
            f"{fake.last_name()} {rng.choice(['Memorial Hospital', 'Medical Center', 'Clinic'])}"
        ),
        "email": lambda: rng.choice([fake.email, fake.free_email, fake.company_email])(),
        "phone": fake.phone_number,
        "mrn": lambda: fake.numerify("#" * rng.randint(7, 10)),
        "patient_id": lambda: fake.bothify(rng.choice(["??-######", "??######", "???-#####"])).upper(),
        "member_id": lambda: fake.bothify(rng.choice(["???#########", "#########??", "?########"])).upper(),
        "ssn": fake.ssn,
        "account": lambda: fake.numerify(rng.choice(["########", "####-####-##", "##########"])),
        "url": fake.url,
        "domain": fake.domain_name,
        "uri": fake.uri,
        "street": fake.street_address,
        "state": fake.state_abbr,
        "zip": fake.zipcode,
        "date": lambda: fake.date_between("-80y", "today").strftime(rng.choice(_DATE_FORMATS)),
        "age": lambda: str(rng.randint(90, 104)),
    }


def _fill(
    template: str, generate: Mapping[str, Callable[[], str]]
) -> tuple[str, list[tuple[int, int, str, str]]]:
    """Fill a template; return the sentence and its planted ``(start, end, kind, value)``."""
    out, planted, cursor = [], [], 0
    length = 0
    for match in _FIELD.finditer(template):
        literal = template[cursor : match.start()]
        out.append(literal)
        length += len(literal)
        value = generate[match["field"]]()
        if match["kind"]:
            planted.append((length, length + len(value), match["kind"], value))
        out.append(value)
        length += len(value)
        cursor = match.end()
    out.append(template[cursor:])
    return "".join(out), planted


def _background() -> tuple[list[str], list[str], tuple[str, ...]]:
    """Participant sentences, interviewer probes and product names of the demo banks."""
    from thematica.demo.bank import load_bank

    sentences, probes, products = [], [], []
    for bank in (load_bank("demo_physicians"), load_bank("demo_alliance")):
        slots = bank.SLOTS
        for sentence in _strings([bank.SENTENCES, bank.UNCODED, bank.SMALL_TALK]):
            sentences.append(sentence if "{" not in sentence else _first_slots(sentence, slots))
        probes.extend(_strings(bank.PROBES))
        products.extend(v for v in slots.get("app", []))
    products += ["GenoRx", "GeneGuide", "DiffFinder", "DxAssist", "ClinSight", "Psychotherapy"]
    return sentences, probes, tuple(dict.fromkeys(products))


def _first_slots(sentence: str, slots: Mapping[str, Sequence[str]]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: slots.get(m[1], ["it"])[0], sentence)


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def planted_corpus(n_transcripts: int = 40, *, seed: int = 0, exchanges: int = 12) -> PlantedCorpus:
    """Generate ``n_transcripts`` interviews with planted identifiers.

    Each transcript has ``exchanges`` interviewer/participant exchanges of 2-5 background
    sentences; :data:`PER_TRANSCRIPT` identifier sentences of each template kind are placed in
    random participant turns.

    Parameters
    ----------
    n_transcripts
        Number of transcripts (ids ``planted_01``...).
    seed
        Seeds Faker and the sentence sampler.
    exchanges
        Question-answer exchanges per transcript.

    Returns
    -------
    PlantedCorpus
    """
    rng = random.Random(seed)
    fake = _faker(seed)
    generate = _generators(fake, rng)
    sentences, probes, products = _background()
    texts, rows = {}, []
    for i in range(1, n_transcripts + 1):
        transcript, pid = f"planted_{i:02d}", f"P{i:02d}"
        answers = [rng.sample(sentences, rng.randint(2, 5)) for _ in range(exchanges)]
        plants: list[list[tuple[str, list]]] = [[] for _ in range(exchanges)]
        for kind, count in PER_TRANSCRIPT.items():
            for _ in range(count):
                plants[rng.randrange(exchanges)].append(_fill(rng.choice(TEMPLATES[kind]), generate))
        lines, offset = [], 0
        for turn in range(exchanges):
            question = f"Interviewer: {rng.choice(probes)}\n"
            lines.append(question)
            offset += len(question)
            pieces: list[tuple[str, list]] = [(s, []) for s in answers[turn]]
            for plant in plants[turn]:
                pieces.insert(rng.randint(0, len(pieces)), plant)
            line = f"{pid}: "
            for j, (sentence, planted) in enumerate(pieces):
                base = offset + len(line) + (1 if j else 0)
                line += (" " if j else "") + sentence
                rows.extend((transcript, base + s, base + e, kind, value) for s, e, kind, value in planted)
            lines.append(line + "\n")
            offset += len(line) + 1
        texts[transcript] = "".join(lines)
    planted = pd.DataFrame(rows, columns=PLANTED_COLUMNS)
    allow = (*products, "Interviewer", *(f"P{i:02d}" for i in range(1, n_transcripts + 1)))
    return PlantedCorpus(texts, planted, allow)


def score(corpus: PlantedCorpus, findings: Mapping[str, Sequence[Finding]]) -> pd.DataFrame:
    """Recall and precision of a scan per kind (rows in :data:`KINDS` order, then ``all``).

    Parameters
    ----------
    corpus
        The planted corpus.
    findings
        Transcript id -> its findings (only ``flagged`` ones count).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SCORE_COLUMNS`. ``detected`` counts planted identifiers whose letters and
        digits all lie inside flagged findings (of any kind); ``partial_recall`` counts any overlap;
        ``true_findings`` are flagged findings of the kind that overlap a planted identifier.
    """
    covered_rows, partial_rows, true_rows = [], [], []
    for transcript, text in corpus.texts.items():
        flagged = [f for f in findings.get(transcript, []) if f.status == "flagged"]
        mask = np.zeros(len(text), dtype=bool)
        for f in flagged:
            mask[f.start : f.end] = True
        own = corpus.planted.loc[corpus.planted["transcript"] == transcript]
        for s, e, kind in zip(own["start"], own["end"], own["kind"], strict=True):
            alnum = [i for i in range(s, e) if text[i].isalnum()]
            covered_rows.append((kind, all(mask[i] for i in alnum)))
            partial_rows.append((kind, bool(mask[s:e].any())))
        spans = list(zip(own["start"], own["end"], strict=True))
        for f in flagged:
            true_rows.append((f.kind, any(f.start < e and s < f.end for s, e in spans)))
    covered = pd.DataFrame(covered_rows, columns=["kind", "hit"])
    partial = pd.DataFrame(partial_rows, columns=["kind", "hit"])
    true = pd.DataFrame(true_rows, columns=["kind", "hit"])
    rows = []
    for kind in [*KINDS, "all"]:
        c, p, t = (
            frame if kind == "all" else frame.loc[frame["kind"] == kind] for frame in (covered, partial, true)
        )
        if len(c) == 0 and len(t) == 0:
            continue
        rows.append(
            {
                "kind": kind,
                "planted": len(c),
                "detected": int(c["hit"].sum()),
                "recall": c["hit"].mean() if len(c) else np.nan,
                "partial_recall": p["hit"].mean() if len(p) else np.nan,
                "findings": len(t),
                "true_findings": int(t["hit"].sum()),
                "precision": t["hit"].mean() if len(t) else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)
