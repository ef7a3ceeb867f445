"""The comment form as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read it as
UTF-8), the identification line first, then the header and one row per target."""

from __future__ import annotations

import csv
import io

from .form import COLUMNS, FormInfo
from .targets import Target


def write(info: FormInfo, targets: list[Target]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([info.line()])
    writer.writerow([c.title for c in COLUMNS])
    for target in targets:
        writer.writerow([target.ref, target.excerpt] + [""] * (len(COLUMNS) - 2))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
