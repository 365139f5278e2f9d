"""The HTML report (`plainplan check --format html`): one self-contained file per document.

It shows the document's text as it was checked, with each finding highlighted in its
category's colour and a note beside it (what, what to write instead, why); filters by
category and severity; and a summary: reading age against the target, the child's
voice, strengths against worries, and a goals table with S/M/A/R/T/W ticks.

Self-contained means no network at all: CSS and script are inlined from assets/, the
page uses the system font, and a Content-Security-Policy forbids fetching anything.
Built from the same records as every other format (records.file_records).
"""
from __future__ import annotations

import re
from html import escape
from importlib import resources
from pathlib import Path

from ..results import CATEGORIES, SEVERITIES
from .records import LETTER_NAMES, LETTERS, file_records, goal_letters, place

DEFAULT_READING_AGE = 11.0
TICK, CROSS, DASH = "\u2713", "\u2717", "\u2014"
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


# -- entry points -------------------------------------------------------------------
def render(results: list, config=None, **_options) -> str:
    """One page: the document's report, or every document's one after another."""
    records = file_records(results)
    target = _target(config)
    sections = [document_section(record, target, f"d{i + 1}") for i, record in enumerate(records)]
    title = records[0]["path"] if len(records) == 1 else f"plainplan: {len(records)} documents"
    contents = contents_list(records, [f"#d{i + 1}" for i in range(len(records))]) if len(records) > 1 else ""
    return page(title, records, contents + "".join(sections))


def render_files(results: list, output: str, config=None, **_options) -> dict:
    """{path: page} for `-o FILE`: the report itself, or, for several documents, an index
    at FILE and one page per document in the folder FILE's name + "-documents"."""
    if len(results) <= 1:
        return {output: render(results, config=config)}
    out = Path(output)
    folder = out.with_name(out.stem + "-documents")
    records = file_records(results)
    target = _target(config)
    pages, links = {}, []
    for i, (result, record) in enumerate(zip(results, records)):
        name = f"{i + 1:03d}-{_safe_name(record['path'])}.html"
        pages[str(folder / name)] = page(record["path"], [record], document_section(record, target, "d1"))
        links.append(f"{folder.name}/{name}")
    pages[str(out)] = page(f"plainplan: {len(records)} documents", records, contents_list(records, links),
                           filters=False)
    return pages


def render_document(record: dict, target_age: float = DEFAULT_READING_AGE) -> str:
    """One document's page from its record (FileResult.to_json() plus "blocks")."""
    return page(record["path"], [record], document_section(record, target_age, "d1"))


# -- the page -------------------------------------------------------------------------
def page(title: str, records: list, body: str, filters: bool = True) -> str:
    css = _asset("report.css")
    script = _asset("report.js") if filters else ""
    bar = filter_bar(records) if filters else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"plainplan\">\n"
        f"<title>{escape(title)} \u2014 plainplan report</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        f"{bar}<main>\n{body}</main>\n"
        + (f"<script>\n{script}</script>\n" if script else "")
        + "</body>\n</html>\n"
    )


def filter_bar(records: list) -> str:
    counts = summary_counts(records)
    cats = "".join(
        f"<label><input type=\"checkbox\" name=\"category\" value=\"{c}\" checked>"
        f"<span class=\"chip cat-{c}\"></span>{c} ({counts['category'][c]})</label>"
        for c in CATEGORIES if counts["category"].get(c))
    sevs = "".join(
        f"<label><input type=\"checkbox\" name=\"severity\" value=\"{s}\" checked>{s} ({counts['severity'][s]})</label>"
        for s in reversed(SEVERITIES) if counts["severity"].get(s))
    if not cats:
        return "<nav class=\"filters\"><span class=\"shown\">no findings</span></nav>\n"
    return ("<nav class=\"filters\" aria-label=\"Filters\">"
            f"<fieldset><legend>Category</legend>{cats}</fieldset>"
            f"<fieldset><legend>Severity</legend>{sevs}</fieldset>"
            "<span class=\"shown\" aria-live=\"polite\"></span></nav>\n")


