"""Tests for thematica.refiqda: REFI-QDA codebook and project import/export."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thematica.errors import ThematicaError
from thematica.refiqda import (
    Code,
    Coding,
    canonicalise,
    code_guid,
    read_qdc,
    read_qdpx,
    reanchor,
    source_guid,
    validate_project_xml,
    write_qdc,
    write_qdpx,
)

XSD = Path("/work/shared/refi-qda/Project.xsd")
DATA = Path(__file__).resolve().parents[1] / "data" / "refiqda"

needs_xsd = pytest.mark.skipif(not XSD.exists(), reason="REFI-QDA Project.xsd not available")

CODES = [
    Code("relationships", "Relationships", "How participants relate to staff."),
    Code("trust", "Trust in clinicians", "Expressions of trust.\nIncludes distrust.", parent="relationships"),
    Code("access", "Access"),
    Code("waiting", "Waiting", "Complaints about waiting times & delays <long>.", parent="access"),
    Code("Cost", "Cost", parent="access"),
    Code("wait_er", "Emergency waits", parent="waiting"),
]
SOURCES = {
    "P02": "Q: Where do you go?\nA: The café — it's my refuge. 😀\n",
    "P01": "Interviewer: How do you feel?\nP01: I trust my doctor.\nP01: Waiting times are awful.\n",
}


def _span(source: str, words: str) -> tuple[int, int]:
    start = SOURCES[source].index(words)
    return start, start + len(words)


CODINGS = [
    Coding("P01", "trust", *_span("P01", "I trust my doctor"), "ana"),
    Coding("P01", "waiting", *_span("P01", "Waiting times are awful"), "ana"),
    Coding("P01", "waiting", *_span("P01", "Waiting times are awful"), "ben"),
    Coding("P01", "wait_er", *_span("P01", "awful"), "ben"),
    Coding("P02", "relationships", *_span("P02", "my refuge. 😀"), "ben"),
    Coding("P02", "Cost", 0, 0, "ana"),
]
USERS = ["ana", "ben"]


def _write_project(path: Path, **overrides) -> Path:
    kwargs = dict(project_name="Clinic study", sources=SOURCES, codes=CODES, codings=CODINGS, users=USERS)
    kwargs.update(overrides)
    return write_qdpx(path, **kwargs)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


def _sort(codings):
    return sorted(codings, key=lambda c: (c.source, c.start, c.end, c.code, c.user))


# --------------------------------------------------------------------------- writing


@needs_xsd
def test_written_project_validates_against_schema(tmp_path: Path) -> None:
    path = _write_project(tmp_path / "study.qdpx")
    with zipfile.ZipFile(path) as archive:
        qde = archive.read("project.qde")
    validate_project_xml(qde, XSD)
    import xmlschema

    xmlschema.XMLSchema(str(XSD)).validate(io.BytesIO(qde))


@needs_xsd
def test_minimal_project_without_codes_or_users_validates(tmp_path: Path) -> None:
    path = write_qdpx(tmp_path / "m.qdpx", project_name="M", sources={}, codes=[], codings=[], users=[])
    with zipfile.ZipFile(path) as archive:
        validate_project_xml(archive.read("project.qde"), XSD)


@needs_xsd
def test_validate_project_xml_reports_schema_errors() -> None:
    bad = (
        b'<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0">'
        b'<CodeBook><Codes><Code guid="not-a-guid" name="x"/></Codes></CodeBook></Project>'
    )
    with pytest.raises(ThematicaError) as info:
        validate_project_xml(bad, XSD)
    message = str(info.value)
    assert "project.qde" in message
    assert "isCodable" in message or "name" in message
    with pytest.raises(ThematicaError, match="line 1"):
        validate_project_xml(b"<Project", XSD)


def test_archive_layout(tmp_path: Path) -> None:
    path = _write_project(tmp_path / "study.qdpx")
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names[0] == "project.qde"
        assert set(names[1:]) == {f"sources/{source_guid(n)}.txt" for n in SOURCES}
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)
        text = archive.read(f"sources/{source_guid('P02')}.txt")
        assert text == SOURCES["P02"].encode("utf-8")
        qde = archive.read("project.qde").decode("utf-8")
    assert qde.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert f'plainTextPath="internal://{source_guid("P01")}.txt"' in qde
    assert "DateTime" not in qde


def test_write_qdpx_is_byte_deterministic(tmp_path: Path) -> None:
    first = _write_project(tmp_path / "a.qdpx").read_bytes()
    second = _write_project(tmp_path / "b.qdpx").read_bytes()
    shuffled = _write_project(
        tmp_path / "c.qdpx",
        sources=dict(reversed(list(SOURCES.items()))),
        codings=list(reversed(CODINGS)),
    ).read_bytes()
    assert first == second == shuffled
    changed = _write_project(tmp_path / "d.qdpx", project_name="Other").read_bytes()
    assert changed != first


def test_qdpx_round_trip(tmp_path: Path) -> None:
    project = read_qdpx(_write_project(tmp_path / "study.qdpx"))
    assert project.sources == SOURCES
    assert project.raw_sources == SOURCES
    assert sorted(project.codes, key=lambda c: c.code) == sorted(CODES, key=lambda c: c.code)
    assert _sort(project.codings) == _sort(CODINGS)
    assert sorted(project.users.values()) == USERS
    assert project.name == "Clinic study"
    assert project.origin == "thematica"
    assert project.code_guids["trust"] == code_guid("trust").lower()
    for coding in project.codings:
        original = SOURCES[coding.source][coding.start : coding.end]
        assert project.sources[coding.source][coding.start : coding.end] == original


def test_round_trip_keeps_parents_before_children(tmp_path: Path) -> None:
    project = read_qdpx(_write_project(tmp_path / "study.qdpx"))
    order = [c.code for c in project.codes]
    for code in project.codes:
        if code.parent is not None:
            assert order.index(code.parent) < order.index(code.code)


@pytest.mark.parametrize(
    ("overrides", "needle"),
    [
        ({"codings": [Coding("P09", "trust", 0, 1, "ana")]}, "P09"),
        ({"codings": [Coding("P01", "nope", 0, 1, "ana")]}, "nope"),
        ({"codings": [Coding("P01", "trust", 0, 1, "zed")]}, "zed"),
        ({"codings": [Coding("P01", "trust", 5, 500, "ana")]}, "500"),
        ({"codings": [Coding("P01", "trust", 5, 4, "ana")]}, "5..4"),
        ({"codes": [*CODES, Code("trust", "again")]}, "twice"),
        ({"codes": [Code("a", "A", parent="ghost")], "codings": []}, "ghost"),
        ({"codes": [Code("a", "A", parent="b"), Code("b", "B", parent="a")], "codings": []}, "cycle"),
        ({"codes": [Code("a", "bad\x01label")], "codings": []}, "U+0001"),
        ({"codes": [Code("a]b", "AB")], "codings": []}, "simple id"),
    ],
)
def test_write_qdpx_rejects_inconsistent_input(tmp_path: Path, overrides: dict, needle: str) -> None:
    with pytest.raises(ThematicaError, match=re.escape(needle)):
        _write_project(tmp_path / "bad.qdpx", **overrides)


def test_qdc_round_trip(tmp_path: Path) -> None:
    path = write_qdc(tmp_path / "codebook.qdc", CODES)
    data = path.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert b'xmlns="urn:QDA-XML:codebook:1.0"' in data
    assert b'isCodable="true"' in data
    assert sorted(read_qdc(path), key=lambda c: c.code) == sorted(CODES, key=lambda c: c.code)
    assert write_qdc(tmp_path / "again.qdc", CODES).read_bytes() == data


def test_qdc_nests_children_and_omits_marker_when_id_is_label(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(write_qdc(tmp_path / "c.qdc", CODES).read_bytes())
    ns = {"q": "urn:QDA-XML:codebook:1.0"}
    themes = root.findall("q:Codes/q:Code", ns)
    assert [t.get("name") for t in themes] == ["Relationships", "Access"]
    access_children = [c.get("name") for c in themes[1].findall("q:Code", ns)]
    assert access_children == ["Waiting", "Cost"]
    cost = themes[1].findall("q:Code", ns)[1]
    assert cost.find("q:Description", ns) is None


def test_read_qdc_accepts_foreign_codebook(tmp_path: Path) -> None:
    path = tmp_path / "nvivo.qdc"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo">'
        '<Codes><Code guid="{11111111-1111-4111-8111-111111111111}" name="Other" isCodable="true">'
        '<Code guid="22222222-2222-4222-8222-222222222222" name="Other" isCodable="true">'
        "<Description>nested</Description></Code></Code></Codes></CodeBook>",
        encoding="utf-8",
    )
    codes = read_qdc(path)
    assert codes == [Code("Other", "Other"), Code("Other/Other", "Other", "nested", parent="Other")]


def test_read_qdc_errors(tmp_path: Path) -> None:
    with pytest.raises(ThematicaError, match="cannot read"):
        read_qdc(tmp_path / "missing.qdc")
    broken = tmp_path / "broken.qdc"
    broken.write_text("<CodeBook>\n<Codes>\n</CodeBook>", encoding="utf-8")
    with pytest.raises(ThematicaError) as info:
        read_qdc(broken)
    assert info.value.line == 3 and "broken.qdc" in str(info.value)
    empty = tmp_path / "empty.qdc"
    empty.write_text("<Something/>", encoding="utf-8")
    with pytest.raises(ThematicaError, match="Codes"):
        read_qdc(empty)


# --------------------------------------------------------------------------- offsets


def test_reanchor_crlf_and_bom() -> None:
    raw = "\ufeffA: hi\r\nB: I trust you\r\n"
    canonical = canonicalise(raw)
    assert canonical == "A: hi\nB: I trust you\n"
    start = raw.index("I trust")
    new = reanchor(raw, canonical, start, start + len("I trust you"))
    assert canonical[new[0] : new[1]] == "I trust you"
    assert reanchor(raw, canonical, 0, len(raw)) == (0, len(canonical))


def test_reanchor_nfc_composition_and_partial_characters() -> None:
    raw = "cafe\u0301 ok"
    canonical = canonicalise(raw)
    assert canonical == "café ok"
    assert reanchor(raw, canonical, 0, 5) == (0, 4)
    assert reanchor(raw, canonical, 6, 8) == (5, 7)
    # an end between "e" and its accent is widened to the whole "é"
    assert reanchor(raw, canonical, 0, 4) == (0, 4)
    # a start between "e" and its accent moves to the start of "é"
    assert reanchor(raw, canonical, 4, 5) == (3, 4)


def test_reanchor_hangul_jamo_compose() -> None:
    raw = "x\u1100\u1161\u11a8y"
    canonical = canonicalise(raw)
    assert canonical == "x\uac01y"
    assert reanchor(raw, canonical, 1, 4) == (1, 2)
    assert reanchor(raw, canonical, 4, 5) == (2, 3)


def test_reanchor_rejects_bad_input() -> None:
    with pytest.raises(ThematicaError):
        reanchor("abc", "abc", 2, 1)
    with pytest.raises(ThematicaError):
        reanchor("abc", "abc", 0, 4)
    with pytest.raises(ThematicaError):
        reanchor("a\r\nb", "a\r\nb", 0, 1)


_TOKENS = ["a", "b", " ", "\r\n", "\n", "\r", "e\u0301", "\u00e9", "\u1100\u1161", "o\u0308\u0323", "😀"]


@settings(max_examples=200, deadline=None)
@given(
    bom=st.booleans(),
    tokens=st.lists(st.sampled_from(_TOKENS), max_size=25),
    data=st.data(),
)
def test_reanchor_property(bom: bool, tokens: list[str], data) -> None:
    # a lone "\r" token followed by a "\n" token would merge into one CRLF: drop such "\r"s
    kept: list[str] = []
    for token in reversed(tokens):
        if not (token == "\r" and kept and kept[-1] == "\n"):
            kept.append(token)
    tokens = kept[::-1]
    raw = ("\ufeff" if bom else "") + "".join(tokens)
    canonical = canonicalise(raw)
    bounds = [0]
    for token in ([("\ufeff")] if bom else []) + tokens:
        bounds.append(bounds[-1] + len(token))
    i = data.draw(st.integers(0, len(bounds) - 1))
    j = data.draw(st.integers(i, len(bounds) - 1))
    start, end = reanchor(raw, canonical, bounds[i], bounds[j])
    assert 0 <= start <= end <= len(canonical)
    assert canonical[start:end] == canonicalise(raw[bounds[i] : bounds[j]])
    # arbitrary offsets (not on token boundaries) stay ordered and in range
    a = data.draw(st.integers(0, len(raw)))
    b = data.draw(st.integers(a, len(raw)))
    s2, e2 = reanchor(raw, canonical, a, b)
    assert 0 <= s2 <= e2 <= len(canonical)


# --------------------------------------------------------------------------- reading exports

NVIVO_RAW = (
    "\ufeffInterviewer: How do you feel?\r\nP01: I trust my doctor.\r\n"
    "P01: Waiting times are awful, honestly.\r\n"
)
ATLAS_RAW = "Q: Tell me about cafe\u0301 visits.\nA: The cafe\u0301 was my refuge.\n"


def _nvivo_archive(tmp_path: Path) -> Path:
    return _zip(
        tmp_path / "nvivo.qdpx",
        {
            "project.qde": _fixture("nvivo_project.qde"),
            "sources/7a1b2c3d-0000-4000-8000-0000000000f1.txt": NVIVO_RAW.encode("utf-8"),
        },
    )


def test_nvivo_export_coder_comes_from_coding_element(tmp_path: Path) -> None:
    project = read_qdpx(_nvivo_archive(tmp_path))
    assert project.origin == "NVivo 14"
    by_code = {c.code: c for c in project.codings}
    assert by_code["Trust"].user == "Coder Ana"
    assert by_code["Waiting"].user == "Coder Ana"
    # a Coding without creatingUser falls back to the selection's user
    assert by_code["Access"].user == "Project Owner"
    assert project.users["0b1f0d2e-0000-4000-8000-00000000000b"] == "Coder Ana"


def test_nvivo_export_crlf_bom_offsets_are_reanchored(tmp_path: Path) -> None:
    project = read_qdpx(_nvivo_archive(tmp_path))
    text = project.sources["P01"]
    assert project.raw_sources["P01"] == NVIVO_RAW
    assert "\r" not in text and not text.startswith("\ufeff")
    spans = {c.code: text[c.start : c.end] for c in project.codings}
    assert spans["Trust"] == "I trust my doctor"
    assert spans["Waiting"] == "Waiting times are awful, honestly"
    trust = next(c for c in project.codings if c.code == "Trust")
    assert (trust.start, trust.end) == (37 - 2, 54 - 2)  # BOM and one CR precede it


def test_nvivo_export_code_hierarchy(tmp_path: Path) -> None:
    project = read_qdpx(_nvivo_archive(tmp_path))
    assert project.codes == [
        Code("Relationships", "Relationships", "How participants relate to staff."),
        Code("Trust", "Trust", "Expressions of trust in clinicians.", parent="Relationships"),
        Code("Access", "Access"),
        Code("Waiting", "Waiting", parent="Access"),
    ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8"])
def test_source_text_encodings(tmp_path: Path, encoding: str) -> None:
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8": b"\xef\xbb\xbf"}[encoding]
    body = NVIVO_RAW.lstrip("\ufeff").encode(encoding)
    path = _zip(
        tmp_path / "enc.qdpx",
        {
            "project.qde": _fixture("nvivo_project.qde"),
            "sources/7A1B2C3D-0000-4000-8000-0000000000F1.txt": bom + body,
        },
    )
    project = read_qdpx(path)
    spans = {c.code: project.sources["P01"][c.start : c.end] for c in project.codings}
    assert spans["Trust"] == "I trust my doctor"


def test_atlas_export_renamed_project_file_and_capital_sources_folder(tmp_path: Path) -> None:
    path = _zip(
        tmp_path / "atlas.qdpx",
        {
            "My Project.qde": _fixture("atlas_project.qde"),
            "Sources/DD000000-0000-4000-8000-000000000001.txt": ATLAS_RAW.encode("utf-8"),
        },
    )
    project = read_qdpx(path)
    assert project.name == "My Project"
    assert list(project.sources) == ["P02"]
    text = project.sources["P02"]
    assert text == unicodedata.normalize("NFC", ATLAS_RAW)
    assert project.raw_sources["P02"] == ATLAS_RAW
    (coding,) = project.codings
    assert coding == Coding("P02", "Refuge", 46, 55, "Ben")
    assert text[coding.start : coding.end] == "my refuge"
    assert project.codes[1] == Code("Refuge", "Refuge", "Places that feel safe.", parent="Place")


def test_project_file_in_a_subfolder(tmp_path: Path) -> None:
    path = _zip(
        tmp_path / "nested.qdpx",
        {
            "export/My Project.qde": _fixture("atlas_project.qde"),
            "export/Sources/dd000000-0000-4000-8000-000000000001.txt": ATLAS_RAW.encode("utf-8"),
        },
    )
    assert read_qdpx(path).codings[0].user == "Ben"


def test_inline_plain_text_content(tmp_path: Path) -> None:
    project = read_qdpx(_zip(tmp_path / "inline.qdpx", {"project.qde": _fixture("inline_project.qde")}))
    assert project.sources == {"P03": "Hello there.\nHow are you?"}
    assert project.codings == [Coding("P03", "Greeting", 0, 5, "Cleo")]


# --------------------------------------------------------------------------- reader errors


def _nvivo_with(tmp_path: Path, old: str, new: str, *, with_text: bool = True) -> Path:
    qde = _fixture("nvivo_project.qde").decode("utf-8")
    assert old in qde
    members = {"project.qde": qde.replace(old, new, 1).encode("utf-8")}
    if with_text:
        members["sources/7a1b2c3d-0000-4000-8000-0000000000f1.txt"] = NVIVO_RAW.encode("utf-8")
    return _zip(tmp_path / "broken.qdpx", members)


def test_error_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "plain.qdpx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(ThematicaError, match=r"cannot be opened as a \.qdpx \(zip\) archive") as info:
        read_qdpx(path)
    assert "plain.qdpx" in str(info.value)


def test_error_truncated_zip(tmp_path: Path) -> None:
    whole = _write_project(tmp_path / "whole.qdpx").read_bytes()
    path = tmp_path / "cut.qdpx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ThematicaError, match="re-export"):
        read_qdpx(path)


def test_error_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ThematicaError, match="does not exist"):
        read_qdpx(tmp_path / "nope.qdpx")


def test_error_no_qde(tmp_path: Path) -> None:
    path = _zip(tmp_path / "empty.qdpx", {"sources/a.txt": b"hello"})
    with pytest.raises(ThematicaError, match=r"no project file \(\*\.qde\)"):
        read_qdpx(path)


def test_error_several_qde(tmp_path: Path) -> None:
    path = _zip(tmp_path / "two.qdpx", {"a.qde": b"<Project/>", "b.qde": b"<Project/>"})
    with pytest.raises(ThematicaError, match="several project files"):
        read_qdpx(path)


def test_error_xml_parse_has_line_number(tmp_path: Path) -> None:
    path = _nvivo_with(tmp_path, "<Sources>", "<Sources><<")
    with pytest.raises(ThematicaError) as info:
        read_qdpx(path)
    assert info.value.line == 20
    assert "line 20" in str(info.value) and "project.qde" in str(info.value)


def test_error_wrong_root(tmp_path: Path) -> None:
    path = _zip(tmp_path / "root.qdpx", {"project.qde": b"<CodeBook/>"})
    with pytest.raises(ThematicaError, match="not <Project>"):
        read_qdpx(path)


def test_error_missing_source_text(tmp_path: Path) -> None:
    path = _nvivo_with(tmp_path, "<Sources>", "<Sources>", with_text=False)
    with pytest.raises(ThematicaError, match="source 'P01'.*text is missing"):
        read_qdpx(path)


def test_error_unknown_code(tmp_path: Path) -> None:
    path = _nvivo_with(
        tmp_path,
        'targetGUID="C1000000-0000-4000-8000-000000000002"',
        'targetGUID="99999999-0000-4000-8000-000000000002"',
    )
    with pytest.raises(ThematicaError) as info:
        read_qdpx(path)
    message = str(info.value)
    assert "99999999-0000-4000-8000-000000000002" in message
    assert "5E100000-0000-4000-8000-000000000001" in message


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ('startPosition="37" endPosition="54"', 'startPosition="37" endPosition="500"', "37..500"),
        ('startPosition="37" endPosition="54"', 'startPosition="54" endPosition="37"', "54..37"),
        ('startPosition="37" endPosition="54"', 'startPosition="-1" endPosition="54"', "-1..54"),
        ('startPosition="37"', 'startPosition="3x"', "'3x'"),
    ],
)
def test_error_bad_offsets(tmp_path: Path, old: str, new: str, needle: str) -> None:
    path = _nvivo_with(tmp_path, old, new)
    with pytest.raises(ThematicaError) as info:
        read_qdpx(path)
    message = str(info.value)
    assert needle in message
    assert "'P01'" in message and "5E100000-0000-4000-8000-000000000001" in message


def test_error_undecodable_source_text(tmp_path: Path) -> None:
    path = _zip(
        tmp_path / "latin1.qdpx",
        {
            "project.qde": _fixture("nvivo_project.qde"),
            "sources/7a1b2c3d-0000-4000-8000-0000000000f1.txt": "caf\u00e9".encode("latin-1"),
        },
    )
    with pytest.raises(ThematicaError, match="not valid UTF-8"):
        read_qdpx(path)


def test_error_duplicate_source_names(tmp_path: Path) -> None:
    qde = _fixture("inline_project.qde").decode("utf-8")
    start = qde.index("<TextSource")
    end = qde.index("</TextSource>") + len("</TextSource>")
    twin = qde[start:end].replace("DD000000", "DD000001")
    path = _zip(
        tmp_path / "dup.qdpx", {"project.qde": qde.replace("</Sources>", twin + "</Sources>").encode()}
    )
    with pytest.raises(ThematicaError, match="two sources are named 'P03'"):
        read_qdpx(path)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blob=st.binary(max_size=2048))
def test_arbitrary_bytes_never_crash_the_reader(tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "fuzz.qdpx"
    path.write_bytes(blob)
    try:
        read_qdpx(path)
    except ThematicaError:
        pass


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_corrupted_exports_never_crash_the_reader(tmp_path: Path, data) -> None:
    whole = bytearray(_nvivo_archive(tmp_path).read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        whole[data.draw(st.integers(0, len(whole) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "corrupt.qdpx"
    path.write_bytes(bytes(whole))
    try:
        read_qdpx(path)
    except ThematicaError:
        pass


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mangled_project_xml_never_crashes_the_reader(tmp_path: Path, data) -> None:
    qde = _fixture("nvivo_project.qde").decode("utf-8")
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(qde)))
        j = data.draw(st.integers(i, min(len(qde), i + 40)))
        qde = (
            qde[:i]
            + data.draw(st.text(alphabet='<>/"= {}-0123456789abcdefCodingSel\n', max_size=12))
            + qde[j:]
        )
    path = _zip(
        tmp_path / "mangled.qdpx",
        {
            "project.qde": qde.encode("utf-8"),
            "sources/7a1b2c3d-0000-4000-8000-0000000000f1.txt": NVIVO_RAW.encode("utf-8"),
        },
    )
    try:
        read_qdpx(path)
    except ThematicaError:
        pass
