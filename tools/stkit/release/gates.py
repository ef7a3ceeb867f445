"""The release gates: everything that refuses a release, checked before anything is written.

Each problem is one line, `path:line:col: what is wrong; what to do`, or `what is wrong;
what to do` where no place fits. A draft (`--draft`) passes through the same gates except
those about adoption: its status is a draft status, and editor's notes and unverified
catalogue facts are allowed (the notes are boxed in the draft; they are how the Task Force
asks the CWS its open questions).
"""

from __future__ import annotations

from pathlib import Path

from ..checks import run_checks
from ..diagnostics import Diagnostic
from ..model import Loc, Metadata
from ..rules import RULES
from ..project import Project
from ..yamlsrc import YamlDoc
from . import git

# Notes that an adopted release refuses: a catalogue fact cited by the standard, or an IP5
# principle it implements, that no editor has verified yet.
ADOPTION_NOTES = ("XRF009", "IP5004")
# Notes an adopted release refuses too: a message untranslated or outdated in a language the
# registry lists (an adopted standard is published complete in each of its languages).
ADOPTION_NOTES += ("TRN001", "TRN002")
# Why an adopted release refuses the note, by rule family.
ADOPTION_REASONS = {"TRN": "an adopted release is published complete in each of its languages",
                    "": "an adopted release cites only verified facts"}
EDITOR_NOTE = "editor-note"
DRAFT_STATUSES = ("working-draft", "final-draft")
FIRST_RELEASE_VERSION = (1, 0)
CONF = "conf.py"


def refusals(root: Path, project: Project, doc: YamlDoc | None, *, draft: bool,
             dist: Path, force: bool) -> list[str]:
    """Every reason to refuse this release, in the order a person fixes them. The status
    comes first: a draft released without --draft is refused for that, whatever else (editor's
    notes, unverified facts, adoption fields) follows from its being a draft."""
    problems = []
    if project.registry is not None:
        problems += status_problems(project.registry.metadata, doc, draft=draft)
    problems += repository_problems(root, dist)
    problems += check_problems(project, adopted=not draft)
    if project.registry is not None:
        md = project.registry.metadata
        if not draft:
            problems += editor_note_problems(project)
            problems += open_comment_problems(project)
        problems += existing_release_problems(root, dist, bundle_stem(md, draft), force=force)
    if not (root / CONF).is_file():
        problems.append(f"{CONF}: not found; the release builds the standard with the Sphinx "
                        f"configuration at the top of the project")
    return problems


def bundle_stem(md: Metadata, draft: bool) -> str:
    """`ST.XX-1.0` for an adopted release; `ST.XX-0.2-draft` for a draft, so that a final
    draft of 1.0 and the adopted 1.0 never share a file name."""
    return f"{md.file_stem}-draft" if draft else md.file_stem


def repository_problems(root: Path, dist: Path) -> list[str]:
    if not git.is_repository(root):
        return [f"{root.name}: not a git repository; a release is built from a commit: put the "
                f"standard under git and commit it"]
    if not git.has_commit(root):
        return [f"{root.name}: the repository has no commit yet; commit the standard first"]
    exclude = []
    if dist.resolve().is_relative_to(root.resolve()):
        exclude.append(dist.resolve().relative_to(root.resolve()).as_posix())
    return [f"{path}: {state}; commit or remove it, a release is built from a clean working "
            f"tree" for path, state in git.dirty_paths(root, exclude)]


def check_problems(project: Project, *, adopted: bool) -> list[str]:
    """`stkit check -W`: errors and warnings refuse the release; for an adopted release the
    notes about unverified catalogue facts too."""
    refused = []
    for d in run_checks(project):
        if d.severity in ("error", "warning") or (adopted and d.code in ADOPTION_NOTES):
            refused.append(_diagnostic_line(d, adopted))
    return refused


def _diagnostic_line(d: Diagnostic, adopted: bool) -> str:
    text = f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}"
    fix = d.fix or (RULES[d.code].fix.strip() if d.code in RULES else "")
    if d.severity == "note" and adopted:
        text += "; " + ADOPTION_REASONS.get(d.code[:3], ADOPTION_REASONS[""])
        return text + (f": {_lower_first(fix)}" if fix else "")
    if fix:
        return text + f"; {_lower_first(fix)}"
    return text + f"; see `stkit explain {d.code}`"


def _lower_first(text: str) -> str:
    text = text.rstrip(".")
    return text[:1].lower() + text[1:]


def editor_note_problems(project: Project) -> list[str]:
    return [f"{d.loc}: editor's note left in the text; settle the question and delete the "
            f"{{{EDITOR_NOTE}}} (or release a draft with --draft)"
            for sf in project.sources for d in sf.directives
            if d.role == "directive" and d.target == EDITOR_NOTE]


def open_comment_problems(project: Project) -> list[str]:
    """Every comment of a round still open: an adopted standard answers each (CMT003)."""
    from ..comments.checks import open_comment_lines

    return [f"{line}; an adopted release answers every comment: record the decision and the "
            f"response with `stkit comments dispose`" for line in open_comment_lines(project)]


def status_problems(md: Metadata, doc: YamlDoc | None, *, draft: bool) -> list[str]:
    def at(field: str) -> Loc:
        if doc is None:
            return md.loc
        line, col = doc.position(("metadata", field))
        return Loc(md.loc.path, line, col)

    if draft:
        if md.status not in DRAFT_STATUSES:
            return [f"{at('status')}: status is {md.status}, not a draft status; release an "
                    f"adopted standard without --draft"]
        return []
    problems = []
    if md.status != "adopted":
        problems.append(f"{at('status')}: status is {md.status}; a release needs status: adopted "
                        f"(for a draft, run `stkit release --draft` or `make release DRAFT=1`)")
    if md.cws_session is None:
        problems.append(f"{at('cws_session')}: cws_session is missing; give the CWS session that "
                        f"adopted the standard")
    if md.adoption_date is None:
        problems.append(f"{at('adoption_date')}: adoption_date is missing; give the date the CWS "
                        f"adopted the standard")
    if git.version_key(md.version) < FIRST_RELEASE_VERSION:
        problems.append(f"{at('version')}: version {md.version} is a draft version; an adopted "
                        f"release is version 1.0 or later")
    return problems


def existing_release_problems(root: Path, dist: Path, stem: str, *, force: bool) -> list[str]:
    if force:
        return []
    shown = _shown(root, dist)
    for name in (stem, f"{stem}.zip"):
        if (dist / name).exists():
            return [f"{shown}/{name}: a release of this version exists already; give the registry "
                    f"a new version, or replace it with --force (make release FORCE=1)"]
    return []


def _shown(root: Path, dist: Path) -> str:
    try:
        return dist.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(dist)
