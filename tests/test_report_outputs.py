"""SARIF, GitHub annotations and the HTML report, all built from the same finished results.

Most tests use results made by hand (reporters take finished results, so they need
neither the model nor any particular rule); one runs the real pipeline end to end.
The browser test opens the HTML report in headless Chromium.
"""
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from plainplan.report import FORMATS, render, render_files
from plainplan.report.html import highlighted
from plainplan.results import FileResult, Finding

DATA = Path(__file__).resolve().parent / "data"
WHY = "Records are read by children and families."


def finding(rule, category, severity, block, start, end, text, loc, scope="span", suggestion=None, goal=None):
    location = {"block": block, "part": "body", "kind": "paragraph", "heading": [], "table": None,
                "row": None, "col": None, "line": None, "column": None,
                "start": start if scope in ("span", "goal") else None,
                "end": end if scope in ("span", "goal") else None, **loc}
    if block is None:
        location = {**location, "kind": "document", "part": None, "start": None, "end": None}
    return Finding(rule=rule, category=category, severity=severity,
                   message=f"'{text}' is a {category} problem." if text else f"A {category} problem.",
                   text=text, context=text or "", scope=scope, location=location, suggestion=suggestion,
                   why=WHY, source="TACT", link="https://example.org/guide", goal=goal)


def markdown_result():
    """A .md plan: a heading, a paragraph with nested and partly overlapping findings."""
    text = "Mum failed to engage with contact, and Sam put himself at risk."
    blocks = [
        {"text": "Plan: what happens next", "location": {"block": 0, "part": "body", "kind": "heading",
                                                         "heading": [], "line": 1, "column": 3}},
        {"text": text, "location": {"block": 1, "part": "body", "kind": "paragraph",
                                    "heading": ["Plan: what happens next"], "line": 3, "column": 1}},
    ]
    i = text.index
    findings = [
        finding("blame-failed-to-engage", "blame", "warning", 1, i("failed"), i("contact") + 7,
                "failed to engage with contact", {"line": 3, "column": 5}),
        finding("jargon-care", "jargon", "warning", 1, i("contact"), i("contact") + 7, "contact",
                {"line": 3, "column": 28}, suggestion="family time"),
        finding("jargon-engage", "jargon", "info", 1, i("engage"), i("engage") + 6, "engage",
                {"line": 3, "column": 18}, suggestion="work with"),
        # Partly overlaps the blame span: starts inside it and ends after it.
        finding("directive-with", "directive", "info", 1, i("contact"), i("Sam") - 2, "contact, and",
                {"line": 3, "column": 28}),
        finding("victim-put-self-at-risk", "victim-blaming", "error", 1, i("put"), i("risk") + 4,
                "put himself at risk", {"line": 3, "column": 44}, suggestion="adults are harming Sam"),
        finding("child-voice-missing", "child-voice", "warning", None, 0, 0, "", {}, scope="document"),
    ]
    return FileResult(path="plans/plan: one,two.md", format="md", findings=findings, blocks=blocks,
                      stats={"words": 17, "reading_age": 14.5, "strengths": 1, "worries": 4, "child_voice": 0},
                      goals=[{"text": "Mum to engage with services.", "smart": False, "missing": ["S", "M", "T"],
                              "who": "Mum", "when": None, "location": blocks[1]["location"]}])


