"""Synthetic demo studies with planted, recorded structure (``python -m thematica.demo OUT_DIR``)."""

from __future__ import annotations

from pathlib import Path

DEMO_STUDIES = ("demo_physicians", "demo_alliance")


def generate(
    out_root: str | Path, seed: int | None = None, studies: tuple[str, ...] = DEMO_STUDIES
) -> list[Path]:
    """Generate the demo studies under ``out_root`` (deterministic for a given seed)."""
    from thematica.demo.generate import DEMO_SEED, generate_study

    return [generate_study(name, out_root, DEMO_SEED if seed is None else seed) for name in studies]


__all__ = ["DEMO_STUDIES", "generate"]
