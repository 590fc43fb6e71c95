import zipfile

import numpy as np
import pandas as pd
import pytest

from thematica.machine import MACHINE_USER, MachineSettings
from thematica.machine.study import machine_learning_curve, machine_proposals, machine_reliability
from thematica.refiqda import read_qdpx
from thematica.support.tables import write_csv

from .conftest import write_study_embeddings

SETTINGS = MachineSettings(seed=5, folds=3, inner_folds=2, curve_step=3, curve_repeats=2)


@pytest.fixture(scope="module")
def partly_coded(study, tmp_path_factory):
    """t06 uncoded (no coder saw it), t07 single-coded (only c1 saw it), with texts and embeddings."""
    folder = tmp_path_factory.mktemp("machine")
    uncoded = study["segments"].loc[study["segments"]["transcript"] == "t06", "segment_id"]
    consensus = study["consensus"].loc[~study["consensus"]["segment_id"].isin(uncoded)]
    segment_codes = study["segment_codes"].loc[~study["segment_codes"]["segment_id"].isin(uncoded)]
    npy, meta = write_study_embeddings(folder, study["segments"], study["x"])
    texts = []
    for t in study["segments"]["transcript"].unique():
        path = folder / "text" / f"{t}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(("".join(f"sentence{i:02d}." for i in range(24)) + "\n").encode("utf-8"))
        texts.append(path)
    return {
        **study,
        "consensus": consensus,
        "segment_codes": segment_codes,
        "npy": npy,
        "meta": meta,
        "texts": texts,
        "folder": folder,
    }


def _reliability(data, reliability):
    return machine_reliability(
        data["segments"],
        data["consensus"],
        data["segment_codes"],
        data["codebook"],
        npy_paths=data["npy"],
        json_paths=data["meta"],
        settings=SETTINGS,
        reliability=reliability,
    )


def test_the_machine_tables_have_their_shapes_and_the_same_bytes_twice(partly_coded, reliability, tmp_path):
    one = _reliability(partly_coded, reliability)
    coded = partly_coded["consensus"]["segment_id"].nunique()
    assert len(one.predictions) == coded * 3  # every coded segment and code, once
    assert set(one.predictions["fold"]) == {0, 1, 2}
    assert not one.predictions["segment_id"].str.startswith("t06").any()  # uncoded: not evaluated
    assert one.table.loc[one.table["comparison"] == "machine_consensus", "alpha"].min() > 0.7
    two = _reliability(partly_coded, reliability)
    for name in ("predictions", "table"):
        write_csv(getattr(one, name), tmp_path / f"{name}1.csv")
        write_csv(getattr(two, name), tmp_path / f"{name}2.csv")
        assert (tmp_path / f"{name}1.csv").read_bytes() == (tmp_path / f"{name}2.csv").read_bytes()


def test_proposals_cover_what_no_two_coders_saw_and_validate(partly_coded, reliability):
    result = _reliability(partly_coded, reliability)
    qdpx = partly_coded["folder"] / "proposals.qdpx"
    proposals = machine_proposals(
        partly_coded["segments"],
        partly_coded["consensus"],
        partly_coded["codebook"],
        result.predictions,
        result.table,
        npy_paths=partly_coded["npy"],
        json_paths=partly_coded["meta"],
        settings=SETTINGS,
        study="synthetic",
        text_paths=partly_coded["texts"],
        qdpx_path=qdpx,
    )
    assert set(proposals["basis"]) == {"uncoded", "single_coded"}
    assert set(proposals.loc[proposals["basis"] == "uncoded", "transcript"]) == {"t06"}
    assert set(proposals.loc[proposals["basis"] == "single_coded", "transcript"]) == {"t07"}
    # the single-coded proposals are the cross-validated codes of t07
    cv = result.predictions.loc[result.predictions["segment_id"].str.startswith("t07")]
    assert len(proposals.loc[proposals["basis"] == "single_coded"]) == int(cv["applied"].sum())
    project = read_qdpx(qdpx)  # read_qdpx validates against Project.xsd
    assert set(project.users.values()) == {MACHINE_USER}
    assert set(project.sources) == {"t06", "t07"}
    assert len(project.codings) == len(proposals)
    assert {c.user for c in project.codings} == {MACHINE_USER}
    described = {c.code: c.definition for c in project.codes}
    assert "cross-validated alpha against the consensus" in described["alpha_code"]
    assert {c.code for c in project.codes} == {"first", "second", "alpha_code", "beta_code", "gamma_code"}
    with zipfile.ZipFile(qdpx) as archive:
        first = {i.filename: archive.read(i) for i in archive.infolist()}
    machine_proposals(
        partly_coded["segments"],
        partly_coded["consensus"],
        partly_coded["codebook"],
        result.predictions,
        result.table,
        npy_paths=partly_coded["npy"],
        json_paths=partly_coded["meta"],
        settings=SETTINGS,
        study="synthetic",
        text_paths=partly_coded["texts"],
        qdpx_path=qdpx,
    )
    with zipfile.ZipFile(qdpx) as archive:
        assert {i.filename: archive.read(i) for i in archive.infolist()} == first


