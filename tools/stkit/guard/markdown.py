"""What a MyST source asks the build to read, load or run, read from markdown-it-py's tokens.

The checker's line scanner (sources.py) knows where things are written; this module knows
what MyST's parser will make of them, because it parses the text with the same markdown-it
configuration the build uses (myst_parser's `create_md_parser`) and descends into the
content of directives the way MyST does. It judges:

- links and images by their destination *after* markdown-it's unescaping and normalising
  (`&#106;avascript:` and `javascript\\:` are the same scheme to the parser), SRC004;
- every directive, role, image and local link that reads a file: the file is handed back as
  a `FileRef` for the caller to judge against the repository (SRC005), before anything reads
  it;
- directives that would put unchecked markup or external content into the output ({raw},
  {eval-rst}, {meta}, {role}, ...), SRC010; anything loaded from the network (a `:url:`
  option, a remote image), SRC012; math, SRC011 (see docs/hardening.md);
- front matter keys the project does not define, SRC006; control characters, SRC009;
- raw HTML the line scanner did not see, SRC003;
- text indented under a numbered paragraph by less than the width of its number
  (4 spaces under `124. `), which markdown-it reads as a code block, SRC013.

`judge_source` returns the file references and adds the other findings to the source's
problems; `refused_lines` tells the build which lines to leave out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath

from ..model import Loc, SourceFile

# The schemes a browser would run or read locally; the build refuses them too.
UNSAFE_SCHEMES = ("javascript", "vbscript", "data", "file")
# Front matter keys the project defines (docs/authoring.md). MyST reads others (html_meta,
# myst, substitutions ...) that change the page or the parser; they are refused.
FRONT_MATTER_KEYS = ("annex",)
# Directives that would put markup, metadata or roles past the checker into the output.
REFUSED_DIRECTIVES = {
    "raw": "puts raw markup into the output",
    "eval-rst": "reads reStructuredText that the checker does not judge",
    "meta": "writes HTML meta tags (a refresh can send the reader elsewhere)",
    "role": "defines a role (a role based on raw puts raw markup into the output)",
    "default-role": "changes what plain backticks mean",
    "include-raw": "puts raw markup into the output",
}
# Directives whose argument is a file they read (or copy into the site).
FILE_ARGUMENT_DIRECTIVES = {"include", "literalinclude", "image", "figure"}
# Options that name a file a directive reads, and options that load an address.
FILE_OPTIONS = {"file", "diff"}  # :diff: of {literalinclude} reads a second file
URL_OPTIONS = {"url"}
# Options that make a directive read its file as something the checker does not judge.
REFUSED_OPTIONS = {"parser": "reads the file with another parser (reStructuredText)"}
# Directives whose content MyST reads with its indentation taken off (definitions).
INDENTED_CONTENT = {"glossary"}
LINK_OPTIONS = {"target"}
MATH_DIRECTIVES = {"math"}
MATH_ROLES = {"math", "eq"}
FILE_ROLES = {"download"}
# Directive bodies that are not MyST: not parsed for links and directives.
LITERAL_DIRECTIVES = {"code", "code-block", "sourcecode", "literalinclude", "math", "raw", "toctree",
                      "requirement", "eval-rst", "include"}
MAX_NESTING = 20
# Directives that read no file and take no option that loads anything: a text whose every
# directive is one of these, and that holds no link, image, angle bracket or front matter,
# has nothing for the token pass to judge, and is not parsed twice (a standard of 10,000
# requirements is mostly {requirement} fences; see benchmarks/hostile.py).
PLAIN_DIRECTIVES = {"requirement", "title-block", "editor-note", "template", "toctree", "glossary",
                    "requirements-table", "ip5-mapping", "survey-coverage", "references-table",
                    "note", "important", "tip", "hint", "attention", "caution", "warning", "seealso",
                    "admonition", "example"}
# Front matter holding `annex:` and a Roman numeral, nothing else (as every annex starts).
_PLAIN_FRONT_MATTER = re.compile(r"---\n(?:annex: [IVXLC]{1,8}\n)?---\n")
_FENCE_NAME = re.compile(r"(?:`{3,}|~{3,})[ \t]*\{(?P<name>[^}\n]*)\}")
_LINKISH = re.compile(r"\]\(|\]\s*:|<|!\[|://|^[ \t]*---[ \t]*$", re.M)  # ---: a YAML options block
# Directives nested more than MAX_NESTING deep need a fence at least this long around them.
_DEEP_FENCE = re.compile(r"`{%d,}|~{%d,}" % (3 + MAX_NESTING, 3 + MAX_NESTING))
# C0 and C1 controls (tab, line feed, carriage return excepted) and the bidirectional
# overrides that make text read differently from how it is stored.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_BROWSER_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
# Where a link destination is written: `](dest`, `[label]: dest`, `<scheme:...>`. Each
# pattern stops at the next opener, so a line of thousands of `](` is scanned once.
_DESTINATIONS = re.compile(
    r"\]\(\s*(?P<a><[^<>\n]*>|[^\s()\[\]]*(?:\([^\s()]*\)[^\s()\[\]]*)*)"
    r"|^\s{0,3}\[[^\[\]]+\]:\s*(?P<b><[^<>\n]*>|\S+)"
    r"|<(?P<c>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)>")
_OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):(?:\s+(?P<value>.*?))?\s*$")
_YAML_OPTION = re.compile(r"^(?P<key>[\w-]+)\s*:\s*(?P<value>.*?)\s*$")
_ROLE_TARGET = re.compile(r"<([^<>]*)>\s*$")
# A numbered paragraph (an ordered list item), with the spaces before its text; and a line
# indented by 4 columns or more (a tab counts as 4). Together they tell whether the text can
# hold an indented block that falls short of a paragraph's text (SRC013).
_ITEM_LINE = re.compile(r"^[ \t]*\d{1,9}[.)] {1,4}(?=\S)", re.M)
_ITEM_PARTS = re.compile(r"^([ \t]*)(\d{1,9})[.)]([ \t]*)")


@dataclass(frozen=True)
class FileRef:
    """A file that a construct of a source would read: judged by the caller."""

    what: str  # "{include}", "an image", "the :file: option of {csv-table}" ...
    target: str  # as the author wrote it (relative to the source, or /-rooted in standard/)
    loc: Loc
    span: tuple[int, int] | None = None  # 0-based lines [start, end) of the construct


@dataclass
class Judgement:
    """What the token pass made of one source: the files it reads and the problems found."""

    refs: list[FileRef] = field(default_factory=list)
    problems: list[tuple[str, Loc, str]] = field(default_factory=list)
    # 0-based line ranges [start, end) that the build leaves out (a refused block)
    refused: list[tuple[int, int]] = field(default_factory=list)
    located: set[tuple[int, int]] = field(default_factory=set)  # destinations already reported
    # indented blocks read as code under a numbered paragraph: 0-based lines [start, end) of
    # the file, the block's indentation and the column width of the paragraph's number
    misindented: list[tuple[int, int, int, int]] = field(default_factory=list)


@lru_cache(maxsize=1)
def parser():
    """MyST's markdown-it, configured as conf.py configures the build, with markdown-it's
    link validation off: a link it would drop is still seen here, and judged."""
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser
    from markdown_it.renderer import RendererHTML

    md = create_md_parser(MdParserConfig(enable_extensions={"deflist"}), RendererHTML)
    md.validateLink = lambda url: True
    return md


def unsafe_scheme(uri: str) -> str | None:
    """The scheme of an address a browser would run or read locally, else None. Browsers
    ignore whitespace and control characters inside the scheme, so they are ignored here."""
    cleaned = _BROWSER_IGNORED.sub("", uri).lower()
    for scheme in UNSAFE_SCHEMES:
        if cleaned.startswith(scheme + ":"):
            return scheme
    return None


def as_parsed(dest: str) -> str:
    """A destination as written -> as markdown-it hands it on (entities and backslash escapes
    undone, then normalised)."""
    from markdown_it.common.normalize_url import normalizeLink  # markdown-it is imported only
    from markdown_it.common.utils import unescapeAll  # for a text the token pass reads

    dest = dest.strip()
    if dest.startswith("<") and dest.endswith(">"):
        dest = dest[1:-1]
    return normalizeLink(unescapeAll(dest))


def is_remote(uri: str) -> bool:
    cleaned = _BROWSER_IGNORED.sub("", uri)
    return bool(_SCHEME.match(cleaned)) or cleaned.startswith("//")


# What the judgement of a source depends on besides its path and text (usercache.py): these
# stkit modules and the parser's packages.
CACHE_MODULES = ("guard/markdown.py", "sources.py", "model.py", "yamlsrc.py", "errors.py")
CACHE_PACKAGES = ("markdown_it", "myst_parser", "mdit_py_plugins", "yaml")


def judge_source(sf: SourceFile, cache=None) -> list[FileRef]:
    """Judge one scanned source; its findings join `sf.problems`. Returns the files it reads.
    `cache` (a usercache.ContentCache): a source the token pass reads is judged once for its
    path and text; a later check takes the judgement from the cache, without markdown-it."""
    if cache is None or not needs_tokens(sf.text):
        judgement = judge_text(sf.path, sf.text, sf)
        sf.problems.extend(judgement.problems)
        return judgement.refs
    from ..usercache import content_key

    key = content_key(sf.path.encode("utf-8", "surrogatepass"), sf.text.encode("utf-8", "surrogatepass"))
    judged = _from_cache(cache.get(key))
    if judged is None:
        judgement = judge_text(sf.path, sf.text, sf)
        judged = judgement.refs, judgement.problems
        cache.put(key, {"refs": [[r.what, r.target, r.loc.path, r.loc.line, r.loc.col,
                                  list(r.span) if r.span else None] for r in judged[0]],
                        "problems": [[code, loc.path, loc.line, loc.col, message]
                                     for code, loc, message in judged[1]]})
    sf.problems.extend(judged[1])
    return judged[0]


def _from_cache(entry) -> tuple[list[FileRef], list[tuple[str, Loc, str]]] | None:
    if not isinstance(entry, dict):
        return None
    try:
        refs = [FileRef(str(what), str(target), Loc(str(path), int(line), int(col)),
                        (int(span[0]), int(span[1])) if span else None)
                for what, target, path, line, col, span in entry["refs"]]
        problems = [(str(code), Loc(str(path), int(line), int(col)), str(message))
                    for code, path, line, col, message in entry["problems"]]
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return refs, problems


def judge_text(path: str, text: str, sf: SourceFile | None = None) -> Judgement:
    out = Judgement()
    lines = text.split("\n")
    _controls(path, lines, out)
    html_lines = {loc.line for code, loc, _ in (sf.problems if sf else []) if code == "SRC003"}
    work = [(text, 0, 0)] if needs_tokens(text) else []  # (MyST text, first line's index, depth)
    while work:
        chunk, offset, depth = work.pop()
        env: dict = {}
        try:
            tokens = parser().parse(chunk, env)
        except RecursionError:  # pragma: no cover - markdown-it's own limits come first
            out.problems.append(("SRC007", Loc(path, offset + 1, 1), "the text nests too deeply to be read"))
            continue
        defined = {str(r.get("href") or "") for r in (env.get("references") or {}).values()}
        chunk_lines = lines if offset == 0 else chunk.split("\n")
        for index, token in enumerate(tokens):
            first = offset + (token.map[0] if token.map else 0)
            last = offset + (token.map[1] if token.map else 1)
            if token.type == "front_matter" and offset == 0:
                _front_matter(path, lines, token, out)
            elif token.type == "fence":
                _fence(path, lines, token, first, last, depth, out, work)
            elif token.type == "html_block" and not html_lines.intersection(range(first + 1, last + 1)):
                out.problems.append(("SRC003", Loc(path, first + 1, 1), "raw HTML is not allowed; "
                                     "use MyST syntax"))
            elif token.type == "inline":
                _inline(path, lines, token, first, last, html_lines, out, defined)
            elif token.type == "code_block" and index and tokens[index - 1].type == "ordered_list_close":
                _misread_block(path, lines, chunk_lines, tokens, index, offset, out)
        for ref in (env.get("references") or {}).values():  # definitions, used or not
            href = str(ref.get("href") or "")
            scheme = unsafe_scheme(href)
            span = ref.get("map") or [0, 1]
            if scheme:
                loc = _locate_dest(out, path, lines, offset + span[0], offset + span[1],
                                   lambda d: unsafe_scheme(d) == scheme)
                out.problems.append(("SRC004", loc, f"a {scheme}: link is not allowed"))
    if sf is not None:
        for cite in sf.citations:
            _role(cite.role, cite.target, cite.loc, out)
    return out


def needs_tokens(text: str) -> bool:
    """Whether `text` holds anything the token pass judges: a link, image, autolink or tag
    (`](`, `]:`, `![`, `<`), front matter, a directive other than the plain ones, or a line
    indented less than the numbered paragraph before it (SRC013). Cheap (regular expressions
    over the text), and on the safe side: anything unsure is parsed. Front matter that is only
    `annex: <Roman numeral>` (the one key the project defines, docs/authoring.md) has nothing
    for the pass to judge: the line scanner reads it, and the text after it decides."""
    plain = _PLAIN_FRONT_MATTER.match(text)
    if plain:
        text = text[plain.end():]
    if text.startswith("---") or _LINKISH.search(text) or _DEEP_FENCE.search(text):
        return True
    if any(m.group("name").strip() not in PLAIN_DIRECTIVES for m in _FENCE_NAME.finditer(text)):
        return True
    return _short_indent(text)


def _short_indent(text: str) -> bool:
    """Whether a line indented 4 columns or more is indented less than the width of the
    last numbered paragraph before it ("124. " is 5 wide): only then can markdown-it read a
    block as code where a paragraph's continuation was meant. A text whose indented lines
    all reach their paragraph's text is not parsed for this."""
    if "    " not in text and "\t" not in text:
        return False
    items = [(m.start(), _columns(m.group(0))) for m in _ITEM_LINE.finditer(text)]
    widest = max((width for _, width in items), default=0)
    if widest <= 4:  # "12. ": a block indented 4 or more is its text, or code inside it
        return False
    # Only lines indented 4 columns or more, but less than the widest paragraph, can fall short.
    short = re.compile(r"^(?: {4,%d}|[ \t]*\t[ \t]*)(?=[^ \t\r\n])" % (widest - 1), re.M)
    starts = [start for start, _ in items]
    for m in short.finditer(text):
        at = bisect_right(starts, m.start()) - 1
        if at >= 0 and _columns(m.group(0)) < items[at][1]:
            return True
    return False


