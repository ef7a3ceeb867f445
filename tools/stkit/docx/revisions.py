"""Word revisions (tracked changes) in the paragraphs the translator wrote: `w:ins` round
inserted runs, `w:del`/`w:delText` for deleted words, inserted and deleted paragraph marks.

The plan comes from stkit.diff.render_docx (JSON): for each requirement and numbered
paragraph of the current text, what it said in the base revision (`matched`, by the anchor
of the current text); the base blocks that no longer exist (`removed`, each with the anchor
of the current block it came before, or none when it came after the last); and who made the
change and when (`who`: one author and date per source file). A block of the current text
missing from `matched` is new, and is marked inserted whole.

Words are compared with the diff's own word-level redline (stkit.diff.redline), on the text
of each paragraph as written in Word; a paragraph's hanging number is left out, so that a
renumbered paragraph is not a change of every paragraph after an insertion.
"""

from __future__ import annotations

import copy
import difflib
import re

from .ooxml import OxmlElement
from docx.oxml.ns import qn

from ..diff.redline import normalise, redline
from . import ooxml

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
W_R, W_T, W_TAB, W_BR, W_NBH = qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:noBreakHyphen")
W_RPR, W_DEL, W_INS, W_PPR = qn("w:rPr"), qn("w:del"), qn("w:ins"), qn("w:pPr")


# --- reading what was written -------------------------------------------------------------

def _run_style(r) -> str | None:
    rpr = r.find(W_RPR)
    if rpr is None:
        return None
    style = rpr.find(qn("w:rStyle"))
    return style.get(qn("w:val")) if style is not None else None


def _run_text(r) -> str:
    out = []
    for child in r:
        if child.tag == W_T:
            out.append(child.text or "")
        elif child.tag == W_TAB:
            out.append("\t")
        elif child.tag == W_BR:
            out.append("\n")
        elif child.tag == W_NBH:
            out.append("-")
    return "".join(out)


def text_runs(p, number_style: str) -> list:
    """The runs of paragraph `p` that hold its text (not its hanging number), in order."""
    return [r for r in p.iter(W_R) if _run_style(r) != number_style
            and r.getparent().tag != W_DEL]


def paragraph_text(p, number_style: str) -> str:
    return "".join(_run_text(r) for r in text_runs(p, number_style))


PARA_BOOKMARK = re.compile(r"^(annex_[a-z]+_)?para_\d+$")
W_HYPERLINK = qn("w:hyperlink")
RENUMBERED = "\u00b6"  # stands for the number of a paragraph a {para} reference prints


def paragraph_key(p, number_style: str) -> str:
    """The paragraph's text with each reference to a numbered paragraph as one sign: two
    paragraphs that differ only in the numbers their references print (because paragraphs
    were renumbered) are the same, as their own hanging numbers are."""
    out, seen = [], set()
    for r in text_runs(p, number_style):
        link = r.getparent()
        if link.tag == W_INS:
            link = link.getparent()
        if link.tag == W_HYPERLINK and PARA_BOOKMARK.match(link.get(qn("w:anchor")) or ""):
            if id(link) not in seen:
                seen.add(id(link))
                out.append(RENUMBERED)
            continue
        out.append(_run_text(r))
    return normalise("".join(out))


def paragraph_number(p, number_style: str) -> str:
    return "".join(_run_text(r) for r in p.iter(W_R) if _run_style(r) == number_style)


def paragraph_style(p) -> str:
    ppr = p.find(W_PPR)
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(qn("w:val")) if style is not None else "Normal"


def block_record(block: dict, writer) -> dict:
    """What a requirement or numbered paragraph holds, as the base revision's build records
    it for the tracked-changes report."""
    number_style = writer.style_id("Paragraph Number")
    return {"anchor": block["anchor"], "kind": block["kind"], "doc": block["doc"],
            "section": block.get("section"), "depth": block.get("depth", 1),
            "next": paragraph_key(block["next"], number_style) if block.get("next") is not None else None,
            "paragraphs": [{"style": paragraph_style(p), "number": paragraph_number(p, number_style),
                            "text": paragraph_text(p, number_style),
                            "key": paragraph_key(p, number_style)} for p in block["paragraphs"]]}


# --- writing revisions --------------------------------------------------------------------

