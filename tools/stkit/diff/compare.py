"""Compare two loaded versions of the standard and classify every change.

Requirements are keyed by ID, so a requirement placed in another file or section is a move,
never a deletion plus an addition. Numbered paragraphs have no ID: they are matched by
label first, then in order by identical text, then by similarity of their words, so that
inserting one paragraph reports one addition and the paragraphs after it as renumbered.

The result is plain data (dicts, lists, strings) with the stable keys documented in
docs/review.md; the renderers (Markdown, JSON, HTML) only present it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import fields

from ..coverage import coverage
from ..model import Metadata, Paragraph, Requirement, SourceFile
from ..project import Project
from .redline import normalise, redline

SCHEMA = "stkit-diff/1"
STRENGTH = {"may": 1, "should": 2, "shall": 3}
SIMILAR = 0.5  # word similarity (difflib ratio) above which two paragraphs are one, reworded
# Fields compared as plain values: (registry field, change kind).
_SCALARS = ("category", "level", "applies_to", "since", "replaced_by")
_TEXTS = ("title", "rationale")
_LISTS = ("references", "ip5", "challenges", "waivers")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def compare(base: Project, head: Project, base_side: dict, head_side: dict,
            pairs: list[tuple[int, int]] | None = None) -> dict:
    """The change report between two loaded projects (both with a registry). `pairs`: the
    numbered paragraphs already matched (a report in a language matches them in English)."""
    requirements, errors = _requirements(base, head)
    paragraphs = _paragraphs(base.paragraphs, head.paragraphs, pairs)
    metadata = _metadata(base.registry.metadata, head.registry.metadata)
    coverage = _coverage(base, head)
    report = {
        "schema": SCHEMA,
        "base": {**base_side, **_side(base)},
        "head": {**head_side, **_side(head)},
        "errors": errors,
        "requirements": requirements,
        "paragraphs": paragraphs,
        "metadata": metadata,
        "coverage": coverage,
    }
    report["summary"] = summarise(report)
    return report


def _side(project: Project) -> dict:
    md = project.registry.metadata
    return {"version": md.version, "status": md.status, "date": md.date,
            "requirements": len(project.registry.requirements),
            "active": len(project.registry.active), "paragraphs": len(project.paragraphs)}


# --- requirements -------------------------------------------------------------------------

def _requirements(base: Project, head: Project) -> tuple[list[dict], list[dict]]:
    old, new = base.registry.by_id, head.registry.by_id
    where_old, where_new = placements(base), placements(head)
    headings_new = {sf.path: {h for _, h in _headings(sf)} for sf in head.sources}
    out, errors = [], []
    for rid in sorted(set(old) | set(new)):
        before, after = old.get(rid), new.get(rid)
        if after is None:
            message = (f"{rid} is in the base revision but not in the head revision: requirement "
                       "IDs are never deleted; set status: withdrawn instead")
            errors.append({"id": rid, "message": message})
            out.append(_entry(before, [{"kind": "removed", "status": before.status,
                                        "placed": where_old.get(rid)}]))
            continue
        if before is None:
            out.append(_entry(after, [{"kind": "added", "status": after.status,
                                       "obligation": after.obligation, "category": after.category,
                                       "level": after.level, "statement": after.statement,
                                       "placed": where_new.get(rid)}]))
            continue
        changes = _changed(before, after, where_old.get(rid), where_new.get(rid), headings_new)
        if changes:
            out.append(_entry(after, changes))
    return out, errors


def _entry(req: Requirement, changes: list[dict]) -> dict:
    return {"id": req.id, "title": req.title, "obligation": req.obligation, "status": req.status,
            "changes": changes}


def _changed(old: Requirement, new: Requirement, was: dict | None, now: dict | None,
             headings_new: dict[str, set[str]]) -> list[dict]:
    changes: list[dict] = []
    withdrawn = old.status == "active" and new.status == "withdrawn"
    if withdrawn:
        changes.append({"kind": "withdrawn", "withdrawn_in": new.withdrawn_in,
                        "reason": new.withdrawn_reason, "replaced_by": new.replaced_by,
                        "placed": was})
    elif old.status != new.status:
        changes.append({"kind": "status", "before": old.status, "after": new.status})
    keyword_only = False
    if old.obligation != new.obligation:
        stronger = STRENGTH[new.obligation] > STRENGTH[old.obligation]
        keyword_only = _swap_keyword(old.statement, old.obligation, new.obligation) == normalise(new.statement)
        changes.append({"kind": "obligation", "before": old.obligation, "after": new.obligation,
                        "direction": "stronger" if stronger else "weaker", "significant": True,
                        "redline": redline(old.statement, new.statement)})
    if normalise(old.statement) != normalise(new.statement) and not keyword_only:
        changes.append({"kind": "reworded", "before": old.statement, "after": new.statement,
                        "redline": redline(old.statement, new.statement)})
    for name in _LISTS:
        a, b = _items(getattr(old, name)), _items(getattr(new, name))
        if a != b:
            changes.append({"kind": name, "added": [x for x in b if x not in a],
                            "removed": [x for x in a if x not in b]})
    for name in _SCALARS:
        a, b = getattr(old, name), getattr(new, name)
        if a != b and not (withdrawn and name == "replaced_by"):
            changes.append({"kind": name, "before": a, "after": b})
    if not withdrawn and (old.withdrawn_reason != new.withdrawn_reason or old.withdrawn_in != new.withdrawn_in):
        changes.append({"kind": "withdrawal", "before": {"in": old.withdrawn_in, "reason": old.withdrawn_reason},
                        "after": {"in": new.withdrawn_in, "reason": new.withdrawn_reason}})
    for name in _TEXTS:
        a, b = getattr(old, name), getattr(new, name)
        if normalise(a) != normalise(b):
            changes.append({"kind": name, "before": a, "after": b, "redline": redline(a, b)})
    if was and now and _moved(was, now, headings_new):
        changes.append({"kind": "moved", "before": was, "after": now})
    elif now and not was:
        changes.append({"kind": "placed", "after": now})
    elif was and not now and not withdrawn:
        changes.append({"kind": "unplaced", "before": was})
    return changes


def _swap_keyword(statement: str, old: str, new: str) -> str:
    def repl(m: re.Match) -> str:
        return new.capitalize() if m.group(0)[0].isupper() else new
    return normalise(re.sub(rf"\b{old}\b", repl, statement, count=1, flags=re.IGNORECASE))


def _items(values: list) -> list[str]:
    return sorted({str(v) for v in values})


def _moved(was: dict, now: dict, headings_new: dict[str, set[str]]) -> bool:
    if was["file"] != now["file"]:
        return True
    # Within a file, a change of section counts only when the old section still exists:
    # renaming a heading does not move the requirements under it.
    return was["section"] != now["section"] and was["section"] in headings_new.get(now["file"], set())


def placements(project: Project) -> dict[str, dict]:
    """Where each requirement is placed: {id: {"file": path, "section": heading}}."""
    out: dict[str, dict] = {}
    for sf in project.sources:
        if not sf.placements:
            continue
        heads = _headings(sf)
        for placement in sf.placements:
            section = sf.title
            for line, title in heads:
                if line > placement.loc.line:
                    break
                section = title
            out.setdefault(placement.req_id, {"file": sf.path, "section": section})
    return out


def _headings(sf: SourceFile) -> list[tuple[int, str]]:
    """(line, title) of each Markdown heading outside code fences and directives."""
    out, fence = [], None
    for number, line in enumerate(sf.text.split("\n"), start=1):
        m = _FENCE.match(line)
        if m:
            mark = m.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not line.strip()[len(mark):].strip():
                fence = None
            continue
        if fence is None:
            h = _HEADING.match(line)
            if h:
                out.append((number, h.group(2)))
    return out


# --- paragraphs ---------------------------------------------------------------------------

def _paragraphs(old: list[Paragraph], new: list[Paragraph],
                pairs: list[tuple[int, int]] | None = None) -> list[dict]:
    pairs = match_paragraphs(old, new) if pairs is None else pairs
    matched_old = {i for i, _ in pairs}
    matched_new = {j for _, j in pairs}
    out = []
    for i, j in pairs:
        a, b = old[i], new[j]
        if normalise(a.text) != normalise(b.text):
            entry = _para("reworded", a, b, redline=redline(a.text, b.text))
        elif a.loc.path != b.loc.path:
            entry = _para("moved", a, b)
        elif a.display != b.display:
            entry = _para("renumbered", a, b)
        else:
            continue
        out.append(((0, j), entry))
    out += [((0, j), _para("added", None, new[j], text=new[j].text))
            for j in range(len(new)) if j not in matched_new]
    out += [((1, i), _para("removed", old[i], None, text=old[i].text))
            for i in range(len(old)) if i not in matched_old]
    return [entry for _, entry in sorted(out, key=lambda item: item[0])]


def _para_ref(p: Paragraph) -> dict:
    return {"file": p.loc.path, "number": p.display, "label": p.label, "line": p.loc.line}


def _para(change: str, a: Paragraph | None, b: Paragraph | None, **extra) -> dict:
    return {"change": change, "before": _para_ref(a) if a else None,
            "after": _para_ref(b) if b else None, **extra}


def match_paragraphs(old: list[Paragraph], new: list[Paragraph]) -> list[tuple[int, int]]:
    """Pairs (index in old, index in new) of the same paragraph in both versions."""
    pairs: list[tuple[int, int]] = []
    labels_new = {p.label: j for j, p in enumerate(new) if p.label}
    for i, p in enumerate(old):
        if p.label and p.label in labels_new:
            pairs.append((i, labels_new.pop(p.label)))
    paired_old, paired_new = {a for a, _ in pairs}, {b for _, b in pairs}
    free_old = [i for i in range(len(old)) if i not in paired_old]
    free_new = [j for j in range(len(new)) if j not in paired_new]
    texts_old = [normalise(old[i].text) for i in free_old]
    texts_new = [normalise(new[j].text) for j in free_new]
    blocks = []
    matcher = difflib.SequenceMatcher(None, texts_old, texts_new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs += [(free_old[i1 + k], free_new[j1 + k]) for k in range(i2 - i1)]
        else:
            blocks.append(([free_old[i] for i in range(i1, i2)], [free_new[j] for j in range(j1, j2)]))
    words = {}

    def w(side: str, k: int) -> list[str]:
        key = (side, k)
        if key not in words:
            words[key] = normalise((old if side == "o" else new)[k].text).split()
        return words[key]

    leftover_old, leftover_new = [], []
    for olds, news in blocks:
        got = _pair_similar(olds, news, w)
        pairs += got
        leftover_old += [i for i in olds if i not in {a for a, _ in got}]
        leftover_new += [j for j in news if j not in {b for _, b in got}]
    # A paragraph moved far away (another file): identical text anywhere.
    by_text: dict[str, list[int]] = {}
    for j in leftover_new:
        by_text.setdefault(normalise(new[j].text), []).append(j)
    for i in leftover_old:
        candidates = by_text.get(normalise(old[i].text))
        if candidates:
            pairs.append((i, candidates.pop(0)))
    return sorted(pairs)


def _pair_similar(olds: list[int], news: list[int], w) -> list[tuple[int, int]]:
    """Best-first pairing of the paragraphs of one changed stretch, keeping their order."""
    scored = []
    for i in olds:
        for j in news:
            sm = difflib.SequenceMatcher(None, w("o", i), w("n", j), autojunk=False)
            if sm.real_quick_ratio() < SIMILAR or sm.quick_ratio() < SIMILAR:
                continue
            ratio = sm.ratio()
            if ratio >= SIMILAR:
                scored.append((-ratio, i, j))
    got: list[tuple[int, int]] = []
    for _, i, j in sorted(scored):
        if any(a == i or b == j or (a < i) != (b < j) for a, b in got):
            continue
        got.append((i, j))
    return got


# --- metadata and coverage ----------------------------------------------------------------

def _metadata(old: Metadata, new: Metadata) -> list[dict]:
    out = []
    for f in fields(Metadata):
        if f.name == "loc":
            continue
        a, b = getattr(old, f.name), getattr(new, f.name)
        if a != b:
            out.append({"field": f.name, "before": a, "after": b})
    return out


def coverage_states(project: Project) -> tuple[dict[str, str], dict[str, str]]:
    """Each IP5 principle's and survey challenge's state: implemented / answered by active
    requirements, deviation / out-of-scope as recorded, or uncovered."""
    cov, cats = coverage(project.registry), project.catalogues
    return ({pid: cov.principle_state(pid) for pid in cats.principles},
            {cid: cov.challenge_state(cid) for cid in cats.challenges})


def _coverage(base: Project, head: Project) -> dict:
    (p0, c0), (p1, c1) = coverage_states(base), coverage_states(head)
    return {"ip5": _delta(p0, p1), "challenges": _delta(c0, c1)}


def _delta(old: dict[str, str], new: dict[str, str]) -> dict:
    out = {"newly_covered": [], "left_uncovered": [], "changed": []}
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key, "uncovered"), new.get(key, "uncovered")
        if a == b:
            continue
        entry = {"id": key, "before": a, "after": b}
        if a == "uncovered":
            out["newly_covered"].append(entry)
        elif b == "uncovered":
            out["left_uncovered"].append(entry)
        else:
            out["changed"].append(entry)
    return out


# --- counts -------------------------------------------------------------------------------

def summarise(report: dict) -> dict:
    kinds: dict[str, int] = {}
    for entry in report["requirements"]:
        for change in entry["changes"]:
            kinds[change["kind"]] = kinds.get(change["kind"], 0) + 1
    obligations = [c for e in report["requirements"] for c in e["changes"] if c["kind"] == "obligation"]
    main = {"added", "withdrawn", "removed", "reworded", "obligation", "moved"}
    other = sum(1 for e in report["requirements"]
                if not any(c["kind"] in main for c in e["changes"]))
    paras = {k: sum(1 for p in report["paragraphs"] if p["change"] == k)
             for k in ("added", "removed", "reworded", "renumbered", "moved")}
    cov = report["coverage"]
    return {
        "errors": len(report["errors"]),
        "requirements_added": kinds.get("added", 0),
        "requirements_withdrawn": kinds.get("withdrawn", 0),
        "requirements_removed": kinds.get("removed", 0),
        "statements_reworded": kinds.get("reworded", 0),
        "obligations_changed": len(obligations),
        "obligations_stronger": sum(1 for c in obligations if c["direction"] == "stronger"),
        "obligations_weaker": sum(1 for c in obligations if c["direction"] == "weaker"),
        "requirements_moved": kinds.get("moved", 0),
        "requirements_otherwise_changed": other,
        **{f"paragraphs_{k}": n for k, n in paras.items()},
        "metadata_changed": len(report["metadata"]),
        "ip5_newly_covered": len(cov["ip5"]["newly_covered"]),
        "ip5_left_uncovered": len(cov["ip5"]["left_uncovered"]),
        "challenges_newly_covered": len(cov["challenges"]["newly_covered"]),
        "challenges_left_uncovered": len(cov["challenges"]["left_uncovered"]),
    }