def _columns(prefix: str) -> int:
    """How many columns `prefix` takes (tab stops every 4 columns, as in CommonMark)."""
    return len(prefix.expandtabs(4))


def _item_width(line: str) -> tuple[str, int] | None:
    """(number, column width before its text) of a numbered paragraph's first line, as
    CommonMark measures it: 1 to 4 spaces after the number count, more are code."""
    m = _ITEM_PARTS.match(line)
    if not m:
        return None
    marker = _columns(m.group(1)) + len(m.group(2)) + 1
    spaces = _columns(line[:m.end()]) - marker
    rest = line[m.end():]
    return m.group(2), marker + (spaces if 1 <= spaces <= 4 and rest.strip() else 1)


def _misread_block(path, lines, chunk_lines, tokens, index, offset, out: Judgement) -> None:
    """An indented block right after a numbered paragraph that markdown-it reads as code: it
    was meant as the paragraph's continuation, indented short of the paragraph's text.
    `chunk_lines` are the lines of the text the tokens were parsed from."""
    code, close = tokens[index], tokens[index - 1]
    item = None
    for back in range(index - 2, -1, -1):  # the list's last item: a few tokens back
        token = tokens[back]
        if token.level == close.level + 1 and token.type == "list_item_open":
            item = token
            break
        if token.level <= close.level:  # the list's own opening: no item (never, in practice)
            break
    if item is None or not item.map or not code.map:
        return
    measured = _item_width(chunk_lines[item.map[0]]) if item.map[0] < len(chunk_lines) else None
    block = chunk_lines[code.map[0]] if code.map[0] < len(chunk_lines) else ""
    indent = _columns(block[:len(block) - len(block.lstrip(" \t"))])
    if measured is None or indent >= measured[1]:
        return
    number, width = measured
    first = offset + code.map[0]
    shown = lines[first] if first < len(lines) else block
    col = len(shown) - len(shown.lstrip(" \t")) + 1
    out.problems.append(("SRC013", Loc(path, first + 1, col),
                         f"indented {indent} spaces, but paragraph {number}'s text starts at column "
                         f"{width + 1}: this becomes a code block; indent it by {width} spaces"))
    out.misindented.append((first, offset + code.map[1], indent, width))


