"""The demo sentence banks (YAML files shipped with the package) are complete and consistent."""

from __future__ import annotations

import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

from thematica.demo.bank import BANK_NAMES, load_bank
from thematica.demo.compose import sections_of

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "src" / "thematica"


@pytest.fixture(params=BANK_NAMES)
def bank(request):
    return load_bank(request.param)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_a_bank_names_its_study_and_has_every_part(bank):
    assert bank.STUDY["name"] in BANK_NAMES
    parts = set(vars(bank))
    assert parts >= {"STUDY", "THEMES", "DEID_ALLOWLIST", "CODES", "SENTENCES", "SLOTS", "PROBES", "UNCODED"}
    assert len({"TOPICS", "CASES"} & parts) == 1  # an interview guide or case vignettes


def test_every_code_has_sentences_for_each_group_and_a_known_theme(bank):
    groups = set(bank.STUDY["groups"])
    for code in bank.CODES:
        assert code["theme"] in bank.THEMES
        assert set(code["prevalence"]) == groups
        assert set(bank.SENTENCES[code["code"]]) == {"any"} | groups
    assert set(bank.SENTENCES) == {c["code"] for c in bank.CODES}
    for section in sections_of(bank).values():
        assert set(section["codes"]) <= set(bank.SENTENCES)


def test_every_slot_used_is_defined(bank):
    used = {m for s in _strings(vars(bank)) for m in re.findall(r"\{(\w+)\}", s)}
    assert used <= set(bank.SLOTS)


def test_each_call_returns_a_fresh_copy():
    first = load_bank("demo_alliance")
    first.SLOTS["app"].append("Changed")
    assert "Changed" not in load_bank("demo_alliance").SLOTS["app"]


def test_unknown_bank_is_an_error():
    with pytest.raises(ValueError, match="no demo bank"):
        load_bank("demo_nothing")


def test_bank_files_are_package_data():
    # A non-editable install copies only the data files pyproject.toml names.
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    globs = setuptools["package-data"]["thematica"]
    files = sorted(p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "demo" / "banks").iterdir())
    assert [f for f in files if f.endswith(".yaml")] == [f"demo/banks/{n}.yaml" for n in sorted(BANK_NAMES)]
    assert all(any(fnmatch(f, g) for g in globs) for f in files)
