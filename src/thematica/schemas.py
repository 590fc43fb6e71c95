"""Schemas of the pipeline's tables (pandera); each stage validates what it writes."""

from __future__ import annotations

import pandera.pandas as pa

from thematica.errors import ThematicaError

_ID = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"

TURNS = pa.DataFrameSchema(
    {
        "transcript": pa.Column(str, pa.Check.str_matches(_ID)),
        "turn": pa.Column(int, pa.Check.ge(0), unique=True),
        "speaker": pa.Column(str),
        "role": pa.Column(str, pa.Check.isin(["interviewer", "participant", "unattributed"])),
        "start": pa.Column(int, pa.Check.ge(0)),
        "end": pa.Column(int, pa.Check.ge(0)),
        "text": pa.Column(str),
    },
    checks=pa.Check(lambda df: df["end"] >= df["start"], error="end before start"),
    strict=True,
    ordered=True,
    name="turns",
)

SEGMENTS = pa.DataFrameSchema(
    {
        "segment_id": pa.Column(str, unique=True),
        "transcript": pa.Column(str, pa.Check.str_matches(_ID)),
        "participant_id": pa.Column(str),
        "group": pa.Column(str),
        "turn": pa.Column(int, pa.Check.ge(0)),
        "start": pa.Column(int, pa.Check.ge(0)),
        "end": pa.Column(int, pa.Check.ge(0)),
        "text": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    checks=pa.Check(lambda df: df["end"] > df["start"], error="empty segment"),
    strict=True,
    ordered=True,
    name="segments",
)


def validated(table, schema: pa.DataFrameSchema):
    """Validate a table against a schema; a failure is a bug in the stage, reported plainly."""
    try:
        return schema.validate(table)
    except (pa.errors.SchemaError, pa.errors.SchemaErrors) as exc:
        raise ThematicaError(f"{schema.name} table does not match its schema: {exc}") from None
