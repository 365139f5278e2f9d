"""Broken, hostile and not-Word files: each gives one ReadError with a clear code."""
from __future__ import annotations

import os
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from docx_helpers import CORPUS, build_docx, p

from plainplan.document import ReadError
from plainplan.read import package as package_module
from plainplan.read.docx import read_docx


def corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {name} not found")
    return path


def refused(path: Path, code: str) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_docx(str(path))
    err = info.value
    assert err.code == code, err.message
    assert str(path) in err.message
    assert "\n" not in err.message
    assert err.to_json() == {"code": code, "message": err.message}
    return err


@pytest.mark.parametrize("name, code, says", [
    ("empty.docx", "empty", "empty"),
    ("not_a_zip.docx", "not-a-zip", "not a Word document (.docx)"),
    ("missing_document_xml.docx", "no-document", "word/document.xml"),
    ("truncated_zip.docx", "damaged", "damaged"),
    ("encrypted.docx", "encrypted", "password-protected"),
    ("legacy_doc_renamed.docx", "legacy-doc", "save it as .docx"),
    ("theme_package_renamed.docx", "no-document", "not a Word document"),
    ("xxe_external_entity.docx", "unsafe-xml", "DTD"),
])
def test_corpus_broken_files(name, code, says):
    err = refused(corpus(name), code)
    assert says in err.message


def test_huge_bomb_refused_quickly_with_little_memory():
    path = corpus("huge_bomb.docx")
    tracemalloc.start()
    started = time.perf_counter()
    try:
        refused(path, "too-large")
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 3
    assert peak < 20 * 2**20


def test_bad_crc_in_a_part_we_do_not_need_is_ignored():
    path = corpus("fuzzed_bad_crc_member.docx")
    with zipfile.ZipFile(path) as zf:   # the premise: theme1.xml really is bad
        with pytest.raises(zipfile.BadZipFile):
            zf.read("word/theme/theme1.xml")
    doc = read_docx(str(path))
    assert doc.blocks


def test_xxe_entity_never_expanded_or_fetched(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the reader tried to use the network")
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    refused(corpus("xxe_external_entity.docx"), "unsafe-xml")


def test_input_file_unchanged(tmp_path):
    path = build_docx(tmp_path / "plan.docx", p("Hello there"))
    before = path.read_bytes(), os.stat(path).st_mtime_ns
    assert read_docx(str(path)).blocks[0].text == "Hello there"
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_corpus_files_unchanged():
    for name in ("fuzzed_bad_crc_member.docx", "xxe_external_entity.docx", "simple_paragraph.docx"):
        path = corpus(name)
        before = path.read_bytes(), os.stat(path).st_mtime_ns
        try:
            read_docx(str(path))
        except ReadError:
            pass
        assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


# --- synthetic ------------------------------------------------------------------------

def test_declared_size_over_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(package_module, "MAX_PART_BYTES", 1000)
    path = build_docx(tmp_path / "big.docx", p("x" * 2000))
    err = refused(path, "too-large")
    assert "word/document.xml" in err.message


def test_total_declared_size_over_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(package_module, "MAX_TOTAL_BYTES", 3000)
    rels = [("rH", "header", "header1.xml")]
    header = ('<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              f'{p("y" * 2000)}</w:hdr>')
    path = build_docx(tmp_path / "big.docx", p("x" * 2000), parts={"word/header1.xml": header},
                      rels=rels)
    refused(path, "too-large")


def test_part_lying_about_its_size_is_capped(tmp_path):
    """A central directory that declares less than the data inflates to cannot blow memory."""
    path = build_docx(tmp_path / "liar.docx", p("x" * 5000))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    # Patch the uncompressed size in the central directory entry to 100 bytes.
    central = data.rfind(b"PK\x01\x02", 0, data.find(b"word/document.xml", data.find(b"PK\x01\x02")))
    data[central + 24:central + 28] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError) as info_:
        read_docx(str(path))
    assert info_.value.code in ("damaged", "too-large")
    assert info.file_size > 100


def test_billion_laughs_refused(tmp_path):
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
           '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
           '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>&lol4;</w:t></w:r></w:p></w:body></w:document>')
    path = build_docx(tmp_path / "lol.docx", "", document=lol)
    refused(path, "unsafe-xml")


def test_doctype_after_a_long_comment_refused(tmp_path):
    doc = ('<?xml version="1.0"?><!--' + "x" * 8000 + '--><!DOCTYPE d [<!ENTITY e "boom">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>')
    refused(build_docx(tmp_path / "late.docx", "", document=doc), "unsafe-xml")


def test_doctype_in_styles_refused(tmp_path):
    path = build_docx(tmp_path / "s.docx", p("Hi"), styles="")
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("word/styles2.xml", "")
    # rewrite styles.xml with a DOCTYPE
    src = zipfile.ZipFile(path)
    out = tmp_path / "s2.docx"
    with zipfile.ZipFile(out, "w") as zf:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/styles.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "b">]>' + data
            zf.writestr(item.filename, data)
    src.close()
    refused(out, "unsafe-xml")


def test_malformed_xml_is_damaged(tmp_path):
    path = build_docx(tmp_path / "bad.docx", "", document="<w:document><w:body><w:p>")
    refused(path, "damaged")


def test_main_part_is_not_a_document(tmp_path):
    doc = '<x:root xmlns:x="urn:example"/>'
    refused(build_docx(tmp_path / "odd.docx", "", document=doc), "no-document")


def test_zip_without_anything(tmp_path):
    path = tmp_path / "hollow.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    refused(path, "no-document")


def test_empty_zip(tmp_path):
    path = tmp_path / "void.docx"
    zipfile.ZipFile(path, "w").close()
    refused(path, "no-document")


def test_random_ole_file_is_not_word(tmp_path):
    path = tmp_path / "sheet.docx"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600)
    refused(path, "not-a-zip")


def test_truncated_copy_of_a_good_file(tmp_path):
    good = build_docx(tmp_path / "good.docx", p("Hello " * 500))
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good.read_bytes()[:300])
    refused(cut, "damaged")


def test_crc_error_in_the_document_part(tmp_path):
    good = build_docx(tmp_path / "good.docx", p("Hello world"))
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("word/document.xml")
    # flip the stored CRC in the local header and the central directory
    crc = info.CRC.to_bytes(4, "little")
    data = bytes(data).replace(crc, bytes(b ^ 0xFF for b in crc))
    bad = tmp_path / "crc.docx"
    bad.write_bytes(data)
    refused(bad, "damaged")


def test_deep_nesting_is_damaged_not_a_crash(tmp_path):
    body = "<w:tbl><w:tr><w:tc>" * 400 + p("deep") + "</w:tc></w:tr></w:tbl>" * 400
    path = build_docx(tmp_path / "deep.docx", body)
    with pytest.raises(ReadError) as info:
        read_docx(str(path))
    assert info.value.code == "damaged"


def test_generic_content_type_for_the_main_part_is_fine(tmp_path):
    path = build_docx(tmp_path / "plain.docx", p("Fine"))
    src = zipfile.ZipFile(path)
    out = tmp_path / "generic.docx"
    with zipfile.ZipFile(out, "w") as zf:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = (b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                        b'<Default Extension="xml" ContentType="application/xml"/></Types>')
            zf.writestr(item.filename, data)
    src.close()
    assert [b.text for b in read_docx(str(out)).blocks] == ["Fine"]
