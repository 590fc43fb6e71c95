"""The demo studies carry the structure their truth files say was planted."""

import json
from pathlib import Path

import pandas as pd
import pytest

from thematica.ingest.folder import load_study
from thematica.ingest.formats import read_transcript
from thematica.refiqda import PROJECT_XSD, read_qdc, read_qdpx, validate_project_xml

RAW = Path(__file__).resolve().parents[3] / "data" / "raw"
XSD = PROJECT_XSD


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module", params=["demo_physicians", "demo_alliance"])
def study(request):
    return load_study(RAW / request.param)


@pytest.fixture(scope="module")
def texts(study):
    return {t: read_transcript(p) for t, p in study.transcripts.items()}


def test_group_sizes(study):
    counts = study.participants[study.group_column].value_counts().to_dict()
    expected = {
        "demo_physicians": {"psychiatry": 21, "family_medicine": 21},
        "demo_alliance": {"therapist": 10, "client": 15},
    }[study.name]
    assert counts == expected


def test_mixed_transcript_formats(study):
    suffixes = {p.suffix for p in study.transcripts.values()}
    assert suffixes == {".txt", ".docx", ".vtt", ".srt"}
    raw = [p.read_bytes() for p in study.transcripts.values() if p.suffix == ".txt"]
    assert any(b.startswith(b"\xef\xbb\xbf") for b in raw) and any(b"\r\n" in b for b in raw)


def test_truth_sentences_point_into_canonical_text(study, texts):
    sentences = _csv(study.root / "truth" / "sentences.csv")
    assert len(sentences) > 1000
    for row in sentences.itertuples():
        text = texts[row.transcript]
        segment = text[int(row.start) : int(row.end)]
        assert segment and segment == segment.strip() and "\n" not in segment


def test_planted_prevalence_is_exact(study):
    truth = _csv(study.root / "truth" / "participants.csv")
    prevalence = _csv(study.root / "truth" / "prevalence.csv")
    sentences = _csv(study.root / "truth" / "sentences.csv")
    voiced = sentences.loc[sentences["code"] != ""].groupby("participant_id")["code"].agg(set)
    for row in truth.itertuples():
        planted = set(filter(None, row.codes.split(";")))
        assert voiced.get(row.participant_id, set()) == planted
    for row in prevalence.itertuples():
        members = truth.loc[truth["group"] == row.group]
        if row.emerges_from:
            members = members.loc[members["order"].astype(int) >= int(row.emerges_from)]
        k = sum(row.code in c.split(";") for c in members["codes"])
        assert k == round(float(row.planted_prevalence) * len(members))


def test_group_differences_and_late_codes_are_planted(study):
    planted = json.loads((study.root / "truth" / "planted.json").read_text())
    assert len(planted["group_differences"]) >= 4 and len(planted["no_group_difference"]) >= 3
    truth = _csv(study.root / "truth" / "participants.csv")
    assert planted["late_emerging_codes"]
    for code, first in planted["late_emerging_codes"].items():
        early = truth.loc[truth["order"].astype(int) < first, "codes"]
        late = truth.loc[truth["order"].astype(int) >= first, "codes"]
        assert not any(code in c.split(";") for c in early)
        assert any(code in c.split(";") for c in late)


def test_codebook_csv_and_qdc_agree(study):
    codebook = _csv(study.root / "codebook.csv")
    qdc = {c.code: c for c in read_qdc(study.root / "codebook.qdc")}
    assert set(codebook["code"]) <= set(qdc)
    assert all(qdc[r.code].parent == r.theme for r in codebook.itertuples())
    themes = set(codebook["theme"])
    if study.name == "demo_physicians":
        assert 12 <= len(codebook) <= 16 and 3 <= len(themes) <= 4
    else:
        alliance = codebook.loc[codebook["theme"] == "alliance", "bordin"]
        assert set(alliance) == {"goal", "task", "bond"}


def test_coders_and_their_exports(study, texts):
    coders = _csv(study.root / "coders.csv")
    events = _csv(study.root / "truth" / "coder_events.csv")
    per_coder = coders.groupby("coder")["transcript"].agg(set)
    everything = set(study.transcripts)
    if study.name == "demo_physicians":
        assert len(per_coder) == 3 and per_coder["coder_1"] == everything
        assert per_coder["coder_2"] | per_coder["coder_3"] == everything
        assert not per_coder["coder_2"] & per_coder["coder_3"] and len(per_coder["coder_2"]) == 21
        for coder in per_coder.index:
            path = study.root / "codes" / f"{coder}.qdpx"
            import zipfile

            with zipfile.ZipFile(path) as archive:
                validate_project_xml(archive.read("project.qde"), XSD)
            project = read_qdpx(path)
            assert set(project.sources) == per_coder[coder]
            assert all(project.sources[s] == texts[s] for s in project.sources)
            spans = {(c.source, c.code, c.start, c.end) for c in project.codings}
            own = events.loc[(events["coder"] == coder) & (events["event"] != "missed")]
            assert spans == {(r.transcript, r.code, int(r.start), int(r.end)) for r in own.itertuples()}
    else:
        assert len(per_coder) == 2 and all(v == everything for v in per_coder)
        offsets = _csv(study.root / "codes" / "coder_1.csv")
        quotes = _csv(study.root / "codes" / "coder_2_quotes.csv")
        assert list(offsets.columns) == ["coder", "transcript", "code", "start", "end"]
        assert list(quotes.columns) == ["coder", "transcript", "code", "text"]
        assert all(r.text in texts[r.transcript] for r in quotes.itertuples())


def test_coders_disagree_at_known_rates(study):
    planted = json.loads((study.root / "truth" / "planted.json").read_text())
    events = _csv(study.root / "truth" / "coder_events.csv")
    poor = planted["poor_agreement_code"]
    planted_events = events.loc[events["event"] != "added"]
    miss = (
        planted_events.assign(missed=planted_events["event"] == "missed")
        .groupby(planted_events["code"] == poor)["missed"]
        .mean()
    )
    assert miss[True] > 0.3 and miss[False] < 0.2
    assert {"extended", "trimmed", "added"} <= set(events["event"])
