"""spaCy's entities found once per study: the scan sees exactly what running spaCy itself would find, the
cache is exact, and entities of another version of a text are refused."""

from __future__ import annotations

import pytest

from thematica.deid import entities as entities_module
from thematica.deid.entities import read_transcript_entities, study_entities, transcript_entities
from thematica.deid.ner import find_entities
from thematica.deid.study import scan_file
from thematica.errors import ThematicaError
from thematica.support.tables import write_parquet

TEXTS = {
    "interview_01": "Q: Where?\nP01: I saw Dr. Maria Lopez at Riverside Clinic in Boston on May 3rd.\n",
    "interview_02": "Interviewer: And then?\nP02: we talked about the app for a few weeks, nothing more.\n",
    "interview_03": "Interviewer: Who?\nP03: My sister Ana from Leeds works at Google since May 2019.\n",
}


@pytest.fixture
def sources(tmp_path):
    paths = {}
    for transcript, text in TEXTS.items():
        paths[transcript] = tmp_path / "source_text" / f"{transcript}.txt"
        paths[transcript].parent.mkdir(exist_ok=True)
        paths[transcript].write_text(text, encoding="utf-8")
    return paths


def test_each_transcript_gets_what_spacy_finds_in_it(sources, tmp_path):
    table = study_entities(sources, tmp_path / "cache")
    assert set(table["transcript"]) == set(TEXTS)
    for transcript, text in TEXTS.items():
        assert transcript_entities(table, transcript, text) == find_entities(text)
    assert len(transcript_entities(table, "interview_01", TEXTS["interview_01"])) >= 3
    empty = table.loc[table["transcript"] == "interview_02"]
    if (empty["start"] < 0).all():  # no entity at all: one placeholder row keeps the transcript listed
        assert transcript_entities(table, "interview_02", TEXTS["interview_02"]) == []


def test_unchanged_transcripts_come_from_the_cache(sources, tmp_path, monkeypatch, caplog):
    first = study_entities(sources, tmp_path / "cache")
    sources["interview_03"].write_text(TEXTS["interview_03"].replace("Leeds", "York"), encoding="utf-8")
    parsed = []
    real = entities_module.raw_entities
    monkeypatch.setattr(entities_module, "raw_entities", lambda text: parsed.append(text) or real(text))
    with caplog.at_level("INFO", logger="thematica.support.workers"):
        again = study_entities(sources, tmp_path / "cache")
    assert parsed == [TEXTS["interview_03"].replace("Leeds", "York")]
    assert "parsed 1 transcript(s) in 1 process(es), read 2 unchanged one(s)" in caplog.text
    kept = ["interview_01", "interview_02"]
    assert first.loc[first["transcript"].isin(kept)].equals(again.loc[again["transcript"].isin(kept)])


def test_a_stale_cache_entry_or_identity_is_recomputed(sources, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    study_entities(sources, cache)
    (cache / "interview_01.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(entities_module, "ner_identity", lambda: {"spacy": "another"})
    parsed = []
    real = entities_module.raw_entities
    monkeypatch.setattr(entities_module, "raw_entities", lambda text: parsed.append(text) or real(text))
    study_entities(sources, cache)
    assert len(parsed) == 3


def test_entities_of_another_text_version_are_refused(sources, tmp_path):
    table = study_entities(sources, tmp_path / "cache")
    with pytest.raises(ThematicaError, match="another version of its text; rerun the deid_entities step"):
        transcript_entities(table, "interview_01", TEXTS["interview_01"] + "P01: More.\n", path="e.parquet")
    with pytest.raises(ThematicaError, match="no entities for transcript 'interview_09'"):
        transcript_entities(table, "interview_09", "text")


def test_a_scan_with_the_study_entities_equals_a_scan_running_spacy(sources, tmp_path):
    path = tmp_path / "entities.parquet"
    write_parquet(study_entities(sources, tmp_path / "cache"), path)
    found = 0
    for transcript, source in sources.items():
        own = scan_file(source, transcript=transcript, known_terms=["Interviewer"])
        shared = scan_file(source, transcript=transcript, known_terms=["Interviewer"], entities_path=path)
        assert own.equals(shared), transcript
        found += len(own)
    assert found >= 5
    own_rows = read_transcript_entities(path, "interview_03")
    assert set(own_rows["transcript"]) == {"interview_03"} and len(own_rows) >= 2
