"""Property-based tests: no input makes a parser raise anything but ThematicaError.

Every parser of user files gets random bytes and damaged copies of valid demo files (truncated,
bytes flipped, inserted or deleted); the text parsers also get structured random text. When a
parser succeeds, its output keeps the canonical-text invariants.
"""

from __future__ import annotations

import unicodedata
from functools import partial

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.conftest import REPO, SAMPLES, only_thematica_errors, sample_bytes, written
from thematica.config import check_config
from thematica.ingest.folder import load_study
from thematica.ingest.formats import cue_segments, read_transcript
from thematica.ingest.textio import canonicalize, decode_bytes
from thematica.ingest.turns import DEFAULT_SPEAKER_PATTERN, parse_turns
from thematica.refiqda import read_qdc, read_qdpx

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MANY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def damaged(draw, key: str):
    """A valid sample file with one to three random edits."""
    data = bytearray(sample_bytes(key))
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["truncate", "flip", "insert", "delete"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if action == "truncate":
            del data[at:]
        elif action == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 64))]
    return bytes(data)


def _canonical(text: str) -> bool:
    return "\r" not in text and not text.startswith("\ufeff") and unicodedata.is_normalized("NFC", text)


# --------------------------------------------------------------------------------------------------
# thematica.ingest.textio and thematica.ingest.formats


@MANY
@given(st.binary(max_size=400))
def test_decode_bytes_any_bytes(data):
    only_thematica_errors(partial(decode_bytes, data, "x.txt"))


@MANY
@given(st.text(max_size=300))
def test_canonicalize_is_idempotent_and_canonical(text):
    once = canonicalize(text)
    assert canonicalize(once) == once and _canonical(once)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".vtt", ".srt", ".pdf", ""])
@PROPERTY
@given(data=st.binary(max_size=600))
def test_read_transcript_random_bytes(suffix, data):
    with written(data, f"t{suffix}") as path:
        result = []
        only_thematica_errors(lambda: result.append(read_transcript(path)))
    assert all(_canonical(text) and text.strip() for text in result)


@pytest.mark.parametrize("key", [".txt", ".vtt", ".srt", ".docx"])
@PROPERTY
@given(data=st.data())
def test_read_transcript_damaged_sample(key, data):
    damaged_bytes = data.draw(damaged(key))
    with written(damaged_bytes, f"t{key}") as path:
        result = []
        only_thematica_errors(lambda: result.append(read_transcript(path)))
    assert all(_canonical(text) for text in result)


_STAMP = st.from_regex(r"\A(\d{1,2}:)?\d{1,3}:\d{1,2}[.,]\d{1,4}\Z", fullmatch=True)
_CUE_TEXT = st.text(alphabet=st.sampled_from(list("ab :<>/&;v.P01\n\t-")) | st.characters(), max_size=40)


@st.composite
def subtitle_files(draw, kind: str):
    """Structured random .vtt/.srt text: cues with random numbers, timestamps, tags and labels."""
    lines = ["WEBVTT", ""] if kind == "vtt" and draw(st.booleans()) else []
    for number in range(draw(st.integers(0, 4))):
        if draw(st.booleans()):
            lines.append(str(number + 1))
        lines.append(f"{draw(_STAMP)} --> {draw(_STAMP)}")
        lines.extend(draw(st.lists(_CUE_TEXT, max_size=3)))
        lines.append(draw(st.sampled_from(["", "", " "])))
    return "\n".join(lines).encode("utf-8", errors="surrogatepass")


@pytest.mark.parametrize("kind", ["vtt", "srt"])
@MANY
@given(data=st.data())
def test_subtitle_parsers_structured_input(kind, data):
    content = data.draw(subtitle_files(kind))
    with written(content, f"t.{kind}") as path:
        only_thematica_errors(lambda: read_transcript(path))


@MANY
@given(st.text(max_size=120))
def test_cue_segments_never_fail(raw):
    for label, text in cue_segments(raw):
        assert label or text


# --------------------------------------------------------------------------------------------------
# thematica.ingest.turns

