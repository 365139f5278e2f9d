"""The annotated Word copy (`plainplan check plan.docx --annotate`).

Writes NAME.plainplan.docx beside the original (or into --out DIR) with a Word comment
on each finding, like a supervisor's review: anchored on exactly the flagged words (runs
are split at the edges, keeping their formatting), authored "plainplan", saying what,
what to write instead, why, and the rule id. Document-level findings, the reading age,
the child's voice, strengths and worries, the goals and anything in a part Word cannot
comment on (headers, footers, notes) go into one summary comment at the start. With
--suggest, plain alternatives from the glossary are also written as tracked changes.

The original is reopened only to place comments, through the Word reader's own walk
(plainplan.read.docx.walk), so block numbers and character offsets are exactly those
the findings were made on. It is never written to; the copy is written atomically and
an existing copy is only replaced with --force. Comments and tracked changes already in
the document are kept, and new ids start above the highest one in use.
"""
from __future__ import annotations

import copy
import os
import posixpath
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from .files import write_atomically
from .records import LETTER_NAMES, advice, file_records, place

SUFFIX = ".plainplan.docx"
AUTHOR, INITIALS = "plainplan", "PP"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_TYPES = {
    W_TRANSITIONAL: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
    "http://purl.oclc.org/ooxml/wordprocessingml/main": "http://purl.oclc.org/ooxml/officeDocument/relationships/comments",
}
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
# Suggestions from these kinds are plain words to put in place of the flagged ones; other
# kinds suggest how to rewrite a sentence, which is advice for a comment, not a swap.
SWAP_KINDS = ("terms", "acronym")
# Where a tracked change may stand: the containers a run may sit in directly.
RUN_PARENTS = ("p", "hyperlink", "sdtContent", "smartTag", "customXml", "fldSimple")


class AnnotateError(Exception):
    """An annotated copy that cannot be written; the message names the file and what to do."""


def annotated_path(path: str, out_dir=None) -> str:
    p = Path(path)
    name = (p.name[: -len(p.suffix)] if p.suffix else p.name) + SUFFIX
    return str(Path(out_dir) / name if out_dir else p.with_name(name))


def annotation_targets(paths: list, out_dir=None, force: bool = False) -> dict:
    """{document path: annotated copy path} for the Word documents among `paths`.

    Checked before any document is read, so a run never does the work and then refuses
    to write it: an existing copy without --force, or two documents that would write the
    same copy in --out, is an error naming the files.
    """
    from ..read import format_of

    targets, seen = {}, {}
    for path in paths:
        if format_of(path) != "docx":
            continue
        target = annotated_path(path, out_dir)
        key = os.path.normcase(os.path.abspath(target))
        if key in seen:
            raise AnnotateError(f"{seen[key]} and {path} would both be annotated as {target}; "
                                "annotate them separately or without --out")
        seen[key] = path
        if os.path.exists(target) and not force:
            raise AnnotateError(f"{target} already exists; use --force to replace it")
        targets[path] = target
    return targets


def annotate(result, target: str, suggest: bool = False, rules=(), config=None) -> dict:
    """Write the annotated copy of a checked Word document; returns what was placed."""
    from ..document import ReadError
    from ..read.docx import open_docx, walk

    record = file_records([result])[0]
    kinds = {rule.id: rule.kind for rule in rules or ()}
    target_age = float(getattr(config, "reading_age", None) or 11.0)
    try:
        with open_docx(result.path) as package:
            blocks = list(walk(package))
            _same_document(result, record, blocks)
            annotator = Annotator(package)
            placed = annotator.annotate(record, blocks, kinds if suggest else None, target_age)
            annotator.finish()
            with tempfile.TemporaryDirectory(prefix="plainplan-") as tmp:
                copy_path = os.path.join(tmp, "annotated.docx")
                package.save(copy_path)
                data = Path(copy_path).read_bytes()
    except ReadError as exc:
        raise AnnotateError(f"{result.path}: could not be reopened to annotate ({exc.message})") from None
    try:
        write_atomically(target, data)
    except OSError as exc:
        raise AnnotateError(f"{target}: could not be written ({exc.strerror or exc}); "
                            "check the folder exists and you can write to it") from None
    return placed