def word_result():
    """A .docx plan: table cells (no lines), a goal finding and a header paragraph."""
    cell = {"part": "body", "kind": "table-cell", "heading": ["What needs to happen"], "table": 1, "line": None,
            "column": None}
    blocks = [
        {"text": "What needs to happen", "location": {"block": 0, "part": "body", "kind": "heading", "heading": []}},
        {"text": "Action", "location": {"block": 1, **cell, "row": 0, "col": 0}},
        {"text": "Who", "location": {"block": 2, **cell, "row": 0, "col": 1}},
        {"text": "Contact to be supervised by professionals.", "location": {"block": 3, **cell, "row": 1, "col": 0}},
        {"text": "Professionals", "location": {"block": 4, **cell, "row": 1, "col": 1}},
        {"text": "Case number 123 LAC", "location": {"block": 5, "part": "header", "kind": "paragraph", "heading": []}},
    ]
    findings = [
        finding("jargon-care", "jargon", "warning", 3, 0, 7, "Contact",
                {"kind": "table-cell", "heading": ["What needs to happen"], "table": 1, "row": 1, "col": 0},
                suggestion="Family time"),
        finding("smart-goal", "smart", "warning", 3, 0, 42, "Contact to be supervised by professionals.",
                {"kind": "table-cell", "heading": ["What needs to happen"], "table": 1, "row": 1, "col": 0},
                scope="goal", goal={"text": "Contact to be supervised by professionals.", "missing": ["T", "W"]}),
        finding("acronym-first-use", "acronym", "warning", 5, 16, 19, "LAC", {"part": "header"},
                suggestion="looked-after child"),
    ]
    return FileResult(path="plans/plan.docx", format="docx", findings=findings, blocks=blocks,
                      stats={"words": 14, "reading_age": 9.0, "strengths": 0, "worries": 1, "child_voice": 2},
                      goals=[{"text": "Contact to be supervised by professionals.", "smart": False,
                              "missing": ["T", "W"], "who": None, "when": None,
                              "location": blocks[3]["location"]}])


def broken_result():
    return FileResult(path="plans/old.doc", format="doc",
                      error={"code": "legacy-doc", "message": "plans/old.doc: is an old Word 97-2003 .doc file"})


@pytest.fixture(scope="module")
def results():
    return [markdown_result(), word_result(), broken_result()]


# -- SARIF ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sarif_schema():
    return json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_is_valid_against_the_official_schema(results, sarif_schema):
    log = json.loads(render("sarif", results))
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert len(run["results"]) == len(results[0].findings) + len(results[1].findings)
    # Rules come from the results, each once, and results point at them.
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids)) == len({f.rule for r in results for f in r.findings})
    for res in run["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
    blame = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "blame-failed-to-engage")
    assert blame["fullDescription"]["text"] == WHY
    assert blame["helpUri"] == "https://example.org/guide"


