"""Filled forms -> comment records in comments/<round>.yaml.

Every problem of every form is collected first, one located line each (form, table or
sheet, row, column); when there is any, nothing is written. Rows without a comment or a
proposed change are skipped; a row identical to a comment already recorded (the same form
imported again) adds nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..gitrev import resolve
from ..errors import UsageError
from ..project import FsTree, Project, load_project
from . import read_csv, read_docx, read_xlsx
from .anchors import Revisions, find_at
from .errors import CommentsError, FormError, FormProblem
from .form import REF_FORMS, TYPES, FormInfo, parse_office, parse_ref, parse_type
from .records import Anchor, Comment, Round, Source
from .rows import Form, Row, Table
from .store import load_round, save_round

READERS = {".docx": read_docx.read, ".xlsx": read_xlsx.read, ".csv": read_csv.read,
           ".txt": read_csv.read}


@dataclass
class FormResult:
    form: str
    added: list[str] = field(default_factory=list)  # new comment ids
    already: int = 0  # rows already recorded
    info: FormInfo | None = None


@dataclass
class ImportResult:
    round: Round
    forms: list[FormResult]
    problems: list[FormProblem]
    written: Path | None = None


def current_project(root: Path) -> Project:
    project = load_project(FsTree(root))
    if project.registry is None:
        d = next(d for d in project.load_diagnostics if d.severity == "error")
        raise CommentsError(f"{d.path}:{d.line}:{d.col}: {d.code} {d.message} (the registry must "
                            f"load; `stkit check` says more)")
    return project


def read_form(path: Path) -> Form:
    name = path.name
    if not path.exists():
        raise FormError(FormProblem(name, "", "no such file"))
    if not path.is_file():
        raise FormError(FormProblem(name, "", "not a regular file"))
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise FormError(FormProblem(name, "", f"cannot read '{path.suffix or 'no extension'}' files: "
                                    "save the form as .docx, .xlsx or .csv"))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FormError(FormProblem(name, "", f"cannot be read: {exc.strerror}")) from None
    return reader(name, raw)


def import_forms(root: Path, paths: list[Path], round_name: str, *, office: str | None = None,
                 revision: str | None = None, dry_run: bool = False) -> ImportResult:
    root = Path(root)
    if office is not None and parse_office(office) is None:
        raise UsageError(f"--office '{office}' is not an office code (two letters of WIPO ST.3, e.g. EP)")
    office = parse_office(office) if office is not None else None
    project = current_project(root)
    rnd, _ = load_round(root, round_name, must_exist=False)
    if not rnd.standard:
        rnd.standard = project.registry.metadata.number
    revisions = Revisions(root, project.catalogues)
    fallback = _fallback_info(root, revision, revisions) if revision else None
    known = {c.identity() for c in rnd.comments}
    problems: list[FormProblem] = []
    results: list[FormResult] = []
    new: list[Comment] = []
    for path in paths:
        result = FormResult(path.name)
        results.append(result)
        try:
            form = read_form(path)
        except FormError as exc:
            problems.append(exc.problem)
            continue
        info = form.info or fallback
        if info is None:
            problems.append(FormProblem(form.name, "", "the form does not say which revision of the "
                                        "standard it was made on (its identification line is gone); "
                                        "give it with --revision REV"))
            continue
        try:  # a form may name its commit abbreviated; records keep the full id
            info = FormInfo(info.standard, info.version, resolve(root, info.revision))
        except UsageError:
            pass  # said below, by the loader
        result.info = info
        old = revisions.project(info.revision)
        if isinstance(old, str):
            problems.append(FormProblem(form.name, "", f"the form was made on revision {info.short} "
                                        f"of {info.standard} {info.version}, which this repository "
                                        f"cannot read: {old}"))
            continue
        number = old.registry.metadata.number
        if info.standard != rnd.standard:
            problems.append(FormProblem(form.name, "", f"the form is for {info.standard}, but round "
                                        f"'{rnd.name}' is on {rnd.standard}: a form from another standard"))
            continue
        if number != info.standard:
            problems.append(FormProblem(form.name, "", f"the form says {info.standard}, but revision "
                                        f"{info.short} holds {number}: a form from another standard"))
            continue
        batch = []
        for table in form.tables:
            for row in table.rows:
                comment = _comment(form, table, row, info, old, office, problems)
                if comment is None:
                    continue
                if comment.identity() in known:
                    result.already += 1
                    continue
                batch.append(comment)
        for comment in batch:
            known.add(comment.identity())
            comment.id = _next_id(rnd, new, comment.office)
            new.append(comment)
            result.added.append(comment.id)
    out = ImportResult(rnd, results, problems)
    if problems or dry_run:
        return out
    if new:
        rnd.comments.extend(new)
        out.written = save_round(root, rnd)
    return out


def _next_id(rnd: Round, new: list[Comment], office: str) -> str:
    return Round(rnd.name, rnd.standard, rnd.comments + new).next_id(office)


def _fallback_info(root: Path, revision: str, revisions: Revisions) -> FormInfo:
    commit = resolve(root, revision)
    old = revisions.project(commit)
    if isinstance(old, str):
        raise UsageError(f"--revision {revision}: {old}")
    md = old.registry.metadata
    return FormInfo(md.number, md.version, commit)


def _comment(form: Form, table: Table, row: Row, info: FormInfo, old: Project,
             office_default: str | None, problems: list[FormProblem]) -> Comment | None:
    text = table.cell(row, "comment")
    proposed = table.cell(row, "proposed")
    if not text and not proposed:
        return None  # a row left empty (or only the office filled in)
    found_problem = False

    def problem(key: str | None, message: str) -> None:
        nonlocal found_problem
        found_problem = True
        problems.append(FormProblem(form.name, table.where(row, key), message))

    ref_cell = table.cell(row, "ref")
    ref = parse_ref(ref_cell)
    target = None
    if ref is None:
        problem("ref", f"'{ref_cell}' is not {REF_FORMS}")
    else:
        anchor = Anchor(ref.kind, ref.key, detail=ref.detail)
        target = find_at(old, anchor)
        if target is None:
            what = {"paragraph": f"paragraph {ref.key}", "requirement": f"requirement {ref.key}",
                    "annex": f"Annex {ref.key}"}[ref.kind]
            problem("ref", f"{what} does not exist in {info.standard} version {info.version} "
                           f"(revision {info.short}), the text this form was made on")
    type_cell = table.cell(row, "type")
    kind = parse_type(type_cell)
    if kind is None:
        shown = f"'{type_cell}' is not a type" if type_cell else "the type is empty"
        problem("type", f"{shown}: write {', '.join(TYPES[:-1])} or {TYPES[-1]}")
    office_cell = table.cell(row, "office")
    office = parse_office(office_cell) if office_cell else office_default
    if office is None:
        if office_cell:
            problem("office", f"'{office_cell}' is not an office code: write the office's two-letter "
                              f"code of WIPO ST.3 (e.g. EP, JP)")
        else:
            problem("office" if "office" in table.columns else None,
                    "no office: fill in the office's code, or give --office CODE for the whole form")
    if found_problem:
        return None
    anchor = Anchor(ref.kind, ref.key, detail=ref.detail)
    if ref.kind == "paragraph":
        anchor.label, anchor.file, anchor.text = target.label, target.loc.path, target.text
    elif ref.kind == "requirement":
        anchor.text = target.text
    elif ref.kind == "annex":
        anchor.file, anchor.text = target.file, target.text
    return Comment(id="", office=office, revision=info.revision, version=info.version,
                   anchor=anchor, type=kind, comment=text, proposed_change=proposed,
                   source=Source(form.name, table.name, row.number))
