"""comments/<round>.yaml: loaded strictly (located errors, schema-validated) and written
atomically (a temporary file in the same folder, then renamed over the old one)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..atomicfile import write_atomic
from ..diagnostics import Diagnostic
from ..errors import LoadError
from ..model import Loc
from ..schemacheck import validate
from ..yamlsrc import YamlDoc, load_yaml_bytes
from .errors import CommentsError
from .records import ROUND_NAME, ROUNDS_DIR, Comment, Round

SCHEMA = "comments.schema.json"
HEADER = ("# A comment round: written by `stkit comments import`. Record each disposition with\n"
          "# `stkit comments dispose` or edit it here (docs/comments.md); keep every id.\n")


@dataclass
class Rounds:
    """Every round of the project that loads, with its YAML (to locate findings)."""

    rounds: list[Round] = field(default_factory=list)
    docs: dict[str, YamlDoc] = field(default_factory=dict)  # round name -> its YAML
    diagnostics: list[Diagnostic] = field(default_factory=list)


def round_path(root: Path, name: str) -> Path:
    if not ROUND_NAME.match(name):
        raise CommentsError(f"round name '{name}' is not allowed: use lower-case letters, digits, "
                            f"'.', '-' and '_' (e.g. 2026-cws14)")
    return root / ROUNDS_DIR / f"{name}.yaml"


def load_rounds(root: Path) -> Rounds:
    """Every comments/*.yaml under `root`; never raises for a user's mistake."""
    out = Rounds()
    folder = root / ROUNDS_DIR
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.yaml")):
        shown = f"{ROUNDS_DIR}/{path.name}"
        loaded = load_round_file(root, path, shown, out.diagnostics)
        if loaded is not None:
            rnd, doc = loaded
            out.rounds.append(rnd)
            out.docs[rnd.name] = doc
    return out


def load_round_file(root: Path, path: Path, shown: str, diags: list[Diagnostic]
                    ) -> tuple[Round, YamlDoc] | None:
    """One round file, read through the path guard: only a regular file inside the repository
    is opened (never a link out of it, a device such as /dev/zero, or a FIFO, which could
    block or never end), and a refusal is one located REG005 that shows nothing of the file."""
    from ..guard.paths import Refused, read_path

    try:
        raw, reason = read_path(path, root), None
    except Refused as exc:
        raw, reason = None, str(exc)
    except OSError as exc:
        raw, reason = None, f"cannot be read ({exc.strerror})"
    if raw is None and reason is None:
        reason = "does not exist"
    if reason is not None:
        diags.append(Diagnostic.at("REG005", Loc(shown), f"not a regular file inside the repository: it {reason}"))
        return None
    try:
        doc = load_yaml_bytes(raw, shown)
    except LoadError as exc:
        diags.append(Diagnostic.at(exc.code, Loc(exc.path, exc.line, exc.col), exc.message))
        return None
    found = validate(doc, SCHEMA)
    if found:
        diags += found
        return None
    data = doc.data
    if path.stem != data["round"]:
        line, col = doc.position(("round",))
        diags.append(Diagnostic.at("REG003", Loc(shown, line, col),
                                   f"round: '{data['round']}' but the file is {path.name}; "
                                   f"the round's name is its file name"))
        return None
    rnd = Round(data["round"], data["standard"], [Comment.from_data(c) for c in data["comments"]],
                path=shown)
    return rnd, doc


def load_round(root: Path, name: str, *, must_exist: bool = True) -> tuple[Round, YamlDoc | None]:
    """One round by name; a clear one-line error when it is missing or broken."""
    path = round_path(root, name)
    shown = f"{ROUNDS_DIR}/{name}.yaml"
    if not path.exists() and not path.is_symlink():
        if must_exist:
            raise CommentsError(f"{shown}: no such round; import forms into it with "
                                f"`stkit comments import FORM... --round {name}`")
        return Round(name, ""), None
    diags: list[Diagnostic] = []
    loaded = load_round_file(root, path, shown, diags)
    if loaded is None:
        d = diags[0]
        raise CommentsError(f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}")
    return loaded


def save_round(root: Path, rnd: Round) -> Path:
    path = round_path(root, rnd.name)
    text = HEADER + yaml.dump(rnd.to_data(), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                              width=100, default_flow_style=False)
    write_atomic(path, text.encode("utf-8"))
    return path




class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