_TRANSCRIPT_TEXT = st.lists(
    st.one_of(
        st.from_regex(
            r"\A(\[\d\d:\d\d:\d\d\] )?(\*\*)?[A-Za-z][A-Za-z0-9 ]{0,12}(\*\*)?: .{0,30}\Z", fullmatch=True
        ),
        st.text(max_size=40),
    ),
    max_size=8,
).map("\n".join)


@MANY
@given(text=_TRANSCRIPT_TEXT, labels=st.lists(st.text(max_size=10), max_size=3))
def test_parse_turns_any_text(text, labels):
    text = canonicalize(text)
    turns = []
    only_thematica_errors(
        lambda: turns.append(parse_turns(text, transcript="t", interviewer_labels=labels, path="t.txt"))
    )
    for table in turns:
        assert all(
            text[s:e] == body for s, e, body in zip(table["start"], table["end"], table["text"], strict=True)
        )


@PROPERTY
@given(pattern=st.text(alphabet=st.sampled_from(list("()?P<speaker>[]^$.*+\\w:s ")), max_size=30))
def test_parse_turns_any_speaker_pattern(pattern):
    text = "Interviewer: Hi.\nP01: Hello there.\n"
    only_thematica_errors(
        lambda: parse_turns(text, transcript="t", interviewer_labels=["Interviewer"], speaker_pattern=pattern)
    )


# --------------------------------------------------------------------------------------------------
# thematica.ingest.folder

_YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)
_STUDY_KEYS = [
    "name",
    "description",
    "group_column",
    "groups",
    "group_labels",
    "interviewer_labels",
    "speaker_pattern",
]


@MANY
@given(
    meta=st.dictionaries(st.sampled_from(_STUDY_KEYS), _YAML_VALUES, max_size=7),
    participants=st.text(alphabet=st.sampled_from(list('P0123,\n"role tc_ -')), max_size=80),
)
def test_load_study_any_study_yaml_and_participants(meta, participants):
    base = {"group_column": "role", "groups": ["a", "b"], "interviewer_labels": ["Interviewer"]}
    files = {
        "study.yaml": yaml.safe_dump({**base, **meta}).encode("utf-8"),
        "participants.csv": ("participant_id,transcript,role\n" + participants).encode("utf-8"),
        "transcripts/t1.txt": b"Interviewer: hi\nP1: yes\n",
    }
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        only_thematica_errors(lambda: load_study(root))


@PROPERTY
@given(data=st.binary(max_size=300))
def test_load_study_random_study_yaml_bytes(data):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "transcripts").mkdir()
        (root / "study.yaml").write_bytes(data)
        (root / "participants.csv").write_bytes(b"participant_id,transcript,role\nP1,t1,a\n")
        (root / "transcripts" / "t1.txt").write_bytes(b"Interviewer: hi\nP1: yes\n")
        only_thematica_errors(lambda: load_study(root))


# --------------------------------------------------------------------------------------------------
# thematica.refiqda


@pytest.mark.parametrize(("reader", "suffix"), [(read_qdpx, ".qdpx"), (read_qdc, ".qdc")])
@PROPERTY
@given(data=st.binary(max_size=600))
def test_refiqda_random_bytes(reader, suffix, data):
    with written(data, f"c{suffix}") as path:
        only_thematica_errors(partial(reader, path))


@pytest.mark.parametrize(("reader", "key"), [(read_qdpx, ".qdpx"), (read_qdc, ".qdc")])
@PROPERTY
@given(data=st.data())
def test_refiqda_damaged_sample(reader, key, data):
    with written(data.draw(damaged(key)), f"c{key}") as path:
        only_thematica_errors(partial(reader, path))


# --------------------------------------------------------------------------------------------------
# thematica.codes (code exports and codebooks)

codes = pytest.importorskip("thematica.codes")


@pytest.mark.parametrize(
    ("reader", "name"),
    [
        ("read_export", "c.csv"),
        ("read_export", "c.qdpx"),
        ("read_codebook", "codebook.csv"),
        ("read_codebook", "c.qdc"),
    ],
)
@PROPERTY
@given(data=st.binary(max_size=400))
def test_code_readers_random_bytes(reader, name, data):
    with written(data, name) as path:
        only_thematica_errors(partial(getattr(codes, reader), path))


