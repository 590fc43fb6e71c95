"""Write a demo study folder: transcripts in mixed formats, participants, codebook, coder exports, truth."""

from __future__ import annotations

import io
import json
import logging
import zlib
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import yaml

from thematica.demo.bank import load_bank
from thematica.demo.coders import CoderProfile, simulate_coder
from thematica.demo.compose import Turn, compose_interview, plant_participants, sections_of
from thematica.demo.writers import canonical_text, write_docx, write_srt, write_txt, write_vtt
from thematica.ingest.formats import read_transcript
from thematica.refiqda import Code, Coding, write_qdc, write_qdpx

log = logging.getLogger(__name__)

DEMO_SEED = 2026
WORDS_PER_MINUTE = 110.0  # conversational rate including pauses
DIFFERENCE = 0.3  # planted prevalences this far apart are a group difference the comparison must find
NO_DIFFERENCE = 0.05  # and this close, none it may flag


def _profiles(names: list[tuple[str, str, float, float]]) -> list[CoderProfile]:
    return [
        CoderProfile(
            name,
            role,
            miss,
            add,
            extend=round(0.12 + miss / 2, 3),
            trim=round(0.08 + miss / 2, 3),
            poor_miss=0.45,
            poor_add=0.3,
        )
        for name, role, miss, add in names
    ]


#: Per study (its sentence bank is banks/<study>.yaml, see :mod:`thematica.demo.bank`): the format cycle
#: of transcripts, speaker labels per format, coders and the format of the coders' exports.
STUDIES: dict[str, dict] = {
    "demo_physicians": {
        "formats": ["txt", "vtt", "docx", "txt", "srt", "vtt", "txt", "docx", "vtt", "srt"],
        "labels": {"txt": "Interviewer", "docx": "INT", "vtt": "Interviewer", "srt": "INT"},
        "coders": _profiles(
            [
                ("coder_1", "primary", 0.05, 0.010),
                ("coder_2", "secondary", 0.12, 0.020),
                ("coder_3", "secondary", 0.18, 0.030),
            ]
        ),
        "code_format": "qdpx",
    },
    "demo_alliance": {
        "formats": ["vtt", "txt", "docx", "vtt", "srt", "txt"],
        "labels": {"txt": "Interviewer", "docx": "Interviewer", "vtt": "Interviewer", "srt": "INT"},
        "coders": _profiles([("coder_1", "primary", 0.06, 0.012), ("coder_2", "secondary", 0.14, 0.025)]),
        "code_format": "csv",
    },
}


def study_rng(name: str, seed: int, *more: int) -> np.random.Generator:
    """A generator for one study (and optionally one participant), independent of the others."""
    return np.random.default_rng(np.random.SeedSequence([seed, zlib.crc32(name.encode()), *more]))


def poor_code(bank: SimpleNamespace) -> str:
    """The code planted with poor agreement.

    It is the most prevalent code with no planted group difference, no late emergence and no planted
    difference in its theme (coders confuse it with the other codes of its theme), so that its poor
    agreement neither hides a planted difference nor fakes one.
    """
    differs = {c["theme"] for c in bank.CODES if _gap(c) >= DIFFERENCE}
    codes = [
        c
        for c in bank.CODES
        if _gap(c) <= NO_DIFFERENCE and c["emerges_from"] is None and c["theme"] not in differs
    ]
    return max(codes, key=lambda c: (sum(c["prevalence"].values()), c["code"]))["code"]


def _gap(code: dict) -> float:
    """Absolute difference between the two groups' planted prevalences of one code."""
    return abs(float(np.subtract(*code["prevalence"].values())))


def scaled_bank(bank: SimpleNamespace, n_interviews: int) -> SimpleNamespace:
    """The bank with ``n_interviews`` participants: group sizes and the interview a late code emerges from
    scaled in proportion (group sizes by largest remainder, so they add up to ``n_interviews``).

    Examples
    --------
    >>> scaled_bank(load_bank("demo_alliance"), 1000).STUDY["groups"]
    {'therapist': 400, 'client': 600}
    """
    groups = bank.STUDY["groups"]
    total = sum(groups.values())
    exact = {g: n * n_interviews / total for g, n in groups.items()}
    sizes = {g: int(v) for g, v in exact.items()}
    by_remainder = sorted(groups, key=lambda g: (-(exact[g] - sizes[g]), list(groups).index(g)))
    for g in by_remainder[: n_interviews - sum(sizes.values())]:
        sizes[g] += 1
    codes = [
        {
            **c,
            "emerges_from": None
            if c["emerges_from"] is None
            else max(1, round(c["emerges_from"] * n_interviews / total)),
        }
        for c in bank.CODES
    ]
    study = {
        **bank.STUDY,
        "groups": sizes,
        "name": f"{bank.STUDY['name']}_{n_interviews}",
        "description": f"{bank.STUDY['description']} Scaled to {n_interviews} interviews for timing.",
    }
    return SimpleNamespace(**{**vars(bank), "STUDY": study, "CODES": codes})


