import numpy as np
import pandas as pd
import pytest

from thematica.machine.agreement import CONSENSUS, MACHINE_COLUMNS, MACHINE_USER, machine_alpha_table
from thematica.reliability.bootstrap import confidence_interval
from thematica.reliability.coefficients import ALPHA
from thematica.reliability.per_code import evaluate, unit_data


def _inputs(study):
    machine = study["consensus"][["segment_id", "code", "applied"]].copy()
    transcript_of = dict(zip(study["segments"]["segment_id"], study["segments"]["transcript"], strict=True))
    return machine, transcript_of


def test_a_machine_equal_to_the_consensus_agrees_perfectly(study, reliability):
    machine, transcript_of = _inputs(study)
    table = machine_alpha_table(
        machine, study["consensus"], study["segment_codes"], study["codebook"], transcript_of, reliability
    )
    assert list(table.columns) == MACHINE_COLUMNS
    per_code = table.groupby("code")["comparison"].apply(list).to_dict()
    for code in study["codebook"]["code"]:
        assert per_code[code] == [
            "machine_consensus",
            "machine_coder",
            "machine_coder",
            "coders",
            "coder_pair",
        ]
    first = table.loc[table["comparison"] == "machine_consensus"]
    assert (first["alpha"] == 1.0).all() and (first["coder_a"] == MACHINE_USER).all()
    assert (first["coder_b"] == CONSENSUS).all()
    assert (first["n_units"] == len(study["segments"])).all()
    c2 = table.loc[(table["comparison"] == "machine_coder") & (table["coder_b"] == "c2")]
    assert (c2["n_units"] == len(study["segments"]) - 24).all()  # c2 did not see the last transcript


def test_the_humans_rows_are_those_of_the_reliability_tables(study, reliability):
    machine, transcript_of = _inputs(study)
    table = machine_alpha_table(
        machine, study["consensus"], study["segment_codes"], study["codebook"], transcript_of, reliability
    )
    data = unit_data(study["segment_codes"].astype({"applied": "int64"}), ["beta_code"], transcript_of)
    result = evaluate(ALPHA, data["beta_code"], reliability, level="code", code="beta_code")
    row = table.loc[(table["code"] == "beta_code") & (table["comparison"] == "coders")].iloc[0]
    assert row["alpha"] == result.estimate
    assert (row["ci_low"], row["ci_high"]) == confidence_interval(result.replicates, reliability.ci_level)
    pair = table.loc[(table["code"] == "beta_code") & (table["comparison"] == "coder_pair")].iloc[0]
    assert pair["alpha"] == pytest.approx(row["alpha"])  # two coders: the pair is all of them


def test_one_coder_has_no_human_rows(study, reliability):
    machine, transcript_of = _inputs(study)
    flipped = machine.assign(
        applied=np.where(np.arange(len(machine)) % 7 == 0, 1 - machine["applied"], machine["applied"])
    )
    one = study["segment_codes"].loc[study["segment_codes"]["coder"] == "c1"]
    table = machine_alpha_table(
        flipped, study["consensus"], one, study["codebook"], transcript_of, reliability
    )
    assert set(table["comparison"]) == {"machine_consensus", "machine_coder"}
    assert (table["alpha"] < 1.0).all() and table["ci_low"].notna().all()


def test_empty_inputs_give_an_empty_table(study, reliability):
    empty = pd.DataFrame(columns=["segment_id", "code", "applied"])
    table = machine_alpha_table(
        empty,
        empty,
        pd.DataFrame(columns=["segment_id", "coder", "code", "applied"]),
        study["codebook"],
        {},
        reliability,
    )
    assert table.empty and list(table.columns) == MACHINE_COLUMNS