def summary_counts(records: list) -> dict:
    category, severity = {}, {}
    for record in records:
        for f in record["findings"]:
            category[f["category"]] = category.get(f["category"], 0) + 1
            severity[f["severity"]] = severity.get(f["severity"], 0) + 1
    return {"category": category, "severity": severity}


def contents_list(records: list, links: list) -> str:
    rows = []
    for record, link in zip(records, links):
        stats = record.get("stats") or {}
        if record.get("error"):
            rows.append(f"<tr><td><a href=\"{escape(link)}\">{escape(record['path'])}</a></td>"
                        f"<td colspan=\"5\" class=\"bad\">could not be read: {escape(record['error']['message'])}</td></tr>")
            continue
        goals = record.get("goals") or []
        smart = sum(1 for g in goals if g.get("smart"))
        rows.append(
            f"<tr><td><a href=\"{escape(link)}\">{escape(record['path'])}</a></td>"
            f"<td>{stats.get('words', '')}</td><td>{_number(stats.get('reading_age'))}</td>"
            f"<td>{len(record['findings'])}</td><td>{_voice_word(stats)}</td>"
            f"<td>{smart} of {len(goals)}</td></tr>")
    errors = sum(1 for r in records if r.get("error"))
    findings = sum(len(r["findings"]) for r in records)
    return ("<section class=\"document contents\"><h1>plainplan report</h1>"
            f"<p class=\"muted\">{len(records)} documents, {findings} findings"
            + (f", {errors} could not be read" if errors else "") + "</p>"
            "<table class=\"goals\"><thead><tr><th>document</th><th>words</th><th>reading age</th>"
            "<th>findings</th><th>child's voice</th><th>SMART goals</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table></section>\n")


# -- one document ---------------------------------------------------------------------
def document_section(record: dict, target: float, prefix: str) -> str:
    path = escape(record["path"])
    if record.get("error"):
        return (f"<section class=\"document error\" id=\"{prefix}\"><h1>{path}</h1>"
                f"<p class=\"bad\">This document could not be read: {escape(record['error']['message'])}</p></section>\n")
    numbers = _numbers(record, prefix)
    stats = record.get("stats") or {}
    head = (f"<h1>{path}</h1><p class=\"muted\">{escape(str(record.get('format') or ''))} \u00b7 "
            f"{stats.get('words', 0)} words \u00b7 {len(record['findings'])} findings</p>")
    return (f"<section class=\"document\" id=\"{prefix}\" data-path=\"{path}\">{head}"
            f"{summary_cards(record, target)}"
            f"{document_findings(record, numbers)}"
            f"{goals_table(record)}"
            f"<h2 class=\"section-title\">The document</h2>{document_rows(record, numbers)}</section>\n")


def _numbers(record: dict, prefix: str) -> dict:
    """Finding index -> (note id, number shown beside the mark and the note)."""
    return {i: (f"{prefix}-f{i + 1}", i + 1) for i in range(len(record["findings"]))}


def summary_cards(record: dict, target: float) -> str:
    stats = record.get("stats") or {}
    cards = [reading_card(stats, target), voice_card(record), balance_card(stats), category_card(record)]
    return "<div class=\"cards\">" + "".join(cards) + "</div>"


def reading_card(stats: dict, target: float) -> str:
    age = stats.get("reading_age")
    if age is None:
        body = "<div class=\"big muted\">not measured</div>"
    else:
        over = age - target
        verdict = ("<span class=\"ok\">at or below the target</span>" if over <= 0
                   else f"<span class=\"{'bad' if over > 2 else 'warn'}\">{_number(over)} years above the target</span>")
        body = f"<div class=\"big\">{_number(age)}</div><div>target {_number(target)}: {verdict}</div>"
    return f"<div class=\"card reading\"><h3>Reading age</h3>{body}</div>"