def generate_study(
    name: str, out_root: str | Path, seed: int = DEMO_SEED, n_interviews: int | None = None
) -> Path:
    """Generate one demo study under ``out_root/name`` and return its folder.

    With ``n_interviews`` the study is scaled to that many interviews (:func:`scaled_bank`) and written to
    ``out_root/<name>_<n_interviews>``: a corpus for timing the pipeline at scale. Its text comes from the
    same sentence banks, so it repeats itself more than real interviews would.
    """
    spec = STUDIES[name]
    bank = load_bank(name)
    if n_interviews is not None:
        if n_interviews < 2 * len(bank.STUDY["groups"]):
            raise ValueError(f"n_interviews must be at least {2 * len(bank.STUDY['groups'])}")
        bank = scaled_bank(bank, n_interviews)
        name_out = bank.STUDY["name"]
    else:
        name_out = name
    root = Path(out_root) / name_out
    for sub in ("transcripts", "codes", "truth"):
        (root / sub).mkdir(parents=True, exist_ok=True)
        for old in (root / sub).iterdir():
            old.unlink()
    people = plant_participants(bank, study_rng(name, seed))
    width = max(2, len(str(len(people))))
    texts, truth_rows, rows = {}, [], []
    for person in people:
        transcript = f"interview_{person.order:0{width}d}"
        fmt = spec["formats"][(person.order - 1) % len(spec["formats"])]
        turns = compose_interview(
            bank, person, study_rng(name, seed, person.order), (spec["labels"][fmt], person.participant_id)
        )
        texts[transcript] = _write_transcript(root / "transcripts", transcript, fmt, turns, person.order)
        truth_rows += _truth_sentences(turns, transcript, person)
        rows.append(
            {
                "participant_id": person.participant_id,
                "transcript": transcript,
                bank.STUDY["group_column"]: person.group,
                **_attributes(name, person, fmt),
            }
        )
    truth = pd.DataFrame(truth_rows)
    _write_csv(pd.DataFrame(rows), root / "participants.csv")
    _write_study_yaml(bank, root / "study.yaml")
    (root / "deid_allowlist.txt").write_text(bank.DEID_ALLOWLIST, encoding="utf-8", newline="\n")
    _write_codebook(bank, root)
    _write_codes(name, spec, bank, people, texts, truth, root, seed)
    _write_truth(name, bank, people, truth, root, seed)
    log.info("%s: %d interviews written to %s", name_out, len(people), root)
    return root


def _write_transcript(folder: Path, stem: str, fmt: str, turns: list[Turn], order: int) -> str:
    pairs = [(t.speaker, t.render()) for t in turns]
    path = folder / f"{stem}.{fmt}"
    if fmt == "txt":
        write_txt(path, pairs, bom=order % 4 in (1, 2), crlf=order % 3 == 0)
    elif fmt == "docx":
        write_docx(path, pairs)
    elif fmt == "vtt":
        write_vtt(path, pairs, words_per_minute=WORDS_PER_MINUTE, zoom_style=order % 2 == 0)
    else:
        write_srt(path, pairs, words_per_minute=WORDS_PER_MINUTE)
    text = canonical_text(pairs)
    if read_transcript(path) != text:
        raise RuntimeError(f"{path}: written transcript does not read back to its canonical text")
    return text


def _truth_sentences(turns: list[Turn], transcript: str, person) -> list[dict]:
    rows, pos = [], 0
    for index, turn in enumerate(turns):
        pos += len(turn.speaker) + 2
        if turn.role == "participant":
            for sentence in turn.sentences:
                rows.append(
                    {
                        "transcript": transcript,
                        "participant_id": person.participant_id,
                        "group": person.group,
                        "turn": index,
                        "start": pos,
                        "end": pos + len(sentence.text),
                        "section": sentence.section,
                        "code": sentence.code,
                    }
                )
                pos += len(sentence.text) + 1
            pos -= 1
        else:
            pos += len(turn.text)
        pos += 1
    return rows


def _attributes(name: str, person, fmt: str) -> dict:
    rng = study_rng(name, 7, person.order)
    if name == "demo_physicians":
        return {
            "years_in_practice": ["0-5", "6-15", "16+"][int(rng.integers(3))],
            "setting": ["academic", "community", "private"][int(rng.integers(3))],
            "format": fmt,
        }
    return {"app_use_months": ["<3", "3-12", ">12"][int(rng.integers(3))], "format": fmt}


def _write_csv(table: pd.DataFrame, path: Path) -> None:
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def _write_study_yaml(bank: SimpleNamespace, path: Path) -> None:
    study = bank.STUDY
    meta = {
        "name": study["name"],
        "description": " ".join(study["description"].split()),
        "group_column": study["group_column"],
        "groups": list(study["groups"]),
        "group_labels": dict(study["group_labels"]),
        "interviewer_labels": ["Interviewer", "INT"],
    }
    path.write_bytes(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100).encode("utf-8"))


