"""Caption facts for the report come from summary.csv."""

from __future__ import annotations

from tests.unit.saturation.test_study import _inputs
from thematica.saturation.facts import saturation_facts  # noqa: F401  (registers "saturation")
from thematica.saturation.settings import SaturationSettings
from thematica.saturation.study import saturation_tables
from thematica.support.report_facts import ResultFacts
from thematica.support.tables import write_csv


def test_caption_facts_read_the_overall_consensus_row(tmp_path):
    tables = saturation_tables(
        **_inputs(),
        settings=SaturationSettings(n_permutations=20, n_bootstrap=10, codebook_kind="inductive"),
        seed=0,
    )
    path = tmp_path / "summary.csv"
    write_csv(tables.summary, path)
    facts = ResultFacts(path, "saturation")
    assert (facts.level, facts.n_interviews, facts.observed, facts.guest) == ("code", 8, 5, "4+2")
    assert facts.threshold == "5%" and facts.base_size == 4
    assert "90% coverage:" in facts.extra and "g1: " in facts.groups and "g2: not assessable" in facts.groups
    assert facts.codebook_kind == "inductive" and facts.estimates.startswith("Inductive codebook: 5 of")
    assert "Chao2" in facts.estimates


def test_caption_facts_of_a_deductive_codebook_estimate_nothing_beyond_it(tmp_path):
    tables = saturation_tables(**_inputs(), settings=SaturationSettings(n_permutations=20), seed=0)
    path = tmp_path / "summary.csv"
    write_csv(tables.summary, path)
    facts = ResultFacts(path, "saturation")
    assert facts.codebook_kind == "deductive"
    assert facts.estimates.startswith("Deductive codebook: 5 of the codebook's 6 codes were voiced (83%)")
    assert "the last new one came in interview 8" in facts.estimates
    assert "Chao2 " not in facts.estimates and "more interviews" not in facts.estimates
    assert "g2: not assessable, 4 of 6 codes" in facts.groups