class Marker:
    def __init__(self, plan: dict, writer) -> None:
        self.plan = plan
        self.writer = writer
        self.number_style = writer.style_id("Paragraph Number")
        self.removed_before: dict[str, list[dict]] = {}
        self.removed_after: dict[str, list[dict]] = {}
        self.removed_end_of: dict[str, list[dict]] = {}
        self.removed_at_end: list[dict] = []
        for entry in plan.get("removed", []):
            if entry.get("after"):
                self.removed_after.setdefault(entry["after"], []).append(entry)
            elif entry.get("end_of"):
                self.removed_end_of.setdefault(entry["end_of"], []).append(entry)
            elif entry.get("before"):
                self.removed_before.setdefault(entry["before"], []).append(entry)
            else:
                self.removed_at_end.append(entry)
        self.last_paragraph = None
        self.document_start = None
        self.counts = {"ins": 0, "del": 0}

    def _attrs(self, doc: str | None) -> dict:
        who = self.plan.get("who", {}).get(doc or "", self.plan.get("default", {}))
        ident = self.writer.next_bookmark
        self.writer.next_bookmark += 1
        return {"id": ident, "author": who.get("author", "stkit"), "date": who.get("date", "")}

    def _mark(self, kind: str, doc: str | None):
        attrs = self._attrs(doc)
        node = ooxml.el(f"w:{kind}", id=attrs["id"], author=attrs["author"])
        if attrs["date"]:
            node.set(qn("w:date"), attrs["date"])
        self.counts[kind] += 1
        return node

    def on_block(self, block: dict) -> None:
        if not block["paragraphs"]:
            return
        first = block["paragraphs"][0]
        key = f"{block['doc']}#{block['anchor']}"  # render_docx.block_key
        for removed in self.removed_before.pop(key, []):
            for para in removed["paragraphs"]:
                first.addprevious(self._deleted_paragraph(para, removed))
        before = self.plan.get("matched", {}).get(key)
        source = _who_key(block)
        if before is None:
            for p in block["paragraphs"]:
                self._insert_whole(p, source, with_number=True)
        else:
            self._compare(block["paragraphs"], before["paragraphs"], source)
        last = block["paragraphs"][-1]
        while last.getnext() is not None and _is_deleted(last.getnext()):
            last = last.getnext()  # after the paragraphs deleted at the end of the block
        for removed in self.removed_after.pop(key, []):
            for para in removed["paragraphs"]:
                deleted = self._deleted_paragraph(para, removed)
                last.addnext(deleted)
                last = deleted
        self.last_paragraph = last

    def on_document_start(self, docname: str) -> None:
        self.document_start = self.writer.body_end.getprevious()

    def on_document_end(self, docname: str) -> None:
        """Blocks removed from the end of a document's sections go back before the paragraph
        that followed them in BASE (an editor's note, the next heading) when the document
        still has it, else after what the document holds now."""
        end = self.writer.body_end
        for removed in self.removed_end_of.pop(docname, []):
            place = self._paragraph_with(removed.get("next"), end)
            for para in removed["paragraphs"]:
                (place if place is not None else end).addprevious(self._deleted_paragraph(para, removed))

    def _paragraph_with(self, key: str | None, end):
        """The first paragraph of the current document whose text is `key`."""
        if not key:
            return None
        node = self.document_start.getnext() if self.document_start is not None else None
        while node is not None and node is not end:
            if node.tag == qn("w:p") and not _is_deleted(node) and paragraph_key(node, self.number_style) == key:
                return node
            node = node.getnext()
        return None

    def finish(self) -> None:
        """Blocks removed after the last block of the current text go after it."""
        anchor = self.last_paragraph
        left = [e for v in (*self.removed_before.values(), *self.removed_after.values(),
                            *self.removed_end_of.values()) for e in v]
        for removed in self.removed_at_end + left:
            for para in removed["paragraphs"]:
                deleted = self._deleted_paragraph(para, removed)
                if anchor is None:
                    self.writer.doc.element.body.insert(0, deleted)
                else:
                    anchor.addnext(deleted)
                anchor = deleted

    # --- per block -----------------------------------------------------------------------

    def _compare(self, ps: list, old: list[dict], source: str) -> None:
        texts_new = [paragraph_key(p, self.number_style) for p in ps]
        texts_old = [o.get("key", normalise(o["text"])) for o in old]
        matcher = difflib.SequenceMatcher(None, texts_old, texts_new, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
            for k in range(pairs):
                self._redline(ps[j1 + k], old[i1 + k]["text"], source)
            for j in range(j1 + pairs, j2):
                self._insert_whole(ps[j], source, with_number=False)
            anchor = ps[j2 - 1] if j2 > j1 else (ps[j1 - 1] if j1 else None)
            for i in range(i1 + pairs, i2):
                deleted = self._deleted_paragraph(old[i], {"doc": source, "kind": ""})
                if anchor is None:
                    ps[0].addprevious(deleted)
                else:
                    anchor.addnext(deleted)
                anchor = deleted

    def _insert_whole(self, p, source: str, *, with_number: bool) -> None:
        runs = [r for r in p.iter(W_R) if with_number or _run_style(r) != self.number_style]
        self._wrap(runs, "ins", source)
        _paragraph_mark(p).append(self._mark("ins", source))

    def _wrap(self, runs: list, kind: str, source: str) -> None:
        """Wrap consecutive runs with the same parent in one w:ins."""
        group, parent = None, None
        for r in runs:
            if group is None or r.getparent() is not parent or r.getprevious() is not group:
                group = self._mark(kind, source)
                r.addprevious(group)
                parent = r.getparent()
            group.append(r)

    def _deleted_paragraph(self, para: dict, block: dict):
        source = "registry" if block.get("kind") == "req" else block.get("doc") or ""
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        ppr.append(ooxml.el("w:pStyle", val=para.get("style") or "Normal"))
        p.append(ppr)
        _paragraph_mark(p).append(self._mark("del", source))
        deleted = self._mark("del", source)
        p.append(deleted)
        if para.get("number"):
            deleted.append(_del_run(para["number"], style=self.number_style))
            r = OxmlElement("w:r")
            r.append(OxmlElement("w:tab"))
            deleted.append(r)
        deleted.append(_del_run(normalise(para["text"])))
        return p

    def _redline(self, p, before: str, source: str) -> None:
        runs = text_runs(p, self.number_style)
        raw = "".join(_run_text(r) for r in runs)
        segments = redline(before, raw)
        if all(op == "=" for op, _ in segments):
            return
        positions, end = _normal_positions(raw)

        def raw_at(k: int) -> int:
            return positions[k] if k < len(positions) else end

        inserted, deleted, k = [], [], 0
        for op, text in segments:
            if op == "+":
                inserted.append((raw_at(k), raw_at(k + len(text))))
                k += len(text)
            elif op == "-":
                deleted.append((raw_at(k), text))
            else:
                k += len(text)
        cuts = sorted({x for a, b in inserted for x in (a, b)} | {x for x, _ in deleted})
        runs = _split(runs, cuts)
        spans, pos = [], 0
        for r in runs:
            n = len(_run_text(r))
            spans.append((r, pos, pos + n))
            pos += n
        for a, b in inserted:
            self._wrap([r for r, s, e in spans if a <= s < b and e > s], "ins", source)
        for x, text in deleted:
            node = self._mark("del", source)
            after = next(((r, s) for r, s, e in spans if s >= x and e > s), None)
            ref = after[0] if after else (spans[-1][0] if spans else None)
            rpr = ref.find(W_RPR) if ref is not None else None
            node.append(_del_run(text, rpr=rpr))
            if after is not None:
                anchor = ref.getparent() if ref.getparent().tag == W_INS else ref
                anchor.addprevious(node)
            elif ref is not None:
                anchor = ref.getparent() if ref.getparent().tag == W_INS else ref
                anchor.addnext(node)
            else:
                p.append(node)


def _is_deleted(p) -> bool:
    rpr = p.find(f"{W_PPR}/{W_RPR}")
    return p.tag == qn("w:p") and rpr is not None and rpr.find(W_DEL) is not None


def _who_key(block: dict) -> str:
    return "registry" if block["kind"] == "req" else block["doc"]


def _paragraph_mark(p):
    ppr = p.find(W_PPR)
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    rpr = ppr.find(W_RPR)
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        sect = ppr.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(rpr)
        else:
            ppr.append(rpr)
    return rpr


def _del_run(text: str, *, style: str | None = None, rpr=None):
    r = OxmlElement("w:r")
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    elif style:
        props = OxmlElement("w:rPr")
        props.append(ooxml.el("w:rStyle", val=style))
        r.append(props)
    t = OxmlElement("w:delText")
    t.text = text
    t.set(XML_SPACE, "preserve")
    r.append(t)
    return r


def _normal_positions(raw: str) -> tuple[list[int], int]:
    """For each character of normalise(raw), its index in `raw`; and the end of the text."""
    positions, i, n = [], 0, len(raw)
    while i < n and raw[i].isspace():
        i += 1
    last = i
    while i < n:
        if raw[i].isspace():
            j = i
            while j < n and raw[j].isspace():
                j += 1
            if j < n:
                positions.append(i)
            i = j
        else:
            positions.append(i)
            i += 1
            last = i
    return positions, last


def _splittable(r) -> bool:
    content = [c for c in r if c.tag != W_RPR]
    return len(content) == 1 and content[0].tag == W_T


def _split(runs: list, cuts: list[int]) -> list:
    """Split runs at the raw text positions `cuts` (a run that is more than plain text, such
    as an identifier with no-break hyphens, is kept whole)."""
    out, pos = [], 0
    for r in runs:
        text = _run_text(r)
        start, end = pos, pos + len(text)
        pos = end
        inner = [c - start for c in cuts if start < c < end]
        if not inner or not _splittable(r):
            out.append(r)
            continue
        pieces, prev = [], 0
        for c in inner + [len(text)]:
            pieces.append(text[prev:c])
            prev = c
        current = r
        current.find(W_T).text = pieces[0]
        out.append(current)
        for piece in pieces[1:]:
            clone = copy.deepcopy(r)
            clone.find(W_T).text = piece
            current.addnext(clone)
            current = clone
            out.append(clone)
    return out