def test_sarif_levels_and_locations(results):
    run = json.loads(render("sarif", results))["runs"][0]
    by_rule = {}
    for res in run["results"]:
        by_rule.setdefault(res["ruleId"], []).append(res)
    risk = by_rule["victim-put-self-at-risk"][0]
    assert risk["level"] == "error"
    assert by_rule["jargon-engage"][0]["level"] == "note"
    region = risk["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 44, 44 + len("put himself at risk"))
    assert region["snippet"]["text"] == "put himself at risk"
    # A Word result has no lines: a logical location and the flagged words instead.
    word = [res for res in run["results"] if res["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 1]
    contact = next(res for res in word if res["ruleId"] == "jargon-care")
    loc = contact["locations"][0]
    assert "region" not in loc["physicalLocation"]
    assert loc["logicalLocations"][0]["fullyQualifiedName"] == "What needs to happen \u203a table 1 row 2 column 1"
    assert loc["properties"]["snippet"] == "Contact"
    header = next(res for res in word if res["ruleId"] == "acronym-first-use")
    assert header["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].startswith("header")
    # The unreadable file is an error notification, not a silent gap.
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith("plans/old.doc")


def test_sarif_from_the_real_pipeline_is_valid(session, sarif_schema, tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("# Plan\n\nEllie put herself at risk by going to the flat.\n", encoding="utf-8")
    result = session.check_path(str(path))
    log = json.loads(render("sarif", [result], rules=session.rules))
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    res = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "victim-put-self-at-risk")
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 7)
    rule = log["runs"][0]["tool"]["driver"]["rules"][res["ruleIndex"]]
    assert rule["name"] == "victim-blaming.put-self-at-risk"
    assert rule["defaultConfiguration"]["level"] == "error"


# -- GitHub annotations --------------------------------------------------------------
def test_github_annotations(results):
    lines = render("github", results).splitlines()
    assert len(lines) == len(results[0].findings) + len(results[1].findings) + 1
    risk = next(l for l in lines if "victim-put-self-at-risk" in l)
    # Commas and colons in the path are escaped so the runner reads the properties right.
    assert risk.startswith("::error file=plans/plan%3A one%2Ctwo.md,line=3,col=44,endColumn=63,")
    assert risk.endswith("::'put himself at risk' is a victim-blaming problem. Try: adults are harming Sam.")
    assert any(l.startswith("::notice ") and "jargon-engage" in l for l in lines)
    cell = next(l for l in lines if "plans/plan.docx" in l and "jargon-care" in l)
    assert "line=" not in cell
    assert "::What needs to happen \u203a table 1 row 2 column 1: 'Contact'" in cell
    assert lines[-1].startswith("::error file=plans/old.doc,")
    assert all(l.startswith("::") and "\n" not in l for l in lines)


def test_github_escapes_newlines_in_messages():
    from plainplan.report.github import command

    assert command("warning", {"file": "a.md"}, "one\ntwo 100%") == "::warning file=a.md::one%0Atwo 100%25"


# -- every format through -o -------------------------------------------------------
def test_cli_offers_every_registered_format():
    from plainplan.cli import check

    fmt = next(p for p in check.params if p.name == "fmt")
    assert set(fmt.type.choices) == set(FORMATS) >= {"text", "json", "sarif", "github", "html"}


def test_every_format_renders_the_same_results(results):
    for fmt in FORMATS:
        out = render(fmt, results, quiet=True)
        assert isinstance(out, str) and out.endswith("\n"), fmt


def test_cli_writes_sarif_and_html_with_o(tmp_path):
    from plainplan.cli import main

    doc = tmp_path / "plan.md"
    doc.write_text("# Plan\n\nEllie put herself at risk by going to the flat.\n", encoding="utf-8")
    runner = CliRunner()
    for fmt, name in (("sarif", "out.sarif"), ("html", "out.html")):
        res = runner.invoke(main, ["check", str(doc), "--format", fmt, "-o", str(tmp_path / name),
                                   "--select", "victim-blaming"])
        assert res.exit_code == 1, res.output
        assert (tmp_path / name).stat().st_size > 0
    assert json.loads((tmp_path / "out.sarif").read_text())["runs"][0]["results"]
    assert "put herself at risk" in (tmp_path / "out.html").read_text()


# -- HTML ----------------------------------------------------------------------------
def _marks(html_text):
    return re.findall(r'<mark class="(hl|hl-cont) [^"]*" data-finding="([^"]+)"', html_text)


def test_highlights_nest_and_partial_overlaps_keep_one_mark_each():
    result = markdown_result()
    text = result.blocks[1]["text"]
    findings = [(i, f.to_json()) for i, f in enumerate(result.findings)]
    numbers = {i: (f"f{i}", i + 1) for i in range(len(findings))}
    out = highlighted(text, findings, numbers)
    marks = _marks(out)
    firsts = [fid for cls, fid in marks if cls == "hl"]
    assert sorted(firsts) == ["f0", "f1", "f2", "f3", "f4"]   # every span finding once; not the document one
    assert ("hl-cont", "f3") in marks                          # the partial overlap carries on
    assert out.count("<mark") == out.count("</mark>")
    assert re.sub(r"<[^>]+>", "", out) == text                 # no text lost, none duplicated


def test_html_is_self_contained_and_escaped(results):
    page = render("html", results)
    assert not re.search(r"<(script|img|iframe)[^>]+src=|<link |@import|url\(", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "plans/plan: one,two.md" in page
    assert "<mark" in page and "Try:</b> family time" in page
    assert page.count('class="hl ') == sum(1 for r in results for f in r.findings if f.scope == "span")
    assert "could not be read" in page


def test_html_summary_shows_reading_age_voice_balance_and_goals():
    page = render("html", [markdown_result()])
    summary = page[page.index('<div class="cards">'):page.index("The document</h2>")]
    assert "14.5" in summary and "target 11" in summary and "3.5 years above the target" in summary
    assert "missing" in summary                       # child's voice
    assert "strengths 1" in summary and "worries 4" in summary
    goals = re.search(r"<table class=\"goals\">.*?</table>", summary, re.S).group(0)
    row = re.search(r"<tr><td>1</td>.*?</tr>", goals, re.S).group(0)
    letters = re.findall(r'class="letter (yes|no)"', row)
    assert letters == ["no", "no", "yes", "yes", "no", "yes"]   # S M A R T W with S, M, T missing


def test_html_lists_the_child_voice_instances():
    result = markdown_result()
    result.findings = [f for f in result.findings if f.category != "child-voice"]
    result.stats = {**result.stats, "child_voice": 1, "child_voice_instances": [[1, 0, 20]]}
    page = render("html", [result])
    card = page[page.index('<div class="card voice">'):]
    assert "found" in card[:200] and "<li>Mum failed to engage</li>" in card[:400]


def test_html_index_and_one_page_per_document(results, tmp_path):
    pages = render_files("html", results, str(tmp_path / "report.html"))
    index = pages.pop(str(tmp_path / "report.html"))
    assert len(pages) == 3
    for path, page in pages.items():
        assert Path(path).parent.name == "report-documents"
        assert f'href="report-documents/{Path(path).name}"' in index
    one = render_files("html", results[:1], str(tmp_path / "one.html"))
    assert list(one) == [str(tmp_path / "one.html")]


def test_html_of_the_real_pipeline_highlights_every_span_finding(session, tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("# Worries\n\nEllie put herself at risk.\n\n| Action | Who |\n|---|---|\n"
                    "| Contact with Dad on Tuesdays | Mum |\n", encoding="utf-8")
    result = session.check_path(str(path))
    page = render("html", [result], config=session.config)
    spans = [f for f in result.findings if f.scope == "span"]
    assert spans
    assert page.count('class="hl ') == len(spans)
    assert '<table class="doc-table">' in page


# -- in a real browser -----------------------------------------------------------------
def _chromium():
    for binary in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        if binary and os.path.exists(binary) and os.path.exists(driver):
            return binary, driver
    return None


@pytest.fixture(scope="module")
def browser():
    found = _chromium()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("headless Chromium is missing; .ci/run installs chromium and chromium-driver")
        pytest.skip("headless Chromium is not installed (apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    profile = tempfile.mkdtemp(prefix="plainplan-chromium-")
    # The machine has no internet: without the background-networking flags Chromium
    # waits on connections it will never make.
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,900", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(found[1]), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.browser
def test_html_report_in_headless_chromium(browser, tmp_path):
    from selenium.webdriver.common.by import By

    result = markdown_result()
    out = tmp_path / "report.html"
    out.write_text(render("html", [result]), encoding="utf-8")
    browser.get(out.as_uri())
    spans = [f for f in result.findings if f.scope == "span"]
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.hl")
    assert len(marks) == len(spans)
    notes = browser.find_elements(By.CSS_SELECTOR, ".note")
    assert len(notes) == len(result.findings) and all(n.is_displayed() for n in notes)
    shown = browser.find_element(By.CSS_SELECTOR, ".filters .shown")
    assert shown.text == f"showing {len(result.findings)} of {len(result.findings)} findings"
    browser.save_screenshot(str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 10_000

    # Untick "jargon": its notes disappear and its words lose their highlight; others stay.
    browser.find_element(By.CSS_SELECTOR, "input[name=category][value=jargon]").click()
    for n in browser.find_elements(By.CSS_SELECTOR, ".note"):
        assert n.is_displayed() == (n.get_attribute("data-category") != "jargon")
    for m in browser.find_elements(By.CSS_SELECTOR, "mark.hl"):
        plain = m.value_of_css_property("background-color") in ("rgba(0, 0, 0, 0)", "transparent")
        assert plain == (m.get_attribute("data-category") == "jargon")
    jargon = sum(1 for f in result.findings if f.category == "jargon")
    assert shown.text == f"showing {len(result.findings) - jargon} of {len(result.findings)} findings"

    # Untick severity "error" too: the victim-blaming (error) note goes as well.
    browser.find_element(By.CSS_SELECTOR, "input[name=severity][value=error]").click()
    visible = [n.get_attribute("data-category") for n in browser.find_elements(By.CSS_SELECTOR, ".note")
               if n.is_displayed()]
    assert "victim-blaming" not in visible and "blame" in visible and "jargon" not in visible

    browser.save_screenshot(str(tmp_path / "filtered.png"))

    # Ticking them again brings everything back; clicking a highlight marks its note.
    for box in ("input[name=category][value=jargon]", "input[name=severity][value=error]"):
        browser.find_element(By.CSS_SELECTOR, box).click()
    assert all(n.is_displayed() for n in browser.find_elements(By.CSS_SELECTOR, ".note"))
    mark = browser.find_element(By.CSS_SELECTOR, "mark.hl.cat-victim-blaming")
    mark.click()
    assert "current" in browser.find_element(By.ID, mark.get_attribute("data-finding")).get_attribute("class")