def voice_card(record: dict) -> str:
    stats = record.get("stats") or {}
    count = stats.get("child_voice")
    missing = [f for f in record["findings"] if f["category"] == "child-voice" and f["scope"] == "document"]
    if count is None and not missing:
        body = "<div class=\"big muted\">not checked</div>"
    elif missing or not count:
        body = "<div class=\"big bad\">missing</div><div>No words, wishes or feelings of the child were found.</div>"
    else:
        body = f"<div class=\"big ok\">found</div><div>{count} instance{'s' if count != 1 else ''}</div>"
    instances = voice_instances(record)
    if instances:
        body += "<ul>" + "".join(f"<li>{escape(text)}</li>" for text in instances) + "</ul>"
    return f"<div class=\"card voice\"><h3>Child's voice</h3>{body}</div>"


def voice_instances(record: dict) -> list:
    """The child's words the plan checks found, where they report them: a list under
    record["child_voice"] or stats["child_voice_instances"] of texts, {"text"} or
    {"block", "start", "end"} objects, or [block, start, end] triples."""
    stats = record.get("stats") or {}
    found = record.get("child_voice") or stats.get("child_voice_instances") or []
    blocks = record.get("blocks") or []
    out = []
    for item in found if isinstance(found, list) else []:
        if isinstance(item, dict):
            span = (item.get("block"), item.get("start"), item.get("end"))
            text = item.get("text")
        elif isinstance(item, (list, tuple)) and len(item) == 3:
            span, text = tuple(item), None
        else:
            span, text = (None, None, None), item
        block, start, end = span
        if not text and isinstance(block, int) and 0 <= block < len(blocks):
            text = blocks[block]["text"][start:end]
        if text:
            out.append(" ".join(str(text).split()))
    return out


def balance_card(stats: dict) -> str:
    strengths, worries = stats.get("strengths"), stats.get("worries")
    if strengths is None and worries is None:
        return "<div class=\"card balance\"><h3>Strengths and worries</h3><div class=\"big muted\">not checked</div></div>"
    strengths, worries = strengths or 0, worries or 0
    most = max(strengths, worries, 1)
    bars = (f"<div>strengths {strengths}</div><div class=\"bar\"><span class=\"strengths\" style=\"width:{100 * strengths / most:.0f}%\"></span></div>"
            f"<div>worries {worries}</div><div class=\"bar\"><span class=\"worries\" style=\"width:{100 * worries / most:.0f}%\"></span></div>")
    return f"<div class=\"card balance\"><h3>Strengths and worries</h3>{bars}</div>"


def category_card(record: dict) -> str:
    counts = {}
    for f in record["findings"]:
        counts[f["category"]] = counts.get(f["category"], 0) + 1
    if not counts:
        return "<div class=\"card categories\"><h3>Findings</h3><div class=\"big ok\">none</div></div>"
    items = "".join(f"<li><span class=\"chip cat-{c}\"></span>{c}: {counts[c]}</li>" for c in CATEGORIES if c in counts)
    return f"<div class=\"card categories\"><h3>Findings</h3><ul>{items}</ul></div>"


def document_findings(record: dict, numbers: dict) -> str:
    notes = [note(f, numbers[i], whole=True) for i, f in enumerate(record["findings"])
             if f["location"].get("block") is None]
    if not notes:
        return ""
    return ("<h2 class=\"section-title\">About the whole document</h2><div class=\"notes whole\">"
            + "".join(notes) + "</div>")