def _controls(path: str, lines: list[str], out: Judgement) -> None:
    for index, line in enumerate(lines):
        m = _CONTROL.search(line)
        if m:
            char = m.group(0)
            name = "NUL" if char == "\0" else f"U+{ord(char):04X}"
            out.problems.append(("SRC009", Loc(path, index + 1, m.start() + 1),
                                 f"control character {name} in the text; remove it"))


def _front_matter(path: str, lines: list[str], token, out: Judgement) -> None:
    from ..errors import LoadError
    from ..yamlsrc import load_yaml_text

    end = token.map[1] if token.map else 1
    try:
        doc = load_yaml_text(token.content, path)
    except LoadError as exc:
        out.problems.append(("SRC006", Loc(path, exc.line + 1, exc.col), f"front matter: {exc.message}"))
        out.refused.append((0, end))
        return
    if doc.data is None:
        return
    if not isinstance(doc.data, dict):
        out.problems.append(("SRC006", Loc(path, 2, 1), "front matter is not a mapping of keys "
                             f"({', '.join(FRONT_MATTER_KEYS)})"))
        out.refused.append((0, end))
        return
    for key in doc.data:
        if key not in FRONT_MATTER_KEYS:
            line, col = doc.key_position((key,))
            out.problems.append(("SRC006", Loc(path, line + 1, col),
                                 f"front matter key '{str(key)[:40]}' is not one the project defines "
                                 f"({', '.join(FRONT_MATTER_KEYS)}); it is left out of the build"))
            out.refused.append((0, end))


