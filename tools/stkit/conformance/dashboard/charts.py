"""The dashboard's two charts as SVG text, drawn with matplotlib's SVG backend (a well-kept
plotting library; no pyplot, no display, nothing loaded from the network). Text stays text
in the SVG (svg.fonttype none) and the output is the same for the same data (fixed hash salt,
no date in the metadata), so builds stay reproducible. matplotlib is imported here only, and
only when there is something to plot."""

from __future__ import annotations

import datetime as dt
import io

from .build import Board

MARKERS = "osD^vP*Xh"
# Okabe and Ito's palette: told apart by readers with any common colour-vision deficiency.
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "stkit-dashboard",
                                "font.family": "DejaVu Sans", "font.size": 10})
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasSVG(fig)
    return fig


def _svg(fig) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": "stkit"})
    return out.getvalue()


def levels_now(board: Board, top: int) -> str:
    """Horizontal bars: the level each office claims for each data set today."""
    rows = board.rows
    fig = _figure(7, 0.45 * len(rows) + 1.2)
    ax = fig.add_subplot()
    labels = [f"{r.office} {r.data_set}" for r in rows]
    ys = list(range(len(rows)))[::-1]
    ax.barh(ys, [r.level for r in rows], color=COLOURS[0], height=0.6)
    for y, r in zip(ys, rows):
        ax.text(r.level + 0.05, y, f"level {r.level}", va="center")
    ax.set_yticks(ys, labels)
    ax.set_xlim(0, top + 0.8)
    ax.set_xticks(range(top + 1))
    ax.set_xlabel("conformance level claimed (0: below level 1, with a plan)")
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def levels_over_time(board: Board, top: int) -> str:
    """Steps: each office's level per data set, from each dated statement to today."""
    fig = _figure(7, 3.4)
    ax = fig.add_subplot()
    end = board.today
    for i, (key, points) in enumerate(sorted(board.history.items())):
        dates = [dt.date.fromisoformat(d) for d, _ in points]
        levels = [lv for _, lv in points]
        if dates[-1] < end:
            dates, levels = dates + [end], levels + [levels[-1]]
        offset = (i % 5 - 2) * 0.04  # lines on one level stay apart
        ax.step(dates, [lv + offset for lv in levels], where="post", color=COLOURS[i % len(COLOURS)],
                marker=MARKERS[i % len(MARKERS)], markevery=list(range(len(points))), label=key)
    ax.set_yticks(range(top + 1))
    ax.set_ylim(-0.3, top + 0.3)
    ax.set_ylabel("level")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, title="office, data set")
    ax.spines[["top", "right"]].set_visible(False)
    fig.autofmt_xdate()
    return _svg(fig)
