"""Figures: each reads tables only, so restyling never reruns a model."""
