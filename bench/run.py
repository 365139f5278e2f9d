#!/usr/bin/env python3
"""plainplan's benchmark (a script, not a test): speed, start-up, parallel scaling and memory.

    .venv/bin/python bench/run.py --docs 40          # corpora of 40 and 400 documents

Builds a corpus of realistic documents in a temporary folder from examples/ (names,
dates and paragraph order varied so no two documents are the same text), then reports,
on the same text:
  1. words per second: plainplan end to end (read, parse, every rule) against the full
     en_core_web_sm pipeline alone (`nlp.pipe`, every component, reading not counted);
  2. start-up: `plainplan --version` and `plainplan check` on one small Markdown file;
  3. `plainplan audit -j 1` against `-j 2`;
  4. peak memory per worker and for the whole audit (all processes), at --docs and 10x --docs.
Prints a Markdown table for the README; --json FILE also saves the figures.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "examples", ROOT.parent / "shared" / "samples")
PLAINPLAN = [sys.executable, "-m", "plainplan"]
FIRST_NAMES = ["Amy", "Leo", "Maya", "Riley", "Jordan", "Sam", "Noah", "Isla", "Ava", "Kai", "Zara", "Finn",
               "Ruby", "Theo", "Lily", "Oscar", "Evie", "Alfie", "Freya", "Ezra"]


# --------------------------------------------------------------------------- the corpus

def source_documents() -> list:
    for folder in SOURCES:
        found = sorted(p for p in folder.glob("*") if p.suffix.lower() in (".md", ".txt", ".docx"))
        if found:
            return found
    raise SystemExit("bench: no documents in examples/ or ../shared/samples")


def vary(text: str, rng: random.Random) -> str:
    """The same kind of document about another family: names, numbers and paragraph order changed."""
    names = sorted(set(re.findall(r"\b(?:" + "|".join(FIRST_NAMES) + r")\b", text)))
    for name in names:
        text = re.sub(rf"\b{name}\b", rng.choice(FIRST_NAMES), text)
    text = re.sub(r"\b([1-9])\b", lambda m: str(rng.randint(1, 9)), text)
    blocks = text.split("\n\n")
    body = blocks[1:]
    # Shuffle plain paragraphs only, so headings and tables keep their shape.
    movable = [i for i, b in enumerate(body) if b and not b.lstrip().startswith(("#", "|", "-", "*", "1."))]
    shuffled = [body[i] for i in movable]
    rng.shuffle(shuffled)
    for i, block in zip(movable, shuffled):
        body[i] = block
    return "\n\n".join(blocks[:1] + body)


def build_corpus(folder: Path, count: int, seed: int = 7) -> list:
    rng = random.Random(seed)
    sources = source_documents()
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(count):
        source = sources[i % len(sources)]
        target = folder / f"{source.stem}-{i:05d}{source.suffix}"
        if source.suffix.lower() == ".docx":
            shutil.copy(source, target)      # Word files are copied: same text, another case file
        else:
            target.write_text(vary(source.read_text(encoding="utf-8"), rng), encoding="utf-8")
        made.append(target)
    return made


def corpus_texts(files: list) -> list:
    """The block texts plainplan checks: what both sides of the speed comparison get."""
    from plainplan.document import ReadError
    from plainplan.read import read_document

    texts = []
    for path in files:
        try:
            texts.extend(b.text for b in read_document(str(path)).blocks)
        except ReadError:
            pass
    return texts


# --------------------------------------------------------------------------- measurements

def throughput(files: list) -> dict:
    """Steady state, one process each: words per second, model loading not counted on either side."""
    script = r"""