def _fence(path, lines, token, first, last, depth, out: Judgement, work) -> None:
    info = token.info.strip()
    if not (info.startswith("{") and "}" in info):
        return
    name, _, argument = info[1:].partition("}")
    name, argument = name.strip(), argument.strip()
    col = len(lines[first]) - len(lines[first].lstrip()) + 1 if first < len(lines) else 1
    loc = Loc(path, first + 1, col)
    shown = f"{{{name}}}"
    if name in REFUSED_DIRECTIVES:
        out.problems.append(("SRC010", loc, f"{shown} is not allowed: it {REFUSED_DIRECTIVES[name]}; "
                             "it is left out of the build"))
        out.refused.append((first, last))
        return
    if name in MATH_DIRECTIVES:
        out.problems.append(("SRC011", loc, f"{shown}: math is not rendered (the site loads nothing "
                             "from the network); write the formula in words or as a table"))
        out.refused.append((first, last))
        return
    refused = False
    if name in FILE_ARGUMENT_DIRECTIVES and argument:
        if is_remote(argument):
            refused |= _remote(path, loc, shown, argument, out)
        else:
            out.refs.append(FileRef(shown, argument, loc, (first, last)))
    body = token.content.split("\n")
    options, skip = _options(body)
    if skip and body[0].strip() == "---":  # a YAML block, as MyST will load it: bounded here first
        problem = _yaml_problem("\n".join(body[1:skip - 1]))
        if problem:
            line, col, message = problem
            out.problems.append(("SRC010", Loc(path, first + 2 + line, col), f"the options of {shown} "
                                 f"are refused: {message}; the directive is left out of the build"))
            out.refused.append((first, last))
            return
    for index, key, value in options:
        opt_loc = Loc(path, first + 2 + index, 1)
        if key in FILE_OPTIONS and value:
            out.refs.append(FileRef(f"the :{key}: option of {shown}", value, opt_loc, (first, last)))
        elif key in URL_OPTIONS:
            out.problems.append(("SRC012", opt_loc, f"the :{key}: option of {shown} loads "
                                 f"'{value[:60]}'; nothing is loaded from an address (copy the "
                                 "data into the repository and use :file:)"))
            refused = True
        elif key in REFUSED_OPTIONS:
            out.problems.append(("SRC010", opt_loc, f"the :{key}: option of {shown} is not allowed: "
                                 f"it {REFUSED_OPTIONS[key]}; it is left out of the build"))
            refused = True
        elif key in LINK_OPTIONS and value and unsafe_scheme(as_parsed(value)):
            out.problems.append(("SRC004", opt_loc, f"a {unsafe_scheme(as_parsed(value))}: link "
                                 "is not allowed"))
            refused = True
    if refused:
        out.refused.append((first, last))
        return
    if name == "toctree":
        _toctree_entries(path, body, first, skip, out)
    if name in LITERAL_DIRECTIVES:
        return
    if depth + 1 > MAX_NESTING:
        out.problems.append(("SRC010", loc, f"directives are nested more than {MAX_NESTING} deep; "
                             "the content is left out of the build"))
        out.refused.append((first, last))
        return
    rest = body[skip:]
    if name in INDENTED_CONTENT:
        rest = [line.lstrip() for line in rest]
    content = "\n".join(rest)
    if content.strip():
        work.append((content, first + 1 + skip, depth + 1))