def _same_document(result, record: dict, blocks: list) -> None:
    checked = [b["text"] for b in record.get("blocks") or []]
    found = [block.text for block, _ in blocks]
    if checked and checked != found:
        raise AnnotateError(f"{result.path}: changed since it was checked; check it again")


# -- placing comments and tracked changes --------------------------------------------------
class Annotator:
    def __init__(self, package):
        self.package = package
        self.main = package.main_part
        self.root = package.xml(self.main)
        self.w = etree.QName(self.root).namespace or W_TRANSITIONAL
        self.date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.comments_part, self.comments = self._comments_part()
        self.next_id = self._max_id() + 1
        self.placed = {"comments": 0, "changes": 0, "summary": 0}

    def q(self, local: str) -> str:
        return f"{{{self.w}}}{local}"

    # -- the whole document ------------------------------------------------------------
    def annotate(self, record: dict, blocks: list, kinds, target_age: float) -> dict:
        pieces = {i: self._pieces(sources) for i, (_, sources) in enumerate(blocks)}
        texts = [block.text for block, _ in blocks]
        leftover = []
        for finding in record["findings"]:
            loc = finding["location"]
            index = loc.get("block")
            if index is None:
                continue
            block_pieces = pieces.get(index)
            if not block_pieces:       # a header, footer or note: Word cannot comment there
                leftover.append(finding)
                continue
            if finding["scope"] in ("span", "goal") and loc.get("start") is not None:
                start, end = loc["start"], loc["end"]
            else:
                start, end = block_pieces[0][1], block_pieces[-1][2]
            swap = None
            if kinds is not None and finding["scope"] == "span":
                swap = replacement(finding, kinds.get(finding["rule"]))
            if not self.comment(texts[index], block_pieces, start, end, comment_paragraphs(finding), swap):
                leftover.append(finding)
        self.summary(record, leftover, target_age)
        return self.placed

    def _pieces(self, sources) -> list:
        """Text pieces of a block Word can comment on (main document only), as mutable lists."""
        out = []
        for source in sources:
            if source.part != self.main:
                return []
            out.extend([el, s, e] for el, s, e in source.pieces)
        return out

    # -- one comment -------------------------------------------------------------------
    def comment(self, text: str, pieces: list, start: int, end: int, paragraphs: list, swap=None) -> bool:
        """A comment on block text[start:end]; False when no run holds those words."""
        if end <= start:
            return False
        self._boundary(text, pieces, start, starts=True)
        self._boundary(text, pieces, end, starts=False)
        runs = []
        for el, s, e in pieces:
            if start <= s < e <= end:     # (a piece emptied by a split holds no flagged words)
                run = el.getparent()
                if run is not None and etree.QName(run).localname == "r" and run not in runs:
                    runs.append(run)
        if not runs:
            return False
        first, last = runs[0], runs[-1]
        if swap and self._track_change(runs, swap):
            first, last = runs[0].getparent(), runs[0].getparent().getnext()
            self.placed["changes"] += 1
        self._anchor(first, last, paragraphs)
        self.placed["comments"] += 1
        return True

    def _anchor(self, first, last, paragraphs: list) -> None:
        cid = str(self._new_id())
        first.addprevious(self._el("commentRangeStart", id=cid))
        end = self._el("commentRangeEnd", id=cid)
        last.addnext(end)
        end.addnext(self._reference_run(cid))
        self.comments.append(self._comment(cid, paragraphs))

    def _boundary(self, text: str, pieces: list, offset: int, starts: bool) -> None:
        """Make a run boundary fall at block offset `offset` (where a range starts or ends),
        splitting a w:t and its run if need be."""
        for i, (el, s, e) in enumerate(pieces):
            if not (s <= offset < e if starts else s < offset <= e):
                continue
            run = el.getparent()
            if run is None or etree.QName(run).localname != "r":
                return
            if etree.QName(el).localname != "t":
                # A tab, break or symbol is one character: cut the run beside it.
                self._split_run_before(el if starts else el.getnext())
                return
            raw = el.text or ""
            index = _element_index(el, text[s:e], offset - s)
            if 0 < index < len(raw):
                right = copy.deepcopy(el)
                right.text, el.text = raw[index:], raw[:index]
                for t in (el, right):
                    t.set(XML_SPACE, "preserve")
                el.addnext(right)
                pieces[i][2] = offset
                pieces.insert(i + 1, [right, offset, e])
                self._split_run_before(right)
            else:
                self._split_run_before(el if index == 0 else el.getnext())
            return

    def _split_run_before(self, el) -> None:
        """Move `el` and everything after it in its run into a new run with the same formatting."""
        if el is None:
            return
        run = el.getparent()
        if run is None or etree.QName(run).localname != "r":
            return
        content = [c for c in run if etree.QName(c).localname != "rPr"]
        if not content or content[0] is el:
            return
        new = etree.Element(run.tag, attrib=dict(run.attrib), nsmap=run.nsmap)
        rpr = run.find(self.q("rPr"))
        if rpr is not None:
            new.append(copy.deepcopy(rpr))
        moving = content[content.index(el):]
        for child in moving:
            new.append(child)
        run.addnext(new)

    def _track_change(self, runs: list, swap: str) -> bool:
        """Replace the runs by w:del (them) + w:ins (the plain words); False if it cannot be done safely."""
        parent = runs[0].getparent()
        if etree.QName(parent).localname not in RUN_PARENTS:
            return False      # inside someone's insertion, a move or a field: leave the words alone
        if any(run.getparent() is not parent for run in runs):
            return False
        siblings = list(parent)
        first = siblings.index(runs[0])
        if siblings[first:first + len(runs)] != runs:
            return False
        for run in runs:
            if any(etree.QName(c).localname not in ("rPr", "t") for c in run):
                return False
        deletion = self._el("del", id=str(self._new_id()), author=AUTHOR, date=self.date)
        runs[0].addprevious(deletion)
        for run in runs:
            deletion.append(run)
            for t in run.findall(self.q("t")):
                t.tag = self.q("delText")
        insertion = self._el("ins", id=str(self._new_id()), author=AUTHOR, date=self.date)
        run = etree.SubElement(insertion, self.q("r"))
        rpr = runs[0].find(self.q("rPr"))
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
        text = etree.SubElement(run, self.q("t"))
        text.text = swap
        text.set(XML_SPACE, "preserve")
        deletion.addnext(insertion)
        return True

    # -- the summary comment ------------------------------------------------------------------
    def summary(self, record: dict, leftover: list, target_age: float) -> None:
        paragraphs = summary_paragraphs(record, leftover, target_age)
        body = self.root.find(self.q("body"))
        if body is None:
            body = etree.SubElement(self.root, self.q("body"))
        first = next(body.iter(self.q("p")), None)
        if first is None:
            first = self._el("p")
            body.insert(0, first)
        runs = [c for c in first if etree.QName(c).localname != "pPr"]
        cid = str(self._new_id())
        start, end = self._el("commentRangeStart", id=cid), self._el("commentRangeEnd", id=cid)
        if runs:
            runs[0].addprevious(start)
            runs[-1].addnext(end)
        else:
            first.append(start)
            first.append(end)
        end.addnext(self._reference_run(cid))
        self.comments.append(self._comment(cid, paragraphs))
        self.placed["summary"] = 1

    # -- XML helpers ---------------------------------------------------------------------------
    def _el(self, local: str, **attrs):
        el = etree.Element(self.q(local), nsmap={"w": self.w})
        for key, value in attrs.items():
            el.set(self.q(key), value)
        return el

    def _reference_run(self, cid: str):
        run = self._el("r")
        rpr = etree.SubElement(run, self.q("rPr"))
        style = etree.SubElement(rpr, self.q("rStyle"))
        style.set(self.q("val"), "CommentReference")
        ref = etree.SubElement(run, self.q("commentReference"))
        ref.set(self.q("id"), cid)
        return run

    def _comment(self, cid: str, paragraphs: list):
        comment = self._el("comment", id=cid, author=AUTHOR, date=self.date, initials=INITIALS)
        for i, text in enumerate(paragraphs):
            p = etree.SubElement(comment, self.q("p"))
            ppr = etree.SubElement(p, self.q("pPr"))
            etree.SubElement(ppr, self.q("pStyle")).set(self.q("val"), "CommentText")
            if i == 0:
                ref = etree.SubElement(p, self.q("r"))
                rpr = etree.SubElement(ref, self.q("rPr"))
                etree.SubElement(rpr, self.q("rStyle")).set(self.q("val"), "CommentReference")
                etree.SubElement(ref, self.q("annotationRef"))
            run = etree.SubElement(p, self.q("r"))
            t = etree.SubElement(run, self.q("t"))
            t.text = _xml_safe(text)
            t.set(XML_SPACE, "preserve")
        return comment

    def _new_id(self) -> int:
        value = self.next_id
        self.next_id += 1
        return value

    def _max_id(self) -> int:
        """The highest w:id in use (comments, tracked changes, bookmarks) in any story."""
        roots = [self.root, self.comments]
        for kind in ("header", "footer", "footnotes", "endnotes"):
            roots += [self.package.xml(name) for name in self.package.related(self.main, kind) if name in self.package]
        found = 0
        for root in roots:
            for el in root.iter():
                value = el.get(self.q("id")) if isinstance(el.tag, str) else None
                if value is not None and value.lstrip("-").isdigit():
                    found = max(found, int(value))
        return found

    def _comments_part(self):
        existing = [name for name in self.package.related(self.main, "comments") if name in self.package]
        if existing:
            name = self.package.find(existing[0])
            return name, self.package.xml(name)
        name = posixpath.join(posixpath.dirname(self.main), "comments.xml")
        return name, etree.Element(self.q("comments"), nsmap={"w": self.w})

    def finish(self) -> None:
        """Write the comments part, and its relationship and content type when it is new."""
        package, name = self.package, self.comments_part
        new = name not in package
        package.set_xml(name, self.comments)
        if not new:
            return
        from ..read.package import rels_name

        rels = rels_name(self.main)
        root = package.xml(rels) if rels in package else etree.Element(f"{{{RELS_NS}}}Relationships", nsmap={None: RELS_NS})
        used = {rel.get("Id") for rel in root}
        number = len(used) + 1
        while f"rId{number}" in used:
            number += 1
        rel = etree.SubElement(root, f"{{{RELS_NS}}}Relationship")
        rel.set("Id", f"rId{number}")
        rel.set("Type", REL_TYPES.get(self.w, REL_TYPES[W_TRANSITIONAL]))
        rel.set("Target", posixpath.relpath(name, posixpath.dirname(self.main) or "."))
        package.set_xml(rels, root)
        types = package.xml("[Content_Types].xml")
        override = etree.SubElement(types, f"{{{CT_NS}}}Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", COMMENTS_TYPE)
        package.set_xml("[Content_Types].xml", types)