def codebook_codes(bank: SimpleNamespace) -> list[Code]:
    """Themes as parent codes, then the codes under them."""
    codes = [Code(theme, info["label"], info["definition"], None) for theme, info in bank.THEMES.items()]
    return codes + [Code(c["code"], c["label"], c["definition"], c["theme"]) for c in bank.CODES]


def _write_codebook(bank: SimpleNamespace, root: Path) -> None:
    rows = [
        {
            "code": c["code"],
            "theme": c["theme"],
            "label": c["label"],
            "definition": c["definition"],
            **({"bordin": c.get("bordin") or ""} if "bordin" in c else {}),
        }
        for c in bank.CODES
    ]
    _write_csv(pd.DataFrame(rows), root / "codebook.csv")
    write_qdc(root / "codebook.qdc", codebook_codes(bank))


def _coder_assignment(spec: dict, transcripts: list[str]) -> dict[str, list[str]]:
    coders = [p.name for p in spec["coders"]]
    if len(coders) == 2:
        return {c: list(transcripts) for c in coders}
    return {coders[0]: list(transcripts), coders[1]: transcripts[0::2], coders[2]: transcripts[1::2]}


def _write_codes(name, spec, bank, people, texts, truth, root, seed) -> None:
    assignment = _coder_assignment(spec, list(texts))
    theme_of = {c["code"]: c["theme"] for c in bank.CODES}
    section_codes = {k: v["codes"] for k, v in sections_of(bank).items()}
    poor = poor_code(bank)
    order_of = {f"interview_{p.order:0{max(2, len(str(len(people))))}d}": p.order for p in people}
    events = []
    for i, profile in enumerate(spec["coders"]):
        for transcript in assignment[profile.name]:
            sentences = truth.loc[truth["transcript"] == transcript]
            events.append(
                simulate_coder(
                    sentences,
                    texts[transcript],
                    profile,
                    poor_code=poor,
                    theme_of=theme_of,
                    section_codes=section_codes,
                    rng=study_rng(name, seed, 1000 + i, order_of[transcript]),
                )
            )
    events = pd.concat(events, ignore_index=True)
    _write_csv(events, root / "truth" / "coder_events.csv")
    _write_csv(
        pd.DataFrame([(c, t) for c, ts in assignment.items() for t in ts], columns=["coder", "transcript"]),
        root / "coders.csv",
    )
    spans = events.loc[events["event"] != "missed"]
    for coder, own in spans.groupby("coder", sort=True):
        if spec["code_format"] == "qdpx":
            write_qdpx(
                root / "codes" / f"{coder}.qdpx",
                project_name=f"{name} ({coder})",
                sources={t: texts[t] for t in assignment[coder]},
                codes=codebook_codes(bank),
                codings=[
                    Coding(r.transcript, r.code, int(r.start), int(r.end), coder)
                    for r in own.itertuples(index=False)
                ],
                users=[coder],
            )
        elif coder == "coder_1":
            _write_csv(own[["coder", "transcript", "code", "start", "end"]], root / "codes" / f"{coder}.csv")
        else:
            quoted = own.assign(
                text=[
                    texts[t][s:e] for t, s, e in zip(own["transcript"], own["start"], own["end"], strict=True)
                ]
            )
            _write_csv(
                quoted[["coder", "transcript", "code", "text"]], root / "codes" / f"{coder}_quotes.csv"
            )


def _write_truth(name, bank, people, truth, root, seed) -> None:
    _write_csv(truth.assign(code=truth["code"].fillna("")), root / "truth" / "sentences.csv")
    rows = []
    for code in bank.CODES:
        for group, share in code["prevalence"].items():
            members = [p for p in people if p.group == group]
            rows.append(
                {
                    "code": code["code"],
                    "theme": code["theme"],
                    "group": group,
                    "planted_prevalence": share,
                    "emerges_from": code["emerges_from"] or "",
                    "n_participants": len(members),
                    "k_with_code": sum(code["code"] in p.codes for p in members),
                }
            )
    _write_csv(pd.DataFrame(rows), root / "truth" / "prevalence.csv")
    _write_csv(
        pd.DataFrame(
            [
                {
                    "participant_id": p.participant_id,
                    "order": p.order,
                    "group": p.group,
                    "verbosity": round(p.verbosity, 4),
                    "disfluency": round(p.disfluency, 4),
                    "codes": ";".join(p.codes),
                }
                for p in people
            ]
        ),
        root / "truth" / "participants.csv",
    )
    coders = STUDIES[name]["coders"]
    planted = {
        "seed": seed,
        "late_emerging_codes": {c["code"]: c["emerges_from"] for c in bank.CODES if c["emerges_from"]},
        "poor_agreement_code": poor_code(bank),
        "coders": {p.name: {k: v for k, v in vars(p).items() if k != "name"} for p in coders},
        "group_differences": {c["code"]: c["prevalence"] for c in bank.CODES if _gap(c) >= DIFFERENCE},
        "no_group_difference": sorted(c["code"] for c in bank.CODES if _gap(c) <= NO_DIFFERENCE),
    }
    (root / "truth" / "planted.json").write_bytes(
        (json.dumps(planted, indent=2, sort_keys=True) + "\n").encode()
    )
