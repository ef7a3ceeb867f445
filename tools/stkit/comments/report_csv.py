"""The compilation as CSV (UTF-8 with a byte-order mark): one row per comment, in the
standard's order, for tools and spreadsheets. The counts are in the HTML and Word reports."""

from __future__ import annotations

import csv
import io

from .compilation import Compilation
from .records import DECISION_NAMES
from .targets import plain

HEADER = ("id", "office", "type", "on (at the form's revision)", "version", "now", "since",
          "text commented on", "comment", "proposed change", "decision", "response", "change",
          "form", "row")


def render(comp: Compilation) -> bytes:
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(HEADER)
    for e in comp.entries:
        c, p = e.comment, e.placed
        w.writerow([c.id, c.office, c.type, c.anchor.shown(), c.version, p.current, p.note,
                    plain(c.anchor.text), c.comment, c.proposed_change,
                    DECISION_NAMES[c.disposition.decision], c.disposition.response,
                    c.disposition.change, c.source.form if c.source else "",
                    c.source.row if c.source else ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
