"""The scan's spaCy pipeline loads without torch (thinc would import it, about 1.2 s of every scan job) and
finds the same entities as with torch loaded."""

from __future__ import annotations

import json
import subprocess
import sys

TEXT = "I saw Dr. Maria Lopez at Riverside Clinic in Boston last March."

PROBE = """
import json, sys
{before}
from thematica.deid.ner import find_entities
found = [(f.start, f.end, f.detector) for f in find_entities({text!r})]
import thinc.compat
print(json.dumps({{"torch": "torch" in sys.modules, "has_torch": thinc.compat.has_torch, "found": found}}))
"""


def _probe(before: str) -> dict:
    code = PROBE.format(before=before, text=TEXT)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_scan_never_imports_torch_and_finds_the_same_entities():
    plain = _probe("")
    assert plain["torch"] is False and plain["has_torch"] is False
    with_torch = _probe("import torch")
    assert with_torch["has_torch"] is True
    assert plain["found"] == with_torch["found"] and len(plain["found"]) >= 3


def test_torch_stays_importable_afterwards():
    probe = (
        "from thematica.deid.ner import entity_recognizer; entity_recognizer(); "
        "import torch; print(torch.__name__)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "torch"
