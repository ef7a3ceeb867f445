"""`stkit comments template`: the blank form of one revision (default HEAD), in Word,
spreadsheet or CSV form. The form is made from the committed text, so the revision it names
is exactly the text it shows."""

from __future__ import annotations

from pathlib import Path

from ..gitrev import repo_top, resolve
from .anchors import Revisions
from .errors import CommentsError
from .form import FormInfo
from .targets import standard_order
from . import template_csv, template_docx, template_xlsx

WRITERS = {"docx": template_docx.write, "xlsx": template_xlsx.write, "csv": template_csv.write}


def make_template(root: Path, fmt: str, revision: str = "HEAD") -> tuple[FormInfo, bytes, int]:
    """(what the form names, its bytes, how many rows)."""
    repo_top(root)  # one clear line when the folder is not in a repository
    commit = resolve(root, revision)
    project = Revisions(root).project(commit)
    if isinstance(project, str):
        raise CommentsError(project)
    md = project.registry.metadata
    info = FormInfo(md.number, md.version, commit)
    targets = standard_order(project)
    return info, WRITERS[fmt](info, targets), len(targets)


def default_name(info: FormInfo, fmt: str) -> str:
    return f"{info.standard}-{info.version}-comments.{fmt}"