# -- what the comments say --------------------------------------------------------------------
def comment_paragraphs(finding: dict) -> list:
    """What, what to write instead, why, and the rule id: one paragraph each."""
    out = [finding["message"].strip()]
    goal = finding.get("goal") or {}
    if goal.get("missing"):
        out.append("Missing: " + ", ".join(f"{l} ({LETTER_NAMES.get(l, l)})" for l in goal["missing"]) + ".")
    if finding.get("suggestion"):
        out.append(f"You could write: \u201c{finding['suggestion']}\u201d.")
    if finding.get("why"):
        out.append(f"Why it matters: {' '.join(finding['why'].split())}")
    out.append(f"\u2014 plainplan, rule {finding['rule']} (plainplan explain {finding['rule']})")
    return out


def summary_paragraphs(record: dict, leftover: list, target_age: float) -> list:
    stats = record.get("stats") or {}
    out = ["plainplan review: a summary of this document"]
    age = stats.get("reading_age")
    if age is not None:
        gap = age - target_age
        verdict = "at or below the target" if gap <= 0 else f"{gap:.1f} years above the target"
        out.append(f"Reading age: {age:.1f} (target {target_age:g}): {verdict}.")
    if stats.get("child_voice") is not None:
        count = stats["child_voice"]
        out.append(f"Child's voice: found {count} time{'s' if count != 1 else ''}." if count
                   else "Child's voice: missing; no words, wishes or feelings of the child were found.")
    if stats.get("strengths") is not None or stats.get("worries") is not None:
        out.append(f"Strengths and worries: strengths {stats.get('strengths') or 0}, worries {stats.get('worries') or 0}.")
    goals = record.get("goals") or []
    if goals:
        smart = sum(1 for g in goals if g.get("smart"))
        out.append(f"Goals: {smart} of {len(goals)} are SMART.")
        for goal in goals:
            missing = goal.get("missing") or []
            verdict = ("SMART" if not missing else
                       "missing " + ", ".join(f"{l} ({LETTER_NAMES.get(l, l)})" for l in missing))
            out.append(f"\u2022 {goal.get('text', '').strip()} \u2014 {verdict}")
            out += goal_links(goal)
    whole = [f for f in record["findings"] if f["location"].get("block") is None]
    if whole:
        out.append("About the whole document:")
        out += [f"\u2022 {advice(f)}" for f in whole]
    if leftover:
        out.append("In places Word cannot hold a comment (headers, footers, notes):")
        for f in leftover:
            words = f" \u201c{f['text']}\u201d" if f.get("text") else ""
            out.append(f"\u2022 {place(f['location'])}{words}: {advice(f)}")
    findings = len(record["findings"])
    out.append(f"{findings} finding{'s' if findings != 1 else ''} in all; each one in the text has its own comment.")
    return out


