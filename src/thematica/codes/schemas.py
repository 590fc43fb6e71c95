"""Schemas (pandera) of the tables the human-codes stages write."""

from __future__ import annotations

import pandera.pandas as pa

_ID = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
_FLAG = pa.Column("int8", pa.Check.isin([0, 1]))

CODEBOOK = pa.DataFrameSchema(
    {
        "code": pa.Column(str, pa.Check.str_length(min_value=1), unique=True),
        "theme": pa.Column(str, pa.Check.str_length(min_value=1)),
        "label": pa.Column(str),
        "definition": pa.Column(str),
        "theme_label": pa.Column(str),
        "parent": pa.Column(str),
        "level": pa.Column("int64", pa.Check.ge(1)),
        "path": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    strict=False,
    ordered=True,
    name="codebook",
)

CODINGS = pa.DataFrameSchema(
    {
        "coder": pa.Column(str, pa.Check.str_length(min_value=1)),
        "transcript": pa.Column(str, pa.Check.str_matches(_ID)),
        "code": pa.Column(str, pa.Check.str_length(min_value=1)),
        "start": pa.Column("int64", pa.Check.ge(0)),
        "end": pa.Column("int64", pa.Check.ge(0)),
        "source": pa.Column(str),
    },
    checks=pa.Check(lambda df: df["end"] >= df["start"], error="end before start"),
    strict=True,
    ordered=True,
    name="codings",
)

CODER_TRANSCRIPTS = pa.DataFrameSchema(
    {"coder": pa.Column(str), "transcript": pa.Column(str, pa.Check.str_matches(_ID))},
    unique=["coder", "transcript"],
    strict=True,
    ordered=True,
    name="coder_transcripts",
)

SEGMENT_CODES = pa.DataFrameSchema(
    {"segment_id": pa.Column(str), "coder": pa.Column(str), "code": pa.Column(str), "applied": _FLAG},
    unique=["segment_id", "coder", "code"],
    strict=True,
    ordered=True,
    name="segment_codes",
)

CONSENSUS = pa.DataFrameSchema(
    {
        "segment_id": pa.Column(str),
        "code": pa.Column(str),
        "applied": _FLAG,
        "n_coders": pa.Column("int64", pa.Check.ge(1)),
        "n_applied": pa.Column("int64", pa.Check.ge(0)),
    },
    unique=["segment_id", "code"],
    strict=True,
    ordered=True,
    name="consensus",
)
