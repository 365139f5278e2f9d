"""Markdown and plain-text readers: blocks, kinds, headings, tables and 1-based locations."""
import codecs

import pytest

from plainplan.document import ReadError
from plainplan.read import read_document
from plainplan.read.markdown import read_markdown
from plainplan.read.text import read_text

MD = """---
title: Front matter is not text
---

# Plan for Sam

Sam said *"I like football"* and [his teacher](http://example.org) agreed.

## What needs to happen

- Mum will take Sam to the dentist by 1 June.
- Dad will phone school **every Friday**.

> "I want to stay with Nan," Sam told me.

| What | Who | By when |
|---|---|---|
| Dentist visit | Mum | 1 June |

```
code is skipped
```
"""


def blocks(text):
    return read_markdown("plan.md", text.encode()).blocks


def test_markdown_kinds_and_heading_path():
    got = [(b.kind, b.text, b.heading) for b in blocks(MD)]
    assert got[0] == ("heading", "Plan for Sam", ())
    assert ("paragraph", 'Sam said "I like football" and his teacher agreed.', ("Plan for Sam",)) in got
    assert ("list-item", "Dad will phone school every Friday.", ("Plan for Sam", "What needs to happen")) in got
    assert any(k == "quote" and t.startswith('"I want to stay with Nan,"') for k, t, _ in got)
    texts = " ".join(t for _, t, _ in got)
    assert "Front matter" not in texts and "code is skipped" not in texts and "http" not in texts


def test_markdown_table_cells_have_table_row_col():
    cells = [b for b in blocks(MD) if b.kind == "table-cell"]
    assert [(c.text, c.table, c.row, c.col) for c in cells] == [
        ("What", 1, 0, 0), ("Who", 1, 0, 1), ("By when", 1, 0, 2),
        ("Dentist visit", 1, 1, 0), ("Mum", 1, 1, 1), ("1 June", 1, 1, 2)]


def test_markdown_offsets_map_to_file_line_and_column():
    doc = blocks(MD)
    lines = MD.split("\n")
    for b in doc:
        for word in ("Friday", "teacher", "Nan", "Dentist", "football"):
            at = b.text.find(word)
            if at == -1:
                continue
            line, col = b.position(at)
            assert lines[line - 1][col - 1:col - 1 + len(word)] == word, (word, line, col)


def test_text_paragraphs_lists_labels_and_tab_tables():
    text = "PLAN FOR SAM\n\nSam lives with Mum.\nHe is 7.\n\nSam's views:\nHe wants a dog.\n\n- Mum will call school.\n- Dad will visit.\n\nWhat\tWho\nDentist\tMum\n"
    doc = read_text("sam.txt", text.encode()).blocks
    kinds = [(b.kind, b.text) for b in doc]
    assert kinds[0] == ("heading", "PLAN FOR SAM")
    assert ("paragraph", "Sam lives with Mum. He is 7.") in kinds
    assert ("heading", "Sam's views:") in kinds
    assert ("list-item", "Mum will call school.") in kinds
    cells = [(b.text, b.row, b.col) for b in doc if b.kind == "table-cell"]
    assert cells == [("What", 0, 0), ("Who", 0, 1), ("Dentist", 1, 0), ("Mum", 1, 1)]
    para = next(b for b in doc if b.text.startswith("Sam lives"))
    assert para.position(para.text.index("He is")) == (4, 1)


@pytest.mark.parametrize("data,expected", [
    ("Café £5 “quoted”".encode("utf-8"), "Café £5 “quoted”"),
    (codecs.BOM_UTF8 + "Café".encode("utf-8"), "Café"),
    ("Café £5".encode("utf-16"), "Café £5"),
])
def test_text_decoding(data, expected):
    doc = read_text("a.txt", data)
    assert doc.blocks[0].text == expected
    assert not doc.warnings


def test_windows_1252_is_read_with_a_warning():
    doc = read_text("a.txt", "Mum said \u201cyes\u201d \u2013 £5".encode("cp1252"))
    assert doc.blocks[0].text == "Mum said \u201cyes\u201d \u2013 £5"
    assert doc.warnings and "Windows-1252" in doc.warnings[0]


@pytest.mark.parametrize("data", [b"\x81\x8d\x8f\x90\x9d not text", b"PK\x03\x04\x00\x00binary"])
def test_undecodable_text_is_a_clear_error(data):
    with pytest.raises(ReadError) as err:
        read_text("bad.txt", data)
    assert err.value.code == "undecodable" and "bad.txt" in err.value.message


def test_path_errors(tmp_path):
    cases = {
        "not-found": tmp_path / "missing.md",
        "is-a-folder": tmp_path,
        "legacy-doc": tmp_path / "old.doc",
        "unsupported": tmp_path / "scan.pdf",
        "empty": tmp_path / "empty.md",
    }
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF")
    (tmp_path / "empty.md").write_bytes(b"")
    for code, path in cases.items():
        with pytest.raises(ReadError) as err:
            read_document(str(path))
        assert err.value.code == code
        assert str(path) in err.value.message


def test_unreadable_file(tmp_path, monkeypatch):
    import plainplan.read as reader
    path = tmp_path / "locked.md"
    path.write_text("# Hi")
    # CI runs as root, which permissions cannot stop, so the refusal is simulated.
    monkeypatch.setattr(reader.os, "access", lambda *_: False)
    with pytest.raises(ReadError) as err:
        read_document(str(path))
    assert err.value.code == "unreadable" and "permission" in err.value.message