def _yaml_problem(text: str) -> tuple[int, int, str] | None:
    """(line, column, message) when `text` does not load with the registry's strict, bounded
    YAML loader (an alias bomb, a tag, broken YAML), else None."""
    from ..errors import LoadError
    from ..yamlsrc import load_yaml_text

    try:
        load_yaml_text(text, "options")
    except LoadError as exc:
        return exc.line, exc.col, exc.message
    return None


def _toctree_entries(path: str, body: list[str], first: int, skip: int, out: Judgement) -> None:
    """A toctree entry Sphinx takes for an address (`Title <scheme://...>`) is a link in the
    navigation of every page: `javascript://%0A...` runs. Judged like a link."""
    for index in range(skip, len(body)):
        entry = body[index].strip()
        m = _ROLE_TARGET.search(entry)
        target = (m.group(1) if m else entry).strip()
        scheme = unsafe_scheme(target) if "://" in target or ":" in target else None
        if scheme:
            line = first + 1 + index
            col = body[index].find(target) + 1
            out.problems.append(("SRC004", Loc(path, line + 1, col), f"a {scheme}: link is not allowed "
                                 "(a toctree entry)"))
            out.refused.append((line, line + 1))


def _options(body: list[str]) -> tuple[list[tuple[int, str, str]], int]:
    """The options at the start of a directive's body, as MyST reads them (`:key: value`
    lines, or a YAML block between `---` lines), and how many lines they take."""
    found: list[tuple[int, str, str]] = []
    if body and body[0].strip() == "---":
        for index in range(1, len(body)):
            if body[index].strip() == "---":
                return found, index + 1
            m = _YAML_OPTION.match(body[index])
            if m:
                found.append((index, m.group("key"), m.group("value").strip("'\"")))
        return found, len(body)
    index = 0
    while index < len(body):
        m = _OPTION.match(body[index])
        if not m:
            break
        found.append((index, m.group("key"), (m.group("value") or "").strip()))
        index += 1
    return found, index


