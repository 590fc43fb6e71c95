from pathlib import Path

import pytest
import yaml

from thematica.errors import ThematicaError
from thematica.machine import MachineSettings


def test_the_config_defaults_are_the_settings_defaults():
    with open(Path(__file__).resolve().parents[3] / "config" / "config.yaml", encoding="utf-8") as handle:
        section = yaml.safe_load(handle)["machine"]
    settings = MachineSettings.from_config(section, seed=1)
    assert settings == MachineSettings(seed=1)


def test_bad_settings_are_refused():
    with pytest.raises(ThematicaError, match="unknown machine setting"):
        MachineSettings.from_config({"fold": 3}, seed=0)
    with pytest.raises(ThematicaError, match="machine.folds must be at least 2"):
        MachineSettings.from_config({"folds": 1}, seed=0)
    with pytest.raises(ThematicaError, match="machine.C must be positive"):
        MachineSettings.from_config({"C": 0}, seed=0)
