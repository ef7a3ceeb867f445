"""`stkit diff BASE [HEAD] --format docx -o FILE`: the text of HEAD as a Word document with
every change since BASE as Word revisions (tracked changes) a delegate accepts or rejects.

How (docs/word.md): both revisions are built with the same DOCX builder (`sphinx-build -b
docx`, each in its own process, from the files of that revision read through git). The
base's build records what each requirement and numbered paragraph says as written in Word;
the blocks of the two revisions are matched as the change report matches them (requirements
by ID, numbered paragraphs with compare.match_paragraphs); the head's build then writes its
text and marks, block by block, the words deleted and inserted (the diff's word redline),
whole blocks added or removed, with the author and date of the last commit that changed the
file holding each block (the registry for a requirement). Bookmarks are named after the
HTML anchors in both builds, so Word's own compare of two such files matches every link.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from lxml import etree

from ..atomicfile import write_atomic
from ..errors import UsageError
from ..gitrev import GitTree, repo_top
from ..project import STANDARD_DIR
from ..registry import REGISTRY_FILE
from ..translation.catalog import LOCALE_DIR, REGISTRY_DOMAIN, po_path
from .compare import match_paragraphs
from .load import load_side, _catalogues

WORKING_AUTHOR = "Working tree"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocxDiffError(Exception):
    """The tracked-changes document cannot be made; one line says why."""


def write(root: Path, base: str, head: str | None, output: Path, *,
          env: dict[str, str] | None = None, lang: str | None = None) -> dict:
    """Write the tracked-changes DOCX of `base`..`head` (None: the working tree) to `output`.
    Returns counts: {"inserted": n, "deleted": n}. `env`: the builds' environment (default:
    this process's), e.g. a release's reproducible one. `lang`: both revisions built in that
    language (`-D language=`), each with its own catalogues."""
    root = Path(root).resolve()
    repo_top(root)
    if not (root / "conf.py").is_file():
        raise DocxDiffError(f"{root.name}/conf.py: not found; the DOCX is built with the project's "
                            "Sphinx configuration")
    cats = _catalogues()
    old, _ = load_side(root, base, cats)
    new, _ = load_side(root, head, cats)
    with tempfile.TemporaryDirectory(prefix="stkit-docx-diff-") as tmp:
        work = Path(tmp)
        language = {"language": lang} if lang else {}
        base_root = materialise(root, base, work / "base", lang)
        base_blocks = work / "base-blocks.json"
        sphinx_docx(root, base_root, work / "base-out", {"stkit_docx_blocks": str(base_blocks), **language},
                    "BASE", env)
        blocks = json.loads(base_blocks.read_text(encoding="utf-8"))
        plan = make_plan(blocks, old, new, who(root, base, head, old, new, env, lang))
        plan_file = work / "plan.json"
        plan_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        head_root = root if head is None else materialise(root, head, work / "head", lang)
        out = work / "head-out"
        sphinx_docx(root, head_root, out, {"stkit_docx_revisions": str(plan_file), **language}, "HEAD", env)
        built = sorted(out.glob("*.docx"))
        if len(built) != 1:
            raise DocxDiffError(f"the DOCX build of HEAD left {len(built)} files, not one")
        data = built[0].read_bytes()
    write_atomic(output, data)
    return revision_counts(data)


def revision_counts(data: bytes) -> dict:
    """How many insertions and deletions of text the document holds (w:ins and w:del round
    runs; the marks of whole inserted or deleted paragraphs go with their text)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    counts = {"inserted": 0, "deleted": 0}
    for kind, key in (("ins", "inserted"), ("del", "deleted")):
        counts[key] = sum(1 for mark in root.iter(W + kind) if mark.getparent().tag != W + "rPr")
    return counts


def materialise(root: Path, rev: str, folder: Path, lang: str | None = None) -> Path:
    """The registry and the standard's folder at `rev`, as regular files under `folder`, and
    with `lang` that revision's catalogues of it (locale/<lang>/LC_MESSAGES/)."""
    tree = GitTree(root, rev)
    catalogues = f"{LOCALE_DIR}/{lang}/LC_MESSAGES/" if lang else None
    for rel in sorted(tree._blobs):
        if rel != REGISTRY_FILE and not rel.startswith(STANDARD_DIR + "/") \
                and not (catalogues and rel.startswith(catalogues) and rel.endswith(".po")):
            continue
        parts = PurePosixPath(rel).parts
        if any(part in ("", ".", "..") for part in parts):
            continue
        data = tree.read(rel)
        if data is None:
            continue
        target = folder.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


