"""What each document places and uses, kept in the Sphinx environment between builds, and the
rules that keep an incremental build from going stale while doing no more than needed.

For every document: the requirements it places, its numbered paragraphs (number, anchor,
label), the generated tables it holds; what it rendered from the registry when it was read
(requirement entries, the metadata, the catalogues); and what it links to that is resolved
when it is written ({req} IDs, {para} targets, rows of the generated tables). Purged on
env-purge-doc, merged from parallel readers on env-merge-info.

The rules (docs/build.md, "Incremental builds are never stale"):
- env-get-outdated: a document is read again when the metadata (title block) or, for a
  {st} citation, the catalogues changed, or when a requirement it places was added to or
  removed from the registry, since the previous build (content fingerprints, datakeys.py);
- env-get-updated: after reading, the cross-document index (where each requirement is
  placed, what each paragraph label and number resolves to, where the generated tables are)
  is compared with the previous build's. A document is written again when something it links
  to moved or changed: a {req} to a requirement placed elsewhere or whose title or status
  (what the link shows, datakeys.LINK_FIELDS) was edited in the registry,
  a {para} whose target was renumbered or moved, a link to a table row when the table moved;
  a document placing a requirement whose entry changed (or any, when a catalogue changed:
  its blocks are made when the page is written, blocks.py);
  a document holding a generated table is written again when what the tables show of the
  registry (datakeys.TABLE_FIELDS), a catalogue, a placement, a section title or the reading
  order changed. When a page title or a toctree
  changed, every page is written again: each one shows them in its navigation (Sphinx alone
  would leave the other pages' sidebars as they were).
- A build interrupted in its write phase (Ctrl-C, killed; on an error Sphinx drops the saved
  environment itself) leaves a marker in the doctree folder: the saved environment already
  says the pages are up to date, so the next build writes every page again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .context import state

WRITING_MARKER = "stkit-writing"


def _empty() -> dict:
    return {"placements": [], "paragraphs": [], "tables": [],
            "rendered": set(), "metadata": False, "catalogues": False,
            "req_links": set(), "para_links": set(), "row_links": False}


def docs(env) -> dict[str, dict]:
    if not hasattr(env, "stkit_docs"):
        env.stkit_docs = {}
    return env.stkit_docs


def record(env, docname: str | None = None) -> dict:
    return docs(env).setdefault(docname or env.docname, _empty())


# --- what the current document uses (called while it is read) ---------------------------

def renders_requirement(env, rid: str) -> None:
    """A requirement block, made when the page is written from the entry of `rid` (found or
    not) and the catalogues, with links to rows of the generated tables."""
    record(env)["rendered"].add(rid)


def renders_metadata(env) -> None:
    record(env)["metadata"] = True


def renders_catalogues(env) -> None:
    record(env)["catalogues"] = True


def links_to(env, kind: str, target: str) -> None:
    """A placeholder resolved at write time: {req}, {para}, or an IP5/challenge table row."""
    rec = record(env)
    if kind == "req":
        rec["req_links"].add(target)
    elif kind == "para":
        rec["para_links"].add(target)
    else:
        rec["row_links"] = True


def purge(app, env, docname: str) -> None:
    docs(env).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    theirs = docs(other)
    for docname in docnames:
        if docname in theirs:
            docs(env)[docname] = theirs[docname]


# --- the cross-document index ------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    docname: str
    anchor: str
    text: str


class Index:
    """Where everything is placed, over all documents. Built once per write phase."""

    def __init__(self, env):
        self.requirements: dict[str, Target] = {}
        self.labels: dict[str, Target] = {}
        self.body_numbers: dict[str, Target] = {}
        self.tables: dict[str, str] = {}
        for docname in sorted(docs(env)):
            rec = docs(env)[docname]
            for rid in rec["placements"]:
                self.requirements.setdefault(rid, Target(docname, "req-" + rid.lower(), rid))
            for para in rec["paragraphs"]:
                target = Target(docname, para["anchor"], para["display"])
                for label in para["labels"]:
                    self.labels.setdefault(label, target)
                if not para["annex"]:
                    self.body_numbers.setdefault(str(para["number"]), target)
            for kind in rec["tables"]:
                self.tables.setdefault(kind, docname)

    def paragraph(self, target: str) -> Target | None:
        return self.labels.get(target) or self.body_numbers.get(target)


@dataclass
class Snapshot:
    """What the previous build's links and tables were filled in from."""

    requirements: dict = field(default_factory=dict)  # ID -> Target
    paragraphs: dict = field(default_factory=dict)  # {para} target -> Target
    tables: dict = field(default_factory=dict)  # table kind -> docname
    for_tables: tuple = ()  # everything else a generated table shows
    navigation: tuple = ()  # page titles and toctrees, shown on every page
    keys: object = None  # datakeys.DataKeys


