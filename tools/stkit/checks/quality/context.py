"""What every quality rule reads: the project, the word lists, the glossary's actors, the
statements of the active requirements read once, and where their words are written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, NamedTuple

from ...diagnostics import Diagnostic
from ...model import Registry
from ...project import Project
from .lexicon import Lexicon, lexicon
from .statement import Glossary, Locator, Statement, read_glossary, read_statement


class Finding(NamedTuple):
    """A finding, and the requirement it is about (None: about the registry as a whole),
    so that the requirement's waivers can be applied."""

    req_id: str | None
    diagnostic: Diagnostic


@dataclass
class Context:
    """The quality rules' shared reading of one project (see the module's docstring)."""

    project: Project
    registry: Registry
    lex: Lexicon
    glossary: Glossary
    statements: list[Statement]
    locate: Locator

    @classmethod
    def of(cls, project: Project) -> "Context":
        lex = lexicon()
        statements = [s for s in (read_statement(r, lex) for r in project.registry.requirements if r.active)
                      if s is not None]
        return cls(project=project, registry=project.registry, lex=lex,
                   glossary=read_glossary(project, lex), statements=statements,
                   locate=Locator(project))

    def __iter__(self) -> Iterator[Statement]:
        return iter(self.statements)
