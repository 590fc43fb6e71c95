from pathlib import Path

import pytest
import yaml
from snakemake.utils import validate

from thematica.config import check_config
from thematica.errors import ThematicaError

REPO = Path(__file__).resolve().parents[2]
SCHEMA = REPO / "workflow" / "schemas" / "config.schema.yaml"


def test_committed_config_is_valid():
    check_config(yaml.safe_load((REPO / "config" / "config.yaml").read_text()), SCHEMA)


def test_minimal_config_gets_documented_defaults():
    config = {"studies": {"s": "data/raw/s"}}
    check_config(config, SCHEMA)
    validate(config, str(SCHEMA))
    assert config["seed"] == 20261123
    assert config["figures"]["formats"] == ["png", "svg"]
    assert config["segment"]["min_words"] == 5


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"studies": {"s": "x"}, "sede": 1}, "unknown key 'sede'; did you mean 'seed'?"),
        (
            {"studies": {"s": "x"}, "figures": {"format": ["png"]}},
            "unknown key 'figures.format'; did you mean",
        ),
        ({"studies": {"s": "x"}, "figures": {"formats": ["gif"]}}, "'figures.formats.0' 'gif' is not one of"),
        ({"studies": {"s": "x"}, "seed": -1}, "'seed' -1 is less than the minimum of 0"),
        ({"studies": {}}, "'studies' {} should be non-empty"),
        (
            {"studies": {"s": "x"}, "topics": {"n_epochs": 5}},
            "'topics.n_epochs' 5 is less than the minimum of 10",
        ),
        ({}, "'studies' is a required property"),
    ],
)
def test_bad_configs_give_one_plain_message(config, message):
    with pytest.raises(ThematicaError) as info:
        check_config(config, SCHEMA)
    assert message in str(info.value)


def test_every_schema_key_has_description_type_and_default():
    schema = yaml.safe_load(SCHEMA.read_text())

    def walk(node, path):
        for key, sub in node.get("properties", {}).items():
            assert "description" in sub and "type" in sub, f"{path}{key}"
            if key != "studies":
                assert "default" in sub, f"{path}{key}"
            walk(sub, f"{path}{key}.")

    walk(schema, "")
