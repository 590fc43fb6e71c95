"""thematica: a reproducible thematic-analysis pipeline for qualitative interview studies."""

from thematica.errors import ThematicaError

__all__ = ["ThematicaError"]
__version__ = "0.1.0"