def _remote(path, loc, shown, address, out: Judgement) -> bool:
    scheme = unsafe_scheme(address)
    if scheme:
        out.problems.append(("SRC004", loc, f"{shown} from a {scheme}: address is not allowed"))
    else:
        out.problems.append(("SRC012", loc, f"{shown} of '{address[:60]}' is loaded from the "
                             "network; put the file in the repository"))
    return True


def _inline(path, lines, token, first, last, html_lines, out: Judgement, defined: set[str]) -> None:
    for child in token.children or ():
        if child.type in ("link_open", "image"):
            raw = child.attrGet("href") if child.type == "link_open" else child.attrGet("src")
            raw = str(raw or "")
            if raw in defined and (unsafe_scheme(raw) or is_remote(raw)):
                continue  # judged where the reference is defined
            what = "an image" if child.type == "image" else "a link"
            scheme = unsafe_scheme(raw)
            if scheme:
                loc = _locate_dest(out, path, lines, first, last, lambda d: unsafe_scheme(d) == scheme)
                out.problems.append(("SRC004", loc, f"a {scheme}: {'image' if what == 'an image' else 'link'}"
                                     " is not allowed"))
            elif child.type == "image" and is_remote(raw):
                loc = _locate_dest(out, path, lines, first, last, lambda d: d == raw)
                out.problems.append(("SRC012", loc, f"an image from '{raw[:60]}' is loaded from the "
                                     "network; put the file in the repository"))
                out.refused.append((loc.line - 1, loc.line))
            elif raw and not is_remote(raw) and not raw.startswith("#"):
                target = _local_path(raw)
                if target:
                    loc = _locate_dest(out, path, lines, first, last, lambda d: d == raw)
                    out.refs.append(FileRef(what, target, loc))
        elif child.type == "html_inline" and not html_lines.intersection(range(first + 1, last + 1)):
            out.problems.append(("SRC003", Loc(path, first + 1, 1), f"raw HTML {child.content[:30]!r} "
                                 "is not allowed; use MyST syntax"))


