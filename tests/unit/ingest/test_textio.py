"""Tests for thematica.ingest.textio: decoding, canonical form, empty files."""

from __future__ import annotations

import codecs
import logging

import pytest

from thematica.errors import ThematicaError
from thematica.ingest.textio import canonicalize, decode_bytes, read_text_file, sha256_text

TEXT = "Interviewer: Café — “quoted” naïve ✓\nP01: Ja, schön.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32"),
        (codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), "utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"],
)
def test_decode_unicode_encodings(data, encoding):
    text, used = decode_bytes(data, "t.txt")
    assert used == encoding
    assert text == TEXT
    assert not text.startswith("\ufeff")


def test_decode_cp1252_warns(caplog):
    data = "P01: Café – “ok”\n".encode("cp1252")
    with caplog.at_level(logging.WARNING, logger="thematica.ingest.textio"):
        text, used = decode_bytes(data, "old/P01.txt")
    assert (text, used) == ("P01: Café – “ok”\n", "cp1252")
    [record] = [r for r in caplog.records if r.levelno == logging.WARNING]
    message = record.getMessage()
    assert "old/P01.txt" in message
    assert "cp1252" in message and "UTF-8" in message


def test_decode_utf8_does_not_warn(caplog):
    with caplog.at_level(logging.WARNING):
        decode_bytes("é".encode(), "a.txt")
    assert not caplog.records


@pytest.mark.parametrize("bad", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_undecodable_bytes_give_offset(bad):
    data = b"P01: ok " + bytes([bad]) + b" more"
    with pytest.raises(ThematicaError) as info:
        decode_bytes(data, "x/P01.txt")
    message = str(info.value)
    assert message.startswith("x/P01.txt: ")
    assert "byte offset 8" in message
    assert "UTF-8" in message


def test_undecodable_offset_is_first_bad_utf8_byte():
    data = b"ab\xe9cd\x81"  # 0xE9 is bad UTF-8 (offset 2), 0x81 undefined in cp1252 (offset 5)
    with pytest.raises(ThematicaError, match="byte offset 2") as info:
        decode_bytes(data, "f.txt")
    assert "byte offset 5" in str(info.value)


def test_damaged_utf16_is_an_error():
    data = codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00"
    with pytest.raises(ThematicaError, match="byte offset 6"):
        decode_bytes(data, "f.txt")


def test_nul_bytes_mean_binary():
    with pytest.raises(ThematicaError, match="looks like a binary file") as info:
        decode_bytes(b"PK\x03\x04\x00\x00abc", "audio.txt")
    assert info.value.path == "audio.txt"


def test_nul_character_after_bom_means_binary():
    data = codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le")
    with pytest.raises(ThematicaError, match="binary"):
        decode_bytes(data, "f.txt")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\r\n", "a\nb\n"),
        ("a\rb\r", "a\nb\n"),
        ("a\r\n\rb\n", "a\n\nb\n"),
        ("\ufeffa", "a"),
        ("a\ufeffb", "a\ufeffb"),
        ("Cafe\u0301 nai\u0308ve", "Café naïve"),
        ("  keep  spaces \t\n", "  keep  spaces \t\n"),
    ],
)
def test_canonicalize(raw, expected):
    assert canonicalize(raw) == expected


def test_canonicalize_nfd_is_nfc():
    nfd = "Cafe\u0301"
    assert len(nfd) == 5
    assert canonicalize(nfd) == "Caf\u00e9"
    assert len(canonicalize(nfd)) == 4


def test_read_text_file_canonical(tmp_path):
    path = tmp_path / "P01.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Interviewer: Cafe\u0301?\r\nP01: Yes.\rP01: No.\r\n".encode())
    assert read_text_file(path) == "Interviewer: Café?\nP01: Yes.\nP01: No.\n"


@pytest.mark.parametrize("content", [b"", b"   \r\n\t\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b" \n"])
def test_read_text_file_empty(tmp_path, content):
    path = tmp_path / "P02.txt"
    path.write_bytes(content)
    with pytest.raises(ThematicaError, match="is empty") as info:
        read_text_file(path)
    assert str(path) in str(info.value)


def test_read_text_file_missing(tmp_path):
    with pytest.raises(ThematicaError, match="does not exist"):
        read_text_file(tmp_path / "nope.txt")


def test_read_text_file_directory(tmp_path):
    with pytest.raises(ThematicaError, match="folder"):
        read_text_file(tmp_path)


def test_sha256_text():
    assert sha256_text("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert sha256_text("é") != sha256_text("e\u0301")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
            "is a PDF, not a text file: its text cannot be read reliably; export",
        ),
        (
            b"{\\rtf1\\ansi Interviewer: hi}",
            "is an RTF document, not a text file: open it in a word processor",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "is an old Word .doc (a binary file), not a text file"),
    ],
)
def test_documents_saved_as_text_are_named(data, what):
    with pytest.raises(ThematicaError) as info:
        decode_bytes(data, "P01.txt")
    assert str(info.value).startswith(f"P01.txt, line 1: {what}")
