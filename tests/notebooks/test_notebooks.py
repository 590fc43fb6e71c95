"""Every notebook in notebooks/ runs top to bottom, headless, on both demo studies.

One small pipeline run (six interviews of each demo study, three per group, with the coders' exports and
codebooks) is shared by all notebooks. Each notebook is read from its jupytext py:percent file, gets the study
and the run's folder in a cell after its ``parameters`` cell (papermill's convention), and runs in a fresh
kernel through nbclient: a cell that raises fails the test, and so does a notebook that shows nothing. The
candidate-themes notebook refits the topic model, which stops unless every segment lands in the topic the
pipeline gave it.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from tests.workflow.conftest import REPO, coded_small_study, run_snakemake, write_config
from thematica.explore import TABLES

NOTEBOOK_DIR = REPO / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.py"))
# Three interviews of each group (about 700-800 segments a study), in every transcript format there is.
PICK = {
    "demo_physicians": [f"interview_{i:02d}" for i in (1, 2, 3, 4, 6, 10)],
    "demo_alliance": [f"interview_{i:02d}" for i in (1, 2, 3, 5, 7, 9)],
}
# Tables the notebooks read; recovery.csv needs the planted truth, which this run leaves out.
TARGETS = [path for name, path in TABLES.items() if name != "recovery"]
CELL_TIMEOUT = 600


@pytest.fixture(scope="session")
def pipeline(tmp_path_factory) -> Path:
    """The pipeline's tables for both small studies (no figures, exports or report: notebooks need tables)."""
    work = tmp_path_factory.mktemp("notebooks_wf")
    raw = REPO / "data" / "raw"
    studies = {name: coded_small_study(raw / name, work / "raw" / name, ts) for name, ts in PICK.items()}
    default = yaml.safe_load((REPO / "config" / "config.yaml").read_text())
    write_config(
        work,
        studies,
        topics={**default["topics"], "stability_runs": 1},
        reliability={**default["reliability"], "n_bootstrap": 200},
        saturation={**default["saturation"], "n_permutations": 100, "n_bootstrap": 50},
    )
    targets = [t.format(study=s) for s in PICK for t in TARGETS]
    result = run_snakemake(work, *targets)
    assert result.returncode == 0, result.stderr[-4000:]
    return work


def parameterised(path: Path, **parameters) -> nbformat.NotebookNode:
    """The notebook with a cell after its ``parameters`` cell that sets ``parameters``."""
    notebook = jupytext.read(path)
    tagged = [i for i, c in enumerate(notebook.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{path.name} needs exactly one cell tagged 'parameters'"
    source = "\n".join(f"{key} = {value!r}" for key, value in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    notebook.cells.insert(tagged[0] + 1, cell)
    return notebook


def outputs(notebook: nbformat.NotebookNode, mimetype: str) -> int:
    return sum(
        mimetype in output.get("data", {}) for cell in notebook.cells for output in cell.get("outputs", [])
    )


def test_every_notebook_names_its_study_in_a_parameters_cell():
    assert len(NOTEBOOKS) >= 5, NOTEBOOKS
    for path in NOTEBOOKS:
        notebook = jupytext.read(path)
        tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, path.name
        namespace: dict = {}
        exec(tagged[0].source, namespace)  # plain assignments only
        assert namespace["study"] in ("demo_physicians", "demo_alliance"), path.name
        assert {"root", "config"} <= set(namespace), path.name
        assert not any(c.get("outputs") for c in notebook.cells if c.cell_type == "code"), path.name


@pytest.mark.parametrize("study", list(PICK))
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(pipeline, path, study):
    notebook = parameterised(path, study=study, root=str(pipeline), config=str(pipeline / "config.yaml"))
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    client.execute()
    assert outputs(notebook, "text/html") + outputs(notebook, "text/plain") > 10
    assert outputs(notebook, "image/png") >= 1, "no figure was shown"
    if path.stem == "02_candidate_themes":
        assert outputs(notebook, "application/vnd.plotly.v1+json") >= 6, "BERTopic's views are missing"