def _local_path(raw: str) -> str | None:
    """The file part of a local destination (`a/b.md#x` -> `a/b.md`), undoing %-escapes."""
    from urllib.parse import unquote

    target = unquote(raw.split("#", 1)[0].split("?", 1)[0])
    return target or None


def _locate_dest(out: Judgement, path: str, lines: list[str], first: int, last: int, wanted) -> Loc:
    """Where in lines [first, last) the destination that `wanted` accepts is written (after
    the parser's unescaping); the block's first line when it cannot be pinned down."""
    for index in range(first, min(last, len(lines))):
        line = lines[index]
        if "(" not in line and ":" not in line and "<" not in line:
            continue
        for m in _DESTINATIONS.finditer(line):
            group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
            if wanted(as_parsed(m.group(group))) and (index, m.start(group)) not in out.located:
                out.located.add((index, m.start(group)))
                dest = m.group(group)
                skip = len(dest) - len(dest.lstrip("< \t"))
                return Loc(path, index + 1, m.start(group) + skip + 1)
    return Loc(path, first + 1, 1)


def _role(role: str, target: str, loc: Loc, out: Judgement) -> None:
    if role in MATH_ROLES:
        out.problems.append(("SRC011", loc, f"{{{role}}}: math is not rendered (the site loads "
                             "nothing from the network); write the formula in words"))
        out.refused.append((loc.line - 1, loc.line))
    elif role in FILE_ROLES:
        m = _ROLE_TARGET.search(target)
        file = (m.group(1) if m else target).strip()
        if is_remote(file):
            _remote(loc.path, loc, f"{{{role}}}", file, out)
            out.refused.append((loc.line - 1, loc.line))
        elif file:
            out.refs.append(FileRef(f"{{{role}}}", file, loc))


def blank(text: str, ranges: list[tuple[int, int]]) -> str:
    """`text` with the lines in `ranges` emptied (line numbers stay as they were)."""
    if not ranges:
        return text
    lines = text.split("\n")
    for start, end in ranges:
        for index in range(max(start, 0), min(end, len(lines))):
            lines[index] = ""
    return "\n".join(lines)


def file_refusal(why_not, source_path: str, ref: FileRef) -> str | None:
    """The SRC005 message for a file `ref` of the source at `source_path` (root-relative)
    would read, or None when it may be read. `why_not(relpath)` is the tree's judge. A
    leading / is the source folder (standard/), as in Sphinx; docutils' own `<name>` files
    are outside the repository."""
    from .paths import lexical

    target = ref.target.strip()
    if target.startswith("<") and target.endswith(">"):
        reason = "reaches outside the repository (a file of docutils)"
    else:
        base = PurePosixPath("standard") if target.startswith("/") else PurePosixPath(source_path).parent
        rel = lexical((base / target.lstrip("/")).as_posix())
        reason = "reaches outside the repository" if rel is None else why_not(rel.as_posix())
    if reason and ref.what == "a link" and reason.startswith("is a folder"):
        return None  # a link to a folder reads nothing
    return f"{ref.what} of '{ref.target}' {reason}" if reason else None
