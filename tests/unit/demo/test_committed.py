"""The committed demo studies are exactly what the generator writes from the demo seed."""

import filecmp
from pathlib import Path

import pytest

from thematica.demo import DEMO_STUDIES, generate

RAW = Path(__file__).resolve().parents[3] / "data" / "raw"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    generate(out)
    return out


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("study", DEMO_STUDIES)
def test_committed_files_equal_a_fresh_generation(fresh, study):
    committed, regenerated = RAW / study, fresh / study
    assert _files(committed) == _files(regenerated), "run `make demo` and commit the result"
    different = [
        f for f in _files(committed) if not filecmp.cmp(committed / f, regenerated / f, shallow=False)
    ]
    assert different == [], "run `make demo` and commit the result"


def test_generation_depends_on_the_seed(tmp_path, fresh):
    generate(tmp_path, seed=1, studies=("demo_alliance",))
    a = (tmp_path / "demo_alliance" / "truth" / "sentences.csv").read_bytes()
    assert a != (fresh / "demo_alliance" / "truth" / "sentences.csv").read_bytes()
