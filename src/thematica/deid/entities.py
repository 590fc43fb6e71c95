"""spaCy's entities for every transcript of a study, found in one process and cached per transcript.

Loading spaCy costs more than parsing a transcript, so one job per study (rule ``deid_entities``) runs the
recogniser over all transcripts and writes their raw entities to ``data/processed/<study>/deid/
entities.parquet``; each transcript's scan job reads its rows instead of loading spaCy. A transcript whose
text (by SHA-256) and recogniser (:func:`thematica.deid.ner.ner_identity`) are unchanged is read back from
``data/processed/<study>/deid/entities/<transcript>.json``, so adding an interview parses only that one.
The rows are the recogniser's raw output; which of them may identify someone is decided in the scan
(:func:`thematica.deid.ner.entities_from_raw`), exactly as when the scan runs spaCy itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from thematica.deid.model import Finding
from thematica.deid.ner import entities_from_raw, entity_recognizer, ner_identity, raw_entities
from thematica.errors import ThematicaError
from thematica.ingest.study import read_canonical
from thematica.ingest.textio import sha256_text
from thematica.support.workers import cache_entry, log_cache_use, map_in_processes

ENTITY_COLUMNS = ["transcript", "text_sha256", "start", "end", "label"]


def _cached(path: Path, expected: dict) -> list | None:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or {k: stored.get(k) for k in expected} != expected:
        return None
    return stored.get("entities")


def study_entities(
    texts: Mapping[str, str | Path], cache_dir: str | Path, *, processes: int = 1
) -> pd.DataFrame:
    """Raw entities of each transcript's canonical text, reusing unchanged transcripts from the cache.

    Parameters
    ----------
    texts
        Transcript id -> its canonical source text file (``data/processed/<s>/source_text/<t>.txt``).
    cache_dir
        Folder of the per-transcript cache (created; stale entries are overwritten).
    processes
        Worker processes for the transcripts to parse (:func:`thematica.support.workers.map_in_processes`).

    Returns
    -------
    pandas.DataFrame
        :data:`ENTITY_COLUMNS`: one row per entity, in transcript then text order; ``text_sha256`` is the
        hash of the text the entities were found in (also for a transcript with no entity, on a row with
        ``start = end = -1`` and an empty label, so that every transcript is present).
    """
    cache_dir = Path(cache_dir)
    identity = ner_identity()
    found: dict[str, list] = {}
    digests: dict[str, str] = {}
    missing: list[tuple[str, str, dict]] = []
    for transcript, path in texts.items():
        text = read_canonical(path)
        expected = {"identity": identity, "text_sha256": sha256_text(text)}
        digests[str(transcript)] = expected["text_sha256"]
        cached = _cached(cache_entry(cache_dir, str(transcript)), expected)
        if cached is None:
            missing.append((str(transcript), text, expected))
        else:
            found[str(transcript)] = cached
    parsed = map_in_processes(
        _raw_entities_in_worker,
        [text for _, text, _ in missing],
        processes=processes,
        initializer=entity_recognizer,
        progress="transcripts scanned for names",
    )
    for (transcript, _, expected), entities in zip(missing, parsed, strict=True):
        found[transcript] = [list(entity) for entity in entities]
        cache = cache_entry(cache_dir, transcript)
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({**expected, "entities": found[transcript]}) + "\n", encoding="utf-8")
    log_cache_use("parsed", len(missing), len(texts), processes, cache_dir)
    rows = []
    for transcript in map(str, texts):
        digest = digests[transcript]
        rows += [(transcript, digest, int(s), int(e), str(label)) for s, e, label in found[transcript]]
        if not found[transcript]:
            rows.append((transcript, digest, -1, -1, ""))
    table = pd.DataFrame(rows, columns=ENTITY_COLUMNS)
    return table.astype({"start": "int64", "end": "int64"})


def _raw_entities_in_worker(text: str) -> list[tuple[int, int, str]]:
    return raw_entities(text)


def read_transcript_entities(path: str | Path, transcript: str) -> pd.DataFrame:
    """The rows of one transcript in a study's entities file, read alone (each scan job reads its own)."""
    return pd.read_parquet(path, engine="pyarrow", filters=[("transcript", "==", transcript)])


def transcript_entities(
    table: pd.DataFrame, transcript: str, text: str, *, path: str | Path = ""
) -> list[Finding]:
    """The entities of one transcript (from :func:`study_entities`) that may identify someone.

    Raises
    ------
    ThematicaError
        If the table has no rows for the transcript, or they were found in another version of its text.
    """
    rows = table.loc[table["transcript"].astype(str) == transcript]
    if rows.empty:
        raise ThematicaError(
            f"no entities for transcript '{transcript}'; rerun the deid_entities step", path=path
        )
    if set(rows["text_sha256"]) != {sha256_text(text)}:
        raise ThematicaError(
            f"the entities of transcript '{transcript}' were found in another version of its text; "
            "rerun the deid_entities step",
            path=path,
        )
    rows = rows.loc[rows["start"] >= 0]
    raw = zip(rows["start"].astype(int), rows["end"].astype(int), rows["label"].astype(str), strict=True)
    return entities_from_raw(text, raw)
