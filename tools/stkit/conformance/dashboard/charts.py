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
# Past these numbers a chart of one bar or one line per office and data set is no longer read
# at a glance: the charts then count the claims at each level instead.
MAX_BARS = 20
MAX_LINES = 8
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
    """Horizontal bars: the level each office claims for each data set today (or, for many,
    how many claims there are at each level)."""
    rows = board.rows
    if len(rows) > MAX_BARS:
        return _level_counts(board, top)
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


def _level_counts(board: Board, top: int) -> str:
    fig = _figure(7, 3)
    ax = fig.add_subplot()
    counts = [sum(1 for r in board.rows if r.level == lv) for lv in range(top + 1)]
    ax.bar(range(top + 1), counts, color=COLOURS[0], width=0.6)
    for lv, n in enumerate(counts):
        ax.text(lv, n, str(n), ha="center", va="bottom")
    ax.set_xticks(range(top + 1), [f"level {lv}" for lv in range(top + 1)])
    ax.set_ylabel("claims (office and data set)")
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def counts_over_time(board: Board, top: int) -> list[tuple[dt.date, list[int]]]:
    """After each date of a statement: how many (office, data set) claims are at each level."""
    events = sorted((dt.date.fromisoformat(d), key, lv) for key, pts in board.history.items() for d, lv in pts)
    current: dict[str, int] = {}
    out: list[tuple[dt.date, list[int]]] = []
    for day, key, lv in events:
        current[key] = lv
        counts = [sum(1 for v in current.values() if v == level) for level in range(top + 1)]
        if out and out[-1][0] == day:
            out[-1] = (day, counts)
        else:
            out.append((day, counts))
    return out


def levels_over_time(board: Board, top: int) -> str:
    """Steps: each office's level per data set, from each dated statement to today (or, for
    many, how many claims are at each level)."""
    if len(board.history) > MAX_LINES:
        return _counts_over_time(board, top)
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


def _counts_over_time(board: Board, top: int) -> str:
    fig = _figure(7, 3.4)
    ax = fig.add_subplot()
    series = counts_over_time(board, top)
    dates = [d for d, _ in series] + ([board.today] if series and series[-1][0] < board.today else [])
    for level in range(top + 1):
        values = [counts[level] for _, counts in series]
        values += values[-1:] if len(dates) > len(values) else []
        ax.step(dates, values, where="post", color=COLOURS[level % len(COLOURS)],
                marker=MARKERS[level % len(MARKERS)], markevery=list(range(len(series))), label=f"level {level}")
    ax.set_ylabel("claims (office and data set)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.autofmt_xdate()
    return _svg(fig)


# --- text alternatives: what each chart shows, in words (no plotting library needed) --------

def describe_now(board: Board, top: int) -> str:
    if len(board.rows) > MAX_BARS:
        counts = [sum(1 for r in board.rows if r.level == lv) for lv in range(top + 1)]
        return ("Bar chart of the number of claims (office and data set) at each level: "
                + ", ".join(f"level {lv}: {n}" for lv, n in enumerate(counts)) + ".")
    return ("Bar chart of the conformance level each office claims for each data set: "
            + "; ".join(f"{r.office} {r.data_set}, level {r.level}" for r in board.rows) + ".")


def describe_over_time(board: Board, top: int) -> str:
    if len(board.history) > MAX_LINES:
        series = counts_over_time(board, top)
        first, last = series[0], series[-1]
        return (f"Step chart of the number of claims at each level over time, from {first[0]} to {last[0]}; "
                "at the last date: " + ", ".join(f"level {lv}: {n}" for lv, n in enumerate(last[1])) + ".")
    return ("Step chart of each office's level per data set over time: " + "; ".join(
        f"{key}: " + ", ".join(f"level {lv} from {d}" for d, lv in pts) for key, pts in sorted(board.history.items()))
        + ".")
