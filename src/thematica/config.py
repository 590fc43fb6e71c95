"""Configuration checks with plain messages: the key path, what is wrong, and a likely fix."""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml

from thematica.errors import ThematicaError


def _jsonschema_validator():
    """jsonschema's Draft 2020-12 validator, imported without its optional IRI format checker.

    When the package ``rfc3987-syntax`` is installed (Jupyter brings it), importing jsonschema compiles its
    38 grammars: about a second on every Snakemake start. No schema here uses the ``iri`` formats.
    """
    from thematica.support.hidden_imports import modules_hidden

    with modules_hidden(["rfc3987_syntax"]):  # its import fails, so jsonschema skips the iri formats
        from jsonschema import Draft202012Validator
    return Draft202012Validator


def check_config(config: dict, schema_path: str | Path, source: str = "config") -> None:
    """Validate ``config`` against a JSON Schema, raising one readable :class:`ThematicaError`.

    Unknown keys get a "did you mean" suggestion from the keys the schema allows.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> schema = {"type": "object", "additionalProperties": False,
    ...           "properties": {"segment": {"type": "object"}}}
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "s.yaml"
    >>> _ = path.write_text(yaml.safe_dump(schema))
    >>> check_config({"segmnet": {}}, path)
    Traceback (most recent call last):
    ...
    thematica.errors.ThematicaError: config: unknown key 'segmnet'; did you mean 'segment'?
    """
    Draft202012Validator = _jsonschema_validator()

    # libyaml's loader when PyYAML has it: the schema is read on every Snakemake start
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    schema = yaml.load(Path(schema_path).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    errors = sorted(
        Draft202012Validator(schema).iter_errors(config), key=lambda e: (len(e.path), list(e.path))
    )
    if not errors:
        return
    error = errors[0]
    where = ".".join(str(p) for p in error.path)
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))
        key = f"{where}.{unknown[0]}" if where else unknown[0]
        close = difflib.get_close_matches(unknown[0], allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        raise ThematicaError(f"unknown key '{key}'; {hint}", path=source)
    description = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
    raise ThematicaError(
        f"'{where or '(top level)'}' {error.message}" + (f" ({description})" if description else ""),
        path=source,
    )
