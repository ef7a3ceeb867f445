"""What WeasyPrint's tagged PDF still lacks for a reader who listens to it, added just before
the file is written (WeasyPrint's `finisher` hook, on its own pydyf objects):

- header cells say which cells they head: `/Scope /Column` for a header cell of a table's
  head, `/Scope /Row` for one in its body (WeasyPrint 70 gives them an `/ID`, and data cells
  `/Headers`, but no scope);
- every link annotation has a description (`/Contents`) a person can understand: the link's
  own text and title, and for a web link its address (WeasyPrint writes only the bare target, such as
  `#req-ipdx-fmt-001`);
- the running header and footer are marked as pagination artifacts, not as content:
  WeasyPrint 70 marks their text with ids it leaves outside the structure tree (it can put
  them in the tree as artifacts only in PDF 2.0), so a reader would meet text belonging to
  nothing; here they become `/Artifact` marked content, which assistive technology skips.

The structure itself (headings, paragraphs, lists, tables, links, figures with their
alternative text, the document's language and title) is WeasyPrint's, made from the HTML
with `pdf_tags=True`; `postcheck.check_structure` verifies the result.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

import pydyf


def finish(document: Any, pdf: pydyf.PDF) -> None:
    """WeasyPrint's `finisher(document, pdf)`: runs once, after tagging, before writing."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    describe_links(document)
    root = _deref(pdf, pdf.catalog["StructTreeRoot"])
    reached = _reachable(pdf, root)
    scope_header_cells(pdf, reached)
    mark_furniture_as_artifacts(pdf, root, reached)


def _deref(pdf: pydyf.PDF, value: Any) -> Any:
    if isinstance(value, bytes) and value.endswith(b" R"):
        return pdf.objects[int(value.split()[0])]
    return value


def _kids(pdf: pydyf.PDF, element: dict) -> Iterator[dict]:
    for kid in element.get("K", ()):
        kid = _deref(pdf, kid)
        if isinstance(kid, dict) and "S" in kid:
            yield kid


def _reachable(pdf: pydyf.PDF, root: dict) -> list[dict]:
    """Every structure element reachable from the root, in document order."""
    found: list[dict] = []
    stack = list(reversed(list(_kids(pdf, root))))
    while stack:
        element = stack.pop()
        found.append(element)
        stack.extend(reversed(list(_kids(pdf, element))))
    return found


def scope_header_cells(pdf: pydyf.PDF, elements: list[dict]) -> int:
    """`/Scope` on every header cell: Column in a table head, Row elsewhere. Returns how
    many cells were given one."""
    count = 0
    for element in elements:
        if element["S"] != "/TH":
            continue
        row = _deref(pdf, element.get("P"))
        group = _deref(pdf, row.get("P")) if isinstance(row, dict) else None
        in_head = isinstance(group, dict) and group.get("S") == "/THead"
        attributes = element.get("A")
        if not isinstance(attributes, dict):
            attributes = element["A"] = pydyf.Dictionary({"O": "/Table"})
        attributes["Scope"] = "/Column" if in_head else "/Row"
        count += 1
    return count


def _text(element: Any) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip() if element is not None else ""


def link_description(element: Any) -> str:
    """What a link says to a person: its aria-label, or its text followed by its title (a
    requirement's link reads "IPDX-LEG-005, Dissemination to the public"); a web link adds
    its address."""
    if element is None:
        return ""
    text = _text(element)
    title = (element.get("title") or "").strip()
    label = (element.get("aria-label") or "").strip()
    if not label:
        label = f"{text}, {title}" if text and title and title != text else (text or title)
    href = (element.get("href") or "").strip()
    if href and not href.startswith("#") and href != label:
        return f"{label} ({href})" if label else href
    return label


def describe_links(document: Any) -> int:
    """Set `/Contents` of each link annotation to `link_description` of its `<a>`. Returns
    how many were set."""
    count = 0
    for page in document.pages:
        for box in page._page_box.descendants():
            annotation = getattr(box, "link_annotation", None)
            if annotation is None:
                continue
            text = link_description(box.element)
            if text:
                annotation["Contents"] = pydyf.String(text)
                count += 1
    return count


def mark_furniture_as_artifacts(pdf: pydyf.PDF, root: dict, reached: list[dict]) -> int:
    """Marked content that the parent tree maps to an element outside the structure tree
    (the margin boxes' text) becomes a pagination artifact. Returns how many were changed."""
    reached_ids = {id(element) for element in reached}
    parent_tree = _deref(pdf, root["ParentTree"])
    nums = parent_tree["Nums"]
    changed = 0
    for index in range(0, len(nums), 2):
        page_number, mcids = nums[index], nums[index + 1]
        if not isinstance(mcids, list):
            continue  # an annotation's single entry
        orphans = {mcid for mcid, element in enumerate(mcids)
                   if isinstance(element, bytes) and id(_deref(pdf, element)) not in reached_ids}
        if not orphans:
            continue
        page = pdf.objects[int(pdf.page_references[page_number].split()[0])]
        stream = _deref(pdf, page["Contents"])
        changed += _artifact_in_stream(stream, orphans)
        for mcid in orphans:
            mcids[mcid] = "null"
    return changed


def _artifact_in_stream(stream: pydyf.Stream, mcids: set[int]) -> int:
    """In a page's operators, `/Span <</MCID n>> BDC` -> `/Artifact <</Type /Pagination>>
    BDC` for each n in `mcids`."""
    ops = stream.stream
    changed = 0
    for position, op in enumerate(ops):
        if (isinstance(op, dict) and op.get("MCID") in mcids and position > 0
                and position + 1 < len(ops) and ops[position + 1] == b"BDC"):
            ops[position - 1] = "/Artifact"
            ops[position] = pydyf.Dictionary({"Type": "/Pagination"})
            changed += 1
    return changed
