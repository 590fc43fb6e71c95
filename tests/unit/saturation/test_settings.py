"""The saturation settings: the config's defaults, refused keys and values, immutability."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from thematica.errors import ThematicaError
from thematica.saturation.settings import SaturationSettings

ROOT = Path(__file__).resolve().parents[3]


def test_defaults_are_the_config_and_schema_defaults():
    full = yaml.safe_load((ROOT / "config" / "config.yaml").read_text())
    config = full["saturation"]
    schema = yaml.safe_load((ROOT / "workflow" / "schemas" / "config.schema.yaml").read_text())
    properties = schema["properties"]["saturation"]["properties"]
    defaults = SaturationSettings().to_dict()
    # the codebook's kind is a codes setting (it describes the codebook), read by this stage
    kind = defaults.pop("codebook_kind")
    assert kind == full["codes"]["codebook_kind"] == "deductive"
    assert kind == schema["properties"]["codes"]["properties"]["codebook_kind"]["default"]
    assert defaults == config
    assert defaults == {key: spec["default"] for key, spec in properties.items()}
    assert SaturationSettings.from_config(config) == SaturationSettings()
    assert SaturationSettings.from_config(config, codebook_kind="inductive").codebook_kind == "inductive"
    with pytest.raises(ThematicaError, match="codebook_kind"):
        SaturationSettings(codebook_kind="closed")


def test_lists_become_tuples_and_numbers_stay_as_given():
    settings = SaturationSettings.from_config(
        {"levels": ["theme"], "coverage_targets": [0.8], "threshold": 0}
    )
    assert settings.levels == ("theme",) and settings.coverage_targets == (0.8,)
    assert settings.threshold == 0 and isinstance(settings.threshold, int)
    assert SaturationSettings.from_config(None) == SaturationSettings()


def test_unknown_keys_are_refused_by_name():
    with pytest.raises(ThematicaError, match=r"unknown saturation setting\(s\) \['base_sise'\]"):
        SaturationSettings.from_config({"base_sise": 3})


def test_bad_values_are_reported_together():
    with pytest.raises(ThematicaError, match="base_size and run_length.*interval.*levels"):
        SaturationSettings(run_length=0, interval=1.0, levels=("codes",))


def test_settings_are_frozen():
    settings = SaturationSettings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.base_size = 6  # type: ignore[misc]
