"""The report as a pull-request comment: a one-line summary, then short sections.

Everything taken from the standard is escaped (HTML and Markdown), so a statement can
neither inject markup into the comment nor break its layout. Long redlines are folded in
<details>. The comment stays below GitHub's size limit: beyond `LIMIT` characters it is cut
at a line and says where the full report is.
"""

from __future__ import annotations

import re

from .languages import KINDS, grouped, summary_piece
from .redline import changed_size, normalise

LIMIT = 60000  # GitHub refuses comments over 65536 characters
FOLD = 240  # a redline longer than this (in characters) is folded
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def esc(text) -> str:
    """Text from the standard, safe in a comment: one line, HTML and Markdown escaped."""
    return _esc_raw(normalise(str(text)))


def _esc_raw(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def code(text) -> str:
    """Inline code that survives any backticks inside."""
    text = normalise(str(text)).replace("`", "'")
    return f"`{text}`"


def redline_md(segments) -> str:
    out = []
    for op, text in segments:
        text = re.sub(r"\s+", " ", text)
        core = text.strip()
        if op == "=" or not core:
            out.append(_esc_raw(text))
            continue
        tag = "del" if op == "-" else "ins"
        lead = " " if text.startswith(" ") else ""
        trail = " " if text.endswith(" ") else ""
        out.append(f"{lead}<{tag}>{_esc_raw(core)}</{tag}>{trail}")
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _folded(title: str, segments) -> list[str]:
    body = redline_md(segments)
    if changed_size(segments) + len(body) // 4 <= FOLD and len(body) <= 2 * FOLD:
        return [f"- {title}: {body}"]
    return [f"- <details><summary>{title}</summary>", "", f"  {body}", "", "  </details>"]


def _place(where: dict | None) -> str:
    if not where:
        return "not placed"
    return f"{code(where['file'])} § {esc(where['section'] or '')}".rstrip(" §")


def _ref(req: dict) -> str:
    return f"**{esc(req['id'])}** {esc(req['title'])}"


def summary_line(report: dict, plain: bool = False) -> str:
    """The first line: counts of each kind of change. `plain`: without Markdown markup."""
    s, base, head = report["summary"], report["base"], report["head"]
    fmt = (lambda text: normalise(str(text))) if plain else code
    head_name = "the working tree" if head["commit"] is None else fmt(head["rev"])
    parts = []
    for key, word in (("requirements_added", "added"), ("requirements_withdrawn", "withdrawn"),
                      ("requirements_removed", "removed (error)"), ("statements_reworded", "reworded"),
                      ("obligations_changed", "obligation changed"), ("requirements_moved", "moved"),
                      ("requirements_otherwise_changed", "otherwise changed")):
        if s[key]:
            parts.append(f"{s[key]} {word}")
    reqs = "requirements: " + ", ".join(parts) if parts else "requirements: no change"
    paras = [f"{s[f'paragraphs_{k}']} {k}" for k in ("added", "removed", "reworded", "renumbered", "moved")
             if s[f"paragraphs_{k}"]]
    pieces = [reqs, "paragraphs: " + (", ".join(paras) if paras else "no change")]
    if s["metadata_changed"]:
        pieces.append(f"metadata: {s['metadata_changed']} field{'s' if s['metadata_changed'] != 1 else ''}")
    cov = s["ip5_newly_covered"] + s["ip5_left_uncovered"] + s["challenges_newly_covered"] + \
        s["challenges_left_uncovered"]
    if cov:
        pieces.append(f"coverage: {cov} change{'s' if cov != 1 else ''}")
    translations = summary_piece(report.get("translations", []))
    if translations:
        pieces.append(translations)
    mark = "❌ " if s["errors"] else ""
    bold = "" if plain else "**"
    lang = f", {report['lang']['name']} text" if report.get("lang") else ""
    return (f"{mark}{bold}Changes since {fmt(base['rev'])}{lang}{bold} ({fmt(base['commit'][:10])} → "
            f"{head_name}): " + "; ".join(pieces))


def language_note(report: dict) -> str | None:
    """In a report in a language: how its texts are shown (one sentence)."""
    lang = report.get("lang")
    if not lang:
        return None
    return (f"The texts are those a {lang['name']} reader sees at each revision: a text without a "
            f"current translation is shown in English after {lang['mark']}, as the {lang['name']} "
            "build shows it.")



def render(report: dict) -> str:
    lines = [summary_line(report), ""]
    note = language_note(report)
    if note:
        lines += [f"_{esc(note)}_", ""]
    head_count = len(lines)
    by_kind: dict[str, list[tuple[dict, dict]]] = {}
    for entry in report["requirements"]:
        for change in entry["changes"]:
            by_kind.setdefault(change["kind"], []).append((entry, change))

    def section(title: str, body: list[str]) -> None:
        if body:
            lines.extend([f"### {title}", "", *body, ""])

    section("Errors", [f"- ❌ {esc(e['message'])}" for e in report["errors"]])
    section("Obligations changed (significant)", [
        f"- {_ref(e)}: {c['before']} → **{c['after']}** ({c['direction']})"
        for e, c in by_kind.get("obligation", [])])
    section("Requirements added", [
        f"- {_ref(e)} ({c['obligation']}, {esc(c['category'])}, {_level(c['level'])}), {_place(c['placed'])}"
        for e, c in by_kind.get("added", [])])
    section("Requirements withdrawn", [
        f"- {_ref(e)}" + (f": {esc(c['reason'])}" if c["reason"] else "")
        + (f" (replaced by **{esc(c['replaced_by'])}**)" if c["replaced_by"] else "")
        for e, c in by_kind.get("withdrawn", [])])
    section("Statements reworded", [line for e, c in by_kind.get("reworded", [])
                                    for line in _folded(_ref(e), c["redline"])])
    section("Requirements moved", [
        f"- {_ref(e)}: {_place(c['before'])} → {_place(c['after'])}" for e, c in by_kind.get("moved", [])])
    section("Other requirement changes", _other(report))
    section("Paragraphs", _paragraphs(report["paragraphs"]))
    section("Metadata", [f"- {esc(m['field'])}: {code(m['before'])} → {code(m['after'])}"
                         for m in report["metadata"]])
    section("Coverage", _coverage(report["coverage"]))
    if len(lines) == head_count:
        lines += ["No change to the requirements, the numbered paragraphs or the metadata.", ""]
    section("Translations", translation_lines(report))
    return _limit("\n".join(lines).rstrip() + "\n")


def revision_name(report: dict, side: str, fmt=None) -> str:
    fmt = fmt or code
    rev = report[side]
    return "the working tree" if rev["commit"] is None else fmt(rev["rev"])


def translation_lines(report: dict) -> list[str]:
    """Per language: the counts at both sides, then what the change made pending, added
    untranslated and newly translated, by requirement ID and paragraph number."""
    out = []
    base, head = revision_name(report, "base"), revision_name(report, "head")
    for t in report.get("translations", []):
        counts = t["counts"]
        name = f"{t['lang']} ({t['name']})"
        if not t["listed"]["base"]:
            name += f", new in this change ({base} did not list it)"
        elif not t["listed"]["head"]:
            name += f", dropped by this change ({head} does not list it)"
        out.append(f"- {name}: at {base} {count_words(counts['base'])}; at {head} "
                   f"{count_words(counts['head'], short=True)}")
        for key, title in KINDS:
            if t[key]:
                out.append(f"  - {title} ({len(t[key])}): " + "; ".join(
                    (f"**{esc(what)}** {esc(where)}" if not what.startswith("¶") else f"{what} in {code(where)}")
                    + (f" ({esc(reason)})" if reason else "") for what, where, reason in grouped(t[key])))
        for p in t["problems"]:
            out.append(f"  - ⚠️ at {revision_name(report, p['side'])}: {esc(p['message'])}")
    return out


def count_words(counts: dict, short: bool = False) -> str:
    r, p = counts["requirement_texts"], counts["paragraphs"]
    if short:
        return f"{r['translated']} of {r['total']} and {p['translated']} of {p['total']}"
    return (f"{r['translated']} of {r['total']} requirement texts and {p['translated']} of "
            f"{p['total']} numbered paragraphs translated")


def _level(level: int | None) -> str:
    return "no level" if level is None else f"level {level}"


_MAIN = {"added", "withdrawn", "removed", "reworded", "obligation", "moved"}


def _other(report: dict) -> list[str]:
    out = []
    for entry in report["requirements"]:
        bits = []
        for c in entry["changes"]:
            kind = c["kind"]
            if kind in _MAIN:
                continue
            if kind in ("references", "ip5", "challenges", "waivers"):
                items = [f"+{esc(x)}" for x in c["added"]] + [f"−{esc(x)}" for x in c["removed"]]
                bits.append(f"{kind} {', '.join(items)}")
            elif kind in ("title", "rationale"):
                bits.append(f"{kind}: {redline_md(c['redline'])}")
            elif kind == "placed":
                bits.append(f"placed in {_place(c['after'])}")
            elif kind == "unplaced":
                bits.append(f"no longer placed (was in {_place(c['before'])})")
            elif kind == "withdrawal":
                bits.append("withdrawal details changed")
            else:
                bits.append(f"{kind} {code(c['before'])} → {code(c['after'])}")
        if bits:
            out.append(f"- {_ref(entry)}: " + "; ".join(bits))
    return out


def _num(side: dict | None) -> str:
    return f"¶{side['number']}" if side else ""


def _paragraphs(paras: list[dict]) -> list[str]:
    out = []
    renumbered = [p for p in paras if p["change"] == "renumbered"]
    for p in paras:
        change, a, b = p["change"], p["before"], p["after"]
        if change == "added":
            out.append(f"- added {_num(b)} in {code(b['file'])}: {esc(_clip(p['text']))}")
        elif change == "removed":
            out.append(f"- removed {_num(a)} of {code(a['file'])}: {esc(_clip(p['text']))}")
        elif change == "moved":
            out.append(f"- moved {_num(a)} of {code(a['file'])} → {_num(b)} of {code(b['file'])}")
        elif change == "reworded":
            number = _num(b) if a["number"] == b["number"] else f"{_num(a)} → {_num(b)}"
            out += _folded(f"reworded {number} in {code(b['file'])}", p["redline"])
    if renumbered:
        runs = renumber_runs(renumbered)
        shown = ", ".join(runs[:30]) + (f" and {len(runs) - 30} more" if len(runs) > 30 else "")
        out.append(f"- renumbered, text unchanged ({len(renumbered)}): {shown}")
    return out


def _split(number: str) -> tuple[str, int] | None:
    head, _, tail = number.rpartition(".")
    return (head, int(tail)) if tail.isdigit() else None


def renumber_runs(entries: list[dict]) -> list[str]:
    """'58–137 → 59–138' for a run of consecutive paragraphs shifted alike."""
    runs: list[list[dict]] = []
    for p in entries:
        a, b = _split(p["before"]["number"]), _split(p["after"]["number"])
        if runs and a and b:
            la, lb = _split(runs[-1][-1]["before"]["number"]), _split(runs[-1][-1]["after"]["number"])
            if la and lb and (a[0], a[1], b[0], b[1]) == (la[0], la[1] + 1, lb[0], lb[1] + 1):
                runs[-1].append(p)
                continue
        runs.append([p])
    out = []
    for run in runs:
        first, last = run[0], run[-1]
        if len(run) == 1:
            out.append(f"{first['before']['number']} → {first['after']['number']}")
        else:
            out.append(f"{first['before']['number']}–{last['before']['number']} → "
                       f"{first['after']['number']}–{last['after']['number']}")
    return out


def _clip(text: str, size: int = 100) -> str:
    text = normalise(text)
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0] + " …"


def _coverage(cov: dict) -> list[str]:
    out = []
    for what, name in (("ip5", "IP5 principles"), ("challenges", "Survey challenges")):
        d = cov[what]
        if d["newly_covered"]:
            out.append(f"- {name} newly covered: " + ", ".join(f"{code(x['id'])} ({x['after']})" for x in d["newly_covered"]))
        if d["left_uncovered"]:
            out.append(f"- ⚠️ {name} left uncovered: " + ", ".join(f"{code(x['id'])} (was {x['before']})"
                                                                 for x in d["left_uncovered"]))
        if d["changed"]:
            out.append(f"- {name} changed: " + ", ".join(f"{code(x['id'])} {x['before']} → {x['after']}"
                                                        for x in d["changed"]))
    return out


def _limit(text: str) -> str:
    if len(text) <= LIMIT:
        return text
    cut = text[:LIMIT].rsplit("\n", 1)[0]
    opened = cut.count("<details>") - cut.count("</details>")
    return cut + "\n" + "\n</details>\n" * opened + \
        "\n… the report is longer than a comment allows; the full report is in the preview artifact " \
        "(changes.html).\n"