def sphinx_docx(conf_root: Path, project: Path, out: Path, settings: dict[str, str], side: str,
                env: dict[str, str] | None = None) -> None:
    command = [sys.executable, "-m", "sphinx", "-b", "docx", "-c", str(conf_root), "-q", "-E", "--no-color",
               "-d", str(out / ".doctrees")]
    for key, value in settings.items():
        command += ["-D", f"{key}={value}"]
    command += [str(project / STANDARD_DIR), str(out)]
    env = {**(os.environ if env is None else env), "STKIT_ROOT": str(project)}
    done = subprocess.run(command, cwd=conf_root, env=env, capture_output=True, text=True,
                          errors="replace")
    if done.returncode != 0:
        lines = [line.strip() for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        errors = [line for line in lines if "error" in line.lower() and "report" not in line.lower()]
        detail = errors[0] if errors else (lines or [f"exit status {done.returncode}"])[-1]
        if len(errors) > 1:
            detail += f" (and {len(errors) - 1} more)"
        raise DocxDiffError(f"the DOCX build of {side} failed: "
                            + detail.replace(str(project) + "/", ""))


def block_key(doc: str, anchor: str | None) -> str:
    """A block's key: its document and anchor (a paragraph number can repeat across the
    documents of a revision whose paragraphs restart in each file)."""
    return f"{doc}#{anchor}"


def make_plan(base_blocks: list[dict], old, new, who: dict) -> dict:
    """Which block of HEAD each block of BASE is, and the blocks removed, by block_key()."""
    doc_old = {sf.path: sf.docname for sf in old.sources}
    doc_new = {sf.path: sf.docname for sf in new.sources}
    pairs = match_paragraphs(old.paragraphs, new.paragraphs)
    para_map = {}
    for i, j in pairs:
        a, b = old.paragraphs[i], new.paragraphs[j]
        para_map[block_key(doc_old.get(a.loc.path, ""), a.anchor)] = block_key(doc_new.get(b.loc.path, ""), b.anchor)
    placed_new = {p.req_id: sf.docname for sf in new.sources for p in sf.placements}
    head_of: dict[str, str] = {}
    for block in base_blocks:
        key = block_key(block["doc"], block["anchor"])
        if block["kind"] == "req":
            rid = block["anchor"][len("req-"):].upper() if block["anchor"] else ""
            if rid in placed_new:
                head_of[key] = block_key(placed_new[rid], block["anchor"])
        elif key in para_map:
            head_of[key] = para_map[key]
    keys = [block_key(b["doc"], b["anchor"]) for b in base_blocks]
    matched = {head_of[k]: b for k, b in zip(keys, base_blocks) if k in head_of}
    removed = []
    for index, block in enumerate(base_blocks):
        if keys[index] in head_of:
            continue
        prev = next((i for i in range(index - 1, -1, -1) if keys[i] in head_of), None)
        nxt = next((i for i in range(index + 1, len(keys)) if keys[i] in head_of), None)
        # Where it stood: before the block that followed it in the same section; else, the
        # last of a subsection, after the block before it; else at the end of its document.
        if nxt is not None and base_blocks[nxt].get("section") == block.get("section"):
            removed.append({**block, "before": head_of[keys[nxt]]})
        elif (prev is not None and base_blocks[prev].get("section") == block.get("section")
              and block.get("depth", 1) > 1):
            removed.append({**block, "after": head_of[keys[prev]]})
        else:
            removed.append({**block, "end_of": block["doc"]})
    return {"matched": matched, "removed": removed, "who": who["files"], "default": who["default"]}


def who(root: Path, base: str, head: str | None, old, new, env: dict[str, str] | None = None,
        lang: str | None = None) -> dict:
    """The author and date of each changed file: the last commit in BASE..HEAD that changed
    it; an uncommitted change is the working tree's, dated now (or SOURCE_DATE_EPOCH). With
    `lang`, a chapter's or the registry's catalogue in that language counts as part of it."""
    top, prefix = repo_top(root)
    files = {"registry": [REGISTRY_FILE]}
    for sf in list(old.sources) + list(new.sources):
        files[sf.docname] = [sf.path]
    if lang:
        for key in files:
            files[key].append(po_path(lang, REGISTRY_DOMAIN if key == "registry" else key))
    head_rev = head or "HEAD"
    out: dict[str, dict] = {}
    default = None
    for key, rels in files.items():
        paths = [prefix + rel for rel in rels]
        info = None
        if head is None and _git(top, "diff", "--quiet", "HEAD", "--", *paths, check=False) == 1:
            info = {"author": _git_text(top, "config", "user.name") or WORKING_AUTHOR, "date": _now(env)}
        else:
            line = _git_text(top, "log", "-1", "--format=%an%x00%at", f"{base}..{head_rev}", "--", *paths)
            if line and "\0" in line:
                name, stamp = line.split("\0", 1)
                info = {"author": name, "date": _iso(int(stamp))}
        if info:
            out[key] = info
    line = _git_text(top, "log", "-1", "--format=%an%x00%at", head_rev)
    if line and "\0" in line:
        name, stamp = line.split("\0", 1)
        default = {"author": name, "date": _iso(int(stamp))}
    return {"files": out, "default": default or {"author": WORKING_AUTHOR, "date": _now(env)}}


def _git(top: Path, *args: str, check: bool = True):
    done = subprocess.run(["git", "-C", str(top), *args], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise UsageError(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.returncode


def _git_text(top: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(top), *args], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def _iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _now(env: dict[str, str] | None = None) -> str:
    epoch = (os.environ if env is None else env).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _iso(int(epoch))
    return _iso(int(datetime.now(timezone.utc).timestamp()))
