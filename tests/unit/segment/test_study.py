"""A study segmented in one process: the same segments as segmenting each transcript on its own, an exact
per-transcript cache, and every transcript without usable speaker turns named at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from thematica.errors import ThematicaError
from thematica.ingest.study import transcript_turns
from thematica.segment import study as module
from thematica.segment.ledger import check_ledger
from thematica.segment.sentences import segment_turns
from thematica.segment.study import TranscriptSource, segment_study
from thematica.support.tables import write_parquet

TEXTS = {
    "interview_01": "Interviewer: How was it?\nP01: It was fine. I used the app every day. It helped.\n",
    "interview_02": "Interviewer: And then?\nP02: We talked about it. Nothing more, really, for weeks.\n",
    "interview_03": "Interviewer: Why?\nP03: Ok. Because my therapist suggested it to me last spring.\n",
}
LABELS = ["Interviewer"]
PATTERN = r"^(?P<speaker>[A-Za-z][\w .'-]{0,40}):[ \t]*"


def _sources(root: Path, texts: dict[str, str]) -> dict[str, TranscriptSource]:
    sources = {}
    for i, (transcript, text) in enumerate(texts.items()):
        path = root / "text" / f"{transcript}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        group = "therapist" if i % 2 else "client"
        sources[transcript] = TranscriptSource(str(path), f"raw/{transcript}.txt", f"P0{i + 1}", group)
    return sources


def _run(sources, cache, **kwargs):
    return segment_study(sources, cache, interviewer_labels=LABELS, speaker_pattern=PATTERN, **kwargs)


def _bytes(table: pd.DataFrame, path: Path) -> bytes:
    write_parquet(table, path)
    return path.read_bytes()


@pytest.fixture
def sources(tmp_path):
    return _sources(tmp_path, TEXTS)


def test_same_segments_as_each_transcript_on_its_own(sources, tmp_path):
    segments, turns, ledger = _run(sources, tmp_path / "cache", min_words=3)
    for transcript, where in sources.items():
        alone_turns = transcript_turns(
            TEXTS[transcript], transcript=transcript, interviewer_labels=LABELS, speaker_pattern=PATTERN
        )
        alone = segment_turns(
            alone_turns,
            TEXTS[transcript],
            participant_id=where.participant_id,
            group=where.group,
            min_words=3,
        )
        own = segments.loc[segments["transcript"] == transcript].reset_index(drop=True)
        assert own[["segment_id", "participant_id", "group", "start", "end", "text"]].equals(
            alone[["segment_id", "participant_id", "group", "start", "end", "text"]]
        )
        assert len(turns.loc[turns["transcript"] == transcript]) == len(alone_turns)
    assert ledger["transcript"].tolist() == list(TEXTS)
    check_ledger(ledger)
    # min_words merges "Ok." into its neighbour
    assert not segments["text"].eq("Ok.").any()


def test_unchanged_transcripts_come_from_the_cache(sources, tmp_path, monkeypatch, caplog):
    cache = tmp_path / "cache"
    first, _, _ = _run(sources, cache)
    changed = TEXTS["interview_03"].replace("last spring", "in the autumn")
    Path(sources["interview_03"].text).write_text(changed, encoding="utf-8")
    seen = []
    real = module.segment_turns
    monkeypatch.setattr(
        module, "segment_turns", lambda turns, text, **kw: seen.append(text) or real(turns, text, **kw)
    )
    with caplog.at_level("INFO", logger="thematica.support.workers"):
        again, _, _ = _run(sources, cache)
    assert seen == [changed]
    assert "segmented 1 transcript(s) in 1 process(es), read 2 unchanged one(s)" in caplog.text
    kept = ["interview_01", "interview_02"]
    assert first.loc[first["transcript"].isin(kept)].equals(again.loc[again["transcript"].isin(kept)])
    assert "autumn" in " ".join(again["text"])


def test_a_cold_run_and_a_cached_run_write_the_same_bytes(sources, tmp_path, monkeypatch):
    cold, cold_turns, cold_ledger = _run(sources, tmp_path / "cache")
    monkeypatch.setattr(module, "segment_turns", None)  # every transcript must come from the cache
    warm, warm_turns, warm_ledger = _run(sources, tmp_path / "cache")
    assert _bytes(cold, tmp_path / "a.parquet") == _bytes(warm, tmp_path / "b.parquet")
    assert _bytes(cold_turns, tmp_path / "c.parquet") == _bytes(warm_turns, tmp_path / "d.parquet")
    assert cold_ledger.equals(warm_ledger)


@pytest.mark.parametrize(
    "change",
    ["min_words", "group", "labels", "key file", "table file"],
)
def test_any_change_to_what_segments_depend_on_recomputes(sources, tmp_path, monkeypatch, change):
    cache = tmp_path / "cache"
    _run(sources, cache)
    kwargs = {}
    if change == "min_words":
        kwargs["min_words"] = 2
    elif change == "group":
        sources["interview_01"] = TranscriptSource(**{**vars(sources["interview_01"]), "group": "other"})
    elif change == "key file":
        (cache / "interview_01.json").write_text("{not json", encoding="utf-8")
    elif change == "table file":
        (cache / "interview_01.parquet").unlink()
    seen = []
    real = module.segment_turns
    monkeypatch.setattr(
        module, "segment_turns", lambda turns, text, **kw: seen.append(text) or real(turns, text, **kw)
    )
    if change == "labels":
        segment_study(sources, cache, interviewer_labels=["Interviewer", "Q"], speaker_pattern=PATTERN)
    else:
        segments, _, _ = _run(sources, cache, **kwargs)
        if change == "group":
            assert set(segments.loc[segments["transcript"] == "interview_01", "group"]) == {"other"}
    assert TEXTS["interview_01"] in seen
    if change in ("key file", "table file", "group"):
        assert len(seen) == 1


def test_every_transcript_without_participant_speech_is_named(tmp_path):
    texts = {
        **TEXTS,
        "interview_02": "Interviewer: Hello?\nInterviewer: Anyone?\n",
        "interview_04": "no labels\n",
    }
    sources = _sources(tmp_path, texts)
    with pytest.raises(ThematicaError) as error:
        _run(sources, tmp_path / "cache")
    message = str(error.value)
    assert message.startswith("2 transcripts have no usable speaker turns")
    assert "raw/interview_02.txt" in message and "raw/interview_04.txt" in message
    assert "raw/interview_01.txt" not in message
    assert not (tmp_path / "cache").exists()  # nothing segmented before the input is fixed


def test_one_bad_transcript_keeps_its_own_message(tmp_path):
    sources = _sources(tmp_path, {**TEXTS, "interview_02": "Interviewer: Hello?\n"})
    with pytest.raises(ThematicaError, match=r"^raw/interview_02.txt: every speaker label \['Interviewer'\]"):
        _run(sources, tmp_path / "cache")


def test_worker_processes_give_the_same_bytes(sources, tmp_path):
    """Forked workers (in a fresh process, where torch is not imported) segment exactly as one process."""
    script = (
        "import sys, pickle\n"
        "from thematica.segment.study import segment_study\n"
        "from thematica.support.tables import write_parquet\n"
        "sources, labels, pattern, out = pickle.load(open(sys.argv[1], 'rb'))\n"
        "for n in (1, 2):\n"
        "    seg, turns, ledger = segment_study(sources, f'{out}/cache{n}', interviewer_labels=labels,\n"
        "                                       speaker_pattern=pattern, processes=n)\n"
        "    write_parquet(seg, f'{out}/segments{n}.parquet')\n"
        "assert 'torch' not in sys.modules  # so two workers were forked\n"
    )
    import pickle

    args = tmp_path / "args.pickle"
    args.write_bytes(pickle.dumps((sources, LABELS, PATTERN, str(tmp_path))))
    result = subprocess.run(
        [sys.executable, "-c", script, str(args)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    one, two = (tmp_path / f"segments{n}.parquet" for n in (1, 2))
    assert one.read_bytes() == two.read_bytes()
    assert set(pd.read_parquet(one)["transcript"]) == set(TEXTS)