def goals_table(record: dict) -> str:
    goals = record.get("goals") or []
    if not goals:
        return ""
    head = "".join(f"<th class=\"letter\" title=\"{LETTER_NAMES[l]}\">{l}</th>" for l in LETTERS)
    rows = []
    for i, goal in enumerate(goals):
        letters = goal_letters(goal)
        cells = "".join(
            f"<td class=\"letter {'yes' if ok else 'no'}\" title=\"{LETTER_NAMES[l]}: {'yes' if ok else 'missing'}\">"
            f"{TICK if ok else CROSS}</td>" for l, ok in letters.items())
        rows.append(f"<tr><td>{i + 1}</td><td>{escape(goal.get('text') or '')}{goal_links(goal)}</td>{cells}"
                    f"<td>{escape(str(goal.get('who') or DASH))}</td><td>{escape(str(goal.get('when') or DASH))}</td>"
                    f"<td class=\"muted\">{escape(place(goal.get('location') or {}))}</td></tr>")
    smart = sum(1 for g in goals if g.get("smart"))
    return (f"<h2 class=\"section-title\">Goals ({smart} of {len(goals)} SMART)</h2>"
            "<table class=\"goals\"><thead><tr><th>#</th><th>goal</th>" + head
            + "<th>who</th><th>by when</th><th>where</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def goal_links(goal: dict) -> str:
    """The worries a goal answers and the strengths it builds on (analysis/links.py), under its text."""
    out = []
    for key, label in (("worries", "Answers the worries"), ("strengths", "Builds on")):
        found = goal.get(key) or []
        if found:
            items = "".join(f"<li>{escape(str(x))}</li>" for x in found)
            out.append(f"<div class=\"muted links {key}\">{label}:<ul>{items}</ul></div>")
    return "".join(out)


# -- the document text ----------------------------------------------------------------
def document_rows(record: dict, numbers: dict) -> str:
    blocks = record.get("blocks") or []
    if not blocks:
        return "<p class=\"empty\">The document's text was not kept with these results.</p>"
    by_block = {}
    for i, f in enumerate(record["findings"]):
        block = f["location"].get("block")
        if block is not None:
            by_block.setdefault(block, []).append(i)
    out, i = [], 0
    while i < len(blocks):
        loc = blocks[i]["location"]
        if loc.get("table") is not None:
            j = i
            while (j < len(blocks) and blocks[j]["location"].get("table") == loc["table"]
                   and blocks[j]["location"].get("part") == loc.get("part")):
                j += 1
            group = list(range(i, j))
            text = table_html(blocks, group, record, by_block, numbers)
        else:
            group = [i]
            text = block_html(blocks[i], record, by_block.get(i, []), numbers)
        ids = [k for b in group for k in by_block.get(b, [])]
        notes = "".join(note(record["findings"][k], numbers[k]) for k in ids)
        flagged = any(record["findings"][k]["scope"] != "span" for k in ids)
        out.append(f"<div class=\"row{' flagged' if flagged else ''}\" data-block=\"{group[0]}\">"
                   f"<div class=\"text\">{text}</div><aside class=\"notes\">{notes}</aside></div>")
        i = group[-1] + 1
    return "<div class=\"rows\">" + "".join(out) + "</div>"


def block_html(block: dict, record: dict, ids: list, numbers: dict) -> str:
    loc = block["location"]
    inner = highlighted(block["text"], [(k, record["findings"][k]) for k in ids], numbers)
    kind = loc.get("kind")
    part = f"<div class=\"part\">{escape(loc['part'])}</div>" if loc.get("part") not in (None, "body") else ""
    if kind == "heading":
        level = min(len(loc.get("heading") or []) + 2, 6)
        return f"{part}<h{level}>{inner}</h{level}>"
    if kind == "list-item":
        return f"{part}<p class=\"li\">{inner}</p>"
    if kind == "quote":
        return f"{part}<blockquote>{inner}</blockquote>"
    return f"{part}<p>{inner}</p>"


def table_html(blocks: list, group: list, record: dict, by_block: dict, numbers: dict) -> str:
    rows = {}
    for b in group:
        rows.setdefault(blocks[b]["location"].get("row") or 0, []).append(b)
    out = []
    for row in sorted(rows):
        cells = "".join(
            f"<td>{highlighted(blocks[b]['text'], [(k, record['findings'][k]) for k in by_block.get(b, [])], numbers)}</td>"
            for b in sorted(rows[row], key=lambda b: blocks[b]["location"].get("col") or 0))
        out.append(f"<tr class=\"r{row}\">{cells}</tr>")
    loc = blocks[group[0]]["location"]
    part = f"<div class=\"part\">{escape(loc['part'])}</div>" if loc.get("part") not in (None, "body") else ""
    return f"{part}<table class=\"doc-table\">{''.join(out)}</table>"


def highlighted(text: str, findings: list, numbers: dict) -> str:
    """The block text with one <mark class="hl"> per span finding.

    Marks nest where findings nest. Where two findings only partly overlap, the inner
    one is closed at the outer one's end and carried on in a `hl-cont` mark, so the
    page still has exactly one `hl` mark (and one number) per finding.
    """
    spans = []
    for k, f in findings:
        s, e = f["location"].get("start"), f["location"].get("end")
        if f["scope"] == "span" and s is not None and e is not None and 0 <= s < e <= len(text):
            spans.append((s, e, k, f))
    if not spans:
        return _text(text)
    spans.sort(key=lambda x: (x[0], -x[1], x[2]))
    bounds = sorted({0, len(text), *[s for s, _, _, _ in spans], *[e for _, e, _, _ in spans]})
    starting = {}
    for span in spans:
        starting.setdefault(span[0], []).append(span)
    out, stack = [], []
    for a, b in zip(bounds, bounds[1:]):
        # Close what ends here; re-open, as continuations, what had to close with it.
        if any(span[1] <= a for span in stack):
            reopen = []
            while any(span[1] <= a for span in stack):
                span = stack.pop()
                out.append("</mark>")
                if span[1] > a:
                    reopen.append(span)
            for span in reversed(reopen):
                out.append(_open(span, numbers, first=False))
                stack.append(span)
        for span in starting.get(a, []):
            out.append(_open(span, numbers, first=True))
            stack.append(span)
        out.append(_text(text[a:b]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def _open(span, numbers: dict, first: bool) -> str:
    _, _, k, f = span
    note_id, n = numbers[k]
    cls = "hl" if first else "hl-cont"
    title = escape(f["message"] + (f" Try: {f['suggestion']}." if f.get("suggestion") else ""))
    extra = f" data-n=\"{n}\" title=\"{title}\"" if first else ""
    return (f"<mark class=\"{cls} cat-{f['category']}\" data-finding=\"{note_id}\" "
            f"data-category=\"{f['category']}\" data-severity=\"{f['severity']}\"{extra}>")


def note(f: dict, number: tuple, whole: bool = False) -> str:
    note_id, n = number
    quoted = f" \u201c{escape(f['text'])}\u201d" if f.get("text") and f["scope"] == "span" else ""
    parts = [f"<div class=\"head\"><span class=\"n\">{n}</span>{escape(f['category'])}{quoted}"
             f"<span class=\"sev sev-{f['severity']}\">{f['severity']}</span></div>",
             f"<div class=\"msg\">{escape(f['message'])}</div>"]
    if f.get("suggestion"):
        parts.append(f"<div class=\"try\"><b>Try:</b> {escape(f['suggestion'])}</div>")
    goal = f.get("goal") or {}
    if goal.get("missing"):
        missing = ", ".join(f"{l} ({LETTER_NAMES.get(l, l)})" for l in goal["missing"])
        parts.append(f"<div class=\"try\">Missing: {escape(missing)}</div>")
    if f.get("why"):
        parts.append(f"<div class=\"why\">{escape(f['why'])}</div>")
    rule = escape(f["rule"])
    if f.get("link"):
        rule = f"<a href=\"{escape(f['link'])}\" rel=\"noreferrer\">{rule}</a>"
    parts.append(f"<div class=\"rule\">{rule}</div>")
    classes = f"note cat-{f['category']}" + (" doc-finding" if whole else "")
    return (f"<div class=\"{classes}\" id=\"{note_id}\" data-category=\"{f['category']}\" "
            f"data-severity=\"{f['severity']}\" data-scope=\"{f['scope']}\">" + "".join(parts) + "</div>")


# -- small helpers ---------------------------------------------------------------------
def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _number(value) -> str:
    if value is None or value == "":
        return DASH
    return f"{value:.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _voice_word(stats: dict) -> str:
    count = stats.get("child_voice")
    if count is None:
        return DASH
    return f"found ({count})" if count else "missing"


def _target(config) -> float:
    return float(getattr(config, "reading_age", None) or DEFAULT_READING_AGE)


def _safe_name(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", Path(path).name)[:80] or "document"


def _asset(name: str) -> str:
    return resources.files("plainplan.report").joinpath("assets", name).read_text(encoding="utf-8")
