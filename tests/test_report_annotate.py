"""The annotated Word copy: comments anchored on exactly the flagged words, a summary
comment, tracked changes with --suggest, nothing lost, and files Word and LibreOffice open.

Findings are made by hand on the blocks the Word reader gives, so these tests check the
annotator alone (any rule may change); one test runs the real pipeline end to end.
"""
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

from plainplan.read.docx import read_docx
from plainplan.report.annotate import AnnotateError, annotate, annotated_path, annotation_targets, replacement
from plainplan.results import FileResult, Finding

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "docx"
WORD = re.compile(r"[A-Za-z]{4,}")


def q(name):
    return f"{{{W}}}{name}"


def finding(block, start, end, rule="jargon-care", category="jargon", suggestion=None, scope="span", goal=None):
    return Finding(rule=rule, category=category, severity="warning",
                   message=f"'{block.text[start:end]}' is a {category} word." if scope == "span" else "A note.",
                   text=block.text[start:end] if scope != "block" else "", context=block.text, scope=scope,
                   location=block.location(start if scope != "block" else None, end if scope != "block" else None),
                   suggestion=suggestion, why="Families read these records.", goal=goal)


def result_for(path, findings, document=None, **extra):
    document = document or read_docx(str(path))
    return FileResult(path=str(path), format="docx", findings=findings,
                      blocks=[b.to_json() for b in document.blocks], **extra)


