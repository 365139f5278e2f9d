"""The dashboard's charts: matplotlib, drawn to SVG text that is embedded inline.

Why matplotlib: it is well kept, works offline, and its SVG backend writes plain SVG with
no scripts or web fonts (pygal's SVGs load a script from the web by default). Text stays
text (svg.fonttype 'none'), so it is searchable, sharp when printed and small. Each chart
gets its own id prefix, because several SVGs inline in one page must not share ids.
Charts are drawn once, in the main process, after every document is checked.
"""
from __future__ import annotations

import io
import re

PALETTE = {"ink": "#1f2933", "muted": "#7b8794", "main": "#2b6cb0", "good": "#2f855a", "worry": "#c05621",
           "bad": "#c53030", "grid": "#e4e7eb"}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    matplotlib.rcParams.update({
        "svg.fonttype": "none",
        "svg.hashsalt": "plainplan",      # the same data draws the same file
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
        "font.size": 10,
        "axes.edgecolor": PALETTE["muted"],
        "axes.labelcolor": PALETTE["ink"],
        "xtick.color": PALETTE["ink"],
        "ytick.color": PALETTE["ink"],
        "axes.spines.top": False,
        "axes.spines.right": False,
    })
    return plt


def _svg(fig, prefix: str, title: str) -> str:
    plt = _pyplot()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg"):]   # drop the XML prolog and DOCTYPE: it is inline in HTML
    text = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', text)
    text = re.sub(r'url\(#([^)]+)\)', lambda m: f"url(#{prefix}-{m.group(1)})", text)
    text = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', text)
    # An accessible name for screen readers, and a size that follows the page.
    text = text.replace("<svg ", f'<svg role="img" aria-label="{_attr(title)}" class="chart" ', 1)
    return text


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _figure(width=5.6, height=3.0):
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(width, height))
    ax.grid(axis="y", color=PALETTE["grid"], linewidth=0.8)
    ax.set_axisbelow(True)
    return fig, ax


def reading_age_chart(ages: list, target: float) -> str:
    fig, ax = _figure()
    low = int(min(min(ages), target)) - 1
    high = int(max(max(ages), target)) + 2
    bins = list(range(max(low, 0), high + 1))
    ax.hist(ages, bins=bins, color=PALETTE["main"], edgecolor="white")
    ax.axvline(target, color=PALETTE["bad"], linewidth=2, linestyle="--")
    ax.text(target, ax.get_ylim()[1] * 0.97, f"target {target:g}", color=PALETTE["bad"], va="top", ha="left",
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5})
    ax.set_xlabel("reading age (years)")
    ax.set_ylabel("documents")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _svg(fig, "reading-age", f"Reading age of documents against the target of {target:g}")


def share_chart(prefix: str, title: str, parts: list) -> str:
    """One horizontal bar split into labelled parts: [(label, count, colour)]."""
    fig, ax = _figure(height=1.3)
    ax.grid(False)
    total = sum(count for _, count, _ in parts) or 1
    left = 0.0
    for label, count, colour in parts:
        share = count / total
        ax.barh([0], [share], left=left, color=colour, edgecolor="white")
        if share >= 0.08:
            ax.text(left + share / 2, 0, f"{label}\n{count} ({share:.0%})", ha="center", va="center",
                    color="white", fontsize=9)
        left += share
    ax.set_xlim(0, 1)
    ax.set_yticks([])
    ax.xaxis.set_major_formatter(_percent())
    ax.spines["left"].set_visible(False)
    return _svg(fig, prefix, title)


def _percent():
    from matplotlib.ticker import PercentFormatter

    return PercentFormatter(xmax=1)


def bar_chart(prefix: str, title: str, labels: list, values: list, colour: str = None,
              xlabel: str = "", horizontal: bool = True) -> str:
    height = max(1.6, 0.32 * len(labels) + 0.8) if horizontal else 3.0
    fig, ax = _figure(height=height)
    colour = colour or PALETTE["main"]
    if horizontal:
        ax.grid(False)
        ax.grid(axis="x", color=PALETTE["grid"], linewidth=0.8)
        positions = list(range(len(labels)))[::-1]
        ax.barh(positions, values, color=colour)
        ax.set_yticks(positions, labels)
        ax.set_xlabel(xlabel)
        ax.xaxis.get_major_locator().set_params(integer=True)
        for y, value in zip(positions, values):
            ax.text(value, y, f" {value}", va="center", fontsize=9, color=PALETTE["ink"])
    else:
        ax.bar(labels, values, color=colour)
        ax.set_ylabel(xlabel)
        ax.yaxis.get_major_locator().set_params(integer=True)
    return _svg(fig, prefix, title)


def balance_chart(points: list, ratio: float) -> str:
    """Strengths (x) against worries (y), one dot per document, with the lines of balance."""
    fig, ax = _figure(width=4.6, height=4.0)
    ax.grid(True, color=PALETTE["grid"], linewidth=0.8)
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    top = max(xs + ys + [1]) * 1.08
    ax.plot([0, top], [0, top], color=PALETTE["muted"], linewidth=1, label="as many strengths as worries")
    ax.plot([0, top / ratio], [0, top], color=PALETTE["bad"], linewidth=1, linestyle="--",
            label=f"{ratio:g} worries to each strength")
    off = [(x, y) for x, y in points if (x == 0 and y > 0) or (x > 0 and y / x > ratio)]
    fine = [p for p in points if p not in off]
    if fine:
        ax.scatter([p[0] for p in fine], [p[1] for p in fine], color=PALETTE["main"], s=22, alpha=0.7,
                   label="documents")
    if off:
        ax.scatter([p[0] for p in off], [p[1] for p in off], color=PALETTE["worry"], s=26, alpha=0.85,
                   marker="s", label="worries outweigh strengths")
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel("strengths")
    ax.set_ylabel("worries")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8, frameon=False)
    return _svg(fig, "balance", "Strengths against worries, one dot per document")
