"""The sphinx-needs equivalent of a generated standard, for the side-by-side HTML benchmark.

It takes the MyST files that `generate.py` wrote and rewrites them for sphinx-needs, so
both builds parse the same text:

- each ```{requirement} ID``` placement becomes a sphinx-needs `req` directive with
  `:id:`, `:status:`, `:tags:` (group, obligation, level) and `:links:` (the requirements the
  paragraphs before it cite), its content the statement from the registry;
- `{req}` becomes sphinx-needs' `{need}` role, `{para}` a `{ref}`, `{st}` plain text;
- the traceability annex holds one `needtable` of every requirement.

With --plain, the same text for Sphinx and MyST alone (each requirement an admonition, no
table, no extension): the floor under either extension's build time.

    python benchmarks/needs_project.py [--plain] GENERATED_DIR OUT_DIR
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

PLAIN_CONF = '''\
# The same text with neither stkit.sphinx nor sphinx-needs (benchmarks/needs_project.py --plain):
# what Sphinx and MyST cost on their own.
project = "Synthetic standard (plain Sphinx)"
extensions = ["myst_parser"]
exclude_patterns = ["_build"]
html_theme = "furo"
suppress_warnings = ["myst.header"]
'''

CONF = '''\
# sphinx-needs build of a synthetic standard (written by benchmarks/needs_project.py).
project = "Synthetic standard (sphinx-needs)"
extensions = ["myst_parser", "sphinx_needs"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
html_theme = "furo"
needs_id_regex = r"^IPDX-[A-Z]{3}-[0-9]{3,4}$"
needs_id_required = True
suppress_warnings = ["myst.header"]
'''

_PLACEMENT = re.compile(r"^```\{requirement\} (?P<id>\S+)\n```\n", re.M)
_REQ_ROLE = re.compile(r"\{req\}`([^`]+)`")
_PARA_ROLE = re.compile(r"\{para\}`([^`]+)`")
_ST_ROLE = re.compile(r"\{st\}`([^`]+)`")
_TABLES = re.compile(r"^```\{(requirements-table|ip5-mapping|survey-coverage|references-table)\}\n```\n", re.M)


def load_requirements(root: Path) -> dict[str, dict]:
    data = yaml.load((root / "requirements_registry.yaml").read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {r["id"]: r for r in data["requirements"]}


def convert_text(text: str, reqs: dict[str, dict], plain: bool = False) -> str:
    out: list[str] = []
    pos = 0
    for m in _PLACEMENT.finditer(text):
        before = text[pos:m.start()]
        # The requirements cited since the previous placement become the need's links.
        links = sorted(set(_REQ_ROLE.findall(before)) - {m.group("id")})
        out.append(before)
        out.append(_admonition(reqs[m.group("id")]) if plain else _need(reqs[m.group("id")], links))
        pos = m.end()
    out.append(text[pos:])
    text = "".join(out)
    text = _REQ_ROLE.sub(lambda m: f"``{m.group(1)}``" if plain else f"{{need}}`{m.group(1)}`", text)
    text = _PARA_ROLE.sub(lambda m: f"{{ref}}`paragraph <{m.group(1)}>`", text)
    text = _ST_ROLE.sub(lambda m: m.group(1), text)
    return text


def _need(req: dict, links: list[str]) -> str:
    tags = [req["id"].split("-")[1].lower(), req["obligation"], f"level-{req.get('level', 'none')}"]
    lines = [f"```{{req}} {req['title']}", f":id: {req['id']}", f":status: {req['status']}",
             f":tags: {';'.join(tags)}"]
    if links:
        lines.append(f":links: {', '.join(links)}")
    lines += ["", req["statement"], "```", ""]
    return "\n".join(lines)


def _admonition(req: dict) -> str:
    return f"```{{admonition}} {req['id']}: {req['title']}\n{req['statement']}\n```\n"


def write(generated: Path, out: Path, plain: bool = False) -> Path:
    """Write the sphinx-needs project for the standard generated in `generated`; returns its
    source folder (which holds conf.py). `plain`: the same text for Sphinx and MyST alone,
    each requirement an admonition, no table (the floor of any extension's build time)."""
    reqs = load_requirements(generated)
    src = out
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(PLAIN_CONF if plain else CONF, encoding="utf-8")
    for path in sorted((generated / "standard").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if path.name == "index.md":
            text = text.replace("```{title-block}\n```\n\n", "# Synthetic standard\n\n")
        elif "{requirements-table}" in text:
            text = _TABLES.sub(lambda m: "" if plain else _table(m.group(1)), text)
        text = convert_text(text, reqs, plain)
        (src / path.name).write_text(text, encoding="utf-8")
    return src


def _table(kind: str) -> str:
    if kind != "requirements-table":
        return ""  # sphinx-needs has no counterpart of these three; one needtable lists all
    return ("```{needtable}\n:types: req\n:columns: id;title;status;tags;outgoing\n"
            ":style: table\n:sort: id\n```\n")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    plain = "--plain" in argv
    argv = [a for a in argv if a != "--plain"]
    if len(argv) != 2:
        print("usage: python benchmarks/needs_project.py [--plain] GENERATED_DIR OUT_DIR", file=sys.stderr)
        return 2
    src = write(Path(argv[0]), Path(argv[1]), plain)
    print(f"sphinx-needs project -> {src}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