def anchored(path):
    """{comment id: the text its range covers} in the annotated document body."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    open_ids, text = [], {}
    for el in root.iter():
        if el.tag == q("commentRangeStart"):
            open_ids.append(el.get(q("id")))
            text.setdefault(el.get(q("id")), "")
        elif el.tag == q("commentRangeEnd"):
            open_ids.remove(el.get(q("id")))
        elif el.tag in (q("t"), q("delText")) and el.text:
            for cid in open_ids:
                text[cid] += el.text
    return text


def comments(path):
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    return {c.get(q("id")): (c.get(q("author")), "\n".join("".join(t.text or "" for t in p.iter(q("t")))
                                                             for p in c.iter(q("p"))))
            for c in root.iter(q("comment"))}


@pytest.fixture
def plan(tmp_path):
    """A plan with words split across differently formatted runs, a table, a header and a comment."""
    d = docx.Document()
    d.add_heading("Safety plan for Ellie", 1)
    p = d.add_paragraph()
    p.add_run("Ellie is ")
    p.add_run("putting her").italic = True          # the flagged words start inside this run...
    p.add_run("self at risk").bold = True           # ...and end at the end of this one
    p.add_run(" by going to the flat.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "What needs to happen", "Who"
    table.cell(1, 0).text, table.cell(1, 1).text = "Contact with Dad on Tuesdays.", "Mum"
    kept = d.add_paragraph("Mum has agreed to the plan.")
    d.add_comment(kept.runs, text="An earlier reviewer's comment.", author="Team manager", initials="TM")
    d.sections[0].header.paragraphs[0].text = "Case record LAC"
    path = tmp_path / "plan.docx"
    d.save(path)
    return path


def test_comments_sit_on_exactly_the_flagged_words(plan):
    document = read_docx(str(plan))
    blocks = document.blocks
    risk = next(b for b in blocks if "risk" in b.text)
    cell = next(b for b in blocks if b.text.startswith("Contact"))
    header = next(b for b in blocks if b.part == "header")
    s = risk.text.index("putting")
    findings = [
        finding(risk, s, risk.text.index("risk") + 4, rule="victim-put-self-at-risk", category="victim-blaming"),
        finding(cell, 0, 7, suggestion="family time"),
        finding(header, header.text.index("LAC"), len(header.text), rule="acronym-first-use", category="acronym"),
        Finding(rule="child-voice-missing", category="child-voice", severity="warning",
                message="The child's own words are missing.", text="", context="", scope="document",
                location={"block": None}),
    ]
    result = result_for(plan, findings, document, stats={"reading_age": 12.5, "child_voice": 0,
                                                           "strengths": 1, "worries": 3})
    target = annotated_path(str(plan))
    before = plan.read_bytes()
    placed = annotate(result, target)
    assert plan.read_bytes() == before                      # the original is never touched
    assert placed == {"comments": 2, "changes": 0, "summary": 1}

    spans = anchored(target)
    notes = comments(target)
    ours = {cid: text for cid, (author, text) in notes.items() if author == "plainplan"}
    assert sorted(spans[cid] for cid in ours) == sorted(
        ["putting herself at risk", "Contact", "Safety plan for Ellie"])
    # The earlier comment is kept with its id, and new ids are above it.
    earlier = [cid for cid, (author, _) in notes.items() if author == "Team manager"]
    assert len(earlier) == 1 and spans[earlier[0]] == "Mum has agreed to the plan."
    assert min(int(c) for c in ours) > int(earlier[0])
    # Each comment reads like a reviewer's note: what, instead, why, rule.
    contact = next(t for cid, t in ours.items() if spans[cid] == "Contact")
    assert contact.split("\n") == ["'Contact' is a jargon word.", "You could write: \u201cfamily time\u201d.",
                                   "Why it matters: Families read these records.",
                                   "\u2014 plainplan, rule jargon-care (plainplan explain jargon-care)"]
    summary = next(t for cid, t in ours.items() if spans[cid] == "Safety plan for Ellie")
    assert "Reading age: 12.5 (target 11): 1.5 years above the target." in summary
    assert "Child's voice: missing" in summary and "strengths 1, worries 3" in summary
    assert "The child's own words are missing." in summary
    assert "\u2022 header \u201cLAC\u201d: 'LAC' is" in summary             # Word cannot comment in a header

    # Formatting kept: the split runs are still italic and bold where they were.
    doc = docx.Document(target)
    para = next(p for p in doc.paragraphs if "risk" in p.text)
    assert para.text == risk.text
    styled = [(r.text, bool(r.italic), bool(r.bold)) for r in para.runs if r.text]
    assert styled == [("Ellie is ", False, False), ("putting her", True, False),
                      ("self at risk", False, True), (" by going to the flat.", False, False)]
    assert len(doc.comments) == 4
    assert {c.author for c in doc.comments} == {"plainplan", "Team manager"}


def test_a_flag_inside_a_run_splits_it_and_keeps_its_formatting(tmp_path):
    d = docx.Document()
    run = d.add_paragraph().add_run("Mum failed to engage with the plan today.")
    run.bold, run.font.size = True, docx.shared.Pt(14)
    path = tmp_path / "one.docx"
    d.save(path)
    document = read_docx(str(path))
    block = document.blocks[0]
    s = block.text.index("failed")
    result = result_for(path, [finding(block, s, s + len("failed to engage"), rule="blame-x", category="blame")], document)
    target = tmp_path / "one.plainplan.docx"
    annotate(result, str(target))
    assert sorted(anchored(target).values()) == ["Mum failed to engage with the plan today.", "failed to engage"]
    runs = [r for r in docx.Document(target).paragraphs[0].runs if r.text]
    assert [r.text for r in runs] == ["Mum ", "failed to engage", " with the plan today."]
    assert all(r.bold and r.font.size == docx.shared.Pt(14) for r in runs)


def test_suggest_writes_tracked_changes_the_writer_can_accept(plan, tmp_path):
    document = read_docx(str(plan))
    cell = next(b for b in document.blocks if b.text.startswith("Contact"))
    risk = next(b for b in document.blocks if "risk" in b.text)
    s = risk.text.index("putting")
    findings = [finding(cell, 0, 7, suggestion="family time"),
                # Advice, not words to swap in: a comment only, never a tracked change.
                finding(risk, s, risk.text.index("risk") + 4, rule="victim-put-self-at-risk", category="victim-blaming",
                        suggestion="describe who is harming the child, e.g. 'adults are exploiting her'")]
    result = result_for(plan, findings, document)
    target = tmp_path / "suggested.docx"
    from plainplan.config import Config
    from plainplan.run import Session

    rules = Session(Config()).rules
    placed = annotate(result, str(target), suggest=True, rules=rules)
    assert placed["changes"] == 1
    with zipfile.ZipFile(target) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    dels, inss = list(body.iter(q("del"))), list(body.iter(q("ins")))
    assert [d.get(q("author")) for d in dels] == ["plainplan"] and [i.get(q("author")) for i in inss] == ["plainplan"]
    assert "".join(t.text for t in dels[0].iter(q("delText"))) == "Contact"
    assert "".join(t.text for t in inss[0].iter(q("t"))) == "Family time"
    assert dels[0].get(q("date")) and dels[0].get(q("id")) != inss[0].get(q("id"))
    # Read with changes accepted, the cell now says the plain words; nothing else moved.
    after = [b.text for b in read_docx(str(target)).blocks]
    before = [b.text for b in document.blocks]
    assert after == [t.replace("Contact with Dad", "Family time with Dad") for t in before]


def test_replacement_only_swaps_plain_words():
    jargon = {"text": "Placement", "suggestion": "home"}
    assert replacement(jargon, "terms") == "Home"
    assert replacement({"text": "CLA", "suggestion": "child looked after"}, "acronym") == "child looked after (CLA)"
    assert replacement(jargon, "pattern") is None
    assert replacement({"text": "x", "suggestion": "say what you saw or heard; be specific"}, "terms") is None
    assert replacement({"text": "made subject to", "suggestion": "has a child protection plan"}, "terms") is None
    assert replacement({"text": "presents as", "suggestion": "seemed"}, "terms") == "seemed"


@pytest.mark.parametrize("name", ["textbox_drawingml.docx", "sdt_all_locations.docx", "tracked_changes_with_comment.docx",
                                  "comments_many.docx", "headers_footers_sections.docx", "footnotes_endnotes.docx",
                                  "nested_tables.docx"])
def test_every_block_of_real_word_files(name, tmp_path):
    """A word flagged in every block: body, cells, content controls and text boxes get a
    comment on exactly that word; headers, footers and notes go into the summary; the text
    Word shows is unchanged and earlier comments and tracked changes are all kept."""
    source = CORPUS / name
    if not source.exists():
        pytest.skip(f"{source} is not here")
    path = tmp_path / name
    shutil.copy(source, path)
    document = read_docx(str(path))
    findings = []
    for block in document.blocks:
        match = WORD.search(block.text)
        if match:
            findings.append(finding(block, match.start(), match.end()))
    result = result_for(path, findings, document)
    target = tmp_path / "annotated.docx"
    before = zipfile.ZipFile(path).read("word/document.xml")
    placed = annotate(result, str(target))

    spans = anchored(target)
    notes = comments(target)
    ours = [cid for cid, (author, _) in notes.items() if author == "plainplan"]
    in_main = [f for f in findings if document.blocks[f.location["block"]].part in ("body", "textbox")
               and document.blocks[f.location["block"]].anchors]
    assert placed["comments"] == len(in_main) and len(ours) == len(in_main) + 1
    flagged = sorted(f.text for f in in_main)
    summary_id = min(ours, key=lambda c: 0 if notes[c][1].startswith("plainplan review") else 1)
    assert sorted(spans[c] for c in ours if c != summary_id) == flagged
    # Earlier comments and tracked changes survive, and the visible text is the same.
    old = etree.fromstring(before)
    new = etree.fromstring(zipfile.ZipFile(target).read("word/document.xml"))
    for tag in ("commentRangeStart", "ins", "del"):
        assert len(list(new.iter(q(tag)))) == len(list(old.iter(q(tag)))) + (len(ours) if tag == "commentRangeStart" else 0)
    assert [b.text for b in read_docx(str(target)).blocks] == [b.text for b in document.blocks]
    docx.Document(str(target))          # python-docx opens it


def test_real_pipeline_annotates_the_example_plan(session, tmp_path):
    source = Path(__file__).resolve().parents[1] / "examples" / "cin-plan-jordan.docx"
    path = tmp_path / "plan.docx"
    shutil.copy(source, path)
    result = session.check_path(str(path))
    target = annotated_path(str(path))
    placed = annotate(result, target, rules=session.rules, config=session.config)
    in_text = [f for f in result.findings if f.location.get("block") is not None
               and f.location.get("part") in ("body", "textbox")]
    assert placed["comments"] == len(in_text) and placed["summary"] == 1
    spans = anchored(target)
    for f in in_text:
        if f.scope in ("span", "goal"):
            assert f.text in spans.values()


def test_targets_refuse_to_overwrite_without_force(tmp_path):
    plan = tmp_path / "plan.docx"
    plan.write_bytes(b"")
    assert annotation_targets([str(plan), str(tmp_path / "notes.md")]) == {str(plan): str(tmp_path / "plan.plainplan.docx")}
    (tmp_path / "plan.plainplan.docx").write_bytes(b"old")
    with pytest.raises(AnnotateError, match="already exists; use --force"):
        annotation_targets([str(plan)])
    assert annotation_targets([str(plan)], force=True)
    out = tmp_path / "out"
    assert annotation_targets([str(plan)], out_dir=str(out)) == {str(plan): str(out / "plan.plainplan.docx")}
    other = tmp_path / "b" / "plan.docx"
    with pytest.raises(AnnotateError, match="would both be annotated"):
        annotation_targets([str(plan), str(other)], out_dir=str(out))


def test_cli_annotate_out_and_force(plan, tmp_path):
    from plainplan.cli import main

    out = tmp_path / "copies"
    runner = CliRunner()
    first = runner.invoke(main, ["check", str(plan), "--annotate", "--out", str(out), "--select", "jargon"])
    assert first.exit_code in (0, 1), first.output
    copy = out / "plan.plainplan.docx"
    assert copy.exists() and not (plan.parent / "plan.plainplan.docx").exists()
    again = runner.invoke(main, ["check", str(plan), "--annotate", "--out", str(out), "--select", "jargon"])
    assert again.exit_code == 2 and "already exists; use --force" in again.output
    forced = runner.invoke(main, ["check", str(plan), "--annotate", "--out", str(out), "--force", "--select", "jargon"])
    assert forced.exit_code in (0, 1), forced.output
    misuse = runner.invoke(main, ["check", str(plan), "--suggest"])
    assert misuse.exit_code == 2 and "go with --annotate" in misuse.output


@pytest.mark.slow
def test_libreoffice_opens_the_annotated_copy(plan, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    document = read_docx(str(plan))
    cell = next(b for b in document.blocks if b.text.startswith("Contact"))
    risk = next(b for b in document.blocks if "risk" in b.text)
    s = risk.text.index("putting")
    result = result_for(plan, [finding(cell, 0, 7, suggestion="family time"),
                               finding(risk, s, risk.text.index("risk") + 4)], document)
    target = tmp_path / "annotated.docx"
    from plainplan.config import Config
    from plainplan.run import Session

    annotate(result, str(target), suggest=True, rules=Session(Config()).rules)
    profile = (tmp_path / "lo-profile").as_uri()
    for fmt in ("pdf", "odt"):
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
                        "--outdir", str(tmp_path / "lo"), str(target)], check=True, capture_output=True, timeout=180)
    assert (tmp_path / "lo" / "annotated.pdf").stat().st_size > 1000
    with zipfile.ZipFile(tmp_path / "lo" / "annotated.odt") as z:
        content = z.read("content.xml").decode("utf-8")
    # LibreOffice read every comment (ours and the earlier one) and the tracked change.
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == 4
    assert content.count(">plainplan<") >= 3
    assert "<text:changed-region" in content