import json, sys, time
files = json.loads(sys.argv[1]); which = sys.argv[2]
sys.path.insert(0, sys.argv[3])
from bench.run import corpus_texts
texts = corpus_texts(files)
words = sum(len(t.split()) for t in texts)
if which == "spacy":
    import spacy
    from plainplan.parse.nlp import model_names
    for name in model_names():
        try:
            nlp = spacy.load(name)     # the full pipeline: every component, ner and all
            break
        except OSError:
            continue
    list(nlp.pipe(texts[:50]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    seconds = time.perf_counter() - start
    components = nlp.pipe_names
else:
    from plainplan.config import Config
    from plainplan.run import Session
    from plainplan.audit.runner import warm_up
    session = Session(Config())
    warm_up(session)
    start = time.perf_counter()
    for path in files:
        session.check_path(path)
    seconds = time.perf_counter() - start
    components = session.checker.nlp.pipe_names
print(json.dumps({"words": words, "seconds": seconds, "components": components}))
"""
    out = {}
    for which in ("spacy", "plainplan"):
        run = subprocess.run([sys.executable, "-c", script, json.dumps([str(f) for f in files]), which, str(ROOT)],
                             capture_output=True, text=True, cwd=ROOT)
        if run.returncode:
            raise SystemExit(f"bench: {which} failed:\n{run.stderr}")
        figures = json.loads(run.stdout.strip().splitlines()[-1])
        figures["words_per_second"] = round(figures["words"] / figures["seconds"])
        out[which] = figures
    return out


def startup(small: Path, repeat: int) -> dict:
    def timed(args):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run(PLAINPLAN + args, capture_output=True, cwd=small.parent)
            times.append(time.perf_counter() - start)
        return {"first": round(times[0], 3), "median": round(statistics.median(times), 3),
                "max": round(max(times), 3)}

    return {"version": timed(["--version"]),
            "check_small_md": timed(["check", "--fail-on", "never", str(small)])}


def _tree_memory(pid: int) -> tuple:
    """(RSS, PSS) in MB of a process and all its descendants, from /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    todo, rss, pss = [pid], 0, 0
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            with open(f"/proc/{current}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, pss / 1024


def audit(folder: Path, jobs: int, out: Path) -> dict:
    """One `plainplan audit` run: wall time, its own timings, and the peak memory of all its processes."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    process = subprocess.Popen(PLAINPLAN + ["audit", str(folder), "--out", str(out), "-j", str(jobs), "-q",
                                            "--no-reports", "--fail-on", "never"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    peak = {"rss": 0.0, "pss": 0.0}

    def sample():
        while process.poll() is None:
            rss, pss = _tree_memory(process.pid)
            peak["rss"], peak["pss"] = max(peak["rss"], rss), max(peak["pss"], pss)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    sampler.join()
    wall = time.perf_counter() - start
    if process.returncode not in (0, 1, 2):
        raise SystemExit(f"bench: audit failed ({process.returncode}):\n{stderr}")
    info = json.loads((out / "audit.json").read_text())
    words = 0
    import csv

    with open(out / "summary.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            words += int(row["words"] or 0)
    return {"jobs": jobs, "documents": info["documents"], "errors": info["errors"], "words": words,
            "wall_seconds": round(wall, 2), "checking_seconds": info.get("checking_seconds"),
            "worker_peak_rss_mb": info.get("worker_peak_memory_mb"),
            "audit_peak_rss_mb": round(peak["rss"], 1), "audit_peak_pss_mb": round(peak["pss"], 1)}


# --------------------------------------------------------------------------- report

def markdown(figures: dict) -> str:
    t, s, a = figures["throughput"], figures["startup"], figures["audits"]
    lines = [
        f"Machine: {figures['machine']}. Corpus: {figures['docs']} documents built from {figures['source']}.",
        "",
        "| measure | figure | target |",
        "|---|---|---|",
        f"| plainplan end to end ({', '.join(t['plainplan']['components'])}) | "
        f"{t['plainplan']['words_per_second']:,} words/s | at least the full spaCy pipeline |",
        f"| full en_core_web_sm `nlp.pipe` alone ({', '.join(t['spacy']['components'])}) | "
        f"{t['spacy']['words_per_second']:,} words/s | |",
        f"| `plainplan --version` (new process; median, worst) | {s['version']['median']} s, "
        f"{s['version']['max']} s | under 0.3 s |",
        f"| `plainplan check` one small .md (new process; median, worst) | {s['check_small_md']['median']} s, "
        f"{s['check_small_md']['max']} s | under 2.5 s |",
    ]
    one, two = a["j1"], a["j2"]
    lines.append(f"| `audit -j 1` → `-j 2`, {one['documents']} documents, checking time | "
                 f"{one['checking_seconds']} s → {two['checking_seconds']} s = "
                 f"{one['checking_seconds'] / two['checking_seconds']:.2f}× | at least 1.7× |")
    lines.append(f"| same, wall clock with start-up | {one['wall_seconds']} s → {two['wall_seconds']} s = "
                 f"{one['wall_seconds'] / two['wall_seconds']:.2f}× | |")
    for run in (a["small"], a["large"]):
        lines.append(f"| `audit -j 2`, {run['documents']} documents: peak RSS per worker; whole audit PSS (RSS) | "
                     f"{run['worker_peak_rss_mb']} MB; {run['audit_peak_pss_mb']} MB ({run['audit_peak_rss_mb']} MB) | "
                     f"per worker flat |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=40, help="documents in the small corpus (the large one is 10x)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each start-up measurement")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="plainplan-bench-"))
    try:
        small = build_corpus(work / "small", args.docs)
        large = build_corpus(work / "large", args.docs * 10)
        figures = {"docs": args.docs, "source": str(source_documents()[0].parent.relative_to(ROOT.parent)),
                   "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"}
        print("bench: throughput...", file=sys.stderr)
        figures["throughput"] = throughput(small)
        print("bench: start-up...", file=sys.stderr)
        md = next((f for f in small if f.suffix == ".md"), small[0])
        figures["startup"] = startup(md, args.repeat)
        print("bench: -j 1 against -j 2...", file=sys.stderr)
        audits = {"j1": audit(work / "small", 1, work / "out-j1"), "j2": audit(work / "small", 2, work / "out-j2")}
        print("bench: memory at two corpus sizes...", file=sys.stderr)
        audits["small"] = audits["j2"]
        audits["large"] = audit(work / "large", 2, work / "out-large")
        figures["audits"] = audits
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    print(markdown(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
