"""BERTopic imported for a step that embeds nothing: no torch or embedding stack, the same fits."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from thematica.topics import bertopic_import

# In a fresh process: optionally import torch first, then refit a synthetic corpus and c-TF-IDF its codes
# with the steps' own functions; report what got imported and the results' bytes.
STEP_RUN = textwrap.dedent(
    """
    import hashlib, json, sys
    import numpy as np
    if sys.argv[1] == "torch-first":
        import torch
    from tests.unit.topics.conftest import make_corpus
    from thematica.topics.bertopic_import import HIDDEN
    from thematica.topics.crosswalk import code_keywords
    from thematica.topics.settings import TopicSettings
    from thematica.topics.study import stability_refits

    segments, emb, planted = make_corpus(40)
    settings = TopicSettings.from_config({"stability_runs": 2})
    docs = segments["text"].tolist()
    refits = stability_refits(docs, emb, settings, [7, 8], reference_seed=6)
    applied = np.stack([planted == k for k in range(4)], axis=1).astype(int)
    keywords = code_keywords(docs, applied, ["a", "b", "c", "d"], emb, settings)
    loaded = {name: sys.modules.get(name) is not None for name in HIDDEN}
    import plotly, sentence_transformers  # still importable afterwards
    print(json.dumps({
        "loaded": loaded,
        "refits": hashlib.sha256(np.ascontiguousarray(refits).tobytes()).hexdigest(),
        "keywords": keywords.to_csv(index=False),
    }))
    """
)


def _step(mode: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", STEP_RUN, mode],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def runs() -> dict[str, dict]:
    return {mode: _step(mode) for mode in ("light", "torch-first")}


def test_refits_and_code_keywords_import_no_embedding_stack(runs):
    assert runs["light"]["loaded"] == dict.fromkeys(bertopic_import.HIDDEN, False)
    assert runs["torch-first"]["loaded"]["torch"]


def test_the_same_fits_with_and_without_the_stack(runs):
    light, full = runs["light"], runs["torch-first"]
    assert light["refits"] == full["refits"]
    assert light["keywords"] == full["keywords"]
    assert "privacy" in light["keywords"] or "data" in light["keywords"]  # real keywords, not an empty table


def test_hidden_entries_are_removed_even_when_the_import_fails(monkeypatch):
    monkeypatch.delitem(sys.modules, "bertopic", raising=False)
    for name in bertopic_import.HIDDEN:
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setattr(bertopic_import, "_FIRST", ())
    monkeypatch.setattr("thematica.support.jitcache.enable_jit_cache", lambda: None)

    def broken(name):
        assert all(sys.modules[n] is None for n in bertopic_import.HIDDEN)  # hidden meanwhile
        raise ImportError("broken install")

    monkeypatch.setattr("importlib.import_module", broken)
    with pytest.raises(ImportError, match="broken install"):
        bertopic_import.import_bertopic(embeds=False)
    assert not any(name in sys.modules for name in bertopic_import.HIDDEN)


def test_plots_come_back_after_an_import_without_them():
    """A process that imported BERTopic for a step (plotly hidden: its plotting is a stub) and then asks
    for its views gets the real plotting module."""
    code = """
        import json
        from thematica.topics.bertopic_import import import_bertopic
        import_bertopic(embeds=False)
        import bertopic._bertopic as core
        before = type(core.plotting).__name__
        import_bertopic(embeds=False, plots=True)
        print(json.dumps({"before": before, "after": core.plotting.__name__}))
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found == {"before": "MockPlotlyModule", "after": "bertopic.plotting"}