def test_a_fully_double_coded_study_gets_an_empty_valid_project(study, reliability, tmp_path):
    npy, meta = write_study_embeddings(tmp_path, study["segments"], study["x"])
    both = study["segment_codes"]
    seen_by_both = both.groupby("segment_id")["coder"].nunique()
    consensus = study["consensus"].assign(n_coders=2)
    predictions = pd.DataFrame(columns=["segment_id", "code", "fold", "probability", "threshold", "applied"])
    table = pd.DataFrame(columns=["code", "comparison", "alpha"])
    proposals = machine_proposals(
        study["segments"],
        consensus,
        study["codebook"],
        predictions,
        table,
        npy_paths=npy,
        json_paths=meta,
        settings=SETTINGS,
        study="synthetic",
        text_paths=[],
        qdpx_path=tmp_path / "p.qdpx",
    )
    assert proposals.empty and len(seen_by_both)
    project = read_qdpx(tmp_path / "p.qdpx")
    assert project.codings == [] and len(project.codes) == 5


def test_learning_curve_sizes_repeats_and_codes(partly_coded):
    curve = machine_learning_curve(
        partly_coded["segments"],
        partly_coded["consensus"],
        partly_coded["codebook"],
        npy_paths=partly_coded["npy"],
        json_paths=partly_coded["meta"],
        settings=SETTINGS,
    )
    # 7 coded transcripts: sizes 3 and 6, 2 repeats, 3 codes
    assert len(curve) == 2 * 2 * 3
    assert sorted(set(curve["n_transcripts"])) == [3, 6]
    assert (curve["n_test_transcripts"] == 7 - curve["n_transcripts"]).all()
    assert (curve.loc[curve["n_transcripts"] == 6, "n_test_units"] == 24).all()
    assert np.isfinite(curve["alpha"]).all()
    again = machine_learning_curve(
        partly_coded["segments"],
        partly_coded["consensus"],
        partly_coded["codebook"],
        npy_paths=partly_coded["npy"],
        json_paths=partly_coded["meta"],
        settings=SETTINGS,
    )
    pd.testing.assert_frame_equal(curve, again)


def test_one_coded_transcript_gives_empty_tables(study, reliability, tmp_path):
    npy, meta = write_study_embeddings(tmp_path, study["segments"], study["x"])
    only = study["segments"].loc[study["segments"]["transcript"] == "t00", "segment_id"]
    consensus = study["consensus"].loc[study["consensus"]["segment_id"].isin(only)]
    codes = study["segment_codes"].loc[study["segment_codes"]["segment_id"].isin(only)]
    result = machine_reliability(
        study["segments"],
        consensus,
        codes,
        study["codebook"],
        npy_paths=npy,
        json_paths=meta,
        settings=SETTINGS,
        reliability=reliability,
    )
    assert result.predictions.empty and result.table.empty
    curve = machine_learning_curve(
        study["segments"], consensus, study["codebook"], npy_paths=npy, json_paths=meta, settings=SETTINGS
    )
    assert curve.empty