def snapshot(env, index: Index) -> Snapshot:
    st = state(env)
    paragraphs = dict(index.body_numbers)
    paragraphs.update(index.labels)  # a label wins over a number, as in Index.paragraph
    placed = {t.docname for t in index.requirements.values()}
    sections = tuple((sf.docname, env.titles[sf.docname].astext() if sf.docname in env.titles else "")
                     for sf in st.project.sources if sf.docname in placed)
    navigation = (tuple(sorted((name, title.astext()) for name, title in env.titles.items())),
                  tuple(sorted((name, tuple(children)) for name, children in env.toctree_includes.items())))
    return Snapshot(requirements=index.requirements, paragraphs=paragraphs, tables=index.tables,
                    for_tables=(st.keys.tables, sections), navigation=navigation, keys=st.keys)


def _marker(app) -> Path:
    return Path(app.doctreedir) / WRITING_MARKER


# --- the event handlers --------------------------------------------------------------------

def outdated(app, env, added, changed, removed) -> list[str]:
    st = state(app)
    previous = getattr(env, "stkit_snapshot", None)
    st.previous = previous
    st.rewrite_all = _marker(app).exists()
    if previous is None or previous.keys is None:
        st.changed_requirements = set(st.keys.requirements)
        st.changed_links = set(st.keys.links)
        st.catalogues_changed = True
        return []  # a new environment: every document is read anyway
    before, now = previous.keys, st.keys
    st.changed_requirements = now.changed_requirements(before)
    st.changed_links = now.changed_links(before)
    metadata, catalogues = now.metadata != before.metadata, now.catalogues != before.catalogues
    st.catalogues_changed = catalogues
    # A requirement block is made when its page is written (blocks.expand_requirements): an
    # edited entry only writes the page again (updated). Reading it again is for an entry
    # added or removed (the page then reports REQ003, or stops reporting it).
    came_or_went = set(now.requirements).symmetric_difference(before.requirements)
    if not (came_or_went or metadata or catalogues):
        return []
    return [name for name, rec in docs(env).items() if name not in removed and (
        (catalogues and rec["catalogues"]) or (metadata and rec["metadata"])
        or not rec["rendered"].isdisjoint(came_or_went))]


def before_read(app, env, docnames) -> None:
    state(app).index = None


def updated(app, env) -> list[str]:
    st = state(app)
    st.index = index = Index(env)
    now = snapshot(env, index)
    before, env.stkit_snapshot = st.previous, now
    live = {name: rec for name, rec in docs(env).items() if name in env.all_docs}
    _marker(app).parent.mkdir(parents=True, exist_ok=True)
    _marker(app).touch()  # removed when the write phase is through (finished)
    if st.rewrite_all or (before is not None and before.navigation != now.navigation):
        return sorted(env.all_docs)
    if before is None:
        out = [name for name, rec in live.items()
               if rec["tables"] or rec["req_links"] or rec["para_links"] or rec["row_links"]
               or rec["rendered"]]
    else:
        reqs = _changed(before.requirements, now.requirements) | st.changed_links
        paras = _changed(before.paragraphs, now.paragraphs)
        rows = before.tables != now.tables
        tables = rows or before.for_tables != now.for_tables or before.requirements != now.requirements
        blocks = st.changed_requirements
        out = [name for name, rec in live.items()
               if (tables and rec["tables"]) or (rows and (rec["row_links"] or rec["rendered"]))
               or (st.catalogues_changed and rec["rendered"]) or not rec["rendered"].isdisjoint(blocks)
               or not rec["req_links"].isdisjoint(reqs) or not rec["para_links"].isdisjoint(paras)]
    return sorted(out)


def finished(app, exception) -> None:
    """The write phase went through: the pages agree with the index kept in the environment."""
    if exception is None:
        _marker(app).unlink(missing_ok=True)


def _changed(before: dict, now: dict) -> set:
    return {key for key in before.keys() | now.keys() if before.get(key) != now.get(key)}