def goal_links(goal: dict) -> list:
    """What a goal answers and builds on (analysis/links.py), one short line each."""
    out = []
    for key, label in (("worries", "answers"), ("strengths", "builds on")):
        found = [" ".join(str(x).split()) for x in goal.get(key) or []]
        if found:
            out.append(f"    {label}: " + "; ".join(found))
    return out


def replacement(finding: dict, kind) -> str:
    """The plain words to write in place of the flagged ones, or None."""
    suggestion = (finding.get("suggestion") or "").strip()
    text = finding.get("text") or ""
    if kind not in SWAP_KINDS or not suggestion or not text or "\n" in text:
        return None
    # Advice rather than words: quotes, "e.g." or a long phrase are for the comment.
    if any(c in suggestion for c in "'\"\u2018\u2019\u201c\u201d;:") or "e.g." in suggestion:
        return None
    # A rephrasing ("made subject to" -> "has a child protection plan") rarely fits the
    # sentence as it stands; only a like-for-like swap is offered as a tracked change.
    if kind == "terms" and len(suggestion.split()) > max(3, len(text.split()) + 1):
        return None
    if kind == "acronym":
        suggestion = f"{suggestion} ({text})"
    if text[0].isupper() and suggestion[0].islower() and not text.isupper():
        suggestion = suggestion[0].upper() + suggestion[1:]
    return suggestion


def _element_index(el, piece_text: str, offset: int) -> int:
    """Index into a w:t's own text of a character offset within its piece of block text.

    A piece can be shorter than its element's text: spaces stripped at the ends of the
    paragraph, and soft hyphens / zero-width characters the reader removes.
    """
    removed = "\u00ad\u200b\ufeff"
    raw = el.text or ""
    visible = [i for i, c in enumerate(raw) if c not in removed]
    clean = "".join(raw[i] for i in visible)
    position = max(clean.find(piece_text), 0) + offset
    return visible[position] if position < len(visible) else len(raw)


def _xml_safe(text: str) -> str:
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)
