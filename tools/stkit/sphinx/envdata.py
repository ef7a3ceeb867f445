"""What each document places, kept in the Sphinx environment between builds.

For every document: the requirements it places, its numbered paragraphs (number, anchor,
label), the generated tables it holds, and whether it reads the registry at read time
(requirement blocks, the title block) or links to things placed elsewhere (roles, tables).
Purged on env-purge-doc, merged from parallel readers on env-merge-info.

Two rules keep an incremental build from going stale:
- env-get-outdated: when the registry or a catalogue changed (content fingerprint), every
  document that read them is read again (on top of Sphinx's mtime check of the dependency
  each such document notes);
- env-get-updated: when anything was read, every document that links to something placed
  elsewhere is written again, since its links and generated tables are filled in at write
  time from the data of all documents.
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import data_files, state


def _empty() -> dict:
    return {"placements": [], "paragraphs": [], "tables": [], "reads_data": False, "links": False}


def docs(env) -> dict[str, dict]:
    if not hasattr(env, "stkit_docs"):
        env.stkit_docs = {}
    return env.stkit_docs


def record(env, docname: str | None = None) -> dict:
    return docs(env).setdefault(docname or env.docname, _empty())


def reads_data(env) -> None:
    """The current document renders registry or catalogue data when it is read."""
    record(env)["reads_data"] = True
    for path in data_files(state(env).root):
        env.note_dependency(path)


def links(env) -> None:
    """The current document holds links resolved at write time."""
    record(env)["links"] = True


def purge(app, env, docname: str) -> None:
    docs(env).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    theirs = docs(other)
    for docname in docnames:
        if docname in theirs:
            docs(env)[docname] = theirs[docname]


def outdated(app, env, added, changed, removed) -> list[str]:
    st = state(app)
    previous = getattr(env, "stkit_fingerprint", None)
    env.stkit_fingerprint = st.fingerprint
    st.data_changed = previous is not None and previous != st.fingerprint
    if not st.data_changed:
        return []
    return [name for name, rec in docs(env).items() if rec["reads_data"] and name not in removed]


def before_read(app, env, docnames) -> None:
    state(app).read_any = bool(docnames)


def updated(app, env) -> list[str]:
    st = state(app)
    if not (st.read_any or st.data_changed):
        return []
    return sorted(name for name, rec in docs(env).items() if rec["links"] and name in env.all_docs)


# --- lookups for the write phase ------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    docname: str
    anchor: str
    text: str


class Index:
    """Where everything is placed, over all documents."""

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
