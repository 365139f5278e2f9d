"""The audit dashboard: report.html, one self-contained page (no scripts, fonts or images from anywhere).

Totals, charts (see charts.py), the most frequent jargon and acronyms, the documents that
most need attention (linked to their own HTML reports when those were written), and the
documents that could not be read. Built from the saved records only.
"""
from __future__ import annotations

import html
from collections import Counter
from datetime import datetime, timezone
from statistics import median

from .. import __version__
from ..results import CATEGORIES, SEVERITY_RANK
from . import charts
from .tables import LETTERS, goal_letters, voice_found

TOP_TERMS = 20
TOP_DOCUMENTS = 25
# How much a finding weighs when ranking documents that need attention.
WEIGHT = {"error": 3.0, "warning": 1.0, "info": 0.25}
DOCUMENT_LEVEL_WEIGHT = 3.0   # child's voice missing, strengths and worries out of balance...


def _e(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def attention_score(result: dict) -> float:
    score = 0.0
    for finding in result.get("findings") or []:
        weight = WEIGHT.get(finding.get("severity"), 1.0)
        if finding.get("scope") == "document":
            weight = max(weight, DOCUMENT_LEVEL_WEIGHT)
        score += weight
    return round(score, 2)


def gather(records: list, config) -> dict:
    """Every figure the page shows, in one dict (also handy for tests)."""
    ok = [r for r in records if not r["result"].get("error")]
    results = [r["result"] for r in ok]
    ages = [r["stats"]["reading_age"] for r in results
            if isinstance((r.get("stats") or {}).get("reading_age"), (int, float))]
    voices = [voice_found(r) for r in results]
    goals = [g for r in results for g in r.get("goals") or []]
    missing = Counter()
    for goal in goals:
        letters = goal_letters(goal)
        missing.update(letter for letter in LETTERS if not letters[letter])
    by_category = Counter(f["category"] for r in results for f in r.get("findings") or [])
    terms = {category: Counter() for category in ("jargon", "acronym")}
    term_documents = {category: {} for category in terms}
    for record in ok:
        for finding in record["result"].get("findings") or []:
            category = finding.get("category")
            if category in terms and finding.get("scope") == "span" and finding.get("text"):
                word = finding["text"] if category == "acronym" else " ".join(finding["text"].lower().split())
                terms[category][word] += 1
                term_documents[category].setdefault(word, set()).add(record["path"])
    balance = [(r["stats"]["strengths"], r["stats"]["worries"]) for r in results
               if isinstance((r.get("stats") or {}).get("strengths"), int)
               and isinstance((r.get("stats") or {}).get("worries"), int)]
    attention = sorted(((attention_score(r["result"]), r) for r in ok), key=lambda pair: (-pair[0], pair[1]["path"]))
    return {
        "documents": len(records),
        "checked": len(ok),
        "errors": [r for r in records if r["result"].get("error")],
        "words": sum((r.get("stats") or {}).get("words") or 0 for r in results),
        "findings": sum(len(r.get("findings") or []) for r in results),
        "by_category": by_category,
        "by_severity": Counter(f["severity"] for r in results for f in r.get("findings") or []),
        "ages": ages,
        "target": float(getattr(config, "reading_age", 11.0)),
        "ratio": float(getattr(config, "balance_ratio", 3.0)),
        "voice": Counter("found" if v else "missing" if v is False else "not checked" for v in voices),
        "goals": len(goals),
        "smart_goals": sum(1 for g in goals if g.get("smart")),
        "missing_letters": missing,
        "terms": {c: [(w, n, len(term_documents[c][w])) for w, n in counter.most_common(TOP_TERMS)]
                  for c, counter in terms.items()},
        "balance": balance,
        "attention": [(score, r) for score, r in attention if score > 0][:TOP_DOCUMENTS],
    }


def render_dashboard(outcome, config, redact: bool = False) -> str:
    data = gather(outcome.records, config)
    not_done = outcome.total - len(outcome.records)
    parts = [_head(), "<body>", "<header><h1>plainplan audit</h1>",
             f"<p class=meta>{_e(_now())} · plainplan {_e(__version__)}"
             f"{' · redacted: no document text' if redact else ''}</p>"]
    if not_done:
        parts.append(f"<p class=warn role=status>This audit is not finished: {not_done} of {outcome.total} documents "
                     f"have not been checked yet. Run it again with <code>--resume</code> to carry on.</p>")
    parts.append("</header><main>")
    parts.append(_totals(data))
    parts.append(_charts(data))
    parts.append(_terms(data))
    parts.append(_attention(data))
    parts.append(_errors(data))
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().strftime("%d %B %Y, %H:%M")


def _head() -> str:
    return """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>plainplan audit</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;color:#1f2933;
 margin:0;background:#f5f7fa;line-height:1.4}
header{background:#1f2933;color:#fff;padding:1rem 2rem}
header h1{margin:0;font-size:1.5rem}
.meta{margin:.2rem 0 0;color:#cbd2d9;font-size:.9rem}
.warn{background:#fffbea;color:#8d2b0b;border-left:4px solid #c05621;padding:.5rem 1rem;margin:.8rem 0 0}
main{padding:1rem 2rem;max-width:1200px}
section{background:#fff;border:1px solid #e4e7eb;border-radius:6px;padding:1rem 1.2rem;margin:1rem 0;
 break-inside:avoid}
h2{font-size:1.15rem;margin:.2rem 0 .8rem}
.totals{display:flex;flex-wrap:wrap;gap:.8rem;margin:0;padding:0;list-style:none}
.totals li{background:#fff;border:1px solid #e4e7eb;border-radius:6px;padding:.6rem 1rem;min-width:8.5rem}
.totals b{display:block;font-size:1.5rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:1rem}
.grid section{margin:0}
svg.chart{max-width:100%;height:auto}
.note{color:#52606d;font-size:.9rem;margin:.4rem 0 0}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e4e7eb;vertical-align:top}
th{background:#f5f7fa}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.empty{color:#52606d;font-style:italic}
@media print{body{background:#fff}header{background:#fff;color:#000}.meta{color:#333}
 section{border:none;padding:0}.grid{display:block}}
</style></head>"""


def _totals(data: dict) -> str:
    ages = data["ages"]
    voice = data["voice"]
    judged = voice["found"] + voice["missing"]
    items = [
        ("documents", data["documents"]),
        ("could not be read", len(data["errors"])),
        ("words", f"{data['words']:,}"),
        ("findings", f"{data['findings']:,}"),
        ("median reading age", f"{median(ages):.1f}" if ages else "–"),
        ("with the child's voice", f"{voice['found'] / judged:.0%}" if judged else "–"),
        ("goals that are SMART", f"{data['smart_goals'] / data['goals']:.0%}" if data["goals"] else "–"),
    ]
    cells = "".join(f"<li><b>{_e(value)}</b>{_e(label)}</li>" for label, value in items)
    return f'<section aria-label="totals"><h2>Totals</h2><ul class=totals>{cells}</ul></section>'


def _figure(title: str, svg: str, note: str) -> str:
    return f"<section><h2>{_e(title)}</h2>{svg}<p class=note>{_e(note)}</p></section>"


def _empty(title: str, text: str) -> str:
    return f"<section><h2>{_e(title)}</h2><p class=empty>{_e(text)}</p></section>"


def _charts(data: dict) -> str:
    out = ['<div class="grid">']
    ages, target = data["ages"], data["target"]
    if ages:
        above = sum(1 for a in ages if a > target)
        out.append(_figure("Reading age", charts.reading_age_chart(ages, target),
                           f"{above} of {len(ages)} documents have a reading age above the target of {target:g}: their families may struggle to read them."))
    else:
        out.append(_empty("Reading age", "No reading ages were worked out in this audit."))
    voice = data["voice"]
    if voice["found"] + voice["missing"]:
        out.append(_figure("The child's voice", charts.share_chart(
            "voice", "Share of documents with the child's own words",
            [("found", voice["found"], charts.PALETTE["good"]), ("missing", voice["missing"], charts.PALETTE["bad"])]),
            f"{voice['found']} documents hold the child's own words or views; {voice['missing']} do not."))
    else:
        out.append(_empty("The child's voice", "The child's voice was not checked in this audit."))
    if data["goals"]:
        smart, total = data["smart_goals"], data["goals"]
        out.append(_figure("SMART goals", charts.share_chart(
            "smart", "Share of goals that are SMART",
            [("SMART", smart, charts.PALETTE["good"]), ("not SMART", total - smart, charts.PALETTE["worry"])]),
            f"{smart} of {total} goals are specific, measurable, achievable, relevant, time-bound and name who."))
        missing = data["missing_letters"]
        names = {"S": "S specific", "M": "M measurable", "A": "A achievable", "R": "R relevant",
                 "T": "T time-bound", "W": "W who"}
        out.append(_figure("What goals most often miss", charts.bar_chart(
            "letters", "Goals missing each SMART letter", [names[letter] for letter in LETTERS],
            [missing[letter] for letter in LETTERS], colour=charts.PALETTE["worry"], xlabel="goals"),
            _most_missing(missing)))
    else:
        out.append(_empty("SMART goals", "No goals were found in the documents checked."))
    categories = [c for c in CATEGORIES if data["by_category"].get(c)]
    if categories:
        out.append(_figure("Findings by category", charts.bar_chart(
            "categories", "Findings in each category", categories,
            [data["by_category"][c] for c in categories], xlabel="findings"),
            f"{data['findings']} findings in all: " + ", ".join(
                _count(data['by_severity'][s], s) for s in sorted(data["by_severity"], key=SEVERITY_RANK.get,
                                                                 reverse=True)) + "."))
    else:
        out.append(_empty("Findings by category", "No findings."))
    if data["balance"]:
        ratio = data["ratio"]
        off = sum(1 for s, w in data["balance"] if (s == 0 and w > 0) or (s > 0 and w / s > ratio))
        out.append(_figure("Strengths and worries", charts.balance_chart(data["balance"], ratio),
                           f"{off} of {len(data['balance'])} documents have more than {ratio:g} worries to each "
                           f"strength, or no strengths at all."))
    else:
        out.append(_empty("Strengths and worries", "Strengths and worries were not counted in this audit."))
    out.append("</div>")
    return "\n".join(out)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _most_missing(missing: Counter) -> str:
    if not missing:
        return "Every goal has all six."
    letter, count = missing.most_common(1)[0]
    return f"The letter most often missing is {letter} ({count} goals)."


def _terms(data: dict) -> str:
    out = ['<div class="grid">']
    for category, title, word in (("jargon", "Most frequent jargon", "word"),
                                  ("acronym", "Most frequent acronyms", "acronym")):
        rows = data["terms"][category]
        if not rows:
            out.append(_empty(title, f"No {category} found."))
            continue
        body = "".join(f"<tr><td>{_e(w)}</td><td class=n>{n}</td><td class=n>{d}</td></tr>" for w, n, d in rows)
        out.append(f"<section><h2>{_e(title)}</h2><table><thead><tr><th scope=col>{word}</th>"
                   f"<th scope=col class=n>times</th><th scope=col class=n>documents</th></tr></thead>"
                   f"<tbody>{body}</tbody></table></section>")
    out.append("</div>")
    return "\n".join(out)


def _attention(data: dict) -> str:
    title = "Documents that most need attention"
    if not data["attention"]:
        return _empty(title, "No document has findings.")
    rows = []
    for score, record in data["attention"]:
        result = record["result"]
        stats = result.get("stats") or {}
        name = _e(record["path"])
        if record.get("report"):
            name = f'<a href="{_e(record["report"])}">{name}</a>'
        goals = result.get("goals") or []
        voice = voice_found(result)
        age = stats.get("reading_age")
        rows.append(
            f"<tr><td>{name}</td><td class=n>{score:g}</td><td class=n>{len(result.get('findings') or [])}</td>"
            f"<td class=n>{_e(f'{age:.1f}' if isinstance(age, (int, float)) else '–')}</td>"
            f"<td>{'yes' if voice else 'no' if voice is False else '–'}</td>"
            f"<td class=n>{sum(1 for g in goals if not g.get('smart'))} of {len(goals)}</td></tr>")
    return (f"<section><h2>{_e(title)}</h2><table><thead><tr><th scope=col>document</th>"
            f"<th scope=col class=n>score</th><th scope=col class=n>findings</th><th scope=col class=n>reading age</th>"
            f"<th scope=col>child's voice</th><th scope=col class=n>goals not SMART</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            f"<p class=note>Score: each error counts 3, each warning 1, each note 0.25; a document-level finding "
            f"(the child's voice missing, strengths and worries out of balance) counts at least 3.</p></section>")


def _errors(data: dict) -> str:
    title = "Documents that could not be read"
    if not data["errors"]:
        return f"<section><h2>{_e(title)}</h2><p class=empty>None: every document was read.</p></section>"
    rows = "".join(
        f"<tr><td>{_e(r['path'])}</td><td>{_e(r['result']['error'].get('code'))}</td>"
        f"<td>{_e(r['result']['error'].get('message'))}</td></tr>" for r in data["errors"])
    return (f"<section><h2>{_e(title)} ({len(data['errors'])})</h2><table><thead><tr><th scope=col>document</th>"
            f"<th scope=col>reason</th><th scope=col>what to do</th></tr></thead><tbody>{rows}</tbody></table></section>")

