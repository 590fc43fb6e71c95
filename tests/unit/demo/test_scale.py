"""The demo generator's scale option: a larger corpus from the same banks, with consistent ids."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from thematica.demo import generate
from thematica.demo.bank import load_bank
from thematica.demo.generate import scaled_bank
from thematica.ingest.folder import load_study

RAW = Path(__file__).resolve().parents[3] / "data" / "raw"
PHYSICIANS, ALLIANCE = load_bank("demo_physicians"), load_bank("demo_alliance")


def test_scaled_groups_keep_the_proportions_and_add_up():
    for bank, n in (
        (PHYSICIANS, 1000),
        (PHYSICIANS, 101),
        (ALLIANCE, 7),
        (ALLIANCE, 1000),
    ):
        sizes = scaled_bank(bank, n).STUDY["groups"]
        assert sum(sizes.values()) == n
        total = sum(bank.STUDY["groups"].values())
        for group, size in sizes.items():
            assert abs(size - bank.STUDY["groups"][group] * n / total) < 1


def test_late_codes_emerge_at_the_same_share_of_the_study():
    late = {c["code"]: c["emerges_from"] for c in ALLIANCE.CODES if c["emerges_from"]}
    scaled = {c["code"]: c["emerges_from"] for c in scaled_bank(ALLIANCE, 250).CODES if c["emerges_from"]}
    assert scaled == {code: round(first * 10) for code, first in late.items()}  # 25 -> 250 interviews


def test_scaled_study_is_a_valid_study_with_wide_ids(tmp_path):
    (root,) = generate(tmp_path, studies=("demo_alliance",), scale=120)
    assert root.name == "demo_alliance_120"
    study = load_study(root)
    assert len(study.transcripts) == 120 and study.name == "demo_alliance_120"
    participants = pd.read_csv(root / "participants.csv", dtype=str)
    assert (
        participants["transcript"].iloc[0] == "interview_001"
        and participants["participant_id"].iloc[-1] == "P120"
    )
    assert participants["role"].value_counts().to_dict() == {"client": 72, "therapist": 48}
    coded = pd.read_csv(root / "codes" / "coder_1.csv", dtype=str)
    assert coded["transcript"].nunique() > 100
    # the invented product names are allowlisted as in the demo study, or the deid gate would stop the run
    allowlist = (root / "deid_allowlist.txt").read_text(encoding="utf-8")
    assert allowlist == (RAW / "demo_alliance" / "deid_allowlist.txt").read_text(encoding="utf-8")
    assert "SoothBot" in allowlist.splitlines()


def test_scale_needs_a_few_interviews_per_group(tmp_path):
    with pytest.raises(ValueError, match="at least 4"):
        generate(tmp_path, studies=("demo_alliance",), scale=3)


def _bank_sentences(bank) -> list[str]:
    """Every sentence a bank can put in a participant's mouth, slots filled with their first option."""

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        else:
            for item in value:
                yield from strings(item)

    def fill(sentence: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: bank.SLOTS[m.group(1)][0], sentence)

    parts = (bank.SENTENCES, bank.UNCODED, bank.SMALL_TALK)
    return sorted({fill(s) for part in parts for s in strings(part)})


@pytest.mark.parametrize("bank", [PHYSICIANS, ALLIANCE], ids=lambda b: b.STUDY["name"])
def test_bank_sentences_after_a_speaker_label_pass_the_deid_scan(bank, tmp_path):
    # A scaled study has thousands of turns, so every sentence of the bank starts one somewhere: spaCy
    # tags some capitalised common words there as organisations ("P0548: Confidentiality is..."), and
    # the study's allowlist must cover them, or the deid gate stops the run of the generated study.
    from thematica.deid.scan import Allowlist, read_allowlist, scan_text

    path = tmp_path / "deid_allowlist.txt"  # as the generator writes it
    path.write_text(bank.DEID_ALLOWLIST, encoding="utf-8")
    written = read_allowlist(path)
    allowlist = Allowlist(terms=(*written.terms, "P0548"), patterns=tuple(written.patterns))
    sentences = _bank_sentences(bank)
    assert len(sentences) > 300
    text = "\n".join(f"P0548: {hedge}{s}" for s in sentences for hedge in ("", "Hmm. "))
    flagged = [text[f.start : f.end] for f in scan_text(text, allowlist=allowlist) if f.status == "flagged"]
    assert flagged == []
