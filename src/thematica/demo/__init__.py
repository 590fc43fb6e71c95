"""Synthetic demo studies with planted, recorded structure (``python -m thematica.demo OUT_DIR``)."""

from __future__ import annotations

from pathlib import Path

# Loaded before `generate` (the function) is defined: a first import of the submodule later would set the
# package attribute `generate` to the module and shadow the function.
import thematica.demo.generate  # noqa: F401, E402

DEMO_STUDIES = ("demo_physicians", "demo_alliance")


def generate(
    out_root: str | Path,
    seed: int | None = None,
    studies: tuple[str, ...] = DEMO_STUDIES,
    scale: int | None = None,
) -> list[Path]:
    """Generate the demo studies under ``out_root`` (deterministic for a given seed).

    ``scale`` writes each study with that many interviews instead, as ``<study>_<scale>`` (for timing the
    pipeline on a large corpus; see :func:`thematica.demo.generate.scaled_bank`).
    """
    from thematica.demo.generate import DEMO_SEED, generate_study

    seed = DEMO_SEED if seed is None else seed
    return [generate_study(name, out_root, seed, n_interviews=scale) for name in studies]


__all__ = ["DEMO_STUDIES", "generate"]
