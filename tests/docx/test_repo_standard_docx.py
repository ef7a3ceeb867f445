"""This repository's own standard as a Word document: every requirement placed in the text
and every numbered paragraph appears, in the order of the text, and every section heading is
a Word heading."""

from __future__ import annotations

import re

from docx_build import REPO, build, numbers, open_docx, styled

from stkit.docx.check import check_package
from stkit.project import FsTree, load_project


def test_the_standard_in_word(tmp_path):
    built = build(REPO, tmp_path / "docx")
    assert built.code == 0, built.warnings
    assert check_package(built.path) == []
    project = load_project(FsTree(REPO))
    document = open_docx(built.path)
    placed = [p.req_id for sf in project.sources for p in sf.placements]
    statements = styled(document, "Requirement")
    assert [re.match(r"^\[([A-Z0-9-]+)\]", s).group(1) for s in statements] == placed
    assert len(placed) == len({*placed}) > 50
    assert numbers(document) == [f"{p.number}." for p in project.paragraphs]
    titles = [sf.title for sf in project.sources if sf.title]
    assert styled(document, "Heading 1") == titles
