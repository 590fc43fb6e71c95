"""Loading a study's pipeline outputs: where the config comes from, tables by name, plain errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml

from thematica.errors import ThematicaError
from thematica.explore import TABLES, load_study, read_table

from .conftest import SEED, STUDY


def test_tables_are_attributes_read_from_the_pipeline_files(pipeline_root):
    results = load_study(STUDY, pipeline_root)
    segments = results.segments
    assert segments.equals(pd.read_parquet(pipeline_root / TABLES["segments"].format(study=STUDY)))
    segments.loc[0, "text"] = "changed in a notebook"
    assert results.segments.loc[0, "text"] != "changed in a notebook"  # every read is a fresh copy
    assert "alpha" in dir(results) and results.seed == SEED
    available = results.available().set_index("table")["exists"]
    assert available["segments"] and available["topic_info"] and not available["alpha"]
    assert results.groups == ["a", "b"] and results.group_labels == {"a": "a", "b": "b"}


def test_missing_table_names_the_file_and_the_fix(pipeline_root):
    results = load_study(STUDY, pipeline_root)
    with pytest.raises(ThematicaError, match=r"reliability/alpha\.csv: no 'alpha' table .*`make run`"):
        _ = results.alpha
    with pytest.raises(AttributeError):
        _ = results.no_such_table


def test_config_from_the_manifest_first_then_config_yaml(pipeline_root, tmp_path):
    config = yaml.safe_load((pipeline_root / "config" / "config.yaml").read_text())
    assert load_study(STUDY, pipeline_root).config_source.endswith("config/config.yaml")
    manifest = pipeline_root / "results" / "manifest.json"
    try:
        manifest.write_text(json.dumps({"config": {**config, "seed": 99}}))
        assert load_study(STUDY, pipeline_root).seed == 99
        manifest.write_text(json.dumps({"config": {**config, "studies": {"other": "x"}}}))
        assert load_study(STUDY, pipeline_root).seed == SEED  # the manifest does not list the study
    finally:
        manifest.unlink()
    given = tmp_path / "my.yaml"
    given.write_text(yaml.safe_dump({**config, "seed": 5}))
    assert load_study(STUDY, pipeline_root, config=given).seed == 5
    assert load_study(STUDY, pipeline_root, config={**config, "seed": 6}).seed == 6


def test_unknown_study_and_missing_config_are_plain_errors(pipeline_root, tmp_path):
    with pytest.raises(ThematicaError, match="lists no study 'nope'; it lists: mini"):
        load_study("nope", pipeline_root)
    with pytest.raises(ThematicaError, match="no configuration found"):
        load_study(STUDY, tmp_path)


def test_read_table_keeps_identifiers_as_written(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("code,participant_id,group,share,note\nNA,007,None,0.5,\nnan,010,b,,x\n")
    table = read_table(path)
    assert table["code"].tolist() == ["NA", "nan"]
    assert table["participant_id"].tolist() == ["007", "010"]
    assert table["group"].tolist() == ["None", "b"]
    assert table["share"].isna().tolist() == [False, True] and table["note"].isna().tolist() == [True, False]
