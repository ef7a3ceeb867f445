"""Reading the PO files of `locale/<lang>/LC_MESSAGES/` (polib), each message with the line of
its msgstr, so a finding points where a translator edits. A catalogue whose bytes were read
before is taken from the cache (usercache.py, kind `po`) instead of being parsed again."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..guard.paths import Refused
from ..usercache import ContentCache, content_key

LOCALE_DIR = "locale"
REGISTRY_DOMAIN = "registry"


def po_path(lang: str, domain: str) -> str:
    return f"{LOCALE_DIR}/{lang}/LC_MESSAGES/{domain}.po"


@dataclass(frozen=True)
class Message:
    """One message of a PO catalogue."""

    context: str | None
    msgid: str
    msgstr: str
    fuzzy: bool
    obsolete: bool
    comment: str  # the extracted comment ("statement", "title" ...)
    line: int  # of the msgstr, 1-based
    msgstr_col: int  # column where the msgstr's text starts
    chunks: tuple = ()  # (line, col, length) of each quoted piece of the msgstr, in order

    def position(self, offset: int) -> tuple[int, int]:
        """(line, col) in the PO file of the character at `offset` in the msgstr."""
        for line, col, length in self.chunks:
            if offset < length:
                return line, col + offset
            offset -= length
        return self.line, self.msgstr_col

    @property
    def current(self) -> bool:
        """Translated, and not marked fuzzy: the only translations a build uses."""
        return bool(self.msgstr) and not self.fuzzy and not self.obsolete


@dataclass
class PoFile:
    """One language's PO catalogue of one document, as read (or why it could not be)."""

    lang: str
    domain: str
    path: str  # relative to the project root
    messages: list[Message] = field(default_factory=list)
    error: str | None = None  # why it could not be read
    error_line: int = 1

    def current(self) -> dict[tuple[str | None, str], str]:
        """(context, English) -> translation, for the current translations only."""
        return {(m.context, m.msgid): m.msgstr for m in self.messages if m.current}


def parse(text: str, lang: str, domain: str, path: str) -> PoFile:
    import polib  # pure Python and slow to read with: only for a catalogue not in the cache

    po = PoFile(lang, domain, path)
    try:
        entries = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError, UnicodeError) as exc:
        po.error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        line = _error_line(po.error)
        po.error_line = line or 1
        return po
    lines = text.splitlines()
    for entry in list(entries) + list(entries.obsolete_entries()):
        if not entry.msgid:
            continue
        line, col = _msgstr_line(lines, entry.linenum)
        po.messages.append(Message(entry.msgctxt, entry.msgid, entry.msgstr, entry.fuzzy,
                                   entry.obsolete, entry.comment or "", line, col,
                                   _chunks(lines, line)))
    return po


def _to_cache(po: PoFile) -> dict:
    """What `parse` made of a file, as JSON data (usercache.py)."""
    return {"error": po.error, "error_line": po.error_line,
            "messages": [[m.context, m.msgid, m.msgstr, m.fuzzy, m.obsolete, m.comment, m.line,
                          m.msgstr_col, [list(c) for c in m.chunks]] for m in po.messages]}


def _from_cache(entry: dict, lang: str, domain: str, path: str) -> PoFile | None:
    """The catalogue `_to_cache` stored, or None when the entry is not of that form."""
    try:
        messages = [Message(c, i, s, bool(f), bool(o), m, int(li), int(co), tuple(tuple(k) for k in ch))
                    for c, i, s, f, o, m, li, co, ch in entry["messages"]]
        return PoFile(lang, domain, path, messages, entry["error"], int(entry["error_line"]))
    except (KeyError, TypeError, ValueError):
        return None


def _chunks(lines: list[str], first: int) -> tuple:
    """The quoted pieces of a msgstr starting at line `first`: (line, col, unescaped length).
    Escapes count as one character (\\n, \\" ...), as in the unescaped msgstr."""
    out = []
    index = first - 1
    while index < len(lines):
        raw = lines[index]
        start = raw.find('"')
        end = raw.rfind('"')
        if start < 0 or end <= start:
            break
        body = raw[start + 1:end]
        length = len(re.sub(r"\\.", "x", body))
        out.append((index + 1, start + 2, length))
        index += 1
        if index < len(lines) and not lines[index].lstrip("#~ ").startswith('"'):
            break
    return tuple(out)


def _error_line(message: str) -> int | None:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


def _msgstr_line(lines: list[str], start: int) -> tuple[int, int]:
    """The line of the msgstr of the entry that begins at `start` (1-based), and the column of
    its text (the first character after `msgstr "`, or of the next line when it is empty)."""
    for index in range(max(start - 1, 0), len(lines)):
        text = lines[index].lstrip("#~ ")
        if text.startswith("msgstr"):
            if text.rstrip().endswith('""') and index + 1 < len(lines) \
                    and lines[index + 1].lstrip("#~ ").startswith('"'):
                return index + 2, lines[index + 1].index('"') + 2
            return index + 1, lines[index].index('"') + 2
    return start, 1


def read_catalogues(tree, languages: list[str]) -> list[PoFile]:
    """Every PO file of the translated languages, read through the project's tree (so a git
    revision reads its own catalogues). Only files inside `locale/<lang>/LC_MESSAGES/`."""
    files = []
    cache = ContentCache.open("po", getattr(tree, "root", None) if languages else None,
                              ("translation/catalog.py",), ("polib",))
    for lang in languages:
        for path in _po_files(tree, lang):
            try:
                raw = tree.read(path)
            except Refused as exc:  # a link out of the project, a device: never read
                files.append(PoFile(lang, path.rsplit("/", 1)[1][: -len(".po")], path,
                                    error=f"{exc}; only regular files inside the repository are read"))
                continue
            if raw is None:
                continue
            domain = path.rsplit("/", 1)[1][: -len(".po")]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                po = PoFile(lang, domain, path, error=f"not UTF-8 ({exc.reason})")
                files.append(po)
                continue
            key = content_key(raw)
            entry = cache.get(key)
            po = _from_cache(entry, lang, domain, path) if entry is not None else None
            if po is None:
                po = parse(text, lang, domain, path)
                cache.put(key, _to_cache(po))
            files.append(po)
    cache.save()
    return files


def _po_files(tree, lang: str) -> list[str]:
    lister = getattr(tree, "list_files", None)
    base = f"{LOCALE_DIR}/{lang}/LC_MESSAGES"
    if lister is not None:
        return [p for p in lister(base) if p.endswith(".po")]
    root = getattr(tree, "root", None)
    if root is None:
        return []
    folder = root / base
    if not folder.is_dir():
        return []
    # links are listed too, so that reading refuses them (TRN003) instead of skipping silently
    return sorted(f"{base}/{p.name}" for p in folder.iterdir() if p.suffix == ".po"
                  and (p.is_symlink() or p.is_file()))