@pytest.mark.parametrize(
    ("reader", "key", "name"),
    [
        ("read_export", "codes.csv", "c.csv"),
        ("read_export", ".qdpx", "c.qdpx"),
        ("read_codebook", "codebook.csv", "codebook.csv"),
        ("read_codebook", ".qdc", "c.qdc"),
    ],
)
@PROPERTY
@given(data=st.data())
def test_code_readers_damaged_sample(reader, key, name, data):
    with written(data.draw(damaged(key)), name) as path:
        only_thematica_errors(partial(getattr(codes, reader), path))


_CSV_CELL = st.one_of(st.integers(-5, 10**6).map(str), st.text(alphabet='ab,"\n 0-9', max_size=6))


@MANY
@given(rows=st.lists(st.lists(_CSV_CELL, min_size=0, max_size=6), max_size=5))
def test_code_csv_structured_rows(rows):
    header = "coder,transcript,code,start,end,text\n"
    body = "".join(",".join(row) + "\n" for row in rows)
    with written((header + body).encode("utf-8"), "c.csv") as path:
        only_thematica_errors(partial(codes.read_export, path))


_CODERS_CELL = st.sampled_from(
    ["ana", "ben", " ana ", "zed", "", "interview_01", "Interview 2", "P01", "nope", '"a,b"']
)


@MANY
@given(
    header=st.sampled_from(
        ["coder,transcript", "Coder, Transcript", "transcript,coder", "coder", "", "a,b,c"]
    ),
    rows=st.lists(st.lists(_CODERS_CELL, min_size=0, max_size=3), max_size=6),
    junk=st.binary(max_size=40),
)
def test_read_coders_any_rows(header, rows, junk):
    """coders.csv: a ThematicaError or pairs of known coders and the study's transcripts."""
    from thematica.codes.anchor import TranscriptIndex
    from thematica.codes.study import read_coders

    index = TranscriptIndex({"interview_01": "a", "interview_02": "b"}, {"interview_01": "P01"})
    data = (header + "\n" + "".join(",".join(row) + "\n" for row in rows)).encode("utf-8") + junk
    pairs = []
    with written(data, "coders.csv") as path:
        only_thematica_errors(lambda: pairs.append(read_coders(path, index, ["ana", "ben"])))
    if pairs:
        assert set(pairs[0]["coder"]) <= {"ana", "ben"}
        assert set(pairs[0]["transcript"]) <= {"interview_01", "interview_02"}


# --------------------------------------------------------------------------------------------------
# thematica.config and thematica.deid


@PROPERTY
@given(
    config=st.dictionaries(
        st.sampled_from(["studies", "seed", "deid", "segment", "sedd", "figures"]), _YAML_VALUES
    )
)
def test_check_config_any_mapping(config):
    schema = REPO / "workflow" / "schemas" / "config.schema.yaml"
    only_thematica_errors(partial(check_config, config, schema))


@MANY
@given(text=st.text(max_size=300))
def test_pattern_scan_and_redaction_any_text(text):
    from thematica.deid.redact import map_span, redact_text
    from thematica.deid.scan import scan_text

    text = canonicalize(text)
    found = scan_text(text, ner=False, speaker_pattern=DEFAULT_SPEAKER_PATTERN)
    assert all(0 <= f.start < f.end <= len(text) for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert all("\n" not in text[f.start : f.end] for f in found)
    redacted, offsets = redact_text(text, found, speaker_pattern=DEFAULT_SPEAKER_PATTERN)
    assert map_span(offsets, 0, len(text)) == (0, len(redacted))
    assert redacted.count("\n") == text.count("\n")  # lines are turns: redaction keeps every one


@PROPERTY
@given(data=st.binary(max_size=300))
def test_read_allowlist_any_bytes(data):
    from thematica.deid.scan import read_allowlist

    with written(data, "deid_allowlist.txt") as path:
        only_thematica_errors(partial(read_allowlist, path))


def test_samples_exist():
    assert all(path.is_file() for path in SAMPLES.values())
