"""Tests for the public surface of thematica.refiqda (the package re-exports)."""

from __future__ import annotations

import thematica.refiqda as refiqda


def test_public_names_are_exported() -> None:
    expected = {
        "CODEBOOK_NS",
        "PROJECT_NS",
        "PROJECT_XSD",
        "Code",
        "Coding",
        "QdpxProject",
        "canonicalise",
        "codebook_xml",
        "code_guid",
        "project_xml",
        "read_qdc",
        "read_qdpx",
        "reanchor",
        "source_guid",
        "user_guid",
        "validate_project_xml",
        "write_qdc",
        "write_qdpx",
    }
    assert set(refiqda.__all__) == expected
    assert all(hasattr(refiqda, name) for name in expected)
